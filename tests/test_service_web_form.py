"""The web form builds v2 offers from the chosen tender: no browser, the app in-process (Starlette's client).

The form is read back with the standard library's HTML parser, so the assertions are about what a
user (or a screen reader) gets: which inputs exist, which label names each, which error stands in
the same field block as its input, which value an input still holds.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from compliance.inputs.tenders import bundled_tender_ids, resolve_tender
from compliance.service.app import create_app
from compliance.service.keys import Role
from compliance.service.offer_form import ANSWERS, CV_FIELD, offer_form
from compliance.service.settings import EvidenceOptions, ServiceSettings

ROOT = Path(__file__).resolve().parent.parent
GGD = ROOT / "examples" / "ggd-nog-28307"
GGD_TENDER = "flextender-28307"


class FormPage(HTMLParser):
    """What a filled-in form page shows: inputs (by id), labels, legends and the field block of each input."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inputs: dict[str, dict[str, str]] = {}  # id -> attributes (+ "text" for a textarea, "selected")
        self.label_for: dict[str, str] = {}
        self.legends: list[str] = []
        self.fieldsets = 0
        self.field_text: dict[str, str] = {}  # input id -> all text of its .field block
        self._div_depth = 0
        self._field: tuple[int, list[str], list[str]] | None = None  # (depth, text, input ids)
        self._capture: tuple[str, str] | None = None  # ("label", for) / ("legend", "") / ("textarea", id)
        self._text: list[str] = []
        self._in_template = 0
        self._select: str | None = None
        self._option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "template":
            self._in_template += 1
        if self._in_template:
            return
        if tag == "div":
            self._div_depth += 1
            if "field" in attributes.get("class", "").split() and self._field is None:
                self._field = (self._div_depth, [], [])
        elif tag == "fieldset":
            self.fieldsets += 1
        elif tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            if "visually-hidden" in attributes.get("class", ""):
                return
            self.inputs[attributes.get("id", "")] = attributes
            if self._field is not None:
                self._field[2].append(attributes.get("id", ""))
            if tag == "textarea":
                self._capture, self._text = ("textarea", attributes.get("id", "")), []
            if tag == "select":
                self._select = attributes.get("id", "")
        elif tag == "option" and self._select is not None and "selected" in attributes:
            self.inputs[self._select]["selected"] = attributes.get("value", "")
        elif tag == "label":
            self._capture, self._text = ("label", attributes.get("for", "")), []
        elif tag == "legend":
            self._capture, self._text = ("legend", ""), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._in_template -= 1
        if self._in_template:
            return
        if tag == "div":
            if self._field is not None and self._field[0] == self._div_depth:
                text = " ".join(" ".join(self._field[1]).split())
                for input_id in self._field[2]:
                    self.field_text[input_id] = text
                self._field = None
            self._div_depth -= 1
        elif tag == "select":
            self._select = None
        elif self._capture is not None and tag == self._capture[0]:
            text = " ".join("".join(self._text).split())
            if tag == "label":
                self.label_for[self._capture[1]] = text
            elif tag == "legend":
                self.legends.append(text)
            else:
                self.inputs[self._capture[1]]["text"] = "".join(self._text)
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._in_template:
            return
        if self._capture is not None:
            self._text.append(data)
        if self._field is not None:
            self._field[1].append(data)

    def value(self, input_id: str) -> str:
        attributes = self.inputs[input_id]
        return attributes.get("text", attributes.get("selected", attributes.get("value", "")))


def _page(markup: str) -> FormPage:
    page = FormPage()
    page.feed(markup)
    page.close()
    return page


@pytest.fixture
def agency(tmp_path: Path) -> Iterator[tuple[TestClient, str]]:
    """The service with the GGD registry snapshot, logged in as an agency through the login form; its key."""
    app = create_app(ServiceSettings(data_dir=tmp_path / "data", evidence=EvidenceOptions(registry=GGD / "registry")))
    with TestClient(app) as test_client:
        _, key = app.state.services.keys.add("Zorgprofs Oost B.V.", Role.AGENCY)
        login = test_client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', login.text)
        assert token is not None
        answer = test_client.post("/login", data={"csrf_token": token[1], "key": key}, follow_redirects=False)
        assert answer.status_code == 303
        yield test_client, key


@pytest.fixture
def client(agency: tuple[TestClient, str]) -> TestClient:
    return agency[0]


def _csrf(markup: str) -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', markup)
    assert token is not None
    return token[1]


def _ggd_values(**changes: str) -> dict[str, str]:
    """Sanne Willemsen's offer (example S-0001) as the form's values, with changes."""
    tender, _ = resolve_tender(GGD_TENDER)
    document = json.loads((GGD / "S-0001-sanne-willemsen.json").read_text(encoding="utf-8"))
    return {**offer_form(tender).values_of(document), **changes}


def _post(client: TestClient, values: dict[str, str], action: str = "check") -> Any:
    form_url = f"/aanbestedingen/{GGD_TENDER}/inschrijving"
    token = _csrf(client.get(form_url).text)
    return client.post(form_url, data={"csrf_token": token, "action": action, **values}, follow_redirects=False)


@pytest.mark.parametrize("tender_id", bundled_tender_ids())
def test_the_form_of_every_bundled_tender_has_an_answer_block_per_requirement_and_a_label_per_input(
    client: TestClient, tender_id: str
) -> None:
    tender, _ = resolve_tender(tender_id)
    response = client.get(f"/aanbestedingen/{tender_id}/inschrijving")
    assert response.status_code == 200
    page = _page(response.text)
    unlabelled = [input_id for input_id in page.inputs if input_id not in page.label_for]
    assert unlabelled == []
    answer_labels = [label for input_id, label in page.label_for.items() if input_id.startswith("f-answers-")]
    assert len(set(answer_labels)) == len(answer_labels) == 2 * len(tender.requirements)
    for legend in (
        "Leverancier (inschrijver)",
        "Kandidaat",
        "Dienstverband van de kandidaat",
        "Werkervaring",
        "Registraties",
        "Cursussen en certificaten",
        "Referenties",
        "Tarief",
        "Antwoorden per eis en wens",
    ):
        assert legend in page.legends
    for index, requirement in enumerate(tender.requirements):
        weight = "eis (knock-out)" if requirement.kind == "knockout" else "wens, "
        assert any(legend.startswith(f"{requirement.id} · {weight}") for legend in page.legends)
        assert f"f-answers-{index}-text" in page.inputs
        assert f"f-answers-{index}-cv-pages" in page.inputs
        assert (requirement.clause.text or requirement.clause.reference) in response.text
    # v1's closed code lists are gone: the candidate's jobs are free text.
    assert "f-candidate-experience-0-role-type" not in page.inputs
    assert "f-candidate-experience-0-description" in page.inputs
    if tender.rate.max_hourly_rate_eur is not None:
        assert f"{tender.rate.max_hourly_rate_eur:.2f}".replace(".", ",") in page.field_text["f-offer-hourly-rate-eur"]


def test_a_filled_in_form_gives_back_the_offer_it_was_made_from() -> None:
    tender, _ = resolve_tender(GGD_TENDER)
    form = offer_form(tender)
    original = json.loads((GGD / "S-0001-sanne-willemsen.json").read_text(encoding="utf-8"))
    values = form.values_of(original)
    assert values["/answers/5/text"].startswith("Ik werk graag preventief")  # C is the tender's 6th requirement
    assert values["/candidate/experience/0/description"].startswith("Consulten voor kinderen")
    built = form.build(values, has_cv=False).document
    assert built["schema_version"] == "2"
    for key in ("tender_id", "submission_id", "supplier", "offer", "answers"):
        assert built[key] == original[key], key
    assert built["submitted_at"] == original["submitted_at"]
    for key in ("education", "registrations", "courses", "references"):
        assert built["candidate"][key] == original["candidate"][key], key
    jobs = [{k: v for k, v in job.items() if v is not None} for job in built["candidate"]["experience"]]
    assert jobs == [{k: v for k, v in job.items() if v is not None} for job in original["candidate"]["experience"]]
    assert form.build(values, has_cv=True).document["documents"]["cv"]["file"] == "cv.pdf"


def test_blank_rows_and_answers_are_dropped_and_problems_point_back_at_the_row_the_user_sees() -> None:
    tender, _ = resolve_tender(GGD_TENDER)
    form = offer_form(tender)
    values = {
        "/candidate/experience/1/role": "Jeugdverpleegkundige",  # row 0 left blank
        "/answers/2/cv_pages": "2",  # K3: pages without a motivation
        "/answers/5/text": "Ik ken de regio.",
        "/candidate/employment/lenders": "99992001, 99992006",
    }
    built = form.build(values, has_cv=False)
    assert built.document["candidate"]["experience"] == [{"role": "Jeugdverpleegkundige", "end": None}]
    assert built.document["answers"] == [
        {"requirement": "K3", "cv_pages": [2]},
        {"requirement": "C", "text": "Ik ken de regio."},
    ]
    assert built.document["candidate"]["employment"] == {"lenders": ["99992001", "99992006"]}
    assert built.form_pointer("/candidate/experience/0/start") == "/candidate/experience/1/start"
    assert built.form_pointer("/answers/0/text") == "/answers/2/text"
    assert built.form_pointer("/answers/1") == "/answers/5/text"
    assert built.form_pointer("/candidate/employment/lenders/1") == "/candidate/employment/lenders"
    assert built.form_pointer("/documents/cv/file") == CV_FIELD
    assert form.label_for("/answers/2/text") == "Antwoorden: Toelichting op K3"
    assert form.label_for("/candidate/experience/1/start") == "Ervaring 2: Begonnen op"


def test_adding_a_row_without_javascript_keeps_what_was_typed(client: TestClient) -> None:
    values = _ggd_values()
    response = _post(client, values, action="add:experience")
    assert response.status_code == 200
    page = _page(response.text)
    assert page.value("f-candidate-experience-1-employer") == "Ziekenhuis Gelderse Vallei"
    assert page.value("f-candidate-experience-2-role") == ""  # the new, empty row
    assert "Ervaring 3" in page.legends
    assert page.value("f-answers-5-text").startswith("Ik werk graag preventief")
    assert page.value("f-candidate-education-0-level") == "hbo_bachelor"


def test_field_errors_stand_next_to_their_field_in_dutch_and_the_values_are_kept(client: TestClient) -> None:
    values = _ggd_values(**{"/supplier/kvk_number": "9999-2001", "/answers/5/cv_pages": "een"})
    response = _post(client, values)
    assert response.status_code == 422
    page = _page(response.text)
    assert "heeft niet het verwachte formaat" in page.field_text["f-supplier-kvk-number"]
    assert page.inputs["f-supplier-kvk-number"]["aria-invalid"] == "true"
    assert "Fout:" in page.field_text["f-answers-5-cv-pages"]
    assert page.inputs["f-answers-5-cv-pages"]["aria-invalid"] == "true"
    assert "Fout:" not in page.field_text["f-answers-5-text"]
    summary = re.search(r'<div class="alert error" role="alert" id="foutoverzicht".*?</div>', response.text, re.S)
    assert summary is not None
    assert 'href="#f-supplier-kvk-number">Leverancier (inschrijver): KvK-nummer</a>' in summary[0]
    assert 'href="#f-answers-5-cv-pages">Antwoorden: Cv-pagina(&#39;s) voor C</a>' in summary[0]
    assert page.value("f-supplier-kvk-number") == "9999-2001"
    assert page.value("f-candidate-name") == "Sanne Willemsen"
    assert page.value("f-answers-5-text").startswith("Ik werk graag preventief")


def test_a_failed_knockout_shows_its_remedy_under_the_reason_and_the_score_per_criterion(
    agency: tuple[TestClient, str],
) -> None:
    client, key = agency
    values = {k: v for k, v in _ggd_values().items() if not k.startswith("/candidate/registrations/")}
    response = _post(client, values)
    assert response.status_code == 303
    check_id = response.headers["location"].rsplit("/", 1)[1]
    result = client.get(response.headers["location"])
    assert result.status_code == 200
    assert "Oordeel: <strong>VOLDOET NIET</strong>" in result.text
    # The page shows the decision record's own reason, and its remedy directly under it.
    record = client.get(f"/v1/checks/{check_id}", headers={"Authorization": f"Bearer {key}"}).json()["report"]
    (failed,) = [f for f in record["findings"] if f["status"] == "fail"]
    assert failed["check_id"] == "KO-REG-001" and failed["requirement_id"] == "K2"
    assert failed["reason"] == "Geen BIG-registratie opgegeven."
    finding = re.search(r'<li class="finding status-fail">.*?</li>', result.text, re.S)
    assert finding is not None and "KO-REG-001 (K2)" in finding[0]
    shown = re.search(r'<p class="reason">(.*?)</p>\s*<p class="remedy">(.*?)</p>', finding[0], re.S)
    assert shown is not None
    assert html.unescape(shown[1]) == f'<span class="lead">Waarom:</span> {failed["reason"]}'
    # The record names the field by JSON pointer; the page by the form's own label for it.
    readable = offer_form(resolve_tender(GGD_TENDER)[0]).readable(failed["remedy"])
    assert html.unescape(shown[2]) == f'<span class="lead">Wat kunt u doen:</span> {readable}'
    assert "/candidate/registrations/0" in failed["remedy"] and "‘Registratie 1’" in readable
    assert "BIG" in failed["remedy"]
    rows = {
        m["id"]: (m["outcome"], m["points"])
        for m in re.finditer(
            r'<tr class="score-\w+"><th scope="row">(?P<id>\w+)<br>.*?'
            r'<span class="badge[^"]*">(?P<outcome>[^<]+)</span></td><td class="num">(?P<points>[^<]+)</td>',
            result.text,
        )
    }
    assert rows == {"A": ("behaald", "40 / 40"), "B": ("behaald", "30 / 30"), "C": ("te beoordelen", "0–30 / 30")}
    assert "Zeker verdiend: <strong>70 van 100 punten</strong>; nog te beoordelen: 30 punten" in result.text

    # Correcting it starts from the same offer, answers included.
    again = _page(client.get(f"/aanbestedingen/{GGD_TENDER}/inschrijving?van={check_id}").text)
    assert again.value("f-answers-5-text").startswith("Ik werk graag preventief")
    assert again.value("f-candidate-registrations-0-register") == ""


def test_a_wens_left_unanswered_is_shown_as_missing(client: TestClient) -> None:
    values = {k: v for k, v in _ggd_values().items() if not k.startswith(f"{ANSWERS}/5/")}
    response = _post(client, values)
    assert response.status_code == 303
    result = client.get(response.headers["location"]).text
    assert "Oordeel: <strong>VOLDOET</strong>" in result
    row = re.search(r'<tr class="score-not_met"><th scope="row">C<br>.*?</tr>', result)
    assert row is not None
    assert '<span class="badge badge-score-not_met">ontbreekt</span>' in row[0]
    assert '<td class="num">0 / 30</td>' in row[0]
