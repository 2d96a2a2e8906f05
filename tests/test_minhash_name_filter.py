"""MinHash drops each profile's own name words for the whole chunk at once: the signatures are
those of the tokens the per-text normalisation (``text_tokens``) keeps."""

from __future__ import annotations

import hashlib

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.linking.text_similarity import (
    EMPTY_SLOT,
    NUM_PERM,
    SHINGLE_SIZE,
    _chunk_signatures,
    minhash_signatures,
    text_tokens,
)

NAMES = ["ana", "maria", "silva", "li", "wei", "o'brien", "José", "ÅSA", "van", "der", "0", "email"]
WORDS = [*NAMES, "python", "developer", "12", "2019-2021", "+1 (555) 010-9999", "a@b.com",
         "www.site.io/x", "_", "x_y", "—", "...", "\x01", "3.5", "Ана", "naïve", "  "]


def _reference(texts: list[str | None], names: list[list[str]]) -> np.ndarray:
    """Signatures from each text's own ``text_tokens``, padded and hashed token by token."""
    lists = []
    for text, name in zip(texts, names, strict=True):
        tokens = text_tokens(text, name) if isinstance(text, str) else []
        if 0 < len(tokens) < SHINGLE_SIZE:
            tokens = tokens + ["\x01"] * (SHINGLE_SIZE - len(tokens))
        lists.append(tokens)
    hashes = np.asarray([int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little")
                         for tokens in lists for t in tokens], dtype=np.uint64)
    lengths = np.asarray([len(tokens) for tokens in lists], dtype=np.int64)
    return _chunk_signatures(hashes, lengths, NUM_PERM, SHINGLE_SIZE)


texts = st.lists(st.one_of(st.none(), st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)),
                 min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_chunk_filter_equals_the_per_text_tokens(chunk, data):
    names = [data.draw(st.lists(st.sampled_from(NAMES), max_size=3)) for _ in chunk]
    np.testing.assert_array_equal(minhash_signatures(chunk, exclude_tokens_per_text=names),
                                  _reference(chunk, names))


def test_a_name_between_numbers_and_short_texts():
    chunk = ["call 12 ana 34 now", "ana", "ana silva dev", "12 ana 34 maria 56 silva", None,
             "python developer ana"]
    names = [["ana"], ["ana"], ["ana", "silva"], ["ana", "maria", "silva"], ["ana"], []]
    assert text_tokens(chunk[0], names[0]) == ["call", "0", "now"]
    found = minhash_signatures(chunk, exclude_tokens_per_text=names)
    np.testing.assert_array_equal(found, _reference(chunk, names))
    assert (found[1] == EMPTY_SLOT).all() and (found[4] == EMPTY_SLOT).all()
    assert not (found[2] == EMPTY_SLOT).all(), "one word left: one padded shingle"
