"""The in-memory SDN list: an entries table plus a long table of normalised identifiers.

Every reader in ``sdn_formats`` produces this one shape, so screening never knows which OFAC
format the list came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from detector.signals.names import normalise_name

DPRK_PROGRAMS = frozenset({"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA"})
ENTRY_COLUMNS = ["ent_num", "name", "sdn_type", "programs", "remarks", "linked_to"]
IDENTIFIER_COLUMNS = ["ent_num", "kind", "value", "raw"]
IDENTIFIER_KINDS = ("name", "alias", "email", "email_domain", "website", "phone", "crypto")


def empty_entries() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "ent_num" else "object") for c in ENTRY_COLUMNS})


def empty_identifiers() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "ent_num" else "object") for c in IDENTIFIER_COLUMNS})


@dataclass(frozen=True)
class SdnList:
    """SDN entries and their identifiers.

    ``entries``: one row per ent_num with ``name``, ``sdn_type`` (individual, entity, vessel,
    aircraft), ``programs`` (list of program codes), ``remarks`` and ``linked_to`` (list of the
    names this entry is "Linked To").
    ``identifiers``: ``ent_num, kind, value, raw`` with ``kind`` one of ``IDENTIFIER_KINDS`` and
    ``value`` normalised for exact comparison (names with ``normalise_name``).
    """

    entries: pd.DataFrame
    identifiers: pd.DataFrame
    source: str = ""

    def __len__(self) -> int:
        return len(self.entries)

    def subset(self, ent_nums: Iterable[int]) -> SdnList:
        """The entries with the given ent_nums and their identifiers."""
        keep = set(ent_nums)
        return SdnList(
            entries=self.entries[self.entries["ent_num"].isin(keep)].reset_index(drop=True),
            identifiers=self.identifiers[self.identifiers["ent_num"].isin(keep)].reset_index(drop=True),
            source=self.source,
        )

    def identifiers_of(self, kind: str) -> pd.DataFrame:
        return self.identifiers[self.identifiers["kind"] == kind]

    def dprk_related(self) -> SdnList:
        """Entries under a DPRK program, plus entries "Linked To" one of those (one hop)."""
        is_dprk = self.entries["programs"].map(lambda ps: any(p in DPRK_PROGRAMS for p in ps))
        dprk = set(self.entries.loc[is_dprk, "ent_num"])
        names = self.identifiers[self.identifiers["kind"].isin(["name", "alias"])]
        dprk_names = set(names.loc[names["ent_num"].isin(dprk), "value"])
        linked = self.entries["linked_to"].map(
            lambda targets: any(normalise_name(t) in dprk_names for t in targets)
        )
        return self.subset(dprk | set(self.entries.loc[linked, "ent_num"]))
