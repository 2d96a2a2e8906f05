"""The project's curated list of hosting, VPN, proxy and Tor-operator ASNs (shipped CSV)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

ANONYMISER_ASNS_CSV = Path(__file__).resolve().parent / "data" / "anonymiser_asns.csv"
KINDS = ("hosting", "vpn", "proxy", "tor")


@cache
def load_anonymiser_asns(path: Path = ANONYMISER_ASNS_CSV) -> dict[int, tuple[str, str]]:
    """Map ASN -> (name, kind) from the curated CSV (columns asn,name,kind,source)."""
    result: dict[int, tuple[str, str]] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kind = row["kind"].strip()
            if kind not in KINDS:
                raise ValueError(f"{path}: ASN {row['asn']} has kind {kind!r}; use one of {KINDS}")
            result[int(row["asn"])] = (row["name"].strip(), kind)
    return result
