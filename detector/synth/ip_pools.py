"""Random IP addresses from real networks of a given country and kind.

Reads the shipped ``detector/geo/data/ip_pools.parquet`` (built by ``scripts/build_geodata.py``:
columns ``country, kind, asn, org, ip_version, first_ip, last_ip``; ``kind`` is ``residential``,
``hosting`` or ``vpn``). Integer ``start``/``end`` columns or a ``cidr`` column are accepted too.
Ranges touching reserved, private or documentation space are dropped at load time, so every
address drawn is a public one that the shipped country database places in the asked country.
"""

from __future__ import annotations

import bisect
import ipaddress
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from detector.settings import SHIPPED_GEO_DIR

KINDS = ("residential", "hosting", "vpn")
POOL_PATHS = (SHIPPED_GEO_DIR / "ip_pools.parquet", SHIPPED_GEO_DIR / "ip_pools.csv.gz",
              SHIPPED_GEO_DIR / "ip_pools.csv")
# Star Joint Venture, the DPRK's national block, named in the public record.
KP_BLOCK = ("KP", "residential", 131279, "Star Joint Venture Co. Ltd.", 4, "175.45.176.0",
            "175.45.179.255")
# Where a country has no range of a kind, borrow these (in order).
_FALLBACK_KINDS = {"vpn": ("hosting", "residential"), "hosting": ("vpn", "residential"),
                   "residential": ("hosting", "vpn")}
_FALLBACK_COUNTRIES = ("US", "DE", "NL", "GB")


@dataclass(frozen=True)
class Block:
    """One contiguous range of one network (ASN)."""

    country: str
    kind: str
    asn: int
    org: str
    version: int
    start: int
    size: int


class IpPools:
    """Weighted ranges per (country, kind, IP version), with fallbacks for gaps."""

    def __init__(self, table: pd.DataFrame) -> None:
        table = _normalise(table)
        self._blocks: dict[tuple[str, str, int], tuple[list[Block], list[float]]] = {}
        for (cc, kind, version), grp in table.groupby(["country", "kind", "ip_version"], sort=True):
            blocks = [Block(cc, kind, int(a), str(o), int(version), int(s), int(e) - int(s) + 1)
                      for a, o, s, e in zip(grp["asn"], grp["org"], grp["start"], grp["end"],
                                            strict=True)]
            blocks = [b for b in blocks if _public(b)]
            if not blocks:
                continue
            cum, total = [], 0.0
            for b in blocks:  # larger networks carry more users, sub-linearly
                total += min(b.size, 1 << 24 if version == 4 else 1 << 40) ** 0.5
                cum.append(total)
            self._blocks[(str(cc), str(kind), int(version))] = (blocks, cum)

    @classmethod
    def load(cls, path: Path | str | None = None) -> IpPools:
        """The pools at ``path``, or the shipped ones."""
        return _load(Path(path) if path else _shipped_path())

    def has(self, country: str, kind: str, version: int = 4) -> bool:
        return (country, kind, version) in self._blocks

    def countries(self, kind: str = "residential") -> set[str]:
        return {c for (c, k, v) in self._blocks if k == kind and v == 4}

    def block(self, rng: random.Random, country: str, kind: str, version: int = 4) -> Block:
        """One range of (country, kind), falling back to a near kind, then to a big country."""
        key = self._resolve(country, kind, version)
        blocks, cum = self._blocks[key]
        i = bisect.bisect_right(cum, rng.random() * cum[-1])
        return blocks[min(i, len(blocks) - 1)]

    def address(self, rng: random.Random, block: Block) -> str:
        """A random host address inside ``block`` (never .0 or .255 for IPv4)."""
        if block.version == 4:
            for _ in range(8):
                x = block.start + rng.randrange(block.size)
                if 0 < (x & 255) < 255:
                    break
            return f"{x >> 24}.{(x >> 16) & 255}.{(x >> 8) & 255}.{x & 255}"
        x = block.start + rng.randrange(block.size)
        return str(ipaddress.IPv6Address(x | 1 if (x & 0xFFFF) == 0 else x))

    def draw(self, rng: random.Random, country: str, kind: str, version: int = 4) -> str:
        return self.address(rng, self.block(rng, country, kind, version))

    def _resolve(self, country: str, kind: str, version: int) -> tuple[str, str, int]:
        for v in (version, 4):
            if (country, kind, v) in self._blocks:
                return (country, kind, v)
            for k in _FALLBACK_KINDS[kind]:
                if (country, k, v) in self._blocks:
                    return (country, k, v)
        for cc in _FALLBACK_COUNTRIES:
            if (cc, kind, 4) in self._blocks:
                return (cc, kind, 4)
        return next(iter(self._blocks))


def _shipped_path() -> Path:
    for p in POOL_PATHS:
        if p.exists():
            return p
    raise FileNotFoundError(
        f"no IP pool file in {SHIPPED_GEO_DIR}; build it with `python scripts/build_geodata.py`")


@cache
def _load(path: Path) -> IpPools:
    if path.suffix == ".parquet":
        table = pd.read_parquet(path)
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return IpPools(table)


def _to_int(value: object) -> int:
    if isinstance(value, str) and not value.isdigit():
        return int(ipaddress.ip_address(value))
    return int(value)  # type: ignore[call-overload]


def _normalise(table: pd.DataFrame) -> pd.DataFrame:
    """Columns country, kind, asn, org, ip_version, start, end (integers) whatever the layout."""
    t = table.copy()
    t.columns = [c.lower() for c in t.columns]
    if "cidr" in t.columns and "first_ip" not in t.columns:
        nets = [ipaddress.ip_network(c, strict=False) for c in t["cidr"]]
        t["start"] = [int(n.network_address) for n in nets]
        t["end"] = [int(n.broadcast_address) for n in nets]
    elif "first_ip" in t.columns:
        t["start"] = [_to_int(v) for v in t["first_ip"]]
        t["end"] = [_to_int(v) for v in t["last_ip"]]
    else:
        t["start"] = [_to_int(v) for v in t["start"]]
        t["end"] = [_to_int(v) for v in t["end"]]
    if "ip_version" not in t.columns:
        t["ip_version"] = [4 if e < 2**32 else 6 for e in t["end"]]
    t["ip_version"] = t["ip_version"].astype(int)
    t["asn"] = pd.to_numeric(t.get("asn", 0), errors="coerce").fillna(0).astype("int64")
    t["org"] = t.get("org", "").astype(str) if "org" in t.columns else ""
    t["country"] = t["country"].astype(str).str.upper()
    t["kind"] = t["kind"].astype(str).str.lower()
    t = t[t["kind"].isin(KINDS)]
    if not ((t["country"] == "KP") & (t["ip_version"] == 4)).any():
        kp = dict(zip(("country", "kind", "asn", "org", "ip_version", "first_ip", "last_ip"),
                      KP_BLOCK, strict=True))
        kp.update(start=_to_int(kp["first_ip"]), end=_to_int(kp["last_ip"]))
        t = pd.concat([t, pd.DataFrame([kp])], ignore_index=True)
    return t[["country", "kind", "asn", "org", "ip_version", "start", "end"]]


def _public(b: Block) -> bool:
    """True when both ends of the range are global unicast addresses."""
    make = ipaddress.IPv4Address if b.version == 4 else ipaddress.IPv6Address
    first, last = make(b.start), make(b.start + b.size - 1)
    return b.size > 0 and all(a.is_global and not a.is_multicast for a in (first, last))
