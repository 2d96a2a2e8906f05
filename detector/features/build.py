"""The feature table: every signal family and the linking features, one row per applicant."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from detector.features.catalogue import FEATURE_NAMES
from detector.io.population import Population
from detector.linking.population_links import PopulationLinks, build_links
from detector.model.rules_baseline import own_red_flags
from detector.settings import Settings
from detector.signals.account_history import account_history_signals
from detector.signals.devices import device_signals
from detector.signals.identity import identity_signals
from detector.signals.network import network_signals
from detector.signals.payout import payout_signals
from detector.signals.session_geo import annotate_sessions
from detector.signals.timezone_rhythm import timezone_signals


def _empty_table(population: Population, geo) -> FeatureTable:
    """The feature table of a population with no applicants (every record was rejected)."""
    ids = pd.Index([], name="applicant_id", dtype=object)
    links = PopulationLinks(pairs=pd.DataFrame({"a": [], "b": [], "kind": [], "similarity": []}),
                            features=pd.DataFrame(index=ids), components=np.zeros(0, dtype=np.int64))
    return FeatureTable(features=pd.DataFrame(index=ids, columns=list(FEATURE_NAMES), dtype=float),
                        links=links, sessions=annotate_sessions(population.sessions, geo),
                        context=pd.DataFrame(index=ids))


def agency_others_mean(risk: np.ndarray, agency_ids: np.ndarray) -> np.ndarray:
    """Mean of ``risk`` over the other profiles that declare each profile's agency.

    Links inside a declared agency are not concealed, so a cell that declares one agency hides
    its shared accounts behind it; its members' own red flags still show. NaN without an agency
    or alone in it.
    """
    codes, _ = pd.factorize(pd.Series(np.asarray(agency_ids, dtype=object)))
    out = np.full(len(risk), np.nan)
    member = codes >= 0
    out[member] = others_mean(np.asarray(risk, dtype=float)[member], codes[member])
    return out


def others_mean(risk: np.ndarray, components: np.ndarray) -> np.ndarray:
    """Mean of ``risk`` over the other members of each profile's component (NaN alone).

    ``risk`` is the rules baseline over each member's own signals (``own_red_flags``: weights
    set from the red flags, not fitted), so no label reaches the feature. Its link rules are
    left out: the link that joined two profiles (a spouse's shared account) is already a
    feature of both, and counted again as each one's red flag it made a household look like a
    cell.
    """
    if len(risk) == 0:
        return risk
    total = np.bincount(components, weights=risk)
    count = np.bincount(components)
    others = count[components] - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(others > 0, (total[components] - risk) / others, np.nan)


@dataclass
class FeatureTable:
    """Model features (catalogue columns, NaN where unknown) and the context reasons need."""

    features: pd.DataFrame  # indexed by applicant_id, columns FEATURE_NAMES
    links: PopulationLinks
    sessions: pd.DataFrame  # annotated with geo columns
    context: pd.DataFrame  # per-applicant extras for evidence (phone region, email suffix)
    timings: dict[str, float] = field(default_factory=dict)


def build_features(population: Population, settings: Settings, geo,
                   known_labels: np.ndarray | None = None) -> FeatureTable:
    """Compute every feature of the catalogue for every applicant in ``population``.

    ``geo`` is an open :class:`detector.geo.geoip.GeoLookup`; ``known_labels`` (per applicant
    row, NaN unknown) are labels an analyst already decided, used only for linked-front counts.
    """
    timings: dict[str, float] = {}
    t = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal t
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - t
        t = now

    applicants = population.applicants.reset_index(drop=True)
    if applicants.empty:
        return _empty_table(population, geo)
    sessions = annotate_sessions(population.sessions, geo)
    lap("geolocation")
    signals = applicant_signals(applicants, sessions, population.payouts, lap)
    links = build_links(applicants, sessions, population.payouts, population.proposals,
                        settings, known_labels)
    lap("linking")
    features, context = assemble_features(signals, links.features)
    risk = np.asarray(own_red_flags(features), dtype=float)
    features["link_component_others_risk"] = others_mean(risk, links.components)
    features["agency_others_risk"] = agency_others_mean(risk, applicants["agency_id"].to_numpy())
    lap("linking")
    return FeatureTable(features=features, links=links, sessions=sessions, context=context,
                        timings=timings)


def applicant_signals(applicants: pd.DataFrame, sessions: pd.DataFrame, payouts: pd.DataFrame,
                      lap: Callable[[str], None] = lambda stage: None) -> pd.DataFrame:
    """Every signal that depends on the applicant alone (``sessions`` annotated), with context.

    The batch path computes these chunk by chunk: no other applicant changes them.
    """
    from detector.geo.countries import timezones as country_zones

    parts = [network_signals(applicants, sessions)]
    lap("network")
    parts.append(timezone_signals(applicants, sessions, country_zones))
    lap("timezone")
    parts.append(identity_signals(applicants))
    lap("identity")
    parts.append(payout_signals(applicants, payouts))
    parts.append(device_signals(applicants, sessions))
    parts.append(account_history_signals(applicants, sessions))
    lap("payout_devices")
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    return pd.concat([p.reindex(ids) for p in parts], axis=1)


def assemble_features(signals: pd.DataFrame,
                      link_features: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Catalogue features (before ``link_component_others_risk``) and context columns."""
    joined = pd.concat([signals, link_features.reindex(signals.index)], axis=1)
    features = joined.reindex(columns=list(FEATURE_NAMES)).astype(float)
    context = joined[[c for c in joined.columns if c.startswith("_")]]
    return features, context
