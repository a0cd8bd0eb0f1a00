"""The FastAPI application factory: ``create_app(settings)``.

One :class:`Services` object per application holds the database engine and its row writer (group
commit), the key store, the blob store, the pipeline, the check runner (worker processes with a
bound and a timeout), the rate limiter, the session signer and the intake job runner. The
lifespan starts the job runner; on shutdown it stops the intake jobs gracefully (running jobs
finish or go back to the queue), lets the checks in flight finish, commits the rows still
queued, and only then closes the database.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import IntegrityError

from compliance import __version__
from compliance.service.auth import Sessions
from compliance.service.blobs import BlobStore
from compliance.service.db import RowWriter, open_database, service_secrets
from compliance.service.jobs import CheckRunner, JobRunner
from compliance.service.keys import KeyStore
from compliance.service.middleware import AccessLogMiddleware, BodyLimitMiddleware
from compliance.service.pipeline import Pipeline
from compliance.service.ratelimit import RateLimiter
from compliance.service.settings import ServiceSettings

STATIC_DIR = Path(__file__).with_name("static")


@dataclass(slots=True)
class Services:
    """Everything a route needs, created once per application."""

    settings: ServiceSettings
    engine: Engine
    writer: RowWriter
    keys: KeyStore
    blobs: BlobStore
    pipeline: Pipeline
    checks: CheckRunner
    limiter: RateLimiter
    sessions: Sessions
    jobs: JobRunner


def shared_secret(engine: Engine, name: str) -> str:
    """A random secret kept in the database, so every instance (and every restart) uses the same one."""
    with engine.connect() as connection:
        value = connection.execute(select(service_secrets.c.value).where(service_secrets.c.name == name)).scalar()
    if value is not None:
        return str(value)
    try:
        with engine.begin() as connection:
            connection.execute(insert(service_secrets).values(name=name, value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another instance made it first: use theirs
    return shared_secret(engine, name)


def build_services(settings: ServiceSettings) -> Services:
    """Open the database and load the pipeline (tender, registry, attestations) for one application."""
    scratch = settings.data_dir / "tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    engine = open_database(settings.database)
    blobs = BlobStore(settings.data_dir / "blobs")
    # Scratch space of this instance only: instances may share the data folder.
    pipeline = Pipeline(settings.evidence, Path(tempfile.mkdtemp(prefix="instance-", dir=scratch)))
    return Services(
        settings=settings,
        engine=engine,
        writer=RowWriter(engine),
        keys=KeyStore(engine),
        blobs=blobs,
        pipeline=pipeline,
        # Worker processes are forked here, before the server or the job runner starts a thread.
        checks=CheckRunner(settings, pipeline, blobs),
        limiter=RateLimiter(settings.checks_per_minute),
        sessions=Sessions(shared_secret(engine, "session"), settings.session_max_age_seconds),
        jobs=JobRunner(settings, engine),
    )


def create_app(settings: ServiceSettings) -> FastAPI:
    """The service: JSON API under /v1, the Dutch web pages, /healthz, static files."""
    from compliance.service.api import install_openapi
    from compliance.service.api import router as api_router
    from compliance.service.web import router as web_router

    services = build_services(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        services.jobs.start()
        try:
            yield
        finally:
            services.jobs.stop()
            services.checks.close()
            services.writer.close()
            services.engine.dispose()
            shutil.rmtree(services.pipeline.scratch_dir, ignore_errors=True)

    app = FastAPI(
        title="compliance",
        version=__version__,
        summary="Controleert inschrijvingen op inhuuropdrachten tegen de voorwaarden en knock-outs van de uitvraag.",
        lifespan=lifespan,
    )
    app.state.services = services

    @app.get("/healthz", tags=["beheer"], summary="Leeft de service en bereikt hij de database?")
    def healthz() -> dict[str, str]:
        with services.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_openapi(app)

    def limit_for(path: str) -> int:
        return settings.max_intake_bytes if path.startswith("/v1/intakes") else settings.max_request_bytes

    app.add_middleware(BodyLimitMiddleware, limit_for=limit_for)
    app.add_middleware(AccessLogMiddleware)  # outermost: logs the 413s too
    return app
