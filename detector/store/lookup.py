"""Link one applicant against the store with indexed lookups, as batch linking would.

For each applicant the result equals what ``detector.linking.population_links.build_links``
computes for it over (store population + that applicant) appended last: the same hub cap,
agency and different-identity rules, text and photo thresholds, and component statistics.
Every query is bounded by an index and by ``hub_cap``; nothing scans the population.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from detector.linking.email_digits import DIGIT_RUN_KINDS, beyond_chance, kind_length
from detector.linking.population_links import COMPONENT_KINDS, COUNT_FEATURES, EVIDENCE_KINDS
from detector.store.driver_sql import fetch_all, placeholders
from detector.store.material import PHOTO_BANDS, RowFacts, photo_band_layout, photo_band_values
from detector.store.schema import (
    Applicant,
    Identifier,
    StoredSession,
)
from detector.store.working_set import WorkingSet

LINKING_IDENTIFIERS = ("payout", "phone", "email", "device", *DIGIT_RUN_KINDS)
MAX_MEMBER_IDS = 50  # member ids carried for evidence sentences
MAX_PHOTO_CANDIDATES = 5000  # per band: a safety bound far above chance bucket sizes
MAX_REFRESH = 2000  # larger components keep members' stored risks (documented tolerance)


@dataclass
class Partner:
    pk: int
    applicant_id: str
    name_hash: int
    agency_id: str | None
    component_id: int


@dataclass
class MemberUpdate:
    """A component member's features and red-flag risk after the new applicant joined."""

    pk: int
    features: dict
    rules_risk: float
    risk_changed: bool = True  # differs from the stored one (only then is it written)


@dataclass
class StoreLinks:
    """One applicant's links into the store and its linking features."""

    features: dict[str, float]
    pairs: list[tuple[int, str, str, float]]  # (other pk, other applicant_id, kind, similarity)
    merge_components: set[int]  # component ids the applicant joins
    member_ids: list[str] = field(default_factory=list)  # other members (up to MAX_MEMBER_IDS)
    member_updates: list[MemberUpdate] = field(default_factory=list)


_BOUNDED: dict[tuple[str, int], str] = {}


def _bounded_sql(kind: str, count: int) -> str:
    """``count`` key lookups, each read up to its bound (``LIMIT``) from the lookup index, in one
    statement. (Leaving hub keys' holders out inside the database, with a window count, read
    fewer rows into Python but cost SQLite more than those rows cost: 0.6-0.8 ms against
    0.4 ms per applicant at a million profiles.)"""
    key = (kind, count)
    if key not in _BOUNDED:
        table, kind_column, value_column = (("identifiers", "kind", "hash") if kind == "identifier"
                                            else ("text_keys", "field", "band_key"))
        _BOUNDED[key] = " UNION ALL ".join(
            f"SELECT {i}, applicant_pk FROM (SELECT applicant_pk FROM {table} "
            f"WHERE {kind_column} = ? AND {value_column} = ? LIMIT ?) AS p{i}" for i in range(count))
    return _BOUNDED[key]


def _bounded_members(session: Session, kind: str, keys: list[tuple], cap: int,
                     exclude: int | None) -> dict[tuple, list[int]]:
    """For each (kind or field, value) key, the applicants holding it, read in one round trip
    with at most cap + 2 rows per key; keys held by more than ``cap`` profiles (counting the
    new one) map to nothing."""
    if not keys:
        return {}
    params: list[object] = []
    for a, b in keys:
        params += [a, int(b), cap + 2]
    found: dict[int, list[int]] = {i: [] for i in range(len(keys))}
    for i, pk in fetch_all(session, _bounded_sql(kind, len(keys)), params):
        if pk != exclude:
            found[i].append(pk)
    return {keys[i]: pks for i, pks in found.items() if pks and len(pks) + 1 <= cap}


def _partners(session: Session, pks: set[int]) -> dict[int, Partner]:
    if not pks:
        return {}
    rows = fetch_all(session, "SELECT pk, applicant_id, name_hash, agency_id, component_id FROM applicants "
                              f"WHERE pk IN ({placeholders(len(pks))})", list(pks))
    return {r[0]: Partner(*r) for r in rows}


def _ip_partners(session: Session, spans: list, cap: int, window_days: float, min_share: float,
                 exclude: int | None) -> set[int]:
    """Profiles that used one of the applicant's main residential IPs as a main one too, within
    the window (see ``pairs_overlapping``: an IP of more than ``cap`` profiles is a hub)."""
    found: set[int] = set()
    window = pd.Timedelta(days=window_days)
    for ip_hash, lo, hi, share in spans:
        if share < min_share:
            continue
        holders = [pk for (pk,) in fetch_all(
            session, "SELECT DISTINCT applicant_pk FROM sessions WHERE ip_hash = ? AND residential = ? LIMIT ?",
            [int(ip_hash), True, cap + 2]) if pk != exclude]
        if not holders or len(holders) + 1 > cap:
            continue
        rows = session.connection().execute(
            select(StoredSession.applicant_pk, func.min(StoredSession.started_at),
                   func.max(StoredSession.started_at), func.count())
            .where(StoredSession.ip_hash == int(ip_hash), StoredSession.residential.is_(True),
                   StoredSession.applicant_pk.in_(holders))
            .group_by(StoredSession.applicant_pk)).all()
        near = {pk: n for pk, first, last, n in rows
                if first is not None and not pd.isna(lo)
                and max(pd.Timestamp(first), lo) - min(pd.Timestamp(last), hi) <= window}
        if not near:
            continue
        totals = dict(session.connection().execute(
            select(StoredSession.applicant_pk, func.count())
            .where(StoredSession.applicant_pk.in_(list(near)), StoredSession.residential.is_(True))
            .group_by(StoredSession.applicant_pk)).all())
        found.update(pk for pk, n in near.items() if n / totals[pk] >= min_share)
    return found


@lru_cache(maxsize=4096)  # one shape per pair of list lengths: bounded in a long-running server
def _signatures_sql(counts: tuple[int, ...]) -> str:
    """The candidates' signatures from the narrow table, by its primary key: for each field only
    the profiles that share one of its band keys (one index probe per wanted signature)."""
    return " UNION ALL ".join(
        f"SELECT applicant_pk, field, signature FROM text_signatures WHERE field = ? "
        f"AND applicant_pk IN ({placeholders(n)})" for n in counts)


def _memory_buckets(memory: WorkingSet, keys: list[tuple[str, int]], cap: int,
                    exclude: int | None) -> dict[tuple, list[int]]:
    """``_bounded_members`` of text band keys from the working set: the same holders (all of
    them, where the SQL reads cap + 2; both leave out exactly the keys held by more than cap
    others, and a key with more than cap holders in all has more than cap others less one)."""
    out: dict[tuple, list[int]] = {}
    for field_name in {f for f, _ in keys}:
        mine = [k for f, k in keys if f == field_name]
        for key, holding in zip(mine, memory.text_holders(field_name, mine, cap), strict=True):
            if holding is None:
                continue
            pks = [pk for pk in holding if pk != exclude]
            if pks and len(pks) + 1 <= cap:
                out[(field_name, key)] = pks
    return out


def _text_partners(session: Session, texts: list[tuple[str, list[int], np.ndarray]], threshold: float,
                   cap: int, exclude: int | None, memory: WorkingSet | None = None) -> dict[str, dict[int, float]]:
    """For each text (field, band keys, signature): the profiles whose text of that field shares
    a (non-boilerplate) band key and is similar enough. Two statements for all the texts, or
    none with the working set in memory."""
    found: dict[str, dict[int, float]] = {field_name: {} for field_name, _, _ in texts}
    keys = [(f, k) for f, keys, _ in texts for k in keys]
    buckets = (_memory_buckets(memory, keys, cap, exclude) if memory is not None
               else _bounded_members(session, "text", keys, cap, exclude))
    wanted = {(pk, field_name) for (field_name, _), pks in buckets.items() for pk in pks}
    if not wanted:
        return found
    holders = {field_name: sorted({pk for pk, f in wanted if f == field_name}) for field_name in sorted(found)}
    holders = {field_name: pks for field_name, pks in holders.items() if pks}
    if memory is not None:
        pairs = [(pk, field_name, signature) for field_name, pks in holders.items()
                 for pk, signature in memory.signatures[field_name].get(pks)]
        if not pairs:
            return found
        rows = [(pk, field_name, b"") for pk, field_name, _ in pairs]
        others = np.stack([signature for _, _, signature in pairs])
    else:
        rows = fetch_all(session, _signatures_sql(tuple(len(pks) for pks in holders.values())),
                         [value for field_name, pks in holders.items() for value in (field_name, *pks)])
        if not rows:
            return found
        others = np.frombuffer(b"".join(blob for _, _, blob in rows), dtype=np.uint32).reshape(len(rows), -1)
    signature_of = {field_name: signature for field_name, _, signature in texts}
    mine = np.stack([signature_of[field_name] for _, field_name, _ in rows])
    similarities = (others == mine).mean(axis=1)
    for (pk, field_name, _), similarity in zip(rows, similarities, strict=True):
        if similarity >= threshold:
            found[field_name][pk] = float(similarity)
    return found


@cache
def _flip_masks(width: int, radius: int) -> tuple[int, ...]:
    masks = [0]
    for flips in range(1, radius + 1):
        masks += [sum(1 << bit for bit in bits) for bits in combinations(range(width), flips)]
    return tuple(masks)


@cache
def _photo_candidates_sql(probes: tuple[int, ...]) -> str:
    """Every band's probes in one statement, each band bounded on its own. The key rows carry
    the hash: the candidates are compared from the lookup index alone. A band over its bound
    keeps its lowest keys (without ``ORDER BY``, PostgreSQL would keep whichever rows it read
    first, and those move with every update and vacuum)."""
    return " UNION ALL ".join(
        f"SELECT applicant_pk, photo_hash FROM (SELECT applicant_pk, photo_hash FROM photo_keys "
        f"WHERE band = ? AND value IN ({placeholders(n)}) ORDER BY applicant_pk LIMIT ?) AS b{band}"
        for band, n in enumerate(probes))


@lru_cache(maxsize=256)
def _photo_holders_sql(values: int) -> str:
    return (f"SELECT photo_hash, COUNT(*) FROM applicants WHERE photo_hash IN ({placeholders(values)}) "
            "AND pk <> ? GROUP BY photo_hash")


def _photo_partners(session: Session, value: int | None, max_bits: int, cap: int,
                    exclude: int | None, memory: WorkingSet | None = None) -> set[int]:
    """Profiles whose photo hash is within ``max_bits`` bits; placeholder photos link nobody."""
    if value is None:
        return set()
    unsigned = value & 0xFFFFFFFFFFFFFFFF
    radius = max_bits // PHOTO_BANDS
    params: list[object] = []
    probes = []
    for (band, band_value), (_, width) in zip(photo_band_values(unsigned), photo_band_layout(), strict=True):
        masks = _flip_masks(width, radius)
        params += [band, *[band_value ^ mask for mask in masks], MAX_PHOTO_CANDIDATES]
        probes.append(len(masks))
    hashes: dict[int, int | None] | None = None
    if memory is not None:
        found = [memory.photo_candidates(band, [band_value ^ mask for mask in _flip_masks(width, radius)],
                                         MAX_PHOTO_CANDIDATES)
                 for (band, band_value), (_, width) in zip(photo_band_values(unsigned), photo_band_layout(),
                                                           strict=True)]
        if all(rows is not None for rows in found):
            hashes = dict(row for rows in found for row in rows or ())
    if hashes is None:
        hashes = dict(fetch_all(session, _photo_candidates_sql(tuple(probes)), params))
    hashes.pop(exclude if exclude is not None else -1, None)
    close = {pk: v for pk, v in hashes.items()
             if v is not None and ((v ^ value) & 0xFFFFFFFFFFFFFFFF).bit_count() <= max_bits}
    # how many profiles hold each close hash, and the applicant's own (a placeholder photo
    # shared by more than ``cap`` profiles links nobody), in one statement
    values = sorted(set(close.values()) | {value})
    counts = (memory.photo_hashes.counts(values, exclude) if memory is not None else
              {int(v): n for v, n in fetch_all(session, _photo_holders_sql(len(values)),
                                               [*values, exclude if exclude is not None else -1])
               if v is not None})
    if counts.get(value, 0) + 1 > cap:
        return set()
    return {pk for pk, v in close.items() if counts.get(v, 0) + (v == value) <= cap}


def _digit_runs_beyond_chance(session: Session, holders: dict[tuple, list[int]],
                              exclude: int | None) -> dict[tuple, list[int]]:
    """``holders`` without the digit runs whose sharing chance explains, judged as batch linking
    judges them over the store's population with the applicant in it (``email_digits``). The
    population count is read only for an applicant who shares a run, from the lookup index."""
    runs = [(kind, value) for kind, value in holders if kind in DIGIT_RUN_KINDS]
    if not runs:
        return holders
    kinds = sorted({kind for kind, _ in runs})
    others = dict(fetch_all(
        session, f"SELECT kind, count(*) FROM identifiers WHERE kind IN ({placeholders(len(kinds))}) "
                 "AND applicant_pk <> ? GROUP BY kind", [*kinds, exclude if exclude is not None else -1]))
    chance = beyond_chance(np.array([len(holders[run]) + 1 for run in runs]),
                           np.array([others.get(kind, 0) + 1 for kind, _ in runs]),
                           np.array([kind_length(kind) for kind, _ in runs]))
    dropped = {run for run, linked in zip(runs, chance, strict=True) if not linked}
    return {key: pks for key, pks in holders.items() if key not in dropped}


def _outside_agency_identifiers(holders: dict, partners: dict, my_agency: str | None) -> dict[str, set[int]]:
    """Per identifier kind, the holders linked through at least one identifier that is not a
    declared agency's own (see ``drop_same_agency``): an identifier is agency X's when two of its
    holders declare X, the applicant included."""
    out: dict[str, set[int]] = {k: set() for k in LINKING_IDENTIFIERS}
    for (kind, _), holding in holders.items():
        declared = Counter(partners[pk].agency_id for pk in holding
                           if pk in partners and partners[pk].agency_id is not None)
        for pk in holding:
            other = partners.get(pk)
            if other is None:
                continue
            theirs = (my_agency is None and other.agency_id is not None and declared[other.agency_id] >= 2)
            ours = (my_agency is not None and other.agency_id is None and declared[my_agency] >= 1)
            if not (theirs or ours):
                out[kind].add(pk)
    return out


def link_applicant(session: Session, facts: RowFacts, settings, exclude_pk: int | None = None,
                   memory: WorkingSet | None = None) -> StoreLinks:
    """Links and linking features of one applicant (``row_facts``) against the store.

    ``exclude_pk`` is the applicant's own row when it is rescored (it never links to itself).
    ``memory``: the text and photo lookups' rows in memory (``working_set``), kept up to date
    with the store by the caller.
    """
    if memory is not None:
        memory.catch_up(session)
    cap = settings.hub_cap
    me = facts.applicant
    my_agency = me["agency_id"] if isinstance(me["agency_id"], str) else None
    my_name = int(me["name_hash"])
    wanted = [(kind, value) for kind, value in facts.identifiers if kind in LINKING_IDENTIFIERS]
    holders = _digit_runs_beyond_chance(
        session, _bounded_members(session, "identifier", wanted, cap, exclude_pk), exclude_pk)
    by_kind: dict[str, set[int]] = {k: set() for k in LINKING_IDENTIFIERS}
    for (kind, _), holding in holders.items():
        by_kind[kind].update(holding)
    by_kind["residential_ip"] = _ip_partners(session, facts.residential_spans, cap,
                                             settings.shared_ip_window_days,
                                             settings.farm_ip_min_share, exclude_pk)
    texts = [(field_name, facts.text_keys[field_name], signature) for field_name, linkable, signature in (
        ("resume", facts.resume_linkable, facts.resume_signature),
        ("proposal", facts.proposal_linkable, facts.proposal_signature)) if linkable]
    similar = {"resume": {}, "proposal": {}, **_text_partners(
        session, texts, settings.resume_similarity_threshold, cap, exclude_pk, memory)}
    for field_name in ("resume", "proposal"):
        by_kind[field_name] = set(similar[field_name])
    photo = me["photo_hash"]
    by_kind["photo"] = _photo_partners(session, None if photo is None else int(photo),
                                       settings.photo_max_bit_distance,
                                       settings.photo_link_cap, exclude_pk, memory)

    partners = _partners(session, set().union(*by_kind.values()))
    open_holders = _outside_agency_identifiers(holders, partners, my_agency)
    kept: dict[str, set[int]] = {}
    for kind, pks in by_kind.items():
        keep = set()
        for pk in pks:
            other = partners.get(pk)
            if other is None:
                continue
            if my_agency is not None and other.agency_id == my_agency:
                continue  # a declared agency: not a concealed link
            if kind in LINKING_IDENTIFIERS and pk not in open_holders[kind]:
                continue  # only through identifiers a declared agency's members share
            if other.name_hash == my_name and other.name_hash != 0:
                continue  # the same name: one person's own material or second account
            keep.add(pk)
        kept[kind] = keep

    features: dict[str, float] = {}
    for kind, name in COUNT_FEATURES.items():
        features[name] = float(len(kept[kind]))
    for field_name, has in (("resume", facts.has_resume_text), ("proposal", facts.has_proposal)):
        sims = [similar[field_name][pk] for pk in kept[field_name]]
        features[f"link_{field_name}_max_similarity"] = (max(sims) if sims else 0.0) if has else np.nan
    features["link_resume_near_duplicates"] = float(len(kept["resume"])) if facts.has_resume_text else np.nan
    kept["email_suffix"] = set().union(*(kept.pop(kind) for kind in DIGIT_RUN_KINDS))
    features["link_email_suffix_shared"] = float(len(kept["email_suffix"])) if facts.has_email else np.nan
    kinds = sum(1 for kind in EVIDENCE_KINDS if kept[kind])
    features["link_evidence_kinds"] = float(kinds + (features["link_email_suffix_shared"] > 0))

    linked = set().union(*(kept[k] for k in COMPONENT_KINDS))
    components = {partners[pk].component_id for pk in linked}
    stats, updates = component_stats(session, components, facts, kept, similar)
    features.update(stats)
    features["agency_others_risk"] = agency_others_risk(session, my_agency, exclude_pk)
    members = [member for (member,) in fetch_all(
        session, f"SELECT applicant_id FROM applicants WHERE component_id IN ({placeholders(len(components))}) "
                 "ORDER BY component_id, pk LIMIT ?", [*sorted(components), MAX_MEMBER_IDS])] if components else []
    pairs = [(pk, partners[pk].applicant_id, kind,
              similar[kind][pk] if kind in similar else 1.0)
             for kind in (*COUNT_FEATURES, "resume", "proposal") if kind in kept
             for pk in sorted(kept[kind])]
    return StoreLinks(features=features, pairs=pairs, merge_components=components,
                      member_ids=list(members), member_updates=updates)


def _summed(session: Session, column: str, order: str) -> str:
    """``sum(column)`` added up in ``order``: the order SQLite's index reads the rows in, which a
    float sum depends on to the last bit. PostgreSQL would add them in the order its plan
    happens to read them (rows on disk move with updates and vacuum): there it is spelt out."""
    if session.get_bind().dialect.name == "postgresql":
        return f"sum({column} ORDER BY {order})"
    return f"sum({column})"


def agency_others_risk(session: Session, agency: str | None, exclude_pk: int | None) -> float:
    """Mean stored red-flag risk of the other profiles that declare ``agency`` (as
    ``features.build.agency_others_mean`` gives it in batch); NaN without an agency or others."""
    if agency is None:
        return np.nan
    sql = f"SELECT {_summed(session, 'rules_risk', 'rules_risk')}, count(rules_risk) FROM applicants WHERE agency_id = ?"
    params: list[object] = [agency]
    if exclude_pk is not None:
        sql += " AND pk <> ?"
        params.append(exclude_pk)
    ((total, count),) = fetch_all(session, sql, params)
    return float(total) / count if count and total is not None else np.nan


def _current_member_features(features: dict, pk: int, kept: dict[str, set[int]],
                             similar: dict[str, dict[int, float]], stats: dict[str, float],
                             fronts_with_me: float, label: float | None) -> dict:
    """A member's features once the new applicant has joined: what batch would now compute."""
    new = dict(features)
    for name in ("link_component_size", "link_component_distinct_names",
                 "link_component_distinct_countries"):
        new[name] = stats[name]
    new["link_known_fronts"] = fronts_with_me - (1.0 if label == 1.0 else 0.0)
    for kind, name in COUNT_FEATURES.items():
        if pk in kept[kind]:
            new[name] = (new.get(name) or 0.0) + 1.0
    if pk in kept["email_suffix"] and new.get("link_email_suffix_shared") is not None:
        new["link_email_suffix_shared"] += 1.0
    for kind in ("resume", "proposal"):
        if pk in kept[kind] and new.get(f"link_{kind}_max_similarity") is not None:
            name = f"link_{kind}_max_similarity"
            new[name] = max(new[name], similar[kind][pk])
    if pk in kept["resume"] and new.get("link_resume_near_duplicates") is not None:
        new["link_resume_near_duplicates"] += 1.0
    kinds = [COUNT_FEATURES[k] if k != "resume" else "link_resume_near_duplicates" for k in EVIDENCE_KINDS]
    new["link_evidence_kinds"] = float(sum((new.get(k) or 0.0) > 0 for k in kinds)
                                       + ((new.get("link_email_suffix_shared") or 0.0) > 0))
    return new


def component_stats(session: Session, components: set[int], facts: RowFacts,
                    kept: dict[str, set[int]], similar: dict[str, dict[int, float]]
                    ) -> tuple[dict[str, float], list[MemberUpdate]]:
    """Size, distinct names and countries, known fronts and others' risk of the joined component.

    Members' link features are brought up to date with the new applicant linked in, so the
    network features equal batch scoring's; their red-flag risks (own signals only) are
    recomputed from those features and so stay what they were.
    """
    from detector.model.rules_baseline import own_red_flags

    me = facts.applicant
    my_names = {value for kind, value in facts.identifiers if kind == "name"}
    my_country = me["claimed_country"] if isinstance(me["claimed_country"], str) else None
    my_label = me["label"]
    if not components:
        return {"link_component_size": 1.0, "link_component_distinct_names": float(len(my_names)),
                "link_component_distinct_countries": float(my_country is not None),
                "link_known_fronts": 0.0, "link_component_others_risk": np.nan}, []
    in_components = Applicant.component_id.in_(components)
    # Counted from the component index alone (``ix_applicants_component_members``), which
    # holds these columns: a huge network is never read row by row, only the index.
    size, fronts, risk_sum, risk_count = fetch_all(
        session, f"SELECT count(*), sum(CASE WHEN label = 1.0 THEN 1 ELSE 0 END), "
                 f"{_summed(session, 'rules_risk', 'component_id, pk')}, count(rules_risk) FROM applicants "
                 f"WHERE component_id IN ({placeholders(len(components))})", sorted(components))[0]
    members: Sequence[Any] = []
    if size > MAX_REFRESH:  # a huge component: counts in SQL, members' stored risks
        countries = set(session.connection().scalars(select(Applicant.claimed_country).distinct()
                                        .where(in_components, Applicant.claimed_country.is_not(None))).all())
        names = set(session.connection().scalars(select(Identifier.hash).distinct()
                                    .join(Applicant, and_(Applicant.pk == Identifier.applicant_pk, in_components))
                                    .where(Identifier.kind == "name")).all())
    else:
        # in component then pk order, as SQLite's component index reads them: the others' mean
        # risk below adds them up in this order, and PostgreSQL would otherwise return them in
        # the order of their row versions on disk, which updates and vacuum change (a last-bit
        # difference in the mean can move the score across a split of the model)
        members = session.connection().execute(
            select(Applicant.pk, Applicant.features, Applicant.label, Applicant.rules_risk,
                   Applicant.claimed_country).where(in_components)
            .order_by(Applicant.component_id, Applicant.pk)).all()
        countries = {m.claimed_country for m in members if m.claimed_country is not None}
        # by the members' keys: an index probe per member whatever the planner's statistics say
        names = {value for kind, value in fetch_all(
            session, f"SELECT kind, hash FROM identifiers WHERE applicant_pk IN ({placeholders(len(members))})",
            [m.pk for m in members]) if kind == "name"} if members else set()
    if my_country is not None:
        countries.add(my_country)
    stats = {
        "link_component_size": float(size + 1),
        "link_component_distinct_names": float(len(names | my_names)),
        "link_component_distinct_countries": float(len(countries)),
        "link_known_fronts": float(fronts or 0),
    }
    updates: list[MemberUpdate] = []
    if size > MAX_REFRESH:
        stats["link_component_others_risk"] = (float(risk_sum) / risk_count) if risk_count else np.nan
        return stats, updates
    fronts_with_me = float(fronts) + (1.0 if my_label == 1.0 else 0.0)
    fresh = [(m, _current_member_features(m.features, m.pk, kept, similar, stats, fronts_with_me, m.label))
             for m in members if m.features]
    if fresh:
        frame = pd.DataFrame([f for _, f in fresh]).astype(float)
        risks = np.asarray(own_red_flags(frame), dtype=float)
        updates = [MemberUpdate(pk=m.pk, features=f, rules_risk=float(r), risk_changed=m.rules_risk != float(r))
                   for (m, f), r in zip(fresh, risks, strict=True)]
    refreshed = {u.pk: u.rules_risk for u in updates}
    others = [refreshed.get(m.pk, m.rules_risk) for m in members]
    known = [r for r in others if r is not None and not np.isnan(r)]
    stats["link_component_others_risk"] = float(np.mean(known)) if known else np.nan
    return stats, updates
