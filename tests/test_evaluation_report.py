"""`detector evaluate`: the HTML report (opened in a real browser), the metrics JSON, the
champion/challenger comparison with bootstrap intervals, and the threshold table."""

from __future__ import annotations

import json

import numpy as np
import pytest

from detector.features.catalogue import FEATURE_NAMES
from detector.model.bands import Thresholds
from detector.model.bootstrap import compare_models
from detector.model.threshold_table import threshold_table
from tests.browser import open_offline
from tests.retraining_world import make_world, run, train

EXPECTED_FIGURES = {"ROC curves", "Precision-recall curves", "Calibration",
                    "Score distribution by label", "Scores by segment and tactic",
                    "False-positive rate per segment", "Recall per front tactic",
                    "Feature importance (permutation)"}


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory) -> dict:
    """A challenger trained on one world, evaluated against the shipped champion on another."""
    folder = tmp_path_factory.mktemp("evaluation")
    training = make_world(folder, 2000, 31, "train")
    test = make_world(folder, 1500, 32, "test")
    challenger = train(training, folder / "challenger")
    metrics_path = folder / "out" / "test.evaluation.json"
    metrics_path.parent.mkdir()
    result = run("evaluate", str(test), "--compare", str(challenger), "--volume", "500",
                 "--bootstrap", "100", "--metrics", str(metrics_path))
    return {"folder": folder, "test": test, "challenger": challenger, "result": result,
            "metrics": json.loads(metrics_path.read_text()),
            "report": metrics_path.with_suffix(".html")}


@pytest.mark.slow
def test_metrics_json_keeps_its_contract_and_adds_the_new_parts(evaluated):
    metrics = evaluated["metrics"]
    for key in ("model_version", "applicants", "labelled", "fronts", "model_at_1pct_fpr",
                "model_at_model_review_threshold", "rules_baseline", "rejected_records"):
        assert key in metrics
    assert metrics["volume_per_week"] == 500
    table = metrics["threshold_table"]
    assert {row["label"] for row in table} >= {"FPR <= 1.00%", "model card: review"}
    one_pct = next(row for row in table if row["label"] == "FPR <= 1.00%")
    assert one_pct["recall"] == pytest.approx(metrics["model_at_1pct_fpr"]["recall"])
    assert one_pct["weekly_reviews"] == pytest.approx(500 * one_pct["flagged_share"])
    assert len(metrics["permutation_importance"]) == len(FEATURE_NAMES)
    comparison = metrics["comparison"]
    for key in ("recall_at_fpr", "average_precision"):
        c = comparison[key]
        assert c["champion_interval"][0] <= c["champion"] <= c["champion_interval"][1]
        assert c["difference_interval"][0] <= c["difference"] <= c["difference_interval"][1]
    assert comparison["average_precision"]["champion"] == pytest.approx(
        metrics["model_at_1pct_fpr"]["average_precision"])
    assert "challenger" in evaluated["result"].stdout and "difference" in evaluated["result"].stdout
    assert f"report written to {evaluated['report']}" in evaluated["result"].stderr


@pytest.mark.slow
def test_report_opens_offline_with_every_plot_rendered(evaluated, tmp_path):
    seen = open_offline(evaluated["report"], screenshot=tmp_path / "report.png")
    assert seen["requests"] == []
    rendered = {i["alt"] for i in seen["images"] if i["complete"] and i["width"] > 300 and i["height"] > 200}
    assert rendered >= EXPECTED_FIGURES, f"missing or broken: {EXPECTED_FIGURES - rendered}"
    assert {"Headline metrics", "Champion and challenger", "Threshold table",
            "False-positive rate per segment of genuine profiles", "Recall per front tactic",
            "Most important features"} <= set(seen["headings"])
    assert "rules baseline" in seen["text"]
    assert (tmp_path / "report.png").stat().st_size > 50_000


@pytest.mark.slow
def test_report_without_segments_says_so(evaluated, tmp_path):
    # Copy the test world without its truth side file: a platform's own labelled export.
    data = tmp_path / "labelled.jsonl.gz"
    data.write_bytes(evaluated["test"].read_bytes())
    run("evaluate", str(data), "--metrics", str(tmp_path / "m.json"), "--report", str(tmp_path / "r.html"))
    seen = open_offline(tmp_path / "r.html")
    assert "carries no segments" in seen["text"]
    alts = {i["alt"] for i in seen["images"]}
    assert "False-positive rate per segment" not in alts and "ROC curves" in alts


@pytest.mark.slow
def test_no_report_writes_metrics_only(evaluated, tmp_path):
    result = run("evaluate", str(evaluated["test"]), "--metrics", str(tmp_path / "m.json"), "--no-report")
    assert (tmp_path / "m.json").exists()
    assert not list(tmp_path.glob("*.html"))
    assert "report written" not in result.stderr


def test_bootstrap_finds_a_clearly_better_challenger_and_no_difference_between_twins():
    rng = np.random.default_rng(0)
    y = (rng.random(4000) < 0.05).astype(int)
    groups = rng.integers(0, 3000, size=4000)
    good = y * 2.0 + rng.normal(0, 1, 4000)
    weak = y * 0.7 + rng.normal(0, 1, 4000)
    better = compare_models(y, weak, good, groups, n_resamples=200)
    for key in ("recall_at_fpr", "average_precision"):
        assert better[key]["difference_interval"][0] > 0
        assert better[key]["challenger_better_share"] > 0.95
    same = compare_models(y, good, good, groups, n_resamples=100)
    assert same["average_precision"]["difference_interval"] == [0.0, 0.0]


def test_bootstrap_resamples_whole_groups_so_a_network_widens_the_interval():
    rng = np.random.default_rng(1)
    n = 3000
    y = (rng.random(n) < 0.05).astype(int)
    scores = y * 1.5 + rng.normal(0, 1, n)
    singletons = np.arange(n)
    # The same rows, but every front sits in one of 3 networks: far fewer independent units.
    networks = np.where(y == 1, -rng.integers(1, 4, n), np.arange(n))
    single = compare_models(y, scores, scores * 0.5 + rng.normal(0, 0.5, n), singletons,
                            n_resamples=200)
    grouped = compare_models(y, scores, scores * 0.5 + rng.normal(0, 0.5, n), networks,
                             n_resamples=200)
    width = [r["average_precision"]["champion_interval"][1] - r["average_precision"]["champion_interval"][0]
             for r in (single, grouped)]
    assert width[1] > 1.5 * width[0]


def test_threshold_table_orders_operating_points_and_prices_them():
    rng = np.random.default_rng(2)
    y = (rng.random(5000) < 0.1).astype(int)
    scores = np.clip(y * 0.4 + rng.random(5000) * 0.6, 0, 1)
    rows = threshold_table(y, scores, volume=2000, thresholds=Thresholds(review=0.5, high=0.9))
    assert [r["threshold"] for r in rows] == sorted((r["threshold"] for r in rows), reverse=True)
    recalls = [r["recall"] for r in rows]
    assert recalls == sorted(recalls)
    for row in rows:
        flagged = (scores >= row["threshold"]).mean()
        assert row["weekly_reviews"] == pytest.approx(2000 * flagged)
        if row["label"].startswith("FPR <="):
            assert row["fpr"] <= float(row["label"].split("<= ")[1].rstrip("%")) / 100 + 1e-12
    with pytest.raises(ValueError, match="applicants per week"):
        threshold_table(y, scores, volume=0)
