"""Benchmark: ``compliance intake`` of 1 000 generated submissions, 1 worker against all cores.

    python benchmarks/bench_intake.py [--n 1000] [--small 250] [--workers N]

What is measured, in one run on the same inputs:

* **intake, 1 worker** and **intake, all cores**: ``run_intake`` from folder to finished award
  file (check, score, rank, a signed PDF + JSON per candidate, summaries, the signed overview,
  audit log and the signed manifest), wall-clock, including the worker pool's start-up;
  submissions/s and the scaling ratio between the two (target: >= 1.6x on 2 cores);
* **signed manifest**: what listing every file of the finished folder and signing the manifest
  cost once per run (the part of the award file that makes it forgery-proof), in total and per
  submission;
* **peak memory**: the proportional set size (PSS, so pages shared between forked processes count
  once) of the benchmark process and every process below it, sampled every 20 ms (target: under
  400 MB for 1 000 submissions); and again for ``--small`` submissions, to show it is flat in the
  number of submissions;
* **raw limit**: what reportlab + pyHanko alone do per report, measured the way
  ``benchmarks/bench_sign.py`` measures it (its bare render and bare sign of the same texts,
  ``1 / (t_render + t_sign)``, one core), on reports of these inputs. The ratio intake(1 worker) /
  raw limit says what checking, scoring, file writing and the award file cost on top.

The submissions are ``bench_check.make_inputs``: varied copies of examples/heerde-27442 (rates,
times, job and registration dates), so every outcome occurs: selected, ranked, lot, needs review,
excluded. Nothing is written outside a temporary folder (the signing key included).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import REGISTRY, TENDER_ID, make_inputs  # noqa: E402

TARGET_SCALING_2_CORES = 1.6
TARGET_PEAK_MB = 400.0


def _pss_kib(pid: int) -> int:
    """Proportional set size of one process in KiB (0 when it is gone or unreadable)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, frontier = [pid], [pid]
    while frontier:
        for child in children.get(frontier.pop(), []):
            found.append(child)
            frontier.append(child)
    return found


@contextmanager
def peak_memory() -> Iterator[dict[str, float]]:
    """Sample the PSS of this process tree every 20 ms; yields a dict filled with the peaks (MB)."""
    result = {"tree_mb": 0.0, "main_mb": 0.0}
    stop = threading.Event()

    def sample() -> None:
        me = os.getpid()
        while not stop.is_set():
            main = _pss_kib(me)
            total = sum(_pss_kib(pid) for pid in _tree(me))
            result["main_mb"] = max(result["main_mb"], main / 1024)
            result["tree_mb"] = max(result["tree_mb"], total / 1024)
            stop.wait(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()


def write_inputs(folder: Path, count: int, seed: int) -> None:
    folder.mkdir(parents=True)
    for document in make_inputs(count, seed):
        (folder / f"{document['submission_id']}.json").write_text(json.dumps(document), encoding="utf-8")


def timed_intake(folder: Path, out: Path, workers: int) -> tuple[float, dict[str, float], Any]:
    from compliance.intake.runner import IntakeConfig, run_intake

    config = IntakeConfig(folder, TENDER_ID, out_dir=out, registry=REGISTRY, workers=workers)
    with peak_memory() as peak:
        start = time.perf_counter()
        result = run_intake(config)
        seconds = time.perf_counter() - start
    return seconds, peak, result


@contextmanager
def one_core() -> Iterator[str]:
    """Pin to one CPU for the per-core raw limit, then give the other cores back."""
    if not hasattr(os, "sched_setaffinity"):
        yield "not pinned"
        return
    before = os.sched_getaffinity(0)
    cpu = min(before)
    os.sched_setaffinity(0, {cpu})
    try:
        yield f"CPU {cpu}"
    finally:
        os.sched_setaffinity(0, before)


def raw_limit(folder: Path, count: int) -> tuple[float, float, float]:
    """(reports/s, t_render, t_sign): bench_sign's bare render + bare sign on reports of these inputs."""
    from bench_sign import _bare_document, _bare_sign, _simple_signer

    from compliance.engine import evaluate, tender_context
    from compliance.inputs.offers import load_offer
    from compliance.inputs.tenders import resolve_tender
    from compliance.signing.keys import resolve_identity
    from compliance.sources.registry import SnapshotRegistry

    spec, loaded = resolve_tender(TENDER_ID)
    context = tender_context(spec, loaded.sha256, loaded.path)
    registry = SnapshotRegistry(REGISTRY)
    reports = []
    for path in sorted(folder.glob("*.json"))[:count]:
        submission, source, documents = load_offer(path, spec)
        reports.append(evaluate(submission, source.sha256, context, registry=registry, documents=documents))
    signer = _simple_signer(resolve_identity()[0])
    documents = [_bare_document(r) for r in reports]  # warm-up

    def timed(function: Callable[[], object]) -> float:
        start = time.perf_counter()
        function()
        return time.perf_counter() - start

    renders = [timed(lambda r=r: _bare_document(r)) for r in reports]
    signs = [timed(lambda d=d: _bare_sign(d, signer)) for d in documents]
    t_render, t_sign = statistics.median(renders), statistics.median(signs)
    return 1 / (t_render + t_sign), t_render, t_sign


def manifest_cost(out: Path) -> tuple[float, int]:
    """(seconds, files): walk the finished award folder and sign its manifest again, as the intake's last step does."""
    from compliance.intake.manifest import MANIFEST_FILE, folder_entries
    from compliance.intake.worker import load_signer
    from compliance.signing.detached import sign_detached

    signer = load_signer()
    data = (out / MANIFEST_FILE).read_bytes()
    start = time.perf_counter()
    entries = folder_entries(out)
    sign_detached(data, signer)
    return time.perf_counter() - start, len(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="submissions in the batch")
    parser.add_argument("--small", type=int, default=250, help="a smaller batch, to show memory is flat")
    parser.add_argument("--workers", type=int, default=0, help="the parallel run's workers (default: all cores)")
    parser.add_argument("--raw-reports", type=int, default=40, help="reports to measure the raw limit on")
    parser.add_argument("--seed", type=int, default=27442)
    options = parser.parse_args()

    from compliance.intake import usable_cores

    cores = usable_cores()
    workers = options.workers or cores
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        os.environ["COMPLIANCE_CONFIG_DIR"] = str(work / "config")  # the signing key lives here
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        write_inputs(work / "batch", options.n, options.seed)
        write_inputs(work / "small", options.small, options.seed + 1)

        with one_core() as pinned:
            limit, t_render, t_sign = raw_limit(work / "batch", options.raw_reports)
        serial_s, serial_peak, result = timed_intake(work / "batch", work / "out-1", 1)
        parallel_s, parallel_peak, parallel = timed_intake(work / "batch", work / "out-n", workers)
        _, small_peak, _ = timed_intake(work / "small", work / "out-small", workers)
        manifest_s, manifest_files = manifest_cost(work / "out-n")

    serial_rate, parallel_rate = options.n / serial_s, options.n / parallel_s
    scaling = parallel_rate / serial_rate
    counts = result.counts
    print(f"intake of {options.n} submissions (examples/heerde-27442 variants), {cores} usable cores")
    print(
        f"  outcomes: {counts['selected']} selected, {counts['lot']} lot, {counts['ranked']} ranked, "
        f"{counts['needs_review']} needs review, {counts['excluded']} excluded, {counts['error']} errors"
    )
    print(f"  raw limit (bench_sign bare render {t_render * 1000:.1f} ms + bare sign {t_sign * 1000:.1f} ms, {pinned})")
    print(f"                                   {limit:7.1f} reports/s")
    print(
        f"  intake, 1 worker     {serial_s:7.1f} s   {serial_rate:7.1f} submissions/s   {serial_rate / limit:5.2f} x raw limit"
    )
    print(
        f"  intake, {workers} workers    {parallel_s:7.1f} s   {parallel_rate:7.1f} submissions/s   "
        f"{parallel_rate / limit:5.2f} x raw limit"
    )
    print(
        f"  signed manifest: {manifest_s * 1000:.1f} ms for {manifest_files} files "
        f"({manifest_s / options.n * 1e6:.0f} µs per submission)"
    )
    print(f"  scaling {workers} workers / 1  {scaling:5.2f} x   (target >= {TARGET_SCALING_2_CORES} on 2 cores)")
    print(
        f"  peak memory (PSS, all processes): {serial_peak['tree_mb']:.0f} MB with 1 worker, "
        f"{parallel_peak['tree_mb']:.0f} MB with {workers} (main process {parallel_peak['main_mb']:.0f} MB); "
        f"{small_peak['tree_mb']:.0f} MB for {options.small} submissions (target < {TARGET_PEAK_MB:.0f} MB)"
    )
    same = [(r.assessment.file, r.rank, r.tie) for r in result.rows] == [
        (r.assessment.file, r.rank, r.tie) for r in parallel.rows
    ]
    print(f"  same ranking with 1 and {workers} workers: {'yes' if same else 'NO'}")
    scaling_ok = scaling >= TARGET_SCALING_2_CORES or workers < 2
    memory_ok = max(serial_peak["tree_mb"], parallel_peak["tree_mb"]) < TARGET_PEAK_MB
    print(f"  targets (scaling, memory): {'met' if scaling_ok and memory_ok and same else 'NOT met'}")


if __name__ == "__main__":
    main()
