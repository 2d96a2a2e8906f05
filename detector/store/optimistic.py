"""Optimistic scoring: link and score before the writer turn, check under it, redo if touched.

Store writes are serialised (one writer at a time, across server processes). Scoring a sign-up
mostly *reads*: the linking lookups, the component statistics, the model and the reasons; only
the applicant's rows, its links, the component merge and the score are written. A batch's
applicants are therefore scored first against a read snapshot, without the writer turn
(``draft``), while another process may be writing. Under the turn each draft is checked
against everything written since that snapshot: other processes' applicants (``fact_changes``
rows after the snapshot's ``seq``) and the applicants written before it in its own batch. If
none of them could change what its lookups read, the draft is written as it is; otherwise the
applicant is linked and scored again under the turn, as before. Either way every applicant gets
what scoring the requests one after another in commit order gives.

What a draft's result depends on (its ``Footprint``), and the written applicants that touch it:

- the holders of its linking identifiers, residential IPs, text band keys and photo band
  probes (hub keys included: a new holder can make a key a hub): an applicant written since
  that holds one of the same keys;
- the population count of an email digit run's kind, read when the applicant shares a run: an
  applicant written since with an identifier of that kind;
- the components it joins (their size, names, countries, known fronts, members' risks and
  stored features, member ids): an applicant written since whose component is now one of
  them, or one of its linked profiles now in another component (a merge);
- its declared agency's others' mean risk: read again under the turn and compared;
- any profile that existed at the snapshot and was written since (a rescore, an analyst's
  label): always a conflict, whatever it touched before or after.

A rescore (the applicant id already stored) is not drafted: it is scored under the turn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from detector.linking.email_digits import DIGIT_RUN_KINDS
from detector.store.driver_sql import fetch_all, placeholders
from detector.store.material import PHOTO_BANDS, RowFacts, photo_band_layout, photo_band_values


@dataclass(frozen=True)
class Written:
    """The lookup keys of one applicant written since a snapshot."""

    identifiers: frozenset[tuple[str, int]]
    ip_hashes: frozenset[int]
    text_keys: frozenset[tuple[str, int]]
    photo_keys: frozenset[tuple[int, int]]
    agency: str | None

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _ in self.identifiers)


def written_of(facts: RowFacts) -> Written:
    """What ``insert_row`` writes for ``facts``, as lookup keys."""
    agency = facts.applicant["agency_id"]
    return Written(identifiers=frozenset((kind, int(value)) for kind, value in facts.identifiers),
                   ip_hashes=frozenset(int(s["ip_hash"]) for s in facts.sessions),
                   text_keys=frozenset((f, int(k)) for f, keys in facts.text_keys.items() for k in keys),
                   photo_keys=frozenset((int(b), int(v)) for b, v in facts.photo_keys),
                   agency=agency if isinstance(agency, str) else None)


def read_written(session: Session, pks: list[int]) -> dict[int, Written]:
    """The lookup keys of applicants another writer stored, read back from the store."""
    if not pks:
        return {}
    marks = placeholders(len(pks))
    parts: dict[int, dict[str, set]] = {pk: {"i": set(), "ip": set(), "t": set(), "p": set()} for pk in pks}
    for pk, kind, value in fetch_all(
            session, f"SELECT applicant_pk, kind, hash FROM identifiers WHERE applicant_pk IN ({marks})", pks):
        parts[pk]["i"].add((kind, int(value)))
    for pk, ip_hash in fetch_all(
            session, f"SELECT applicant_pk, ip_hash FROM sessions WHERE applicant_pk IN ({marks})", pks):
        parts[pk]["ip"].add(int(ip_hash))
    for pk, field_name, key in fetch_all(
            session, f"SELECT applicant_pk, field, band_key FROM text_keys WHERE applicant_pk IN ({marks})", pks):
        parts[pk]["t"].add((field_name, int(key)))
    for pk, band, value in fetch_all(
            session, f"SELECT applicant_pk, band, value FROM photo_keys WHERE applicant_pk IN ({marks})", pks):
        parts[pk]["p"].add((int(band), int(value)))
    agencies = dict(fetch_all(session, f"SELECT pk, agency_id FROM applicants WHERE pk IN ({marks})", pks))
    return {pk: Written(identifiers=frozenset(p["i"]), ip_hashes=frozenset(p["ip"]), text_keys=frozenset(p["t"]),
                        photo_keys=frozenset(p["p"]), agency=agencies.get(pk)) for pk, p in parts.items()}


def _photo_probes(photo_hash: object, max_bits: int) -> frozenset[tuple[int, int]]:
    """Every (band, value) the photo lookup of ``_photo_partners`` probes."""
    from detector.store.lookup import _flip_masks

    if photo_hash is None:
        return frozenset()
    unsigned = int(photo_hash) & 0xFFFFFFFFFFFFFFFF  # type: ignore[call-overload]
    radius = max_bits // PHOTO_BANDS
    return frozenset((band, value ^ mask)
                     for (band, value), (_, width) in zip(photo_band_values(unsigned), photo_band_layout(),
                                                          strict=True)
                     for mask in _flip_masks(width, radius))


@dataclass(frozen=True)
class Footprint:
    """What one drafted applicant's lookups read (see the module docstring)."""

    identifiers: frozenset[tuple[str, int]]
    ip_hashes: frozenset[int]
    text_keys: frozenset[tuple[str, int]]
    photo_probes: frozenset[tuple[int, int]]
    counted_kinds: frozenset[str]  # digit-run kinds whose population count was read
    components: dict[int, int]  # linked profile -> its component at the snapshot
    agency: str | None
    agency_risk: float

    def touched_by(self, other: Written) -> bool:
        return bool(other.identifiers & self.identifiers or other.ip_hashes & self.ip_hashes
                    or other.text_keys & self.text_keys or other.photo_keys & self.photo_probes
                    or (self.counted_kinds and other.kinds & self.counted_kinds)
                    or (self.agency is not None and other.agency == self.agency))


def footprint(facts: RowFacts, found, settings) -> Footprint:
    """The keys ``link_applicant`` read for ``facts`` and what it found (``StoreLinks``)."""
    agency = facts.applicant["agency_id"]
    return Footprint(identifiers=frozenset((kind, int(value)) for kind, value in facts.identifiers
                                           if kind != "name"),
                     ip_hashes=frozenset(int(span[0]) for span in facts.residential_spans),
                     text_keys=frozenset((f, int(k)) for f, keys in facts.text_keys.items() for k in keys),
                     photo_probes=_photo_probes(facts.applicant["photo_hash"], settings.photo_max_bit_distance),
                     counted_kinds=frozenset(found.counted_kinds & set(DIGIT_RUN_KINDS)),
                     components=dict(found.linked_components),
                     agency=agency if isinstance(agency, str) else None,
                     agency_risk=float(found.features["agency_others_risk"]))


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def still_holds(session: Session, mark: Footprint, since: dict[int, Written], max_pk: int) -> bool:
    """Whether a draft with footprint ``mark`` gives what scoring it now would, given the
    applicants ``since`` written after its snapshot (``max_pk``: the largest pk stored then;
    a pk up to it was stored before and has been rewritten)."""
    if not since:
        return True
    if any(pk <= max_pk for pk in since) or any(mark.touched_by(other) for other in since.values()):
        return False
    if mark.components:
        wanted = sorted(set(mark.components) | set(since))
        now = dict(fetch_all(session, f"SELECT pk, component_id FROM applicants WHERE pk IN "
                                      f"({placeholders(len(wanted))})", wanted))
        joined = set(mark.components.values())
        if any(now.get(pk) != component for pk, component in mark.components.items()):
            return False  # a linked profile's component was merged into another
        if any(now.get(pk) in joined for pk in since):
            return False  # someone joined a component this applicant joins
    if mark.agency is not None:
        from detector.store.lookup import agency_others_risk

        if not _same(agency_others_risk(session, mark.agency, None), mark.agency_risk):
            return False
    return True
