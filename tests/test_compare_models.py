"""scripts/compare_models.py: a world's features once, then models scored on them side by side."""

import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests.retraining_world import make_world

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "compare_models.py"


def _compare(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=True)


def test_features_once_then_the_shipped_model_with_and_without_a_feature(tmp_path):
    world = make_world(tmp_path, 1200, 77, "world")
    features = tmp_path / "world.features.parquet"
    _compare("features", str(world), "-o", str(features))
    rows = pd.read_parquet(features)
    truth = pd.read_csv(tmp_path / "world.truth.csv")
    assert len(rows) == len(truth) and {"label", "segment", "tactic"} <= set(rows.columns)

    shipped = ROOT / "models" / "default"
    whole = tmp_path / "whole.csv"
    _compare("score", str(shipped), "--worlds", str(features), "--csv", str(whole))
    table = pd.read_csv(whole, header=[0, 1], index_col=0)
    column = table[("default", "world.features")]
    assert 0 < column["average_precision"] <= 1 and 0 < column["recall_at_1pct_fpr"] <= 1
    assert any(name.startswith("fpr ") for name in table.index)
    assert any(name.startswith("recall ") for name in table.index)

    # with every linking feature missing the model ranks fronts worse on the same rows
    linking = [name for name in rows.columns if name.startswith("link_")]
    blind = tmp_path / "blind.csv"
    _compare("score", str(shipped), "--worlds", str(features), "--csv", str(blind), "--blank", ",".join(linking))
    blind_column = pd.read_csv(blind, header=[0, 1], index_col=0)[("default", "world.features")]
    assert blind_column["average_precision"] < column["average_precision"]


def test_an_unknown_feature_to_blank_is_refused_by_name(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "fit", str(tmp_path / "none.parquet"), "-o",
                           str(tmp_path / "m"), "--blank", "no_such_feature"], capture_output=True, text=True)
    assert done.returncode != 0 and "not features of this code: no_such_feature" in done.stderr


def test_features_with_the_loaded_feeds_flag_the_listed_addresses(tmp_path, monkeypatch):
    """``features --feeds`` computes the world as scoring does with the data folder's feeds:
    sessions from a loaded VPN range count as anonymised; without the flag they do not."""
    import gzip
    import json

    world = make_world(tmp_path, 300, 78, "world")
    with gzip.open(world, "rt") as handle:
        people = [json.loads(line) for line in handle]
    listed = next(p for p in people if p.get("sessions") and p["sessions"][0]["ip"].count(".") == 3)
    ips = sorted({s["ip"] for s in listed["sessions"] if s["ip"].count(".") == 3})
    ranges = tmp_path / "vpn.txt"
    ranges.write_text("".join(f"{ip}/32\n" for ip in ips))
    data_dir = tmp_path / "data"
    subprocess.run([sys.executable, "-m", "detector.cli", "intel", "update", "--data-dir", str(data_dir),
                    "--vpn-cidrs", str(ranges), "--published", "2026-11-01"],
                   capture_output=True, text=True, check=True)
    monkeypatch.setenv("DETECTOR_DATA_DIR", str(data_dir))  # the subprocesses inherit it
    plain, fed = tmp_path / "plain.parquet", tmp_path / "fed.parquet"
    _compare("features", str(world), "-o", str(plain))
    _compare("features", str(world), "-o", str(fed), "--feeds")
    before = pd.read_parquet(plain).loc[listed["applicant_id"], "net_anonymiser_share"]
    after = pd.read_parquet(fed).loc[listed["applicant_id"], "net_anonymiser_share"]
    assert after > before and after > 0.5
