"""Throughput of the core check next to a bare pydantic baseline, and CLI start-up next to ``python -c pass``.

Run from the repository root::

    python benchmarks/bench_check.py            # 5000 submissions, start-up median of 7 runs
    python benchmarks/bench_check.py --n 20000 --profile

Both throughputs are measured in the same process on the same inputs, so their ratio says what the
checks cost on top of parsing, whatever the machine. The inputs are variants of the bundled
examples (examples/heerde-27442) with varied rates, submission times, job dates, SKJ and VOG
dates, so every branch of the checks is exercised, not one cached path. The process is pinned to
one CPU where the OS allows it, because the target (10 000 checks/s) is per core.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from compliance.canonical import canonical_sha256
from compliance.checks import CHECKS, Check
from compliance.engine import TenderContext, evaluate, tender_context
from compliance.inputs.tenders import resolve_tender
from compliance.inputs.versions import parse_offer
from compliance.models.submission import Submission
from compliance.sources.registry import SnapshotRegistry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "heerde-27442"
REGISTRY = EXAMPLES / "registry"
TENDER_ID = "flextender-27442"
TARGET_PER_SECOND = 10_000
TARGET_STARTUP_SECONDS = 0.3

# A fixed report time keeps the full path deterministic (decision IDs do not depend on it anyway).
GENERATED_AT = datetime(2026, 2, 23, 9, 30, tzinfo=UTC)
DEADLINE = datetime(2026, 2, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))
OFFSETS = (timezone(timedelta(hours=1)), UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30)))

Document = dict[str, Any]


# ---------------------------------------------------------------------------------------- inputs
def load_examples() -> list[Document]:
    """The bundled example submissions as parsed JSON."""
    paths = sorted(EXAMPLES.glob("S-*.json"))
    if not paths:
        raise SystemExit(f"no example submissions found in {EXAMPLES}")
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


def _shift(day: str | None, days: int) -> str | None:
    return None if day is None else (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _vary_jobs(jobs: list[Document], rng: random.Random, index: int) -> None:
    """Move every job by the same random amount and stretch or shrink each one, keeping end >= start.

    Each job's employer gets a location of its own, so no two submissions share a job's text: the
    matcher memoises per text (several requirements read one job), and a benchmark of repeated
    texts would measure those memo hits instead of a real batch, where every candidate's CV differs.
    """
    move = rng.randint(-500, 150)
    for number, job in enumerate(jobs):
        job["employer"] = f"{job['employer']}, locatie {index}-{number}"
        start = date.fromisoformat(job["start"]) + timedelta(days=move)
        job["start"] = start.isoformat()
        if job["end"] is not None:
            end = date.fromisoformat(job["end"]) + timedelta(days=move + rng.randint(-120, 120))
            job["end"] = max(end, start).isoformat()
    if jobs and rng.random() < 0.15:
        # Sometimes a second, overlapping job at the same employer (merged months must count once).
        extra = copy.deepcopy(jobs[0])
        extra["start"] = _shift(extra["start"], rng.randint(30, 300))
        extra["end"] = None
        jobs.append(extra)


def make_variant(base: Document, index: int, rng: random.Random) -> Document:
    """One valid submission derived from an example: new ID, rate, time, dates."""
    doc = copy.deepcopy(base)
    doc["submission_id"] = f"B-{index:06d}"
    doc["candidate"]["id"] = f"K-B{index:06d}"
    offer = doc["offer"]
    offer["hourly_rate_eur"] = round(rng.uniform(62.0, 97.0), 2)
    offer["vat_included"] = rng.choices([False, True, None], weights=(80, 12, 8))[0]
    if rng.random() < 0.95:
        moment = DEADLINE - timedelta(minutes=rng.randint(-90, 10 * 24 * 60))  # a few land after the deadline
        doc["submitted_at"] = moment.astimezone(rng.choice(OFFSETS)).isoformat()
    else:
        doc["submitted_at"] = None
    _vary_jobs(doc["candidate"]["experience"], rng, index)
    for registration in doc["candidate"]["registrations"]:
        registration["valid_until"] = _shift(registration.get("valid_until"), rng.randint(-400, 700))
    documents = doc.get("documents") or {}
    if documents.get("vog"):
        documents["vog"]["issued_on"] = _shift(documents["vog"]["issued_on"], rng.randint(-120, 20))
    return doc


def make_inputs(n: int, seed: int) -> list[Document]:
    """``n`` varied submissions, every one checked to be valid before timing starts."""
    rng = random.Random(seed)
    examples = load_examples()
    docs = [make_variant(examples[i % len(examples)], i, rng) for i in range(n)]
    for doc in docs:
        Submission.model_validate(doc)  # a generator bug must fail here, not skew the timing
    return docs


# ---------------------------------------------------------------------------------------- timing
def pin_to_one_core() -> str:
    """Pin the process to one CPU (Linux); the target is a per-core rate."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def best_rate(run: Callable[[], object], count: int, repeats: int) -> float:
    """Items per second of the fastest of ``repeats`` runs (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return count / best


def baseline(docs: Sequence[Document]) -> None:
    """Bare validation: what parsing the same inputs costs without any check."""
    validate = Submission.model_validate
    for doc in docs:
        validate(doc)


def full_check(
    docs: Sequence[Document], context: TenderContext, registry: SnapshotRegistry, checks: tuple[Check, ...] = CHECKS
) -> Counter[str]:
    """What ``compliance check`` does per submission after reading the file: validate (and upgrade), hash, evaluate.

    With ``checks=()`` it measures the floor: everything around the checks (validation, hashing,
    registry look-up, assembling the report), without scoring the wensen (which runs the requirement
    checks), which bounds what faster checks could ever reach.
    """
    verdicts: Counter[str] = Counter()
    tender = context.tender
    for doc in docs:
        # As check reads a file of format 1: validated as format 1, upgraded, validated as format 2.
        submission = parse_offer(doc, "<bench>", tender)
        report = evaluate(
            submission,
            canonical_sha256(doc),
            context,
            registry=registry,
            generated_at=GENERATED_AT,
            checks=checks,
            score_all=bool(checks),  # the floor scores nothing either: scoring runs the requirement checks
        )
        verdicts[report.verdict.value] += 1
    return verdicts


def profile_full(docs: Sequence[Document], context: TenderContext, registry: SnapshotRegistry, top: int) -> str:
    """cProfile of the full path, the ``top`` functions by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    full_check(docs, context, registry)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# ---------------------------------------------------------------------------------------- start-up
def names_cv_file(path: Path) -> bool:
    """Whether an example submission points to a CV PDF (which ``check`` then reads)."""
    cv = (json.loads(path.read_text(encoding="utf-8")).get("documents") or {}).get("cv") or {}
    return bool(cv.get("file"))


def cli_command() -> list[str]:
    """The installed ``compliance`` script next to this interpreter (bypassing version-manager shims)."""
    script = Path(sys.executable).parent / "compliance"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "compliance"]


def installed_environment() -> dict[str, str]:
    """The environment of a tool as ``pip install`` leaves it: with compiled bytecode.

    pip compiles every module at install time; a checkout run with PYTHONDONTWRITEBYTECODE (as
    in this project's containers) compiles all of them again on every start, which is not what a
    user waits for. The bytecode goes to a folder of its own, so the checkout stays clean.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "compliance-bench-pycache")
    return environment


def median_seconds(command: list[str], runs: int, check_json: bool = False) -> float:
    """Median wall time of ``runs`` runs after one warm-up run (which fills the OS file cache and
    compiles the bytecode, see :func:`installed_environment`)."""
    times: list[float] = []
    environment = installed_environment()
    for attempt in range(runs + 1):
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, check=False, env=environment)
        elapsed = time.perf_counter() - started
        if check_json and attempt == 0:
            # Exit codes 0, 1 and 3 are verdicts; anything else means the command did not check.
            if result.returncode not in (0, 1, 3):
                raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[:500]}")
            json.loads(result.stdout)
        if attempt:
            times.append(elapsed)
    return statistics.median(times)


# ---------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one result block."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="number of generated submissions (default 5000)")
    parser.add_argument("--seed", type=int, default=27442, help="random seed for the variants")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement; the best counts")
    parser.add_argument("--startup-runs", type=int, default=7, help="subprocess runs for the start-up median")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    parser.add_argument("--profile", type=int, nargs="?", const=25, default=0, metavar="TOP", help="print a profile")
    args = parser.parse_args(argv)

    pinned = pin_to_one_core()
    docs = make_inputs(args.n, args.seed)
    spec, loaded = resolve_tender(TENDER_ID)
    context = tender_context(spec, loaded.sha256, loaded.path)
    registry = SnapshotRegistry(REGISTRY)

    warm = docs[: min(len(docs), 300)]  # import-time caches, pydantic validators, the report adapter
    baseline(warm)
    verdicts = full_check(warm, context, registry)

    base_rate = best_rate(lambda: baseline(docs), len(docs), args.repeats)
    full_rate = best_rate(lambda: full_check(docs, context, registry), len(docs), args.repeats)
    floor_rate = best_rate(lambda: full_check(docs, context, registry, checks=()), len(docs), args.repeats)
    verdicts = full_check(docs, context, registry)

    lines = [
        "compliance check benchmark",
        f"  python {sys.version.split()[0]}, {pinned}, {len(docs)} submissions (seed {args.seed}), best of {args.repeats}",
        f"  verdicts: {', '.join(f'{k} {v}' for k, v in sorted(verdicts.items()))}",
        "",
        f"  baseline  Submission.model_validate       {base_rate:>10,.0f} submissions/s",
        f"  full      validate + sha256 + evaluate    {full_rate:>10,.0f} submissions/s   "
        f"({1e6 / full_rate:,.0f} µs each)",
        f"  floor     the same without any check      {floor_rate:>10,.0f} submissions/s   "
        f"({1e6 / floor_rate:,.0f} µs each: validation, hash, registry, report)",
        f"  ratio     full / baseline                 {full_rate / base_rate:>10.3f}   "
        f"(a full check costs {base_rate / full_rate:.1f}x bare validation)",
        f"  checks    {len(CHECKS)} per submission                  {full_rate * len(CHECKS):>10,.0f} individual checks/s",
        f"  target    >= {TARGET_PER_SECOND:,} submissions/s on one core: "
        f"{'OK' if full_rate >= TARGET_PER_SECOND else 'BELOW'} ({full_rate / TARGET_PER_SECOND:.0%} of target)",
    ]
    if not args.no_startup:
        # Start-up is measured on an example that names no CV file: reading a CV PDF (pypdf, the
        # language model) is document work, timed on its own line below.
        example = next(path for path in sorted(EXAMPLES.glob("S-*.json")) if not names_cv_file(path))
        command = [*cli_command(), "check", str(example), "--tender", TENDER_ID, "--format", "json"]
        python_pass = median_seconds([sys.executable, "-c", "pass"], args.startup_runs)
        cli = median_seconds(command, args.startup_runs, check_json=True)
        lines += [
            "",
            f"  start-up  python -c pass                  {python_pass * 1000:>10.0f} ms (median of {args.startup_runs})",
            f"  start-up  compliance check <1> --format json {cli * 1000:>7.0f} ms (median of {args.startup_runs}); "
            f"{(cli - python_pass) * 1000:.0f} ms above bare python ({example.name})",
            f"  target    < {TARGET_STARTUP_SECONDS * 1000:.0f} ms: {'OK' if cli < TARGET_STARTUP_SECONDS else 'BELOW'}",
        ]
        with_cv = next((path for path in sorted(EXAMPLES.glob("S-*.json")) if names_cv_file(path)), None)
        if with_cv is not None:
            command = [*cli_command(), "check", str(with_cv), "--tender", TENDER_ID, "--format", "json"]
            cv_run = median_seconds(command, min(args.startup_runs, 3), check_json=True)
            lines.append(
                f"  with CV   the same for {with_cv.name}: {cv_run * 1000:,.0f} ms "
                "(reads its CV PDF: pypdf and CLD2 on top of start-up; goal < 400 ms)"
            )
    print("\n".join(lines))
    if args.profile:
        print()
        print(profile_full(docs, context, registry, args.profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
