"""Posting importer: share of fields right and of doubts flagged over the corpus, and time per posting.

Run from the repository root::

    python benchmarks/bench_import.py            # every posting of tests/postings (and the Heerde seed), 20 rounds
    python benchmarks/bench_import.py --rounds 50

The corpus is the importer's test corpus: each posting with the values and doubts a person reading
it expects (``tests/postings/NAME.expected.json``). The baseline, measured in the same run on the
same files, is reading the file and splitting it into numbered lines and sections (no field rules),
so the ratio says what the rules cost on top of reading. Goals: at least 98 % of fields right, every
doubt flagged, under 0.5 s per posting.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

from compliance.importer import import_posting
from compliance.importer.reading import read_posting
from compliance.importer.sections import split

ROOT = Path(__file__).resolve().parents[1]
TARGET_FIELDS = 0.98
TARGET_SECONDS = 0.5


def _corpus():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("importer_corpus", ROOT / "tests" / "postings" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["importer_corpus"] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="imports per posting for the timing")
    args = parser.parse_args()
    corpus = _corpus()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    cases = corpus.cases()
    paths = [case.posting(work) for case in cases]

    fields = right = doubts = flagged = extra = 0
    print(f"{'posting':36} {'velden':>9} {'twijfels':>9} {'extra':>6}")
    for case, path in zip(cases, paths, strict=True):
        tender = import_posting(path).tender
        wrong, missed, unexpected = corpus.score(tender, case.expected)
        n_fields, n_doubts = len(case.expected["fields"]), len(case.expected["to_confirm"])
        fields, right = fields + n_fields, right + n_fields - len(wrong)
        doubts, flagged = doubts + n_doubts, flagged + n_doubts - len(missed)
        extra += len(unexpected)
        print(
            f"{case.name:36} {n_fields - len(wrong):>4}/{n_fields:<4} {n_doubts - len(missed):>4}/{n_doubts:<4} {len(unexpected):>6}"
        )
        for line in wrong + [f"niet gemeld: {p}" for p in missed] + [f"onverwacht: {p}" for p in unexpected]:
            print(f"    {line}")

    import_posting(
        paths[0]
    )  # warm: first-use imports (pydantic model build, vocabularies) are start-up, not per posting

    def timed(run) -> float:  # type: ignore[no-untyped-def]
        samples = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            for path in paths:
                run(path)
            samples.append((time.perf_counter() - started) / len(paths))
        return statistics.median(samples)

    baseline = timed(lambda path: split(read_posting(path)))
    full = timed(import_posting)
    field_share, doubt_share = right / fields, (flagged / doubts if doubts else 1.0)
    print()
    print(f"velden goed:        {right}/{fields} = {field_share:.1%} (doel ≥ {TARGET_FIELDS:.0%})")
    print(f"twijfels gemeld:    {flagged}/{doubts} = {doubt_share:.1%} (doel 100 %); onverwacht gemeld: {extra}")
    print(f"baseline lezen+splitsen: {baseline * 1000:7.2f} ms per uitvraag")
    print(
        f"volledige import:        {full * 1000:7.2f} ms per uitvraag ({full / baseline:.1f}x baseline; doel < {TARGET_SECONDS * 1000:.0f} ms)"
    )
    ok = field_share >= TARGET_FIELDS and doubt_share == 1.0 and full < TARGET_SECONDS
    print("doel gehaald" if ok else "doel NIET gehaald")


if __name__ == "__main__":
    main()
