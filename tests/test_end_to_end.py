"""End to end through the `detector` command: synth -> train -> score -> evaluate, as a user runs it.

One small synthetic world is generated and one model trained per test session; the CLI runs
in a real subprocess so exit codes, stderr and files are what a user sees.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from detector.io.write_output import read_scores

pytestmark = pytest.mark.slow


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "detector.cli", *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"detector {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("world")
    run("synth", "-n", "2500", "-o", str(folder / "train.jsonl.gz"), "--seed", "11")
    run("synth", "-n", "1500", "-o", str(folder / "test.jsonl"), "--seed", "12")
    return folder


@pytest.fixture(scope="session")
def model_dir(world) -> Path:
    out = world / "model"
    result = run("train", str(world / "train.jsonl.gz"), "-o", str(out))
    assert "rules baseline" in result.stdout
    return out


def test_synth_writes_population_and_truth(world):
    lines = (world / "test.jsonl").read_text().splitlines()
    assert len(lines) == 1500
    truth = pd.read_csv(world / "test.truth.csv")
    assert set(truth["applicant_id"]) == {json.loads(line)["applicant_id"] for line in lines}
    assert truth["label"].sum() > 0


def test_train_writes_a_model_folder_with_card(model_dir):
    card = json.loads((model_dir / "model_card.json").read_text())
    assert (model_dir / "estimator.skops").exists()
    assert (model_dir / "MODEL_CARD.md").exists()
    assert card["thresholds"]["review"] <= card["thresholds"]["high"]
    assert "fpr_by_segment" in card["metrics"]


def test_score_every_record_scored_or_rejected(world, model_dir, tmp_path):
    # Add records that break the contract to a copy of the test world.
    lines = (world / "test.jsonl").read_text().splitlines()
    bad = [
        json.dumps({"applicant_id": "bad-country", "created_at": "2026-01-01T00:00:00Z", "claimed_country": "USA"}),
        json.dumps({"applicant_id": "bad-time", "created_at": "yesterday", "claimed_country": "US"}),
        "{not json",
    ]
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(lines + bad) + "\n")
    out = tmp_path / "scores.csv"
    result = run("score", str(source), "-o", str(out), "--model", str(model_dir))
    scores = read_scores(out)
    rejects = pd.read_csv(tmp_path / "scores.rejects.csv")
    assert len(scores) == 1500
    assert {"bad-country", "bad-time"} <= set(rejects["applicant_id"])
    assert rejects["reason"].str.contains("use 'US'").any()
    assert "rejected 3 records (3 applicants)" in result.stderr
    assert scores["score"].between(0, 1).all()
    assert set(scores["band"]) <= {"low", "review", "high"}
    flagged = scores[scores["band"] != "low"]
    assert len(flagged) > 0
    for reasons in flagged["reasons"]:
        assert reasons, "every review/high row carries at least one reason"
        assert all({"code", "contribution", "evidence"} <= set(r) for r in reasons)


def test_scores_rank_fronts_above_legitimate_profiles(world, model_dir, tmp_path):
    out = tmp_path / "scores.jsonl"
    run("score", str(world / "test.jsonl"), "-o", str(out), "--model", str(model_dir))
    scores = read_scores(out).set_index("applicant_id")
    truth = pd.read_csv(world / "test.truth.csv").set_index("applicant_id")
    joined = scores.join(truth)
    assert joined.loc[joined["label"] == 1, "score"].mean() > 3 * joined.loc[joined["label"] == 0, "score"].mean()


def test_evaluate_prints_model_and_baseline(world, model_dir, tmp_path):
    metrics_path = tmp_path / "metrics.json"
    result = run("evaluate", str(world / "test.jsonl"), "--model", str(model_dir), "--metrics", str(metrics_path))
    assert "rules baseline" in result.stdout
    metrics = json.loads(metrics_path.read_text())
    assert metrics["model_at_1pct_fpr"]["roc_auc"] > 0.8
    assert "recall_by_tactic" in metrics["model_at_1pct_fpr"]


def test_missing_model_is_a_one_line_error(world, tmp_path):
    result = run("score", str(world / "test.jsonl"), "-o", str(tmp_path / "s.csv"),
                 "--model", str(tmp_path / "nowhere"), check=False)
    assert result.returncode == 5
    assert result.stderr.count("\n") == 1 and "detector train" in result.stderr


def test_unreadable_input_is_a_one_line_error(tmp_path):
    result = run("score", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "s.csv"), check=False)
    assert result.returncode == 3
    assert "missing.jsonl" in result.stderr


def test_table_folder_input_scores_like_nested_input(world, model_dir, tmp_path):
    from detector.io import load_population

    pop = load_population(world / "test.jsonl").population
    folder = tmp_path / "tables"
    folder.mkdir()
    pop.applicants.drop(columns=["label"]).to_parquet(folder / "applicants.parquet")
    pop.sessions.to_parquet(folder / "sessions.parquet")
    pop.payouts.to_parquet(folder / "payouts.parquet")
    pop.proposals.to_parquet(folder / "proposals.parquet")
    labels = pop.applicants[["applicant_id", "label"]].dropna().astype({"label": int})
    labels.to_parquet(folder / "labels.parquet")  # labels count as known fronts in both forms
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    env_key = {"DETECTOR_HASH_KEY": "fixed"}
    import os

    for src, dst in ((world / "test.jsonl", a), (folder, b)):
        subprocess.run([sys.executable, "-m", "detector.cli", "score", str(src), "-o", str(dst), "--model", str(model_dir)],
                       check=True, capture_output=True, env={**os.environ, **env_key})
    sa, sb = read_scores(a).set_index("applicant_id"), read_scores(b).set_index("applicant_id")
    pd.testing.assert_series_equal(sa["score"].sort_index(), sb["score"].sort_index(), atol=1e-9)


def test_synth_rejects_an_unknown_output_format_in_one_line(tmp_path):
    result = run("synth", "-n", "10", "-o", str(tmp_path / "pop.txt"), check=False)
    assert result.returncode == 2
    assert ".jsonl" in result.stderr and "Traceback" not in result.stderr


def test_score_with_a_users_own_geoip2_files(world, model_dir, tmp_path):
    fixtures = Path(__file__).parent / "fixtures" / "maxmind"
    out = tmp_path / "scores.csv"
    run("score", str(world / "test.jsonl"), "-o", str(out), "--model", str(model_dir),
        "--geoip-country", str(fixtures / "GeoIP2-City-Test.mmdb"),
        "--geoip-asn", str(fixtures / "GeoLite2-ASN-Test.mmdb"),
        "--geoip-anonymous", str(fixtures / "GeoIP2-Anonymous-IP-Test.mmdb"))
    assert len(read_scores(out)) == 1500


def test_a_broken_geoip_file_is_a_one_line_configuration_error(world, model_dir, tmp_path):
    broken = Path(__file__).parent / "fixtures" / "maxmind" / "GeoIP2-City-Test-Invalid-Node-Count.mmdb"
    result = run("score", str(world / "test.jsonl"), "-o", str(tmp_path / "s.csv"), "--model", str(model_dir),
                 "--geoip-country", str(broken), check=False)
    assert result.returncode == 4
    assert "GeoIP2-City-Test-Invalid-Node-Count.mmdb" in result.stderr and "Traceback" not in result.stderr


def test_scores_file_shows_phones_and_emails_masked(tmp_path):
    """Evidence lets an analyst check a contact reason without the file carrying the contact."""
    source = Path(__file__).resolve().parents[1] / "examples" / "applicants.jsonl"
    out = tmp_path / "scores.csv"
    run("score", str(source), "-o", str(out))
    text = out.read_text()
    records = [json.loads(line) for line in source.read_text().splitlines() if line.strip()]
    contacts = {r[f] for r in records for f in ("phone", "email") if isinstance(r.get(f), str) and r[f]}
    assert not [c for c in contacts if c in text]
    reasons = [r for rs in read_scores(out)["reasons"] for r in rs]
    contact_codes = {"ID_EMAIL_PATTERN", "ID_PHONE_VOIP", "ID_PHONE_INVALID", "ID_PHONE_REGION",
                     "PHONE_SHARED", "EMAIL_SHARED", "EMAIL_SUFFIX_SHARED"}
    assert any(r["code"] in contact_codes for r in reasons), "flagged rows give contact reasons"
    evidence = " ".join(r["evidence"] for r in reasons)
    # any address or number shown is masked: letters and digits hidden behind x's
    for shown in re.findall(r"'([^']*@[^']*)'", evidence) + re.findall(r"'(\+[\dx]+)'", evidence):
        assert "xx" in shown or len(shown.split("@")[0]) <= 2, shown
