"""Time-zone and rhythm signals: when the applicant works, against the zone they claim.

Activity is a 24-bin curve of session time by UTC hour. Its best-fit UTC offset is the offset
that lines it up with an ordinary working day; operators in Shenyang, Dandong, Pyongyang,
Vladivostok or Vientiane fit UTC+7..+10 whatever zone the profile claims.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.signals.zone_offsets import (
    offsets_hours,
    utc_nanoseconds,
    year_span,
    zone_offsets_hours,
)

MIN_SESSIONS_FOR_CURVE = 4
MIN_SESSIONS_FOR_WEEKS = 5
DEFAULT_SESSION_HOURS = 1.0
MAX_SESSION_HOURS = 16
OPERATOR_BAND = (7, 10)  # UTC offsets of DPRK operator hours (Vientiane .. Vladivostok)
OPERATOR_OFFSETS = np.arange(OPERATOR_BAND[0], OPERATOR_BAND[1] + 1)
# Working days at least this many hours from the operator band (UTC-11 .. UTC+4: the Americas,
# Europe, Africa, the Gulf) are the honest alternatives: a night shift worked from India or the
# Philippines for clients there fits one of them better than it fits Asian office hours.
ALTERNATIVE_OFFSETS = np.arange(OPERATOR_BAND[1] + 3 - 24, OPERATOR_BAND[0] - 3 + 1)
LLR_CLIP = 40.0
CANDIDATE_OFFSETS = np.arange(-12, 15)

# Relative activity by local hour in an ordinary working day.
WORKDAY_TEMPLATE = np.array(
    [0.05, 0.03, 0.02, 0.02, 0.02, 0.03, 0.1, 0.3, 0.6, 1.0, 1.0, 1.0,
     0.9, 1.0, 1.0, 1.0, 1.0, 0.9, 0.6, 0.5, 0.45, 0.35, 0.25, 0.1]
)
NIGHT_HOURS = slice(0, 6)

FEATURES = ("tz_night_share", "tz_offset_gap_hours", "tz_operator_hours_llr",
            "tz_browser_mismatch_share", "tz_ip_zone_gap_hours", "tz_hours_per_active_day",
            "tz_active_days_per_week")


def _circular_gap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    d = np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float)) % 24
    return np.minimum(d, 24 - d)


def activity_curves(sessions: pd.DataFrame, ids: pd.Index) -> np.ndarray:
    """Session hours per UTC hour of day, shape (len(ids), 24)."""
    curves = np.zeros((len(ids), 24))
    if sessions.empty:
        return curves
    row = ids.get_indexer(sessions["applicant_id"])
    known = row >= 0  # a session of nobody in ``ids`` must not land in the last row
    start = sessions["started_at"][known]
    hour0 = (start.dt.hour + start.dt.minute / 60).to_numpy(dtype=float)
    add_activity(curves, row[known], hour0, sessions["duration_s"].to_numpy(dtype=float)[known])
    return curves


def located_in_operator_band(sessions: pd.DataFrame, country_zones) -> np.ndarray:
    """Per session: True when it came from an IP that is not an anonymiser and lies in a country
    with a zone inside UTC+7..+10 at that moment.

    Such a session's hours are explained by where it was: a traveller working the local day in
    Bangkok or Tokyo, or an operator's leak from a Chinese line. Either way the hours add no
    evidence beyond the location, which the network signals already weigh (share outside the
    claimed country, share from CN/RU/KP/LA networks), so operator-hours evidence is taken from
    the other sessions only. Anonymised sessions say nothing about location and always count.
    """
    explained = np.zeros(len(sessions), dtype=bool)
    if sessions.empty or "country" not in sessions:
        return explained
    anonymous = (sessions["anonymised"].fillna(True).to_numpy(dtype=bool)
                 if "anonymised" in sessions else np.ones(len(sessions), dtype=bool))
    ns = utc_nanoseconds(sessions["started_at"])
    span = year_span(ns)
    codes, uniques = pd.factorize(sessions["country"])
    for code, country in enumerate(uniques):
        zones = list(dict.fromkeys(country_zones(country)))[:12]
        mask = (codes == code) & ~anonymous
        if not zones or not mask.any():
            continue
        offs = np.column_stack([zone_offsets_hours(ns[mask], z, span) for z in zones])
        explained[mask] = in_operator_band(offs).any(axis=1)
    return explained


def in_operator_band(offsets: np.ndarray) -> np.ndarray:
    """UTC offsets (hours) inside UTC+7..+10, half an hour either side; NaN is outside."""
    lo, hi = OPERATOR_BAND
    return (offsets >= lo - 0.5) & (offsets <= hi + 0.5)


def add_activity(curves: np.ndarray, row: np.ndarray, hour0: np.ndarray,
                 duration_s: np.ndarray) -> None:
    """Add each session's hours to ``curves[row]``: start hour ``hour0``, length ``duration_s``
    (NaN: the default length), spread over the UTC hours it covers."""
    dur = duration_s / 3600
    dur = np.where(np.isnan(dur), DEFAULT_SESSION_HOURS, np.clip(dur, 0.05, MAX_SESSION_HOURS))
    nbins = np.ceil(dur).astype(int)
    rep = np.repeat(np.arange(len(row)), nbins)
    step = np.arange(len(rep)) - np.repeat(np.cumsum(nbins) - nbins, nbins)
    bins = (np.floor(hour0[rep]).astype(int) + step) % 24
    weights = (dur / nbins)[rep]
    np.add.at(curves, (row[rep], bins), weights)


# Probability of activity by local hour: the working-day template with a floor, so that one
# odd session never counts as impossible.
_LOCAL_LOG_P = np.log((WORKDAY_TEMPLATE + 0.08) / (WORKDAY_TEMPLATE + 0.08).sum())


# Each fixed offset's log-probabilities by UTC hour, built once (the scoring API computes these
# for one applicant at a time, where building them per call cost more than the sums).
_OPERATOR_LOG_P = _LOCAL_LOG_P[(np.arange(24)[None, :] + OPERATOR_OFFSETS[:, None]) % 24]
_ALTERNATIVE_LOG_P = _LOCAL_LOG_P[(np.arange(24)[None, :] + ALTERNATIVE_OFFSETS[:, None]) % 24]
# Local hour h at offset o corresponds to UTC hour (h - o) mod 24.
_SHIFTED_TEMPLATES = np.stack([np.roll(WORKDAY_TEMPLATE, -o) for o in CANDIDATE_OFFSETS], axis=1)


def _log_likelihood(curves: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Log-likelihood of each curve's activity hours under a working day at ``offsets[i]``."""
    shift = np.round(np.nan_to_num(offsets)).astype(int)
    local_of_utc = (np.arange(24)[None, :] + shift[:, None]) % 24
    return (curves * _LOCAL_LOG_P[local_of_utc]).sum(axis=1)


def operator_hours_llr(curves: np.ndarray, claimed: np.ndarray) -> np.ndarray:
    """Evidence that activity follows UTC+7..+10 working hours rather than the claimed zone's
    or any honest alternative (a working day in ``ALTERNATIVE_OFFSETS``).

    Summed over session hours, so a handful of sessions gives weak evidence and months of them
    strong evidence. Zero when the claimed zone itself lies in the operator band, and never
    below zero: evidence *for* the claimed zone would be a bonus that an honest applicant who
    lives in UTC+7..+10 could never earn, so the claimed country would enter by itself. Without
    the alternatives, two poor fits would be compared: hours that fit neither the claimed zone
    nor the operator band (a night shift for American clients) would count as operator hours
    whenever their tail leaned east.
    """
    def best_of(log_p: np.ndarray) -> np.ndarray:
        # the products and sums _log_likelihood forms for one offset, per fixed offset
        return np.max(np.column_stack([(curves * row).sum(axis=1) for row in log_p]), axis=1)

    operator = best_of(_OPERATOR_LOG_P)
    llr = operator - np.maximum(_log_likelihood(curves, claimed), best_of(_ALTERNATIVE_LOG_P))
    lo, hi = OPERATOR_BAND
    in_band = (claimed >= lo - 0.5) & (claimed <= hi + 0.5)
    return np.clip(np.where(in_band, 0.0, llr), 0.0, LLR_CLIP)


def best_fit_offsets(curves: np.ndarray) -> np.ndarray:
    """The UTC offset (hours) that best aligns each curve with an ordinary working day."""
    scores = curves @ _SHIFTED_TEMPLATES  # (n, offsets)
    return CANDIDATE_OFFSETS[np.argmax(scores, axis=1)].astype(float)


def _claimed_zones(applicants: pd.DataFrame, sessions: pd.DataFrame,
                   best_fit: pd.Series, country_zones) -> tuple[pd.Series, pd.Series]:
    """Each applicant's claimed zone and its UTC offset at the median session time.

    Without a claimed zone, the claimed country's zone closest to the activity is taken, which
    gives the applicant the benefit of the doubt in countries with several zones.
    """
    ids = applicants["applicant_id"]
    median_t = sessions.groupby("applicant_id", sort=False)["started_at"].median()
    created = applicants["created_at"].set_axis(ids.index)
    # Without any session in the population the map yields floats, not timestamps.
    ref_t = pd.to_datetime(ids.map(median_t), utc=True).fillna(created) if len(median_t) else created
    zone = applicants["claimed_timezone"].astype(object).copy()
    offset = pd.Series(np.nan, index=applicants.index)
    has_zone = zone.notna()
    if has_zone.any():
        offset[has_zone] = offsets_hours(ref_t[has_zone], zone[has_zone])
    missing = ~has_zone
    if missing.any():
        countries = applicants["claimed_country"].where(missing)
        for country, idx in countries.dropna().groupby(countries.dropna()).groups.items():
            zones = list(country_zones(country))[:12]
            if not zones:
                continue
            t = utc_nanoseconds(ref_t[idx])
            offs = np.column_stack([zone_offsets_hours(t, z, year_span(t)) for z in zones])
            target = best_fit.reindex(ids[idx]).to_numpy(dtype=float)
            gaps = _circular_gap(offs, np.nan_to_num(target)[:, None])
            pick = np.where(np.isnan(target), 0, np.argmin(gaps, axis=1))
            offset[idx] = offs[np.arange(len(idx)), pick]
            zone[idx] = np.asarray(zones, dtype=object)[pick]
    index = pd.Index(ids, name="applicant_id")
    return (pd.Series(zone.to_numpy(), index=index),
            pd.Series(offset.to_numpy(dtype=float), index=index))


def _ip_country_gaps(times: pd.Series, countries: pd.Series, claimed: np.ndarray,
                     country_zones) -> np.ndarray:
    """Per session: hours between the claimed offset and the nearest zone of the IP's country.

    The nearest zone, because a country database cannot tell Los Angeles from New York.
    """
    gaps = np.full(len(times), np.nan)
    ns = utc_nanoseconds(times)
    span = year_span(ns)
    codes, uniques = pd.factorize(countries)
    for code, country in enumerate(uniques):
        zones = list(dict.fromkeys(country_zones(country)))[:12]
        if not zones:
            continue
        mask = codes == code
        t = ns[mask]
        offs = np.column_stack([zone_offsets_hours(t, z, span) for z in zones])
        gaps[mask] = np.nanmin(_circular_gap(offs, claimed[mask][:, None]), axis=1)
    return gaps


def timezone_signals(applicants: pd.DataFrame, sessions: pd.DataFrame, country_zones) -> pd.DataFrame:
    """Per-applicant rhythm features. ``sessions`` must carry the IP ``country`` from geo lookup.

    ``country_zones(country) -> list[str]`` gives a country's IANA zones, most populous first.
    """
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    out = pd.DataFrame(index=ids, columns=list(FEATURES), dtype=float)
    # Each session's owner as a row number, found once: grouping by it instead of by the text
    # ids spares a factorisation of the ids per grouping (same groups, same order inside them).
    owner = ids.get_indexer(sessions["applicant_id"]) if len(sessions) else np.zeros(0, np.int64)
    counts = np.bincount(owner[owner >= 0], minlength=len(ids))
    curves = activity_curves(sessions, ids)
    enough = counts >= MIN_SESSIONS_FOR_CURVE
    best = np.where(enough, best_fit_offsets(curves), np.nan)
    best_s = pd.Series(best, index=ids)
    claimed_zone, claimed = _claimed_zones(applicants.reset_index(drop=True), sessions, best_s,
                                           country_zones)
    claimed_arr = claimed.reindex(ids).to_numpy(dtype=float)

    # Night share: activity between 00:00 and 06:00 in the claimed zone.
    shift = np.nan_to_num(np.round(claimed_arr)).astype(int)
    utc_hours = (np.arange(24)[None, :] - shift[:, None]) % 24  # local hour h -> UTC bin
    local = np.take_along_axis(curves, utc_hours, axis=1)
    total = curves.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        night = local[:, NIGHT_HOURS].sum(axis=1) / total
    ok = enough & ~np.isnan(claimed_arr)
    out["tz_night_share"] = np.where(ok, night, np.nan)
    out["tz_offset_gap_hours"] = np.where(ok, _circular_gap(best, claimed_arr), np.nan)
    has_activity = (counts > 0) & ~np.isnan(claimed_arr)
    unexplained = ~located_in_operator_band(sessions, country_zones)
    operator_curves = activity_curves(sessions[unexplained], ids) if not unexplained.all() else curves
    out["tz_operator_hours_llr"] = np.where(has_activity, operator_hours_llr(operator_curves, claimed_arr),
                                            np.nan)
    out["_best_offset"] = best
    out["_claimed_offset"] = claimed_arr

    if not sessions.empty:
        known = owner >= 0
        s = sessions[["started_at", "browser_timezone", "duration_s"]][known].reset_index(drop=True)
        s["_owner"] = owner[known]
        # The claimed zone's offset at each session's own time (daylight saving included).
        s_claimed = offsets_hours(s["started_at"],  # zone names stay objects: no Arrow copy
                                  pd.Series(claimed_zone.to_numpy(dtype=object)[owner[known]],
                                            dtype=object))
        # Offsets of the browser and IP zones at each session's own time.
        browser = offsets_hours(s["started_at"], s["browser_timezone"])
        gap_b = _circular_gap(browser, s_claimed)
        s["browser_mismatch"] = np.where(np.isnan(gap_b), np.nan, (gap_b >= 1).astype(float))
        s["ip_gap"] = _ip_country_gaps(s["started_at"],
                                       sessions["country"][known].reset_index(drop=True),
                                       s_claimed, country_zones)
        g = s.groupby("_owner", sort=False)
        out["tz_browser_mismatch_share"] = _by_id(g["browser_mismatch"].mean(), ids)
        out["tz_ip_zone_gap_hours"] = _by_id(g["ip_gap"].median(), ids)
        # Local calendar day in the claimed zone.
        local_t = s["started_at"].dt.tz_localize(None) + pd.to_timedelta(np.nan_to_num(s_claimed), unit="h")
        s["local_day"] = local_t.dt.floor("D")
        s["hours"] = s["duration_s"] / 3600
        per_day = s.groupby(["_owner", "local_day"], sort=False)["hours"].agg(["sum", "count"])
        per_day = per_day[per_day["count"] > 0]
        out["tz_hours_per_active_day"] = _by_id(per_day["sum"].groupby(level=0, sort=False).mean(),
                                                ids)
        days = s.groupby("_owner", sort=False)["local_day"].agg(["nunique", "min", "max"])
        span_weeks = np.maximum(1.0, ((days["max"] - days["min"]).dt.days + 1) / 7)
        per_week = days["nunique"] / span_weeks
        out["tz_active_days_per_week"] = _by_id(per_week, ids)
        few = pd.Series(counts < MIN_SESSIONS_FOR_WEEKS, index=ids)
        out.loc[few, ["tz_active_days_per_week", "tz_hours_per_active_day"]] = np.nan
    return out


def _by_id(values: pd.Series, ids: pd.Index) -> pd.Series:
    """A result grouped by owner row, relabelled with the owners' ids."""
    return pd.Series(values.to_numpy(), index=ids[values.index.to_numpy()])
