"""UTC offsets of IANA zones at given instants, vectorised by grouping on the zone name."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd


@lru_cache(maxsize=2048)
def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def offsets_hours(times: pd.Series, zones: pd.Series) -> np.ndarray:
    """Offset in hours of ``zones[i]`` from UTC at ``times[i]``; NaN for a missing/unknown zone."""
    times = pd.Series(times).reset_index(drop=True)
    zones = pd.Series(zones).reset_index(drop=True)
    result = np.full(len(times), np.nan)
    if len(times) == 0:
        return result
    naive = times.dt.tz_convert("UTC").dt.tz_localize(None)
    codes, uniques = pd.factorize(zones)
    for code, name in enumerate(uniques):
        if not isinstance(name, str) or not _valid_zone(name):
            continue
        mask = codes == code
        local = times[mask].dt.tz_convert(name).dt.tz_localize(None)
        result[mask] = ((local - naive[mask]).dt.total_seconds() / 3600).to_numpy()
    return result
