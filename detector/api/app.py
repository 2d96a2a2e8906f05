"""The web application: the scoring API and, when installed, the analyst console on one store."""

from __future__ import annotations

import gc
import importlib
import logging
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI

from detector.api.batcher import ScoreBatcher
from detector.api.errors import BodySizeLimit, install_error_handlers
from detector.api.metrics import Metrics, MetricsMiddleware
from detector.api.routes import router
from detector.settings import Settings

log = logging.getLogger("detector.api")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI app. Opens the store (creating or migrating it), model and geolocation at startup.

    The console's routes (``detector.console.routes.router``) are included when that module
    exists; it finds the store as ``request.app.state.store`` and the settings as
    ``request.app.state.settings``.
    """
    from importlib.metadata import version

    from detector.store.db import open_store
    from detector.store.scoring import ScoringEngine

    settings = settings or Settings.from_env()
    engine = ScoringEngine.open(settings)
    store = open_store(engine.settings)  # refuses to start without DETECTOR_HASH_KEY
    store.checkpoint_in_background()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.batcher.close()
        store.dispose()
        engine.close()

    app = FastAPI(title="detector", version=version("detector"), lifespan=lifespan,
                  description="Hiring-risk scores for freelance applicants, for human review.")
    app.state.settings = engine.settings
    app.state.engine = engine
    app.state.store = store
    app.state.metrics = metrics
    app.state.batcher = ScoreBatcher(store, engine, on_batch=metrics.batch_size.observe)
    install_error_handlers(app)
    app.include_router(router)
    _include_console(app)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    app.add_middleware(BodySizeLimit, max_bytes=engine.settings.max_request_bytes)
    return app


def _include_console(app: FastAPI) -> None:
    try:
        console = importlib.import_module("detector.console.routes")
    except ModuleNotFoundError as error:
        if error.name and not error.name.startswith("detector.console"):
            raise
        return
    app.include_router(console.router)
    setup = getattr(console, "setup", None)
    if callable(setup):
        setup(app)


def export_worker_settings(settings: Settings) -> None:
    """Hand the command line's settings to server worker processes through ``DETECTOR_*``
    variables (workers start from an import string and read only the environment)."""
    paths = {"DETECTOR_STORE_URL": settings.store_url, "DETECTOR_MODEL_DIR": settings.model_dir,
             "DETECTOR_GEOIP_COUNTRY": settings.geoip_country, "DETECTOR_GEOIP_ASN": settings.geoip_asn,
             "DETECTOR_GEOIP_ANONYMOUS": settings.geoip_anonymous}
    for name, value in paths.items():
        if value:
            os.environ[name] = str(value)
    if settings.vpn_cidr_files:
        os.environ["DETECTOR_VPN_CIDR_FILES"] = os.pathsep.join(str(p) for p in settings.vpn_cidr_files)


def prepare_process() -> None:
    """Get a server process ready for its first request: warm the scorer's caches (zone
    tables, phone metadata; ``detector.scoring.warm_up``), then freeze what it loaded."""
    from detector.scoring.warm_up import warm_up

    warm_up()
    freeze_startup_objects()


def freeze_startup_objects() -> None:
    """Leave what the server loaded at startup out of the garbage collector's passes.

    The model, geolocation, settings and imported modules are some 250,000 tracked objects
    that live as long as the process; every full collection walked them all again, ~0.4 ms
    per score (collections triggered by the allocations of scoring). Frozen after one
    collection, they are never walked (nor freed: they are needed until the process ends).
    """
    gc.collect()
    gc.freeze()


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``detector serve --workers N``."""
    app = create_app(Settings.from_env())
    prepare_process()
    return app
