"""Server processes sharing a SQLite store take turns to write through a kernel file lock.

The lock orders the writers so a waiting process wakes as soon as the other commits, instead
of polling in SQLite's busy handler; it must still exclude: while one process holds its turn,
another does not get one.
"""

from __future__ import annotations

import multiprocessing
import time

from sqlalchemy import text

from detector.settings import Settings
from tests.store_support import TEST_HASH_KEY


def hold_the_turn(path: str, held, seconds: float) -> None:
    """Spawned child: take the writer turn, say so, keep it ``seconds``."""
    from detector.store.db import open_store

    store = open_store(Settings(store_url=path, hash_key=TEST_HASH_KEY))
    with store.writer_turn():
        held.set()
        time.sleep(seconds)
    store.dispose()


def test_a_second_process_waits_for_the_writer_turn_and_gets_it_when_freed(tmp_path):
    from detector.store.db import open_store

    path = str(tmp_path / "store.sqlite")
    store = open_store(Settings(store_url=path, hash_key=TEST_HASH_KEY))
    context = multiprocessing.get_context("spawn")
    held = context.Event()
    child = context.Process(target=hold_the_turn, args=(path, held, 1.5))
    child.start()
    try:
        assert held.wait(60)
        started = time.monotonic()
        with store.writer_turn(), store.session() as session:  # then writes as a scorer does
            waited = time.monotonic() - started
            session.execute(text("SELECT 1"))
        assert waited >= 1.0
    finally:
        child.join(30)
        store.dispose()
    assert child.exitcode == 0

