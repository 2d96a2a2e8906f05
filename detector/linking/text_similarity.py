"""Near-duplicate texts (resumes, overviews, proposals) with MinHash and LSH banding.

Fronts reuse one template across personas with the names, employers and numbers swapped.
Texts are normalised so those swaps cost little (contact details and numbers masked, the
profile's own name tokens dropped), cut into word n-gram shingles, and summarised by a MinHash
signature. Signatures use one-permutation hashing with optimal densification (Shrivastava
2017): each shingle is hashed once and falls into one of ``num_perm`` bins, so the cost is
linear in the text length and independent of ``num_perm``; ``P[sig_a[k] == sig_b[k]]`` is the
Jaccard similarity of the shingle sets, as with classic MinHash.

LSH banding (``bands`` x ``rows`` = ``num_perm``) turns signatures into integer band keys:
texts sharing any key are candidates, verified by the fraction of agreeing signature slots.
Band keys are plain int64, stable across processes and versions of this module's parameters,
so a store can index them and look up one new applicant against millions.

All hashing is deterministic (blake2b of tokens, fixed seeds); Python's salted ``hash()`` is
never used.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = [
    "BANDS",
    "EMPTY_BAND_KEY",
    "EMPTY_SLOT",
    "MAX_BUCKET",
    "NUM_PERM",
    "ROWS",
    "SHINGLE_SIZE",
    "THRESHOLD",
    "band_keys",
    "minhash_signatures",
    "near_duplicate_pairs",
    "normalise_text",
    "similar_text_pairs",
    "text_tokens",
]

#: Signature length (number of bins).
NUM_PERM = 128
#: LSH banding: 32 bands of 4 rows; a pair at Jaccard 0.6 becomes a candidate with P ~ 0.99.
BANDS = 32
ROWS = 4
#: Word n-gram length of the shingles.
SHINGLE_SIZE = 3
#: Estimated Jaccard similarity at or above which two texts are near-duplicates.
THRESHOLD = 0.6
#: LSH buckets with more members than this are boilerplate and yield no pairs (see
#: ``near_duplicate_pairs``); fronts reuse a template across 5-30 personas.
MAX_BUCKET = 100
#: Value of every slot of the signature of a text without tokens.
EMPTY_SLOT = np.uint32(0xFFFFFFFF)
#: Band key of a text without tokens; never produced by a real text.
EMPTY_BAND_KEY = 0

# Emails and URLs are found from a cheap literal "pivot" and widened to the left and right:
# scanning a text once for '@', '://', 'www.' and '.com' is ~20x faster than an email regex.
_PIVOT = re.compile(r"@|://|www\.|\.(?:com|net|org|io)\b")
_EMAIL_LOCAL = re.compile(r"[\w.+-]+\Z")
_EMAIL_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_URL_HEAD = re.compile(r"[\w.:/-]+\Z")
_URL_TAIL = re.compile(r"[^\s\x00]*")
_PATH_TAIL = re.compile(r"(?:/[^\s\x00]*)?")
# Any run of digits with the separators of phones, dates and amounts (any non-word character
# but the internal separators) is one number token, so masking twice changes nothing.
_NUMBER = re.compile(r"\d(?:\d|[^\w\x00\x01])*")
_TOKEN = re.compile(r"\w+")
_SEPARATOR = "\x00"
_PAD = "\x01"
_CHUNK = 2000
_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mask(text: str) -> str:
    """Lower-case; emails become 'email', URLs 'url' and every number '0'."""
    text = text.lower()
    parts: list[str] = []
    done = 0
    for pivot in _PIVOT.finditer(text):
        at, after = pivot.start(), pivot.end()
        if at < done:
            continue
        window = max(done, at - 100)
        if pivot.group() == "@":
            local = _EMAIL_LOCAL.search(text, window, at)
            domain = _EMAIL_DOMAIN.match(text, after)
            if local is None or domain is None:
                continue
            span, stop, mask = local.start(), domain.end(), " email "
        else:
            head = _URL_HEAD.search(text, window, at)
            tail = (_PATH_TAIL if pivot.group()[0] == "." else _URL_TAIL).match(text, after)
            span = head.start() if head is not None else at
            stop, mask = tail.end() if tail is not None else after, " url "
        parts.append(text[done:span])
        parts.append(mask)
        done = stop
    if parts:
        parts.append(text[done:])
        text = "".join(parts)
    return _NUMBER.sub(" 0 ", text)


def _tokens(masked: str, exclude: frozenset[str]) -> list[str]:
    tokens = _TOKEN.findall(masked)
    if exclude:
        kept = [token for token in tokens if token not in exclude]
        if len(kept) != len(tokens) and "0" in kept:
            # A dropped name between two numbers leaves "0 0", which masks to one "0" again.
            kept = [t for i, t in enumerate(kept) if t != "0" or i == 0 or kept[i - 1] != "0"]
        tokens = kept
    return tokens


def _exclusions(tokens: Iterable[str] | str | None) -> frozenset[str]:
    """A profile's own name tokens ('Ana Maria Silva' or ['Ana', 'Silva']) as dropped words."""
    if tokens is None:
        return frozenset()
    if isinstance(tokens, str):
        tokens = [tokens]
    words: set[str] = set()
    for token in tokens:
        if token:
            text = str(token)
            if text.isascii() and text.isalpha() and text.islower():
                words.add(text)  # a normalised name token: masking and splitting leave it as is
            else:
                words.update(_TOKEN.findall(_mask(text)))
    words.difference_update({"0", "email", "url"})
    return frozenset(words)


def text_tokens(text: str | None, exclude_tokens: Iterable[str] | str | None = None) -> list[str]:
    """The word tokens shingled for ``text``: masked, lower-cased, own name tokens dropped."""
    if not isinstance(text, str) or not text:
        return []
    return _tokens(_mask(text), _exclusions(exclude_tokens))


def normalise_text(text: str | None, exclude_tokens: Iterable[str] | str | None = None) -> str:
    """Lower-cased words with emails, URLs and numbers masked and the given name tokens dropped.

    Emails become ``email``, URLs ``url``, any number (phone, year, date, amount) ``0``;
    punctuation is dropped (word characters are letters, digits and '_', in any script). ``exclude_tokens`` is the profile's own name (a string or its
    parts). Idempotent: normalising a normalised text changes nothing.
    """
    return " ".join(text_tokens(text, exclude_tokens))


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser: a fast, well-mixing bijection on uint64."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _fmix64_in_place(h: np.ndarray) -> None:
    """``_fmix64`` computed in ``h`` itself (the same values)."""
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)


_BAND_KEY_BLOCK = 8192  # texts per block of band_keys (2 MB of keys at 32 bands) and _low_nibbles


_SHINGLE_MULTIPLIERS = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xBF58476D1CE4E5B9),
    np.uint64(0x94D049BB133111EB),
    np.uint64(0xD6E8FEB86659FD93),
    np.uint64(0xA0761D6478BD642F),
    np.uint64(0xE7037ED1A0B428DB),
    np.uint64(0x8EBC6AF09C88C6E3),
    np.uint64(0x589965CC75374CC3),
)


@lru_cache(maxsize=8)
def _donor_table(num_perm: int) -> np.ndarray:
    """For each bin, a fixed pseudo-random order of the other bins to borrow from when empty.

    Built once per width (half a millisecond, which the scoring API paid per text)."""
    rng = np.random.default_rng(20170801 + num_perm)
    table = np.empty((num_perm, num_perm - 1), dtype=np.int64)
    for column in range(num_perm):
        others = np.delete(np.arange(num_perm), column)
        table[column] = rng.permutation(others)
    table.flags.writeable = False
    return table


def _densify(signature: np.ndarray) -> np.ndarray:
    """Fill empty bins from the donor bins (optimal densification); all-empty rows stay empty."""
    num_perm = signature.shape[1]
    empty = signature == EMPTY_SLOT
    rows, cols = np.nonzero(empty & ~empty.all(axis=1, keepdims=True))
    if rows.size == 0 or num_perm == 1:
        return signature
    donors = _donor_table(num_perm)
    out = signature.copy()
    for attempt in range(num_perm - 1):
        donor = donors[cols, attempt]
        found = ~empty[rows, donor]
        out[rows[found], cols[found]] = signature[rows[found], donor[found]]
        rows, cols = rows[~found], cols[~found]
        if rows.size == 0:
            break
    return out


def minhash_signatures(
    texts: Sequence[str | None],
    num_perm: int = NUM_PERM,
    shingle_size: int = SHINGLE_SIZE,
    exclude_tokens_per_text: Sequence[Iterable[str] | str | None] | None = None,
) -> np.ndarray:
    """MinHash signatures, shape (len(texts), num_perm), uint32, of the texts' word shingles.

    Each text is normalised as by ``normalise_text`` (with its own exclusions, if given).
    A text shorter than ``shingle_size`` words is one shingle; a text with no words (None,
    empty, only punctuation) gets ``EMPTY_SLOT`` everywhere and never matches anything.
    """
    if num_perm < 1 or shingle_size < 1 or shingle_size > len(_SHINGLE_MULTIPLIERS):
        raise ValueError(
            f"num_perm={num_perm} and shingle_size={shingle_size} must be >= 1 "
            f"(shingle_size at most {len(_SHINGLE_MULTIPLIERS)})"
        )
    if exclude_tokens_per_text is not None and len(exclude_tokens_per_text) != len(texts):
        raise ValueError(
            f"exclude_tokens_per_text has {len(exclude_tokens_per_text)} entries for "
            f"{len(texts)} texts; give one (possibly None) per text"
        )
    n = len(texts)
    signatures = np.full((n, num_perm), EMPTY_SLOT, dtype=np.uint32)
    cache: dict[str, int] = {}
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        chunk = [
            text.replace(_SEPARATOR, " ") if isinstance(text, str) else ""
            for text in texts[start:stop]
        ]
        # One regex pass over the joined chunk is much faster than one per text.
        masked = _mask(_SEPARATOR.join(chunk)).split(_SEPARATOR)
        token_lists = [_TOKEN.findall(piece) for piece in masked]
        exclusions = (
            [_exclusions(words) for words in exclude_tokens_per_text[start:stop]]
            if exclude_tokens_per_text is not None
            else None
        )
        hashes, lengths = _kept_token_hashes(token_lists, exclusions, shingle_size, cache)
        signatures[start:stop] = _chunk_signatures(hashes, lengths, num_perm, shingle_size)
    return signatures


def _kept_token_hashes(
    token_lists: list[list[str]],
    exclusions: list[frozenset[str]] | None,
    shingle_size: int,
    cache: dict[str, int],
) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the tokens ``_tokens`` keeps, texts one after the other, and each text's count.

    The same tokens as ``_tokens`` per text (own name words dropped, then a "0" right after a
    kept "0" dropped in texts that lost a word) and the same padding of short texts, found on
    integer codes for the whole chunk at once: a Python test per token cost a third of MinHash.
    """
    k = len(token_lists)
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=k)
    words = [word for excluded in exclusions for word in excluded] if exclusions else []
    flat = [token for tokens in token_lists for token in tokens]
    codes, uniques = pd.factorize(np.asarray([*flat, *words, "0", _PAD], dtype=object))
    total, zero, pad = len(flat), codes[-2], codes[-1]
    kept = codes[:total]
    if words and exclusions is not None:
        owner = np.repeat(np.arange(k), lengths)
        word_owner = np.repeat(np.arange(k), [len(excluded) for excluded in exclusions])
        width = len(uniques)
        word_codes = codes[total:total + len(words)]
        is_word = np.zeros(width, dtype=bool)
        is_word[word_codes] = True
        drop = is_word[kept]  # any profile's name word; then is it this text's own?
        maybe = np.flatnonzero(drop)
        drop[maybe] = np.isin(owner[maybe] * width + kept[maybe], word_owner * width + word_codes)
        if drop.any():
            lost_word = np.bincount(owner[drop], minlength=k) > 0
            kept, owner = kept[~drop], owner[~drop]
            # A dropped name between two numbers leaves "0 0", which masks to one "0" again.
            again = np.zeros(kept.size, dtype=bool)
            again[1:] = ((kept[1:] == zero) & (kept[:-1] == zero) & (owner[1:] == owner[:-1])
                         & lost_word[owner[1:]])
            kept, owner = kept[~again], owner[~again]
            lengths = np.bincount(owner, minlength=k).astype(np.int64)
    short = np.flatnonzero((lengths > 0) & (lengths < shingle_size))
    if short.size:  # a text shorter than a shingle is one shingle, padded
        missing = shingle_size - lengths[short]
        kept = np.insert(kept, np.repeat(np.cumsum(lengths)[short], missing), pad)
        lengths = lengths.copy()
        lengths[short] = shingle_size
    return _code_hashes(uniques, cache)[kept], lengths


def _code_hashes(uniques: np.ndarray, cache: dict[str, int]) -> np.ndarray:
    """Stable 64-bit hashes (blake2b) of distinct tokens, each computed once per call."""
    values = np.empty(len(uniques), dtype=np.uint64)
    for position, token in enumerate(uniques):
        value = cache.get(token)
        if value is None:
            value = int.from_bytes(
                hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little"
            )
            cache[token] = value
        values[position] = value
    return values


def _chunk_signatures(
    hashes: np.ndarray, lengths: np.ndarray, num_perm: int, shingle_size: int
) -> np.ndarray:
    signature = np.full((len(lengths), num_perm), EMPTY_SLOT, dtype=np.uint32)
    total = int(lengths.sum())
    if total == 0:
        return signature
    count = total - shingle_size + 1
    shingles = hashes[:count] * _SHINGLE_MULTIPLIERS[0]
    for step in range(1, shingle_size):
        shingles = (shingles << np.uint64(7)) | (shingles >> np.uint64(57))
        shingles ^= hashes[step : step + count] * _SHINGLE_MULTIPLIERS[step]
    shingles = _fmix64(shingles)
    # Keep shingles that start and end inside one text.
    per_text = np.maximum(lengths - shingle_size + 1, 0)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    owner = np.repeat(np.arange(len(lengths)), per_text)
    position = np.repeat(starts, per_text) + (
        np.arange(per_text.sum()) - np.repeat(np.cumsum(per_text) - per_text, per_text)
    )
    shingles = shingles[position]
    bins = ((shingles >> np.uint64(32)) * np.uint64(num_perm)) >> np.uint64(32)
    values = np.minimum(shingles & np.uint64(0xFFFFFFFF), np.uint64(EMPTY_SLOT) - np.uint64(1))
    flat_signature = signature.reshape(-1)
    np.minimum.at(
        flat_signature, owner * num_perm + bins.astype(np.int64), values.astype(np.uint32)
    )
    return _densify(signature)


def _check_banding(signatures: np.ndarray, bands: int, rows: int) -> None:
    if signatures.ndim != 2 or bands < 1 or rows < 1 or bands * rows > signatures.shape[1]:
        raise ValueError(
            f"bands x rows = {bands} x {rows} does not fit signatures of shape "
            f"{signatures.shape}; use bands * rows <= num_perm"
        )


def band_keys(signatures: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """LSH band keys, shape (n, bands), int64: equal keys in one band = equal signature slices.

    The band number is mixed into the key, so one indexed column can hold all bands. Texts
    without words get ``EMPTY_BAND_KEY`` (0) in every band; no real key is 0.
    """
    signatures = np.asarray(signatures)
    _check_banding(signatures, bands, rows)
    n = signatures.shape[0]
    seeds = np.asarray([((band + 1) * int(_SHINGLE_MULTIPLIERS[0])) & 0xFFFFFFFFFFFFFFFF
                        for band in range(bands)], dtype=np.uint64)
    keys = np.empty((n, bands), dtype=np.uint64)
    # Every band at once (one array operation per row of the band, not per band and row),
    # on blocks of texts that stay in the cache, computed in place: at 1,000,000 texts the
    # whole-array version made and read back a gigabyte of temporary arrays per step.
    for start in range(0, n, _BAND_KEY_BLOCK):
        block = signatures[start:start + _BAND_KEY_BLOCK, : bands * rows].reshape(-1, bands, rows)
        part = keys[start:start + _BAND_KEY_BLOCK]
        part[:] = seeds
        for row in range(rows):
            mixed = block[:, :, row].astype(np.uint64)
            mixed *= _SHINGLE_MULTIPLIERS[1 + row % 7]
            part ^= mixed
            _fmix64_in_place(part)
    out = np.ascontiguousarray(keys).view(np.int64)
    out[out == EMPTY_BAND_KEY] = 1
    out[(signatures == EMPTY_SLOT).all(axis=1)] = EMPTY_BAND_KEY
    return out


def _bucket_pairs(keys: np.ndarray, max_bucket: int) -> tuple[np.ndarray, np.ndarray, int]:
    """All (i, j), i < j, sharing a key, from buckets of 2..max_bucket members; oversized count."""
    # Any order of equal keys gives the same pairs (each bucket's pairs come out as min, max):
    # NumPy's default sort is ~4x faster than its stable one on 64-bit keys.
    order = np.argsort(keys)
    sorted_keys = keys[order]
    boundaries = np.flatnonzero(np.diff(sorted_keys)) + 1
    starts = np.concatenate(([0], boundaries))
    sizes = np.diff(np.concatenate((starts, [len(keys)])))
    oversized = int((sizes > max_bucket).sum())
    keep = (sizes >= 2) & (sizes <= max_bucket)
    starts, sizes = starts[keep], sizes[keep]
    if starts.size == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, oversized
    # For every member at offset a of its bucket, pair it with offsets a+1 .. size-1.
    member_start = np.repeat(starts, sizes)
    member_size = np.repeat(sizes, sizes)
    member_offset = np.arange(member_start.size) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    partners = member_size - member_offset - 1
    left = np.repeat(member_start + member_offset, partners)
    first = np.repeat(np.cumsum(partners) - partners, partners)
    right = left + 1 + (np.arange(left.size) - first)
    a, b = order[left], order[right]
    return np.minimum(a, b), np.maximum(a, b), oversized


def _agreement(signatures: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Fraction of equal signature slots of each pair (the estimated Jaccard similarity)."""
    equal = np.count_nonzero(signatures[left] == signatures[right], axis=1)
    return equal / signatures.shape[1]


_NIBBLE_HIGH_BITS_OFF = np.uint64(0x7777777777777777)


def _low_nibbles(signatures: np.ndarray) -> np.ndarray:
    """The low four bits of each slot, sixteen slots to a uint64 word (slots a multiple of 16)."""
    packed = np.empty((signatures.shape[0], signatures.shape[1] // 2), dtype=np.uint8)
    for start in range(0, signatures.shape[0], _BAND_KEY_BLOCK):  # blocks that stay in cache
        nibbles = (signatures[start:start + _BAND_KEY_BLOCK] & np.uint32(0xF)).astype(np.uint8)
        packed[start:start + _BAND_KEY_BLOCK] = nibbles[:, 0::2] | (nibbles[:, 1::2] << np.uint8(4))
    return packed.view(np.uint64)


def _low_nibble_agreement(words: np.ndarray, slots: int, left: np.ndarray,
                          right: np.ndarray) -> np.ndarray:
    """Fraction of slots whose low nibbles are equal (``_low_nibbles`` words): equal slots
    have equal nibbles, so this bounds the agreement from above, on an eighth of the
    signatures' bytes; counted sixteen at a time, as the zero nibbles of ``a ^ b``."""
    x = words[left]
    x ^= words[right]
    # High bit of each nibble of y set exactly where that nibble of x is zero.
    y = ~(((x & _NIBBLE_HIGH_BITS_OFF) + _NIBBLE_HIGH_BITS_OFF) | x | _NIBBLE_HIGH_BITS_OFF)
    return np.bitwise_count(y).sum(axis=1, dtype=np.int64) / slots


def near_duplicate_pairs(
    signatures: np.ndarray,
    bands: int = BANDS,
    rows: int = ROWS,
    threshold: float = THRESHOLD,
    max_bucket: int = MAX_BUCKET,
) -> pd.DataFrame:
    """Pairs of rows whose estimated Jaccard similarity is at least ``threshold``.

    Candidates share a band key; the similarity is the fraction of equal signature slots.
    Returns columns ``i < j`` (row positions) and ``similarity``, sorted by (i, j).

    Cap: a band bucket with more than ``max_bucket`` members is treated as boilerplate (a
    platform default text or a stock paragraph shared by many accounts) and yields no
    candidates in that band, so the work stays at most ``bands * n * max_bucket / 2`` pairs.
    Texts that are near-duplicates still meet in their other, smaller buckets; a text shared
    verbatim by more than ``max_bucket`` accounts yields no pairs at all. The number of skipped
    buckets is in ``result.attrs["oversized_buckets"]``.
    """
    signatures = np.asarray(signatures)
    keys = band_keys(signatures, bands, rows)
    n = signatures.shape[0]
    # Verify each band's candidates at once and deduplicate only the survivors: most
    # candidates are chance collisions met in one band, so deduplicating all of them first
    # costs more than checking the few met twice.
    found: list[np.ndarray] = []
    oversized = 0
    step = 200_000  # candidate pairs verified at once: 2 x 100 MB of gathered signatures
    # Equal slots have equal low bits, so the agreement of the low bits bounds the true
    # agreement from above: candidates below the threshold on an eighth of the memory
    # traffic are rejected exactly; chance collisions of low nibbles (1 in 16) let few through.
    slots = signatures.shape[1]
    # Sixteen low nibbles compared at once when the width allows (one cache line per
    # signature of 128 slots), else the low bytes.
    nibbles = _low_nibbles(signatures) if slots % 16 == 0 else None
    low = np.ascontiguousarray(signatures.astype(np.uint8)) if nibbles is None else signatures
    for band in range(bands):
        column = keys[:, band]
        present = np.flatnonzero(column != EMPTY_BAND_KEY)
        a, b, skipped = _bucket_pairs(column[present], max_bucket)
        oversized += skipped
        a, b = present[a], present[b]
        for start in range(0, a.size, step):
            part_a, part_b = a[start:start + step], b[start:start + step]
            maybe = (_agreement(low, part_a, part_b) if nibbles is None else  # low bytes
                     _low_nibble_agreement(nibbles, slots, part_a, part_b)) >= threshold
            part_a, part_b = part_a[maybe], part_b[maybe]
            similar = _agreement(signatures, part_a, part_b) >= threshold
            found.append(part_a[similar].astype(np.int64) * n + part_b[similar])
        if sum(f.size for f in found) > 4_000_000:  # a true pair meets in most bands
            found = [np.unique(np.concatenate(found))]
    codes = np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)
    left, right = codes // max(n, 1), codes % max(n, 1)
    similarity = np.concatenate(
        [_agreement(signatures, left[start:start + step], right[start:start + step])
         for start in range(0, codes.size, step)]) if codes.size else np.empty(0)
    keep = np.ones(codes.size, dtype=bool)
    result = pd.DataFrame({"i": left[keep], "j": right[keep], "similarity": similarity[keep]})
    result.attrs["oversized_buckets"] = oversized
    return result


def similar_text_pairs(
    texts: Sequence[str | None],
    exclude_tokens_per_text: Sequence[Iterable[str] | str | None] | None = None,
    threshold: float = THRESHOLD,
    max_bucket: int = MAX_BUCKET,
) -> pd.DataFrame:
    """Near-duplicate pairs ``(i, j, similarity)`` among ``texts`` with the default parameters.

    ``exclude_tokens_per_text`` holds each profile's own name (string or parts), dropped from
    its text so a template with swapped names still matches.
    """
    signatures = minhash_signatures(texts, exclude_tokens_per_text=exclude_tokens_per_text)
    return near_duplicate_pairs(signatures, BANDS, ROWS, threshold, max_bucket)
