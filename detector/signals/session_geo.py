"""Attach IP geolocation and anonymiser flags to every session (one lookup per unique IP)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.geo.geoip import geo_columns
from detector.io.population import SESSION_COLUMNS

ANONYMISER_FLAGS = ("is_vpn", "is_hosting", "is_tor", "is_proxy", "is_residential_proxy", "is_anonymous")
OPERATOR_COUNTRIES = frozenset({"CN", "RU", "KP", "LA"})


def annotate_sessions(sessions: pd.DataFrame, geo) -> pd.DataFrame:
    """Sessions with the geo columns of their IP and an ``anonymised`` flag.

    ``geo`` is a :class:`detector.geo.geoip.GeoLookup` (anything with ``lookup(ips)``).
    """
    out = sessions.reset_index(drop=True)
    if out.empty:
        geo_cols = geo.lookup([])
        for col in geo_cols.columns:
            out[col] = geo_cols[col]
        out["anonymised"] = pd.Series(dtype=bool)
        return out
    codes, unique_ips = pd.factorize(out["ip"], sort=False)
    info = geo.lookup(list(unique_ips)).reset_index(drop=True)
    # Each column is spread from the distinct IPs as it is (text stays in Arrow: a NumPy round
    # trip made and re-converted ~350,000 Python strings per column and chunk). A column without
    # any value is spread as NumPy objects, as before, so that it keeps its object type.
    for col in info.columns:
        values = info[col].array.take(codes)
        out[col] = values if info[col].notna().any() else values.to_numpy()
    flags = np.zeros(len(out), dtype=bool)
    for flag in ANONYMISER_FLAGS:
        if flag in out.columns:
            flags |= out[flag].fillna(False).to_numpy(dtype=bool)
    out["anonymised"] = flags
    return out


def annotated_columns(sessions: list[dict], geo_rows: list[tuple]) -> dict[str, np.ndarray]:
    """One applicant's sessions as the columns of :func:`annotate_sessions` (their own fields,
    the geo columns of their IPs and ``anonymised``), without building the frame: the API's
    evidence for one flagged applicant. ``geo_rows``: ``GeoLookup.rows`` of the sessions' IPs."""
    columns = {name: np.asarray([session[name] for session in sessions], dtype=object)
               for name in SESSION_COLUMNS}
    columns.update(geo_columns(geo_rows))
    flags = np.zeros(len(sessions), dtype=bool)
    for flag in ANONYMISER_FLAGS:
        if flag in columns:
            flags |= columns[flag]
    columns["anonymised"] = flags
    return columns
