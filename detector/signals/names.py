"""Name normalisation and a word-order- and romanisation-tolerant name similarity.

Used to compare a profile name with payout holder names ("Park Ji-hoon" vs "Jihoon Bak" are
the same person) and to tell whether two linked profiles claim different identities. The
comparison is about consistency between names, never about where a name comes from.
"""

from __future__ import annotations

import re
import unicodedata

# Common alternative romanisations of the same syllable or surname, mapped to one spelling so
# that a legitimate variant is not read as a different person.
ROMANISATION_VARIANTS = {
    "bak": "park", "pak": "park", "yi": "lee", "rhee": "lee", "ri": "lee", "gim": "kim",
    "choe": "choi", "jeong": "jung", "chung": "jung", "jong": "jung", "kang": "gang",
    "cho": "jo", "shin": "sin", "yoon": "yun", "oh": "o", "han": "han", "ryu": "yu",
    "zhou": "chou", "chow": "chou", "zhang": "chang", "cheung": "chang", "wang": "wong",
    "huang": "wong", "wu": "ng", "chen": "chan", "li": "lee", "xu": "hsu", "lin": "lam",
    "aleksandr": "alexander", "aleksander": "alexander", "sergei": "sergey", "yuri": "yury",
    "iurii": "yury", "dmitri": "dmitry", "dmitrii": "dmitry", "andrei": "andrey",
    "alexei": "alexey", "aleksei": "alexey", "aleksey": "alexey", "mikhail": "michael",
    "mohammed": "muhammad", "mohammad": "muhammad", "mohamed": "muhammad", "muhammed": "muhammad",
}
_NON_LETTERS = re.compile(r"[^a-z ]+")


_NORMALISED: dict[str, str] = {}  # a chunk normalises each name and holder name two or three times
_NORMALISED_MAX = 100_000


def normalise_name(name: object) -> str:
    """Lower-case ASCII letters, variants unified, tokens sorted; '' for a missing name."""
    if not isinstance(name, str):
        return ""
    found = _NORMALISED.get(name)
    if found is None:
        if len(_NORMALISED) >= _NORMALISED_MAX:
            _NORMALISED.clear()
        found = _NORMALISED[name] = _normalise(name)
    return found


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _NON_LETTERS.sub(" ", text.replace("-", ""))
    tokens = [ROMANISATION_VARIANTS.get(t, t) for t in text.split()]
    return " ".join(sorted(tokens))


def _bigrams(text: str) -> set[str]:
    compact = text.replace(" ", "")
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def name_similarity(a: object, b: object) -> float:
    """Dice coefficient of letter bigrams of two normalised names, in [0, 1]; NaN if one is missing."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return float("nan")
    if na == nb:
        return 1.0
    ba, bb = _bigrams(na), _bigrams(nb)
    if not ba or not bb:
        return 0.0
    # Word order: compare the sorted-token forms as well as the raw bigram sets.
    return 2 * len(ba & bb) / (len(ba) + len(bb))
