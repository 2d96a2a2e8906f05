"""Screen applicants and payouts against an SDN list.

Names are matched fuzzily (word order, romanisation, initials, hyphenated given names) but only
when *every* token on both sides is accounted for, so that a short common name such as
"Kim Sang-woo" does not hit "KIM, Sang Man". Emails, domains, websites, phones and crypto
addresses are matched exactly after normalisation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz

from detector.sanctions.sdn_formats import (
    email_domain,
    normalise_crypto,
    normalise_email,
    normalise_phone,
    normalise_website,
)
from detector.sanctions.sdn_list import SdnList
from detector.signals.names import normalise_name

SCREEN_COLUMNS = ["applicant_id", "field", "value", "ent_num", "sdn_name", "programs", "match_kind", "score"]

NAME_MATCH_THRESHOLD = 90.0
"""Minimum name score (0-100) reported as a hit.

Chosen on the DPRK-related subset of the 2024-05-03 snapshot (492 entries, 523 names/aliases):
reordered, hyphenated, McCune-Reischauer/Revised-Romanisation and initialled variants of SDN
names score 93-100 (initials about 93, one typo in a long token 90-95), while 2,000 generated
common legitimate names (Korean both orders, Chinese, Western, Russian, Arabic, Indian,
Hispanic) give 0 hits: a 0.00 % false-match rate (tests/test_sanctions_screening.py asserts
< 1 %). The rate is the same from 80 to 95 because every token must be covered; the threshold
only decides how many typos and initials count. Against the full SDN list (all programs) 11 of
the 2,000 (0.55 %) hit, all exact namesakes such as "Zhang Wei": no name rule can clear those,
so treat a name-only hit as a lead for review, and identifier hits as strong evidence.

Re-measured with the scoring policy (issue 6) on the synthetic generator's 20,000 applicants of
seed 5 (full names plus 18,809 payout holder names): 3 applicants (0.015 %) hit the DPRK subset
at 85 and 90, 2 at 95 -- exact namesakes of SEMENOV, Roman (DPRK3) and "S. Choi", whose
initial covers CH'OE So'k-min's given name; against the whole list 133 (0.67 %) hit at 90.
Identifier false hits: none once country webmail domains are known (``WEBMAIL_DOMAINS``).
90 stays: lower adds nothing, 95 loses one-typo variants of real names.
"""
TOKEN_FUZZY_MIN = 85.0
"""Minimum rapidfuzz ratio for two different tokens (each at least 5 letters) to count as equal."""
INITIAL_SCORE = 90.0
PREFILTER_MIN = 50.0
"""rapidfuzz token_set_ratio below which a blocked candidate is not aligned at all."""

# Legal-form words carry no identity: "ACME CO., LTD." and "Acme Ltd" are the same entity.
_LEGAL_FORMS = frozenset({
    "co", "ltd", "llc", "inc", "corp", "corporation", "company", "limited", "the", "of", "and",
    "jsc", "ojsc", "pjsc", "ooo", "oao", "zao", "ao", "gmbh", "sa", "plc", "lp", "fze", "fzco",
    "pte", "pvt", "bhd", "sdn", "sarl", "srl", "bv", "ag", "trading",
})
# McCune-Reischauer (DPRK) vs Revised Romanisation: o/eo and u/eu spell the same vowels.
_KOREAN_VOWELS = (("eo", "o"), ("eu", "u"))
# Common alternative spellings of Korean syllables beyond detector.signals.names' table.
_KOREAN_VARIANTS = {"shim": "sim", "hyun": "hyon", "sung": "song", "young": "yong", "chul": "chol",
                    "joon": "jun", "hoon": "hun", "kwang": "gwang"}


def _tokens(name: object) -> list[str]:
    """Normalised tokens (detector.signals.names) with Korean vowel spellings unified."""
    text = name.replace("'", "").replace("\u2019", "") if isinstance(name, str) else name
    tokens = []
    for token in normalise_name(text).split():
        for long, short in _KOREAN_VOWELS:
            token = token.replace(long, short)
        tokens.append(_KOREAN_VARIANTS.get(token, token))
    return tokens


def _core(tokens: list[str]) -> list[str]:
    core = [t for t in tokens if t not in _LEGAL_FORMS]
    return core or tokens


def _remove_merged(side: list[str], other: list[str], sims: list[tuple[int, float]]) -> None:
    """A token on ``side`` equal to two tokens of ``other`` joined ("sangman" = "sang"+"man")."""
    for token in list(side):
        done = False
        for i, a in enumerate(other):
            for j, b in enumerate(other):
                if i != j and a + b == token:
                    side.remove(token)
                    for t in (a, b):
                        other.remove(t)
                    sims.append((len(token), 100.0))
                    done = True
                    break
            if done:
                break


def align_names(query: list[str], candidate: list[str]) -> tuple[float, bool]:
    """Score (0-100) of two token lists and whether initials were used; 0 unless all tokens match.

    Tokens pair up by exact equality, by joining two tokens (hyphenated given names), by fuzzy
    equality for long tokens, and by initials ("j" pairs with "jon"). At least one full token
    must pair exactly, so "J. Y." alone never matches.
    """
    q, c = list(query), list(candidate)
    sims: list[tuple[int, float]] = []
    for token in list(c):
        if token in q:
            q.remove(token)
            c.remove(token)
            sims.append((len(token), 100.0))
    _remove_merged(q, c, sims)
    _remove_merged(c, q, sims)
    for token in [t for t in c if len(t) >= 5]:
        best = max((u for u in q if len(u) >= 5), key=lambda u: fuzz.ratio(token, u), default=None)
        if best is not None and (ratio := fuzz.ratio(token, best)) >= TOKEN_FUZZY_MIN:
            q.remove(best)
            c.remove(token)
            sims.append((len(token), ratio))
    if not sims:
        return 0.0, False
    initials = False
    for side, other in ((q, c), (c, q)):
        for token in [t for t in side if len(t) == 1]:
            full = next((u for u in other if len(u) > 1 and u[0] == token), None)
            if full is not None:
                side.remove(token)
                other.remove(full)
                sims.append((len(full), INITIAL_SCORE))
                initials = True
    if q or c:
        return 0.0, False
    return sum(w * s for w, s in sims) / sum(w for w, _ in sims), initials


@dataclass
class NameIndex:
    """Inverted index token/prefix -> SDN name rows, so scoring touches only shared-token rows."""

    rows: list[tuple[int, str, str, tuple[str, ...]]] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, sdn: SdnList, sdn_types: frozenset[str]) -> NameIndex:
        index = cls()
        types = dict(zip(sdn.entries["ent_num"], sdn.entries["sdn_type"], strict=True))
        names = sdn.identifiers[sdn.identifiers["kind"].isin(["name", "alias"])]
        for ent_num, kind, raw in zip(names["ent_num"], names["kind"], names["raw"], strict=True):
            if types.get(ent_num) not in sdn_types:
                continue
            tokens = tuple(_core(_tokens(raw)))
            if not tokens:
                continue
            row = len(index.rows)
            index.rows.append((int(ent_num), kind, raw, tokens))
            for key in _keys(tokens):
                index.postings[key].append(row)
        return index

    def search(self, name: object, threshold: float = NAME_MATCH_THRESHOLD) -> list[tuple[int, str, str, float]]:
        """(ent_num, match_kind, sdn name as listed, score) of every row scoring >= threshold."""
        query = _core(_tokens(name))
        if not query:
            return []
        candidates = {row for key in _keys(query) for row in self.postings.get(key, ())}
        joined = " ".join(query)
        hits = []
        for row in candidates:
            ent_num, kind, raw, tokens = self.rows[row]
            if fuzz.token_set_ratio(joined, " ".join(tokens)) < PREFILTER_MIN:
                continue
            score, initials = align_names(query, list(tokens))
            if score >= threshold:
                hits.append((ent_num, "name_initials" if initials else kind, raw, round(score, 1)))
        return hits


def _keys(tokens: tuple[str, ...] | list[str]) -> set[str]:
    """Blocking keys: whole tokens and 3-letter prefixes (catches joined and misspelt tokens)."""
    return {k for t in tokens if len(t) > 1 for k in (t, "^" + t[:3])}


def _exact_index(sdn: SdnList) -> dict[tuple[str, str], list[int]]:
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    ids = sdn.identifiers
    for ent_num, kind, value in zip(ids["ent_num"], ids["kind"], ids["value"], strict=True):
        if kind not in ("name", "alias"):
            index[(kind, value)].append(int(ent_num))
    return index


def _column(table: pd.DataFrame, name: str) -> pd.Series:
    return table[name] if name in table.columns else pd.Series([None] * len(table), index=table.index)


_PERSON_TYPES = frozenset({"individual"})
_PARTY_TYPES = frozenset({"individual", "entity"})


def screen(applicants: pd.DataFrame, payouts: pd.DataFrame, sdn: SdnList,
           name_threshold: float = NAME_MATCH_THRESHOLD) -> pd.DataFrame:
    """One row per hit: ``applicant_id, field, value, ent_num, sdn_name, programs, match_kind, score``.

    ``full_name`` is matched against individuals (names and aliases), payout ``holder_name``
    against individuals and entities; email, email domain (not webmail), website / github_url
    host, phone digits and crypto ``account_ref`` (payout ``method == 'crypto'``) exactly.
    """
    people = NameIndex.build(sdn, _PERSON_TYPES)
    parties = NameIndex.build(sdn, _PARTY_TYPES)
    exact = _exact_index(sdn)
    names = dict(zip(sdn.entries["ent_num"], sdn.entries["name"], strict=True))
    programs = dict(zip(sdn.entries["ent_num"], sdn.entries["programs"], strict=True))
    hits: list[dict] = []

    def add(applicant_id: object, field_name: str, value: object, ent_num: int, kind: str, score: float) -> None:
        hits.append({"applicant_id": applicant_id, "field": field_name, "value": value, "ent_num": ent_num,
                     "sdn_name": names.get(ent_num, ""), "programs": list(programs.get(ent_num, [])),
                     "match_kind": kind, "score": score})

    def exact_hits(applicant_id: object, field_name: str, value: object, kind: str, key: str) -> None:
        if key:
            for ent_num in exact.get((kind, key), []):
                add(applicant_id, field_name, value, ent_num, kind, 100.0)

    ids = _column(applicants, "applicant_id")
    for aid, full_name in zip(ids, _column(applicants, "full_name"), strict=True):
        for ent_num, kind, _raw, score in people.search(full_name, name_threshold):
            add(aid, "full_name", full_name, ent_num, kind, score)
    for aid, email in zip(ids, _column(applicants, "email"), strict=True):
        exact_hits(aid, "email", email, "email", normalise_email(email))
        exact_hits(aid, "email", email, "email_domain", email_domain(email))
    for column in ("website", "github_url"):
        for aid, url in zip(ids, _column(applicants, column), strict=True):
            exact_hits(aid, column, url, "website", normalise_website(url))
    for aid, phone in zip(ids, _column(applicants, "phone"), strict=True):
        exact_hits(aid, "phone", phone, "phone", normalise_phone(phone))

    pids = _column(payouts, "applicant_id")
    for aid, holder in zip(pids, _column(payouts, "holder_name"), strict=True):
        for ent_num, kind, _raw, score in parties.search(holder, name_threshold):
            add(aid, "holder_name", holder, ent_num, kind, score)
    methods = _column(payouts, "method").astype("string").str.lower().fillna("")
    for aid, method, ref in zip(pids, methods, _column(payouts, "account_ref"), strict=True):
        if method == "crypto" and isinstance(ref, str):
            exact_hits(aid, "account_ref", ref, "crypto", normalise_crypto(re.sub(r"^\w+:", "", ref.strip())))

    result = pd.DataFrame(hits, columns=SCREEN_COLUMNS)
    return result.drop_duplicates(subset=["applicant_id", "field", "value", "ent_num", "match_kind"]).reset_index(drop=True)
