"""CV PDFs made by the tests with reportlab (and pypdf for the encrypted one): no binary fixtures.

The texts are what a Dutch agency sends for the Heerde gezinscoach tender: profile, SKJ line,
jobs, education and references, in Dutch or in English, so language detection and the reading
of the SKJ number, its expiry and the references are tested on realistic material.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

SKJ_LINE_NL = "SKJ-registratienummer 110012345, geldig tot 31 maart 2028."
SKJ_LINE_EN = "SKJ registration number 110012345, valid until 31 March 2028."

DUTCH_CV = f"""Curriculum vitae
Anouk Visser
Gezinscoach, jeugd- en gezinsprofessional

Profiel
Ik ben een ervaren gezinscoach met ruim acht jaar ervaring in het begeleiden van gezinnen met jonge kinderen.
Ik werk oplossingsgericht en systemisch, en ik heb veel ervaring met het opstellen en bewaken van veiligheidsplannen.
Samenwerking met wijkteams, onderwijs en huisartsen vind ik vanzelfsprekend.

Registratie
{SKJ_LINE_NL}

Werkervaring
2017 tot heden: gezinscoach bij de gemeente Raalte.
Begeleiding van gezinnen met kinderen van 0 tot 6 jaar met gedragsproblematiek. Voorbeeld: een gezin met twee
kleuters met agressief gedrag begeleid; samen met de ouders een veiligheidsplan opgesteld en wekelijks geëvalueerd.
2013 tot 2017: ambulant hulpverlener bij zorgaanbieder De Kern.
Ambulante hulp aan gezinnen met opvoedvragen en huiselijk geweld.

Opleiding
2008 tot 2012: hbo Sociaal Pedagogische Hulpverlening, Hogeschool Utrecht (diploma behaald in 2012).

Cursussen
2019: Omgaan met gedragsproblemen.

Referenties
P. de Wit, teamleider, gemeente Raalte, p.dewit@example.nl
S. Bakker, orthopedagoog, gemeente Raalte, +31 6 11111111
"""

ENGLISH_CV = f"""Curriculum vitae
Anouk Visser
Family coach, youth and family professional

Profile
I am an experienced family coach with more than eight years of experience supporting families with young children.
I work in a solution-focused and systemic way, and I have extensive experience drawing up and monitoring safety plans.
Working together with neighbourhood teams, schools and general practitioners comes naturally to me.

Registration
{SKJ_LINE_EN}

Work experience
2017 to present: family coach at the municipality of Raalte.
Supporting families with children aged 0 to 6 with behavioural problems. Example: coached a family with two
toddlers showing aggressive behaviour; drew up a safety plan with the parents and evaluated it every week.
2013 to 2017: outreach care worker at care provider De Kern.

Education
2008 to 2012: bachelor Social Pedagogical Care, Utrecht University of Applied Sciences.

References
P. de Wit, team leader, municipality of Raalte, p.dewit@example.nl
S. Bakker, orthopedagogue, municipality of Raalte, +31 6 11111111
"""


def pdf_bytes(pages: list[str]) -> bytes:
    """A PDF with one page per text (lines as written, 9 pt Helvetica)."""
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for text in pages:
        block = document.beginText(40, 800)
        block.setFont("Helvetica", 9)
        for line in text.splitlines():
            block.textLine(line)
        document.drawText(block)
        document.showPage()
    document.save()
    return buffer.getvalue()


def encrypted(data: bytes, user_password: str = "geheim") -> bytes:
    """The same PDF, AES-256 encrypted with pypdf (an empty user password only restricts rights)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write_cv(folder: Path, pages: list[str] | str, name: str = "cv.pdf") -> Path:
    """Write a CV PDF into ``folder`` and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes([pages] if isinstance(pages, str) else pages))
    return path
