"""WAL checkpoints of a SQLite store on a background thread, for the API server.

SQLite copies its write-ahead log back into the database file ("checkpoints") by default in
whichever commit pushes the log past 1,000 pages. A scored applicant dirties a couple of
hundred pages (random index leaves of the lookup tables), so on a large store every few
requests one commit paid for a checkpoint of thousands of random writes: tens of
milliseconds, the slowest requests of the API. The server switches that off on its
connections and checkpoints from a thread instead (``PASSIVE``: never waits for, nor blocks,
readers and writers; the sqlite3 module releases the GIL while it runs). Command-line tools
keep SQLite's default.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine, event

log = logging.getLogger("detector.store")

INTERVAL_SECONDS = 0.25


def _no_autocheckpoint(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


class WalCheckpointer:
    """Checkpoints the store's WAL every ``interval`` seconds until :meth:`stop`."""

    def __init__(self, engine: Engine, interval: float = INTERVAL_SECONDS):
        self.engine, self.interval = engine, interval
        event.listen(engine, "connect", _no_autocheckpoint)
        engine.dispose()  # pooled connections opened before keep checkpointing in commits
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoints", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        connection = self.engine.raw_connection()
        try:
            while not self._stop.wait(self.interval):
                try:
                    connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # type: ignore[union-attr]
                except Exception as error:  # a busy or failing checkpoint is retried next time
                    log.warning("WAL checkpoint failed: %s", error)
            connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # type: ignore[union-attr]
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
