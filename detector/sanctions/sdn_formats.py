"""Readers for OFAC's published SDN formats, all producing an ``SdnList``.

- legacy CSV: ``sdn.csv`` (no header, 12 columns, ``-0-`` for empty) with optional ``alt.csv``
  (aliases) and ``sdn_comments.csv`` (remarks cut at 1,000 characters continue there) beside it;
  identifiers are extracted from the Remarks text with regexes;
- advanced XML: ``sdn_advanced.xml`` (names, programs, features and relationships as elements).

Identifier normalisers live here too, so the list and the applicant side compare equal forms.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from detector.errors import InputError
from detector.sanctions.sdn_list import (
    ENTRY_COLUMNS,
    IDENTIFIER_COLUMNS,
    SdnList,
)
from detector.signals.identity import WEBMAIL_DOMAINS as IDENTITY_WEBMAIL_DOMAINS
from detector.signals.names import normalise_name

SDN_CSV_COLUMNS = [
    "ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
    "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks",
]
# Free mail providers: a shared address domain says nothing about who holds the address.
WEBMAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "hotmail.com", "outlook.com",
    "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mail.ru", "inbox.ru", "list.ru",
    "bk.ru", "yandex.ru", "yandex.com", "ya.ru", "rambler.ru", "protonmail.com", "proton.me",
    "gmx.com", "gmx.de", "gmx.net", "web.de", "qq.com", "163.com", "126.com", "sina.com",
    "naver.com", "daum.net", "hanmail.net", "zoho.com", "tutanota.com", "mail.com",
    # Regional providers whose domains SDN entries use (ukr.net: 2 entries in the 2024 list):
    # without them every Ukrainian webmail user would "match" a sanctioned port authority.
    "ukr.net", "i.ua", "meta.ua", "bigmir.net", "mail.ua", "yandex.ua", "yandex.kz", "yandex.by",
    "yeah.net", "sina.cn", "sohu.com", "foxmail.com", "aliyun.com", "139.com", "nate.com",
    "kakao.com", "rediffmail.com", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "onet.pl",
    "libero.it", "t-online.de", "orange.fr", "laposte.net", "free.fr", "inbox.lv", "pm.me",
    "hushmail.com", "tuta.io", "tutanota.de", "internet.ru",
}) | IDENTITY_WEBMAIL_DOMAINS  # the identity signal's list, so screening never treats those as organisations
# Country variants of the big providers (outlook.kr is in the DPRK subset, hotmail.fr, yahoo.co.jp).
WEBMAIL_BRANDS = re.compile(
    r"^(?:outlook|hotmail|live|yahoo|ymail|rocketmail|aol|gmx|yandex|msn|windowslive|gmail)"
    r"\.(?:[a-z]{2,3}\.)?[a-z]{2,3}$")
# Hosts shared by many unrelated users: compare host plus the account (first path segment).
CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "t.me", "telegram.me",
                        "facebook.com", "linkedin.com", "twitter.com", "x.com", "instagram.com"})


# ---------------------------------------------------------------------------- normalisers
def normalise_email(value: object) -> str:
    """Lower-cased address without surrounding spaces or a trailing full stop; '' if none."""
    if not isinstance(value, str) or "@" not in value:
        return ""
    return value.strip().strip(".;,").lower().removeprefix("mailto:")


def email_domain(value: object) -> str:
    """The domain of an address, '' for webmail domains (gmail.com says nothing)."""
    email = normalise_email(value)
    domain = email.rpartition("@")[2]
    return "" if not domain or domain in WEBMAIL_DOMAINS or WEBMAIL_BRANDS.match(domain) else domain


def normalise_website(value: object) -> str:
    """Host without scheme and ``www.``; plus the account for shared hosts (github.com/user)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip().strip(".;,").lower()
    if "://" not in text:
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return ""
    if host in CODE_HOSTS:
        account = parts.path.strip("/").split("/")[0]
        return f"{host}/{account}" if account else ""
    return host


def normalise_phone(value: object) -> str:
    """E.164 digits (no '+', no international ``00`` prefix); '' if fewer than 7 digits."""
    if not isinstance(value, str):
        return ""
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("00") or (digits.startswith("00") and not value.strip().startswith("+")):
        digits = digits[2:]
    return digits if len(digits) >= 7 else ""


def normalise_crypto(value: object) -> str:
    """EVM addresses (0x...) lower-cased (checksums vary in case); others kept case-sensitive."""
    if not isinstance(value, str):
        return ""
    text = value.strip().strip(".;,")
    return text.lower() if text.lower().startswith("0x") else text


# ---------------------------------------------------------------------------- remarks
_ALT = re.compile(r"^(?:alt\.\s+)+", re.IGNORECASE)
_EMAIL = re.compile(r"^E-?mail(?: Address)?\s*:?\s+(\S+@\S+)", re.IGNORECASE)
_WEBSITE = re.compile(r"^Website\s+(\S+)", re.IGNORECASE)
_PHONE = re.compile(r"^(?:Phone(?: Number)?|Telephone(?: No\.)?:?)\s*:?\s*([+(\d][\d\s().+-]{5,})", re.IGNORECASE)
_CRYPTO = re.compile(r"^Digital Currency Address\s*-\s*([A-Za-z0-9]+)\s+(\S+)", re.IGNORECASE)
_ALIAS = re.compile(r"^[afn]\.k\.a\.,?\s+'(.+)'\.?$", re.IGNORECASE)
_LINKED = re.compile(r"^Linked To:\s+(.+)$", re.IGNORECASE)


def parse_remarks(remarks: str) -> dict[str, list]:
    """Aliases, linked names, emails, websites, phones and (chain, address) pairs in Remarks."""
    found: dict[str, list] = defaultdict(list)
    items = re.split(r";\s*", remarks or "")
    for number, raw_item in enumerate(items):
        item = _ALT.sub("", raw_item.strip())
        last = number == len(items) - 1
        if m := _ALIAS.match(item):
            found["alias"].append(m.group(1).strip())
        elif m := _LINKED.match(item):
            name = m.group(1).strip()
            # Remarks end with a full stop: "Linked To: ACME LTD.." is "ACME LTD.".
            found["linked_to"].append(name[:-1] if last and name.endswith(".") else name)
        elif m := _EMAIL.match(item):
            found["email"].append(m.group(1))
        elif m := _WEBSITE.match(item):
            found["website"].append(m.group(1))
        elif m := _PHONE.match(item):
            found["phone"].append(re.split(r"\s*(?:ext\.?|/|,)", m.group(1), flags=re.IGNORECASE)[0])
        elif m := _CRYPTO.match(item):
            found["crypto"].append((m.group(1).upper(), m.group(2)))
    return found


def _identifier_rows(ent_num: int, kind: str, raw: str) -> list[tuple[int, str, str, str]]:
    """Normalised identifier rows for one raw value (an email also yields its domain)."""
    if kind in ("name", "alias"):
        value = normalise_name(raw.replace("'", "").replace("\u2019", ""))
        return [(ent_num, kind, value, raw)] if value else []
    if kind == "email":
        rows = [(ent_num, "email", v, raw) for v in [normalise_email(raw)] if v]
        return rows + [(ent_num, "email_domain", d, raw) for d in [email_domain(raw)] if d]
    normaliser = {"website": normalise_website, "phone": normalise_phone, "crypto": normalise_crypto}[kind]
    value = normaliser(raw)
    return [(ent_num, kind, value, raw)] if value else []


def _build(entries: list[dict], identifiers: Iterable[tuple], source: str) -> SdnList:
    table = pd.DataFrame(entries, columns=ENTRY_COLUMNS)
    table["ent_num"] = table["ent_num"].astype("int64")
    ids = pd.DataFrame(list(identifiers), columns=IDENTIFIER_COLUMNS).drop_duplicates()
    ids["ent_num"] = ids["ent_num"].astype("int64")
    return SdnList(entries=table, identifiers=ids.reset_index(drop=True), source=source)


# ---------------------------------------------------------------------------- legacy CSV
def _read_text(path: Path) -> str:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read OFAC file {path}: {exc}; download it again from OFAC") from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_rows(path: Path, n_columns: int) -> list[list[str]]:
    """Rows of an OFAC CSV with '-0-' as '', the trailing EOF marker dropped; checked widths."""
    text = _read_text(path)
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):
                continue
            if len(row) != n_columns or not row[0].strip().isdigit():
                raise InputError(
                    f"{path} line {number}: expected {n_columns} OFAC columns starting with a numeric "
                    f"ent_num, found {len(row)} ({row[:2]!r}); the file is truncated or not in OFAC's "
                    "format: download it again from https://sanctionslist.ofac.treas.gov"
                )
            rows.append([("" if v.strip() == "-0-" else v.strip()) for v in row])
    except csv.Error as exc:
        raise InputError(f"{path} is not valid CSV ({exc}); download it again from OFAC") from exc
    return rows


def beside(path: Path, stem: str) -> Path | None:
    """The companion file ``stem.csv`` (alt, sdn_comments) OFAC publishes next to ``sdn.csv``."""
    for name in (f"{stem}.csv", f"{stem}.csv.gz", f"{stem.upper()}.CSV"):
        if (candidate := path.parent / name).is_file():
            return candidate
    return None


def read_sdn_csv(path: str | Path, alt_path: str | Path | None = None,
                 comments_path: str | Path | None = None) -> SdnList:
    """Read a legacy ``sdn.csv`` (optionally gzipped) with optional alt.csv/sdn_comments.csv."""
    path = Path(path)
    rows = _csv_rows(path, len(SDN_CSV_COLUMNS))
    if not rows:
        raise InputError(f"{path} holds no SDN rows; download sdn.csv again from OFAC")
    extensions: dict[int, str] = defaultdict(str)
    if comments_path is not None:
        for row in _csv_rows(Path(comments_path), 2):
            extensions[int(row[0])] += row[1]
    aliases: dict[int, list[str]] = defaultdict(list)
    if alt_path is not None:
        for row in _csv_rows(Path(alt_path), 5):
            if row[3]:
                aliases[int(row[0])].append(row[3])
    entries, identifiers = [], []
    for row in rows:
        ent_num = int(row[0])
        remarks = row[11] + extensions.get(ent_num, "")
        found = parse_remarks(remarks)
        programs = [p.strip() for p in re.split(r"\]\s*\[", row[3].strip("[] ")) if p.strip()]
        entries.append({
            "ent_num": ent_num, "name": row[1], "sdn_type": row[2].lower() or "entity",
            "programs": programs, "remarks": remarks, "linked_to": found.get("linked_to", []),
        })
        identifiers += _identifier_rows(ent_num, "name", row[1])
        for alias in found.get("alias", []) + aliases.get(ent_num, []):
            identifiers += _identifier_rows(ent_num, "alias", alias)
        for kind in ("email", "website", "phone"):
            for value in found.get(kind, []):
                identifiers += _identifier_rows(ent_num, kind, value)
        for _chain, address in found.get("crypto", []):
            identifiers += _identifier_rows(ent_num, "crypto", address)
    return _build(entries, identifiers, str(path))


# ---------------------------------------------------------------------------- advanced XML
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in elem.iter() if _local(e.tag) == name]


_FEATURE_KINDS = {"email address": "email", "website": "website", "phone number": "phone"}


def read_sdn_advanced_xml(path: str | Path) -> SdnList:
    """Read OFAC's ``sdn_advanced.xml`` (namespaced or not) with ``iterparse``, tolerantly."""
    path = Path(path)
    feature_types: dict[str, str] = {}
    alias_types: dict[str, str] = {}
    sanctions_types: dict[str, str] = {}
    subtype_party: dict[str, str] = {}
    party_types: dict[str, str] = {}
    profiles: dict[int, dict] = {}
    programs: dict[int, list[str]] = defaultdict(list)
    relations: list[tuple[int, int]] = []
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            for _event, elem in ET.iterparse(handle, events=("end",)):
                tag = _local(elem.tag)
                text = (elem.text or "").strip()
                if tag == "FeatureType":
                    feature_types[elem.get("ID", "")] = text
                elif tag == "AliasType":
                    alias_types[elem.get("ID", "")] = text
                elif tag == "SanctionsType":
                    sanctions_types[elem.get("ID", "")] = text
                elif tag == "PartySubType":
                    subtype_party[elem.get("ID", "")] = elem.get("PartyTypeID", "")
                elif tag == "PartyType":
                    party_types[elem.get("ID", "")] = text
                elif tag == "DistinctParty":
                    for profile in _children(elem, "Profile"):
                        _read_profile(profile, feature_types, alias_types, profiles)
                    elem.clear()
                elif tag == "SanctionsEntry" and elem.get("ProfileID", "").isdigit():
                    for measure in _children(elem, "SanctionsMeasure"):
                        kind = sanctions_types.get(measure.get("SanctionsTypeID", ""), "Program")
                        comment = next((c.text for c in _children(measure, "Comment") if c.text), "")
                        if kind.lower() == "program" and comment.strip():
                            programs[int(elem.get("ProfileID", ""))].append(comment.strip())
                    elem.clear()
                elif tag == "ProfileRelationship":
                    src, dst = elem.get("From-ProfileID", ""), elem.get("To-ProfileID", "")
                    if src.isdigit() and dst.isdigit():
                        relations.append((int(src), int(dst)))
                elif tag in ("Location", "IDRegDocument"):
                    elem.clear()
    except ET.ParseError as exc:
        raise InputError(
            f"{path} is not well-formed XML ({exc}); the download is truncated or not OFAC's "
            "sdn_advanced.xml: download it again from https://sanctionslist.ofac.treas.gov"
        ) from exc
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read {path}: {exc}; download sdn_advanced.xml again") from exc
    if not profiles:
        raise InputError(f"{path} holds no DistinctParty/Profile elements; is it OFAC's sdn_advanced.xml?")
    linked: dict[int, list[str]] = defaultdict(list)
    for src, dst in relations:
        if src in profiles and dst in profiles:
            linked[src].append(profiles[dst]["name"])
    entries, identifiers = [], []
    for ent_num, record in profiles.items():
        party = party_types.get(subtype_party.get(record["subtype"], ""), "")
        sdn_type = {"individual": "individual", "vessel": "vessel", "aircraft": "aircraft"}.get(
            party.lower(), "entity")
        entries.append({
            "ent_num": ent_num, "name": record["name"], "sdn_type": sdn_type,
            "programs": list(dict.fromkeys(programs.get(ent_num, []))), "remarks": "",
            "linked_to": linked.get(ent_num, []),
        })
        for kind, raw in record["identifiers"]:
            identifiers += _identifier_rows(ent_num, kind, raw)
    return _build(entries, identifiers, str(path))


def _read_profile(profile: ET.Element, feature_types: dict[str, str], alias_types: dict[str, str],
                  profiles: dict[int, dict]) -> None:
    profile_id = profile.get("ID", "")
    if not profile_id.isdigit():
        return
    primary, found = "", []
    for alias in _children(profile, "Alias"):
        for documented in _children(alias, "DocumentedName"):
            name = " ".join(v.text.strip() for v in _children(documented, "NamePartValue") if v.text)
            if not name:
                continue
            is_primary = alias.get("Primary", "").lower() == "true"
            if is_primary and not primary:
                primary = name
            else:
                found.append(("alias", name))
    for feature in _children(profile, "Feature"):
        ftype = feature_types.get(feature.get("FeatureTypeID", ""), "").strip()
        kind = "crypto" if ftype.lower().startswith("digital currency address") else _FEATURE_KINDS.get(ftype.lower())
        if kind is None:
            continue
        for detail in _children(feature, "VersionDetail"):
            if detail.text and detail.text.strip():
                found.append((kind, detail.text.strip()))
    if not primary and found and found[0][0] == "alias":
        primary = found.pop(0)[1]
    profiles[int(profile_id)] = {
        "name": primary, "subtype": profile.get("PartySubTypeID", ""),
        "identifiers": [("name", primary), *found] if primary else found,
    }


# ---------------------------------------------------------------------------- dispatch
def load_sdn(path_or_folder: str | Path) -> SdnList:
    """Read an SDN list from sdn.csv[.gz] (alt.csv/sdn_comments.csv beside it), an XML, or a folder."""
    path = Path(path_or_folder)
    if path.is_dir():
        for name in ("sdn_advanced.xml", "sdn_advanced.xml.gz", "sdn.csv", "sdn.csv.gz", "SDN.CSV"):
            if (path / name).is_file():
                return load_sdn(path / name)
        raise InputError(f"{path} holds neither sdn_advanced.xml nor sdn.csv; download one from OFAC")
    if not path.is_file():
        raise InputError(f"SDN list {path} not found; pass the path of sdn.csv or sdn_advanced.xml")
    if path.stat().st_size == 0:
        raise InputError(f"SDN list {path} is empty; download it again from OFAC")
    name = path.name.lower()
    if name.endswith((".xml", ".xml.gz")):
        return read_sdn_advanced_xml(path)
    if name.endswith((".csv", ".csv.gz")):
        return read_sdn_csv(path, beside(path, "alt"), beside(path, "sdn_comments"))
    raise InputError(f"{path}: unknown SDN format; use sdn.csv(.gz) or sdn_advanced.xml")
