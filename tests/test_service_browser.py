"""The web page in a real browser: Debian's headless Chromium, driven by Playwright.

* The offer form of every bundled tender loads, with one answer block per requirement and a label
  on every input.
* On the GGD tender (BIG register, zzp allowed) an agency account manager logs in with the
  keyboard, types the offer of example S-0001 (adding the second job with the button), first with
  a KvK number of the wrong shape (the Dutch error stands next to the field, everything typed is
  kept), then without the BIG registration (knock-out K2 fails, its remedy directly under the
  reason, the expected score per wens), adds the registration and the CV, checks again, downloads
  the signed PDF and has it verified by the service's ``/v1/verify``.
* Keyboard only: Tab reaches the fields with a visible focus ring, a row is added with Enter and
  Enter in a text field checks the offer.

Every page is screenshotted (into ``COMPLIANCE_SCREENSHOT_DIR`` when set, to look at them).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cv_pdfs import pdf_bytes

from compliance.inputs.tenders import bundled_tender_ids, resolve_tender
from compliance.service.offer_form import input_id, offer_form

CHROMIUM = Path("/usr/bin/chromium")
GGD = Path(__file__).resolve().parent.parent / "examples" / "ggd-nog-28307"
GGD_TENDER = "flextender-28307"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium, or run .ci/services.sh)"
)

# Sanne Willemsen's CV (example S-0001), two pages, as the GGD posting asks: Dutch, BIG number and
# expiry in the CV, one reference.
CV_PAGES = [
    """Curriculum vitae
Sanne Willemsen
Jeugdverpleegkundige

Profiel
Ik ben jeugdverpleegkundige met ruim tien jaar ervaring in de zorg voor kinderen en gezinnen. Op het
consultatiebureau begeleid ik ouders van kinderen van 0 tot 4 jaar en signaleer ik risico's in groei,
ontwikkeling en opvoeding. Ik werk preventief en zoek de samenwerking met huisartsen en kraamzorg.

Registratie
BIG-registratienummer 19045612301, geldig tot 30 september 2029.

Werkervaring
September 2021 tot heden: jeugdverpleegkundige bij GGD Gelderland-Zuid.
Consulten op het consultatiebureau, huisbezoeken na de geboorte, verslaglegging in KD+.
September 2015 tot augustus 2021: verpleegkundige kinderafdeling, Ziekenhuis Gelderse Vallei.
""",
    """Opleiding
2011 tot 2015: HBO-Verpleegkunde, Saxion Hogeschool (diploma behaald op 3 juli 2015).

Cursussen
2023: Signaleren van kindermishandeling.

Referenties
M. Groeneveld, teamleider JGZ, GGD Gelderland-Zuid, m.groeneveld@example.org
""",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The service on 127.0.0.1 (uvicorn in a thread) with the GGD registry: (base URL, an agency's key)."""
    import uvicorn

    from compliance.service.app import create_app
    from compliance.service.keys import Role
    from compliance.service.settings import EvidenceOptions, ServiceSettings

    app = create_app(ServiceSettings(data_dir=tmp_path / "data", evidence=EvidenceOptions(registry=GGD / "registry")))
    _, key = app.state.services.keys.add("Zorgprofs Oost B.V.", Role.AGENCY)
    port = _free_port()
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        assert time.monotonic() < deadline, "the service did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", key
    instance.should_exit = True
    thread.join(30)


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        context = browser.new_context(accept_downloads=True, locale="nl-NL", viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()
        browser.close()


def _shoot(page: Any, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("COMPLIANCE_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _unlabelled(page: Any) -> list[str]:
    """Inputs a screen reader could not name: no <label for>, no aria-label."""
    names: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && !e.closest('template') && !e.classList.contains('visually-hidden'))
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.name || e.id)"""
    )
    return names


def _log_in(page: Any, base: str, key: str) -> None:
    """Log in with the keyboard only: the key field has focus, Enter submits."""
    page.goto(f"{base}/")
    assert page.title().startswith("Inloggen")
    page.keyboard.type(key)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Aanbestedingen").wait_for()


def _sanne_values() -> dict[str, str]:
    """Example S-0001 as form values (input name -> text), exactly what a person would type."""
    tender, _ = resolve_tender(GGD_TENDER)
    document = json.loads((GGD / "S-0001-sanne-willemsen.json").read_text(encoding="utf-8"))
    return offer_form(tender).values_of(document)


def _fill(page: Any, values: dict[str, str]) -> None:
    for name, value in values.items():
        locator = page.locator(f"#{input_id(name)}")
        tag = locator.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
        if tag.startswith("select"):
            locator.select_option(value)
        elif tag == "input:checkbox":
            locator.set_checked(value == "on")
        else:
            locator.fill(value)


def _focus_by_tab(page: Any, selector: str, limit: int = 200) -> None:
    """Press Tab until the element ``selector`` has focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        if page.locator(selector).evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_the_offer_form_of_every_bundled_tender_loads_with_its_answer_blocks(
    server: tuple[str, str], page: Any, tmp_path: Path
) -> None:
    base, key = server
    _log_in(page, base, key)
    for tender_id in bundled_tender_ids():
        tender, _ = resolve_tender(tender_id)
        page.goto(f"{base}/aanbestedingen/{tender_id}/inschrijving")
        page.get_by_role("heading", name="Inschrijving controleren").wait_for()
        blocks = page.locator("fieldset.answer")
        assert blocks.count() == len(tender.requirements)
        for index, requirement in enumerate(tender.requirements):
            legend = blocks.nth(index).locator("legend").inner_text()
            assert legend.startswith(f"{requirement.id} · {'eis' if requirement.kind == 'knockout' else 'wens'}")
            assert page.get_by_label(f"Toelichting op {requirement.id}").is_visible()
        assert _unlabelled(page) == []
        _shoot(page, tmp_path, f"0-formulier-{tender_id}")


def test_an_agency_fixes_a_failed_knockout_and_downloads_a_verified_report(
    server: tuple[str, str], page: Any, tmp_path: Path
) -> None:
    base, key = server
    page.goto(f"{base}/")
    page.keyboard.type("cmp_ongeldig_sleutel")
    page.keyboard.press("Enter")
    page.get_by_role("alert").filter(has_text="onbekend of ingetrokken").wait_for()
    _shoot(page, tmp_path, "1-inloggen-fout")
    page.get_by_label("API-sleutel").fill(key)
    page.get_by_label("API-sleutel").press("Enter")
    page.get_by_role("heading", name="Aanbestedingen").wait_for()
    assert page.get_by_text("Ingelogd als").is_visible()
    _shoot(page, tmp_path, "2-aanbestedingen")

    page.get_by_role("link", name="Wijkverpleegkundige Jeugdgezondheidszorg").click()
    page.get_by_role("heading", name="Eisen").wait_for()
    assert page.get_by_role("heading", name="Wensen").is_visible()
    _shoot(page, tmp_path, "3-aanbesteding")
    page.get_by_role("link", name="Inschrijving controleren").click()
    page.get_by_role("heading", name="Inschrijving controleren").wait_for()

    values = _sanne_values()
    registration = {k: v for k, v in values.items() if k.startswith("/candidate/registrations/")}
    second_job = {k: v for k, v in values.items() if k.startswith("/candidate/experience/1/")}
    first_part = {k: v for k, v in values.items() if k not in registration and k not in second_job}
    _fill(page, {**first_part, "/supplier/kvk_number": "9999-2001"})  # not 8 digits
    # The second job with the button (the script adds the row in place and puts the focus in it).
    page.get_by_role("button", name="Nog een ervaring toevoegen").click()
    page.locator("#f-candidate-experience-1-role").wait_for()
    assert page.locator("#f-candidate-experience-1-role").evaluate("e => e === document.activeElement")
    _fill(page, second_job)
    assert _unlabelled(page) == []
    _shoot(page, tmp_path, "4-formulier")

    page.get_by_role("button", name="Controleren", exact=True).last.click()
    field = page.locator(".field.has-error", has=page.locator("#f-supplier-kvk-number"))
    field.get_by_text("heeft niet het verwachte formaat").wait_for()
    assert page.locator("#f-supplier-kvk-number").get_attribute("aria-invalid") == "true"
    assert page.get_by_role("alert").get_by_role("link", name="Leverancier (inschrijver): KvK-nummer").is_visible()
    assert page.input_value("#f-candidate-experience-1-employer") == "Ziekenhuis Gelderse Vallei"
    assert page.input_value("#f-answers-5-text").startswith("Ik werk graag preventief")
    _shoot(page, tmp_path, "5-veldfout")

    page.fill("#f-supplier-kvk-number", "99992001")
    page.get_by_role("button", name="Controleren", exact=True).last.click()
    page.get_by_text("Oordeel:").wait_for()
    assert "VOLDOET NIET" in page.locator(".verdict").inner_text()
    # The decision record's own reason and remedy, the remedy directly under the reason.
    check_id = page.url.rsplit("/", 1)[1]
    record = httpx.get(f"{base}/v1/checks/{check_id}", headers={"Authorization": f"Bearer {key}"}).json()["report"]
    (knockout,) = [f for f in record["findings"] if f["status"] == "fail"]
    assert (knockout["check_id"], knockout["requirement_id"]) == ("KO-REG-001", "K2")
    failed = page.locator("ul.findings li", has_text="KO-REG-001 (K2)")
    assert failed.locator("p.reason").inner_text() == "Waarom: Geen BIG-registratie opgegeven."
    remedy = failed.locator("p.reason + p.remedy")
    # The record names the field by JSON pointer; the page by the form's label for it.
    readable = offer_form(resolve_tender("flextender-28307")[0]).readable(knockout["remedy"])
    assert remedy.inner_text() == f"Wat kunt u doen: {readable}"
    assert "‘Registratie 1’" in readable
    below = page.evaluate(
        """() => {
            const item = [...document.querySelectorAll('ul.findings li')]
                .find(e => e.textContent.includes('KO-REG-001'));
            const reason = item.querySelector('p.reason').getBoundingClientRect();
            const remedy = item.querySelector('p.remedy').getBoundingClientRect();
            return remedy.top >= reason.bottom && Math.abs(remedy.left - reason.left) < 40;
        }"""
    )
    assert below, "the remedy is not directly under the reason"
    score = page.locator("table.score tbody tr")
    assert [score.nth(i).locator("td").first.inner_text() for i in range(score.count())] == [
        "behaald",
        "behaald",
        "te beoordelen",
    ]
    _shoot(page, tmp_path, "6-uitslag-voldoet-niet")

    page.get_by_role("link", name="Inschrijving aanpassen").click()
    assert page.input_value("#f-candidate-experience-1-role") == "Verpleegkundige kinderafdeling"
    _fill(page, registration)
    page.set_input_files(
        "#fcv-file", files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(CV_PAGES)}]
    )
    page.get_by_role("button", name="Controleren", exact=True).last.click()
    page.get_by_text("Oordeel:").wait_for()
    verdict = page.locator(".verdict").inner_text()
    assert "VOLDOET" in verdict and "VOLDOET NIET" not in verdict
    assert page.locator("ul.findings li.status-fail").count() == 0
    _shoot(page, tmp_path, "7-uitslag-voldoet")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ondertekend rapport downloaden (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "S-0001.pdf"
    target = tmp_path / "S-0001.pdf"
    download.save_as(str(target))
    verified = httpx.post(
        f"{base}/v1/verify", content=target.read_bytes(), headers={"Authorization": f"Bearer {key}"}, timeout=60
    ).json()
    assert verified["status"] == "valid" and verified["exit_code"] == 0, verified
    assert verified["submission_id"] == "S-0001"
    assert verified["verdict"] == "compliant"


def test_keyboard_only_tab_to_the_fields_add_a_row_and_check_with_enter(
    server: tuple[str, str], page: Any, tmp_path: Path
) -> None:
    base, key = server
    _log_in(page, base, key)
    _focus_by_tab(page, "a[href='/aanbestedingen/flextender-28307']")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Eisen").wait_for()
    _focus_by_tab(page, "a[href='/aanbestedingen/flextender-28307/inschrijving']")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Inschrijving controleren").wait_for()

    _focus_by_tab(page, "#f-submission-id")
    ring = page.locator("#f-submission-id").evaluate(
        "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert ring[0] == "solid" and ring[1] == "3px", ring  # the focus is visible
    page.keyboard.type("S-0100")
    _focus_by_tab(page, "#f-candidate-name")
    page.keyboard.type("Sanne Willemsen")
    _focus_by_tab(page, "button[data-add-row='experience']")
    _shoot(page, tmp_path, "8-toetsenbord-focus")
    page.keyboard.press("Enter")  # adds a row; the focus moves into it
    page.locator("#f-candidate-experience-1-role").wait_for()
    assert page.locator("#f-candidate-experience-1-role").evaluate("e => e === document.activeElement")
    page.keyboard.type("Jeugdverpleegkundige")
    page.keyboard.press("Enter")  # Enter in a text field checks the offer (never adds a row)

    summary = page.locator("#foutoverzicht")
    summary.wait_for()
    assert summary.evaluate("e => e === document.activeElement")  # read first by a screen reader
    assert page.input_value("#f-candidate-name") == "Sanne Willemsen"
    assert page.input_value("#f-candidate-experience-1-role") == "Jeugdverpleegkundige"
    assert page.locator(".field.has-error", has=page.locator("#f-candidate-experience-1-employer")).is_visible()
    _shoot(page, tmp_path, "9-toetsenbord-fouten")
