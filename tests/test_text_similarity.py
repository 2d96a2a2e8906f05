"""Near-duplicate texts on real resumes: natural duplicates, injected personas, distinct CVs.

Real data: the 962-row Kaggle resume corpus in /work/shared (see its PROVENANCE.md); those
tests skip when the shared folder is absent. Small inline texts cover the edge cases.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from detector.linking.text_similarity import (
    _SHINGLE_MULTIPLIERS,
    BANDS,
    EMPTY_BAND_KEY,
    EMPTY_SLOT,
    NUM_PERM,
    ROWS,
    band_keys,
    minhash_signatures,
    near_duplicate_pairs,
    normalise_text,
    similar_text_pairs,
)

RESUMES = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data" / "resume-updatedresumedataset"
)
needs_resumes = pytest.mark.skipif(
    not (RESUMES / "UpdatedResumeDataSet.csv").exists(),
    reason=f"real resume corpus not found at {RESUMES} (the shared data folder is absent)",
)

FIRST = ["Ana", "Wei", "John", "Priya", "Kim", "Oleg", "Maria", "Ahmed", "Chen", "Lucas"]
LAST = ["Silva", "Zhang", "Smith", "Sharma", "Lee", "Petrov", "Garcia", "Khan", "Wang", "Rossi"]
EMPLOYERS = [
    "Acme Softworks",
    "Bluewave Technologies",
    "Northstar Digital Labs",
    "Infosys",
    "Tata Consultancy Services",
    "Globex",
    "Initech Solutions",
    "Crestline Data",
]


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    # A few bytes are not valid UTF-8; the provenance hashes were computed with replacement.
    return pd.read_csv(RESUMES / "UpdatedResumeDataSet.csv", encoding_errors="replace")


@pytest.fixture(scope="module")
def groups() -> list[list[int]]:
    table = pd.read_csv(RESUMES / "exact_duplicate_groups.csv")
    return [sorted(int(i) for i in row.split()) for row in table.row_indices_0based]


def _persona(text: str, rng: random.Random) -> tuple[str, str]:
    """A copy of a template as another persona: name, contacts, years and employers swapped."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    first_job, second_job = rng.sample(EMPLOYERS, 2)
    shift = rng.randint(1, 6)
    body = re.sub(r"(?:19|20)\d\d", lambda m: str(int(m.group()) - shift), text)
    lines = body.split("\n")
    third = len(lines) // 3
    lines.insert(third, f"Worked at {first_job} as a senior engineer.")
    lines.insert(2 * third, f"Company - {second_job} Pvt Ltd")
    handle = name.lower().replace(" ", ".")
    header = (
        f"{name}\n{handle}{rng.randint(1, 99)}@gmail.com | +91 {rng.randint(70000, 99999)} "
        f"{rng.randint(10000, 99999)} | linkedin.com/in/{handle}{rng.randint(1, 999)}\n"
    )
    footer = f"\nI, {name}, hereby declare that the above is true."
    return header + "\n".join(lines) + footer, name


def _pairs(frame: pd.DataFrame) -> set[tuple[int, int]]:
    return set(zip(frame.i.tolist(), frame.j.tolist(), strict=True))


@needs_resumes
def test_every_natural_duplicate_is_found(corpus: pd.DataFrame, groups: list[list[int]]) -> None:
    truth = {(a, b) for g in groups for k, a in enumerate(g) for b in g[k + 1 :]}
    found = _pairs(similar_text_pairs(corpus.Resume.tolist()))
    recall = len(truth & found) / len(truth)
    print(
        f"exact duplicates: {len(truth)} pairs, recall {recall:.4f}, other pairs {len(found - truth)}"
    )
    assert recall == 1.0


@needs_resumes
def test_template_personas_match_and_distinct_resumes_do_not(
    corpus: pd.DataFrame, groups: list[list[int]]
) -> None:
    rng = random.Random(20240611)
    distinct = [corpus.Resume[g[0]] for g in groups]
    texts, names, template_of = [], [], []
    for index, text in enumerate(distinct):
        for _ in range(3):
            copy, name = _persona(text, rng)
            texts.append(copy)
            names.append(name)
            template_of.append(index)
    # Originals first (no persona), then three personas per template.
    all_texts = distinct + texts
    all_names: list[str | None] = [None] * len(distinct) + names
    owner = list(range(len(distinct))) + template_of
    pairs = _pairs(similar_text_pairs(all_texts, exclude_tokens_per_text=all_names))
    persona_truth = {
        (a, b)
        for a in range(len(distinct), len(all_texts))
        for b in range(a + 1, len(all_texts))
        if owner[a] == owner[b]
    }
    recall = len(persona_truth & pairs) / len(persona_truth)
    false_pairs = {(a, b) for a, b in pairs if owner[a] != owner[b]}
    n = len(distinct)
    distinct_pairs = n * (n - 1) // 2
    false_distinct = {(a, b) for a, b in false_pairs if a < n and b < n}
    precision = 1 - len(false_pairs) / max(len(pairs), 1)
    print(
        f"personas: recall {recall:.3f} on {len(persona_truth)} pairs; precision {precision:.4f};"
        f" false pairs among {distinct_pairs} distinct-resume pairs: {len(false_distinct)}"
    )
    assert recall >= 0.95
    assert precision >= 0.99
    assert len(false_distinct) <= 0.001 * distinct_pairs


@needs_resumes
def test_personas_match_even_without_their_names(corpus: pd.DataFrame) -> None:
    rng = random.Random(5)
    long_texts = [t for t in dict.fromkeys(corpus.Resume) if len(t) > 1500][:40]
    copies = [_persona(text, rng)[0] for text in long_texts for _ in range(2)]
    pairs = _pairs(similar_text_pairs(copies))
    expected = {(2 * k, 2 * k + 1) for k in range(len(long_texts))}
    assert len(expected & pairs) >= 0.95 * len(expected)


@needs_resumes
def test_same_category_resumes_stay_apart(corpus: pd.DataFrame, groups: list[list[int]]) -> None:
    """Distinct CVs of one category (e.g. two Java developers) share vocabulary, not text."""
    distinct = pd.DataFrame(
        {
            "text": [corpus.Resume[g[0]] for g in groups],
            "category": [corpus.Category[g[0]] for g in groups],
        }
    )
    signatures = minhash_signatures(distinct.text.tolist())
    pairs = near_duplicate_pairs(signatures, threshold=0.3)
    same = distinct.category.to_numpy()
    print(f"distinct resumes with estimated Jaccard >= 0.3: {len(pairs)}")
    assert (pairs.similarity < 0.6).all()
    assert len(pairs[same[pairs.i] == same[pairs.j]]) <= 2


def test_normalisation_masks_contacts_numbers_and_names() -> None:
    text = (
        "Ana Silva | ana.silva+cv@gmail.com | https://github.com/anas | +91 98765 43210, 2015-2018"
    )
    assert normalise_text(text, "Ana Silva") == "email url 0"
    assert normalise_text("Worked 5 years at linkedin.com/in/x") == "worked 0 years at url"


@given(st.text(max_size=200), st.lists(st.text(max_size=10), max_size=3))
def test_normalise_is_idempotent(text: str, name: list[str]) -> None:
    once = normalise_text(text, name)
    assert normalise_text(once, name) == once


def test_empty_texts_never_match() -> None:
    signatures = minhash_signatures([None, "", "  !! ", None, "one two three four"])
    assert signatures.dtype == np.uint32 and signatures.shape == (5, NUM_PERM)
    assert (signatures[:4] == EMPTY_SLOT).all()
    keys = band_keys(signatures)
    assert keys.dtype == np.int64 and keys.shape == (5, BANDS)
    assert (keys[:4] == EMPTY_BAND_KEY).all() and (keys[4] != EMPTY_BAND_KEY).all()
    assert near_duplicate_pairs(signatures).empty


def test_short_texts_still_match() -> None:
    pairs = similar_text_pairs(["Java developer", "java  DEVELOPER!", "Python developer"])
    assert _pairs(pairs) == {(0, 1)}


def test_huge_buckets_are_capped_as_boilerplate() -> None:
    boilerplate = "I am a hardworking freelancer who delivers quality work on time, every time."
    texts = [boilerplate] * 150 + [
        "Senior Java developer with Spring Boot, Kafka and microservices experience at Acme.",
        "Senior Java developer with Spring Boot, Kafka and microservices experience at Globex.",
    ]
    pairs = similar_text_pairs(texts, max_bucket=100)
    assert _pairs(pairs) == {(150, 151)}
    assert pairs.attrs["oversized_buckets"] >= BANDS


def test_band_keys_are_stable_across_processes() -> None:
    """Stored band keys must not depend on PYTHONHASHSEED or the process."""
    code = (
        "from detector.linking.text_similarity import minhash_signatures, band_keys;"
        "print(band_keys(minhash_signatures(['Senior Java developer at Acme since 2015']))[0, :3].tolist())"
    )
    root = Path(__file__).resolve().parents[1]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(root)},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_estimated_similarity_tracks_jaccard() -> None:
    rng = np.random.default_rng(3)
    words = [f"w{k}" for k in range(5000)]
    base = list(rng.choice(words, 600))
    edited = list(base)
    for position in rng.choice(600, 60, replace=False):
        edited[position] = "zz" + edited[position]
    signatures = minhash_signatures([" ".join(base), " ".join(edited)], shingle_size=1)
    estimate = (signatures[0] == signatures[1]).mean()
    truth = len(set(base) & set(edited)) / len(set(base) | set(edited))
    assert abs(estimate - truth) < 0.15
    assert ROWS * BANDS == NUM_PERM


def test_low_nibble_prefilter_counts_the_equal_low_nibbles_exactly():
    """The word-packed prefilter equals a slot-by-slot comparison of the low four bits, an
    upper bound of the agreement, so it rejects only pairs below the threshold."""
    from detector.linking.text_similarity import _agreement, _low_nibble_agreement, _low_nibbles

    rng = np.random.default_rng(11)
    signatures = rng.integers(0, 2**32, (500, 128), dtype=np.uint32)
    signatures[1::2, :90] = signatures[0::2, :90]  # near-duplicates: most slots equal
    signatures[5, 7] = signatures[4, 7] + 16  # equal low nibble, different slot
    left, right = rng.integers(0, 500, 5000), rng.integers(0, 500, 5000)
    left[:250], right[:250] = np.arange(0, 500, 2), np.arange(1, 500, 2)
    packed = _low_nibble_agreement(_low_nibbles(signatures), 128, left, right)
    np.testing.assert_array_equal(packed, _agreement(signatures & 0xF, left, right))
    assert (packed >= _agreement(signatures, left, right)).all()
    assert (packed[:250] >= 90 / 128).all()


def _reference_band_key(signature: np.ndarray, band: int) -> int:
    """One band key in plain integer arithmetic: what every stored key was computed as."""
    mask = 0xFFFFFFFFFFFFFFFF
    multipliers = [int(m) for m in _SHINGLE_MULTIPLIERS]

    def fmix(h: int) -> int:
        h ^= h >> 33
        h = (h * 0xFF51AFD7ED558CCD) & mask
        h ^= h >> 33
        h = (h * 0xC4CEB9FE1A85EC53) & mask
        return h ^ (h >> 33)

    h = ((band + 1) * multipliers[0]) & mask
    for row in range(4):
        h = fmix(h ^ ((int(signature[band * 4 + row]) * multipliers[1 + row % 7]) & mask))
    signed = h - (1 << 64) if h >= 1 << 63 else h
    return 1 if signed == EMPTY_BAND_KEY else signed


def test_band_keys_equal_the_plain_integer_definition() -> None:
    """Keys already in stores stay findable: one row or many, the arithmetic is the same."""
    rng = np.random.default_rng(11)
    signatures = rng.integers(0, 2**32 - 1, size=(40, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    expected = [[_reference_band_key(s, band) for band in range(BANDS)] for s in signatures]
    assert band_keys(signatures).tolist() == expected
    assert band_keys(signatures[7:8]).tolist() == expected[7:8]


def test_band_keys_and_low_nibbles_of_many_texts_are_computed_block_by_block_alike() -> None:
    """Populations are computed in blocks of texts: rows on either side of a block's edge get
    the keys and nibbles of the plain definitions."""
    from detector.linking.text_similarity import _BAND_KEY_BLOCK, _low_nibbles

    rng = np.random.default_rng(12)
    n = 2 * _BAND_KEY_BLOCK + 5
    signatures = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint64).astype(np.uint32)
    keys = band_keys(signatures)
    for row in (0, _BAND_KEY_BLOCK - 1, _BAND_KEY_BLOCK, 2 * _BAND_KEY_BLOCK, n - 1):
        assert keys[row].tolist() == [_reference_band_key(signatures[row], b) for b in range(BANDS)]
    nibbles = (signatures & 0xF).astype(np.uint8)
    expected = np.ascontiguousarray(nibbles[:, 0::2] | (nibbles[:, 1::2] << 4)).view(np.uint64)
    np.testing.assert_array_equal(_low_nibbles(signatures), expected)
