"""Writing applicants into the store: rows, hashes, keys, links, scores and component merges."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import bindparam, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from detector.store.audit import utcnow
from detector.store.driver_sql import execute_many, fetch_all, placeholders
from detector.store.material import LinkMaterial, RowFacts
from detector.store.schema import (
    TEXT_FIELDS,
    Applicant,
    Identifier,
    Link,
    Payout,
    PhotoKey,
    Score,
    StoredSession,
    TextKey,
    TextSignature,
)

CHUNK = 5000


def _clean(value: object) -> object:
    """NaN/NaT/pd.NA -> None; numpy scalars -> Python; Timestamps -> naive datetimes."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).to_pydatetime()
    if isinstance(value, pd.Timestamp):
        return value.tz_convert(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    columns = list(frame.columns)
    return [{c: _clean(v) for c, v in zip(columns, row, strict=True)}
            for row in frame.itertuples(index=False, name=None)]


def _insert(session: Session, table, rows: list[dict]) -> None:
    """Core executemany (rows of one shape): the ORM's bulk insert adds per-row work for nothing."""
    connection = session.connection()
    for start in range(0, len(rows), CHUNK):
        connection.execute(insert(table), rows[start:start + CHUNK])


def insert_applicants(session: Session, material: LinkMaterial, rows: Sequence[int],
                      components: Sequence[int | None] | None = None,
                      rules_risk: Sequence[float] | np.ndarray | None = None) -> list[int]:
    """Insert applicants ``rows`` of ``material`` with all their hashes and keys; their pks.

    ``components`` gives a component id per row (None: the applicant's own pk, a singleton).
    """
    rows = list(rows)
    now = utcnow()
    table = material.applicants.iloc[rows].copy()
    table["stored_at"] = now
    table["status"] = "open"
    table["component_id"] = 0
    table["rules_risk"] = list(rules_risk) if rules_risk is not None else np.nan
    records = _records(table)
    pks: list[int] = []
    for start in range(0, len(records), CHUNK):
        result = session.execute(insert(Applicant).returning(Applicant.pk, sort_by_parameter_order=True),
                                 records[start:start + CHUNK])
        pks.extend(result.scalars().all())
    comp = [pk if components is None or components[i] is None else int(components[i] or pk)
            for i, pk in enumerate(pks)]
    set_components(session, pks, comp)
    pk_of_row = pd.Series(pks, index=rows)
    _insert_children(session, material, pk_of_row)
    record_fact_changes(session, pks)
    return pks


def record_fact_changes(session: Session, pks: Sequence[int]) -> None:
    """Log that these applicants' linking facts were (re)written (``FactChange``): processes
    holding the lookups in memory read it to stay current."""
    execute_many(session, "INSERT INTO fact_changes (applicant_pk) VALUES (?)", [(pk,) for pk in pks])


def set_components(session: Session, pks: Sequence[int], components: Sequence[int]) -> None:
    pairs = [{"p": pk, "c": c} for pk, c in zip(pks, components, strict=True)]
    stmt = update(Applicant).where(Applicant.pk == bindparam("p")).values(component_id=bindparam("c"))
    for start in range(0, len(pairs), CHUNK):
        session.connection().execute(stmt, pairs[start:start + CHUNK])


def _children(frame: pd.DataFrame, pk_of_row: pd.Series) -> pd.DataFrame:
    sub = frame[frame["row"].isin(pk_of_row.index)]
    out = sub.drop(columns="row")
    out.insert(0, "applicant_pk", pk_of_row.reindex(sub["row"]).to_numpy())
    return out


def _insert_children(session: Session, material: LinkMaterial, pk_of_row: pd.Series) -> None:
    _insert(session, Identifier, _records(_children(material.identifiers, pk_of_row)))
    _insert(session, StoredSession, _records(_children(material.sessions, pk_of_row)))
    _insert(session, Payout, _records(_children(material.payouts, pk_of_row)))
    _insert(session, TextKey, _records(_children(material.text_keys, pk_of_row)))
    _insert(session, PhotoKey, _records(_children(material.photo_keys, pk_of_row)))
    _insert(session, TextSignature, _records(_children(text_signatures(material.applicants), pk_of_row)))


def text_signatures(applicants: pd.DataFrame) -> pd.DataFrame:
    """row, field, signature of every stored (linkable) text signature of ``applicants`` rows."""
    parts = []
    for field_name in TEXT_FIELDS:
        column = applicants[f"{field_name}_signature"]
        present = column.notna().to_numpy()
        parts.append(pd.DataFrame({"row": np.flatnonzero(present).astype(np.int64), "field": field_name,
                                   "signature": column[present].to_numpy(dtype=object)}))
    return pd.concat(parts, ignore_index=True).sort_values(["row", "field"], ignore_index=True)


def _insert_keys(session: Session, target: str, rows: list[tuple]) -> None:
    if rows:
        execute_many(session, f"INSERT INTO {target} VALUES ({placeholders(len(rows[0]))})", rows)


def _insert_row_children(session: Session, pk: int, facts: RowFacts) -> None:
    """The applicant's hashes, sessions, payouts and keys. The key tables (plain integers and
    bytes, ~60 rows per applicant) go straight to the driver (``driver_sql``); sessions and
    payouts keep SQLAlchemy's column types (datetimes as SQLAlchemy stores them)."""
    connection = session.connection()
    _insert_keys(session, "identifiers (applicant_pk, kind, hash)", [(pk, k, h) for k, h in facts.identifiers])
    for table, rows in ((StoredSession, [{"applicant_pk": pk, **row} for row in facts.sessions]),
                        (Payout, [{"applicant_pk": pk, **row} for row in facts.payouts])):
        if rows:
            connection.execute(insert(table), rows)
    _insert_keys(session, "text_keys (applicant_pk, field, band_key)",
                 [(pk, f, k) for f, keys in facts.text_keys.items() for k in keys])
    photo = facts.applicant["photo_hash"]
    _insert_keys(session, "photo_keys (applicant_pk, band, value, photo_hash)",
                 [(pk, b, v, photo) for b, v in facts.photo_keys])
    _insert_keys(session, "text_signatures (applicant_pk, field, signature)",
                 [(pk, f, facts.applicant[f"{f}_signature"]) for f in TEXT_FIELDS
                  if facts.applicant[f"{f}_signature"] is not None])


def insert_row(session: Session, facts: RowFacts, rules_risk: float | None,
               latest_score: dict | None = None) -> int:
    """Insert one applicant with its hashes and keys; its pk (its own component for now).

    ``latest_score`` (``score``, ``band``, ``scored_at``, ``features``) is written with the row
    when the score is known before the insert (the API's per-applicant path): the same values
    ``insert_score_rows`` would set, without rewriting the just-inserted row (texts and all).
    """
    values = {**facts.applicant, "stored_at": utcnow(), "status": "open", "component_id": 0,
              "rules_risk": rules_risk, **(latest_score or {})}
    pk = session.connection().execute(insert(Applicant).returning(Applicant.pk), values).scalar_one()
    _insert_row_children(session, pk, facts)
    record_fact_changes(session, [pk])
    return pk


def replace_applicant(session: Session, pk: int, facts: RowFacts) -> None:
    """Rescoring a known applicant: its facts are replaced, its component and history stay."""
    values = {k: v for k, v in facts.applicant.items() if k != "applicant_id"}
    values["stored_at"] = utcnow()
    session.execute(update(Applicant).where(Applicant.pk == pk).values(**values))
    for table in (Identifier, StoredSession, Payout, TextKey, PhotoKey, TextSignature):
        session.execute(delete(table).where(table.applicant_pk == pk))
    _insert_row_children(session, pk, facts)
    record_fact_changes(session, [pk])


def merge_components(session: Session, pk: int, components: Iterable[int], current: int | None = None) -> int:
    """Union: the applicant and every component it links to take the smallest component id.

    ``current`` is the applicant's component id if known (a new applicant: its own pk).
    Plain integer updates on the driver's cursor (every scored applicant runs one or two).
    """
    if current is None:
        rows = fetch_all(session, "SELECT component_id FROM applicants WHERE pk = ?", [pk])
        current = rows[0][0] if rows else None
    ids = set(components) | {current if current else pk}
    target = min(ids)
    others = sorted(ids - {target})
    if others:
        execute_many(session, f"UPDATE applicants SET component_id = ? WHERE component_id IN ({placeholders(len(others))})",
                     [[target, *others]])
    execute_many(session, "UPDATE applicants SET component_id = ? WHERE pk = ?", [[target, pk]])
    return target


def insert_links(session: Session, links: Iterable[tuple[int, int, str, float]], all_new: bool = False) -> None:
    """Links (pk, other pk, kind, similarity) not already stored, as a_pk < b_pk.

    ``all_new``: every link involves an applicant inserted in this transaction, so none can
    be stored yet and the check is skipped (one statement less per scored sign-up).
    """
    now = utcnow()
    wanted = {(min(a, b), max(a, b), kind): float(sim) for a, b, kind, sim in links if a != b}
    if not wanted:
        return
    existing: set[tuple] = set()
    keys = [] if all_new else list(wanted)
    for start in range(0, len(keys), 500):
        part = keys[start:start + 500]
        rows = session.execute(select(Link.a_pk, Link.b_pk, Link.kind).where(
            or_(*[(Link.a_pk == a) & (Link.b_pk == b) & (Link.kind == k) for a, b, k in part])))
        existing.update(tuple(r) for r in rows)
    _insert(session, Link, [{"a_pk": a, "b_pk": b, "kind": k, "similarity": s, "found_at": now}
                            for (a, b, k), s in wanted.items() if (a, b, k) not in existing])


def insert_scores(session: Session, pks: Sequence[int], scores: pd.DataFrame, features: pd.DataFrame,
                  source: str, rules_risk: Sequence[float] | np.ndarray | None = None) -> None:
    """Append scores (OUTPUT.md rows, reasons already redacted) and update the queue columns."""
    insert_score_rows(session, pks, list(scores["score"]), list(scores["band"]), list(scores["reasons"]),
                      list(scores["model_version"]), features.to_numpy(dtype=float), list(features.columns),
                      source, rules_risk)


def stored_features(row: np.ndarray, names: list[str]) -> dict:
    """A feature row as the store keeps it (JSON: NaN as null, six decimals)."""
    return {n: (None if np.isnan(v) else round(float(v), 6)) for n, v in zip(names, row, strict=True)}


def latest_score(score: float, band: str, features: dict, now) -> dict:
    """The applicant row's latest-score columns, as ``insert_score_rows`` sets them."""
    return {"score": float(score), "band": str(band), "scored_at": now, "features": features}


def insert_score_history(session: Session, pk: int, score: float, band: str, reasons: list,
                         model_version: str, features: dict, source: str, now) -> None:
    """The score's row in ``scores`` alone, for an applicant row inserted with its latest score."""
    _insert(session, Score, [{"applicant_pk": pk, "scored_at": now, "score": float(score), "band": str(band),
                              "reasons": reasons, "model_version": str(model_version), "features": features,
                              "source": source}])


def insert_score_rows(session: Session, pks: Sequence[int], scores: Sequence[float], bands: Sequence[str],
                      reasons: Sequence[list], model_versions: Sequence[str], features: np.ndarray,
                      names: list[str], source: str,
                      rules_risk: Sequence[float] | np.ndarray | None = None) -> None:
    """``insert_scores`` from plain values (one feature row per pk, columns ``names``): the
    micro-batched API path builds no DataFrame per applicant."""
    now = utcnow()
    feature_rows = [stored_features(row, names) for row in features]
    rows = [{"applicant_pk": pk, "scored_at": now, "score": float(s), "band": str(b), "reasons": r,
             "model_version": str(m), "features": f, "source": source}
            for pk, s, b, r, m, f in zip(pks, scores, bands, reasons, model_versions, feature_rows, strict=True)]
    _insert(session, Score, rows)
    values: dict[str, object] = {"score": bindparam("s"), "band": bindparam("b"), "scored_at": bindparam("t"),
              "features": bindparam("f")}
    if rules_risk is not None:
        values["rules_risk"] = bindparam("r")
    stmt = update(Applicant).where(Applicant.pk == bindparam("p")).values(**values)
    risks = list(rules_risk) if rules_risk is not None else [None] * len(rows)
    params = [{"p": pk, "s": r["score"], "b": r["band"], "t": now, "r": _clean(k), "f": r["features"]}
              for pk, r, k in zip(pks, rows, risks, strict=True)]
    for start in range(0, len(params), CHUNK):
        session.connection().execute(stmt, params[start:start + CHUNK])


def update_members(session: Session, updates) -> None:
    """Store component members' refreshed features, and their red-flag risks where they changed.

    A member's risk is that of its own signals, which another profile joining its network does
    not change; rewriting it unchanged would still rewrite the member's entries in the two
    indexes that hold it (network statistics, agency), ~20 ms for a network of 1,300."""
    if not updates:
        return
    session.connection().execute(
        update(Applicant).where(Applicant.pk == bindparam("p")).values(features=bindparam("f")),
        [{"p": u.pk, "f": {k: (None if v is None or np.isnan(v) else v) for k, v in u.features.items()}}
         for u in updates])
    changed = [{"p": u.pk, "r": u.rules_risk} for u in updates if u.risk_changed]
    if changed:
        session.connection().execute(
            update(Applicant).where(Applicant.pk == bindparam("p")).values(rules_risk=bindparam("r")), changed)


def _placeholders(dialect_paramstyle: str, n: int) -> str:
    return ", ".join(["?"] * n) if dialect_paramstyle == "qmark" else ", ".join(["%s"] * n)


def _column_values(column: pd.Series) -> list:
    """A column as database-ready Python values, converted in bulk (NaN/NaT -> None)."""
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        values = column.dt.tz_convert(None) if getattr(column.dt, "tz", None) is not None else column
        return [None if pd.isna(v) else v.to_pydatetime() for v in values]
    if pd.api.types.is_bool_dtype(column.dtype) or pd.api.types.is_integer_dtype(column.dtype):
        return column.tolist()
    if pd.api.types.is_float_dtype(column.dtype):
        return [None if v != v else v for v in column.tolist()]
    return [_clean(v) for v in column.tolist()]


def _tuples(frame: pd.DataFrame) -> list[tuple]:
    return list(zip(*(_column_values(frame[c]) for c in frame.columns), strict=True))


def bulk_load(session: Session, material: LinkMaterial, components: Sequence[int] | None = None,
              links: pd.DataFrame | None = None) -> list[int]:
    """Insert a large unscored population fast (driver-level executemany, explicit keys).

    For seeding a store from an existing platform export or a benchmark: no scores are written
    (the review queue shows nothing for these rows until they are rescored). ``components``
    are per-row component labels (rows sharing one become one component), ``links`` the
    batch link pairs (columns a, b, kind, similarity, in row positions).
    """
    from sqlalchemy import func as sql_func

    connection = session.connection()
    style = connection.dialect.paramstyle
    start = (session.scalar(select(sql_func.max(Applicant.pk))) or 0) + 1
    n = len(material.applicants)
    pks = list(range(start, start + n))
    pk_of_row = pd.Series(pks, index=range(n))
    table = material.applicants.copy()
    table.insert(0, "pk", pks)
    labels = np.arange(n) if components is None else np.asarray(components)
    first = pd.Series(np.arange(n)).groupby(labels).transform("min").to_numpy()
    table["component_id"] = np.asarray(pks)[first]
    table["stored_at"] = utcnow()
    table["status"] = "open"
    table["activity_hours"] = [None if h is None else json.dumps(h)
                               for h in table["activity_hours"]]

    def load(name: str, frame: pd.DataFrame) -> None:
        sql = f"INSERT INTO {name} ({', '.join(frame.columns)}) VALUES ({_placeholders(style, len(frame.columns))})"
        for begin in range(0, len(frame), 50_000):
            connection.exec_driver_sql(sql, _tuples(frame.iloc[begin:begin + 50_000]))

    load("applicants", table)
    if connection.dialect.name == "postgresql":  # explicit keys leave the serial's sequence behind
        connection.exec_driver_sql("SELECT setval(pg_get_serial_sequence('applicants', 'pk'), "
                                   "(SELECT max(pk) FROM applicants))")
    load("identifiers", _children(material.identifiers, pk_of_row))
    load("sessions", _children(material.sessions, pk_of_row))
    load("payouts", _children(material.payouts, pk_of_row))
    load("text_keys", _children(material.text_keys, pk_of_row))
    load("photo_keys", _children(material.photo_keys, pk_of_row))
    load("text_signatures", _children(text_signatures(material.applicants), pk_of_row))
    if links is not None and len(links):
        a = np.asarray(pks)[links["a"].to_numpy(dtype=np.int64)]
        b = np.asarray(pks)[links["b"].to_numpy(dtype=np.int64)]
        load("links", pd.DataFrame({"a_pk": np.minimum(a, b), "b_pk": np.maximum(a, b),
                                    "kind": links["kind"].to_numpy(), "similarity": links["similarity"].to_numpy(),
                                    "found_at": utcnow()}).drop_duplicates(["a_pk", "b_pk", "kind"]))
    return pks


def rebuild_photo_keys(session: Session) -> int:
    """Recompute every photo band key from ``applicants.photo_hash`` (after a layout change)."""
    from detector.store.material import photo_band_values

    session.execute(delete(PhotoKey))
    rows = session.execute(select(Applicant.pk, Applicant.photo_hash).where(Applicant.photo_hash.is_not(None))).all()
    keys = [{"applicant_pk": pk, "band": band, "value": value, "photo_hash": photo}
            for pk, photo in rows if photo is not None
            for band, value in photo_band_values(int(photo) & 0xFFFFFFFFFFFFFFFF)]
    _insert(session, PhotoKey, keys)
    return len(keys)
