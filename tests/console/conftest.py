"""Console fixtures: a real store (SQLite file, and PostgreSQL when configured) holding a small
synthetic population plus hand-made applicants whose names, resumes and proposals carry
script and HTML payloads; users of each role; the app the console is served from.

The store is built once per back end and test process (scoring 300 applicants takes seconds);
tests that write pick applicants no other test touches.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from detector.settings import Settings
from tests.console_support import PASSWORD, USERS, Browserless, payload_records
from tests.store_support import (  # noqa: F401
    POSTGRES_ENV,
    TEST_HASH_KEY,
    _fresh_postgres_database,
    drop_database,
    engine,
)


@pytest.fixture(scope="session")
def console_population():
    from detector.io.read_input import load_population_from_records
    from detector.synth import generate_population

    records, _ = generate_population(300, seed=11)
    template = next(r for r in records if r.get("label") == 0 and r.get("proposals") and r.get("sessions"))
    loaded = load_population_from_records(records + payload_records(template))
    assert len(loaded.rejects) == 0, loaded.rejects.head()
    return loaded.population


def _fill(url: str, engine, population) -> None:  # noqa: F811
    from detector.store import accounts
    from detector.store.db import open_store
    from detector.store.scoring import import_population

    store = open_store(replace(engine.settings, store_url=url))
    try:
        import_population(store, population, engine)
        with store.session() as session:
            for name, role in USERS.items():
                accounts.create_user(session, name, PASSWORD, role, actor="cli")
    finally:
        store.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def console_store_url(request, tmp_path_factory, engine, console_population):  # noqa: F811
    """A filled store: a SQLite file, or a new PostgreSQL database (skipped when not configured)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('console') / 'store.sqlite'}"
        _fill(url, engine, console_population)
        yield url
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set (.ci/run starts PostgreSQL and sets it)")
    admin, name, url = _fresh_postgres_database(base)
    _fill(url, engine, console_population)
    yield url
    drop_database(admin, name)
    admin.dispose()


@pytest.fixture(scope="session")
def console_app(console_store_url):
    from detector.api.app import create_app

    app = create_app(Settings.from_env(store_url=console_store_url, hash_key=TEST_HASH_KEY))
    yield app
    app.state.batcher.close()
    app.state.store.dispose()
    app.state.engine.close()


@pytest.fixture
def console(console_app):
    """A fresh browserless client (its own cookie jar) on the shared filled store."""
    from fastapi.testclient import TestClient

    client = TestClient(console_app, raise_server_exceptions=True, follow_redirects=True)
    yield Browserless(client)
    client.close()
