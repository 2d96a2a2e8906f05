"""Sanctions screening as a policy layer after the model: it raises bands, never the score.

A sanctions hit is a legal obligation, not a pattern to learn: the synthetic training data
holds no SDN identifiers and a model would weigh a listed wallet like any other feature. So
the calibrated ``score`` stays the model's probability, and a hit

- adds a ``SANCTIONS_MATCH`` reason per SDN entry (first in the list, contribution 0: it does
  not move the score) whose evidence names the entry, its programs, what matched and how;
- raises the band: an exact identifier (crypto address, email, email domain, phone, website)
  to at least ``high``, a fuzzy name hit to at least ``review`` (namesakes exist);
- is listed in the ``sanctions_hits`` output column (``None`` when no SDN feed is loaded, so
  "not screened" never reads as "screened, clean").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REASON_CODE = "SANCTIONS_MATCH"
EXACT_KINDS = frozenset({"crypto", "email", "email_domain", "phone", "website"})
BAND_ORDER = ("low", "review", "high")
FIELD_WORDS = {
    "full_name": "full name", "holder_name": "payout holder name", "email": "email address",
    "phone": "phone number", "website": "website", "github_url": "GitHub URL",
    "account_ref": "crypto payout address",
}
HIT_KEYS = ("ent_num", "sdn_name", "programs", "field", "value", "match_kind", "similarity")


def raise_bands(ids: np.ndarray, bands: np.ndarray, hits: pd.DataFrame) -> np.ndarray:
    """Bands after the policy: exact identifier hits -> at least high, name hits -> at least review."""
    if hits.empty:
        return bands
    exact = set(hits.loc[hits["match_kind"].isin(EXACT_KINDS), "applicant_id"])
    named = set(hits["applicant_id"]) - exact
    rank = {band: i for i, band in enumerate(BAND_ORDER)}
    out = bands.astype(object).copy()
    for row, aid in enumerate(ids):
        floor = "high" if aid in exact else "review" if aid in named else None
        if floor is not None and rank.get(out[row], 0) < rank[floor]:
            out[row] = floor
    return out


def _how(hit: dict) -> str:
    what = FIELD_WORDS.get(hit["field"], hit["field"])
    if hit["match_kind"] == "email_domain":
        return f"domain of the {what} {hit['value']!r} (exact match)"
    if hit["match_kind"] in EXACT_KINDS:
        return f"{what} {hit['value']!r} (exact match)"
    listed = {"alias": " to a listed alias", "name_initials": " with initials"}.get(hit["match_kind"], "")
    return f"{what} {hit['value']!r} (fuzzy name match{listed}, similarity {hit['similarity']:.0f}/100)"


def sanctions_reasons(hits: list[dict]) -> list[dict]:
    """One ``SANCTIONS_MATCH`` reason per SDN entry, exact identifier entries first."""
    by_entry: dict[int, list[dict]] = {}
    for hit in hits:
        by_entry.setdefault(int(hit["ent_num"]), []).append(hit)
    reasons = []
    for ent_num, entry_hits in sorted(by_entry.items(),
                                      key=lambda item: not any(h["match_kind"] in EXACT_KINDS for h in item[1])):
        first = entry_hits[0]
        programs = ", ".join(first["programs"]) or "no program given"
        exact = any(h["match_kind"] in EXACT_KINDS for h in entry_hits)
        advice = ("" if exact else "; a name alone can be a namesake: compare date of birth, "
                  "nationality and identifiers in the SDN entry before acting")
        reasons.append({
            "code": REASON_CODE, "contribution": 0.0,
            "evidence": (f"OFAC SDN entry {ent_num} {first['sdn_name']!r} (program {programs}) matches "
                         + "; ".join(_how(h) for h in entry_hits) + advice),
        })
    return reasons


def hits_by_applicant(hits: pd.DataFrame) -> dict[object, list[dict]]:
    """The output objects of each applicant's hits (keys HIT_KEYS; similarity 100 for exact)."""
    result: dict[object, list[dict]] = {}
    for record in hits.to_dict(orient="records"):
        item = {key: record[key] for key in HIT_KEYS if key in record}
        item["ent_num"] = int(record["ent_num"])
        item["programs"] = list(record["programs"])
        item["similarity"] = float(record["score"])
        result.setdefault(record["applicant_id"], []).append(item)
    return result
