"""All cross-applicant links of a population, and the linking features derived from them.

Links are concealed when two profiles share an identifier or near-identical content and do
not declare the same agency. Each link keeps its kind so reasons can name the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.linking.components import component_features, component_labels, known_front_counts
from detector.linking.keyed_hash import keyed_hash
from detector.linking.parallel_texts import run_text_jobs
from detector.linking.photo_hash import near_photo_pairs
from detector.linking.shared_identifiers import (
    drop_same_agency,
    linked_counts,
    pairs_sharing,
    pairs_sharing_in_period,
)
from detector.linking.text_similarity import similar_text_pairs
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
COMPONENT_KINDS = ("payout", "phone", "email", "device", "residential_ip", "resume", "photo")
MAX_PROPOSALS_PER_APPLICANT = 1  # the latest proposal: templates show in any one of them
YEAR_LIKE = range(1950, 2016)


@dataclass
class PopulationLinks:
    """Link pairs (row positions a < b, kind, similarity) and one feature row per applicant."""

    pairs: pd.DataFrame
    features: pd.DataFrame  # indexed by applicant_id
    components: np.ndarray


def _hash(values: pd.Series, key: bytes, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Row positions with a non-empty value and the keyed hashes of those values."""
    present = values.notna() & (values.astype(str).str.strip() != "")
    rows = np.flatnonzero(present.to_numpy())
    hashes = np.asarray(keyed_hash(values[present].astype(str).tolist(), key, kind), dtype=np.int64)
    return rows, hashes


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


def _text_pairs(texts: list[object], owner: np.ndarray, exclude: list[list[str]],
                threshold: float, max_bucket: int) -> pd.DataFrame:
    """Applicant pairs with near-duplicate texts and their highest similarity."""
    empty = pd.DataFrame({"a": pd.Series(dtype=np.int64), "b": pd.Series(dtype=np.int64),
                          "similarity": pd.Series(dtype=float)})
    keep = [i for i, t in enumerate(texts) if isinstance(t, str) and t.strip()]
    if len(keep) < 2:
        return empty
    found = similar_text_pairs([str(texts[i]) for i in keep], [exclude[i] for i in keep], threshold,
                               max_bucket=max_bucket)
    if found.empty:
        return empty
    keep_arr = np.asarray(keep)
    a = owner[keep_arr[found["i"].to_numpy()]]
    b = owner[keep_arr[found["j"].to_numpy()]]
    df = pd.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b),
                       "similarity": found["similarity"].to_numpy(dtype=float)})
    df = df[df["a"] != df["b"]]
    return df.groupby(["a", "b"], as_index=False)["similarity"].max()


def build_links(applicants: pd.DataFrame, sessions: pd.DataFrame, payouts: pd.DataFrame,
                proposals: pd.DataFrame, settings: Settings,
                known_labels: np.ndarray | None = None) -> PopulationLinks:
    """Links and linking features over every applicant in the population.

    ``sessions`` must be annotated (``anonymised`` column). ``known_labels`` (per applicant row,
    NaN unknown) feed ``link_known_fronts``; a profile's own label never counts.
    """
    n = len(applicants)
    ids = pd.Index(applicants["applicant_id"], name="applicant_id")
    row_of = pd.Series(np.arange(n), index=ids)
    agency = applicants["agency_id"].to_numpy(dtype=object)
    norm_names = np.array([normalise_name(x) for x in applicants["full_name"]], dtype=object)
    key = settings.hash_key
    parts: list[pd.DataFrame] = []

    def add(kind: str, pairs: pd.DataFrame) -> None:
        """Keep concealed pairs; identifier matches have similarity 1, texts their own."""
        pairs = drop_same_agency(pairs, agency)
        if not pairs.empty:
            sim = pairs["similarity"].to_numpy() if "similarity" in pairs else 1.0
            parts.append(_with_kind(pairs, kind, sim))

    pay_rows = row_of.reindex(payouts["applicant_id"]).to_numpy()
    rows, hashes = _hash(payouts["account_ref"].reset_index(drop=True), key, "payout")
    add("payout", pairs_sharing(pay_rows[rows], hashes, settings.hub_cap))
    rows, hashes = _hash(applicants["phone"].reset_index(drop=True), key, "phone")
    add("phone", pairs_sharing(rows, hashes, settings.hub_cap))
    rows, hashes = _hash(applicants["email"].reset_index(drop=True), key, "email")
    add("email", pairs_sharing(rows, hashes, settings.hub_cap))

    sess_rows = row_of.reindex(sessions["applicant_id"]).to_numpy()
    rows, hashes = _hash(sessions["device_id"].reset_index(drop=True), key, "device")
    add("device", pairs_sharing(sess_rows[rows], hashes, settings.hub_cap))
    residential = (~sessions["anonymised"].to_numpy(dtype=bool)) if len(sessions) else np.zeros(0, bool)
    ips = sessions["ip"].reset_index(drop=True).where(residential)
    rows, hashes = _hash(ips, key, "ip")
    add("residential_ip", pairs_sharing_in_period(
        sess_rows[rows], hashes, sessions["started_at"].to_numpy()[rows],
        settings.hub_cap, settings.shared_ip_window_days))

    exclude = [n.split() for n in norm_names]
    props = proposals.sort_values("submitted_at", ascending=False)
    props = props[props.groupby("applicant_id", sort=False).cumcount() < MAX_PROPOSALS_PER_APPLICANT]
    prop_owner = row_of.reindex(props["applicant_id"]).to_numpy()
    resume, proposal = run_text_jobs([
        (_text_pairs, (list(applicants["resume_text"]), np.arange(n), exclude,
                       settings.resume_similarity_threshold, settings.hub_cap)),
        (_text_pairs, (list(props["text"]), prop_owner, [exclude[i] for i in prop_owner],
                       settings.resume_similarity_threshold, settings.hub_cap)),
    ], total_texts=n + len(props))
    add("resume", _different_identity(resume, norm_names))
    add("proposal", _different_identity(proposal, norm_names))
    photo = near_photo_pairs(list(applicants["photo_phash"]), settings.photo_max_bit_distance,
                             max_bucket=settings.hub_cap)
    photo = photo.rename(columns={"i": "a", "j": "b"})[["a", "b"]]
    add("photo", _different_identity(photo, norm_names))

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
        has_text = (applicants["resume_text"].notna().to_numpy() if kind == "resume"
                    else np.isin(np.arange(n), prop_owner))
        features[f"link_{kind}_max_similarity"] = np.where(has_text, best, np.nan)
    features["link_resume_near_duplicates"] = np.where(
        applicants["resume_text"].notna().to_numpy(),
        linked_counts(pairs[pairs["kind"] == "resume"], n), np.nan)
    features["link_email_suffix_shared"] = _email_suffix_counts(applicants, agency, settings)
    kinds = np.zeros(n)
    for kind in COMPONENT_KINDS:
        kinds += linked_counts(pairs[pairs["kind"] == kind], n) > 0
    features["link_evidence_kinds"] = kinds + (features["link_email_suffix_shared"].fillna(0) > 0)

    # Proposal templates are widely shared by honest freelancers too, so near-duplicate
    # proposals are a feature but do not join profiles into one network.
    components = component_labels(pairs[pairs["kind"].isin(COMPONENT_KINDS)], n)
    holders = payouts[["applicant_id", "holder_name"]].dropna()
    holder_rows = pd.DataFrame({"row": row_of.reindex(holders["applicant_id"]).to_numpy(),
                                "name": [normalise_name(h) for h in holders["holder_name"]]})
    comp = component_features(components, pd.Series(norm_names), holder_rows,
                              applicants["claimed_country"].to_numpy(dtype=object))
    comp.index = ids
    features = features.join(comp)
    labels = np.full(n, np.nan) if known_labels is None else np.asarray(known_labels, dtype=float)
    features["link_known_fronts"] = known_front_counts(components, labels)
    return PopulationLinks(pairs=pairs, features=features, components=components)


def _email_suffix_counts(applicants: pd.DataFrame, agency: np.ndarray, settings: Settings) -> np.ndarray:
    """Other profiles whose webmail name+digits address ends in the same (non-year) digit run."""
    from detector.signals.identity import email_digit_suffix

    suffix = applicants["email"].map(email_digit_suffix)
    usable = suffix.map(lambda s: isinstance(s, str) and len(s) >= 3 and
                        not (len(s) == 4 and int(s) in YEAR_LIKE))
    n = len(applicants)
    has_email = applicants["email"].notna().to_numpy()
    rows = np.flatnonzero(usable.to_numpy(dtype=bool))
    if len(rows) == 0:
        return np.where(has_email, 0.0, np.nan)
    hashes = np.asarray(keyed_hash(suffix.iloc[rows].tolist(), settings.hash_key, "email_suffix"),
                        dtype=np.int64)
    pairs = drop_same_agency(pairs_sharing(rows, hashes, settings.hub_cap), agency)
    return np.where(has_email, linked_counts(pairs, n), np.nan)
