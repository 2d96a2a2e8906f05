"""IP geolocation: MaxMind DB readers, curated anonymiser ASNs, CIDR lists, country facts."""

from detector.geo.anonymiser_asns import load_anonymiser_asns
from detector.geo.geoip import COLUMNS, GeoLookup

__all__ = ["COLUMNS", "GeoLookup", "load_anonymiser_asns"]
