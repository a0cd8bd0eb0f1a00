"""The live KvK Basisprofiel client against a real HTTP server on 127.0.0.1: answers, faults,
retries, the cache (which is a snapshot), offline mode, configuration, and the API key's secrecy."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from kvk_server import KVK, Answer, KvkStub, basisprofiel, run_check_with_debug_logging, running_stub
from typer.testing import CliRunner
from urllib3 import HTTPResponse

from compliance.cli.app import app
from compliance.sources.cache import CacheOnlyRegistry, RegistryCache, default_kvk_cache_dir
from compliance.sources.kvk_api import CappedRetry, KvkApiRegistry
from compliance.sources.kvk_config import KvkApiSettings, KvkConfigError, load_settings
from compliance.sources.registry import LookupStatus, SnapshotRegistry
from compliance.sources.select import select_registry

API_KEY = "test-sleutel-4f1c9e7a2b"  # made up for the tests; must never surface anywhere
NOW = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def stub() -> Iterator[KvkStub]:
    with running_stub() as server:
        yield server


def settings(stub: KvkStub, **changes: object) -> KvkApiSettings:
    values: dict[str, object] = {
        "base_url": stub.base_url,
        "api_key": API_KEY,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "retries": 1,
        "backoff": 0.0,
    }
    values.update(changes)
    return KvkApiSettings(**values)  # type: ignore[arg-type]


def client(stub: KvkStub, cache_dir: Path | None, clock: datetime = NOW, **changes: object) -> KvkApiRegistry:
    cache = RegistryCache(cache_dir) if cache_dir else None
    return KvkApiRegistry(settings(stub, **changes), cache, clock=lambda: clock)


def test_found_record_is_validated_cached_with_url_and_time_and_the_key_only_in_a_header(stub, tmp_path):
    stub.script(KVK, Answer.json(basisprofiel()))

    lookup = client(stub, tmp_path).lookup(KVK)

    assert lookup.status is LookupStatus.FOUND
    assert lookup.record is not None
    assert lookup.record.sbi_codes == ("78201",)
    assert lookup.record.employees == 40
    assert lookup.location == f"{stub.base_url}/v1/basisprofielen/{KVK}"
    assert lookup.retrieved_at == NOW
    request = stub.requests[0]
    assert request.headers["apikey"] == API_KEY
    assert API_KEY not in request.path
    cached = json.loads((tmp_path / f"{KVK}.json").read_text(encoding="utf-8"))
    assert cached["_meta"] == {"retrievedAt": NOW.isoformat(), "url": lookup.location}
    assert cached["kvkNummer"] == KVK
    assert API_KEY not in (tmp_path / f"{KVK}.json").read_text(encoding="utf-8")


def test_a_fresh_cache_answers_without_a_request_and_a_stale_one_is_refreshed(stub, tmp_path):
    stub.script(KVK, Answer.json(basisprofiel()))
    client(stub, tmp_path).lookup(KVK)

    again = client(stub, tmp_path, clock=NOW + timedelta(days=6)).lookup(KVK)

    assert again.status is LookupStatus.FOUND
    assert again.source == "KvK Basisprofiel API v1 (cache)"
    assert again.retrieved_at == NOW
    assert stub.count(KVK) == 1

    later = NOW + timedelta(days=8)
    refreshed = client(stub, tmp_path, clock=later).lookup(KVK)

    assert refreshed.retrieved_at == later
    assert stub.count(KVK) == 2


def test_the_cache_folder_is_a_snapshot_for_registry(stub, tmp_path):
    stub.script(KVK, Answer.json(basisprofiel()))
    client(stub, tmp_path).lookup(KVK)

    snapshot = SnapshotRegistry(tmp_path).lookup(KVK)

    assert snapshot.status is LookupStatus.FOUND
    assert snapshot.location == f"{stub.base_url}/v1/basisprofielen/{KVK}"
    assert snapshot.retrieved_at == NOW


def test_persistent_500_is_unavailable_after_the_retries(stub, tmp_path):
    stub.script(KVK, Answer(status=500, body=b"interne fout"))

    lookup = client(stub, tmp_path, retries=2).lookup(KVK)

    assert lookup.status is LookupStatus.UNAVAILABLE
    assert lookup.record is None
    assert "HTTP 500 na 3 poging(en)" in lookup.detail
    assert stub.count(KVK) == 3
    assert not (tmp_path / f"{KVK}.json").exists()


def test_429_then_200_is_retried_and_found(stub, tmp_path):
    stub.script(KVK, Answer(status=429, headers={"Retry-After": "0"}), Answer.json(basisprofiel()))

    lookup = client(stub, tmp_path, retries=2).lookup(KVK)

    assert lookup.status is LookupStatus.FOUND
    assert stub.count(KVK) == 2


def test_a_server_slower_than_the_timeout_is_unavailable(stub, tmp_path):
    stub.script(KVK, Answer.json(basisprofiel(), delay=0.6))

    lookup = client(stub, tmp_path, read_timeout=0.15, retries=1).lookup(KVK)

    assert lookup.status is LookupStatus.UNAVAILABLE
    assert "time-out" in lookup.detail
    assert "2 poging(en)" in lookup.detail
    assert stub.count(KVK) == 2


def test_malformed_json_is_invalid_and_not_cached(stub, tmp_path):
    stub.script(
        KVK,
        Answer(status=200, body=b'{"kvkNummer": "12345678", "naam": ', headers={"Content-Type": "application/json"}),
    )

    lookup = client(stub, tmp_path).lookup(KVK)

    assert lookup.status is LookupStatus.INVALID
    assert "geen JSON" in lookup.detail
    assert not (tmp_path / f"{KVK}.json").exists()


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"naam": "zonder nummer"}, "kvkNummer ontbreekt"),
        (basisprofiel(sbiActiviteiten="78201"), "sbiActiviteiten is geen lijst"),
        (basisprofiel(kvkNummer="87654321"), "antwoordde voor 87654321"),
        (["geen", "object"], "geen JSON-object"),
    ],
)
def test_a_response_of_the_wrong_shape_is_invalid(stub, tmp_path, document, words):
    stub.script(KVK, Answer.json(document))

    lookup = client(stub, tmp_path).lookup(KVK)

    assert lookup.status is LookupStatus.INVALID
    assert words in lookup.detail


def test_404_is_an_unknown_number(stub, tmp_path):
    stub.script(KVK, Answer.json({"fout": [{"code": "IPD0005"}]}, status=404))

    lookup = client(stub, tmp_path).lookup(KVK)

    assert lookup.status is LookupStatus.NOT_FOUND
    assert "onbekend bij de KvK" in lookup.detail
    assert stub.count(KVK) == 1  # a 404 is an answer, not a fault: no retry


def test_a_refused_key_is_unavailable_and_the_detail_does_not_quote_it(stub, tmp_path):
    stub.script(KVK, Answer(status=401, body=API_KEY.encode()))

    lookup = client(stub, tmp_path).lookup(KVK)

    assert lookup.status is LookupStatus.UNAVAILABLE
    assert "API-sleutel" in lookup.detail
    assert API_KEY not in repr(lookup)


def test_a_failed_refresh_never_falls_back_to_a_stale_record(stub, tmp_path):
    stub.script(KVK, Answer.json(basisprofiel()), Answer(status=503))
    client(stub, tmp_path).lookup(KVK)

    lookup = client(stub, tmp_path, clock=NOW + timedelta(days=30)).lookup(KVK)

    assert lookup.status is LookupStatus.UNAVAILABLE
    assert lookup.record is None


def test_offline_uses_the_cache_whatever_its_age_and_a_miss_needs_review(stub, tmp_path):
    stub.script(KVK, Answer.json(basisprofiel()))
    client(stub, tmp_path).lookup(KVK)
    seen = len(stub.requests)

    offline = CacheOnlyRegistry(RegistryCache(tmp_path), now=NOW + timedelta(days=90))
    hit = offline.lookup(KVK)
    miss = offline.lookup("87654321")

    assert hit.status is LookupStatus.FOUND
    assert hit.retrieved_at == NOW
    assert "ouder dan 7 dagen" in hit.detail
    assert miss.status is LookupStatus.UNAVAILABLE
    assert "niet in de cache" in miss.detail
    assert len(stub.requests) == seen


def test_retry_after_is_honoured_only_up_to_the_cap():
    retry = CappedRetry(total=1)
    response = HTTPResponse(body=b"", headers={"Retry-After": "3600"}, status=429)

    assert retry.get_retry_after(response) == CappedRetry.MAX_RETRY_AFTER
    assert retry.new().get_retry_after(response) == CappedRetry.MAX_RETRY_AFTER  # survives urllib3's copies


# Configuration


def test_settings_from_the_environment_and_the_config_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[kvk]\napi_url = "https://api.kvk.nl/test/api"\napi_key = "uit-bestand"\nttl_days = 2\n')

    from_file = load_settings({}, config)
    from_env = load_settings(
        {"COMPLIANCE_KVK_API_KEY": "uit-env", "COMPLIANCE_KVK_API_URL": "http://127.0.0.1:9/api"}, config
    )

    assert (from_file.base_url, from_file.api_key, from_file.ttl) == (
        "https://api.kvk.nl/test/api",
        "uit-bestand",
        timedelta(days=2),
    )
    assert (from_env.base_url, from_env.api_key) == ("http://127.0.0.1:9/api", "uit-env")
    assert "uit-env" not in repr(from_env)
    assert load_settings({"COMPLIANCE_KVK_API_KEY": "k"}, tmp_path / "geen.toml").base_url == "https://api.kvk.nl/api"


@pytest.mark.parametrize(
    ("environ", "words"),
    [
        ({}, "geen KvK API-sleutel"),
        ({"COMPLIANCE_KVK_API_KEY": "k", "COMPLIANCE_KVK_API_URL": "http://api.kvk.nl/api"}, "alleen over https"),
        ({"COMPLIANCE_KVK_API_KEY": "k", "COMPLIANCE_KVK_API_URL": "https://api.kvk.nl/api?apikey=x"}, "query"),
        ({"COMPLIANCE_KVK_API_KEY": "k", "COMPLIANCE_KVK_API_URL": "ftp://api.kvk.nl"}, "geen http(s)-adres"),
    ],
)
def test_bad_configuration_is_a_usage_error(tmp_path, environ, words):
    with pytest.raises(KvkConfigError) as caught:
        load_settings(environ, tmp_path / "geen.toml")

    assert words in caught.value.diagnostics()
    assert caught.value.exit_code == 2


def test_registry_and_kvk_api_exclude_each_other(tmp_path):
    with pytest.raises(KvkConfigError):
        select_registry(tmp_path, kvk_api=True, offline=False, environ={"COMPLIANCE_KVK_API_KEY": "k"})


def test_default_cache_folder_follows_compliance_cache_dir(tmp_path):
    assert default_kvk_cache_dir({"COMPLIANCE_CACHE_DIR": str(tmp_path)}) == tmp_path / "kvk-basisprofielen"
    assert default_kvk_cache_dir({}).name == "kvk-basisprofielen"


# Through the command line, as a user runs it


@pytest.fixture
def cli_env(stub, tmp_path, monkeypatch) -> Path:
    cache_root = tmp_path / "cache"
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(cache_root))
    monkeypatch.setenv("COMPLIANCE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("COMPLIANCE_KVK_API_URL", stub.base_url)
    monkeypatch.setenv("COMPLIANCE_KVK_API_KEY", API_KEY)
    return cache_root


def _check(path: Path, *options: str):
    return CliRunner().invoke(app, ["check", str(path), "--tender", "flextender-27442", "--format", "json", *options])


def test_cli_live_lookup_passes_waadi_with_source_url_and_time(stub, cli_env, write_json, make_submission):
    stub.script(KVK, Answer.json(basisprofiel()))

    result = _check(write_json(make_submission()), "--kvk-api")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    lookup = report["lookups"][0]
    assert lookup["status"] == "found"
    assert lookup["source"] == "KvK Basisprofiel API v1"
    assert lookup["location"] == f"{stub.base_url}/v1/basisprofielen/{KVK}"
    assert lookup["retrieved_at"]
    waadi = next(f for f in report["findings"] if f["check_id"] == "NL-WAADI-001")
    assert waadi["status"] == "pass"
    registry_facts = [fact for fact in waadi["facts"] if fact["source"] == "registry"]
    assert registry_facts and all(stub.base_url in fact["detail"] for fact in registry_facts)
    assert (cli_env / "kvk-basisprofielen" / f"{KVK}.json").is_file()


@pytest.mark.parametrize(
    "answers",
    [
        [Answer(status=503)],
        [Answer(status=200, body=b"<html>onderhoud</html>")],
        [Answer.json({"fout": []}, status=404)],
    ],
    ids=["down", "garbage", "unknown"],
)
def test_cli_failed_lookup_needs_review_never_pass(stub, cli_env, write_json, make_submission, monkeypatch, answers):
    stub.script(KVK, *answers)
    config = cli_env.parent / "config"
    config.mkdir()
    (config / "config.toml").write_text("[kvk]\nretries = 0\nbackoff_seconds = 0\n")

    result = _check(write_json(make_submission()), "--kvk-api")

    assert result.exit_code == 3, result.output
    report = json.loads(result.stdout)
    assert report["verdict"] == "needs_review"
    assert report["lookups"][0]["status"] in ("unavailable", "invalid", "not_found")
    waadi = next(f for f in report["findings"] if f["check_id"] == "NL-WAADI-001")
    assert waadi["status"] == "needs_review"
    assert report["lookups"][0]["detail"] in waadi["reason"]


def test_cli_offline_without_cache_needs_review_and_makes_no_request(stub, cli_env, write_json, make_submission):
    stub.script(KVK, Answer.json(basisprofiel()))

    result = _check(write_json(make_submission()), "--kvk-api", "--offline")

    assert result.exit_code == 3
    assert json.loads(result.stdout)["lookups"][0]["status"] == "unavailable"
    assert stub.requests == []


def test_cli_without_a_key_is_a_usage_error(stub, cli_env, write_json, make_submission, monkeypatch):
    monkeypatch.delenv("COMPLIANCE_KVK_API_KEY")

    result = _check(write_json(make_submission()), "--kvk-api")

    assert result.exit_code == 2
    assert "COMPLIANCE_KVK_API_KEY" in result.stderr


def test_the_api_key_appears_in_no_output_log_or_file(stub, tmp_path, write_json, make_submission):
    """A real process, debug logging of urllib3 switched on: the key is in no byte it leaves behind."""
    stub.script(KVK, Answer(status=500), Answer.json(basisprofiel()))
    cache_root = tmp_path / "cache"
    submission = write_json(make_submission())
    env = {
        **os.environ,
        "COMPLIANCE_CACHE_DIR": str(cache_root),
        "COMPLIANCE_CONFIG_DIR": str(tmp_path / "config"),
        "COMPLIANCE_KVK_API_URL": stub.base_url,
        "COMPLIANCE_KVK_API_KEY": API_KEY,
        "COMPLIANCE_DEBUG": "1",
    }
    outputs = run_check_with_debug_logging(submission, env)
    assert any(b"urllib3" in output for output in outputs)  # debug logging was really on
    files = [path.read_bytes() for path in cache_root.rglob("*") if path.is_file()]
    assert files
    for blob in [*outputs, *files]:
        assert API_KEY.encode() not in blob
