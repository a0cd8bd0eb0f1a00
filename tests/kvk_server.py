"""A KvK Basisprofiel API stand-in that the tests start on 127.0.0.1 (never the internet).

Each KvK number gets a script of answers, played in order (the last one repeats): a status, a
body, headers, and an optional delay before answering (to provoke a client time-out). Every
request is recorded with its path and headers, so tests can assert on retries and on where
the API key travelled.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

KVK = "12345678"


def basisprofiel(**changes: object) -> dict[str, object]:
    """A Basisprofiel in the API's own shape (a lender: SBI 78201)."""
    document: dict[str, object] = {
        "kvkNummer": KVK,
        "naam": "Jeugdprofs Detachering B.V.",
        "formeleRegistratiedatum": "20100104",
        "totaalWerkzamePersonen": 40,
        "materieleRegistratie": {"datumAanvang": "20100104"},
        "sbiActiviteiten": [{"sbiCode": "78201", "sbiOmschrijving": "Uitzendbureaus", "indHoofdactiviteit": "Ja"}],
        "_embedded": {
            "eigenaar": {"rechtsvorm": "BeslotenVennootschap", "uitgebreideRechtsvorm": "Besloten Vennootschap"}
        },
    }
    document.update(changes)
    return document


@dataclass
class Answer:
    """One scripted HTTP answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    @classmethod
    def json(cls, document: Any, status: int = 200, **more: Any) -> Answer:
        return cls(status, json.dumps(document).encode("utf-8"), {"Content-Type": "application/json"}, **more)


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]


class KvkStub:
    """The server's state: scripts per KvK number and the requests seen."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[Answer]] = {}
        self.requests: list[Recorded] = []
        self.lock = threading.Lock()
        self.base_url = ""

    def script(self, kvk_number: str, *answers: Answer) -> None:
        with self.lock:
            self.scripts[kvk_number] = list(answers)

    def next_answer(self, kvk_number: str) -> Answer:
        with self.lock:
            answers = self.scripts.get(kvk_number)
            if not answers:
                return Answer.json({"fout": [{"code": "IPD0005", "omschrijving": "niet gevonden"}]}, status=404)
            return answers.pop(0) if len(answers) > 1 else answers[0]

    def count(self, kvk_number: str) -> int:
        return sum(1 for r in self.requests if r.path.endswith(f"/{kvk_number}"))


def _handler(stub: KvkStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with stub.lock:
                stub.requests.append(Recorded(self.path, dict(self.headers.items())))
            prefix = "/api/v1/basisprofielen/"
            if not self.path.startswith(prefix):
                self.send_error(400)
                return
            answer = stub.next_answer(self.path[len(prefix) :])
            if answer.delay:
                time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (time-out test)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

    return Handler


@contextmanager
def running_stub() -> Iterator[KvkStub]:
    """Start the stub on a free port of 127.0.0.1; stop it afterwards."""
    stub = KvkStub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    stub.base_url = f"http://127.0.0.1:{server.server_address[1]}/api"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()


def run_check_with_debug_logging(submission: Path, env: dict[str, str]) -> list[bytes]:
    """Run `compliance check --kvk-api` in a real process with DEBUG logging on, in both output formats.

    Returns stdout and stderr of both runs: everything a user or a log collector would see, for tests
    that prove a secret (the API key, a BSN) leaves no trace.
    """
    script = (
        "import logging, sys; logging.basicConfig(level=logging.DEBUG); "
        "from compliance.cli.app import main; sys.argv = ['compliance'] + sys.argv[1:]; main()"
    )
    outputs: list[bytes] = []
    for output_format in ("json", "table"):
        arguments = ["check", str(submission), "-t", "flextender-27442", "--kvk-api", "-f", output_format]
        done = subprocess.run(
            [sys.executable, "-c", script, *arguments], capture_output=True, env=env, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
        outputs += [done.stdout, done.stderr]
    return outputs
