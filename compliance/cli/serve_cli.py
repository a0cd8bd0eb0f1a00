"""``compliance serve``: run the HTTP service and web page; ``compliance serve keys``: its API keys.

Registered on the main app by :func:`register` (``app.add_typer(serve_app, name="serve")``).
Heavy modules (FastAPI, uvicorn, SQLAlchemy) are imported inside the commands.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from compliance.cli.boundary import error_boundary
from compliance.errors import ComplianceError, ExitCode

if TYPE_CHECKING:
    from compliance.service.keys import KeyStore

serve_app = typer.Typer(
    help="Draai de controle als HTTP-service met een webpagina (en beheer de API-sleutels).",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
keys_app = typer.Typer(help="API-sleutels per organisatie (opgeslagen als hash).", no_args_is_help=True)
serve_app.add_typer(keys_app, name="keys")

ENV_DATA_DIR = "COMPLIANCE_DATA_DIR"


class RoleOption(StrEnum):
    """Roles a key can have."""

    AGENCY = "agency"
    PLATFORM = "platform"


class ServeSetupError(ComplianceError):
    """The service cannot start with these options."""

    exit_code = ExitCode.USAGE


def default_data_dir() -> Path:
    """``COMPLIANCE_DATA_DIR``, else the user data folder (``compliance/service``)."""
    configured = os.environ.get(ENV_DATA_DIR)
    if configured:
        return Path(configured)
    from platformdirs import user_data_path

    return user_data_path("compliance") / "service"


DataOption = Annotated[
    Path | None, typer.Option("--data", help="Map voor database, uploads en rapporten (standaard: gebruikersmap).")
]
DatabaseOption = Annotated[
    str | None,
    typer.Option("--database", help="Database-URL, bijv. postgresql://gebruiker@host/db (standaard SQLite in --data)."),
]


@serve_app.callback(invoke_without_command=True)
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Poort.", min=1, max=65535)] = 8080,
    data: DataOption = None,
    database: DatabaseOption = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            help="Werkprocessen die controles uitvoeren, en per intake (zoals intake --workers).",
            min=1,
        ),
    ] = 1,
    timeout: Annotated[
        float,
        typer.Option("--timeout", help="Seconden voor één controle; daarna antwoordt de service 504.", min=0.1),
    ] = 30.0,
    max_pending: Annotated[
        int,
        typer.Option(
            "--max-pending", help="Controles die tegelijk mogen wachten of lopen; daarboven 503 met Retry-After.", min=1
        ),
    ] = 64,
    registry: Annotated[
        Path | None, typer.Option("--registry", help="Map met KvK Basisprofiel-antwoorden (<kvkNummer>.json).")
    ] = None,
    kvk_api: Annotated[bool, typer.Option("--kvk-api", help="Raadpleeg de live KvK Basisprofiel API.")] = False,
    offline: Annotated[bool, typer.Option("--offline", help="Alleen de KvK-cache, geen netwerk.")] = False,
    attestations: Annotated[
        Path | None, typer.Option("--attestations", help="Attestatiebestand (JSON) voor elke controle.")
    ] = None,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Sessiecookies alleen over HTTPS (achter een TLS-proxy).")
    ] = False,
    checks_per_minute: Annotated[
        int, typer.Option("--checks-per-minute", help="Controles per minuut per sleutel.", min=1)
    ] = 60,
) -> None:
    """Start de service: JSON-API onder /v1, webpagina op /, /healthz. Stop met Ctrl-C of SIGTERM."""
    if ctx.invoked_subcommand is not None:
        return
    with error_boundary():
        import uvicorn

        from compliance.service.app import create_app
        from compliance.service.db import redacted
        from compliance.service.settings import EvidenceOptions, ServiceSettings

        if registry is not None and kvk_api:
            raise ServeSetupError("--registry en --kvk-api sluiten elkaar uit: kies een snapshotmap of de live API")
        settings = ServiceSettings(
            data_dir=data or default_data_dir(),
            database_url=database,
            evidence=EvidenceOptions(registry, kvk_api, offline, attestations),
            intake_workers=workers,
            check_workers=workers,
            check_timeout_seconds=timeout,
            max_pending_checks=max_pending,
            secure_cookies=secure_cookies,
            checks_per_minute=checks_per_minute,
        )
        app = create_app(settings)
        print(
            f"compliance serve: http://{host}:{port}/ · data {settings.data_dir} · database {redacted(settings.database)}",
            file=sys.stderr,
        )
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            access_log=False,  # the service writes its own JSON access log, without keys or personal data
            proxy_headers=True,
            forwarded_allow_ips="127.0.0.1",
            timeout_keep_alive=5,
            timeout_graceful_shutdown=int(settings.shutdown_grace_seconds) + 5,
            log_level="info",
        )
        uvicorn.Server(config).run()


def _store(data: Path | None, database: str | None) -> KeyStore:
    from compliance.service.db import open_database
    from compliance.service.keys import KeyStore

    folder = data or default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return KeyStore(open_database(database or f"sqlite:///{folder / 'service.sqlite3'}"))


@keys_app.command("add")
def keys_add(
    org: Annotated[str, typer.Option("--org", help="Naam van de organisatie.")],
    role: Annotated[RoleOption, typer.Option("--role", help="agency of platform.")],
    data: DataOption = None,
    database: DatabaseOption = None,
) -> None:
    """Maak een sleutel; die wordt één keer getoond, op de laatste regel."""
    with error_boundary():
        from compliance.service.keys import Role

        store = _store(data, database)
        try:
            record, key = store.add(org, Role(role.value))
        except ValueError as error:
            raise ServeSetupError(str(error)) from None
        print(
            f"sleutel {record.key_id} voor {record.org} ({record.role.value}) gemaakt; bewaar hem nu, hij wordt niet opnieuw getoond:"
        )
        print(key)


@keys_app.command("list")
def keys_list(data: DataOption = None, database: DatabaseOption = None) -> None:
    """Toon de sleutels (ID, organisatie, rol, status); nooit de sleutels zelf."""
    with error_boundary():
        store = _store(data, database)
        for record in store.list():
            status = f"ingetrokken {record.revoked_at}" if record.revoked_at else "actief"
            print(f"{record.key_id}\t{record.org}\t{record.role.value}\t{record.created_at}\t{status}")


@keys_app.command("revoke")
def keys_revoke(
    key_id: Annotated[str, typer.Argument(metavar="SLEUTEL-ID", help="Het ID van de sleutel (zie keys list).")],
    data: DataOption = None,
    database: DatabaseOption = None,
) -> None:
    """Trek een sleutel in; sessies met die sleutel eindigen meteen."""
    with error_boundary():
        store = _store(data, database)
        if not store.revoke(key_id):
            raise ServeSetupError(f"geen actieve sleutel met ID '{key_id}'")
        print(f"sleutel {key_id} ingetrokken")


def register(app: typer.Typer) -> None:
    """Add ``serve`` (with ``serve keys``) to the main app."""
    app.add_typer(serve_app, name="serve")
