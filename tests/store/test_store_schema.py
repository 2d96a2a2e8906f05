"""The store opens on SQLite and PostgreSQL, migrates to the models, and guards its data."""

from dataclasses import replace

import pytest
from sqlalchemy import text

from detector.errors import ConfigurationError
from detector.settings import Settings
from detector.store.db import current_revision, head_revision, open_store


def test_migrations_create_exactly_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from detector.store.schema import Base

    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    assert current_revision(store.engine) == head_revision()


def test_store_refuses_to_open_without_a_fixed_hash_key(tmp_path):
    settings = Settings(store_url=f"sqlite:///{tmp_path / 's.sqlite'}")
    with pytest.raises(ConfigurationError, match="DETECTOR_HASH_KEY"):
        open_store(settings)
    assert not (tmp_path / "s.sqlite").exists()


def test_reopening_an_existing_store_keeps_its_data(store, engine):
    from detector.store import accounts

    with store.session() as session:
        accounts.create_user(session, "alice", "a long password", "analyst")
    again = open_store(replace(engine.settings, store_url=store.engine.url.render_as_string(False)))
    with again.session() as session:
        assert accounts.get_user(session, "alice") is not None
    again.dispose()


def test_audit_log_is_append_only_in_the_database(store):
    from detector.store.audit import audit

    with store.session() as session:
        audit(session, "cli", "test.entry")
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"):
            with store.session() as session:
                session.execute(text(statement))
    with store.session() as session:
        assert session.execute(text("SELECT actor FROM audit_log")).scalar_one() == "cli"
