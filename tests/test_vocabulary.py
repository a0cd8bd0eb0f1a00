"""Matching an offer's free text against a tender's vocabulary; offers v1 upgraded to v2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compliance.models.submission_v2 import SubmissionV2, upgrade_v1_offer
from compliance.models.tender_upgrade import upgrade_v1
from compliance.models.tender_v2 import TenderV2, Vocabulary
from compliance.vocabulary import Dimension, MatchKind, index_vocabulary, match_text, normalise, unknown_tags

ROOT = Path(__file__).resolve().parents[1]
HEERDE = TenderV2.model_validate(
    upgrade_v1(json.loads((ROOT / "compliance/inputs/tenders/flextender-27442.json").read_text(encoding="utf-8")))
)
WMO = TenderV2.model_validate(
    json.loads((ROOT / "compliance/inputs/tenders/flextender-28115.json").read_text(encoding="utf-8"))
)


def _declared(tender: TenderV2) -> dict[str, list[str]]:
    return {dimension.value: list(getattr(tender.vocabulary, dimension.value)) for dimension in Dimension}


def _kinds(tender: TenderV2, dimension: Dimension, text: str, near_for: tuple[str, ...] = ()) -> dict[str, MatchKind]:
    found = match_text(index_vocabulary(tender.vocabulary), dimension, {"text": text}, near_for=near_for)
    return {code: match.kind for code, match in found.items()}


def test_normalise_ignores_case_accents_punctuation_and_spacing() -> None:
    assert normalise("  Coördinator Wmo-consulent (Gemeente  Épe)") == " coordinator wmo consulent gemeente epe "


@pytest.mark.parametrize(
    ("employer", "expected"),
    [
        ("Gemeente Harderwijk", MatchKind.WORD),
        ("gemeente   EPE", MatchKind.WORD),
        ("Wijkteam Zwolle", MatchKind.REVIEW_WORD),
        ("CJG Apeldoorn", MatchKind.REVIEW_WORD),
        ("Gemeenschappelijke Regeling Noord-Veluwe", MatchKind.REVIEW_WORD),
        # The word 'gemeente' inside a review phrase does not make the match certain.
        ("Jeugdhulp Oost, in opdracht van de gemeente Ede", MatchKind.REVIEW_WORD),
    ],
)
def test_employer_kinds_a_person_must_judge_are_uncertain(employer: str, expected: MatchKind) -> None:
    assert _kinds(HEERDE, Dimension.EMPLOYER_KINDS, employer)["gemeente"] is expected


def test_an_employer_that_is_not_municipal_does_not_match_gemeente() -> None:
    assert "gemeente" not in _kinds(HEERDE, Dimension.EMPLOYER_KINDS, "Jeugdzorg Oost B.V.")


def test_a_synonym_matches_as_whole_words_only() -> None:
    assert _kinds(HEERDE, Dimension.DOMAINS, "Triple P voor ouders van kinderen met gedragsproblemen") == {
        "gedragsproblematiek": MatchKind.WORD
    }
    # 'gedragsproblematieken' is no whole-word synonym: only a near match, and only when asked for.
    assert _kinds(HEERDE, Dimension.DOMAINS, "gedragsproblematieken") == {}
    assert _kinds(HEERDE, Dimension.DOMAINS, "gedragsproblematieken", near_for=("gedragsproblematiek",)) == {
        "gedragsproblematiek": MatchKind.NEAR_WORD
    }


def test_a_spelling_variant_is_a_near_match_that_names_both_words() -> None:
    found = match_text(
        index_vocabulary(HEERDE.vocabulary),
        Dimension.DOMAINS,
        {"description": "Begeleiding bij gedragsprobleem van de oudste zoon"},
        near_for=("gedragsproblematiek",),
    )
    match = found["gedragsproblematiek"]
    assert (match.kind, match.words, match.found, match.field) == (
        MatchKind.NEAR_WORD,
        "gedragsproblemen",
        "gedragsprobleem",
        "description",
    )
    assert not match.kind.certain


def test_short_words_are_never_near_matches() -> None:
    # 'gezin' shares a prefix with 'gezinscoach' but is far too short to look like it.
    assert _kinds(HEERDE, Dimension.ROLES, "gezin", near_for=("gezinscoach",)) == {}


def test_a_declared_code_is_certain_and_beats_an_uncertain_word() -> None:
    found = match_text(
        index_vocabulary(HEERDE.vocabulary), Dimension.EMPLOYER_KINDS, {"employer": "Wijkteam Zwolle"}, ["gemeente"]
    )
    assert found["gemeente"].kind is MatchKind.CODE


def test_the_longest_synonym_is_the_one_reported() -> None:
    found = match_text(index_vocabulary(HEERDE.vocabulary), Dimension.DOMAINS, {"d": "gezinnen met jonge kinderen"})
    assert found["jonge_kinderen"].words == "gezinnen met jonge kinderen"


def test_wmo_vocabulary_matches_the_postings_own_words() -> None:
    assert _kinds(WMO, Dimension.ROLES, "Wmo-consulent") == {"wmo_consultant": MatchKind.WORD}
    assert _kinds(WMO, Dimension.ROLES, "Generalist sociaal team") == {"wmo_consultant": MatchKind.REVIEW_WORD}
    assert _kinds(WMO, Dimension.DOMAINS, "Beschikkingen in Suite4Sociaal Domein") == {
        "suite4sociaal_domein": MatchKind.WORD
    }


def test_unknown_tags_are_listed() -> None:
    assert unknown_tags(HEERDE.vocabulary, Dimension.DOMAINS, ["jonge_kinderen", "pubers"]) == ["pubers"]
    assert unknown_tags(Vocabulary(), Dimension.ROLES, ["x"]) == ["x"]


def test_the_compiled_vocabulary_is_reused_for_the_same_tender() -> None:
    assert index_vocabulary(HEERDE.vocabulary) is index_vocabulary(HEERDE.vocabulary)


@pytest.mark.parametrize("path", sorted((ROOT / "examples/heerde-27442").glob("S-*.json")), ids=lambda p: p.stem)
def test_every_v1_example_offer_upgrades_to_v2_with_declared_tags_only(path: Path) -> None:
    v1 = json.loads(path.read_text(encoding="utf-8"))
    offer = SubmissionV2.model_validate(upgrade_v1_offer(v1, _declared(HEERDE)))
    for v1_job, job in zip(v1["candidate"]["experience"], offer.candidate.experience, strict=True):
        assert (job.role, job.employer, job.start.isoformat()) == (v1_job["role"], v1_job["employer"], v1_job["start"])
        for dimension in Dimension:
            assert unknown_tags(HEERDE.vocabulary, dimension, getattr(job.tags, dimension.value)) == []
        if v1_job.get("safety_plan"):
            assert "veiligheidsplan" in job.tags.domains


def test_a_v1_target_group_outside_the_vocabulary_becomes_text_not_a_tag() -> None:
    v1 = json.loads((ROOT / "examples/heerde-27442/S-0001-anouk-visser.json").read_text(encoding="utf-8"))
    v1["candidate"]["experience"][0]["target_groups"] = ["jonge_kinderen", "pubers"]
    offer = SubmissionV2.model_validate(upgrade_v1_offer(v1, _declared(HEERDE)))
    job = offer.candidate.experience[0]
    assert "jonge_kinderen" in job.tags.domains and "pubers" not in job.tags.domains
    assert job.description == "Doelgroepen: pubers"


def test_an_offer_answers_each_requirement_once() -> None:
    v1 = json.loads((ROOT / "examples/heerde-27442/S-0001-anouk-visser.json").read_text(encoding="utf-8"))
    document = upgrade_v1_offer(v1, {})
    document["answers"] = [{"requirement": "W3", "text": "Ken de sociale kaart."}] * 2
    with pytest.raises(ValueError, match="meer dan één antwoord op eis/wens W3"):
        SubmissionV2.model_validate(document)
