"""Webmail digit runs shared across profiles: a link only when chance does not explain the sharing.

Front cells reuse one digit suffix across their personas' webmail addresses (RED_FLAGS.md:
"name+digits with one digit suffix reused across personas"). Honest people pick digits too, and
a run of three or four digits has only 1,000 or 10,000 values: in a synthetic million, 5.4% of
all profiles shared a run with 2-40 others, and rescoring 200,000 profiles together instead of
in four parts of 50,000 flagged 454 honest people with this reason instead of 30. So a run held
by ``k`` profiles counts only when ``k - 1`` other holders are unlikely by chance: with ``n``
holders of runs of the same length in the population, chance gives each of them
``(n - 1) / 10**length`` others on average (Poisson), and the sharing counts when
``P(X >= k - 1) < CHANCE_ALPHA``. The bound is strict because thousands of runs are tested at
once and because people do not pick digits uniformly (birthdays, 123, 777): at 0.01, 194 honest
holders of 200,000 profiles still sat in "telling" groups, at 0.0001 28. A cell of five or more
on one run still links among a few thousand holders of runs of its length (about 40,000
profiles); a pair links only in a very small input. Runs are told apart by length through the identifier kind
(``email_suffix3`` ... ``email_suffix6``, six meaning six or more), which keeps the keyed hash of
the digits themselves the only thing stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from scipy.stats import poisson

from detector.linking.keyed_hash import keyed_hash
from detector.signals.identity import email_digit_suffix

#: Years a person was born or started a career: too common to link anyone.
YEAR_LIKE = range(1950, 2016)
#: The chance a group at least this large forms by chance alone, below which it links.
CHANCE_ALPHA = 0.0001
#: Identifier kinds of digit runs, by length (the last one holds longer runs too).
DIGIT_RUN_KINDS = ("email_suffix3", "email_suffix4", "email_suffix5", "email_suffix6")


def linkable_digit_run(email: object) -> str | None:
    """The digit run of a webmail name+digits address that may link profiles, else None
    (two digits or a year are everyone's)."""
    run = email_digit_suffix(email)
    if not isinstance(run, str) or len(run) < 3 or (len(run) == 4 and int(run) in YEAR_LIKE):
        return None
    return run


def digit_run_kind(run: str) -> str:
    """The identifier kind of a run: its length, capped at six."""
    return DIGIT_RUN_KINDS[min(len(run), 6) - 3]


def digit_run_keys(emails: Iterable[object], key: bytes) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Per identifier kind (run length): the positions of the emails holding a linkable run and
    the keyed hashes of their runs (every length hashed alike: only the kind tells lengths apart)."""
    held: dict[str, list[tuple[int, str]]] = {}
    for position, email in enumerate(emails):  # plain Python: one email costs microseconds, not a frame
        run = linkable_digit_run(email)
        if run is not None:
            held.setdefault(digit_run_kind(run), []).append((position, run))
    for kind in sorted(held):
        rows = held[kind]
        yield kind, np.asarray([position for position, _ in rows], dtype=np.int64), np.asarray(
            keyed_hash([run for _, run in rows], key, "email_suffix"), dtype=np.int64)


def kind_length(kind: str) -> int:
    return int(kind.removeprefix("email_suffix"))


def beyond_chance(sharers: np.ndarray, holders_of_length: np.ndarray, length: np.ndarray) -> np.ndarray:
    """Which groups of ``sharers`` profiles holding one run link them (see the module docstring).

    ``holders_of_length``: profiles in the population holding a run of the group's ``length``.
    """
    sharers = np.asarray(sharers, dtype=float)
    expected = np.maximum(np.asarray(holders_of_length, dtype=float) - 1, 0) / 10.0 ** np.asarray(length)
    return np.asarray(poisson.sf(sharers - 2, expected) < CHANCE_ALPHA, dtype=bool)
