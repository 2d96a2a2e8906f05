"""All cross-applicant links of a population, and the linking features derived from them.

Links are concealed when two profiles share an identifier or near-identical content and do
not declare the same agency. Each link keeps its kind so reasons can name the evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.linking.components import component_features, component_labels, known_front_counts
from detector.linking.email_digits import (
    DIGIT_RUN_KINDS,
    beyond_chance,
    digit_run_keys,
    kind_length,
)
from detector.linking.keyed_hash import keyed_hash
from detector.linking.parallel_texts import PendingJobs, run_text_jobs, start_text_jobs
from detector.linking.photo_hash import near_photo_pairs
from detector.linking.shared_identifiers import (
    drop_same_agency,
    key_spans,
    linked_counts,
    pairs_overlapping,
    pairs_sharing,
)
from detector.linking.text_similarity import BANDS, ROWS, minhash_signatures, near_duplicate_pairs
from detector.settings import Settings
from detector.signals.names import normalise_name

# Link kinds and the feature counting the other profiles each links to.
COUNT_FEATURES = {
    "payout": "link_payout_shared",
    "phone": "link_phone_shared",
    "email": "link_email_shared",
    "device": "link_device_shared",
    "residential_ip": "link_residential_ip_shared",
    "photo": "link_photo_reused",
}
EVIDENCE_KINDS = ("payout", "phone", "email", "device", "residential_ip", "resume", "photo")
# Links that join profiles into one network. Near-duplicate texts count as evidence for the two
# profiles but do not: honest people write alike too (templates, writing tools, a small field's
# vocabulary), and a chain of such chance matches would join strangers into "networks".
COMPONENT_KINDS = ("payout", "phone", "email", "device", "residential_ip", "photo")
MAX_PROPOSALS_PER_APPLICANT = 1  # the latest proposal: templates show in any one of them


@dataclass
class PopulationLinks:
    """Link pairs (row positions a < b, kind, similarity) and one feature row per applicant."""

    pairs: pd.DataFrame
    features: pd.DataFrame  # indexed by applicant_id
    components: np.ndarray


def _hash(values: pd.Series, key: bytes, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Row positions with a non-empty value and the keyed hashes of those values.

    Sessions repeat their IP and device many times: each distinct value is converted, tested
    and hashed once (a third of the rows at most) and the results are spread back by code.
    """
    codes, uniques = pd.factorize(values.reset_index(drop=True), use_na_sentinel=True)
    texts = pd.Series(uniques, dtype=values.dtype).astype(str)
    present = (texts.str.strip() != "").to_numpy(dtype=bool)
    unique_hashes = np.asarray(keyed_hash(texts.tolist(), key, kind), dtype=np.int64)
    kept = codes >= 0
    kept[kept] = present[codes[kept]]
    rows = np.flatnonzero(kept)
    return rows, unique_hashes[codes[rows]]


def _with_kind(pairs: pd.DataFrame, kind: str, similarity: float | np.ndarray = 1.0) -> pd.DataFrame:
    out = pairs[["a", "b"]].copy()
    out["kind"] = kind
    out["similarity"] = similarity if np.isscalar(similarity) else np.asarray(similarity)
    return out


def _different_identity(pairs: pd.DataFrame, norm_names: np.ndarray) -> pd.DataFrame:
    """Keep pairs whose profiles carry different names (or at least one missing name)."""
    if pairs.empty:
        return pairs
    a, b = norm_names[pairs["a"].to_numpy()], norm_names[pairs["b"].to_numpy()]
    return pairs[(a != b) | (a == "")]


_KEY_KINDS = ("payout", "phone", "email", "device", *DIGIT_RUN_KINDS)


@dataclass
class LinkKeys:
    """The compact inputs of linking, computed per applicant without looking at any other.

    Rows are positions in the whole population. Keys of consecutive chunks concatenated
    (:meth:`concat`) equal the keys of the whole population, so the batch path builds exactly
    the links of the in-memory path from keys spilled chunk by chunk.
    """

    applicants: pd.DataFrame  # per row: applicant_id, agency_id, norm_name, claimed_country,
    #                           label, photo_phash, has_email, has_resume, has_proposal
    identifiers: pd.DataFrame  # kind (index into _KEY_KINDS), row, key: keyed hashes
    ip_spans: pd.DataFrame  # key, owner, min, max: residential IP use per applicant
    holders: pd.DataFrame  # row, name: normalised payout holder names
    resume_rows: np.ndarray
    resume_signatures: np.ndarray  # MinHash of each non-empty resume, own name dropped
    proposal_rows: np.ndarray
    proposal_signatures: np.ndarray  # MinHash of the latest proposal

    @staticmethod
    def concat(parts: list[LinkKeys]) -> LinkKeys:
        return LinkKeys(
            applicants=pd.concat([p.applicants for p in parts], ignore_index=True),
            identifiers=pd.concat([p.identifiers for p in parts], ignore_index=True),
            ip_spans=pd.concat([p.ip_spans for p in parts], ignore_index=True),
            holders=pd.concat([p.holders for p in parts], ignore_index=True),
            resume_rows=np.concatenate([p.resume_rows for p in parts]),
            resume_signatures=np.concatenate([p.resume_signatures for p in parts]),
            proposal_rows=np.concatenate([p.proposal_rows for p in parts]),
            proposal_signatures=np.concatenate([p.proposal_signatures for p in parts]),
        )


def _signatures(texts: list[object], owner: np.ndarray,
                exclude: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Owner rows and MinHash signatures of the non-empty texts."""
    keep = [i for i, t in enumerate(texts) if isinstance(t, str) and t.strip()]
    signatures = minhash_signatures([str(texts[i]) for i in keep],
                                    exclude_tokens_per_text=[exclude[i] for i in keep])
    return np.asarray(owner, dtype=np.int64)[keep], signatures


def _text_pairs(owner: np.ndarray, signatures: np.ndarray, threshold: float,
                max_bucket: int) -> pd.DataFrame:
    """Applicant pairs with near-duplicate texts and their highest similarity."""
    empty = pd.DataFrame({"a": pd.Series(dtype=np.int64), "b": pd.Series(dtype=np.int64),
                          "similarity": pd.Series(dtype=float)})
    if len(owner) < 2:
        return empty
    found = near_duplicate_pairs(signatures, BANDS, ROWS, threshold, max_bucket)
    if found.empty:
        return empty
    a = owner[found["i"].to_numpy()]
    b = owner[found["j"].to_numpy()]
    df = pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b),
                       "similarity": found["similarity"].to_numpy(dtype=float)})
    df = df[df["a"] != df["b"]]
    return df.groupby(["a", "b"], as_index=False)["similarity"].max()


def link_keys(applicants: pd.DataFrame, sessions: pd.DataFrame, payouts: pd.DataFrame,
              proposals: pd.DataFrame, settings: Settings, known_labels: np.ndarray | None = None,
              first_row: int = 0) -> LinkKeys:
    """The linking keys of ``applicants`` (rows numbered from ``first_row``).

    ``sessions`` must be annotated (``anonymised`` column). Identifiers are only kept as keyed
    hashes; texts only as MinHash signatures.
    """
    n = len(applicants)
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    row_of = pd.Series(np.arange(n), index=ids)
    norm_names = np.array([normalise_name(x) for x in applicants["full_name"]], dtype=object)
    key = settings.hash_key
    identifiers: list[pd.DataFrame] = []

    def add(kind: str, owners: np.ndarray, hashes: np.ndarray) -> None:
        identifiers.append(pd.DataFrame({
            "kind": np.full(len(owners), _KEY_KINDS.index(kind), dtype=np.int8),
            "row": np.asarray(owners, dtype=np.int64) + first_row,
            "key": np.asarray(hashes, dtype=np.int64)}).drop_duplicates())

    pay_rows = row_of.reindex(payouts["applicant_id"]).to_numpy()
    rows, hashes = _hash(payouts["account_ref"].reset_index(drop=True), key, "payout")
    add("payout", pay_rows[rows], hashes)
    for kind in ("phone", "email"):
        rows, hashes = _hash(applicants[kind].reset_index(drop=True), key, kind)
        add(kind, rows, hashes)
    sess_rows = row_of.reindex(sessions["applicant_id"]).to_numpy()
    rows, hashes = _hash(sessions["device_id"].reset_index(drop=True), key, "device")
    add("device", sess_rows[rows], hashes)
    for kind, rows, hashes in digit_run_keys(applicants["email"], key):
        add(kind, rows, hashes)
    residential = (~sessions["anonymised"].to_numpy(dtype=bool)) if len(sessions) else np.zeros(0, bool)
    ips = sessions["ip"].reset_index(drop=True).where(residential)
    rows, hashes = _hash(ips, key, "ip")
    # The times as a datetime array: to_numpy() would make 350,000 Timestamp objects per chunk.
    spans = key_spans(sess_rows[rows] + first_row, hashes, sessions["started_at"].array[rows])

    exclude = [name.split() for name in norm_names]
    props = proposals.sort_values("submitted_at", ascending=False, kind="stable")
    props = props[props.groupby("applicant_id", sort=False).cumcount() < MAX_PROPOSALS_PER_APPLICANT]
    prop_owner = row_of.reindex(props["applicant_id"]).to_numpy()
    (resume_rows, resume_sigs), (prop_rows, prop_sigs) = run_text_jobs([
        (_signatures, (list(applicants["resume_text"]), np.arange(n), exclude)),
        (_signatures, (list(props["text"]), prop_owner, [exclude[i] for i in prop_owner])),
    ], total_texts=n + len(props))

    holders = payouts[["applicant_id", "holder_name"]].dropna()
    labels = np.full(n, np.nan) if known_labels is None else np.asarray(known_labels, dtype=float)
    return LinkKeys(
        applicants=pd.DataFrame({
            "applicant_id": applicants["applicant_id"].to_numpy(dtype=object),
            "agency_id": applicants["agency_id"].to_numpy(dtype=object),
            "norm_name": norm_names,
            "claimed_country": applicants["claimed_country"].to_numpy(dtype=object),
            "label": labels,
            "photo_phash": applicants["photo_phash"].to_numpy(dtype=object),
            "has_email": applicants["email"].notna().to_numpy(),
            "has_resume": applicants["resume_text"].notna().to_numpy(),
            "has_proposal": np.isin(np.arange(n), prop_owner),
        }),
        identifiers=pd.concat(identifiers, ignore_index=True),
        ip_spans=spans,
        holders=pd.DataFrame({
            "row": row_of.reindex(holders["applicant_id"]).to_numpy(dtype=np.int64) + first_row,
            "name": [normalise_name(h) for h in holders["holder_name"]]}),
        resume_rows=resume_rows + first_row, resume_signatures=resume_sigs,
        proposal_rows=prop_rows + first_row, proposal_signatures=prop_sigs,
    )


def build_links(applicants: pd.DataFrame, sessions: pd.DataFrame, payouts: pd.DataFrame,
                proposals: pd.DataFrame, settings: Settings,
                known_labels: np.ndarray | None = None) -> PopulationLinks:
    """Links and linking features over every applicant in the population.

    ``sessions`` must be annotated (``anonymised`` column). ``known_labels`` (per applicant row,
    NaN unknown) feed ``link_known_fronts``; a profile's own label never counts.
    """
    keys = link_keys(applicants, sessions, payouts, proposals, settings, known_labels)
    return links_from_keys(keys, settings)


def _text_pairs_of(load: Callable[[], tuple[np.ndarray, np.ndarray]], threshold: float,
                   max_bucket: int) -> pd.DataFrame:
    return _text_pairs(*load(), threshold, max_bucket)


def _photo_pairs_of(load: Callable[[], list], max_bits: int, max_bucket: int) -> pd.DataFrame:
    return near_photo_pairs(load(), max_bits, max_bucket)


def search_jobs(resumes: Callable[[], tuple[np.ndarray, np.ndarray]],
                proposals: Callable[[], tuple[np.ndarray, np.ndarray]],
                photos: Callable[[], list], settings: Settings
                ) -> list[tuple[Callable[..., pd.DataFrame], tuple]]:
    """The three searches over the whole population (near-duplicate resumes and proposals,
    reused photos), for :func:`start_text_jobs`. Each input is a function that returns it
    (owner rows and MinHash signatures; photo hashes), called in the process that searches:
    the batch's search processes read their own inputs from its work folder while the
    driver reads the other keys."""
    return [
        (_text_pairs_of, (resumes, settings.resume_similarity_threshold, settings.hub_cap)),
        (_text_pairs_of, (proposals, settings.resume_similarity_threshold, settings.hub_cap)),
        (_photo_pairs_of, (photos, settings.photo_max_bit_distance, settings.photo_link_cap)),
    ]


def links_from_keys(keys: LinkKeys, settings: Settings,
                    meanwhile: Callable[[], None] | None = None,
                    searches: PendingJobs | None = None) -> PopulationLinks:
    """Links and linking features of the population whose keys are ``keys``.

    ``meanwhile`` is called once, while the text and photo searches run (in other processes
    for large populations; the batch reads the chunks' signals then); it must not need the
    links. ``searches``: the :func:`search_jobs` of this population, already started by the
    caller (then ``keys`` need not hold the signatures); ended here.
    """
    people = keys.applicants
    # The three searches over the whole population are independent of each other and of the
    # identifier links: for large populations they start first, on two cores at once (forked
    # processes; see start_text_jobs), while this process finds the identifier links and
    # does the caller's ``meanwhile`` work.
    if searches is None:
        searches = start_text_jobs(search_jobs(
            lambda: (keys.resume_rows, keys.resume_signatures),
            lambda: (keys.proposal_rows, keys.proposal_signatures),
            lambda: list(people["photo_phash"]), settings),
            total_texts=len(keys.resume_rows) + len(keys.proposal_rows))
    try:
        return _links_with_searches(keys, settings, searches, meanwhile)
    finally:
        searches.close()


def _links_with_searches(keys: LinkKeys, settings: Settings, searches: PendingJobs,
                         meanwhile: Callable[[], None] | None) -> PopulationLinks:
    people = keys.applicants
    n = len(people)
    ids = pd.Index(people["applicant_id"], name="applicant_id")
    agency = people["agency_id"].to_numpy(dtype=object)
    norm_names = people["norm_name"].to_numpy(dtype=object)
    parts: list[pd.DataFrame] = []

    def add(kind: str, pairs: pd.DataFrame) -> None:
        """Keep concealed pairs; identifier matches have similarity 1, texts their own.

        Concealed means between profiles that claim to be different people: not inside one
        declared agency, and not between two profiles of the same name (one person's second
        account, or two people whose address was derived from one common name).
        """
        pairs = _different_identity(drop_same_agency(pairs, agency), norm_names)
        if not pairs.empty:
            sim = pairs["similarity"].to_numpy() if "similarity" in pairs else 1.0
            parts.append(_with_kind(pairs, kind, sim))

    by_kind = dict(iter(keys.identifiers.groupby("kind", sort=False)))
    empty_keys = pd.DataFrame({"row": pd.Series(dtype=np.int64), "key": pd.Series(dtype=np.int64)})

    def identifier(kind: str) -> pd.DataFrame:
        return by_kind.get(_KEY_KINDS.index(kind), empty_keys)

    for kind in ("payout", "phone", "email", "device"):
        found = identifier(kind)
        add(kind, pairs_sharing(found["row"].to_numpy(), found["key"].to_numpy(), settings.hub_cap))
    # Without the key, an office line is the agency's only between profiles that declare it
    # (the store reads a line's users per IP, not their agencies).
    add("residential_ip", pairs_overlapping(keys.ip_spans, settings.hub_cap,
                                            settings.shared_ip_window_days,
                                            settings.farm_ip_min_share).drop(columns="key"))
    if meanwhile is not None:
        meanwhile()
    resume, proposal, photo = searches.results()
    add("resume", resume)
    add("proposal", proposal)
    add("photo", photo.rename(columns={"i": "a", "j": "b"})[["a", "b"]])

    pairs = (pd.concat(parts, ignore_index=True) if parts else
             pd.DataFrame({"a": pd.Series(dtype=np.int64), "b": pd.Series(dtype=np.int64),
                           "kind": pd.Series(dtype=object), "similarity": pd.Series(dtype=float)}))
    features = pd.DataFrame(index=ids)
    for kind, name in COUNT_FEATURES.items():
        features[name] = linked_counts(pairs[pairs["kind"] == kind], n)
    for kind in ("resume", "proposal"):
        sub = pairs[pairs["kind"] == kind]
        best = np.zeros(n)
        if len(sub):
            both = pd.DataFrame({"x": np.concatenate([sub["a"], sub["b"]]),
                                 "s": np.concatenate([sub["similarity"], sub["similarity"]])})
            mx = both.groupby("x")["s"].max()
            best[mx.index.to_numpy()] = mx.to_numpy()
        features[f"link_{kind}_max_similarity"] = np.where(
            people[f"has_{kind}"].to_numpy(dtype=bool), best, np.nan)
    features["link_resume_near_duplicates"] = np.where(
        people["has_resume"].to_numpy(dtype=bool),
        linked_counts(pairs[pairs["kind"] == "resume"], n), np.nan)
    suffix = _digit_runs_beyond_chance([identifier(kind).assign(kind=kind) for kind in DIGIT_RUN_KINDS])
    suffix_pairs = _different_identity(drop_same_agency(
        pairs_sharing(suffix["row"].to_numpy(), suffix["key"].to_numpy(), settings.hub_cap), agency),
        norm_names)
    features["link_email_suffix_shared"] = np.where(people["has_email"].to_numpy(dtype=bool),
                                                    linked_counts(suffix_pairs, n), np.nan)
    kinds = np.zeros(n)
    for kind in EVIDENCE_KINDS:
        kinds += linked_counts(pairs[pairs["kind"] == kind], n) > 0
    features["link_evidence_kinds"] = kinds + (features["link_email_suffix_shared"].fillna(0) > 0)

    components = component_labels(pairs[pairs["kind"].isin(COMPONENT_KINDS)], n)
    comp = component_features(components, pd.Series(norm_names), keys.holders,
                              people["claimed_country"].to_numpy(dtype=object))
    comp.index = ids
    features = features.join(comp)
    features["link_known_fronts"] = known_front_counts(components,
                                                       people["label"].to_numpy(dtype=float))
    return PopulationLinks(pairs=pairs, features=features, components=components)


def _digit_runs_beyond_chance(held: list[pd.DataFrame]) -> pd.DataFrame:
    """The (row, key) holdings of digit runs whose sharing chance does not explain (see
    ``detector.linking.email_digits``); ``held``: one frame per run length, with its kind."""
    both = pd.concat(held, ignore_index=True).drop_duplicates(["kind", "row", "key"])
    if both.empty:
        return both
    holders = both.groupby("kind")["row"].transform("nunique").to_numpy()
    sharers = both.groupby(["kind", "key"])["row"].transform("size").to_numpy()
    length = both["kind"].map(kind_length).to_numpy()
    return both[beyond_chance(sharers, holders, length)]
