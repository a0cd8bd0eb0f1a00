"""Benchmark: POST /v1/checks over loopback, unsigned and signed, next to the same work in-process.

    python benchmarks/bench_service.py [--requests 400] [--signed-requests 60] [--memory-checks 2000]
                                       [--max-seconds 60] [--workers 1]

The service runs in its own process (uvicorn on 127.0.0.1, a free port, SQLite in a temporary data
folder, the bundled Heerde tender and registry snapshot), as ``compliance serve --workers N`` runs it
(N check worker processes; 0 = threads of the server), so the client's work does not share its
interpreter. For each of 1, 8 and 32 concurrent clients it sends a bounded number of requests (and
stops early after ``--max-seconds``) over connections opened beforehand (kept alive, as a
platform's client keeps them), and prints p50 / p99 latency, checks per second, and how many
requests the service refused as full (503) or too slow (504): those count in the latencies too.

Next to each line: the **in-process** cost of the same work in this process, in the same run: the
pipeline's check plus storing the blobs and the row (``compliance.service.api.run_check``), and for
signed also the render and PAdES signature, called directly, one after another. The ratio
``service checks/s ÷ in-process ops/s`` is what HTTP, JSON and the event loop cost.

Then the CLI intake's signed offers per second with one worker on the 30 example offers (the
issue's yardstick for signed throughput), and the service's resident memory before and after
``--memory-checks`` unsigned checks (it must not grow beyond bounded caches).

Goals (issue 12): unsigned p99 <= 50 ms at 32 concurrent clients; signed throughput >= 0.8 x the
CLI intake's signed offers/s with the same number of workers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLES = ROOT / "examples" / "heerde-27442"
OFFER = (EXAMPLES / "S-0002-daan-hoekstra.json").read_bytes()
CONCURRENCY = (1, 8, 32)

SERVER = """
import sys, uvicorn
from pathlib import Path
from compliance.service.app import create_app
from compliance.service.settings import EvidenceOptions, ServiceSettings
data, registry, port, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
app = create_app(ServiceSettings(data_dir=data, evidence=EvidenceOptions(registry=registry),
                                 checks_per_minute=10**9, job_threads=0, check_workers=workers))
print(app.state.services.keys.add("Benchmark", __import__("compliance.service.keys", fromlist=["Role"]).Role.AGENCY)[1], flush=True)
uvicorn.run(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _load(
    url: str, key: str, total: int, clients: int, max_seconds: float
) -> tuple[list[float], float, dict[int, int]]:
    """``clients`` clients, each with its own kept-alive connection, sending ``total`` checks in all."""
    import httpx

    latencies: list[float] = []
    refused: dict[int, int] = {}  # 503 (full) and 504 (timeout): answers, but not checks
    sent = 0
    stop_at = float("inf")
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    health = url.split("/v1/", 1)[0] + "/healthz"
    connected = asyncio.Event()
    ready = 0

    async def client() -> None:
        nonlocal sent, ready
        async with httpx.AsyncClient(headers=headers, timeout=120) as connection:
            # The connection is open before the clock starts: a platform keeps its connections
            # alive, and opening 32 at once on a loaded 2-core machine put seconds of connection
            # set-up (not checking) into the p99 of earlier runs.
            await connection.get(health)
            ready += 1
            if ready == clients:
                connected.set()
            await connected.wait()
            while sent < total and time.perf_counter() < stop_at:
                sent += 1
                begun = time.perf_counter()
                response = await connection.post(url, content=OFFER)
                latencies.append(time.perf_counter() - begun)
                if response.status_code in (503, 504):
                    refused[response.status_code] = refused.get(response.status_code, 0) + 1
                elif response.status_code != 201:
                    raise RuntimeError(f"unexpected {response.status_code}: {response.text[:200]}")

    tasks = [asyncio.create_task(client()) for _ in range(clients)]
    await connected.wait()
    started = time.perf_counter()
    stop_at = started + max_seconds
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - started
    return latencies, elapsed, refused


def _in_process(count: int, signed: bool) -> float:
    """Operations per second of the same work called directly (pipeline + blobs + database row)."""
    from compliance.models.tender import Phase
    from compliance.service.api import run_check
    from compliance.service.app import build_services
    from compliance.service.keys import Principal, Role
    from compliance.service.settings import EvidenceOptions, ServiceSettings

    with tempfile.TemporaryDirectory() as folder:
        services = build_services(
            ServiceSettings(
                data_dir=Path(folder), evidence=EvidenceOptions(registry=EXAMPLES / "registry"), check_workers=0
            )
        )
        principal = Principal("Benchmark", Role.AGENCY, "bench")
        for _ in range(3):  # warm up: tender, registry, signer, fonts
            run_check(services, principal, OFFER, None, None, Phase.SUBMISSION, signed)
        begun = time.perf_counter()
        for _ in range(count):
            run_check(services, principal, OFFER, None, None, Phase.SUBMISSION, signed)
        elapsed = time.perf_counter() - begun
        services.checks.close()
        services.writer.close()
        services.engine.dispose()
    return count / elapsed


def _intake_signed_per_second() -> float:
    """The CLI intake (one worker) on the 30 example offers: signed offers per second, end to end."""
    from compliance.intake.runner import IntakeConfig, run_intake

    with tempfile.TemporaryDirectory() as folder:
        begun = time.perf_counter()
        result = run_intake(
            IntakeConfig(
                submissions_dir=EXAMPLES,
                tender="flextender-27442",
                out_dir=Path(folder) / "award",
                registry=EXAMPLES / "registry",
                workers=1,
            )
        )
        elapsed = time.perf_counter() - begun
    return (result.reports_written + result.reports_reused) / elapsed


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="unsigned requests per concurrency level")
    parser.add_argument("--signed-requests", type=int, default=60, help="signed requests per concurrency level")
    parser.add_argument("--memory-checks", type=int, default=2000, help="unsigned checks for the memory line")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="time bound per measurement")
    parser.add_argument("--workers", type=int, default=1, help="check worker processes (serve --workers)")
    args = parser.parse_args()

    os.environ.setdefault("COMPLIANCE_CONFIG_DIR", tempfile.mkdtemp(prefix="bench-keys-"))
    os.environ.setdefault("COMPLIANCE_CACHE_DIR", tempfile.mkdtemp(prefix="bench-cache-"))
    data = Path(tempfile.mkdtemp(prefix="bench-service-"))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(data), str(EXAMPLES / "registry"), str(port), str(args.workers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # its JSON access log: one line per request
        text=True,
        cwd=ROOT,
    )
    try:
        assert server.stdout is not None
        key = server.stdout.readline().strip()
        base = f"http://127.0.0.1:{port}"
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the service did not start")
            time.sleep(0.1)

        print(
            f"machine: {os.cpu_count()} cores; service in its own process (uvicorn, SQLite WAL),"
            f" {args.workers} check worker process(es)"
        )
        for signed, count in ((False, args.requests), (True, args.signed_requests)):
            label = "signed" if signed else "unsigned"
            url = f"{base}/v1/checks" + ("?signed=true" if signed else "")
            asyncio.run(_load(url, key, 5, 1, args.max_seconds))  # warm-up (tender, signer, fonts)
            baseline = _in_process(max(5, count // 4), signed)
            for clients in CONCURRENCY:
                latencies, elapsed, refused = asyncio.run(_load(url, key, count, clients, args.max_seconds))
                rate = (len(latencies) - sum(refused.values())) / elapsed
                print(
                    f"{label:8} {clients:2} clients: {len(latencies):4} req  p50 {_percentile(latencies, 0.5) * 1000:7.1f} ms"
                    f"  p99 {_percentile(latencies, 0.99) * 1000:7.1f} ms  {rate:7.1f} checks/s"
                    f"  503: {refused.get(503, 0)}  504: {refused.get(504, 0)}"
                    f"  | in-process {baseline:7.1f} ops/s  ratio {rate / baseline:4.2f}"
                )
        intake = _intake_signed_per_second()
        print(f"CLI intake, 1 worker, 30 example offers: {intake:.1f} signed offers/s (goal: signed service >= 0.8 x)")

        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        processes = [server.pid, *(int(pid) for pid in children)]  # the HTTP process and its check workers
        before = [_rss_mib(pid) for pid in processes]
        checked, _, _ = asyncio.run(_load(f"{base}/v1/checks", key, args.memory_checks, 8, args.max_seconds * 5))
        after = [_rss_mib(pid) for pid in processes]
        print(
            f"memory after {len(checked)} more checks (MiB, HTTP process first, then each worker): "
            + ", ".join(f"{b:.0f} -> {a:.0f}" for b, a in zip(before, after, strict=True))
        )
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
