"""The API server's SQLite store checkpoints its write-ahead log on a thread, not in commits."""

from __future__ import annotations

import time

from sqlalchemy import text

from detector.settings import Settings
from detector.store.db import open_store
from detector.store.schema import AuditEntry
from detector.store.write import utcnow


def test_commits_leave_checkpoints_to_the_background_thread(tmp_path):
    store = open_store(Settings(store_url=str(tmp_path / "store.sqlite"), hash_key=b"k" * 32))
    store.checkpoint_in_background(interval=1.0)
    assert store.checkpointer is not None
    with store.session() as session:
        assert session.execute(text("PRAGMA wal_autocheckpoint")).scalar_one() == 0
        session.add_all([AuditEntry(at=utcnow(), actor="test", action="fill", detail={"i": i, "pad": "x" * 500})
                         for i in range(20_000)])
    database = tmp_path / "store.sqlite"
    wal = tmp_path / "store.sqlite-wal"
    assert wal.stat().st_size > 10 * database.stat().st_size  # the commit only appended to the log
    deadline = time.monotonic() + 10
    while database.stat().st_size < wal.stat().st_size / 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # no commit from here on: only the thread can copy the log back
    assert database.stat().st_size >= wal.stat().st_size / 2
    thread = store.checkpointer._thread
    store.dispose()
    assert not thread.is_alive()
