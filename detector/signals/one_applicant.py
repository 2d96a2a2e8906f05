"""Every per-applicant signal of one applicant, in plain Python over its few dozen sessions.

The frame signals (``network``, ``timezone_rhythm``, ``identity``, ``payout``, ``devices``)
are built for populations: grouped DataFrame operations whose fixed cost per call is tens of
milliseconds, which is all of the time when the scoring API scores one applicant. This module
computes the same values for one applicant with the same formulas and the same order of
arithmetic (pandas' compensated sums and means included), so the features, and thus scores,
bands and reasons, are identical; ``tests/api/test_fast_path_agreement.py`` checks this
against the frame path over the example population and a synthetic world.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from functools import lru_cache

import numpy as np
import pandas as pd

from detector.features.catalogue import FEATURE_NAMES
from detector.geo.countries import timezones as country_zones
from detector.geo.geoip import COLUMNS as GEO_COLUMNS
from detector.io.fast_records import CleanApplicant, is_missing
from detector.signals.account_history import one_applicant_account_history
from detector.signals.identity import email_digit_suffix, parse_phone
from detector.signals.names import name_similarity
from detector.signals.network import EARTH_RADIUS_KM, MAX_REPORTED_KMH, MIN_TRAVEL_HOURS
from detector.signals.session_geo import ANONYMISER_FLAGS, OPERATOR_COUNTRIES
from detector.signals.timezone_rhythm import (
    DEFAULT_SESSION_HOURS,
    MAX_SESSION_HOURS,
    MIN_SESSIONS_FOR_CURVE,
    MIN_SESSIONS_FOR_WEEKS,
    NIGHT_HOURS,
    OPERATOR_BAND,
    _circular_gap,
    best_fit_offsets,
    operator_hours_llr,
)
from detector.signals.zone_offsets import _valid_zone, zone_table

NAN = math.nan
_GEO = {name: i for i, name in enumerate(GEO_COLUMNS)}
_FLAG_POSITIONS = [_GEO[flag] for flag in ANONYMISER_FLAGS if flag in _GEO]
NS_PER_HOUR = 3_600_000_000_000
NS_PER_DAY = 24 * NS_PER_HOUR


@dataclass
class OneApplicantSignals:
    """Catalogue features (link features NaN: the store fills them) and evidence context."""

    features: dict[str, float]
    context: dict[str, object]  # _best_offset, _claimed_offset, _email_suffix, _phone_region
    geo: list[tuple]  # one geolocation row (GEO_COLUMNS) per session
    curve: np.ndarray  # (24,) session hours by UTC hour


# --------------------------------------------------------------------------- pandas' arithmetic
# A grouped sum or mean in pandas adds a group's values with ``np.add.reduceat`` when the
# group's rows are contiguous and the column holds no NaN, and with its compensated (Kahan)
# kernel otherwise; the last bits differ, so both are reproduced here.


def kahan_sum(values: Sequence[float]) -> float:
    """Sum as pandas' Cython grouped ``sum``/``mean`` kernels add (NaN skipped)."""
    total = compensation = 0.0
    for value in values:
        if value != value:
            continue
        y = value - compensation
        t = total + y
        compensation = t - total - y
        if compensation != compensation:
            compensation = 0.0
        total = t
    return total


def group_sum(values: Sequence[float], contiguous: bool = True) -> float:
    array = np.asarray(values, dtype=float)
    if not len(array):
        return 0.0
    if contiguous and not np.isnan(array).any():
        return float(np.add.reduceat(array, [0])[0])
    return kahan_sum(array.tolist())


def group_mean(values: Sequence[float]) -> float:
    """Mean of one applicant's rows (always contiguous), NaN skipped; NaN when none is known."""
    array = np.asarray(values, dtype=float)
    if not np.isnan(array).any():
        return float(np.add.reduceat(array, [0])[0] / float(len(array))) if len(array) else NAN
    present = [v for v in array.tolist() if v == v]
    return kahan_sum(present) / len(present) if present else NAN


def group_median(values: Sequence[float]) -> float:
    present = sorted(v for v in values if v == v)
    n = len(present)
    if not n:
        return NAN
    if n % 2:
        return present[n // 2]
    return (present[n // 2] + present[n // 2 - 1]) / 2


def _nunique(values: Sequence[object]) -> int:
    return len({v for v in values if not is_missing(v)})


# --------------------------------------------------------------------------- time zones


def offset_hours(moment: pd.Timestamp, zone: object) -> float:
    """``zone_offsets.offsets_hours`` for one instant: the zone's UTC offset, NaN if unknown.

    Read from the same per-year transition table as the frame path (a bisection in a cached
    list): converting each instant with ``zoneinfo`` cost a third of this module's time."""
    if not isinstance(zone, str) or not _valid_zone(zone):
        return NAN
    starts, hours = _transitions(zone, moment.year)
    return hours[bisect_right(starts, moment.value) - 1]


@lru_cache(maxsize=8192)
def _transitions(zone: str, year: int) -> tuple[list[int], list[float]]:
    """The zone's transition instants (UTC ns) and offsets (hours) covering ``year``."""
    starts, offsets = zone_table(zone, year, year)
    return starts.tolist(), (offsets / 3600).tolist()


def _median_instant(times: list[pd.Timestamp]) -> pd.Timestamp:
    """The median session time as pandas' grouped median gives it (on float nanoseconds)."""
    ns = np.asarray([t.value for t in times], dtype=np.int64)
    return pd.Timestamp(int(np.median(ns.astype(np.float64))), tz=UTC)


def activity_curve(starts: list[pd.Timestamp], durations: list[float]) -> np.ndarray:
    """``timezone_rhythm.activity_curves`` for one applicant (same bins, same order of adds)."""
    curve = [0.0] * 24
    for start, seconds in zip(starts, durations, strict=True):
        hours = seconds / 3600
        hours = DEFAULT_SESSION_HOURS if hours != hours else min(max(hours, 0.05), MAX_SESSION_HOURS)
        bins = math.ceil(hours)
        first, weight = start.hour, hours / bins  # whole hours: the floor of hour + minute / 60
        for step in range(bins):  # the frame path's bins in the same order: the same float sums
            curve[(first + step) % 24] += weight
    return np.asarray(curve)


def _claimed_zone(fields: dict, starts: list[pd.Timestamp], best: float) -> tuple[object, float]:
    """``timezone_rhythm._claimed_zones`` for one applicant: the zone and its offset."""
    ref = _median_instant(starts) if starts else fields["created_at"]
    zone = fields["claimed_timezone"]
    if zone is not None:
        return zone, offset_hours(ref, zone)
    zones = list(country_zones(fields["claimed_country"]))[:12]
    if not zones:
        return None, NAN
    offs = np.asarray([offset_hours(ref, z) for z in zones], dtype=float)
    if np.isnan(best):
        pick = 0
    else:
        pick = int(np.argmin(_circular_gap(offs, np.nan_to_num(best))))
    return zones[pick], float(offs[pick])


def _ip_zone_offsets(moment: pd.Timestamp, country: object) -> list[float]:
    """UTC offsets at ``moment`` of the IP country's zones (none for an unknown country)."""
    if is_missing(country):
        return []
    return [offset_hours(moment, z) for z in _ip_zones(country)]  # type: ignore[arg-type]


@lru_cache(maxsize=512)
def _ip_zones(country: str) -> tuple[str, ...]:
    """The (up to 12) zones of an IP country whose offsets the zone gap compares."""
    return tuple(dict.fromkeys(country_zones(country)))[:12]


def _gap(a: float, b: float) -> float:
    """``timezone_rhythm._circular_gap`` of two numbers, without NumPy's per-call cost (the
    same operations on the same doubles; NaN in, NaN out)."""
    d = abs(a - b) % 24
    return min(d, 24 - d)


def _in_operator_band(offsets: list[float]) -> bool:
    """``timezone_rhythm.in_operator_band(offsets).any()`` of one session's zone offsets."""
    lo, hi = OPERATOR_BAND
    return any(lo - 0.5 <= o <= hi + 0.5 for o in offsets)


def _ip_zone_gap(offsets: list[float], claimed: float) -> float:
    present = [g for g in (_gap(o, claimed) for o in offsets) if g == g]
    return min(present) if present else NAN


def timezone_features(fields: dict, sessions: list[dict], geo: list[tuple],
                      curve: np.ndarray) -> dict[str, object]:
    starts = [s["started_at"] for s in sessions]
    count = len(sessions)
    enough = count >= MIN_SESSIONS_FOR_CURVE
    best = float(best_fit_offsets(curve[None, :])[0]) if enough else NAN
    zone, claimed = _claimed_zone(fields, starts, best)
    out: dict[str, object] = {}
    shift = int(np.nan_to_num(np.round(claimed)))
    local = curve[(np.arange(24) - shift) % 24]
    total = curve.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        night = local[NIGHT_HOURS].sum() / total
    ok = enough and not math.isnan(claimed)
    out["tz_night_share"] = float(night) if ok else NAN
    out["tz_offset_gap_hours"] = float(_circular_gap(np.asarray(best), np.asarray(claimed))) if ok else NAN
    has_activity = count > 0 and not math.isnan(claimed)
    # Each session's IP-country zone offsets, once: the zone gap and the operator band read them.
    ip_offsets = [_ip_zone_offsets(s["started_at"], row[_GEO["country"]]) for s, row in zip(sessions, geo, strict=True)]
    # ``timezone_rhythm.located_in_operator_band``: not an anonymiser, a zone inside UTC+7..+10.
    explained = [not any(bool(row[i]) for i in _FLAG_POSITIONS) and _in_operator_band(offs)
                 for row, offs in zip(geo, ip_offsets, strict=True)]
    operator_curve = curve if not any(explained) else activity_curve(
        [s["started_at"] for s, e in zip(sessions, explained, strict=True) if not e],
        [s["duration_s"] for s, e in zip(sessions, explained, strict=True) if not e])
    out["tz_operator_hours_llr"] = (float(operator_hours_llr(operator_curve[None, :], np.asarray([claimed]))[0])
                                    if has_activity else NAN)
    out["_best_offset"] = best
    out["_claimed_offset"] = claimed
    for name in ("tz_browser_mismatch_share", "tz_ip_zone_gap_hours", "tz_hours_per_active_day",
                 "tz_active_days_per_week"):
        out[name] = NAN
    if not count:
        return out
    mismatch, ip_gap, local_days, hours = [], [], [], []
    for s, offs in zip(sessions, ip_offsets, strict=True):
        at_claim = offset_hours(s["started_at"], zone)
        gap = _gap(offset_hours(s["started_at"], s["browser_timezone"]), at_claim)
        mismatch.append(NAN if gap != gap else float(gap >= 1))
        ip_gap.append(_ip_zone_gap(offs, at_claim))
        shifted = s["started_at"].value + int(round((0.0 if at_claim != at_claim else at_claim) * NS_PER_HOUR))
        local_days.append(shifted - shifted % NS_PER_DAY)
        hours.append(s["duration_s"] / 3600)
    out["tz_browser_mismatch_share"] = group_mean(mismatch)
    out["tz_ip_zone_gap_hours"] = group_median(ip_gap)
    if count >= MIN_SESSIONS_FOR_WEEKS:
        by_day: dict[int, list[float]] = {}
        for day, h in zip(local_days, hours, strict=True):
            by_day.setdefault(day, []).append(h)
        codes = [list(by_day).index(day) for day in local_days]
        contiguous = all(a <= b for a, b in zip(codes, codes[1:], strict=False))
        has_nan = any(h != h for h in hours)  # the whole column decides pandas' path
        sums = [group_sum(v, contiguous and not has_nan) for v in by_day.values() if any(x == x for x in v)]
        out["tz_hours_per_active_day"] = group_mean(sums)
        span_days = (max(local_days) - min(local_days)) // NS_PER_DAY
        out["tz_active_days_per_week"] = len(by_day) / max(1.0, (span_days + 1) / 7)
    return out


# --------------------------------------------------------------------------- other families


def _haversine_speeds(located: list[tuple[pd.Timestamp, float, float]]) -> float:
    lat = np.radians(np.asarray([x[1] for x in located], dtype=float))
    lon = np.radians(np.asarray([x[2] for x in located], dtype=float))
    dlat = lat[1:] - lat[:-1]
    dlon = lon[1:] - lon[:-1]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dlon / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
    t = np.asarray([x[0].value for x in located], dtype=np.int64) / 3.6e12
    hours = np.maximum(t[1:] - t[:-1], MIN_TRAVEL_HOURS)
    return float(np.max(np.minimum(km / hours, MAX_REPORTED_KMH)))


def network_features(fields: dict, sessions: list[dict], geo: list[tuple]) -> dict[str, float]:
    names = ("net_anonymiser_share", "net_foreign_share", "net_operator_country_share",
             "net_early_operator_country", "net_distinct_countries", "net_distinct_asns",
             "net_home_asns", "net_max_travel_kmh")
    if not sessions:
        return dict.fromkeys(names, NAN)
    claimed = fields["claimed_country"]
    countries = [row[_GEO["country"]] for row in geo]
    anonymised = [float(any(bool(row[i]) for i in _FLAG_POSITIONS)) for row in geo]
    foreign = [NAN if is_missing(c) else float(c != claimed) for c in countries]
    operator = [NAN if is_missing(c) else float(c in OPERATOR_COUNTRIES and c != claimed) for c in countries]
    asns = [row[_GEO["asn"]] for row in geo]
    home_asns = [a for a, away, anon in zip(asns, foreign, anonymised, strict=True) if away == 0 and not anon]
    order = sorted(range(len(sessions)), key=lambda i: sessions[i]["started_at"].value)  # stable
    early = order[:max(1, math.ceil(len(order) / 5))]
    located = [(sessions[i]["started_at"], geo[i][_GEO["latitude"]], geo[i][_GEO["longitude"]])
               for i in order if geo[i][_GEO["latitude"]] == geo[i][_GEO["latitude"]]
               and geo[i][_GEO["longitude"]] == geo[i][_GEO["longitude"]]]
    return {
        "net_anonymiser_share": group_mean(anonymised),
        "net_foreign_share": group_mean(foreign),
        "net_operator_country_share": group_mean(operator),
        "net_early_operator_country": group_mean([operator[i] for i in early]),
        "net_distinct_countries": float(_nunique(countries)) if any(not is_missing(c) for c in countries) else NAN,
        "net_distinct_asns": float(_nunique(asns)) if any(not is_missing(a) for a in asns) else NAN,
        "net_home_asns": float(_nunique(home_asns)) if any(not is_missing(a) for a in home_asns) else NAN,
        "net_max_travel_kmh": _haversine_speeds(located) if len(located) >= 2 else NAN,
    }


def identity_features(fields: dict) -> dict[str, object]:
    invalid, voip, region = parse_phone(fields["phone"], fields["claimed_country"])
    email = fields["email"]
    suffix = email_digit_suffix(email)
    has_email = isinstance(email, str) and "@" in email
    return {
        "id_phone_invalid": float(invalid), "id_phone_voip": float(voip),
        "id_phone_region_mismatch": NAN if region is None else float(region != fields["claimed_country"]),
        "id_email_name_digits": float(suffix is not None) if has_email else NAN,
        "_email_suffix": suffix, "_phone_region": region,
    }


def payout_features(fields: dict, payouts: list[dict]) -> dict[str, float]:
    """``payout_signals`` for one applicant scored alone: no account is shared with another
    member of its agency, so the agency rule reduces to dropping holder names of members."""
    if not payouts:
        return {"pay_country_mismatch_share": NAN, "pay_holder_name_mismatch": NAN,
                "pay_crypto_share": NAN, "pay_method_count": 0.0}
    agency = fields["agency_id"]
    mismatch, crypto, similarity = [], [], []
    for p in payouts:
        country = p["account_country"]
        holder = None if agency is not None else p["holder_name"]
        mismatch.append(NAN if country is None else float(country != fields["claimed_country"]))
        crypto.append(float(p["method"] == "crypto"))
        similarity.append(name_similarity(holder, fields["full_name"]))
    known = [s for s in similarity if s == s]
    return {"pay_country_mismatch_share": group_mean(mismatch),
            "pay_holder_name_mismatch": 1 - max(known) if known else NAN,
            "pay_crypto_share": group_mean(crypto), "pay_method_count": float(len(payouts))}


def device_features(fields: dict, sessions: list[dict]) -> dict[str, float]:
    ship = fields["shipping_country"]
    return {"dev_remote_access_share": group_mean([s["remote_access"] for s in sessions]),
            "dev_shipping_mismatch": NAN if ship is None else float(ship != fields["claimed_country"])}


def one_applicant_signals(applicant: CleanApplicant, geo_rows: list[tuple]) -> OneApplicantSignals:
    """Features and context of one applicant scored alone (as the frame signals compute them
    for a population of that one applicant); ``geo_rows`` from ``GeoLookup.rows`` of its
    session IPs."""
    fields, sessions = applicant.fields, applicant.sessions
    curve = activity_curve([s["started_at"] for s in sessions], [s["duration_s"] for s in sessions])
    found: dict[str, object] = {}
    found.update(network_features(fields, sessions, geo_rows))
    found.update(timezone_features(fields, sessions, geo_rows, curve))
    found.update(identity_features(fields))
    found.update(payout_features(fields, applicant.payouts))
    found.update(device_features(fields, sessions))
    found.update(one_applicant_account_history(sessions, [row[_GEO["asn"]] for row in geo_rows]))
    features = {name: float(found[name]) if name in found else NAN for name in FEATURE_NAMES}  # type: ignore[arg-type]
    context = {name: value for name, value in found.items() if name.startswith("_")}
    return OneApplicantSignals(features=features, context=context, geo=geo_rows, curve=curve)
