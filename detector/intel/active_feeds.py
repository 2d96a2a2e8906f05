"""The feeds a scoring run uses: read from the data folder at scoring time, never baked into a model.

Loaded VPN ranges, hosting ASNs and Tor exits add to the shipped curated lists and the user's
``--vpn-cidrs`` files; the SDN list switches sanctions screening on. Each run records the
version of every feed it read (``versions``), so a score can be traced to the data behind it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from detector.errors import ConfigurationError
from detector.geo.cidr_lists import CidrList
from detector.intel.feed_formats import (
    installed_file,
    read_asn_feed,
    read_cidr_feed,
    read_sdn_feed,
    read_tor_exits,
)
from detector.intel.feed_store import FeedStore
from detector.sanctions.sdn_list import SdnList
from detector.settings import Settings, default_data_dir


@dataclass
class ActiveFeeds:
    """Parsed current feeds plus their versions and staleness warnings."""

    sdn: SdnList | None = None  # the list screened (scope applied), None = screening off
    sdn_entries_total: int = 0
    cidr_lists: list[CidrList] = field(default_factory=list)
    hosting_asns: dict[int, tuple[str, str]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    stale: dict[str, float] = field(default_factory=dict)  # feed -> age in days

    @classmethod
    def load(cls, settings: Settings, now: dt.datetime | None = None) -> ActiveFeeds:
        """Read every loaded feed from ``settings.data_dir`` (missing feeds are simply absent)."""
        store = FeedStore(settings.data_dir or default_data_dir())
        feeds = cls()
        for status in store.status(settings.feed_max_age_days, now=now):
            folder = store.folder(status.feed) if status.manifest else None
            if folder is None or status.manifest is None:
                continue
            feeds.versions[status.feed] = status.manifest["version"]
            if status.stale and status.age_days is not None:
                feeds.stale[status.feed] = status.age_days
            feeds._read(status.feed, folder, settings)
        return feeds

    def _read(self, feed: str, folder: Path, settings: Settings) -> None:
        if feed == "sdn":
            if settings.sanctions_scope not in ("dprk", "all"):
                raise ConfigurationError(f"sanctions_scope {settings.sanctions_scope!r} is unknown; set "
                                         "DETECTOR_SANCTIONS_SCOPE to 'dprk' (default) or 'all'")
            sdn, _ = read_sdn_feed(folder)
            self.sdn_entries_total = len(sdn)
            self.sdn = sdn if settings.sanctions_scope == "all" else sdn.dprk_related()
        elif feed == "vpn_cidrs":
            self.cidr_lists.append(CidrList.from_networks("feed:vpn_cidrs", "vpn", read_cidr_feed(installed_file(folder))[0]))
        elif feed == "tor_exits":
            self.cidr_lists.append(CidrList.from_networks("feed:tor_exits", "tor", read_tor_exits(installed_file(folder))[0]))
        elif feed == "hosting_asns":
            self.hosting_asns = {asn: (name or f"AS{asn}", "hosting")
                                 for asn, name in read_asn_feed(installed_file(folder))[0].items()}

    def versions_with(self, geo) -> dict[str, str]:
        """What a run records in ``feed_versions``: these feeds and the MaxMind databases read."""
        return {**self.versions, **(geo.database_versions() if hasattr(geo, "database_versions") else {})}
