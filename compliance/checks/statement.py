"""KO-STMT-001: a requirement software cannot judge ('affiniteit met …'), answered by the offer.

The offer answers it in ``answers`` (a motivation and the CV pages that show it). Software can
only see whether there is an answer: a knock-out with an answer needs a person's review, a scored
criterion with an answer is *to be assessed*; without an answer nothing is left to judge, so it
fails (scores nothing) and the remedy names the field to fill in.
"""

from __future__ import annotations

from compliance.checks.base import Basis, CheckContext, CheckInfo, Finding, Severity, Status, declared, finding
from compliance.i18n import reason
from compliance.models.tender import Phase
from compliance.models.tender_v2 import StatementRequirement
from compliance.offer_template import FILL_IN_MARK

INFO = CheckInfo(
    check_id="KO-STMT-001",
    title="Eis die een beoordelaar toetst",
    severity=Severity.KNOCK_OUT,
    blocks_from=Phase.SUBMISSION,
    legal_refs=(),
    description="Een eis of wens die alleen een persoon kan beoordelen; het aanbod moet haar beantwoorden.",
)

NOT_REQUIRED = reason(
    "STMT_NOT_REQUIRED",
    Status.NOT_APPLICABLE,
    "De uitvraag stelt geen eis die alleen een beoordelaar kan toetsen.",
    "The tender sets no requirement that only a reviewer can assess.",
)
ANSWERED = reason(
    "STMT_ANSWERED",
    Status.NEEDS_REVIEW,
    'Beantwoord ({length} tekens{pages}); de beoordelaar toetst het antwoord aan: "{clause}".',
    'Answered ({length} characters{pages_en}); the reviewer assesses the answer against: "{clause}".',
    "Niets te wijzigen als /answers/{index}/text de eis dekt{pages}; noem anders in dat antwoord waar het cv "
    "{requirement} laat zien (/answers/{index}/cv_pages).",
    "Nothing to change if /answers/{index}/text covers the requirement{pages_en}; otherwise state in that answer "
    "where the CV shows {requirement} (/answers/{index}/cv_pages).",
)
UNANSWERED = reason(
    "STMT_UNANSWERED",
    Status.FAIL,
    'Het aanbod beantwoordt {requirement} niet: "{clause}".',
    'The offer does not answer {requirement}: "{clause}".',
    'Voeg aan /answers een antwoord toe met "requirement": "{requirement}", de motivatie en de cv-pagina\'s.',
    'Add an answer to /answers with "requirement": "{requirement}", the motivation and the CV pages.',
)

_CLAUSE_SHOWN = 160  # characters of the clause quoted in the reason; the full clause is in the basis


def evaluate_requirement(requirement: StatementRequirement, ctx: CheckContext) -> Finding:
    """Needs review with the answer's size and pages, or fail when there is no answer."""
    clause = requirement.clause.text or requirement.clause.reference
    if len(clause) > _CLAUSE_SHOWN:
        clause = clause[: _CLAUSE_SHOWN - 1].rstrip() + "…"
    basis = Basis(clause=requirement.clause)
    answer = ctx.submission.answer(requirement.id)
    if answer is None or answer.text.startswith(FILL_IN_MARK):  # a template's slot left as it was
        return finding(
            INFO,
            UNANSWERED,
            args={"requirement": requirement.id, "clause": clause},
            basis=basis,
        )
    index = ctx.submission.answers.index(answer)
    basis.facts.append(declared("antwoord", answer.text, f"/answers/{index}/text"))
    pages = ", ".join(str(page) for page in answer.cv_pages)
    if pages:
        basis.facts.append(declared("cv-pagina's", pages, f"/answers/{index}/cv_pages"))
    return finding(
        INFO,
        ANSWERED,
        args={
            "length": str(len(answer.text)),
            "pages": f", cv-pagina {pages}" if pages else "",
            "pages_en": f", CV page {pages}" if pages else "",
            "clause": clause,
            "index": str(index),
            "requirement": requirement.id,
        },
        basis=basis,
    )
