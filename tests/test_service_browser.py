"""The web page in a real browser: Debian's headless Chromium, driven by Playwright.

An agency account manager logs in with the keyboard, reads the tender's eisen and wensen, fills
in an offer for the bundled Heerde tender (adding an experience row), first with a KvK number of
the wrong shape (the Dutch error appears next to the field), then with a rate above the maximum
(the knock-out fails and its remedy is shown next to the reason), fixes the rate, submits again,
and downloads the signed PDF, which verifies. Every page is screenshotted (into
``COMPLIANCE_SCREENSHOT_DIR`` when set, to look at them) and checked for a label on every input.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "heerde-27442"
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The service on 127.0.0.1 (uvicorn in a thread): (base URL, an agency's key)."""
    import uvicorn

    from compliance.service.app import create_app
    from compliance.service.keys import Role
    from compliance.service.settings import EvidenceOptions, ServiceSettings

    app = create_app(
        ServiceSettings(data_dir=tmp_path / "data", evidence=EvidenceOptions(registry=EXAMPLES / "registry"))
    )
    _, key = app.state.services.keys.add("Sociaal Domein Interim B.V.", Role.AGENCY)
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


# The offer of example S-0002 (Daan Hoekstra), as an account manager types it in.
SINGLE_FIELDS = {
    "#f-submission-id": "S-0002",
    "#f-submitted-at": "2026-02-23T08:41",
    "#f-supplier-name": "Sociaal Domein Interim B.V.",
    "#f-supplier-employees": "120",
    "#f-candidate-id": "K-0002",
    "#f-candidate-name": "Daan Hoekstra",
    "#f-candidate-education-0-programme": "Social Work (uitstroomprofiel Jeugd)",
    "#f-candidate-education-0-institution": "Saxion Hogeschool",
    "#f-candidate-education-0-completed-on": "2019-07-05",
    "#f-candidate-registrations-0-register": "SKJ",
    "#f-candidate-registrations-0-number": "110457302",
    "#f-candidate-registrations-0-valid-until": "2029-10-15",
    "#f-candidate-experience-0-role": "Jeugdconsulent",
    "#f-candidate-experience-0-employer": "Gemeente Deventer",
    "#f-candidate-experience-0-start": "2021-09-01",
    "#f-candidate-experience-0-hours-per-week": "32",
    "#f-candidate-experience-0-target-groups": "jonge_kinderen, gedragsproblematiek",
    "#f-candidate-experience-0-example": "Veiligheidsplan met het netwerk gemaakt en oplossingsgericht opgebouwd.",
    "#f-candidate-courses-0-name": "Oplossingsgericht werken in het sociaal domein",
    "#f-candidate-courses-0-topic": "oplossingsgericht werken",
    "#f-candidate-courses-0-completed-on": "2022-04-20",
    "#f-candidate-references-0-name": "S. Brink",
    "#f-candidate-references-0-role": "Coördinator Jeugdteam",
    "#f-candidate-references-0-organisation": "Gemeente Deventer",
    "#f-candidate-references-0-contact": "s.brink@example.org",
    "#f-documents-cv-pages": "4",
    "#f-documents-vog-issued-on": "2026-02-05",
    "#f-documents-vog-functieaspecten": "11, 84",
    "#f-documents-integrity-declaration-signed-on": "2026-02-17",
}
SELECTS = {
    "#f-supplier-legal-form": "bv",
    "#f-supplier-waadi-registered": "true",
    "#f-candidate-engagement": "uitzending",
    "#f-candidate-education-0-level": "hbo_bachelor",
    "#f-candidate-experience-0-role-type": "jeugdconsulent",
    "#f-candidate-experience-0-employer-type": "gemeente",
    "#f-documents-cv-language": "nl",
}
SECOND_JOB = {
    "#f-candidate-experience-1-role": "Ambulant jeugdhulpverlener",
    "#f-candidate-experience-1-employer": "Stichting Kind & Gezin Salland",
    "#f-candidate-experience-1-start": "2019-08-01",
    "#f-candidate-experience-1-end": "2021-08-31",
    "#f-candidate-experience-1-hours-per-week": "36",
    "#f-candidate-experience-1-target-groups": "jonge_kinderen, gedragsproblematiek",
}
SECOND_REFERENCE = {
    "#f-candidate-references-1-name": "H. Vos",
    "#f-candidate-references-1-role": "Praktijkbegeleider",
    "#f-candidate-references-1-organisation": "Stichting Kind & Gezin Salland",
    "#f-candidate-references-1-contact": "06-00000000",
}


def test_an_agency_fixes_a_failed_knockout_and_downloads_a_verified_report(
    server: tuple[str, str], page: Any, tmp_path: Path
) -> None:
    from compliance.signing.keys import local_certificate
    from compliance.signing.verify import verify_report_pdf

    base, key = server
    # Log in with the keyboard only: the key field has focus, Enter submits.
    page.goto(f"{base}/")
    assert page.title().startswith("Inloggen")
    _shoot(page, tmp_path, "1-inloggen")
    page.keyboard.type("cmp_ongeldig_sleutel")
    page.keyboard.press("Enter")
    page.get_by_role("alert").filter(has_text="onbekend of ingetrokken").wait_for()
    page.get_by_label("API-sleutel").fill(key)
    page.get_by_label("API-sleutel").press("Enter")
    page.get_by_role("heading", name="Aanbestedingen").wait_for()
    assert page.get_by_text("Ingelogd als").is_visible()
    _shoot(page, tmp_path, "2-aanbestedingen")

    page.get_by_role("link", name="Gezinscoach").click()
    page.get_by_role("heading", name="Eisen").wait_for()
    assert page.get_by_role("heading", name="Wensen").is_visible()
    assert page.locator("table").nth(1).locator("tbody tr").count() >= 3
    _shoot(page, tmp_path, "3-aanbesteding")
    page.get_by_role("link", name="Inschrijving controleren").click()
    page.get_by_role("heading", name="Inschrijving controleren").wait_for()
    assert _unlabelled(page) == []

    for selector, value in SINGLE_FIELDS.items():
        page.fill(selector, value)
    for selector, value in SELECTS.items():
        page.select_option(selector, value)
    page.check("#f-candidate-experience-0-safety-plan")
    page.check("#f-candidate-experience-0-solution-focused")
    page.fill("#f-supplier-kvk-number", "9999-0002")  # not 8 digits
    page.fill("#f-offer-hourly-rate-eur", "95,00")  # above the maximum of € 80 excl. btw
    # Add the second job and the second reference with the buttons (the script adds rows in place).
    page.get_by_role("button", name="Nog een ervaring toevoegen").click()
    page.locator("#f-candidate-experience-1-role").wait_for()
    assert page.locator("#f-candidate-experience-1-role").evaluate("e => e === document.activeElement")
    for selector, value in SECOND_JOB.items():
        page.fill(selector, value)
    page.select_option("#f-candidate-experience-1-role-type", "ambulant_hulpverlener")
    page.select_option("#f-candidate-experience-1-employer-type", "zorgaanbieder")
    page.get_by_role("button", name="Nog een referentie toevoegen").click()
    for selector, value in SECOND_REFERENCE.items():
        page.fill(selector, value)
    assert _unlabelled(page) == []
    _shoot(page, tmp_path, "4-formulier")

    page.get_by_role("button", name="Controleren", exact=True).last.click()
    # The field error, in Dutch, next to the field; everything typed is still there.
    field = page.locator(".field.has-error", has=page.locator("#f-supplier-kvk-number"))
    field.get_by_text("heeft niet het verwachte formaat").wait_for()
    assert page.locator("#f-supplier-kvk-number").get_attribute("aria-invalid") == "true"
    assert page.get_by_role("alert").get_by_role("link", name="Leverancier (inschrijver): KvK-nummer").is_visible()
    assert page.input_value("#f-candidate-experience-1-employer") == "Stichting Kind & Gezin Salland"
    _shoot(page, tmp_path, "5-veldfout")

    page.fill("#f-supplier-kvk-number", "99990002")
    page.get_by_role("button", name="Controleren", exact=True).last.click()
    page.get_by_text("Oordeel:").wait_for()
    assert "VOLDOET NIET" in page.locator(".verdict").inner_text()
    rate = page.locator("ul.findings li", has_text="NL-RATE-001")
    assert "hoger dan het maximum van € 80,00" in rate.inner_text()
    assert "Bied een all-in uurtarief van ten hoogste € 80,00 excl. btw aan." in rate.inner_text()
    assert page.get_by_role("heading", name="Verwachte score op de wensen").is_visible()
    _shoot(page, tmp_path, "6-uitslag-voldoet-niet")

    page.get_by_role("link", name="Inschrijving aanpassen").click()
    assert page.input_value("#f-offer-hourly-rate-eur") == "95"
    assert page.input_value("#f-candidate-references-1-name") == "H. Vos"
    page.fill("#f-offer-hourly-rate-eur", "74,00")
    page.get_by_role("button", name="Controleren", exact=True).last.click()
    page.get_by_text("Oordeel:").wait_for()
    assert "VOLDOET" in page.locator(".verdict").inner_text()
    assert "VOLDOET NIET" not in page.locator(".verdict").inner_text()
    assert page.locator("ul.findings").count() == 0
    _shoot(page, tmp_path, "7-uitslag-voldoet")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ondertekend rapport downloaden (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "S-0002.pdf"
    target = tmp_path / "S-0002.pdf"
    download.save_as(str(target))
    # Playwright's sync API keeps an event loop in this thread; pyHanko's validation runs its own.
    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(verify_report_pdf, target.read_bytes(), [local_certificate()]).result()
    assert result.status.value == "valid", result.problems
    assert result.report is not None and result.report["verdict"] == "compliant"
    assert result.report["submission"]["candidate_name"] == "Daan Hoekstra"
