"""Word-level comparison of a resume with its nearest duplicate, for side-by-side display.

Front cells copy one resume and change the name, employers and years; marking only what
differs lets an analyst see in seconds that two "different" people wrote the same text.
Tokens are escaped one by one, so applicant text can never become markup.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

_TOKENS = re.compile(r"\S+|\s+")


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def _render(tokens: list[str], spans: list[tuple[int, int, bool]], tag: str) -> Markup:
    out = []
    for start, end, changed in spans:
        chunk = "".join(tokens[start:end])
        out.append(f"<{tag}>{escape(chunk)}</{tag}>" if changed and chunk.strip() else str(escape(chunk)))
    return Markup("".join(out))


def side_by_side(left: str, right: str) -> tuple[Markup, Markup, float]:
    """Both texts with their differing words marked (``<del>`` left, ``<ins>`` right), and the
    share of words they have in common."""
    a, b = _tokens(left), _tokens(right)
    words_a = [t for t in a if not t.isspace()]
    words_b = [t for t in b if not t.isspace()]
    matcher = SequenceMatcher(None, [t.lower() for t in a], [t.lower() for t in b], autojunk=False)
    left_spans: list[tuple[int, int, bool]] = []
    right_spans: list[tuple[int, int, bool]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        same = op == "equal"
        if i2 > i1:
            left_spans.append((i1, i2, not same))
        if j2 > j1:
            right_spans.append((j1, j2, not same))
    common = sum(len([t for t in a[i:i + n] if not t.isspace()])
                 for i, _, n in matcher.get_matching_blocks())
    share = common / max(len(words_a), len(words_b), 1)
    return _render(a, left_spans, "del"), _render(b, right_spans, "ins"), share
