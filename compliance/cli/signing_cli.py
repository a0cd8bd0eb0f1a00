"""``compliance verify`` and ``compliance keys init|show``, plus the signer ``check --out`` uses.

Everything heavy (pyHanko, reportlab, cryptography) is imported inside the commands. Messages are
Dutch and go to stderr, except the verification report and ``keys show``, which are the output.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from compliance.cli.boundary import error_boundary
from compliance.errors import ExitCode, InputError

if TYPE_CHECKING:
    from compliance.signing.keys import SigningIdentity
    from compliance.signing.recheck import RecheckResult
    from compliance.signing.sign import ReportSigner
    from compliance.signing.verify import SignatureInfo, VerifyResult, VerifyStatus

keys_app = typer.Typer(
    name="keys",
    help="Beheer de lokale ondertekeningssleutel (niet gekwalificeerd, voor de snelstart).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class VerifyFormat(StrEnum):
    """Output formats of ``verify``."""

    TEXT = "text"
    JSON = "json"


def _prompt_password(text: str) -> bytes | None:
    """Ask for a password on an interactive terminal only (never from an argument)."""
    if not sys.stdin.isatty():
        return None
    value: str = typer.prompt(text, hide_input=True, err=True)
    return value.encode("utf-8")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def not_qualified_notice(identity: SigningIdentity) -> str | None:
    """The terminal warning for a certificate that is not (claimed to be) qualified."""
    if identity.qualified:
        return None
    if identity.local:
        return (
            "Let op: ondertekend met de lokale, zelfondertekende sleutel. Dit is GEEN gekwalificeerd certificaat: "
            "de handtekening bewijst dat het rapport ongewijzigd is, niet wie het heeft opgesteld. "
            f"Vingerafdruk (sha256) om te delen met beoordelaars: {identity.fingerprint}"
        )
    return f"Let op: het ondertekeningscertificaat ({identity.subject}) vermeldt niet dat het gekwalificeerd is."


def report_signer(p12: Path | None = None, key: Path | None = None, cert: Path | None = None) -> ReportSigner:
    """Load (or create on first use) the signing key and say on stderr what will sign."""
    from compliance.signing.keys import KeyChoice, resolve_identity
    from compliance.signing.sign import ReportSigner

    identity, created = resolve_identity(KeyChoice(p12=p12, key=key, cert=cert), prompt=_prompt_password)
    if created:
        _say(f"Nieuwe lokale ondertekeningssleutel aangemaakt: {identity.source.removeprefix('lokale sleutel in ')}")
    notice = not_qualified_notice(identity)
    if notice:
        _say(notice)
    return ReportSigner.from_identity(identity)


# -- keys ----------------------------------------------------------------------------------


def _describe(identity: SigningIdentity) -> list[str]:
    certificate = identity.certificate
    qualified = "ja (volgens het certificaat)" if identity.qualified else "NEE"
    return [
        f"Bron:            {identity.source}",
        f"Onderwerp:       {identity.subject}",
        f"Vingerafdruk:    {identity.fingerprint}  (sha256 van het certificaat)",
        f"Sleutel:         {identity.key_description}",
        f"Geldig:          {certificate.not_valid_before_utc:%Y-%m-%d} t/m {certificate.not_valid_after_utc:%Y-%m-%d}",
        f"Gekwalificeerd:  {qualified}",
    ]


@keys_app.command("init")
def keys_init(
    force: Annotated[
        bool, typer.Option("--force", help="Vervang een bestaande sleutel (de oude blijft bewaard ernaast).")
    ] = False,
) -> None:
    """Maak de lokale sleutel en een zelfondertekend certificaat (ECDSA P-256, map 0700, bestanden 0600)."""
    with error_boundary():
        from compliance.signing.keys import (
            LOCAL_CERT_FILE,
            create_local_identity,
            load_local_identity,
            local_key_folder,
        )

        folder = local_key_folder()
        if (folder / LOCAL_CERT_FILE).is_file() and not force:
            identity = load_local_identity()
            _say(f"Er is al een lokale sleutel in {folder}; gebruik --force om hem te vervangen.")
        else:
            identity = create_local_identity(replace=force)
            _say(f"Lokale sleutel aangemaakt in {folder}.")
        print("\n".join(_describe(identity)))
        notice = not_qualified_notice(identity)
        if notice:
            _say(notice)


@keys_app.command("show")
def keys_show(
    pem: Annotated[
        bool, typer.Option("--pem", help="Print het certificaat (PEM) om aan beoordelaars te geven.")
    ] = False,
) -> None:
    """Toon de sleutel waarmee rapporten worden ondertekend (zonder er een aan te maken)."""
    with error_boundary():
        import os

        from cryptography.hazmat.primitives import serialization

        from compliance.signing.keys import (
            ENV_CERT,
            ENV_KEY,
            ENV_P12,
            KeyChoice,
            load_local_identity,
            local_key_folder,
            resolve_identity,
        )

        configured = any(os.environ.get(name) for name in (ENV_P12, ENV_KEY, ENV_CERT))
        if configured:
            identity, _ = resolve_identity(KeyChoice(), prompt=_prompt_password)
        elif (local_key_folder() / "cert.pem").is_file():
            identity = load_local_identity()
        else:
            _say(f"Nog geen lokale sleutel in {local_key_folder()}; maak er een met 'compliance keys init'.")
            raise typer.Exit(int(ExitCode.USAGE))
        if pem:
            sys.stdout.write(identity.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"))
            return
        print("\n".join(_describe(identity)))
        notice = not_qualified_notice(identity)
        if notice:
            _say(notice)


# -- verify --------------------------------------------------------------------------------


def _load_trust(paths: list[Path]) -> list[Any]:
    from cryptography import x509

    certificates: list[Any] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(str(path), [("", f"certificaat niet leesbaar ({exc.strerror or exc})")]) from exc
        try:
            certificates += (
                x509.load_pem_x509_certificates(data)
                if b"-----BEGIN" in data
                else [x509.load_der_x509_certificate(data)]
            )
        except ValueError as exc:
            raise InputError(str(path), [("", "geen PEM- of DER-certificaat")]) from exc
    return certificates


def _signature_label(info: SignatureInfo) -> str:
    """A signature as a reader can check it: field, the name its certificate claims, fingerprint."""
    return f"'{info.field_name}' ({info.signer}, vingerafdruk {info.certificate_sha256[:16]}…)"


def _verdict_line(result: VerifyResult, recheck: RecheckResult | None) -> str:
    from compliance.signing.verify import VerifyStatus

    if result.status is VerifyStatus.INVALID:
        return "ONGELDIG: het rapport is na ondertekening gewijzigd, beschadigd of geen ondertekend compliancerapport."
    if recheck is not None and recheck.performed and not recheck.matches:
        return "ONGELDIG: de handtekening is in orde, maar de beslissing volgt niet (meer) uit deze inschrijving."
    if recheck is not None and not recheck.input_matches:
        return "ONGELDIG: de handtekening is in orde, maar de opgegeven inschrijving is niet die van het rapport."
    if result.status is VerifyStatus.UNTRUSTED:
        untrusted = "; ".join(_signature_label(info) for info in result.untrusted)
        return (
            "INTACT, MAAR NIET VERTROUWD: het rapport is sinds ondertekening niet gewijzigd, maar niet elke "
            f"handtekening is van een vertrouwd certificaat (--trust). Niet vertrouwd: {untrusted}. "
            "Controleer de vingerafdruk bij de afzender; een naam in een certificaat bewijst niets."
        )
    if recheck is not None and not recheck.performed:
        return "GELDIG EN VERTROUWD, maar de herberekening kon niet worden uitgevoerd (zie hierboven)."
    if len(result.signatures) > 1:
        return (
            f"GELDIG EN VERTROUWD: het rapport is ongewijzigd en alle {len(result.signatures)} handtekeningen zijn "
            "van vertrouwde ondertekenaars."
        )
    return "GELDIG EN VERTROUWD: het rapport is ongewijzigd en ondertekend door een vertrouwde ondertekenaar."


def _exit_code(result: VerifyResult, recheck: RecheckResult | None) -> ExitCode:
    """The one place that turns a verification into an exit code.

    5 beats 6 beats 3 beats 0: tampering first, then trust (any signature not trusted), then an
    impossible recheck."""
    if recheck is not None and (not recheck.input_matches or (recheck.performed and not recheck.matches)):
        return ExitCode.INVALID_SIGNATURE
    code = _status_exit_code(result.status)
    if code is ExitCode.COMPLIANT and recheck is not None and not recheck.performed:
        return ExitCode.NEEDS_REVIEW
    return code


def _status_exit_code(status: VerifyStatus) -> ExitCode:
    """A report's or an award folder's verification status as an exit code: 5 tampered, 6 not trusted, 0 valid."""
    from compliance.signing.verify import VerifyStatus

    if status is VerifyStatus.INVALID:
        return ExitCode.INVALID_SIGNATURE
    if status is VerifyStatus.UNTRUSTED:
        return ExitCode.UNTRUSTED_SIGNATURE
    return ExitCode.COMPLIANT


_KIND_LABELS = {
    "certification": "certificerend (het rapport zelf)",
    "approval": "goedkeuring (latere medeondertekening)",
    "document_timestamp": "documenttijdstempel",
}


def _signature_lines(number: int, info: SignatureInfo) -> list[str]:
    """One signature with its own status: what it is, who it claims to be, intact, trusted."""
    intact = f"ja (dekking {info.coverage})" if info.holds else "NEE (beschadigd of ongeldig)"
    why = f": {info.trust_problem}" if info.trust_problem else ""
    trusted = "ja" if info.trusted else f"NEE (niet herleidbaar tot een vertrouwd certificaat{why})"
    lines = [
        f"  {number}. {info.field_name}: {_KIND_LABELS[info.kind.value]}",
        f"     Ondertekenaar:  {info.signer} (naam volgens het certificaat)",
        f"     Vingerafdruk:   {info.certificate_sha256}",
        f"     Intact:         {intact}",
        f"     Vertrouwd:      {trusted}",
    ]
    if info.signed_at:
        lines.append(f"     Ondertekend op: {info.signed_at} (opgave van de ondertekenaar; geen tijdstempel)")
    return lines


def _print_text(path: Path, result: VerifyResult, recheck: RecheckResult | None, trust_label: str) -> None:
    lines = [f"Rapport:        {path}"]
    if result.signatures:
        lines.append(f"Handtekeningen: {len(result.signatures)}; vertrouwd wordt: {trust_label}")
    for number, info in enumerate(result.signatures, start=1):
        lines += _signature_lines(number, info)
    decision = result.report
    if decision is not None:
        sub = decision.get("submission") or {}
        rules = decision.get("rules") or {}
        from compliance.models.report import Verdict
        from compliance.render.labels import PHASE_LABELS, VERDICT_LABELS

        verdict = str(decision.get("verdict"))
        verdict_label = VERDICT_LABELS["nl"].get(Verdict(verdict), verdict) if verdict in set(Verdict) else verdict
        phase = str(decision.get("phase"))
        lines.append(
            f"Beslissing:     {sub.get('submission_id')} · kandidaat {sub.get('candidate_id')} · oordeel "
            f"{verdict_label} · fase {PHASE_LABELS['nl'].get(phase, phase)} · regels {rules.get('version')} · "
            f"beslist {decision.get('generated_at')}"
        )
    for problem in result.problems:
        lines.append(f"PROBLEEM:       {problem}")
    for note in result.notes:
        lines.append(f"  - {note}")
    if recheck is not None:
        if recheck.performed and recheck.matches:
            lines.append(
                "Herberekening:  invoer-hash klopt; opnieuw uitgevoerd met dezelfde regels, peildata en bronnen: gelijk."
            )
        elif recheck.performed:
            lines.append("Herberekening:  invoer-hash klopt, maar de uitkomst wijkt af:")
        elif not recheck.input_matches:
            lines.append(f"Herberekening:  niet uitgevoerd: {recheck.reason}")
        else:
            lines.append(f"Herberekening:  niet mogelijk: {recheck.reason}")
        lines += [f"  - {difference}" for difference in recheck.differences]
    lines.append(_verdict_line(result, recheck))
    print("\n".join(lines))


def _print_json(path: Path, result: VerifyResult, recheck: RecheckResult | None) -> None:
    document: dict[str, Any] = {
        "file": str(path),
        "status": result.status.value,
        "exit_code": int(_exit_code(result, recheck)),
        "problems": list(result.problems),
        "notes": list(result.notes),
        "signatures": [asdict(s) for s in result.signatures],
        "decision_id": (result.report or {}).get("decision_id"),
        "recheck": asdict(recheck) if recheck is not None else None,
    }
    print(json.dumps(document, ensure_ascii=False, indent=2))


def _verify_folder(path: Path, trust: list[Path] | None) -> None:
    """Folder mode: the award folder written by ``compliance intake`` (its own module checks it)."""
    from compliance.intake.verify_folder import verify_award_folder

    outcome = verify_award_folder(path, trust=_load_trust(trust)) if trust else verify_award_folder(path)
    print("\n".join(outcome.lines()))
    raise typer.Exit(int(_status_exit_code(outcome.status)))


def verify(
    report: Annotated[
        Path, typer.Argument(metavar="RAPPORT", help="Het ondertekende rapport (PDF), of een gunningsmap.")
    ],
    trust: Annotated[
        list[Path] | None,
        typer.Option("--trust", help="Vertrouwd certificaat (PEM/DER); herhaalbaar. Standaard: de lokale sleutel."),
    ] = None,
    submission: Annotated[
        Path | None, typer.Option("--submission", help="De inschrijving (JSON): herbereken en vergelijk.")
    ] = None,
    registry: Annotated[
        Path | None, typer.Option("--registry", help="KvK-snapshotmap voor de herberekening (zoals bij check).")
    ] = None,
    tender: Annotated[
        str | None,
        typer.Option("--tender", "-t", help="Aanbesteding voor de herberekening, als die niet ingebouwd is."),
    ] = None,
    output_format: Annotated[VerifyFormat, typer.Option("--format", "-f", help="text of json.")] = VerifyFormat.TEXT,
) -> None:
    """Controleer een ondertekend rapport en elke handtekening erin. Exit: 0 geldig en elke handtekening vertrouwd, 5 ongeldig of gewijzigd, 6 intact maar niet elke handtekening vertrouwd, 3 herberekening niet mogelijk."""
    with error_boundary():
        if report.is_dir():
            _verify_folder(report, trust)
        try:
            data = report.read_bytes()
        except OSError as exc:
            raise InputError(str(report), [("", f"bestand niet leesbaar ({exc.strerror or exc})")]) from exc
        from compliance.signing.keys import local_certificate, local_key_folder
        from compliance.signing.verify import verify_report_pdf

        if trust:
            certificates = _load_trust(trust)
            trust_label = ", ".join(str(p) for p in trust)
        else:
            local = local_certificate()
            certificates = [local] if local is not None else []
            trust_label = (
                f"de lokale sleutel ({local_key_folder()})"
                if local is not None
                else "niets (geen --trust, geen lokale sleutel)"
            )
        result = verify_report_pdf(data, certificates)
        twin = report.with_suffix(".json")
        if result.report_json is not None and twin.is_file() and twin.read_bytes() != result.report_json:
            problem = f"{twin.name} naast het rapport wijkt af van de ondertekende beslissing"
            result = replace(result, problems=(*result.problems, problem))
        recheck = None
        if submission is not None and result.report is not None:
            from compliance.signing.recheck import recheck as run_recheck

            # The model when this version reads the record (already validated); else the JSON, which recheck
            # reads through the model itself and reports as not comparable.
            recheck = run_recheck(result.decision or result.report, submission, registry, tender)
        if output_format is VerifyFormat.JSON:
            _print_json(report, result, recheck)
        else:
            _print_text(report, result, recheck, trust_label)
        raise typer.Exit(int(_exit_code(result, recheck)))


def register(app: typer.Typer) -> None:
    """Add ``verify`` and ``keys`` to the main app."""
    app.command("verify")(verify)
    app.add_typer(keys_app, name="keys")
