"""Test fixtures.

Fixture strategy (smallest real thing first):
1. Real reference data from ``../shared/data`` (MaxMind's test databases, the ip-location-db
   MMDBs, real phone numbers, the public resume corpus). Tests that need it skip with a reason
   when ``../shared`` is absent.
2. The data shipped in the package (country/ASN MMDBs, curated anonymiser ASNs, IP pools).
3. Small synthetic worlds from ``detector synth`` (session-scoped, built once) and a model
   trained on one of them, for linking, reasons and end-to-end runs.
4. Inline records (``tests/helpers.py``) for single behaviours.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# Tests run in parallel workers on two cores: one OpenMP thread per process avoids the
# busy-waiting that makes gradient boosting many times slower under contention.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# Scoring reads the feeds loaded with `detector intel update`: tests start from an empty data
# folder of their own, never the user's (tests that need feeds load them into tmp_path).
os.environ["DETECTOR_DATA_DIR"] = tempfile.mkdtemp(prefix="detector-test-data-")

import pytest
from hypothesis import settings

atexit.register(shutil.rmtree, os.environ["DETECTOR_DATA_DIR"], ignore_errors=True)  # empty unless a test fails

# CI replays the same hypothesis examples every run (a new random failure should be found on a
# developer's machine, not block a submission); locally each run explores new examples.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_DATA = SHARED / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED_DATA} (CI places ../shared beside the checkout)")
    return SHARED_DATA
