"""Signing keys: the local quick-start key, and PKCS#12 / PEM key material from options or env.

Where the key comes from, in order:

1. options (``--signing-p12``, or ``--signing-key`` with ``--signing-cert``);
2. environment: ``COMPLIANCE_SIGNING_P12``, or ``COMPLIANCE_SIGNING_KEY`` with
   ``COMPLIANCE_SIGNING_CERT``;
3. the local key in the user's config folder, created on first use.

A password is read only from ``COMPLIANCE_SIGNING_PASSWORD`` or asked for interactively (the
caller passes a prompt function); never from a command-line argument, where it would end up in
shell history and process listings.

The local key is ECDSA P-256 with a self-signed certificate, valid for ten years, stored in
``<config>/signing/`` with mode 0600 (folder 0700). ECDSA signs in well under a millisecond where
RSA-2048 takes several, and its certificate and signatures are small. It is *not* a qualified
certificate and everything that shows it says so. ``COMPLIANCE_CONFIG_DIR`` overrides the config
folder, so tests and CI never touch the real home folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from compliance.errors import SigningError
from compliance.models.report import SignerNote

ENV_CONFIG_DIR = "COMPLIANCE_CONFIG_DIR"
ENV_P12 = "COMPLIANCE_SIGNING_P12"
ENV_KEY = "COMPLIANCE_SIGNING_KEY"
ENV_CERT = "COMPLIANCE_SIGNING_CERT"
ENV_PASSWORD = "COMPLIANCE_SIGNING_PASSWORD"

LOCAL_FOLDER = "signing"
LOCAL_KEY_FILE = "key.pem"
LOCAL_CERT_FILE = "cert.pem"
LOCAL_COMMON_NAME = "compliance - lokale rapportondertekening"
LOCAL_ORGANISATION = "Niet gekwalificeerd (zelfondertekend)"
LOCAL_VALIDITY = timedelta(days=3652)

# id-pe-qcStatements and the DER encoding of id-etsi-qcs-QcCompliance (0.4.0.1862.1.1): a
# certificate that carries this statement claims to be an EU qualified certificate.
_QC_STATEMENTS = x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3")
_QC_COMPLIANCE_DER = bytes.fromhex("060604008e460101")

_T = TypeVar("_T")

PasswordPrompt = Callable[[str], bytes | None]
"""Asks the user for a password (given a Dutch prompt text); returns None when it cannot ask."""


@dataclass(frozen=True)
class SigningIdentity:
    """A private key with its certificate (and any chain), ready to sign."""

    private_key: PrivateKeyTypes
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    source: str  # where it was loaded from, for messages (never a password)
    local: bool  # the quick-start key made by this tool

    @property
    def fingerprint(self) -> str:
        """sha256 of the certificate (DER), hex: what a reviewer compares out of band."""
        return certificate_fingerprint(self.certificate)

    @property
    def subject(self) -> str:
        """The certificate's common name (or its full subject when it has none)."""
        return certificate_subject(self.certificate)

    @property
    def qualified(self) -> bool:
        """Whether the certificate *claims* to be qualified (QcCompliance); never for the local key."""
        return not self.local and claims_qualified(self.certificate)

    @property
    def key_description(self) -> str:
        """'ECDSA P-256', 'RSA 3072', ..."""
        key = self.private_key
        if isinstance(key, ec.EllipticCurvePrivateKey):
            return f"ECDSA {key.curve.name}"
        if isinstance(key, rsa.RSAPrivateKey):
            return f"RSA {key.key_size}"
        return type(key).__name__

    def note(self) -> SignerNote:
        """What the report records and prints about this signer."""
        return SignerNote(
            subject=self.subject,
            certificate_sha256=self.fingerprint,
            qualified=self.qualified,
            local=self.local,
        )


def certificate_fingerprint(certificate: x509.Certificate) -> str:
    """Hex sha256 over the DER certificate."""
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def certificate_subject(certificate: x509.Certificate) -> str:
    """The common name, or the RFC 4514 subject when there is no common name."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if names:
        return str(names[0].value)
    return certificate.subject.rfc4514_string() or "(geen naam)"


def claims_qualified(certificate: x509.Certificate) -> bool:
    """True when the certificate carries the QcCompliance statement (a claim, not a trust decision)."""
    try:
        extension = certificate.extensions.get_extension_for_oid(_QC_STATEMENTS)
    except x509.ExtensionNotFound:
        return False
    value = extension.value
    raw = value.value if isinstance(value, x509.UnrecognizedExtension) else value.public_bytes()
    return _QC_COMPLIANCE_DER in raw


def config_dir() -> Path:
    """The user's config folder for this tool (``COMPLIANCE_CONFIG_DIR`` overrides it)."""
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("compliance", appauthor=False))


def local_key_folder(folder: Path | None = None) -> Path:
    """Where the local key and certificate live."""
    return (folder or config_dir()) / LOCAL_FOLDER


def env_password() -> bytes | None:
    """The signing password from the environment, if set."""
    value = os.environ.get(ENV_PASSWORD)
    return value.encode("utf-8") if value else None


# -- the local key ------------------------------------------------------------------------


def _write_private(path: Path, data: bytes) -> None:
    """Create a file readable by its owner only (0600 from the first byte: no chmod race)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _self_signed(key: ec.EllipticCurvePrivateKey, now: datetime) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, LOCAL_COMMON_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, LOCAL_ORGANISATION),
        ]
    )
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + LOCAL_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            # digitalSignature + nonRepudiation: what PDF signature validators require by default.
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def create_local_identity(folder: Path | None = None, replace: bool = False) -> SigningIdentity:
    """Create the local key and self-signed certificate; atomic, and safe against a parallel run.

    Key and certificate are written into a fresh private folder that is then renamed into place
    in one step, so a crash never leaves a key without its certificate and two processes that
    start at once end up using the same key. With ``replace`` an existing key is kept aside as
    ``signing.replaced-<time>`` (old reports verify against it with ``--trust``).
    """
    base = folder or config_dir()
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = base / LOCAL_FOLDER
        now = datetime.now(UTC)
        if replace and target.exists():
            target.rename(base / f"{LOCAL_FOLDER}.replaced-{now.strftime('%Y%m%dT%H%M%S%f')}")
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = _self_signed(key, now)
        staging = Path(tempfile.mkdtemp(prefix=f".{LOCAL_FOLDER}-", dir=base))  # mode 0700
        try:
            _write_private(
                staging / LOCAL_KEY_FILE,
                key.private_bytes(
                    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
                ),
            )
            _write_private(staging / LOCAL_CERT_FILE, certificate.public_bytes(serialization.Encoding.PEM))
            try:
                os.rename(staging, target)
            except OSError:
                if (target / LOCAL_CERT_FILE).is_file():  # another process won the race: use its key
                    return load_local_identity(base)
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise SigningError(
            f"{base}: kan de lokale ondertekeningssleutel niet aanmaken ({exc.strerror or exc})"
        ) from exc
    return SigningIdentity(key, certificate, (), f"lokale sleutel in {target}", local=True)


def load_local_identity(folder: Path | None = None) -> SigningIdentity:
    """Load the local key and certificate (raises SigningError when absent or damaged)."""
    target = local_key_folder(folder)
    key_path, cert_path = target / LOCAL_KEY_FILE, target / LOCAL_CERT_FILE
    if not key_path.is_file() or not cert_path.is_file():
        raise SigningError(f"{target}: geen lokale ondertekeningssleutel; maak er een met 'compliance keys init'")
    identity = _load_pem_pair(key_path, cert_path, None)
    return SigningIdentity(
        identity.private_key, identity.certificate, identity.chain, f"lokale sleutel in {target}", True
    )


def local_identity(folder: Path | None = None) -> tuple[SigningIdentity, bool]:
    """The local identity, created on first use; the flag says whether it was just created."""
    target = local_key_folder(folder)
    if (target / LOCAL_CERT_FILE).is_file():
        return load_local_identity(folder), False
    return create_local_identity(folder), True


def local_certificate(folder: Path | None = None) -> x509.Certificate | None:
    """The local certificate if one exists (the default trust anchor of ``verify``); never creates one."""
    path = local_key_folder(folder) / LOCAL_CERT_FILE
    if not path.is_file():
        return None
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        return None


# -- PKCS#12 and PEM ----------------------------------------------------------------------


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SigningError(f"{path}: {what} niet leesbaar ({exc.strerror or exc})") from exc


def _with_password(load: Callable[[bytes | None], _T], what: str, prompt: PasswordPrompt | None) -> _T:
    """Try without / with the env password, then ask once; wrong or missing passwords are errors."""
    password = env_password()
    try:
        return load(password)
    except TypeError:
        # cryptography: TypeError = "encrypted but no password" or "password given but not encrypted".
        if password is not None:
            return load(None)
    except ValueError as exc:
        if password is not None:
            raise SigningError(f"{what}: het wachtwoord uit {ENV_PASSWORD} klopt niet") from exc
        # PKCS#12 without a password raises ValueError when it is encrypted; ask below.
    asked = prompt(f"Wachtwoord voor {what}") if prompt else None
    if asked is None:
        raise SigningError(f"{what}: een wachtwoord is nodig; zet {ENV_PASSWORD} of start interactief")
    try:
        return load(asked)
    except (TypeError, ValueError) as exc:
        raise SigningError(f"{what}: wachtwoord onjuist of bestand onleesbaar") from exc


def _checked(
    key: PrivateKeyTypes, certificate: x509.Certificate, chain: tuple[x509.Certificate, ...], source: str
) -> SigningIdentity:
    if not isinstance(
        key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey
    ):
        raise SigningError(f"{source}: sleuteltype {type(key).__name__} wordt niet ondersteund")
    raw = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(serialization.Encoding.DER, raw) != certificate.public_key().public_bytes(
        serialization.Encoding.DER, raw
    ):
        raise SigningError(f"{source}: de sleutel hoort niet bij het certificaat")
    return SigningIdentity(key, certificate, chain, source, local=False)


def load_pkcs12(path: Path, prompt: PasswordPrompt | None = None) -> SigningIdentity:
    """Key, certificate and chain from a PKCS#12 (.p12/.pfx) file."""
    data = _read(path, "PKCS#12-bestand")
    loaded = _with_password(lambda pw: pkcs12.load_key_and_certificates(data, pw), str(path), prompt)
    key, certificate, extra = loaded
    if key is None or certificate is None:
        raise SigningError(f"{path}: het PKCS#12-bestand bevat geen sleutel met certificaat")
    return _checked(key, certificate, tuple(extra), f"PKCS#12 {path}")


def _load_pem_pair(key_path: Path, cert_path: Path, prompt: PasswordPrompt | None) -> SigningIdentity:
    key_data = _read(key_path, "sleutelbestand")
    cert_data = _read(cert_path, "certificaatbestand")
    try:
        certificates = x509.load_pem_x509_certificates(cert_data)
    except ValueError:
        try:
            certificates = [x509.load_der_x509_certificate(cert_data)]
        except ValueError as exc:
            raise SigningError(f"{cert_path}: geen PEM- of DER-certificaat") from exc

    def load_key(password: bytes | None) -> PrivateKeyTypes:
        if b"-----BEGIN" in key_data:
            return serialization.load_pem_private_key(key_data, password)
        return serialization.load_der_private_key(key_data, password)

    key = _with_password(load_key, str(key_path), prompt)
    return _checked(key, certificates[0], tuple(certificates[1:]), f"PEM {key_path} + {cert_path}")


def load_pem(key_path: Path, cert_path: Path, prompt: PasswordPrompt | None = None) -> SigningIdentity:
    """Key from a PEM/DER file and certificate (optionally followed by its chain) from another."""
    return _load_pem_pair(key_path, cert_path, prompt)


@dataclass(frozen=True, slots=True)
class KeyChoice:
    """Which key material to use, as given by options (None = not given)."""

    p12: Path | None = None
    key: Path | None = None
    cert: Path | None = None


def resolve_identity(
    choice: KeyChoice | None = None, prompt: PasswordPrompt | None = None, folder: Path | None = None
) -> tuple[SigningIdentity, bool]:
    """The signing identity per the order in the module docstring, and whether a local key was just created."""
    choice = choice or KeyChoice()
    if choice.p12 is None and choice.key is None and choice.cert is None:
        env = os.environ
        choice = KeyChoice(
            p12=Path(env[ENV_P12]) if env.get(ENV_P12) else None,
            key=Path(env[ENV_KEY]) if env.get(ENV_KEY) else None,
            cert=Path(env[ENV_CERT]) if env.get(ENV_CERT) else None,
        )
    if choice.p12 is not None:
        if choice.key is not None or choice.cert is not None:
            raise SigningError("geef óf een PKCS#12-bestand óf een sleutel met certificaat, niet beide")
        return load_pkcs12(choice.p12, prompt), False
    if (choice.key is None) != (choice.cert is None):
        raise SigningError("een PEM-sleutel en een certificaat horen bij elkaar: geef beide (sleutel én certificaat)")
    if choice.key is not None and choice.cert is not None:
        return load_pem(choice.key, choice.cert, prompt), False
    return local_identity(folder)
