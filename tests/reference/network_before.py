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
    """Per-applicant network features from annotated sessions (see ``annotate_sessions``)."""
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    out = pd.DataFrame(index=ids)
    if sessions.empty:
        for col in ("net_anonymiser_share", "net_foreign_share", "net_operator_country_share",
                    "net_early_operator_country", "net_distinct_countries", "net_distinct_asns",
                    "net_home_asns", "net_max_travel_kmh"):
            out[col] = np.nan
        return out
    claimed = applicants.set_index("applicant_id")["claimed_country"]
    s = sessions[["applicant_id", "started_at", "country", "asn", "latitude", "longitude",
                  "anonymised"]].copy()
    s["claimed"] = s["applicant_id"].map(claimed)
    known_country = s["country"].notna()
    s["foreign"] = np.where(known_country, (s["country"] != s["claimed"]).astype(float), np.nan)
    operator = s["country"].isin(OPERATOR_COUNTRIES) & (s["country"] != s["claimed"])
    s["operator"] = np.where(known_country, operator.astype(float), np.nan)
    s["anonymised"] = s["anonymised"].astype(float)
    g = s.groupby("applicant_id", sort=False)
    out["net_anonymiser_share"] = g["anonymised"].mean()
    out["net_foreign_share"] = g["foreign"].mean()
    out["net_operator_country_share"] = g["operator"].mean()
    out["net_distinct_countries"] = g["country"].nunique()
    out["net_distinct_asns"] = g["asn"].nunique()
    home = s[(s["country"] == s["claimed"]).fillna(False).astype(bool) & (s["anonymised"] == 0)]
    home_g = home.groupby("applicant_id", sort=False)["asn"]
    out["net_home_asns"] = home_g.nunique().where(home_g.count() > 0).astype(float)
    out["net_early_operator_country"] = _early_share(s, "operator")
    out["net_max_travel_kmh"] = _max_travel_speed(s)
    # Applicants with sessions but no geolocated IP: distinct counts are unknown, not 0.
    located = g["country"].count()
    unlocated = located[located == 0].index
    out.loc[out.index.isin(unlocated), ["net_distinct_countries"]] = np.nan
    asn_known = g["asn"].count()
    out.loc[out.index.isin(asn_known[asn_known == 0].index), ["net_distinct_asns"]] = np.nan
    return out


def _early_share(s: pd.DataFrame, column: str) -> pd.Series:
    """Mean of ``column`` over each applicant's first fifth of sessions (at least one)."""
    ordered = s.sort_values(["applicant_id", "started_at"], kind="stable")
    rank = ordered.groupby("applicant_id", sort=False).cumcount()
    count = ordered.groupby("applicant_id", sort=False)["started_at"].transform("size")
    early = ordered[rank < np.maximum(1, np.ceil(count / 5))]
    return early.groupby("applicant_id", sort=False)[column].mean()


def _max_travel_speed(s: pd.DataFrame) -> pd.Series:
    """Highest implied speed (km/h) between consecutive located sessions of each applicant."""
    located = s[s["latitude"].notna() & s["longitude"].notna()]
    located = located.sort_values(["applicant_id", "started_at"], kind="stable")
    if located.empty:
        return pd.Series(dtype=float)
    same = located["applicant_id"].to_numpy()[1:] == located["applicant_id"].to_numpy()[:-1]
    lat = np.radians(located["latitude"].to_numpy(dtype=float))
    lon = np.radians(located["longitude"].to_numpy(dtype=float))
    dlat = lat[1:] - lat[:-1]
    dlon = lon[1:] - lon[:-1]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dlon / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    t = located["started_at"].to_numpy(dtype="datetime64[ns]").astype("int64") / 3.6e12
    hours = np.maximum(t[1:] - t[:-1], MIN_TRAVEL_HOURS)
    speed = np.minimum(km / hours, MAX_REPORTED_KMH)
    pair_ids = located["applicant_id"].to_numpy()[1:][same]
    speeds = pd.Series(speed[same], index=pair_ids)
    result = speeds.groupby(level=0, sort=False).max()
    # Applicants with two or more located sessions but all from one spot: speed 0.
    counts = located.groupby("applicant_id", sort=False).size()
    result = result.reindex(counts[counts >= 2].index)
    return result
