"""What the store keeps of a population for linking, computed in bulk before any database work.

Everything here mirrors ``detector.linking.population_links``: the same normalisation, keyed
hashes, MinHash signatures and band keys, so a profile looked up in the store meets the same
candidates batch linking would give it. Raw identifiers stop here: only hashes leave.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from detector.io.population import Population
from detector.linking.email_digits import digit_run_keys
from detector.linking.keyed_hash import keyed_hash
from detector.linking.photo_hash import parse_photo_hashes
from detector.linking.population_links import MAX_PROPOSALS_PER_APPLICANT
from detector.linking.text_similarity import EMPTY_BAND_KEY, band_keys, minhash_signatures
from detector.settings import Settings
from detector.signals.names import normalise_name
from detector.signals.session_geo import ANONYMISER_FLAGS
from detector.signals.timezone_rhythm import activity_curves

#: Photo hashes are cut into 4 bands of 16 bits (multi-index hashing, as batch photo linking):
#: two hashes within d bits differ in at most d // 4 bits of some band, so a lookup probes each
#: band's value with up to d // 4 bits flipped (17 values per band for d = 6). Buckets hold
#: n / 65,536 profiles by chance: about 15 in a store of a million.
PHOTO_BANDS = 4


def photo_band_layout(bands: int = PHOTO_BANDS) -> list[tuple[int, int]]:
    widths = [64 // bands + (1 if band < 64 % bands else 0) for band in range(bands)]
    shifts = np.concatenate(([0], np.cumsum(widths)[:-1])).tolist()
    return list(zip(shifts, widths, strict=True))


def photo_band_values(value: int) -> list[tuple[int, int]]:
    """(band, value) keys of one unsigned 64-bit photo hash."""
    return [(band, (value >> shift) & ((1 << width) - 1))
            for band, (shift, width) in enumerate(photo_band_layout())]


def to_signed(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.uint64).view(np.int64)


@lru_cache(maxsize=1 << 16)
def _network(ip: object) -> str | None:
    """The /24 (IPv4) or /48 (IPv6) network of an address: coarse enough to keep (cached: an
    applicant's sessions repeat a few addresses)."""
    try:
        address = ipaddress.ip_address(str(ip))
    except ValueError:
        return None
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def _anonymiser_kind(sessions: pd.DataFrame) -> np.ndarray:
    """The first anonymiser flag set on each session (vpn, hosting, tor ...), else None."""
    kind = np.full(len(sessions), None, dtype=object)
    for flag in reversed(ANONYMISER_FLAGS):
        if flag in sessions.columns:
            on = sessions[flag].fillna(False).to_numpy(dtype=bool)
            kind[on] = flag.removeprefix("is_")
    return kind


@dataclass
class LinkMaterial:
    """Per population: what the store keeps and what lookups need, by applicant row."""

    applicants: pd.DataFrame  # one row per applicant: columns of the applicants table
    identifiers: pd.DataFrame  # row, kind, hash (distinct)
    sessions: pd.DataFrame  # row + columns of the sessions table
    payouts: pd.DataFrame  # row, method, account_hash, account_country
    text_keys: pd.DataFrame  # row, field, band_key (non-empty texts only)
    photo_keys: pd.DataFrame  # row, band, value
    resume_signatures: np.ndarray  # (n, 128) uint32; rows without a text are all EMPTY_SLOT
    proposal_signatures: np.ndarray
    has_resume_text: np.ndarray  # batch: resume_text not missing (features NaN otherwise)
    has_proposal: np.ndarray  # batch: applicant has a proposal row
    has_email: np.ndarray  # batch: email not missing (suffix count NaN otherwise)
    resume_linkable: np.ndarray  # a non-blank text with words: it has band keys
    proposal_linkable: np.ndarray


def _hashes(values: pd.Series, key: bytes, kind: str) -> tuple[np.ndarray, np.ndarray]:
    present = values.notna() & (values.astype(str).str.strip() != "")
    rows = np.flatnonzero(present.to_numpy())
    hashes = np.asarray(keyed_hash(values[present].astype(str).tolist(), key, kind), dtype=np.int64)
    return rows, hashes


def _text_material(texts: list[object], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Signatures, band keys and a 'has words' mask; blank texts get empty signatures."""
    n = len(texts)
    keep = [i for i, t in enumerate(texts) if isinstance(t, str) and t.strip()]
    signatures = np.full((n, 128), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    keys = np.full((n, 32), EMPTY_BAND_KEY, dtype=np.int64)
    if keep:
        sig = minhash_signatures([str(texts[i]) for i in keep],
                                 exclude_tokens_per_text=[names[i].split() for i in keep])
        signatures[keep] = sig
        keys[keep] = band_keys(sig)
    linkable = (keys != EMPTY_BAND_KEY).any(axis=1)
    return signatures, keys, linkable


def _latest_proposals(proposals: pd.DataFrame, ids: pd.Index) -> tuple[np.ndarray, list[object]]:
    props = proposals.sort_values("submitted_at", ascending=False)
    props = props[props.groupby("applicant_id", sort=False).cumcount() < MAX_PROPOSALS_PER_APPLICANT]
    text = pd.Series(list(props["text"]), index=props["applicant_id"].to_numpy())
    text = text[~text.index.duplicated()]
    has = ids.isin(text.index)
    return np.asarray(has, dtype=bool), [text.get(i) if h else None for i, h in zip(ids, has, strict=True)]


def link_material(population: Population, sessions: pd.DataFrame, settings: Settings) -> LinkMaterial:
    """Hashes, signatures, band keys and per-session facts of every applicant.

    ``sessions`` are the annotated sessions (``annotate_sessions``).
    """
    key = settings.hash_key
    apps = population.applicants.reset_index(drop=True)
    n = len(apps)
    ids = pd.Index(apps["applicant_id"])
    row_of = pd.Series(np.arange(n), index=ids)
    names = [normalise_name(x) for x in apps["full_name"]]
    name_hash = keyed_hash(names, key, "name")

    ident: list[pd.DataFrame] = []

    def add(kind: str, rows: np.ndarray, hashes: np.ndarray) -> None:
        ident.append(pd.DataFrame({"row": np.asarray(rows, dtype=np.int64), "kind": kind,
                                   "hash": np.asarray(hashes, dtype=np.int64)}))

    payouts = population.payouts.reset_index(drop=True)
    pay_rows = row_of.reindex(payouts["applicant_id"]).to_numpy(dtype=np.int64)
    rows, hashes = _hashes(payouts["account_ref"], key, "payout")
    add("payout", pay_rows[rows], hashes)
    account_hash = np.zeros(len(payouts), dtype=np.int64)
    account_hash[rows] = hashes
    for kind in ("phone", "email"):
        rows, hashes = _hashes(apps[kind], key, kind)
        add(kind, rows, hashes)
    sess = sessions.reset_index(drop=True)
    sess_rows = row_of.reindex(sess["applicant_id"]).to_numpy(dtype=np.int64)
    rows, hashes = _hashes(sess["device_id"], key, "device")
    add("device", sess_rows[rows], hashes)
    device_hash = np.zeros(len(sess), dtype=np.int64)
    device_hash[rows] = hashes
    for kind, rows, hashes in digit_run_keys(apps["email"], key):
        add(kind, rows, hashes)
    named = np.flatnonzero(np.asarray([bool(x) for x in names]))
    add("name", named, np.asarray(name_hash)[named])
    holders = payouts[["applicant_id", "holder_name"]].dropna()
    holder_names = [normalise_name(h) for h in holders["holder_name"]]
    holder_rows = row_of.reindex(holders["applicant_id"]).to_numpy(dtype=np.int64)
    keep = np.asarray([bool(h) for h in holder_names], dtype=bool)
    add("name", holder_rows[keep], keyed_hash([h for h, k in zip(holder_names, keep, strict=True) if k],
                                              key, "name"))
    identifiers = pd.concat(ident, ignore_index=True).drop_duplicates(ignore_index=True)

    ip_hash = keyed_hash(sess["ip"].tolist(), key, "ip") if len(sess) else np.zeros(0, np.int64)
    started = pd.to_datetime(sess["started_at"], utc=True).dt.tz_localize(None) if len(sess) \
        else pd.Series(dtype="datetime64[ns]")
    residential = ~sess["anonymised"].to_numpy(dtype=bool) if len(sess) else np.zeros(0, bool)
    ip_present = (sess["ip"].notna() & (sess["ip"].astype(str).str.strip() != "")).to_numpy() \
        if len(sess) else np.zeros(0, bool)
    stored_sessions = pd.DataFrame({
        "row": sess_rows,
        "started_at": started.to_numpy(),
        "ip_hash": np.asarray(ip_hash, dtype=np.int64),
        "network": [_network(ip) for ip in sess["ip"]],
        "asn": sess["asn"].to_numpy() if "asn" in sess else np.nan,
        "asn_org": sess["as_org"].to_numpy() if "as_org" in sess else None,
        "country": sess["country"].to_numpy() if "country" in sess else None,
        "anonymiser": _anonymiser_kind(sess),
        "residential": residential & ip_present,
        "device_hash": device_hash,
        "browser_timezone": sess["browser_timezone"].to_numpy(),
        "remote_access": sess["remote_access"].to_numpy(dtype=float),
        "duration_s": sess["duration_s"].to_numpy(dtype=float),
    })

    resume_sig, resume_keys, resume_linkable = _text_material(list(apps["resume_text"]), names)
    has_proposal, proposal_texts = _latest_proposals(population.proposals, ids)
    proposal_sig, proposal_keys, proposal_linkable = _text_material(proposal_texts, names)
    text_frames = []
    for field_name, keys in (("resume", resume_keys), ("proposal", proposal_keys)):
        r, b = np.nonzero(keys != EMPTY_BAND_KEY)
        text_frames.append(pd.DataFrame({"row": r.astype(np.int64), "field": field_name,
                                         "band_key": keys[r, b]}))
    text_keys = pd.concat(text_frames, ignore_index=True).drop_duplicates(ignore_index=True)

    photo_values, photo_present = parse_photo_hashes(list(apps["photo_phash"]))
    photo_frames = []
    prow = np.flatnonzero(photo_present)
    for band, (shift, width) in enumerate(photo_band_layout()):
        vals = (photo_values[prow] >> np.uint64(shift)) & np.uint64((1 << width) - 1)
        photo_frames.append(pd.DataFrame({"row": prow.astype(np.int64), "band": band,
                                          "value": vals.astype(np.int64),
                                          "photo_hash": to_signed(photo_values[prow])}))
    photo_keys = pd.concat(photo_frames, ignore_index=True)

    curves = activity_curves(sess, ids) if len(sess) else np.zeros((n, 24))
    photo_signed = to_signed(photo_values)
    created = pd.to_datetime(apps["created_at"], utc=True).dt.tz_localize(None)
    store_texts = settings.store_texts
    table = pd.DataFrame({
        "applicant_id": apps["applicant_id"].astype(str).to_numpy(),
        "created_at": created.to_numpy(),
        "full_name": apps["full_name"].to_numpy(),
        "claimed_country": apps["claimed_country"].to_numpy(),
        "claimed_city": apps["claimed_city"].to_numpy(),
        "claimed_timezone": apps["claimed_timezone"].to_numpy(),
        "hourly_rate_usd": apps["hourly_rate_usd"].to_numpy(dtype=float),
        "github_url": apps["github_url"].to_numpy(),
        "shipping_country": apps["shipping_country"].to_numpy(),
        "agency_id": apps["agency_id"].to_numpy(),
        "name_hash": np.asarray(name_hash, dtype=np.int64),
        "resume_text": apps["resume_text"].to_numpy() if store_texts else None,
        "proposal_text": np.asarray(proposal_texts, dtype=object) if store_texts else None,
        "resume_signature": [s.tobytes() if ok else None
                             for s, ok in zip(resume_sig, resume_linkable, strict=True)],
        "proposal_signature": [s.tobytes() if ok else None
                               for s, ok in zip(proposal_sig, proposal_linkable, strict=True)],
        "photo_hash": [int(v) if ok else None for v, ok in zip(photo_signed, photo_present, strict=True)],
        "activity_hours": [[round(float(x), 4) for x in c] for c in curves],
        "label": apps["label"].to_numpy(dtype=float),
    })
    stored_payouts = pd.DataFrame({"row": pay_rows, "method": payouts["method"].to_numpy(),
                                   "account_hash": account_hash,
                                   "account_country": payouts["account_country"].to_numpy()})
    return LinkMaterial(
        applicants=table, identifiers=identifiers, sessions=stored_sessions, payouts=stored_payouts,
        text_keys=text_keys, photo_keys=photo_keys, resume_signatures=resume_sig,
        proposal_signatures=proposal_sig,
        has_resume_text=apps["resume_text"].notna().to_numpy(), has_proposal=has_proposal,
        has_email=apps["email"].notna().to_numpy(),
        resume_linkable=resume_linkable, proposal_linkable=proposal_linkable)


# One residential IP of an applicant: keyed hash, first and last use, and the share of the
# applicant's residential sessions on it (farm links need a main connection on both sides).
IpSpan = tuple[int, pd.Timestamp, pd.Timestamp, float]


@dataclass
class RowFacts:
    """One applicant's part of ``LinkMaterial`` as plain Python values, for per-row lookups and writes."""

    applicant: dict
    identifiers: list[tuple[str, int]]
    sessions: list[dict]
    payouts: list[dict]
    text_keys: dict[str, list[int]]
    photo_keys: list[tuple[int, int]]
    residential_spans: list[IpSpan]  # ip hash, first and last use, share of residential sessions
    resume_signature: np.ndarray
    proposal_signature: np.ndarray
    has_resume_text: bool
    has_proposal: bool
    has_email: bool
    resume_linkable: bool
    proposal_linkable: bool


def _plain(value: object) -> object:
    """A database-ready Python value: NaN/NaT -> None, numpy scalars -> Python, naive datetimes."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else float(value)
    if isinstance(value, pd.Timestamp):
        return value.tz_convert(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).to_pydatetime()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _rows_of(frame: pd.DataFrame, n: int) -> list[list[dict]]:
    out: list[list[dict]] = [[] for _ in range(n)]
    columns = [c for c in frame.columns if c != "row"]
    for row, *values in frame[["row", *columns]].itertuples(index=False, name=None):
        out[int(row)].append({c: _plain(v) for c, v in zip(columns, values, strict=True)})
    return out


def row_facts(material: LinkMaterial) -> list[RowFacts]:
    """Split the material by applicant once, so each row's lookups and inserts touch no pandas."""
    n = len(material.applicants)
    identifiers: list[list[tuple[str, int]]] = [[] for _ in range(n)]
    for row, kind, value in material.identifiers[["row", "kind", "hash"]].itertuples(index=False, name=None):
        identifiers[int(row)].append((str(kind), int(value)))
    texts: list[dict[str, list[int]]] = [{"resume": [], "proposal": []} for _ in range(n)]
    for row, field_name, key in material.text_keys[["row", "field", "band_key"]].itertuples(index=False, name=None):
        texts[int(row)][field_name].append(int(key))
    photos: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for row, band, value in material.photo_keys[["row", "band", "value"]].itertuples(index=False, name=None):
        photos[int(row)].append((int(band), int(value)))
    sessions = _rows_of(material.sessions, n)
    spans: list[list[IpSpan]] = [[] for _ in range(n)]
    residential = material.sessions[material.sessions["residential"]]
    if len(residential):
        grouped = residential.groupby(["row", "ip_hash"])["started_at"].agg(["min", "max", "size"]).reset_index()
        grouped["share"] = grouped["size"] / grouped.groupby("row")["size"].transform("sum")
        for row, ip_hash, first, last, share in grouped[["row", "ip_hash", "min", "max", "share"]].itertuples(
                index=False, name=None):
            spans[int(row)].append((int(ip_hash), pd.Timestamp(first), pd.Timestamp(last), float(share)))
    payouts = _rows_of(material.payouts, n)
    applicants = [{c: _plain(v) for c, v in record.items()}
                  for record in material.applicants.to_dict("records")]
    return [RowFacts(applicant=applicants[i], identifiers=identifiers[i], sessions=sessions[i],
                     payouts=payouts[i], text_keys=texts[i], photo_keys=photos[i],
                     residential_spans=spans[i], resume_signature=material.resume_signatures[i],
                     proposal_signature=material.proposal_signatures[i],
                     has_resume_text=bool(material.has_resume_text[i]),
                     has_proposal=bool(material.has_proposal[i]), has_email=bool(material.has_email[i]),
                     resume_linkable=bool(material.resume_linkable[i]),
                     proposal_linkable=bool(material.proposal_linkable[i]))
            for i in range(n)]
