"""The work done on one chunk: pass 1 (read, validate, per-applicant signals, linking keys) and
pass 2 (features joined with the whole population's links, score, reasons).

Both are plain functions of plain data, so they run the same in this process or on a Dask
worker; neither touches the work folder (the driver spills and reads back).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from detector.batch.chunk_input import ChunkSource, raw_ids, raw_input
from detector.features.build import applicant_signals, assemble_features
from detector.features.catalogue import FEATURE_NAMES
from detector.io.arrow_jsonl import read_clean_chunk
from detector.io.population import Population
from detector.io.read_input import paused_gc
from detector.io.validate import validate_raw
from detector.linking.keyed_hash import keyed_hash
from detector.linking.population_links import LinkKeys, PopulationLinks, link_keys
from detector.model.rules_baseline import own_red_flags
from detector.sanctions.sdn_list import SdnList
from detector.scoring.score import score_features
from detector.settings import Settings
from detector.signals.payout import payout_signals
from detector.signals.session_geo import annotate_sessions

# Applicant columns pass 2 needs for evidence (resumes stay out of the spill).
EVIDENCE_COLUMNS = ["applicant_id", "created_at", "full_name", "email", "phone", "claimed_country",
                    "claimed_city", "claimed_timezone", "photo_phash", "github_url",
                    "hourly_rate_usd", "shipping_country", "agency_id", "label"]


@dataclass
class PassOne:
    """What pass 1 learns about one chunk; rows of ``keys`` count from the chunk's first."""

    index: int
    rejects: pd.DataFrame
    ids: pd.DataFrame  # readable raw ids with the line of their first copy (duplicate check)
    applicants: pd.DataFrame  # validated, EVIDENCE_COLUMNS
    sessions: pd.DataFrame  # validated and annotated with geo columns (evidence reads them)
    payouts: pd.DataFrame
    signals: pd.DataFrame  # per-applicant signals and context, indexed by applicant_id
    keys: LinkKeys
    agency_payouts: pd.DataFrame  # payouts of agency members: row, position, agency, account
    seconds: dict[str, float] = field(default_factory=dict)


_GEO_CACHE: dict[tuple, tuple] = {}


def _geo(settings: Settings, feeds=None):
    """One open GeoLookup per process, settings and feeds (a worker scores many chunks).

    ``feeds`` (:class:`detector.intel.active_feeds.ActiveFeeds`) are read by the driver and sent
    to the workers, so a worker without the data folder flags the same networks.
    """
    from detector.geo.geoip import GeoLookup

    key = (settings, id(feeds))
    if key not in _GEO_CACHE:
        if len(_GEO_CACHE) >= 4:
            _GEO_CACHE.pop(next(iter(_GEO_CACHE)))[1].close()
        _GEO_CACHE[key] = (feeds, GeoLookup.from_settings(settings, feeds))  # holds feeds: id stays valid
    return _GEO_CACHE[key][1]


def pass_one(source: ChunkSource, has_labels_table: bool, settings: Settings,
             earlier_ids: dict[str, int] | None = None, feeds=None) -> PassOne:
    """Validate the chunk and compute everything that does not depend on other applicants."""
    # The chunk's parsed records and frames hold no reference cycles; collections triggered
    # by their allocations alone cost ~6% of the chunk's time.
    with paused_gc():
        return _pass_one(source, has_labels_table, settings, earlier_ids, feeds)


def _pass_one(source: ChunkSource, has_labels_table: bool, settings: Settings,
              earlier_ids: dict[str, int] | None, feeds) -> PassOne:
    t0 = time.perf_counter()
    clean = read_clean_chunk(source.lines, earlier_ids) if source.lines is not None else None
    if clean is not None:
        loaded, raw = clean
        ids = raw_ids(raw)
    else:
        raw = raw_input(source, has_labels_table)
        ids = raw_ids(raw)
        loaded = validate_raw(raw, earlier_ids)
    del raw, clean
    population = loaded.population
    applicants = population.applicants.reset_index(drop=True)
    t1 = time.perf_counter()
    sessions = annotate_sessions(population.sessions, _geo(settings, feeds))
    signals = applicant_signals(applicants, sessions, population.payouts)
    t2 = time.perf_counter()
    keys = link_keys(applicants, sessions, population.payouts, population.proposals, settings,
                     applicants["label"].to_numpy(dtype=float))
    t3 = time.perf_counter()
    agency_payouts = _agency_payouts(applicants, population.payouts, settings)
    return PassOne(
        index=source.index, rejects=loaded.rejects, ids=ids,
        applicants=applicants[EVIDENCE_COLUMNS], sessions=sessions,
        payouts=population.payouts, signals=signals, keys=keys, agency_payouts=agency_payouts,
        seconds={"read_validate": t1 - t0, "signals": t2 - t1, "link_keys": t3 - t2},
    )


def _agency_payouts(applicants: pd.DataFrame, payouts: pd.DataFrame,
                    settings: Settings) -> pd.DataFrame:
    """Payout accounts of declared agency members as keyed hashes, for the one signal that
    looks across applicants (an agency's shared account); ``local`` = shared within the chunk."""
    agency = payouts["applicant_id"].map(pd.Series(applicants["agency_id"].to_numpy(),
                                                   index=applicants["applicant_id"]))
    position = np.flatnonzero(agency.notna().to_numpy())
    row = pd.Series(np.arange(len(applicants)), index=applicants["applicant_id"])
    frame = pd.DataFrame({
        "row": row.reindex(payouts["applicant_id"].iloc[position]).to_numpy(dtype=np.int64),
        "position": position.astype(np.int64),
        "agency": agency.iloc[position].to_numpy(dtype=object),
        "account": np.asarray(keyed_hash(payouts["account_ref"].iloc[position].tolist(),
                                         settings.hash_key, "payout"), dtype=np.int64)})
    frame["local"] = frame.groupby(["agency", "account"])["row"].transform("nunique") >= 2
    return frame


def corrected_signals(signals: pd.DataFrame, applicants: pd.DataFrame, payouts: pd.DataFrame,
                      agency_shared: np.ndarray | None) -> pd.DataFrame:
    """Signals with the payout family recomputed when an agency's shared account spans chunks.

    Only applicants holding an account shared across the whole population can change (a
    payout family depends on the applicant's own payouts alone, and an account shared within
    the chunk is shared in the population too), so only theirs are recomputed.
    """
    if agency_shared is None:
        return signals
    shared = np.asarray(agency_shared, dtype=bool)
    holders = payouts["applicant_id"].to_numpy(dtype=object)[shared]
    mine = payouts["applicant_id"].isin(holders).to_numpy()
    fixed = payout_signals(applicants[applicants["applicant_id"].isin(holders).to_numpy()],
                           payouts[mine], shared[mine])
    out = signals.copy()
    for column in fixed.columns:
        values = out[column].to_numpy(dtype=float, copy=True)
        values[out.index.get_indexer(fixed.index)] = fixed[column].to_numpy(dtype=float)
        out[column] = values
    return out


def own_risk(signals: pd.DataFrame) -> np.ndarray:
    """Hand-set red-flag score of each applicant's own signals (input of
    ``link_component_others_risk`` and ``agency_others_risk``). It reads no linking feature
    (``OWN_RULES``), so the link index computes it while its searches run."""
    features, _ = assemble_features(signals, pd.DataFrame(index=signals.index))
    return np.asarray(own_red_flags(features), dtype=float)


@dataclass
class PassTwoInput:
    """A chunk's spilled pass-1 data and its slice of the whole population's link index."""

    index: int
    first_row: int
    applicants: pd.DataFrame
    sessions: pd.DataFrame
    payouts: pd.DataFrame
    signals: pd.DataFrame
    link_features: pd.DataFrame
    others_risk: np.ndarray
    agency_others_risk: np.ndarray
    agency_shared: np.ndarray | None = None  # see corrected_signals
    pairs: pd.DataFrame | None = None  # the index's pairs touching this chunk (None: all)


@dataclass
class Screening:
    """What pass 2 needs to screen against the SDN list and record the feeds used."""

    sdn: SdnList | None = None  # None = screening off (no SDN feed loaded)
    name_threshold: float = 90.0
    feed_versions: dict[str, str] = field(default_factory=dict)


@dataclass
class LinkIndexView:
    """The parts of the link index evidence needs: pairs, components and ids of every row."""

    pairs: pd.DataFrame
    components: np.ndarray
    ids: np.ndarray

    def __post_init__(self) -> None:
        a = self.pairs["a"].to_numpy(dtype=np.int64)
        b = self.pairs["b"].to_numpy(dtype=np.int64)
        self._a_order = np.argsort(a, kind="stable")
        self._a_sorted = a[self._a_order]
        self._b_order = np.argsort(b, kind="stable")
        self._b_sorted = b[self._b_order]

    def pairs_touching(self, first: int, stop: int) -> pd.DataFrame:
        """Pairs with an end in rows ``[first, stop)``, in index order: what one chunk's evidence
        reads, found by binary search instead of a pass over every pair of the population."""
        positions = np.union1d(
            self._a_order[np.searchsorted(self._a_sorted, first):np.searchsorted(self._a_sorted, stop)],
            self._b_order[np.searchsorted(self._b_sorted, first):np.searchsorted(self._b_sorted, stop)])
        return self.pairs.iloc[positions]


def pass_two(chunk: PassTwoInput, index: LinkIndexView, model,
             screening: Screening | None = None) -> pd.DataFrame:
    """Scores of one chunk (OUTPUT.md columns and extensions; JSON columns as text)."""
    from detector.features.build import FeatureTable
    from detector.io.write_output import _as_json_text
    from detector.sanctions import screen
    from detector.scoring.score import reasons_to_json

    screening = screening or Screening()

    signals = corrected_signals(chunk.signals, chunk.applicants, chunk.payouts,
                                chunk.agency_shared)
    features, context = assemble_features(signals, chunk.link_features)
    features["link_component_others_risk"] = chunk.others_risk
    features["agency_others_risk"] = chunk.agency_others_risk
    features = features[list(FEATURE_NAMES)]
    population = Population(applicants=chunk.applicants, sessions=chunk.sessions,
                            payouts=chunk.payouts)
    table = FeatureTable(features=features, context=context,
                         sessions=chunk.sessions,
                         links=PopulationLinks(pairs=index.pairs if chunk.pairs is None else chunk.pairs,
                                               features=chunk.link_features,
                                               components=index.components))
    hits = None
    if screening.sdn is not None:
        hits = screen(chunk.applicants, chunk.payouts, screening.sdn,
                      name_threshold=screening.name_threshold)
    scored = score_features(table, population, model, sanctions_hits=hits,
                            feed_versions=screening.feed_versions, all_ids=index.ids,
                            first_row=chunk.first_row)
    out = scored.scores
    out["reasons"] = [reasons_to_json(r) for r in out["reasons"]]
    out["sanctions_hits"] = pd.Series([_as_json_text(v) for v in out["sanctions_hits"].tolist()],
                                      index=out.index, dtype=object)
    out["feed_versions"] = _as_json_text(dict(screening.feed_versions))  # one value per run
    return out
