"""`detector drift`: population stability per feature and the score shift, JSON and HTML."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector.model.drift import feature_drift, psi, score_drift
from tests.browser import open_offline
from tests.retraining_world import make_world, run


def test_psi_is_zero_for_the_same_distribution_and_grows_with_a_shift():
    rng = np.random.default_rng(0)
    reference = rng.normal(0, 1, 20000)
    assert psi(reference, rng.normal(0, 1, 20000)) < 0.01
    assert 0.1 < psi(reference, rng.normal(0.4, 1, 20000)) < psi(reference, rng.normal(1, 1, 20000))


def test_psi_counts_missing_values_as_their_own_bin():
    rng = np.random.default_rng(1)
    reference = rng.random(10000)
    current = rng.random(10000)
    current[:4000] = np.nan  # a field stopped arriving for 40% of profiles
    assert psi(reference, current) > 0.2


def test_psi_handles_binary_and_constant_features():
    rng = np.random.default_rng(2)
    reference = (rng.random(10000) < 0.1).astype(float)
    assert psi(reference, (rng.random(10000) < 0.1).astype(float)) < 0.01
    assert psi(reference, (rng.random(10000) < 0.5).astype(float)) > 0.2
    assert psi(np.zeros(100), np.zeros(100)) == pytest.approx(0.0)
    assert psi(np.full(100, np.nan), np.full(100, np.nan)) == pytest.approx(0.0)


def test_feature_drift_flags_only_the_moved_column():
    rng = np.random.default_rng(3)
    reference = pd.DataFrame({"a": rng.random(5000), "b": rng.random(5000)})
    current = pd.DataFrame({"a": rng.random(5000), "b": rng.random(5000) ** 3})
    table = feature_drift(reference, current, threshold=0.2)
    assert table.iloc[0]["feature"] == "b"
    assert table.set_index("feature")["flagged"].to_dict() == {"b": True, "a": False}


def test_score_drift_reports_the_review_share():
    out = score_drift(np.linspace(0, 1, 1000), np.linspace(0, 1, 1000) ** 0.5, review_threshold=0.9)
    assert out["current_review_share"] > out["reference_review_share"]
    assert out["ks_statistic"] > 0.1


@pytest.fixture(scope="module")
def drifted(tmp_path_factory) -> dict:
    """A world and the same world after its phone field stopped arriving."""
    folder = tmp_path_factory.mktemp("drift")
    reference = make_world(folder, 1500, 41, "reference")
    records = [json.loads(line) for line in gzip.open(reference, "rt")]
    for record in records:
        record.pop("phone", None)
    current = folder / "current.jsonl"
    current.write_text("".join(json.dumps(r) + "\n" for r in records))
    metrics = folder / "current.drift.json"
    result = run("drift", "--reference", str(reference), "--current", str(current),
                 "--metrics", str(metrics))
    return {"folder": folder, "result": result, "metrics": json.loads(metrics.read_text()),
            "report": metrics.with_suffix(".html")}


@pytest.mark.slow
def test_drift_flags_the_phone_features_and_nothing_else(drifted):
    metrics = drifted["metrics"]
    flagged = set(metrics["flagged_features"])
    assert flagged, drifted["result"].stdout
    assert all(name.startswith(("id_phone", "link_phone")) or "phone" in name for name in flagged), flagged
    rows = {row["feature"]: row for row in metrics["features"]}
    assert rows["id_phone_invalid"]["current_missing"] == 1.0
    assert rows["net_anonymiser_share"]["psi"] < 0.01
    assert rows["tz_night_share"]["psi"] < 0.01
    assert {"psi", "ks_statistic", "reference_review_share"} <= set(metrics["scores"])
    assert "id_phone_invalid" in drifted["result"].stdout


@pytest.mark.slow
def test_drift_report_opens_offline_with_plots(drifted):
    seen = open_offline(drifted["report"])
    assert seen["requests"] == []
    alts = {i["alt"] for i in seen["images"] if i["complete"] and i["width"] > 300}
    assert {"Score distribution", "Population stability index per feature",
            "Distribution of id_phone_invalid"} <= alts
    assert {"Score shift", "Features"} <= set(seen["headings"])


@pytest.mark.slow
def test_drift_rejects_a_bad_threshold(drifted, tmp_path):
    world = next(Path(drifted["folder"]).glob("reference.jsonl.gz"))
    result = run("drift", "--reference", str(world), "--current", str(world), "--threshold", "0",
                 "--metrics", str(tmp_path / "d.json"), check=False)
    assert result.returncode == 3
    assert "positive PSI" in result.stderr


def test_score_psi_sees_a_shift_in_the_top_tail():
    # Most scores near zero on both sides; the review-worthy tail grows from 1% to 10%.
    rng = np.random.default_rng(4)
    reference = np.r_[rng.random(9900) * 0.05, 0.5 + rng.random(100) * 0.5]
    current = np.r_[rng.random(9000) * 0.05, 0.5 + rng.random(1000) * 0.5]
    assert psi(reference, current) < 0.1  # deciles alone hide it inside the top bin
    assert score_drift(reference, current, review_threshold=0.5)["psi"] > 0.2
