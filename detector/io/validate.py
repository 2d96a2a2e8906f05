"""Validation at the boundary: raw tables in, a :class:`Population` and a rejects table out.

Every problem is reported at once, one reject row per problem (``applicant_id, record, field,
reason``). The rules, and what a problem costs:

* An applicant-level problem (id, created_at, claimed_country, claimed_timezone, photo_phash,
  hourly_rate_usd, shipping_country, label, a text field of the wrong type, a nested list that
  is not a list) rejects the applicant. In the nested form its sessions, payouts and proposals
  are part of the same line and are not listed again. In the table form each of their rows is
  listed once ("applicant 'x' was rejected ..."); a labels row of a rejected applicant is part of
  that applicant's record and is not listed again.
* Duplicate applicant ids: the first copy (in input order) is the applicant, every later copy is
  rejected. Sessions, payouts and labels of the table form join onto the first copy.
* A session, payout or proposal problem rejects only that row; the applicant is scored from
  its other rows.
* Bad optional values that are themselves signals (an unparseable phone, an odd email, an empty
  resume) are kept as given.

Records are named so each one can be found: ``applicant (line 7)`` and ``session 3 (line 7)``
(0-based index into that applicant's list) in the nested form, ``applicant (row 7)`` and
``session (row 12)`` (1-based data row of that table) in the table form. Where the id itself is
unreadable the ``applicant_id`` column holds ``line 7`` or ``row 12 of sessions``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from detector.io import coerce
from detector.io.population import (
    APPLICANT_COLUMNS,
    PAYOUT_COLUMNS,
    PROPOSAL_COLUMNS,
    REJECT_COLUMNS,
    SESSION_COLUMNS,
    LoadResult,
    Population,
)
from detector.io.reference_codes import (
    country_codes,
    single_timezone,
    suggest_country,
    suggest_timezone,
    timezone_names,
)

PAYOUT_METHODS = ("bank", "paypal", "payoneer", "wise", "crypto", "other")
TIMESTAMP_EXAMPLE = "2026-09-14T16:02:11Z"
# Applicant fields that are free text: kept as given, rejected only when not text at all.
_FREE_TEXT = ("full_name", "email", "phone", "claimed_city", "resume_text", "github_url", "agency_id")
# Order of record kinds within one applicant, for sorting the rejects.
_KIND_ORDER = {"applicant": 0, "session": 1, "payout": 2, "proposal": 3, "label": 4}
_SUB_KINDS = {"session": "sessions", "payout": "payouts", "proposal": "proposals"}

Form = Literal["nested", "tables"]


def empty_rejects() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in REJECT_COLUMNS})


@dataclass
class RawInput:
    """Unvalidated tables as a reader found them.

    ``applicants`` holds the applicant fields (and ``label``) plus ``_line``: the input line
    (nested) or the 1-based data row (tables). ``sessions``, ``payouts`` and ``proposals`` hold
    their fields plus ``_line`` (nested: the owner's line; tables: their own row), ``_index``
    (nested: position in the owner's list), ``_owner`` (nested: position of the owner in
    ``applicants``) and ``_not_object`` (nested: type name of a list item that is not an object).
    ``labels`` (tables only) holds ``applicant_id``, ``label`` and ``_line``. ``list_problems``
    (nested only) lists owners whose ``sessions``/``payouts``/``proposals`` is not a list
    (``_owner, field, reason``); ``line_rejects`` are lines already rejected by the reader.
    """

    form: Form
    applicants: pd.DataFrame
    sessions: pd.DataFrame
    payouts: pd.DataFrame
    proposals: pd.DataFrame
    labels: pd.DataFrame | None = None
    list_problems: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"_owner": [], "field": [], "reason": []})
    )
    line_rejects: pd.DataFrame = field(default_factory=empty_rejects)


class _Problems:
    """Problems found in one table: row positions with a field and a reason each."""

    def __init__(self) -> None:
        self._parts: list[pd.DataFrame] = []

    def add(self, mask: pd.Series | np.ndarray, field_name: str, reasons) -> None:
        """Record ``reasons`` (a string, or one per True in ``mask``) for the masked rows."""
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if len(positions) == 0:
            return
        if isinstance(reasons, str):
            reasons = [reasons] * len(positions)
        self._parts.append(
            pd.DataFrame({"pos": positions, "field": field_name, "reason": list(reasons)})
        )

    def add_at(self, positions: list[int], field_name: str, reasons: list[str]) -> None:
        if positions:
            self._parts.append(
                pd.DataFrame({"pos": positions, "field": field_name, "reason": reasons})
            )

    def frame(self) -> pd.DataFrame:
        if not self._parts:
            return pd.DataFrame({"pos": pd.Series(dtype="int64"), "field": [], "reason": []})
        return pd.concat(self._parts, ignore_index=True)

    def rejected(self, n: int) -> np.ndarray:
        mask = np.zeros(n, dtype=bool)
        frame = self.frame()
        mask[frame["pos"].to_numpy(dtype=np.int64)] = True
        return mask


def _values_at(raw: pd.Series, mask) -> list:
    return raw[np.asarray(mask, dtype=bool)].tolist()


def _check_free_text(table: pd.DataFrame, name: str, problems: _Problems) -> pd.Series:
    values, wrong = coerce.text(table[name])
    problems.add(
        wrong,
        name,
        [
            f"{name} must be a string, got {coerce.type_name(v)} {coerce.show(v)}; write it as text"
            for v in _values_at(table[name], wrong)
        ],
    )
    return values


def _check_timestamp(
    table: pd.DataFrame, name: str, problems: _Problems, required_why: str | None,
    where: pd.Series | None = None,
) -> pd.Series:
    """Parsed timestamps (``required_why`` None: optional); ``where`` names each row's source."""
    values, bad = coerce.timestamps(table[name])
    problems.add(
        bad,
        name,
        [
            f"{name} {coerce.show(v)}{w} is not an RFC 3339 timestamp with a time zone; "
            f"use e.g. {TIMESTAMP_EXAMPLE}"
            for v, w in zip(_values_at(table[name], bad), _at(where, bad), strict=True)
        ],
    )
    if required_why is not None:
        problems.add(
            values.isna() & ~bad, name, f"{name} is missing; {required_why}, e.g. {TIMESTAMP_EXAMPLE}"
        )
    return values


def _country_reason(name: str, value: object) -> str:
    if isinstance(value, str):
        hint = suggest_country(value)
        fix = f"use '{hint}'" if hint else "use the two-letter code, e.g. 'US'"
    else:
        fix = "write it as a two-letter string, e.g. 'US'"
    return f"{name} {coerce.show(value)} is not an ISO 3166-1 alpha-2 code; {fix}"


def _check_country(
    table: pd.DataFrame, name: str, problems: _Problems, required_why: str | None = None
) -> pd.Series:
    values, bad = coerce.codes(table[name], country_codes(), coerce.upper)
    problems.add(bad, name, [_country_reason(name, v) for v in _values_at(table[name], bad)])
    if required_why:
        problems.add(values.isna() & ~bad, name, f"{name} is missing; {required_why}")
    return values


def _timezone_reason(name: str, value: object) -> str:
    hint = suggest_timezone(value) if isinstance(value, str) else None
    fix = f"use '{hint}'" if hint else "use an IANA name such as 'America/Chicago'"
    return f"{name} {coerce.show(value)} is not an IANA time zone name; {fix}"


def _check_timezone(table: pd.DataFrame, name: str, problems: _Problems) -> pd.Series:
    values, bad = coerce.codes(table[name], timezone_names(), coerce.unchanged)
    problems.add(bad, name, [_timezone_reason(name, v) for v in _values_at(table[name], bad)])
    return values


# --------------------------------------------------------------------------- applicants


def _where(form: Form, lines: pd.Series, table: str) -> pd.Series:
    if form == "nested":
        return "line " + lines.astype(str)
    return "row " + lines.astype(str) + f" of {table}"


def _applicant_record(form: Form, lines: pd.Series) -> pd.Series:
    unit = "line" if form == "nested" else "row"
    return f"applicant ({unit} " + lines.astype(str) + ")"


def _check_applicants(raw: RawInput, label_rows: pd.Series | None,
                      earlier_ids: Mapping[str, int] | None = None):
    """Validate applicants; returns (typed table of all rows, rejected mask, rejects)."""
    table = raw.applicants.reset_index(drop=True)
    n = len(table)
    problems = _Problems()
    lines = table["_line"].astype("int64")

    ids, wrong = coerce.text(table["applicant_id"])
    ids = ids.where(coerce.stripped(table["applicant_id"])[0].notna(), None)
    problems.add(
        wrong,
        "applicant_id",
        [
            f"applicant_id must be a string, got {coerce.type_name(v)} {coerce.show(v)}"
            for v in _values_at(table["applicant_id"], wrong)
        ],
    )
    problems.add(
        ids.isna() & ~wrong, "applicant_id", "applicant_id is missing; give every applicant its platform id"
    )
    duplicate = ids.notna() & ids.duplicated(keep="first")
    if earlier_ids:
        duplicate |= ids.notna() & coerce.isin(ids, earlier_ids.keys())
    if duplicate.any():
        first_line = lines.groupby(ids).first()
        if earlier_ids:
            seen = [i for i in first_line.index if i in earlier_ids]
            first_line[seen] = [earlier_ids[i] for i in seen]
        unit = "line" if raw.form == "nested" else "row"
        problems.add(
            duplicate,
            "applicant_id",
            [
                f"applicant_id '{i}' appears again (first at {unit} {first_line[i]}); only the "
                "first copy is scored: merge the copies or drop this one"
                for i in ids[duplicate]
            ],
        )

    out = pd.DataFrame({"applicant_id": ids})
    out["created_at"] = _check_timestamp(
        table, "created_at", problems, "every applicant needs its profile creation time"
    )
    for name in _FREE_TEXT:
        out[name] = _check_free_text(table, name, problems)
    out["claimed_country"] = _check_country(
        table,
        "claimed_country",
        problems,
        "give the ISO 3166-1 alpha-2 code of the country the applicant claims, e.g. 'US'",
    )
    out["claimed_timezone"] = _check_timezone(table, "claimed_timezone", problems)
    phash, bad = coerce.matching(table["photo_phash"], r"[0-9a-f]{16}", coerce.lower)
    problems.add(
        bad,
        "photo_phash",
        [
            f"photo_phash {coerce.show(v)} is not 16 hex digits; write the 64-bit hash as hex, "
            "e.g. 'c3d4e5f60718293a'"
            for v in _values_at(table["photo_phash"], bad)
        ],
    )
    out["photo_phash"] = phash
    rate, bad = coerce.numbers(table["hourly_rate_usd"])
    bad = bad | (rate.notna() & ~(np.isfinite(rate) & (rate >= 0)))
    problems.add(
        bad,
        "hourly_rate_usd",
        [
            f"hourly_rate_usd {coerce.show(v)} is not a finite non-negative number; "
            "write the rate in USD, e.g. 45"
            for v in _values_at(table["hourly_rate_usd"], bad)
        ],
    )
    out["hourly_rate_usd"] = rate.where(~bad)
    out["shipping_country"] = _check_country(table, "shipping_country", problems)
    label, bad = coerce.zero_one(table["label"])
    where = _label_sources(label_rows, n)
    problems.add(
        bad,
        "label",
        [
            f"label {coerce.show(v)}{w} is not 0 or 1; use 1 for a confirmed front, "
            "0 for reviewed and cleared, or leave it out"
            for v, w in zip(_values_at(table["label"], bad), _at(where, bad), strict=True)
        ],
    )
    out["label"] = label
    out["decided_at"] = _check_timestamp(table, "decided_at", problems, None, where)

    listed = raw.list_problems
    for owner, name, reason in zip(
        listed["_owner"].tolist(), listed["field"].tolist(), listed["reason"].tolist(), strict=True
    ):
        problems.add_at([int(owner)], name, [reason])

    rejected = problems.rejected(n)
    found = problems.frame()
    pos = found["pos"].to_numpy(dtype=np.int64)
    readable = ids.iloc[pos].to_numpy(dtype=object)
    fallback = _where(raw.form, lines.iloc[pos], "applicants").to_numpy(dtype=object)
    rejects = pd.DataFrame(
        {
            "applicant_id": np.where(pd.isna(readable), fallback, readable),
            "record": _applicant_record(raw.form, lines.iloc[pos]).to_numpy(dtype=object),
            "field": found["field"].to_numpy(dtype=object),
            "reason": found["reason"].to_numpy(dtype=object),
            "_k1": lines.iloc[pos].to_numpy(),
            "_k2": 0,
            "_k3": -1,
        }
    )
    return out, rejected, rejects


def _label_sources(label_rows: pd.Series | None, n: int) -> pd.Series | None:
    """Where each applicant's label came from: its labels-table row, or None (nested form)."""
    if label_rows is None:
        return None
    return pd.Series([f" (labels row {int(r)})" if pd.notna(r) else "" for r in label_rows.tolist()])


def _at(where: pd.Series | None, bad: pd.Series) -> list[str]:
    return [""] * int(bad.sum()) if where is None else where[bad.to_numpy()].tolist()


def _fill_timezones(applicants: pd.DataFrame) -> None:
    missing = applicants["claimed_timezone"].isna() & applicants["claimed_country"].notna()
    if missing.any():
        countries = applicants.loc[missing, "claimed_country"]
        zones = {c: single_timezone(c) for c in pd.unique(countries.to_numpy())}
        applicants.loc[missing, "claimed_timezone"] = countries.map(zones)


# --------------------------------------------------------------------------- labels (tables)


def _join_labels(raw: RawInput):
    """Attach the labels table to the raw applicants; returns (label row per applicant, rejects)."""
    labels = raw.labels.reset_index(drop=True)  # type: ignore[union-attr]
    lines = labels["_line"].astype("int64")
    problems = _Problems()
    ids, wrong = coerce.text(labels["applicant_id"])
    ids = ids.where(coerce.stripped(labels["applicant_id"])[0].notna(), None)
    problems.add(
        wrong | ids.isna(),
        "applicant_id",
        "applicant_id is missing or not a string; give the id of the labelled applicant",
    )
    value_present = ~labels["label"].isna() & (labels["label"].astype(str).str.strip() != "")
    problems.add(
        ids.notna() & ~wrong & ~value_present,
        "label",
        "label is missing; use 1 for a confirmed front, 0 for reviewed and cleared, or drop the row",
    )
    usable = ids.notna() & ~wrong & value_present
    applicant_ids = set(coerce.text(raw.applicants["applicant_id"])[0].dropna())
    unknown = usable & ~coerce.isin(ids, applicant_ids)
    problems.add(
        unknown,
        "applicant_id",
        [
            f"applicant_id {coerce.show(i)} has no row in applicants; add the applicant or drop "
            "this label"
            for i in ids[unknown]
        ],
    )
    usable &= ~unknown
    duplicate = usable & ids.where(usable).duplicated(keep="first")
    if duplicate.any():
        first_line = lines[usable].groupby(ids[usable]).first()
        problems.add(
            duplicate,
            "applicant_id",
            [
                f"applicant '{i}' already has a label (labels row {first_line[i]}); keep one "
                "label per applicant"
                for i in ids[duplicate]
            ],
        )
    usable &= ~duplicate
    by_id = pd.DataFrame({"label": labels["label"][usable], "decided_at": labels["decided_at"][usable],
                          "row": lines[usable]})
    by_id.index = pd.Index(ids[usable], dtype=object)
    raw_ids = coerce.text(raw.applicants["applicant_id"])[0]
    raw.applicants = raw.applicants.copy()
    raw.applicants["label"] = raw_ids.map(by_id["label"]).to_numpy(dtype=object)
    raw.applicants["decided_at"] = by_id["decided_at"].reindex(raw_ids.to_numpy()).array  # keeps typed times
    label_rows = raw_ids.map(by_id["row"])
    found = problems.frame()
    pos = found["pos"].to_numpy(dtype=np.int64)
    readable = ids.iloc[pos].to_numpy(dtype=object)
    fallback = _where("tables", lines.iloc[pos], "labels").to_numpy(dtype=object)
    rejects = pd.DataFrame(
        {
            "applicant_id": np.where(pd.isna(readable), fallback, readable),
            "record": ("label (row " + lines.iloc[pos].astype(str) + ")").to_numpy(dtype=object),
            "field": found["field"].to_numpy(dtype=object),
            "reason": found["reason"].to_numpy(dtype=object),
            "_k1": lines.iloc[pos].to_numpy(),
            "_k2": _KIND_ORDER["label"],
            "_k3": -1,
        }
    )
    return label_rows, rejects


# --------------------------------------------------------------------------- sessions etc.


def _check_session_fields(table: pd.DataFrame, problems: _Problems) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    out["started_at"] = _check_timestamp(
        table, "started_at", problems, "every session needs its start time"
    )
    ip, bad = coerce.ip_addresses(table["ip"])
    problems.add(
        bad,
        "ip",
        [
            f"ip {coerce.show(v)} is not an IPv4 or IPv6 address; use e.g. '203.0.113.7' or "
            "'2001:db8::1'"
            for v in _values_at(table["ip"], bad)
        ],
    )
    problems.add(
        ip.isna() & ~bad, "ip", "ip is missing; every session needs the address it came from"
    )
    out["ip"] = ip
    out["device_id"] = _check_free_text(table, "device_id", problems)
    out["browser_timezone"] = _check_timezone(table, "browser_timezone", problems)
    flag, bad = coerce.zero_one(table["remote_access"])
    problems.add(
        bad,
        "remote_access",
        [
            f"remote_access {coerce.show(v)} is not a boolean; use true or false"
            for v in _values_at(table["remote_access"], bad)
        ],
    )
    out["remote_access"] = flag
    duration, bad = coerce.numbers(table["duration_s"])
    bad = bad | (duration.notna() & ~(np.isfinite(duration) & (duration >= 0)))
    problems.add(
        bad,
        "duration_s",
        [
            f"duration_s {coerce.show(v)} is not a non-negative number of seconds; use e.g. 5400"
            for v in _values_at(table["duration_s"], bad)
        ],
    )
    out["duration_s"] = duration.where(~bad)
    return out


def _check_payout_fields(table: pd.DataFrame, problems: _Problems) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    method, bad = coerce.codes(table["method"], PAYOUT_METHODS, coerce.lower)
    allowed = ", ".join(PAYOUT_METHODS)
    problems.add(
        bad,
        "method",
        [
            f"method {coerce.show(v)} is not a known payout method; use one of {allowed}"
            for v in _values_at(table["method"], bad)
        ],
    )
    problems.add(method.isna() & ~bad, "method", f"method is missing; use one of {allowed}")
    out["method"] = method
    ref = _check_free_text(table, "account_ref", problems)
    blank = coerce.stripped(table["account_ref"])[0].isna() & ref.notna()
    problems.add(
        (ref.isna() | blank) & ~coerce.text(table["account_ref"])[1],
        "account_ref",
        "account_ref is missing; give the account number, IBAN, wallet or the platform's token",
    )
    out["account_ref"] = ref
    out["account_country"] = _check_country(table, "account_country", problems)
    out["holder_name"] = _check_free_text(table, "holder_name", problems)
    return out


def _check_proposal_fields(table: pd.DataFrame, problems: _Problems) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    out["submitted_at"] = _check_timestamp(
        table, "submitted_at", problems, "every proposal needs the time it was sent"
    )
    body, wrong = coerce.text(table["text"])
    problems.add(
        wrong,
        "text",
        [
            f"text must be a string, got {coerce.type_name(v)} {coerce.show(v)}; write it as text"
            for v in _values_at(table["text"], wrong)
        ],
    )
    problems.add(body.isna() & ~wrong, "text", "text is missing; give the proposal text")
    out["text"] = body
    return out


_FIELD_CHECKS = {
    "session": _check_session_fields,
    "payout": _check_payout_fields,
    "proposal": _check_proposal_fields,
}


def _check_sub_records(
    raw: RawInput,
    kind: str,
    accepted_ids: pd.Series,
    applicant_ids: pd.Series,
    applicant_rejected: np.ndarray,
):
    """Validate one sub-record table; returns (accepted rows, rejects)."""
    table = getattr(raw, _SUB_KINDS[kind]).reset_index(drop=True)
    lines = table["_line"].astype("int64")
    pre = _Problems()  # ownership problems: the only reason listed for such a row
    if raw.form == "nested":
        owners = table["_owner"].astype("int64").to_numpy()
        covered = applicant_rejected[owners] if len(owners) else np.zeros(0, dtype=bool)
        ids = pd.Series(applicant_ids.to_numpy(dtype=object)[owners], index=table.index)
        index = table["_index"].astype("int64")
        not_object = table["_not_object"].notna() & ~covered
        pre.add(
            not_object,
            _SUB_KINDS[kind],
            [
                f"{kind} {i} is not an object (got {t}); write each {kind} as a JSON object"
                for i, t in zip(index[not_object], table["_not_object"][not_object], strict=True)
            ],
        )
        checkable = ~covered & ~not_object
    else:
        covered = np.zeros(len(table), dtype=bool)
        ids, wrong = coerce.text(table["applicant_id"])
        ids = ids.where(coerce.stripped(table["applicant_id"])[0].notna(), None)
        missing = ids.isna() | wrong
        pre.add(
            missing,
            "applicant_id",
            f"applicant_id is missing or not a string; every {kind} needs the id of its applicant",
        )
        known = coerce.isin(ids, accepted_ids.dropna().tolist())
        rejected_ids = set(applicant_ids[applicant_rejected].dropna()) - set(accepted_ids)
        was_rejected = ~missing & ~known & coerce.isin(ids, rejected_ids)
        pre.add(
            was_rejected,
            "applicant_id",
            [
                f"applicant {coerce.show(i)} was rejected (see its applicant row); this {kind} "
                "is kept once the applicant row is fixed"
                for i in ids[was_rejected]
            ],
        )
        unknown = ~missing & ~known & ~was_rejected
        pre.add(
            unknown,
            "applicant_id",
            [
                f"applicant_id {coerce.show(i)} has no row in applicants; add the applicant or "
                f"drop this {kind}"
                for i in ids[unknown]
            ],
        )
        checkable = known.to_numpy()

    checkable = np.asarray(checkable, dtype=bool)
    candidates = table if checkable.all() else table[checkable]  # a copy only when needed
    problems = _Problems()
    values = _FIELD_CHECKS[kind](candidates.reset_index(drop=True), problems)
    bad_fields = problems.frame()
    candidate_pos = np.flatnonzero(checkable)
    found = pd.concat(
        [
            pre.frame(),
            bad_fields.assign(pos=candidate_pos[bad_fields["pos"].to_numpy(dtype=np.int64)]),
        ],
        ignore_index=True,
    )
    keep = problems.rejected(len(candidates))
    accepted = values[~keep].copy() if keep.any() else values
    accepted.insert(0, "applicant_id", ids.to_numpy(dtype=object)[candidate_pos[~keep]])

    pos = found["pos"].to_numpy(dtype=np.int64)
    fallback = _where(raw.form, lines.iloc[pos], _SUB_KINDS[kind]).to_numpy(dtype=object)
    readable = ids.iloc[pos].to_numpy(dtype=object)
    if raw.form == "nested":
        at = table["_index"].iloc[pos].astype("int64")
        records = f"{kind} " + at.astype(str) + " (line " + lines.iloc[pos].astype(str) + ")"
        sort_keys = (lines.iloc[pos].to_numpy(), _KIND_ORDER[kind], table["_index"].iloc[pos])
    else:
        records = f"{kind} (row " + lines.iloc[pos].astype(str) + ")"
        sort_keys = (lines.iloc[pos].to_numpy(), _KIND_ORDER[kind], -1)
    rejects = pd.DataFrame(
        {
            "applicant_id": np.where(pd.isna(readable), fallback, readable),
            "record": records.to_numpy(dtype=object),
            "field": found["field"].to_numpy(dtype=object),
            "reason": found["reason"].to_numpy(dtype=object),
            "_k1": sort_keys[0],
            "_k2": sort_keys[1],
            "_k3": np.asarray(sort_keys[2]) if raw.form == "nested" else -1,
        }
    )
    return accepted, rejects


# --------------------------------------------------------------------------- assembly


def typed(table: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The table with exactly ``columns``, in order and with their dtypes (None for missing text)."""
    out = {}
    for name, dtype in columns.items():
        column = table[name] if name in table else pd.Series(None, index=table.index, dtype=object)
        if dtype == "object":
            column = column.astype(object)
            column = column.where(column.notna(), None)
        else:
            column = column.astype(dtype)
        out[name] = column.reset_index(drop=True)
    return pd.DataFrame(out, columns=list(columns))


def validate_raw(raw: RawInput, earlier_ids: Mapping[str, int] | None = None) -> LoadResult:
    """Check every record of ``raw`` and split it into a Population and its rejects.

    ``earlier_ids`` (id -> line or row of its first copy) are applicant ids already read in
    earlier chunks of the same input: copies of them here are duplicates, as in one read.
    """
    raw.applicants = raw.applicants.reset_index(drop=True)
    parts: list[pd.DataFrame] = []
    label_rows = None
    if raw.form == "tables" and raw.labels is not None:
        label_rows, label_rejects = _join_labels(raw)
        parts.append(label_rejects)
    checked, rejected, applicant_rejects = _check_applicants(raw, label_rows, earlier_ids)
    parts.append(applicant_rejects)
    accepted = checked[~rejected].reset_index(drop=True)
    _fill_timezones(accepted)
    population = Population(applicants=typed(accepted, APPLICANT_COLUMNS))
    accepted_ids = accepted["applicant_id"]
    for kind, columns in (
        ("session", SESSION_COLUMNS),
        ("payout", PAYOUT_COLUMNS),
        ("proposal", PROPOSAL_COLUMNS),
    ):
        rows, rejects = _check_sub_records(raw, kind, accepted_ids, checked["applicant_id"], rejected)
        setattr(population, _SUB_KINDS[kind], typed(rows, columns))
        parts.append(rejects)
    return LoadResult(population=population, rejects=_assemble_rejects(raw, parts))


def _assemble_rejects(raw: RawInput, parts: list[pd.DataFrame]) -> pd.DataFrame:
    line_rejects = raw.line_rejects.copy()
    line_rejects["_k1"] = line_rejects["record"].str.extract(r"(\d+)", expand=False).astype("int64")
    line_rejects["_k2"] = 0
    line_rejects["_k3"] = -1
    frames = [p for p in [line_rejects, *parts] if len(p)]
    if not frames:
        return empty_rejects()
    combined = pd.concat(frames, ignore_index=True)
    if raw.form == "tables":  # table order first, then row
        combined = combined.sort_values(["_k2", "_k1", "_k3"], kind="stable")
    else:
        combined = combined.sort_values(["_k1", "_k2", "_k3"], kind="stable")
    result = combined[REJECT_COLUMNS].reset_index(drop=True)
    return result.astype(object)
