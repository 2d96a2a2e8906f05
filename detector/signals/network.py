"""Network signals: anonymisers, foreign and operator-country sessions, impossible travel."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.signals.session_geo import OPERATOR_COUNTRIES

EARTH_RADIUS_KM = 6371.0
# Consecutive sessions closer in time than this are treated as this far apart, so two
# logins a second apart do not produce an infinite speed.
MIN_TRAVEL_HOURS = 0.5
MAX_REPORTED_KMH = 20000.0


def network_signals(applicants: pd.DataFrame, sessions: pd.DataFrame) -> pd.DataFrame:
    """Per-applicant network features from annotated sessions (see ``annotate_sessions``).

    Sessions are grouped by their owner's row number (found once) with numpy reductions:
    a pandas groupby or sort on the text ids factorised the ids again for every feature,
    which made this family cost three times the work of the features themselves.
    """
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    out = pd.DataFrame(index=ids)
    if sessions.empty:
        for col in ("net_anonymiser_share", "net_foreign_share", "net_operator_country_share",
                    "net_early_operator_country", "net_distinct_countries", "net_distinct_asns",
                    "net_home_asns", "net_max_travel_kmh"):
            out[col] = np.nan
        return out
    n = len(ids)
    owner = ids.get_indexer(sessions["applicant_id"])
    known_owner = owner >= 0
    s = sessions[["country", "asn", "latitude", "longitude", "anonymised"]][known_owner]
    owner = owner[known_owner]
    claimed = pd.Series(applicants["claimed_country"].to_numpy(dtype=object)[owner],
                        index=s.index, dtype=object)
    known_country = s["country"].notna()
    foreign = np.where(known_country, (s["country"] != claimed).astype(float), np.nan)
    operator = s["country"].isin(OPERATOR_COUNTRIES) & (s["country"] != claimed)
    operator = np.where(known_country, operator.astype(float), np.nan)
    out["net_anonymiser_share"] = _group_mean(owner, s["anonymised"].to_numpy(dtype=float), n)
    out["net_foreign_share"] = _group_mean(owner, foreign, n)
    out["net_operator_country_share"] = _group_mean(owner, operator, n)
    # Applicants with sessions but no geolocated IP (or none at all): distinct counts are
    # unknown, not 0.
    out["net_distinct_countries"] = _group_distinct(owner, s["country"], n)
    out["net_distinct_asns"] = _group_distinct(owner, s["asn"], n)
    # Home networks: sessions located in the claimed country and not through an anonymiser.
    # Someone with no such session has no home network to count (NaN, not 0).
    home = (foreign == 0) & ~s["anonymised"].to_numpy(dtype=bool)
    out["net_home_asns"] = _group_distinct(owner[home], s["asn"][home], n)
    started = sessions["started_at"].to_numpy(dtype="datetime64[ns]")[known_owner].view(np.int64)
    started = np.where(started == np.iinfo(np.int64).min, np.iinfo(np.int64).max, started)  # NaT last
    order = np.lexsort((started, owner))  # stable: ties keep the input order
    out["net_early_operator_country"] = _early_share(owner[order], operator[order], n)
    out["net_max_travel_kmh"] = _max_travel_speed(
        owner[order], started[order], s["latitude"].to_numpy(dtype=float)[order],
        s["longitude"].to_numpy(dtype=float)[order], n)
    return out


def _group_mean(owner: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Mean of the non-missing values per owner (NaN without any)."""
    present = ~np.isnan(values)
    count = np.bincount(owner[present], minlength=n)
    total = np.bincount(owner[present], weights=values[present], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _group_distinct(owner: np.ndarray, values: pd.Series, n: int) -> np.ndarray:
    """Number of distinct non-missing values per owner (as floats); NaN for owners with none."""
    codes, _ = pd.factorize(values.reset_index(drop=True), use_na_sentinel=True)
    present = codes >= 0
    pairs = np.unique(owner[present].astype(np.int64) * (int(codes.max(initial=0)) + 1)
                      + codes[present])
    distinct = np.bincount(pairs // (int(codes.max(initial=0)) + 1), minlength=n)
    seen = np.bincount(owner[present], minlength=n) > 0
    return np.where(seen, distinct, np.nan)


def _early_share(owner: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Mean of ``values`` over each owner's first fifth of sessions (at least one); rows are
    sorted by owner, then time."""
    size = np.bincount(owner, minlength=n)
    first = np.concatenate(([0], np.cumsum(size)[:-1]))
    rank = np.arange(len(owner)) - first[owner]
    early = rank < np.maximum(1, np.ceil(size[owner] / 5))
    return _group_mean(owner[early], values[early], n)


def _max_travel_speed(owner: np.ndarray, started: np.ndarray, lat_deg: np.ndarray,
                      lon_deg: np.ndarray, n: int) -> np.ndarray:
    """Highest implied speed (km/h) between consecutive located sessions of each applicant;
    rows are sorted by owner, then time. Two or more located sessions all from one spot: 0."""
    located = ~np.isnan(lat_deg) & ~np.isnan(lon_deg)
    owner, started = owner[located], started[located]
    result = np.full(n, np.nan)
    if len(owner) == 0:
        return result
    same = owner[1:] == owner[:-1]
    lat = np.radians(lat_deg[located])
    lon = np.radians(lon_deg[located])
    dlat = lat[1:] - lat[:-1]
    dlon = lon[1:] - lon[:-1]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dlon / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    t = started / 3.6e12
    hours = np.maximum(t[1:] - t[:-1], MIN_TRAVEL_HOURS)
    speed = np.minimum(km / hours, MAX_REPORTED_KMH)
    best = np.full(n, -np.inf)
    np.maximum.at(best, owner[1:][same], speed[same])
    twice = np.bincount(owner, minlength=n) >= 2
    result[twice] = best[twice]
    return result
