"""Sanctions screening against OFAC's SDN list (legacy CSV or advanced XML)."""

from detector.sanctions.screening import NAME_MATCH_THRESHOLD, NameIndex, screen
from detector.sanctions.sdn_formats import load_sdn, read_sdn_advanced_xml, read_sdn_csv
from detector.sanctions.sdn_list import DPRK_PROGRAMS, SdnList

__all__ = [
    "DPRK_PROGRAMS", "NAME_MATCH_THRESHOLD", "NameIndex", "SdnList", "load_sdn",
    "read_sdn_advanced_xml", "read_sdn_csv", "screen",
]
