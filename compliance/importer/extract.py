"""Run every field rule over a posting and collect the draft with its doubts."""

from __future__ import annotations

from compliance.importer import conditions, general, procedure
from compliance.importer.draft import PostingDraft
from compliance.importer.errors import PostingError
from compliance.importer.requirements import requirements
from compliance.importer.sections import Layout, split
from compliance.importer.text import Doubt, Posting

# With fewer than this many of the core fields found, the text is probably no posting at all
# (an English page, a letter): then the language is checked, so the message can say why.
MIN_CORE_FIELDS = 2


def _core_fields(draft: PostingDraft) -> int:
    return sum(
        value is not None
        for value in (draft.request_number, draft.start, draft.initial_months, draft.hours, draft.deadline, draft.rate)
    ) + bool(draft.requirements)


def _check_language(posting: Posting) -> None:
    """A text that is not Dutch cannot be imported by Dutch rules: say so instead of drafting nothing."""
    from compliance.documents.language import detect_language

    result = detect_language("\n".join(line.text for line in posting.nonblank))
    if result.code not in ("nl", "und"):
        raise PostingError(
            posting.file,
            f"de uitvraag is niet in het Nederlands geschreven (herkend: {result.code}; {result.detail}); "
            "importeer de Nederlandse tekst van de uitvraag",
        )


def extract(posting: Posting) -> PostingDraft:
    """Every field of the posting, sourced, with the doubts the rules raised."""
    layout: Layout = split(posting)
    draft = PostingDraft(posting.file, posting.sha256)
    doubts: list[Doubt] = []

    draft.request_number, found = general.request_number(layout)
    doubts += found
    draft.request_label = layout.labels.get("request_number", "Aanvraagnummer")
    draft.title, found = general.title(layout)
    doubts += found
    draft.organisation, found = general.organisation(layout, posting)
    doubts += found
    draft.region = general.simple(layout, "region")
    draft.education_level = general.simple(layout, "education_level")
    draft.das, draft.das_name, draft.platform = general.das(layout, posting)
    draft.start, found = general.start(layout)
    doubts += found
    draft.end_date, found = general.end_date(layout)
    doubts += found
    draft.initial_months, found = general.initial_months(layout)
    doubts += found
    draft.extensions, found = general.extensions(layout, posting)
    doubts += found
    draft.hours, found = general.hours(layout)
    doubts += found
    draft.deadline, found = general.deadline(layout, posting)
    doubts += found

    draft.rate, found = conditions.rate(layout, posting)
    doubts += found
    draft.dba, found = conditions.dba(layout, posting)
    doubts += found
    draft.waadi = conditions.waadi(posting)
    draft.vog, found = conditions.vog(posting)
    doubts += found
    draft.integrity = conditions.integrity(posting)
    draft.sroi, found = conditions.sroi(posting, draft.das_name)
    doubts += found

    reference = f"{draft.platform or 'Uitvraag'} {draft.request_number.value if draft.request_number else ''}".strip()
    draft.requirements, draft.dba_knockout, found = requirements(layout, reference)
    doubts += found
    if not draft.requirements:
        doubts.append(
            Doubt(
                "/requirements",
                "Geen eisen of wensen gevonden (geen sectie 'Eisen', 'Knock-out criteria', 'Wensen' ...); vul ze in.",
            )
        )

    draft.cv_pages, draft.cv_language, draft.cv_references, found = procedure.cv(layout, posting)
    doubts += found
    draft.max_selected, found = procedure.max_selected(layout, posting)
    doubts += found
    draft.tie_break, found = procedure.tie_break(posting, [r.id for r in draft.requirements if r.kind == "scored"])
    doubts += found
    draft.interviews, found = procedure.interviews(layout, posting)
    doubts += found

    if _core_fields(draft) < MIN_CORE_FIELDS:
        _check_language(posting)
    draft.doubts = list(dict.fromkeys(doubts))
    return draft
