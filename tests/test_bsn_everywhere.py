"""No BSN leaves the tool, in any notation, from any place in the input.

A valid BSN (11-proof, generated) is written in one of many notations and put into a string field,
into a key, or into the CV PDF of a real example offer (examples/heerde-27442/S-0001). Then
``compliance check --out`` and ``compliance intake`` run on the offers, and everything they produce
is searched for the number's digits with any separators between them: stdout, stderr, the report
JSON, the PDF text (pypdf) and its embedded files, summary.csv/json, the manifest, the audit log,
the cache and config folders, and every file name. There must be no hit.

One test puts a BSN into every string field and every key of the offer once (deterministic
coverage); a property-based test (hypothesis) draws the number, the notation, the place and the
way it is written in.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cv_pdfs import DUTCH_CV, write_cv
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from stdnum.nl import bsn as stdnum_bsn
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.errors import InputError
from compliance.inputs.loader import validate
from compliance.models.submission import Submission

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "heerde-27442"
BASE_FILE = EXAMPLES / "S-0001-anouk-visser.json"
BASE: dict[str, Any] = json.loads(BASE_FILE.read_text(encoding="utf-8"))
REGISTRY = EXAMPLES / "registry"
TENDER = "flextender-27442"

# Separators between digit groups; the first six can be drawn into a CV PDF with its standard font.
PDF_SEPARATORS = [" ", ".", "-", "/", "\u00a0", "\u2013"]
SEPARATORS = [*PDF_SEPARATORS, "\u2009", "\u2007", "\u202f", "\u200b", "\u2011", " - ", "_"]
GROUPINGS = [(9,), (3, 3, 3), (4, 2, 3), (2, 3, 4), (3, 2, 2, 2)]
PREFIXES = [
    "",
    "BSN ",
    "BSN: ",
    "BSN-",
    "bsn:",
    "Bsn nr. ",
    "burgerservicenummer ",
    "Burgerservicenummer: ",
    "sofinummer ",
]


def written(number: str, grouping: tuple[int, ...], separator: str, prefix: str) -> str:
    """``number`` in groups of ``grouping`` digits joined by ``separator``, after ``prefix``."""
    groups, start = [], 0
    for size in grouping:
        groups.append(number[start : start + size])
        start += size
    return prefix + separator.join(groups)


def with_check_digit(first_eight: int) -> str | None:
    """The 9-digit BSN that starts with these eight digits, when one exists (None for check digit 10)."""
    digits = f"{first_eight:08d}"
    remainder = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
    if remainder == 10:
        return None
    number = digits + str(remainder)
    assert stdnum_bsn.is_valid(number)
    return number


# What may stand between the digits of a leaked number: any space, dot, dash, slash, underscore or
# zero-width character (what the notations use, and what a renderer may turn them into). Not ":",
# "+" or ",": times ("10:00:00+01:00") and CSV cells would then read as false leaks.
LEAK_SEPARATOR = r"[\s._/\-\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]{0,3}"


def leak_pattern(number: str) -> re.Pattern[str]:
    """The digits of ``number`` in order, with up to three separators between any two."""
    return re.compile(LEAK_SEPARATOR.join(number))


def readable(text: str) -> str:
    """``text`` with JSON escapes ("\\u2009", "\\n") decoded and NFKC applied (fullwidth digits, ...)."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return unicodedata.normalize("NFKC", re.sub(r"\\[ntr]", " ", text))


# --- places in the offer --------------------------------------------------------------------------


def _leaves(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))


STRING_FIELDS = [path for path, value in _leaves(BASE) if isinstance(value, str)]
OBJECTS = [path for path, value in _leaves(BASE) if isinstance(value, dict)]


@dataclass(frozen=True)
class Place:
    """Where the BSN goes: ``field`` (a string value), ``new_key`` / ``renamed_key`` (an object's
    keys), or ``cv`` (the text of the CV PDF)."""

    kind: str
    path: tuple[str | int, ...] = ()
    mode: str = "replace"  # for a field: replace the value, or append with a space or a hyphen


def _parent(document: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    node: Any = document
    for part in path:
        node = node[part]
    return node


def build_offer(index: int, place: Place, text: str, folder: Path) -> Path:
    """Write offer ``index`` with the BSN ``text`` at ``place`` into ``folder``; returns its path."""
    document = copy.deepcopy(BASE)
    document["submission_id"] = f"S-{index:03d}"
    document["candidate"]["id"] = f"K-{index:03d}"
    if place.kind == "field":
        parent, key = _parent(document, place.path[:-1]), place.path[-1]
        original = parent[key]
        parent[key] = {"replace": text, "space": f"{original} {text}", "hyphen": f"{original}-{text}"}[place.mode]
    elif place.kind == "new_key":
        _parent(document, place.path)[f"bsn_{text}" if place.mode == "replace" else text] = "ja"
    elif place.kind == "renamed_key":
        target = _parent(document, place.path)
        first = next(iter(target))
        target[f"{first} {text}"] = target.pop(first)
    elif place.kind == "cv":
        write_cv(folder / "cv", [DUTCH_CV, f"Persoonsgegevens\n{text}\nRijbewijs B"], name=f"cv-{index:03d}.pdf")
        document["documents"]["cv"]["file"] = f"cv/cv-{index:03d}.pdf"
    path = folder / f"inschrijving-{index:03d}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# --- running and searching -----------------------------------------------------------------------


def _pdf_texts(data: bytes) -> list[str]:
    texts = [data.decode("latin-1")]
    try:
        reader = PdfReader(io.BytesIO(data))
        texts += [page.extract_text() or "" for page in reader.pages]
        texts += [str(reader.metadata or {})]
        for contents in reader.attachments.values():
            texts += [blob.decode("utf-8", "replace") for blob in contents]
    except Exception as error:  # a PDF the tool wrote must be readable
        pytest.fail(f"unreadable PDF output: {error}")
    return texts


def everything_written(roots: list[Path]) -> list[tuple[str, str]]:
    """(where, text) for every file under ``roots``: its name, and its content (PDFs as text)."""
    found: list[tuple[str, str]] = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            found.append((f"name {path}", str(path.relative_to(root))))
            if not path.is_file():
                continue
            data = path.read_bytes()
            texts = _pdf_texts(data) if data.startswith(b"%PDF") else [data.decode("utf-8", "replace")]
            found += [(str(path), text) for text in texts]
    return found


def run_both(folder: Path, offers: list[Path], out: Path) -> list[tuple[str, str]]:
    """``check --out`` on the offers and ``intake`` on their folder; every stream and file they wrote."""
    runner = CliRunner()
    options = ["--tender", TENDER, "--registry", str(REGISTRY)]
    check = runner.invoke(app, ["check", *map(str, offers), *options, "--out", str(out / "check")])
    intake = runner.invoke(app, ["intake", str(folder), *options, "--out", str(out / "dossier"), "--workers", "1"])
    for name, result in (("check", check), ("intake", intake)):
        assert result.exit_code in (0, 1, 3, 4), f"{name} exit {result.exit_code}: {result.output}"
        assert "Traceback" not in result.output and "interne fout" not in result.output, result.output
    streams = [
        ("check stdout", check.stdout),
        ("check stderr", check.stderr),
        ("intake stdout", intake.stdout),
        ("intake stderr", intake.stderr),
    ]
    state = [Path(os.environ["COMPLIANCE_CACHE_DIR"]), Path(os.environ["COMPLIANCE_CONFIG_DIR"])]
    return streams + everything_written([out, *(root for root in state if root.exists())])


def leaks(number: str, outputs: list[tuple[str, str]]) -> list[str]:
    pattern = leak_pattern(number)
    return [
        f"{where}: ...{text[max(0, m.start() - 40) : m.end() + 40]!r}..."
        for where, text in outputs
        for m in [pattern.search(readable(text))]
        if m
    ]


def fresh_folder(base: Path) -> tuple[Path, Path]:
    """(submissions folder with the example's CV, output folder) in a new temporary directory."""
    root = Path(tempfile.mkdtemp(dir=base))
    folder = root / "inschrijvingen"
    (folder / "cv").mkdir(parents=True)
    shutil.copy(EXAMPLES / "cv" / "S-0001-cv.pdf", folder / "cv" / "S-0001-cv.pdf")
    return folder, root / "uit"


# --- the tests -----------------------------------------------------------------------------------

NUMBERS = ["111222333", "123456782", with_check_digit(27384956), with_check_digit(90817264)]


def _notation(index: int, for_pdf: bool = False) -> tuple[str, str]:
    """(number, written form) number ``index`` of a fixed cycle through numbers and notations."""
    number = NUMBERS[index % len(NUMBERS)]
    assert number is not None
    separators = PDF_SEPARATORS if for_pdf else SEPARATORS
    return number, written(
        number, GROUPINGS[index % len(GROUPINGS)], separators[index % len(separators)], PREFIXES[index % len(PREFIXES)]
    )


def _stays_valid(place: Place, text: str) -> bool:
    document = json.loads(build_offer(0, place, text, Path(tempfile.mkdtemp())).read_text(encoding="utf-8"))
    try:
        validate(Submission, document, "<test>")
    except InputError:
        return False
    return True


def test_a_bsn_in_every_string_field_every_key_and_the_cv_leaves_no_trace(tmp_path_factory):
    """Every string field (replaced, and appended to), every object (an added key and a renamed
    key) and the CV, with the notations taken in turn. Where the offer stays valid, all such fields
    go into one offer, so the report path sees them all; each field that makes the offer invalid
    (an ID, a date, an enum, the KvK number) gets an offer of its own, as does each key."""
    folder, out = fresh_folder(tmp_path_factory.mktemp("alles"))
    numbers: set[str] = set()
    counter = iter(range(10_000))
    offers: list[Path] = []
    for mode in ("space", "replace"):
        together = copy.deepcopy(BASE)
        for path in STRING_FIELDS:
            number, text = _notation(next(counter))
            place = Place("field", path, mode)
            numbers.add(number)
            if path != ("tender_id",) and _stays_valid(place, text):  # another tender's ID is refused too
                parent = _parent(together, path[:-1])
                parent[path[-1]] = text if mode == "replace" else f"{parent[path[-1]]} {text}"
            else:
                offers.append(build_offer(len(offers) + 1, place, text, folder))
        together["submission_id"] = f"S-ALLES-{mode}"
        together["candidate"]["id"] = f"K-ALLES-{mode}"
        path = folder / f"alles-{mode}.json"
        path.write_text(json.dumps(together, ensure_ascii=False), encoding="utf-8")
        offers.append(path)
    for object_path in OBJECTS:
        for kind in ("new_key", "renamed_key"):
            number, text = _notation(next(counter))
            numbers.add(number)
            offers.append(build_offer(len(offers) + 1, Place(kind, object_path), text, folder))
    lines = []  # one CV with a BSN in every notation a PDF's standard font can show
    for _ in range(2 * len(PDF_SEPARATORS)):
        number, text = _notation(next(counter), for_pdf=True)
        numbers.add(number)
        lines.append(text)
    offers.append(build_offer(len(offers) + 1, Place("cv"), "\n".join(lines), folder))

    outputs = run_both(folder, offers, out)

    for number in sorted(numbers):
        assert leaks(number, outputs) == []
    # Not vacuous: the offers with a BSN in every free-text field, and those with one in the CV,
    # were checked and got signed reports.
    reports = {path.stem for path in (out / "check").glob("*.pdf")}
    assert {"S-ALLES-space", "S-ALLES-replace"} <= reports
    assert len(reports) == 3
    assert (out / "dossier" / "summary.csv").is_file()


bsns = st.integers(10_000_000, 99_999_999).map(with_check_digit).filter(lambda number: number is not None)

field_places = st.builds(
    Place, st.just("field"), st.sampled_from(STRING_FIELDS), st.sampled_from(["replace", "space", "hyphen"])
)
key_places = st.builds(
    Place, st.sampled_from(["new_key", "renamed_key"]), st.sampled_from(OBJECTS), st.sampled_from(["replace", "bare"])
)
places = st.one_of(field_places, key_places, st.just(Place("cv")))


@st.composite
def placements(draw: st.DrawFn) -> tuple[str, Place, str]:
    number = draw(bsns)
    place = draw(places)
    separator = draw(st.sampled_from(PDF_SEPARATORS if place.kind == "cv" else SEPARATORS))
    text = written(number, draw(st.sampled_from(GROUPINGS)), separator, draw(st.sampled_from(PREFIXES)))
    return number, place, text


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(placements(), min_size=1, max_size=2))
def test_generated_bsns_in_any_notation_and_place_leave_no_trace(tmp_path_factory, batch):
    folder, out = fresh_folder(tmp_path_factory.getbasetemp())
    offers = [build_offer(index, place, text, folder) for index, (_, place, text) in enumerate(batch)]

    outputs = run_both(folder, offers, out)

    for number, _, _ in batch:
        assert leaks(number, outputs) == []
