"""Fixtures for store and API tests: a real store on SQLite and on PostgreSQL.

PostgreSQL runs when ``DETECTOR_TEST_POSTGRES_URL`` names a server where the user may create
databases (``.ci/run`` installs and starts one); each test gets a fresh database.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from detector.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "applicants.jsonl"
TEST_HASH_KEY = b"store-tests-0123456789abcdef"
POSTGRES_ENV = "DETECTOR_TEST_POSTGRES_URL"


def _fresh_postgres_database(base_url: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"detector_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    return admin, name, url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL of an empty store: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set (postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB "
                    "of a user who may create databases; .ci/run sets it)")
    admin, name, url = _fresh_postgres_database(base)
    yield url
    drop_database(admin, name)
    admin.dispose()


def drop_database(admin, name: str, attempts: int = 20) -> None:
    """Drop a test database, waiting out an autovacuum worker still connected to it: FORCE may
    not end a superuser's process for the non-superuser that ``.ci/run`` creates."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(attempts):
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError as error:
            if "must be a member of the role" not in str(error) or attempt == attempts - 1:
                raise
            time.sleep(0.5)


@pytest.fixture(scope="session")
def engine():
    """Model, geolocation and settings, opened once for every store test."""
    from detector.store.scoring import ScoringEngine

    opened = ScoringEngine.open(Settings.from_env(hash_key=TEST_HASH_KEY))
    yield opened
    opened.close()


@pytest.fixture
def store(store_url, engine):
    from detector.store.db import open_store

    opened = open_store(replace(engine.settings, store_url=store_url))
    yield opened
    opened.dispose()


@pytest.fixture(scope="session")
def example_population():
    from detector.io import load_population

    return load_population(EXAMPLE).population


@pytest.fixture(scope="session")
def example_batch(example_population, engine):
    """The example population scored in one batch (what the store must reproduce)."""
    from detector.scoring.score import score_population

    return score_population(example_population, engine.model, engine.settings, engine.geo)


@pytest.fixture
def api(store_url):
    """A running app (TestClient) on a fresh store, with one key per scope set."""
    from fastapi.testclient import TestClient

    from detector.api.app import create_app
    from detector.store import accounts

    app = create_app(Settings.from_env(store_url=store_url, hash_key=TEST_HASH_KEY))
    with TestClient(app, raise_server_exceptions=False) as client:
        with app.state.store.session() as session:
            client.keys = {scopes: accounts.create_api_key(session, scopes, scopes)  # type: ignore[attr-defined]
                           for scopes in ("score,read,decide,admin", "score", "read", "decide")}
        client.app_state = app.state  # type: ignore[attr-defined]
        yield client


def auth(client, scopes: str = "score,read,decide,admin") -> dict:
    return {"Authorization": f"Bearer {client.keys[scopes]}"}


@contextmanager
def second_api(store_url: str, tmp_path: Path, name: str, **settings) -> Iterator:
    """A second running app (TestClient) on a second empty store of the same kind as
    ``store_url``, with one key of every scope; ``settings`` override the app's settings."""
    from fastapi.testclient import TestClient

    from detector.api.app import create_app
    from detector.store import accounts

    admin = database = None
    if store_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / f'{name}.sqlite'}"
    else:
        admin, database, url = _fresh_postgres_database(os.environ[POSTGRES_ENV])
    app = create_app(Settings.from_env(store_url=url, hash_key=TEST_HASH_KEY, **settings))
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            with app.state.store.session() as session:
                client.keys = {"score,read,decide,admin": accounts.create_api_key(  # type: ignore[attr-defined]
                    session, name, "score,read,decide,admin")}
            client.app_state = app.state  # type: ignore[attr-defined]
            yield client
    finally:
        if admin is not None:
            drop_database(admin, database)
            admin.dispose()
