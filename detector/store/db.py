"""Opening a store: engine, schema migrations and the key check, behind one small object.

SQLite (an embedded file, created on first use) and PostgreSQL (by URL) are chosen by the
settings' ``store_url``; nothing else in the code knows which one runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: writers then wait in SQLite's busy handler only
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from detector.errors import ConfigurationError
from detector.settings import DEFAULT_STORE_FILE, Settings
from detector.store.wal_checkpoints import INTERVAL_SECONDS as CHECKPOINT_SECONDS
from detector.store.wal_checkpoints import WalCheckpointer

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def store_url(settings: Settings) -> str:
    """The SQLAlchemy URL of the store: the configured one, or the embedded SQLite file."""
    url = settings.store_url or f"sqlite:///{DEFAULT_STORE_FILE}"
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{url}"
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets the API read while a writer commits; foreign keys enforce the cascades.

    The driver's own transaction handling is switched off: transactions begin in
    :func:`_sqlite_begin` instead.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(connection) -> None:
    """Every transaction takes SQLite's write lock up front (``BEGIN IMMEDIATE``).

    Several server processes may share one store file. A deferred transaction that reads and
    then writes would either fail with "database is locked" when another process committed in
    between, or (scoring) link an applicant against a snapshot that misses profiles another
    process just added. Taking the lock first serialises writers, waiting up to the busy
    timeout, and every read inside sees the latest commit: what PostgreSQL's advisory lock
    gives the scoring path there.
    """
    deferred = connection.get_execution_options().get("sqlite_read_only", False)
    connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # a connection per concurrent request thread: SQLite connections beyond the pool are
        # opened and closed per request (schema parse, pragmas), which the API paid under load
        engine = create_engine(url, connect_args={"check_same_thread": False}, pool_size=20, max_overflow=20)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
    except Exception as error:  # unknown dialect or driver: a configuration problem
        raise ConfigurationError(
            f"store URL {url.split('@')[-1]!r} cannot be opened ({error}); use sqlite:///FILE or "
            "postgresql+psycopg://USER:PASSWORD@HOST/DB (DETECTOR_STORE_URL)") from error


def alembic_config(url: str):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (creates every table in a new store)."""
    from alembic import command

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


@dataclass
class Store:
    """An open store: its engine, a session factory and the settings it was opened with."""

    engine: Engine
    settings: Settings
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on an error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A unit of work that only reads: on SQLite it does not wait for the write lock (a
        reader sees the last commit; a write inside may fail with "database is locked")."""
        with self.sessions.begin() as session:
            session.connection(execution_options={"sqlite_read_only": True})
            yield session

    @contextmanager
    def writer_turn(self) -> Iterator[None]:
        """SQLite: queue for the write lock in the kernel before ``BEGIN IMMEDIATE`` asks for it.

        With several server processes (``detector serve --workers N``), a writer blocked in
        ``BEGIN IMMEDIATE`` waits in SQLite's busy handler, which sleeps 1, 2, 5, 10 ... 100 ms
        between tries: a lock freed after 15 ms is taken late, and the holder's next batch
        often wins again (scores waited seconds under load). An exclusive ``flock`` on a file
        beside the store wakes the next process as soon as the lock is released. It only
        orders the writers; ``BEGIN IMMEDIATE`` still guards the data. PostgreSQL's advisory
        lock already wakes waiters at once, so there (and for in-memory stores) this is a no-op.
        """
        path = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        if not path or path == ":memory:" or fcntl is None:
            yield
            return
        with open(f"{path}-writer.lock", "a") as handle:  # closing the file releases the lock
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    checkpointer: WalCheckpointer | None = None

    def checkpoint_in_background(self, interval: float = CHECKPOINT_SECONDS) -> None:
        """SQLite: WAL checkpoints on a thread instead of in commits (the API server's store)."""
        if self.engine.dialect.name == "sqlite" and self.checkpointer is None:
            self.checkpointer = WalCheckpointer(self.engine, interval)

    def dispose(self) -> None:
        if self.checkpointer is not None:
            self.checkpointer.stop()
            self.checkpointer = None
        self.engine.dispose()


def require_hash_key(settings: Settings) -> None:
    """A store compares hashes across runs, so a random per-run key would silently match nothing."""
    if not settings.hash_key:
        raise ConfigurationError(
            "the store needs a fixed identifier hash key: set DETECTOR_HASH_KEY to a long random "
            "secret (e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`) and keep it; "
            "hashes made under another key never match")
    if len(settings.hash_key) < 16:
        raise ConfigurationError("DETECTOR_HASH_KEY is shorter than 16 bytes; use a long random secret")


def open_store(settings: Settings, *, create: bool = True) -> Store:
    """Open (and, with ``create``, create or upgrade) the store named by the settings.

    Refuses to open without ``DETECTOR_HASH_KEY``: identifiers are stored as keyed hashes and
    a key drawn at random per process would make every lookup miss after a restart.
    """
    require_hash_key(settings)
    url = store_url(settings)
    engine = make_engine(url)
    if create:
        migrate(engine)
    else:
        current = current_revision(engine) if inspect(engine).has_table("alembic_version") else None
        if current != head_revision():
            engine.dispose()
            raise ConfigurationError(
                f"store {url.split('@')[-1]} is at schema revision {current or 'none'}, this "
                f"version needs {head_revision()}; run `detector store init`")
    return Store(engine=engine, settings=settings,
                 sessions=sessionmaker(engine, expire_on_commit=False))
