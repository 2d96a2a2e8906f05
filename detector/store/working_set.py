"""The linking lookups' working set held in memory: text band keys, text signatures, photo keys.

At a million profiles the lookups of one sign-up step through ~300 text band-key index
entries, ~100 signatures and ~1,000 photo-band candidates in SQLite's B-trees, a page read
each more often than not (the 12 GB file does not fit SQLite's page cache). These arrays hold
the same rows sorted for ``np.searchsorted``: a probe is a binary search in memory instead of
a statement stepped row by row. The store stays the source of truth: the arrays are loaded
from it, and rows written after the load are added on top (``add``/``drop``) by whoever keeps
the set coherent. Every answer equals what the SQL lookup in ``detector.store.lookup`` would
read, row for row, or is ``None`` where the SQL's ``LIMIT`` would cut it (the caller then asks
the store).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from detector.store.driver_sql import fetch_all, placeholders
from detector.store.material import PHOTO_BANDS, RowFacts
from detector.store.schema import TEXT_FIELDS

SIGNATURE_SLOTS = 128
_FETCH = 1 << 20


def _read(cursor, sql: str, params: Sequence[object], dtype, columns: int) -> np.ndarray:
    """All rows of ``sql`` as one (rows, columns) array, fetched in chunks."""
    cursor.execute(sql, tuple(params))
    chunks = []
    while True:
        rows = cursor.fetchmany(_FETCH)
        if not rows:
            break
        chunks.append(np.fromiter(chain.from_iterable(rows), dtype=dtype, count=len(rows) * columns)
                      .reshape(len(rows), columns))
    return np.concatenate(chunks) if chunks else np.empty((0, columns), dtype=dtype)


class _Layer:
    """Rows written after the load: key -> (pk, payload) holders, and pks whose rows in the
    layers below no longer hold (their facts were replaced)."""

    def __init__(self) -> None:
        self.holders: dict[int, list[tuple[int, int]]] = defaultdict(list)
        self.keys_of: dict[int, list[int]] = defaultdict(list)
        self.stale: set[int] = set()

    def add(self, key: int, pk: int, payload: int) -> None:
        self.holders[key].append((pk, payload))
        self.keys_of[pk].append(key)

    def drop(self, pk: int, hides_below: bool) -> None:
        """``pk``'s rows here are gone; with ``hides_below``, its rows in the layers below too."""
        if hides_below:
            self.stale.add(pk)
        for key in self.keys_of.pop(pk, ()):
            kept = [row for row in self.holders[key] if row[0] != pk]
            if kept:
                self.holders[key] = kept
            else:
                del self.holders[key]


class SortedKeys:
    """(key, pk, payload) rows sorted by key then pk, under two layers of later writes: those
    committed since the load and those of the open transaction (dropped on rollback)."""

    def __init__(self, keys: np.ndarray, pks: np.ndarray, payload: np.ndarray | None = None) -> None:
        step = np.diff(keys)
        if bool(np.all((step > 0) | ((step == 0) & (np.diff(pks) > 0)))):  # read in index order
            self.keys, self.pks, self.payload = (np.ascontiguousarray(keys), np.ascontiguousarray(pks),
                                                 None if payload is None else np.ascontiguousarray(payload))
        else:
            order = np.lexsort((pks, keys))
            self.keys = np.ascontiguousarray(keys[order])
            self.pks = np.ascontiguousarray(pks[order])
            self.payload = None if payload is None else np.ascontiguousarray(payload[order])
        del step
        self.loaded_max_pk = int(self.pks.max()) if len(self.pks) else 0  # later pks: no loaded rows
        self.committed = _Layer()
        self.pending = _Layer()

    def nbytes(self) -> int:
        return self.keys.nbytes + self.pks.nbytes + (0 if self.payload is None else self.payload.nbytes)

    def rows(self, keys: Sequence[int], limit: int | None = None) -> list[list[tuple[int, int]] | None]:
        """For each key its (pk, payload) rows: the loaded ones, then the committed and pending
        additions, less the rows of pks whose facts were replaced since. With ``limit``, a key
        with more than ``limit`` loaded rows that still hold is None (a hub: not read out)."""
        probe = np.asarray(keys, dtype=np.int64)
        lo = np.searchsorted(self.keys, probe, "left")
        hi = np.searchsorted(self.keys, probe, "right")
        committed, pending = self.committed, self.pending
        stale = committed.stale | pending.stale if pending.stale else committed.stale
        over = ((hi - lo) - len(stale) > limit).tolist() if limit is not None else [False] * len(keys)
        out: list[list[tuple[int, int]] | None] = []
        for key, a, b, hub in zip(keys, lo.tolist(), hi.tolist(), over, strict=True):
            if hub:
                out.append(None)
                continue
            rows: list[tuple[int, int]] = []
            if b > a:
                pks = self.pks[a:b].tolist()
                payload = self.payload[a:b].tolist() if self.payload is not None else [0] * len(pks)
                rows = list(zip(pks, payload, strict=True))
                if stale:
                    rows = [row for row in rows if row[0] not in stale]
            later = committed.holders.get(key)
            if later:
                rows += [row for row in later if row[0] not in pending.stale] if pending.stale else later
            later = pending.holders.get(key)
            if later:
                rows += later
            out.append(rows)
        return out

    def add(self, key: int, pk: int, payload: int = 0) -> None:
        self.pending.add(key, pk, payload)

    def drop(self, pk: int) -> None:
        """``pk``'s rows written before (loaded, committed, pending) no longer hold. (Only pks
        with rows below are marked stale: the hub test discounts every stale pk.)"""
        self.pending.drop(pk, pk <= self.loaded_max_pk or pk in self.committed.keys_of)

    def commit(self) -> None:
        for pk in self.pending.stale:
            self.committed.drop(pk, pk <= self.loaded_max_pk)
        for key, rows in self.pending.holders.items():
            for pk, payload in rows:
                self.committed.add(key, pk, payload)
        self.pending = _Layer()

    def rollback(self) -> None:
        self.pending = _Layer()


class Signatures:
    """One text field's MinHash signatures by applicant pk."""

    def __init__(self, pks: np.ndarray, signatures: np.ndarray) -> None:
        order = np.argsort(pks, kind="stable")
        self.pks = np.ascontiguousarray(pks[order])
        self.values = np.ascontiguousarray(signatures[order])
        self.committed: dict[int, np.ndarray | None] = {}  # pk -> signature now (None: none)
        self.pending: dict[int, np.ndarray | None] = {}

    def nbytes(self) -> int:
        return self.pks.nbytes + self.values.nbytes

    def get(self, pks: Sequence[int]) -> list[tuple[int, np.ndarray]]:
        """(pk, signature) of those ``pks`` that have one, in the order given."""
        probe = np.asarray(pks, dtype=np.int64)
        if len(self.pks):
            at = np.minimum(np.searchsorted(self.pks, probe), len(self.pks) - 1)
            found = (self.pks[at] == probe).tolist()
            at_list = at.tolist()
        else:
            found, at_list = [False] * len(pks), [0] * len(pks)
        out = []
        for pk, index, loaded in zip(pks, at_list, found, strict=True):
            if pk in self.pending or pk in self.committed:
                now = self.pending[pk] if pk in self.pending else self.committed[pk]
                if now is not None:
                    out.append((pk, now))
            elif loaded:
                out.append((pk, self.values[index]))
        return out

    def put(self, pk: int, signature: np.ndarray | None) -> None:
        self.pending[pk] = None if signature is None else np.asarray(signature, dtype=np.uint32)

    def commit(self) -> None:
        self.committed.update(self.pending)
        self.pending = {}

    def rollback(self) -> None:
        self.pending = {}


class PhotoHashes:
    """Every applicant's photo hash (signed, as stored), for the holder counts of a hash."""

    def __init__(self, pks: np.ndarray, hashes: np.ndarray) -> None:
        self.sorted_hashes = np.sort(hashes)
        order = np.argsort(pks)
        self.pks = np.ascontiguousarray(pks[order])
        self.hash_of_pk = np.ascontiguousarray(hashes[order])
        self.committed: dict[int, int | None] = {}  # pk -> its hash now (added or rescored)
        self.delta: Counter[int] = Counter()  # holders gained (lost) per hash by the committed ones
        self.pending: dict[int, int | None] = {}

    def nbytes(self) -> int:
        return self.sorted_hashes.nbytes + self.pks.nbytes + self.hash_of_pk.nbytes

    def _loaded_hash(self, pk: int) -> int | None:
        at = int(np.searchsorted(self.pks, pk))
        return int(self.hash_of_pk[at]) if at < len(self.pks) and self.pks[at] == pk else None

    def _committed_hash(self, pk: int) -> int | None:
        return self.committed[pk] if pk in self.committed else self._loaded_hash(pk)

    def hash_of(self, pk: int) -> int | None:
        return self.pending[pk] if pk in self.pending else self._committed_hash(pk)

    def counts(self, values: Sequence[int], exclude: int | None) -> dict[int, int]:
        """How many applicants other than ``exclude`` hold each of ``values`` (zero left out)."""
        probe = np.asarray(values, dtype=np.int64)
        n = (np.searchsorted(self.sorted_hashes, probe, "right")
             - np.searchsorted(self.sorted_hashes, probe, "left")).tolist()
        counts = {int(v): c + self.delta.get(int(v), 0) for v, c in zip(values, n, strict=True)}
        for pk, now in self.pending.items():
            before = self._committed_hash(pk)
            if before in counts:
                counts[before] -= 1
            if now in counts:
                counts[now] += 1
        if exclude is not None:
            mine = self.hash_of(exclude)
            if mine in counts:
                counts[mine] -= 1
        return {v: c for v, c in counts.items() if c > 0}

    def put(self, pk: int, value: int | None) -> None:
        self.pending[pk] = value

    def commit(self) -> None:
        for pk, now in self.pending.items():
            before = self._committed_hash(pk)
            if before is not None:
                self.delta[before] -= 1
            if now is not None:
                self.delta[now] += 1
            self.committed[pk] = now
        self.pending = {}

    def rollback(self) -> None:
        self.pending = {}


def _signature_array(rows: Sequence[tuple[int, bytes]]) -> tuple[np.ndarray, np.ndarray]:
    pks = np.asarray([pk for pk, _ in rows], dtype=np.int64)
    values = (np.frombuffer(b"".join(bytes(blob) for _, blob in rows), dtype=np.uint32)
              .reshape(len(rows), SIGNATURE_SLOTS).copy() if rows
              else np.empty((0, SIGNATURE_SLOTS), dtype=np.uint32))
    return pks, values


@dataclass
class WorkingSet:
    """The three lookups' rows of one store, in memory (see the module docstring).

    Kept current through ``fact_changes``: ``catch_up`` (run before every lookup) reads the
    applicants written since the last sequence number seen and re-reads their rows, except
    those this process wrote itself and added with ``put_facts``. Everything added inside a
    store transaction is pending until ``commit`` (after the store committed) or ``rollback``.
    """

    text: dict[str, SortedKeys]
    signatures: dict[str, Signatures]
    photo: list[SortedKeys]  # per band: value -> (pk, photo hash)
    photo_hashes: PhotoHashes
    watermark: int = 0  # the last fact_changes seq committed and applied
    load_seconds: float = 0.0

    def __post_init__(self) -> None:
        self._pending_watermark: int | None = None
        self._own: Counter[int] = Counter()  # pks put this transaction, not yet seen in the log

    @classmethod
    def load(cls, engine: Engine) -> WorkingSet:
        """Read the rows from the store in one snapshot (a read transaction: no write lock)."""
        started = time.perf_counter()
        sqlite = engine.dialect.name == "sqlite"
        options = {"sqlite_read_only": True} if sqlite else {"isolation_level": "REPEATABLE READ"}
        with engine.connect() as connection, connection.execution_options(**options).begin():
            raw = connection.connection.dbapi_connection
            assert raw is not None
            mark = "?" if sqlite else "%s"
            cursor = raw.cursor()
            try:
                cursor.execute("SELECT max(seq) FROM fact_changes")
                watermark = (cursor.fetchone() or (0,))[0] or 0
                text = {}
                for field_name in TEXT_FIELDS:
                    rows = _read(cursor, f"SELECT band_key, applicant_pk FROM text_keys WHERE field = {mark} "
                                         "ORDER BY band_key, applicant_pk", [field_name], np.int64, 2)
                    text[field_name] = SortedKeys(rows[:, 0], rows[:, 1].astype(np.int32))
                    del rows
                signatures = {}
                for field_name in TEXT_FIELDS:
                    cursor.execute(f"SELECT applicant_pk, signature FROM text_signatures WHERE field = {mark}",
                                   (field_name,))
                    parts = []
                    while part := cursor.fetchmany(_FETCH):
                        parts.append(_signature_array(part))
                    signatures[field_name] = Signatures(
                        np.concatenate([p for p, _ in parts]) if parts else np.empty(0, dtype=np.int64),
                        np.concatenate([v for _, v in parts]) if parts
                        else np.empty((0, SIGNATURE_SLOTS), dtype=np.uint32))
                    del parts
                photo = []
                for band in range(PHOTO_BANDS):
                    rows = _read(cursor, "SELECT value, applicant_pk, photo_hash FROM photo_keys "
                                         f"WHERE band = {mark}", [band], np.int64, 3)
                    photo.append(SortedKeys(rows[:, 0], rows[:, 1].astype(np.int32), rows[:, 2]))
                rows = _read(cursor, "SELECT pk, photo_hash FROM applicants WHERE photo_hash IS NOT NULL", [],
                             np.int64, 2)
                photo_hashes = PhotoHashes(rows[:, 0], rows[:, 1])
            finally:
                cursor.close()
        return cls(text=text, signatures=signatures, photo=photo, photo_hashes=photo_hashes,
                   watermark=int(watermark), load_seconds=time.perf_counter() - started)

    def catch_up(self, session: Session) -> None:
        """Add the rows of applicants written since the last change seen, by any process, in the
        session's transaction (which holds the store's write lock, so nothing commits between)."""
        seen = self._pending_watermark if self._pending_watermark is not None else self.watermark
        changes = fetch_all(session, "SELECT seq, applicant_pk FROM fact_changes WHERE seq > ? ORDER BY seq", [seen])
        if not changes:
            return
        self._pending_watermark = changes[-1][0]
        reread = []
        for _, pk in changes:
            if self._own[pk] > 0:
                self._own[pk] -= 1  # added by put_facts as it was written
            else:
                reread.append(pk)
        if reread:
            self._reread(session, sorted(set(reread)))

    def _reread(self, session: Session, pks: list[int]) -> None:
        marks = placeholders(len(pks))
        keys: dict[int, dict[str, list[int]]] = {pk: {f: [] for f in TEXT_FIELDS} for pk in pks}
        for pk, field_name, key in fetch_all(
                session, f"SELECT applicant_pk, field, band_key FROM text_keys WHERE applicant_pk IN ({marks})", pks):
            keys[pk][field_name].append(key)
        signatures: dict[int, dict[str, np.ndarray]] = {pk: {} for pk in pks}
        for pk, field_name, blob in fetch_all(
                session, f"SELECT applicant_pk, field, signature FROM text_signatures WHERE applicant_pk IN ({marks})",
                pks):
            signatures[pk][field_name] = np.frombuffer(bytes(blob), dtype=np.uint32)
        photo_keys: dict[int, list[tuple[int, int]]] = {pk: [] for pk in pks}
        photo_of: dict[int, int | None] = dict.fromkeys(pks)
        for pk, band, value, photo_hash in fetch_all(
                session, f"SELECT applicant_pk, band, value, photo_hash FROM photo_keys WHERE applicant_pk IN ({marks})",
                pks):
            photo_keys[pk].append((band, value))
            photo_of[pk] = photo_hash
        hashes = dict(fetch_all(session, f"SELECT pk, photo_hash FROM applicants WHERE pk IN ({marks})", pks))
        for pk in pks:
            self._put(pk, keys[pk], signatures[pk], hashes.get(pk), photo_keys[pk], photo_of[pk])

    def _parts(self) -> list:
        return [*self.text.values(), *self.signatures.values(), *self.photo, self.photo_hashes]

    def commit(self) -> None:
        """The store transaction committed: keep what it added."""
        for part in self._parts():
            part.commit()
        if self._pending_watermark is not None:
            self.watermark = self._pending_watermark
        self._pending_watermark = None  # own rows not yet seen in the log stay counted

    def rollback(self) -> None:
        """The store transaction was rolled back: forget what it added."""
        for part in self._parts():
            part.rollback()
        self._pending_watermark = None
        self._own.clear()  # their log rows are read again (and the rows re-read): always right

    def nbytes(self) -> int:
        return (sum(t.nbytes() for t in self.text.values()) + sum(s.nbytes() for s in self.signatures.values())
                + sum(p.nbytes() for p in self.photo) + self.photo_hashes.nbytes())

    def text_holders(self, field_name: str, keys: Sequence[int], limit: int) -> list[list[int] | None]:
        """Each key's holders; None for a key with more than ``limit`` holders (a hub)."""
        return [None if rows is None else [pk for pk, _ in rows]
                for rows in self.text[field_name].rows(keys, limit)]

    def photo_candidates(self, band: int, values: Sequence[int], limit: int) -> list[tuple[int, int]] | None:
        """(pk, photo hash) of the band's holders of ``values``; None past ``limit`` rows (the
        SQL's ``LIMIT`` would then choose which rows to keep)."""
        parts = self.photo[band].rows(values, limit)
        if any(part is None for part in parts):
            return None
        rows = [row for part in parts for row in part or ()]
        return None if len(rows) > limit else rows

    def put_facts(self, pk: int, facts: RowFacts) -> None:
        """The rows ``insert_row`` (or ``replace_applicant``) just wrote for ``facts``, added
        without reading them back (their ``fact_changes`` row is then skipped once)."""
        blobs = {f: facts.applicant[f"{f}_signature"] for f in TEXT_FIELDS}
        photo = facts.applicant["photo_hash"]
        self._put(pk, facts.text_keys,
                  {f: np.frombuffer(blob, dtype=np.uint32) for f, blob in blobs.items() if blob is not None},
                  None if photo is None else int(photo), facts.photo_keys, None if photo is None else int(photo))
        self._own[pk] += 1

    def _put(self, pk: int, text_keys: dict[str, list[int]], signatures: dict[str, np.ndarray],
             photo_hash: int | None, photo_keys: Iterable[tuple[int, int]], key_hash: int | None) -> None:
        """``pk``'s rows now (whatever it held before is replaced)."""
        for index in (*self.text.values(), *self.photo):
            index.drop(pk)
        for field_name in TEXT_FIELDS:
            index = self.text[field_name]
            for key in text_keys.get(field_name, ()):
                index.add(int(key), pk)
            self.signatures[field_name].put(pk, signatures.get(field_name))
        for band, value in photo_keys:
            self.photo[band].add(int(value), pk, 0 if key_hash is None else int(key_hash))
        self.photo_hashes.put(pk, photo_hash)
