"""Country facts from tzdata: zones, main zone, coordinates, ISO codes."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from detector.geo import countries


def test_north_korea_keeps_pyongyang_time() -> None:
    assert countries.single_timezone("KP") == "Asia/Pyongyang"
    assert countries.utc_offset_hours("Asia/Pyongyang", datetime(2024, 1, 1, tzinfo=UTC)) == 9.0


def test_multi_zone_countries_have_no_single_zone_but_a_main_one() -> None:
    assert len(countries.timezones("US")) > 20
    assert countries.single_timezone("US") is None
    assert countries.main_timezone("US") == "America/New_York"
    assert countries.main_timezone("RU") == "Europe/Moscow"
    assert countries.main_timezone("CA") == "America/Toronto"


def test_germany_counts_as_one_zone_although_zone_tab_lists_busingen() -> None:
    assert "Europe/Busingen" in countries.timezones("DE")
    assert countries.single_timezone("DE") == "Europe/Berlin"


def test_centroid_is_near_the_main_city() -> None:
    lat, lon = countries.centroid("KP")
    assert lat == pytest.approx(39.0, abs=0.5) and lon == pytest.approx(125.75, abs=0.5)
    assert countries.centroid("XX") is None
    assert countries.centroid(None) is None


def test_vectorised_centroids_give_nan_for_unknown() -> None:
    lat, lon = countries.centroids(["DE", "ZZ", None])
    assert lat[0] == pytest.approx(52.5, abs=0.5)
    assert np.isnan(lat[1:]).all() and np.isnan(lon[1:]).all()


def test_vectorised_offsets_follow_daylight_saving() -> None:
    offsets = countries.utc_offsets_hours(
        ["America/New_York", "America/New_York", "Asia/Pyongyang", None, "Not/AZone"],
        [datetime(2024, 1, 15), datetime(2024, 7, 15), datetime(2024, 7, 15)] * 1
        + [datetime(2024, 7, 15)] * 2,
    )
    assert offsets[:3].tolist() == [-5.0, -4.0, 9.0]
    assert np.isnan(offsets[3:]).all()


def test_country_codes_are_iso_alpha2() -> None:
    assert {"KP", "US", "DE", "LA", "CN"} <= countries.COUNTRY_CODES
    assert "UK" not in countries.COUNTRY_CODES
    assert len(countries.COUNTRY_CODES) >= 249
