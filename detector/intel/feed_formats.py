"""Readers of the threat-intelligence feeds a team downloads: each one validates a whole file.

The same reader checks a file before ``detector intel update`` installs it and parses the
installed copy at scoring time, so what was validated is exactly what scoring reads.

- ``sdn``: OFAC's ``sdn_advanced.xml`` or legacy ``sdn.csv`` (+ ``alt.csv``, ``sdn_comments.csv``
  beside it), optionally gzipped, or a folder holding them (``detector.sanctions``).
- ``vpn_cidrs``: one IP network per line (X4BNet's ``output/vpn/ipv4.txt``, a provider's list).
- ``hosting_asns``: one ASN per line, ``AS`` prefix optional, name after a comma or ``#``
  (brianhama's ``bad-asn-list.csv``, X4BNet's ``input/datacenter/ASN.txt``).
- ``tor_exits``: Tor exit addresses, one per line, Tor's ``exit-addresses`` format
  (``ExitAddress 1.2.3.4 ...``) or a CSV with an address column (Onionoo exports).
"""

from __future__ import annotations

import datetime as dt
import gzip
import ipaddress
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from detector.errors import InputError
from detector.sanctions.sdn_formats import beside, load_sdn
from detector.sanctions.sdn_list import SdnList

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass
class FeedContent:
    """What a validated feed file holds: its records and the date the file itself states."""

    records: int
    data_date: dt.date | None = None  # the publication date written in the file, if any
    details: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------- SDN
def sdn_files(path: Path) -> dict[str, Path]:
    """Installed name -> source file of an SDN download (the list plus its companion files)."""
    path = Path(path)
    if path.is_dir():
        for name in ("sdn_advanced.xml", "sdn_advanced.xml.gz", "sdn.csv", "sdn.csv.gz", "SDN.CSV"):
            if (path / name).is_file():
                return sdn_files(path / name)
        raise InputError(f"{path} holds neither sdn_advanced.xml nor sdn.csv; download one from "
                         "https://sanctionslist.ofac.treas.gov")
    name = path.name.lower()
    gz = ".gz" if name.endswith(".gz") else ""
    if name.endswith((".xml", ".xml.gz")):
        return {f"sdn_advanced.xml{gz}": path}
    if not name.endswith((".csv", ".csv.gz")):
        raise InputError(f"{path}: unknown SDN format; give OFAC's sdn_advanced.xml or sdn.csv (optionally .gz)")
    files = {f"sdn.csv{gz}": path}
    for stem in ("alt", "sdn_comments"):
        companion = beside(path, stem)
        if companion is not None:
            files[f"{stem}.csv" + (".gz" if companion.name.lower().endswith(".gz") else "")] = companion
    return files


def sdn_date_of_issue(path: Path) -> dt.date | None:
    """The ``DateOfIssue`` in the header of ``sdn_advanced.xml``; None for the legacy CSV."""
    if not path.name.lower().endswith((".xml", ".xml.gz")):
        return None
    parts: dict[str, int] = {}
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            for _event, elem in ET.iterparse(handle, events=("end",)):
                tag = elem.tag.rsplit("}", 1)[-1]
                if tag in ("Year", "Month", "Day") and (elem.text or "").strip().isdigit():
                    parts[tag] = int(elem.text.strip())  # type: ignore[union-attr]
                elif tag == "DateOfIssue":
                    break
                elif tag in ("ReferenceValueSets", "DistinctParty"):
                    return None
    except (ET.ParseError, OSError, EOFError):
        return None  # the full read reports the problem
    try:
        return dt.date(parts["Year"], parts["Month"], parts["Day"])
    except (KeyError, ValueError):
        return None


def read_sdn_feed(folder_or_file: Path) -> tuple[SdnList, FeedContent]:
    """Parse an SDN download fully; refuse one without any DPRK-programme entry."""
    files = sdn_files(Path(folder_or_file))
    main = next(iter(files.values()))
    sdn = load_sdn(main)
    dprk = sdn.dprk_related()
    if len(dprk) == 0:
        raise InputError(f"{main} holds {len(sdn)} SDN entries but none under a DPRK programme; "
                         "it is truncated or not OFAC's full SDN list: download it again")
    ids = dprk.identifiers["kind"].value_counts()
    details = {"dprk_related_entries": len(dprk),
               **{f"dprk_{kind}": int(ids.get(kind, 0)) for kind in ("crypto", "email", "website", "phone")}}
    return sdn, FeedContent(records=len(sdn), data_date=sdn_date_of_issue(main), details=details)


# ---------------------------------------------------------------------------- line lists
def installed_file(folder: Path) -> Path:
    """The one file of an installed single-file feed version."""
    return next(p for p in sorted(Path(folder).iterdir()) if p.is_file())


def _text(path: Path) -> str:
    """The file as text (gunzipped for ``.gz``); undecodable bytes are an error, not skipped."""
    try:
        raw = Path(path).read_bytes()
        return (gzip.decompress(raw) if path.name.endswith(".gz") else raw).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}; download the list again") from exc


def _lines(path: Path) -> list[tuple[int, str]]:
    """Numbered non-empty lines without ``#`` comments."""
    text = _text(path)
    return [(n, line.split("#", 1)[0].strip()) for n, line in enumerate(text.splitlines(), start=1)
            if line.split("#", 1)[0].strip()]


def read_cidr_feed(path: Path) -> tuple[list[Network], FeedContent]:
    """One network (or bare address) per line; a bad line names the file and line."""
    networks: list[Network] = []
    for number, entry in _lines(Path(path)):
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise InputError(f"{path}:{number}: {entry[:60]!r} is not an IP network ({error}); write one "
                             "CIDR such as 203.0.113.0/24 per line; the download may be truncated") from error
    return networks, FeedContent(records=len(networks))


_ASN = re.compile(r'^\s*"?\s*(?:AS)?(\d{1,10})\s*"?\s*$', re.IGNORECASE)


def read_asn_feed(path: Path) -> tuple[dict[int, str], FeedContent]:
    """ASN -> name from ``ASN,Name`` CSV rows or ``AS123 # name`` lines (a header row is skipped)."""
    path = Path(path)
    asns: dict[int, str] = {}
    for number, line in enumerate(_text(path).splitlines(), start=1):
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        first, _, rest = body.partition(",")
        match = _ASN.match(first)
        if match is None:
            if number == 1:
                continue  # header such as "ASN,Entity"
            raise InputError(f"{path}:{number}: {first.strip()!r} is not an AS number; write one ASN "
                             "per line such as 'AS3223 # VOXILITY' or '3223,\"VOXILITY, RO\"'")
        name = (rest.strip().strip('"').strip() or comment.strip())
        asns[int(match.group(1))] = name
    return asns, FeedContent(records=len(asns))


_TOR_HEADERS = ("ExitNode", "Published", "LastStatus")


def read_tor_exits(path: Path) -> tuple[list[Network], FeedContent]:
    """Tor exit addresses from ``exit-addresses``, a plain list, or a CSV with an address column."""
    path = Path(path)
    networks: list[Network] = []
    for number, line in _lines(path):
        tokens = [t for t in re.split(r"[\s,]+", line) if t]
        if not tokens:  # an empty CSV row such as ","
            continue
        if tokens[0] in _TOR_HEADERS:
            continue
        if tokens[0] == "ExitAddress" and len(tokens) > 1:
            tokens = tokens[1:2]
        found = None
        for token in tokens:
            try:
                found = ipaddress.ip_network(token, strict=False)
                break
            except ValueError:
                continue
        if found is None:
            if number == 1:
                continue  # header such as "fingerprint, ipaddr, port"
            raise InputError(f"{path}:{number}: no IP address in {line[:60]!r}; give Tor's exit-addresses "
                             "file or one exit IP per line")
        networks.append(found)
    return networks, FeedContent(records=len(set(networks)))
