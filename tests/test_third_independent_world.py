"""The third independent world (scripts/third_independent_world.py) is valid input for the detector.

The world exists to measure the model on data nobody fitted it to; that measurement is only worth
something if every generated record is read and scored (none silently rejected) and the truth file
names what each applicant really is.
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import ipaddress
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from detector.cli import main

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "third_independent_world.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("third_independent_world", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their annotations through sys.modules
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def world_module() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def small_world(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path, world_module: ModuleType
) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("third_world") / "world.jsonl.gz"
    return world_module.write_world(600, 11, out, shared_data)


def _records(path: Path) -> list[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _truth(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
def test_every_generated_record_is_scored_and_none_rejected(
    small_world: tuple[Path, Path], tmp_path: Path
) -> None:
    world, _ = small_world
    scores = tmp_path / "scores.csv"
    result = CliRunner().invoke(main, ["score", str(world), "-o", str(scores)])
    assert result.exit_code == 0, result.output
    with open(scores, newline="", encoding="utf-8") as handle:
        scored = {row["applicant_id"] for row in csv.DictReader(handle)}
    rejects = tmp_path / "scores.rejects.csv"
    with open(rejects, newline="", encoding="utf-8") as handle:
        rejected = list(csv.DictReader(handle))
    assert rejected == []
    assert scored == {str(r["applicant_id"]) for r in _records(world)}
    assert len(scored) == 600


def test_truth_file_covers_every_applicant_with_its_label(small_world: tuple[Path, Path]) -> None:
    world, truth_path = small_world
    records = {str(r["applicant_id"]): r for r in _records(world)}
    truth = _truth(truth_path)
    assert sorted(row["applicant_id"] for row in truth) == sorted(records)
    assert len(truth) == len(records) == 600
    for row in truth:
        assert int(row["label"]) == records[row["applicant_id"]]["label"]
        assert (row["segment"] == "front") == (row["label"] == "1")
        assert bool(row["tactic"]) == (row["label"] == "1")


def test_world_holds_every_lookalike_segment_and_a_realistic_front_share(
    small_world: tuple[Path, Path], world_module: ModuleType
) -> None:
    _, truth_path = small_world
    truth = _truth(truth_path)
    segments = {row["segment"] for row in truth}
    assert set(world_module.SEGMENTS) <= segments  # RED_FLAGS.md section 3, each by name
    fronts = [row for row in truth if row["label"] == "1"]
    assert 0.03 <= len(fronts) / len(truth) <= 0.08
    assert {row["tactic"] for row in fronts} <= set(world_module.TACTICS)
    assert len({row["cell_id"] for row in fronts}) < len(fronts)  # fronts come in cells, not alone


def test_sessions_come_from_real_addresses_of_the_shared_ranges(
    small_world: tuple[Path, Path], shared_data: Path
) -> None:
    import maxminddb

    world, _ = small_world
    reader = maxminddb.open_database(
        str(shared_data / "ip-location-db" / "geo-whois-asn-country.mmdb")
    )
    sessions = [s for r in _records(world) for s in r["sessions"]]  # type: ignore[attr-defined]
    assert len(sessions) > 600
    located = 0
    for session in sessions:
        address = ipaddress.ip_address(session["ip"])
        assert address.is_global, session["ip"]
        located += reader.get(str(address)) is not None
    assert located / len(sessions) > 0.99


def test_each_seed_draws_another_world_and_a_seed_repeats_exactly(
    world_module: ModuleType, shared_data: Path, tmp_path: Path
) -> None:
    import random

    worlds = [world_module.draw_world(random.Random(seed)) for seed in (1, 2, 3)]
    assert len({round(w.front_share, 4) for w in worlds}) == 3
    assert len({round(w.tactic_mix["laptop_farm"], 4) for w in worlds}) == 3
    first = world_module.write_world(150, 5, tmp_path / "a.jsonl.gz", shared_data)
    again = world_module.write_world(150, 5, tmp_path / "b.jsonl.gz", shared_data)
    assert _records(first[0]) == _records(again[0])
    assert first[1].read_text() == again[1].read_text()
