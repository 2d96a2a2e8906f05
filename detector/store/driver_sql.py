"""Run a hot lookup on the driver's cursor, inside the session's transaction.

Scoring one applicant reads a thousand-odd index entries (text band holders, photo band
candidates, signatures) and writes some sixty key rows. Through SQLAlchemy each row costs a few microseconds of Python
(result rows built and processed one at a time) and each statement ~0.1 ms of compiling and
context set-up: at a million profiles that was most of a score's CPU, far more than SQLite's
own stepping. The statements here are plain SQL that runs unchanged on SQLite and PostgreSQL,
written with ``?`` placeholders and rewritten once to the driver's parameter style.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy.orm import Session


@lru_cache(maxsize=4096)  # statement shapes vary with list lengths: bounded, not one per shape
def _for_driver(sql: str, paramstyle: str) -> str:
    if paramstyle == "qmark":
        return sql
    if paramstyle in ("format", "pyformat"):
        if "%" in sql:
            raise ValueError("a '%' in driver SQL would be read as a placeholder")
        return sql.replace("?", "%s")
    raise ValueError(f"unsupported driver parameter style {paramstyle!r}")


def fetch_all(session: Session, sql: str, params: Sequence[object]) -> list[tuple]:
    """All rows of ``sql`` (``?`` placeholders) as plain tuples, in the session's transaction."""
    connection = session.connection()  # begins the transaction (BEGIN IMMEDIATE on SQLite)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(_for_driver(sql, connection.dialect.paramstyle), tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def execute_many(session: Session, sql: str, rows: Sequence[Sequence[object]]) -> None:
    """``sql`` (``?`` placeholders) once per row, in the session's transaction."""
    connection = session.connection()
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(_for_driver(sql, connection.dialect.paramstyle), [tuple(row) for row in rows])
    finally:
        cursor.close()


def placeholders(count: int) -> str:
    return ", ".join("?" * count)
