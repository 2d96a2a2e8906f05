"""The C library's IPv6 text agrees with ``ipaddress`` wherever it answers (and it answers for
the usual addresses, so validation and hashing actually take the fast path)."""

from __future__ import annotations

import ipaddress
import itertools

import numpy as np

from detector.io.ipv6_text import fast_ipv6_text


def _slow(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _texts() -> list[str]:
    rng = np.random.default_rng(3)
    out = []
    for _ in range(3000):
        groups = [int(g) for g in rng.integers(0, 0x10000, 8)]
        for i in range(8):  # runs of zero groups of every length and place
            if rng.random() < 0.35:
                groups[i] = 0
        full = ":".join(f"{g:x}" if rng.random() < 0.5 else f"{g:04X}" for g in groups)
        out.append(full)
        out.append(str(ipaddress.IPv6Address(":".join(f"{g:x}" for g in groups))))
        cut = int(rng.integers(0, 8))
        span = int(rng.integers(1, 9 - cut))
        parts = [f"{g:x}" for g in groups]
        out.append(":".join(parts[:cut]) + "::" + ":".join(parts[cut + span:]))
    out += ["::", "::1", "1::", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:",
            "1:::2", "1::2::3", "12345::1", "g::1", "::ffff:1.2.3.4", "::1.2.3.4", "::ffff:102:304",
            "::ffff:0:0", "::0:0:1", "0:0:0:0:0:0:0:1", "fe80::1%eth0", "2001:db8::1 ", " ::1",
            "2001:db8:0:0:1:0:0:1", "2001:0db8:0000:0000:0000:ff00:0042:8329", "1:0:0:2:0:0:0:3",
            "0:0:1:0:0:1:0:0", "::ffff:ffff:ffff", "64:ff9b::1.2.3.4", "1.2.3.4", "", ":", "１::２",
            "2001:db8::ｆ", "::ffff:0102:0304", "0::0", "0000::", "::0000:ffff:1:2"]
    return out


def test_fast_text_equals_ipaddress_wherever_it_answers() -> None:
    answered = 0
    for text in _texts():
        fast = fast_ipv6_text(text)
        if fast is not None:
            assert fast == _slow(text), text
            answered += 1
    assert answered > 8000  # the plain forms all take the fast path


def test_every_compression_of_a_few_addresses() -> None:
    for groups in itertools.product([0, 1, 0xABCD], repeat=8):
        if sum(g == 0xABCD for g in groups) > 2:
            continue
        text = ":".join(f"{g:x}" for g in groups)
        fast = fast_ipv6_text(text)
        assert fast is None or fast == _slow(text), text
