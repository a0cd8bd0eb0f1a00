"""Regenerate the example CV PDF of S-0001 (Anouk Visser), as an agency would attach it.

Run from this folder: ``python make_cv.py``. The output is byte-identical on every run
(reportlab invariant mode), so the sha256 recorded in reports stays the same.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Profiel",
        [
            "Ervaren gezinscoach en jeugd- en gezinsprofessional. Ruim elf jaar werk ik met gezinnen met jonge kinderen, "
            "vaak met gedragsproblematiek en zorgen over veiligheid. Ik werk systemisch en oplossingsgericht, houd de "
            "regie in complexe casussen en werk nauw samen met scholen, huisartsen en specialistische jeugdhulp.",
        ],
    ),
    (
        "Registratie",
        [
            "SKJ-registratienummer 110234518, geldig tot 30 september 2029 (jeugd- en gezinsprofessional).",
        ],
    ),
    (
        "Werkervaring",
        [
            "<b>april 2019 – heden: Gezinscoach, Gemeente Zwolle</b> (28 uur per week). Eerste aanspreekpunt voor "
            "gezinnen met kinderen van 0 tot 12 jaar in twee wijken; casusregie en toeleiding naar specialistische zorg. "
            "Voorbeeld: bij een gezin met drie kinderen onder de zes jaar en oplopende spanningen tussen de ouders heb ik "
            "met ouders, school en Veilig Thuis een veiligheidsplan opgesteld en dat elke twee weken samen geëvalueerd. "
            "Met oplossingsgerichte gesprekken kregen de ouders weer grip; na vijf maanden kon de casus worden afgeschaald.",
            "<b>september 2014 – maart 2019: Ambulant hulpverlener jeugd en gezin, Stichting Jeugdhulp IJsselland</b> "
            "(32 uur per week). Thuisbegeleiding bij gezinnen met kinderen van 2 tot 8 jaar met gedragsproblemen, met "
            "Triple P en video-hometraining.",
        ],
    ),
    (
        "Opleiding",
        [
            "2009 – 2013: hbo-bachelor Sociaal Pedagogische Hulpverlening (SPH), Hogeschool Windesheim, diploma behaald "
            "op 28 juni 2013.",
        ],
    ),
    (
        "Cursussen",
        [
            "2021: Triple P niveau 4, gedragsproblemen bij jonge kinderen (afgerond 12 november 2021).",
            "2020: Signs of Safety basistraining (afgerond 14 mei 2020).",
        ],
    ),
    (
        "Referenties",
        [
            "M. Kok, teamleider Jeugd en Gezin, Gemeente Zwolle (contact via de opdrachtgever).",
            "R. de Jong, gedragswetenschapper, Stichting Jeugdhulp IJsselland.",
        ],
    ),
]


def build(target: Path) -> None:
    """Write the CV: a title page with profile and registration, then the rest on page two."""
    styles = getSampleStyleSheet()
    story: list[object] = [
        Paragraph("Curriculum vitae – Anouk Visser", styles["Title"]),
        Paragraph("Gezinscoach · aangeboden door Jeugdprofs Detachering B.V.", styles["Normal"]),
        Spacer(1, 6 * mm),
    ]
    for index, (heading, paragraphs) in enumerate(SECTIONS):
        if index == 2:
            story.append(PageBreak())
        story.append(Paragraph(heading, styles["Heading2"]))
        story += [Paragraph(text, styles["BodyText"]) for text in paragraphs]
    document = SimpleDocTemplate(
        str(target), pagesize=A4, title="CV Anouk Visser", author="Jeugdprofs Detachering", invariant=1
    )
    document.build(story)


if __name__ == "__main__":
    build(Path(__file__).with_name("S-0001-cv.pdf"))
