"""Signing keys: the local quick-start key, PKCS#12 and PEM loading, passwords, and ``compliance keys``.

Every test points ``COMPLIANCE_CONFIG_DIR`` at its own temporary folder, so nothing touches the
real home folder; all key material is generated here.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from sign_support import make_pki, pem
from typer.testing import CliRunner

from compliance.cli.app import app
from compliance.errors import SigningError
from compliance.signing.keys import (
    ENV_P12,
    ENV_PASSWORD,
    KeyChoice,
    create_local_identity,
    load_pkcs12,
    local_certificate,
    local_identity,
    resolve_identity,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_local_key_is_created_on_first_use_with_private_modes(config_dir: Path) -> None:
    assert local_certificate() is None
    identity, created = local_identity()
    assert created and identity.local and not identity.qualified
    assert identity.key_description == "ECDSA secp256r1"
    folder = config_dir / "signing"
    assert mode(config_dir) == 0o700 and mode(folder) == 0o700
    assert mode(folder / "key.pem") == 0o600 and mode(folder / "cert.pem") == 0o600
    again, created_again = local_identity()
    assert not created_again and again.fingerprint == identity.fingerprint
    assert local_certificate() == identity.certificate
    # The note a report carries about this signer.
    note = identity.note()
    assert note.local and not note.qualified and note.certificate_sha256 == identity.fingerprint


def test_replacing_the_local_key_keeps_the_old_one(config_dir: Path) -> None:
    old, _ = local_identity()
    new = create_local_identity(replace=True)
    assert new.fingerprint != old.fingerprint
    kept = [p for p in config_dir.iterdir() if p.name.startswith("signing.replaced-")]
    assert len(kept) == 1 and (kept[0] / "key.pem").is_file()


def test_pkcs12_with_password_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pki = make_pki()
    bundle = pkcs12.serialize_key_and_certificates(
        b"seal",
        pki.signer.private_key,  # type: ignore[arg-type]
        pki.signer.certificate,
        [pki.root],
        serialization.BestAvailableEncryption(b"geheim wachtwoord"),
    )
    path = tmp_path / "seal.p12"
    path.write_bytes(bundle)
    monkeypatch.setenv(ENV_P12, str(path))
    monkeypatch.setenv(ENV_PASSWORD, "geheim wachtwoord")
    identity, created = resolve_identity()
    assert not created and not identity.local
    assert identity.fingerprint == pki.signer.fingerprint
    assert identity.chain == (pki.root,)
    monkeypatch.setenv(ENV_PASSWORD, "fout")
    with pytest.raises(SigningError, match="klopt niet"):
        resolve_identity()


def test_pkcs12_password_is_asked_when_not_in_the_environment(tmp_path: Path) -> None:
    pki = make_pki()
    path = tmp_path / "seal.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"seal",
            pki.signer.private_key,  # type: ignore[arg-type]
            pki.signer.certificate,
            None,
            serialization.BestAvailableEncryption(b"s3cret"),
        )
    )
    asked: list[str] = []

    def prompt(text: str) -> bytes | None:
        asked.append(text)
        return b"s3cret"

    assert load_pkcs12(path, prompt).fingerprint == pki.signer.fingerprint
    assert asked and str(path) in asked[0]
    with pytest.raises(SigningError, match="wachtwoord is nodig"):
        load_pkcs12(path, None)


def test_pem_key_and_certificate_and_mismatch(tmp_path: Path) -> None:
    pki, other = make_pki(), make_pki()
    key = tmp_path / "key.pem"
    key.write_bytes(
        pki.signer.private_key.private_bytes(  # type: ignore[union-attr]
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"pem-pass"),
        )
    )
    cert = tmp_path / "cert.pem"
    cert.write_bytes(pem(pki.signer.certificate) + pem(pki.root))
    identity, _ = resolve_identity(KeyChoice(key=key, cert=cert), prompt=lambda _: b"pem-pass")
    assert identity.fingerprint == pki.signer.fingerprint and identity.chain == (pki.root,)
    wrong = tmp_path / "other.pem"
    wrong.write_bytes(pem(other.signer.certificate))
    with pytest.raises(SigningError, match="hoort niet bij het certificaat"):
        resolve_identity(KeyChoice(key=key, cert=wrong), prompt=lambda _: b"pem-pass")
    with pytest.raises(SigningError, match="geef beide"):
        resolve_identity(KeyChoice(key=key))


def test_options_win_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_P12, str(tmp_path / "does-not-exist.p12"))
    pki = make_pki()
    key, cert = tmp_path / "k.pem", tmp_path / "c.pem"
    key.write_bytes(
        pki.signer.private_key.private_bytes(  # type: ignore[union-attr]
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    cert.write_bytes(pem(pki.signer.certificate))
    identity, _ = resolve_identity(KeyChoice(key=key, cert=cert))
    assert identity.fingerprint == pki.signer.fingerprint
    with pytest.raises(SigningError, match="niet leesbaar"):
        resolve_identity()  # the environment's (missing) PKCS#12 file


def test_keys_init_and_show_commands(config_dir: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["keys", "show"])
    assert shown.exit_code == 2 and "keys init" in shown.output
    made = runner.invoke(app, ["keys", "init"])
    assert made.exit_code == 0, made.output
    assert "GEEN gekwalificeerd" in made.output and "Vingerafdruk" in made.output
    fingerprint = local_identity()[0].fingerprint
    again = runner.invoke(app, ["keys", "init"])
    assert again.exit_code == 0 and "al een lokale sleutel" in again.output
    shown = runner.invoke(app, ["keys", "show"])
    assert shown.exit_code == 0 and fingerprint in shown.output and "Gekwalificeerd:  NEE" in shown.output
    as_pem = runner.invoke(app, ["keys", "show", "--pem"])
    assert as_pem.stdout.startswith("-----BEGIN CERTIFICATE-----")
