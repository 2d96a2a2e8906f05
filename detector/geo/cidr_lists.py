"""User CIDR lists of VPN / hosting / proxy ranges, matched with a sorted-interval search.

A list file holds one network per line (IPv4 or IPv6, bare addresses allowed), ``#`` starts a
comment. The kind a file flags is read from its name: ``datacenter``/``datacentre``/``hosting``
-> hosting, ``tor`` -> tor, ``proxy`` -> proxy, anything else -> vpn (e.g. X4BNet's
``output/vpn/ipv4.txt`` flags VPN, ``output/datacenter/ipv4.txt`` flags hosting).
"""

from __future__ import annotations

import bisect
import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from detector.errors import GeoDatabaseError

_KIND_BY_NAME = (
    (re.compile(r"data.?cent|hosting", re.IGNORECASE), "hosting"),
    (re.compile(r"(^|[^a-z])tor([^a-z]|$)", re.IGNORECASE), "tor"),
    (re.compile(r"proxy", re.IGNORECASE), "proxy"),
)


def kind_of_list(path: Path) -> str:
    """The anonymiser kind a CIDR list file flags, read from its path (see module docstring)."""
    text = str(path)
    for pattern, kind in _KIND_BY_NAME:
        if pattern.search(text):
            return kind
    return "vpn"


def read_cidr_file(path: Path) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Parse a one-CIDR-per-line file; a bad line raises GeoDatabaseError naming file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise GeoDatabaseError(
            f"cannot read CIDR list {path}: {error.strerror or error}; "
            "fix the path in vpn_cidr_files / DETECTOR_VPN_CIDR_FILES or remove it"
        ) from error
    networks = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise GeoDatabaseError(
                f"{path}:{number}: {entry!r} is not an IP network ({error}); "
                "write one CIDR such as 203.0.113.0/24 per line"
            ) from error
    return networks


def _merge(intervals: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(intervals):
        if starts and start <= ends[-1] + 1:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


@dataclass
class CidrList:
    """The merged, sorted intervals of one list file (IPv4 as numpy arrays, IPv6 as lists)."""

    name: str
    kind: str
    v4_starts: np.ndarray = field(repr=False)
    v4_ends: np.ndarray = field(repr=False)
    v6_starts: list[int] = field(repr=False)
    v6_ends: list[int] = field(repr=False)

    @classmethod
    def from_file(cls, path: Path) -> CidrList:
        """Read and index one CIDR list file."""
        return cls.from_networks(Path(path).name, kind_of_list(path), read_cidr_file(path))

    @classmethod
    def from_networks(cls, name: str, kind: str, networks: Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> CidrList:
        """Index networks read elsewhere (a loaded feed), flagging them as ``kind``."""
        v4 = [
            (int(n.network_address), int(n.broadcast_address)) for n in networks if n.version == 4
        ]
        v6 = [
            (int(n.network_address), int(n.broadcast_address)) for n in networks if n.version == 6
        ]
        v4_starts, v4_ends = _merge(v4)
        v6_starts, v6_ends = _merge(v6)
        return cls(
            name=name,
            kind=kind,
            v4_starts=np.asarray(v4_starts, dtype=np.int64),
            v4_ends=np.asarray(v4_ends, dtype=np.int64),
            v6_starts=v6_starts,
            v6_ends=v6_ends,
        )

    def __len__(self) -> int:
        return len(self.v4_starts) + len(self.v6_starts)

    def contains_v4(self, addresses: np.ndarray) -> np.ndarray:
        """Vectorised membership of IPv4 addresses given as integers."""
        if len(self.v4_starts) == 0 or len(addresses) == 0:
            return np.zeros(len(addresses), dtype=bool)
        index = np.searchsorted(self.v4_starts, addresses, side="right") - 1
        safe = np.clip(index, 0, None)
        return (index >= 0) & (addresses <= self.v4_ends[safe])

    def contains_v6(self, addresses: Sequence[int]) -> np.ndarray:
        """Membership of IPv6 addresses given as Python integers (bisect per address)."""
        result = np.zeros(len(addresses), dtype=bool)
        if not self.v6_starts:
            return result
        for position, address in enumerate(addresses):
            index = bisect.bisect_right(self.v6_starts, address) - 1
            result[position] = index >= 0 and address <= self.v6_ends[index]
        return result
