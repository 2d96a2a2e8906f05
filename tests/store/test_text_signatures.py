"""The narrow ``text_signatures`` table holds exactly the applicants' stored signatures.

Near-duplicate lookups read signatures from it instead of the wide applicant rows, so every
way into the store (batch import, one-by-one scoring, rescoring, bulk loading, the migration
that created it) must leave it equal to the applicant columns.
"""

from alembic import command
from sqlalchemy import text

from detector.store.db import alembic_config
from detector.store.material import link_material
from detector.store.scoring import import_population, score_with_store, signal_features
from detector.store.write import bulk_load


def _column_signatures(store) -> dict[tuple[int, str], bytes]:
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT pk, resume_signature, proposal_signature FROM applicants")).all()
    found = {}
    for pk, resume, proposal in rows:
        for field, blob in (("resume", resume), ("proposal", proposal)):
            if blob is not None:
                found[(pk, field)] = bytes(blob)
    return found


def _table_signatures(store) -> dict[tuple[int, str], bytes]:
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT applicant_pk, field, signature FROM text_signatures")).all()
    return {(pk, field): bytes(blob) for pk, field, blob in rows}


def test_every_write_path_keeps_the_table_equal_to_the_applicant_columns(store, engine, example_population):
    ids = list(example_population.applicants["applicant_id"])
    import_population(store, example_population.subset(ids[:120]), engine)  # batch, empty store
    assert len(_table_signatures(store)) > 100
    assert _table_signatures(store) == _column_signatures(store)

    with store.session() as session:  # one by one against the store, then rescored in place
        score_with_store(session, example_population.subset(ids[120:160]), engine)
    with store.session() as session:
        score_with_store(session, example_population.subset(ids[100:140]), engine)
    assert _table_signatures(store) == _column_signatures(store)

    rest = example_population.subset(ids[160:220])
    material = link_material(rest, signal_features(rest, engine.settings, engine.geo).sessions, engine.settings)
    with store.session() as session:
        bulk_load(session, material)
    table = _table_signatures(store)
    assert table == _column_signatures(store)
    assert {field for _, field in table} == {"resume", "proposal"}

    with store.session() as session:  # a sign-up after a bulk load gets a key of its own
        scored = score_with_store(session, example_population.subset(ids[220:223]), engine)
    assert len(scored.scores) == 3
    assert _table_signatures(store) == _column_signatures(store)


def test_the_migration_fills_the_table_from_an_existing_store(store, engine, example_population):
    import_population(store, example_population, engine)
    before = _table_signatures(store)
    assert len(before) > 300

    config = alembic_config(store.engine.url.render_as_string(hide_password=False))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    assert _table_signatures(store) == before == _column_signatures(store)


def _table_sql(store) -> str | None:
    if store.engine.dialect.name != "sqlite":
        return None
    with store.engine.connect() as connection:
        return connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'text_signatures'")).scalar_one()


def test_revision_0006_gives_the_sqlite_table_a_rowid_and_keeps_every_signature(store, engine,
                                                                                 example_population):
    from tests.helpers import applicant, population

    ids = list(example_population.applicants["applicant_id"])
    import_population(store, example_population.subset(ids[:150]), engine)
    before = _table_signatures(store)
    config = alembic_config(store.engine.url.render_as_string(hide_password=False))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    assert _table_signatures(store) == before
    sqlite = store.engine.dialect.name == "sqlite"
    if sqlite:
        assert "WITHOUT ROWID" in _table_sql(store)
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert _table_signatures(store) == before
    if sqlite:
        assert "WITHOUT ROWID" not in _table_sql(store)

    # the rebuilt table serves near-duplicate lookups and takes new rows
    stored = example_population.applicants.set_index("applicant_id").loc[ids[:150]]
    source = stored[stored["resume_text"].str.len() > 200].index[0]
    copy = applicant("copycat", full_name="Quentin Copycat", resume_text=stored.loc[source, "resume_text"])
    with store.session() as session:
        result = score_with_store(session, population([copy]), engine)
    assert (source, "resume") in [(other, kind) for _, other, kind, _ in result.links[0].pairs]
    assert len(_table_signatures(store)) == len(before) + 1
