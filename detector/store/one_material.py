"""What the store keeps of a few applicants, built straight from validated records.

``material.link_material`` builds hashes, signatures and band keys for a population with
DataFrames, then ``row_facts`` splits them per applicant; for the one applicant of an API
request both together cost more than the store lookups. This module makes the same
:class:`RowFacts` directly from :class:`CleanApplicant` records and their geolocation rows,
with the same helpers (keyed hashes, MinHash, photo bands), so the store sees identical rows
(checked by ``tests/api/test_fast_path_agreement.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.io.fast_records import CleanApplicant, is_missing
from detector.linking.email_digits import digit_run_keys
from detector.linking.keyed_hash import keyed_hash
from detector.linking.photo_hash import parse_photo_hashes
from detector.linking.population_links import MAX_PROPOSALS_PER_APPLICANT
from detector.linking.text_similarity import EMPTY_BAND_KEY
from detector.settings import Settings
from detector.signals.names import normalise_name
from detector.signals.one_applicant import _FLAG_POSITIONS, _GEO
from detector.signals.session_geo import ANONYMISER_FLAGS
from detector.store.material import (
    IpSpan,
    RowFacts,
    _network,
    _plain,
    _text_material,
    photo_band_layout,
    to_signed,
)

_ANONYMISER_KINDS = [(_GEO[flag], flag.removeprefix("is_")) for flag in ANONYMISER_FLAGS if flag in _GEO]


def _present(value: object) -> bool:
    return not is_missing(value) and str(value).strip() != ""


def _naive(moment: pd.Timestamp) -> pd.Timestamp:
    return moment.tz_convert(None)


def _latest_proposal(applicant: CleanApplicant) -> str | None:
    """The newest proposal's text, ties broken as pandas' descending ``sort_values`` does."""
    proposals = applicant.proposals
    if not proposals:
        return None
    stamps = np.asarray([p["submitted_at"].value for p in proposals], dtype=np.int64)
    positions = np.arange(len(stamps))[::-1]
    order = positions[stamps[::-1].argsort(kind="quicksort")][::-1]
    return proposals[int(order[:MAX_PROPOSALS_PER_APPLICANT][0])]["text"]


def _identifiers(applicant: CleanApplicant, name: str, name_hash: int, key: bytes) -> list[tuple[str, int]]:
    fields = applicant.fields
    found: list[tuple[str, int]] = []

    def add(kind: str, values: list[str]) -> None:
        if values:
            found.extend((kind, int(h)) for h in keyed_hash(values, key, kind))

    add("payout", [str(p["account_ref"]) for p in applicant.payouts if _present(p["account_ref"])])
    for kind in ("phone", "email"):
        add(kind, [str(fields[kind])] if _present(fields[kind]) else [])
    add("device", [str(s["device_id"]) for s in applicant.sessions if _present(s["device_id"])])
    for kind, _, hashes in digit_run_keys([fields["email"]], key):
        found.extend((kind, int(h)) for h in hashes)
    if name:
        found.append(("name", name_hash))
    holders = [normalise_name(p["holder_name"]) for p in applicant.payouts if not is_missing(p["holder_name"])]
    add("name", [h for h in holders if h])
    return list(dict.fromkeys(found))


def _sessions(applicant: CleanApplicant, geo: list[tuple], key: bytes) -> list[dict]:
    sessions = applicant.sessions
    ip_hashes = keyed_hash([s["ip"] for s in sessions], key, "ip")
    devices = [s["device_id"] for s in sessions]
    present = [i for i, d in enumerate(devices) if _present(d)]
    device_hash = np.zeros(len(sessions), dtype=np.int64)
    if present:
        device_hash[present] = keyed_hash([str(devices[i]) for i in present], key, "device")
    out = []
    for i, (s, row) in enumerate(zip(sessions, geo, strict=True)):
        anonymised = any(bool(row[p]) for p in _FLAG_POSITIONS)
        kind = next((name for position, name in _ANONYMISER_KINDS if row[position]), None)
        out.append({
            "started_at": _plain(_naive(s["started_at"])), "ip_hash": int(ip_hashes[i]),
            "network": _network(s["ip"]), "asn": _plain(row[_GEO["asn"]]),
            "asn_org": _plain(row[_GEO["as_org"]]), "country": _plain(row[_GEO["country"]]),
            "anonymiser": kind, "residential": (not anonymised) and _present(s["ip"]),
            "device_hash": int(device_hash[i]), "browser_timezone": _plain(s["browser_timezone"]),
            "remote_access": _plain(s["remote_access"]), "duration_s": _plain(s["duration_s"]),
        })
    return out


def _residential_spans(sessions: list[dict], applicant: CleanApplicant) -> list[IpSpan]:
    """First and last use of each residential IP and its share of the residential sessions."""
    spans: dict[int, list] = {}
    for s, raw in zip(sessions, applicant.sessions, strict=True):
        if s["residential"]:
            moment = _naive(raw["started_at"])
            use = spans.setdefault(s["ip_hash"], [moment, moment, 0])
            use[0] = min(use[0], moment)
            use[1] = max(use[1], moment)
            use[2] += 1
    total = sum(use[2] for use in spans.values())
    return [(ip_hash, first, last, n / total) for ip_hash, (first, last, n) in sorted(spans.items())]


def one_row_facts(applicants: list[CleanApplicant], geo: list[list[tuple]], curves: list[np.ndarray],
                  settings: Settings) -> list[RowFacts]:
    """``row_facts(link_material(...))`` for validated records (``geo``/``curves`` per applicant)."""
    key = settings.hash_key
    names = [normalise_name(a.fields["full_name"]) for a in applicants]
    name_hashes = keyed_hash(names, key, "name")
    proposal_texts: list[object] = [_latest_proposal(a) for a in applicants]
    # resumes and proposals in one call (a text's signature does not depend on the others')
    n = len(applicants)
    signatures, band_keys, linkable = _text_material(
        [a.fields["resume_text"] for a in applicants] + proposal_texts, names + names)
    resume_sig, resume_keys, resume_linkable = signatures[:n], band_keys[:n], linkable[:n]
    proposal_sig, proposal_keys, proposal_linkable = signatures[n:], band_keys[n:], linkable[n:]
    photo_values, photo_present = parse_photo_hashes([a.fields["photo_phash"] for a in applicants])
    photo_signed = to_signed(photo_values)
    out = []
    for i, a in enumerate(applicants):
        fields = a.fields
        sessions = _sessions(a, geo[i], key)
        photo_keys = []
        if photo_present[i]:
            value = int(photo_values[i])
            photo_keys = [(band, (value >> shift) & ((1 << width) - 1))
                          for band, (shift, width) in enumerate(photo_band_layout())]
        row = {
            "applicant_id": str(fields["applicant_id"]), "created_at": _naive(fields["created_at"]),
            "full_name": fields["full_name"], "claimed_country": fields["claimed_country"],
            "claimed_city": fields["claimed_city"], "claimed_timezone": fields["claimed_timezone"],
            "hourly_rate_usd": fields["hourly_rate_usd"], "github_url": fields["github_url"],
            "shipping_country": fields["shipping_country"], "agency_id": fields["agency_id"],
            "name_hash": int(name_hashes[i]),
            "resume_text": fields["resume_text"] if settings.store_texts else None,
            "proposal_text": proposal_texts[i] if settings.store_texts else None,
            "resume_signature": resume_sig[i].tobytes() if resume_linkable[i] else None,
            "proposal_signature": proposal_sig[i].tobytes() if proposal_linkable[i] else None,
            "photo_hash": int(photo_signed[i]) if photo_present[i] else None,
            "activity_hours": [round(float(x), 4) for x in curves[i]],
            "label": fields["label"],
        }
        texts: dict[str, list[int]] = {}
        for field_name, keys in (("resume", resume_keys[i]), ("proposal", proposal_keys[i])):
            texts[field_name] = list(dict.fromkeys(int(k) for k in keys if k != EMPTY_BAND_KEY))
        out.append(RowFacts(
            applicant={c: _plain(v) for c, v in row.items()},
            identifiers=_identifiers(a, names[i], int(name_hashes[i]), key),
            sessions=sessions,
            payouts=[{"method": p["method"], "account_hash": int(keyed_hash([str(p["account_ref"])], key, "payout")[0])
                      if _present(p["account_ref"]) else 0, "account_country": _plain(p["account_country"])}
                     for p in a.payouts],
            text_keys=texts, photo_keys=photo_keys, residential_spans=_residential_spans(sessions, a),
            resume_signature=resume_sig[i], proposal_signature=proposal_sig[i],
            has_resume_text=fields["resume_text"] is not None, has_proposal=bool(a.proposals),
            has_email=fields["email"] is not None, resume_linkable=bool(resume_linkable[i]),
            proposal_linkable=bool(proposal_linkable[i])))
    return out
