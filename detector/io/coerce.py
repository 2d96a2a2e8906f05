"""Vectorised conversion of raw input columns to typed values, flagging values that break the contract.

Raw columns hold whatever the reader found: strings from CSV, typed columns from Parquet, or a
mix of str/int/float/bool/list/dict/None from JSON. Each function here returns the converted
values (aligned with the input index) and a boolean mask of *present but unusable* values;
a value that is absent (None, NaN, empty string) is neither converted nor flagged, so callers
decide whether absence is an error. Fast paths cover homogeneous columns; only mixed object
columns fall back to a per-element loop.
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Callable, Collection, Hashable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from detector.io.ipv6_text import fast_ipv6_text

# RFC 3339 date-time (a 'T', 't' or space between date and time; a zone is required).
# Offsets without the colon (+0200) are tolerated because many exporters write them.
RFC3339 = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})"
# Canonical dotted-quad IPv4 (no leading zeros), accepted without calling ipaddress.
_IPV4_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4_CANONICAL = rf"{_IPV4_OCTET}(?:\.{_IPV4_OCTET}){{3}}"

_UTC_NS = "datetime64[ns, UTC]"
_TEXT_KINDS = {"string", "empty"}
_NUMBER_KINDS = {"integer", "floating", "mixed-integer-float"}


def show(value: object, limit: int = 60) -> str:
    """A raw value as quoted in a reject reason: strings in quotes, others as their repr."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 3] + "..."
        return "'" + text.replace("'", "\\'") + "'"
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def type_name(value: object) -> str:
    """The JSON-ish type name of a value, for 'must be a string, got list' reasons."""
    names = {dict: "object", list: "list", bool: "boolean", int: "number", float: "number"}
    names.update({str: "string", type(None): "null"})
    return names.get(
        type(value), type(value).__name__
    )


def _is_missing_scalar(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


def _is_string_dtype(s: pd.Series) -> bool:
    return isinstance(s.dtype, pd.StringDtype) or (
        s.dtype == object and pd.api.types.infer_dtype(s, skipna=True) in _TEXT_KINDS
    )


def _number_as_text(value: float | int | np.integer | np.floating) -> str:
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _plain_text_column(s: pd.Series) -> bool:
    """An object column holding only ``str`` and ``None``: what JSON text fields look like."""
    if s.dtype != object or len(s) < 2:
        return False
    return set(map(type, s.to_numpy())) <= {str, type(None)}


def _arrow_text(s: pd.Series) -> pa.Array | None:
    """The column as an Arrow string array when it holds text and None only (else None)."""
    if not _plain_text_column(s) or s.isna().all():
        return None  # all None: the general path (an Arrow array of type null has no text)
    return pa.array(s.to_numpy(), type=pa.string())


def _on_distinct(convert: Callable[[pd.Series], tuple[pd.Series, pd.Series]],
                 s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """``convert(s)``, computed once per distinct value when ``s`` holds only text and None.

    Sessions repeat their IPs and zones, and converting an object column to pandas'
    Arrow-backed strings costs more than the checks themselves. For such a column
    every conversion here works value by value (the column-wide choice of method is the same
    for its distinct values: text), so converting the distinct values and spreading the
    answers back gives the same values and masks; text results come back as objects (NaN
    where absent; ``typed`` makes that None, as before).
    """
    array = _arrow_text(s)
    if array is None:
        return convert(s)
    encoded = array.dictionary_encode()
    distinct = encoded.dictionary.to_numpy(zero_copy_only=False).astype(object)
    take = encoded.indices.fill_null(len(distinct)).to_numpy(zero_copy_only=False)
    values, bad = convert(pd.Series(np.concatenate([distinct, np.array([None], dtype=object)]), dtype=object))
    if isinstance(values.dtype, pd.StringDtype) or values.dtype == object:
        spread = pd.Series(values.to_numpy(dtype=object)[take], index=s.index, dtype=object)
    else:
        spread = pd.Series(values.array.take(take), index=s.index)
    return spread, pd.Series(np.asarray(bad, dtype=bool)[take], index=s.index)


def isin(values: pd.Series, allowed: Collection[object]) -> pd.Series:
    """``values.isin(allowed)`` for text values; large ``allowed`` sets go through Arrow's hash
    join (pandas' own string isin builds one Arrow scalar per allowed value in Python)."""
    text_values = text(values)[0]
    array = pa.array(text_values)
    wanted = pa.array([v for v in allowed if isinstance(v, str)], type=array.type)
    found = pc.is_in(array, value_set=wanted).fill_null(False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index, dtype=bool)


def _one_text(value: object) -> tuple[str | None, bool]:
    if _is_missing_scalar(value):
        return None, False
    if isinstance(value, str):
        return (value or None), False
    if isinstance(value, bool | np.bool_):
        return None, True
    if isinstance(value, int | float | np.integer | np.floating):
        return _number_as_text(value), False
    return None, True


def text(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Values as pandas' string dtype (NaN where absent), and the mask of values that are not text.

    Numbers are accepted as text (an integral float prints without '.0'); booleans, lists and
    objects are not. The empty string counts as absent, since CSV cannot tell them apart.

    Text is copied through Arrow even when the column already holds Python strings: keeping
    the strings the JSON parser made (a tried shortcut) kept the parsed records' memory
    scattered alive and made later steps slower (1,000,000 applicants: +45 CPU seconds).
    """
    index = s.index
    not_text = pd.Series(False, index=index)
    if _is_string_dtype(s):
        values = s if isinstance(s.dtype, pd.StringDtype) else s.astype("str")
    elif pd.api.types.is_bool_dtype(s.dtype):
        return pd.Series(np.nan, index=index, dtype="str"), s.notna()
    elif pd.api.types.is_numeric_dtype(s.dtype):
        found = [None if _is_missing_scalar(v) else _number_as_text(v) for v in s.tolist()]
        values = pd.Series(found, index=index, dtype="str")
    else:
        pairs = [_one_text(v) for v in s.tolist()]
        values = pd.Series([p[0] for p in pairs], index=index, dtype="str")
        not_text = pd.Series([p[1] for p in pairs], index=index, dtype=bool)
    return values.where(values != ""), not_text


def stripped(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Like :func:`text`, stripped of surrounding white space (whitespace-only is absent)."""
    values, wrong = text(s)
    values = values.str.strip()
    return values.where(values != ""), wrong


def _within_ns_range(values: pd.Series) -> pd.Series:
    """UTC timestamps as nanoseconds, NaT where outside what nanoseconds can hold (1677-2262)."""
    low, high = pd.Timestamp.min.tz_localize("UTC"), pd.Timestamp.max.tz_localize("UTC")
    return values.where(values.isna() | values.between(low, high)).astype(_UTC_NS)


# RFC 3339 as exporters write it: ASCII digits, upper-case 'T' and 'Z', nothing around it.
_PLAIN_RFC3339 = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
                  r"(?:Z|[+-][0-9]{2}:?[0-9]{2})$")


def _plain_timestamps(s: pd.Series, array: pa.Array) -> tuple[pd.Series, pd.Series] | None:
    """Timestamps of a JSON text column when every present value is written the plain way.

    Such a value needs no stripping or upper-casing and matches :data:`RFC3339`, so parsing
    the strings as they are gives what :func:`timestamps` gives; None when any value is
    written otherwise (the general path then decides).
    """
    plain = pc.match_substring_regex(array, _PLAIN_RFC3339)
    if not pc.all(plain).as_py():
        return None
    parsed = pd.to_datetime(s.to_numpy(), format="ISO8601", utc=True, errors="coerce")
    parsed = _within_ns_range(pd.Series(parsed, index=s.index))
    return parsed, s.notna() & parsed.isna()


def timestamps(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Tz-aware UTC timestamps (ns) and the mask of present values that are not RFC 3339.

    A timestamp without a zone is malformed; typed Parquet timestamps must be tz-aware.
    """
    index = s.index
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        values = _within_ns_range(s.dt.tz_convert("UTC"))
        return values, s.notna() & values.isna()
    if pd.api.types.is_datetime64_dtype(s.dtype):
        return pd.Series(pd.NaT, index=index, dtype=_UTC_NS), s.notna()
    array = _arrow_text(s)
    if array is not None:
        found = _plain_timestamps(s, array)
        if found is not None:
            return found
    values, wrong = stripped(s)
    upper = values.str.upper()
    well_formed = upper.str.fullmatch(RFC3339).fillna(False).astype(bool)
    parsed = pd.to_datetime(upper.where(well_formed), format="ISO8601", utc=True, errors="coerce")
    parsed = _within_ns_range(pd.Series(parsed, index=index))
    bad = wrong | (values.notna() & parsed.isna())
    return parsed, bad


def _one_number(value: object) -> tuple[float, bool]:
    if _is_missing_scalar(value):
        return math.nan, False
    if isinstance(value, bool | np.bool_):
        return math.nan, True
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value), False
    if isinstance(value, str):
        if not value.strip():
            return math.nan, False
        # As pandas parses an all-text column: no digit separators, ASCII digits only. A value
        # must not be accepted or rejected by what else its column (its chunk) holds.
        if "_" in value or not value.isascii():
            return math.nan, True
        try:
            number = float(value)
        except ValueError:
            return math.nan, True
        return number, math.isnan(number)
    return math.nan, True


def numbers(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Float values and the mask of present values that are not numbers (NaN counts as bad).

    Numeric strings ("45", " 5400 ") are accepted since CSV holds nothing else; booleans are not.
    """
    index = s.index
    if pd.api.types.is_bool_dtype(s.dtype):
        return pd.Series(np.nan, index=index), s.notna()
    if pd.api.types.is_numeric_dtype(s.dtype):
        return s.astype("float64"), pd.Series(False, index=index)
    if _is_string_dtype(s):
        st = text(s)[0].str.strip()
        present = st.notna() & (st != "")
        values = pd.to_numeric(st.where(present), errors="coerce").astype("float64")
        return values, present & values.isna()
    if pd.api.types.infer_dtype(s, skipna=True) in _NUMBER_KINDS:
        return s.astype("float64"), pd.Series(False, index=index)
    pairs = [_one_number(v) for v in s.tolist()]
    values = pd.Series([p[0] for p in pairs], index=index, dtype="float64")
    wrong = pd.Series([p[1] for p in pairs], index=index, dtype=bool)
    return values, wrong


_ZERO_ONE: dict[Hashable, float] = {
    True: 1.0,  # also matches 1 and 1.0
    False: 0.0,  # also matches 0 and 0.0
    "true": 1.0,
    "false": 0.0,
    "1": 1.0,
    "0": 0.0,
    "1.0": 1.0,
    "0.0": 0.0,
}


def _one_zero_one(value: object) -> tuple[float, bool]:
    if _is_missing_scalar(value):
        return math.nan, False
    if isinstance(value, str):
        value = value.strip().lower()
        if not value:
            return math.nan, False
    elif not isinstance(value, bool | int | float | np.bool_ | np.integer | np.floating):
        return math.nan, True
    found = _ZERO_ONE.get(value)  # type: ignore[arg-type]
    return (math.nan, True) if found is None else (found, False)


def zero_one(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """1.0/0.0 from booleans, 1/0 and "true"/"false"/"1"/"0" (any case), and the bad-value mask."""
    index = s.index
    if _is_string_dtype(s):
        st = text(s)[0].str.strip().str.lower()
        present = st.notna() & (st != "")
        values = st.map({k: v for k, v in _ZERO_ONE.items() if isinstance(k, str)})
        values = pd.Series(values, index=index, dtype="float64")
        return values, present & values.isna()
    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype) or (
        pd.api.types.infer_dtype(s, skipna=True) in _NUMBER_KINDS | {"boolean"}
    ):
        values = s.astype("float64")
        bad = values.notna() & ~values.isin([0.0, 1.0])
        return values.where(~bad), bad
    pairs = [_one_zero_one(v) for v in s.tolist()]
    values = pd.Series([p[0] for p in pairs], index=index, dtype="float64")
    wrong = pd.Series([p[1] for p in pairs], index=index, dtype=bool)
    return values, wrong


def codes(
    s: pd.Series, allowed: Collection[str], normalise: Callable[[pd.Series], pd.Series]
) -> tuple[pd.Series, pd.Series]:
    """Values normalised (e.g. upper-cased) and kept where in ``allowed``; mask of the others."""
    return _on_distinct(lambda part: _codes(part, allowed, normalise), s)


def _codes(
    s: pd.Series, allowed: Collection[str], normalise: Callable[[pd.Series], pd.Series]
) -> tuple[pd.Series, pd.Series]:
    values, wrong = stripped(s)
    norm = normalise(values)
    ok = isin(norm, allowed)
    return norm.where(ok), wrong | (values.notna() & ~ok)


def upper(s: pd.Series) -> pd.Series:
    return s.str.upper()


def lower(s: pd.Series) -> pd.Series:
    return s.str.lower()


def unchanged(s: pd.Series) -> pd.Series:
    return s


def matching(s: pd.Series, pattern: str, normalise: Callable[[pd.Series], pd.Series]):
    """Values normalised and kept where they fully match ``pattern``; mask of the others."""
    values, wrong = stripped(s)
    norm = normalise(values)
    ok = norm.str.fullmatch(pattern).fillna(False).astype(bool)
    return norm.where(ok), wrong | (values.notna() & ~ok)


def _canonical_ip(value: str) -> str | None:
    fast = fast_ipv6_text(value)
    if fast is not None:
        return fast
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def ip_addresses(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """IPs in canonical text form (IPv4-mapped IPv6 becomes IPv4) and the invalid-value mask.

    Canonical dotted quads pass a regex; only the other distinct values go through ipaddress.
    """
    return _on_distinct(_ip_addresses, s)


def _ip_addresses(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    values, wrong = stripped(s)
    fast = values.str.fullmatch(_IPV4_CANONICAL).fillna(False).astype(bool)
    slow = values.notna() & ~fast
    result = values.copy()
    if slow.any():
        distinct = pd.unique(values[slow].to_numpy())
        canonical: Mapping[str, str | None] = {v: _canonical_ip(v) for v in distinct}
        result[slow] = values[slow].map(canonical).astype("str")
    return result, wrong | (values.notna() & result.isna())
