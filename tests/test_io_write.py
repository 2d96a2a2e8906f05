"""Scores and rejects outputs: every format round-trips, reasons stay structured."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pandas as pd
import pytest

from detector.errors import ConfigurationError
from detector.io import (
    SCORE_COLUMNS,
    load_population_from_records,
    read_rejects,
    read_scores,
    write_rejects,
    write_scores,
)
from detector.io.population import REJECT_COLUMNS

SUFFIXES = ["scores.csv", "scores.csv.gz", "scores.jsonl", "scores.jsonl.gz", "scores.parquet"]


def scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "applicant_id": ["a-1", "NA", "007"],
            "score": [0.8123456789012345, np.float64(0.01), 0.5],
            "band": ["high", "low", "review"],
            "reasons": [
                [
                    {"code": "PAYOUT_SHARED", "contribution": np.float64(0.31),
                     "evidence": 'payout account shared with 6 other profiles, "different" names'},
                    {"code": "TZ_MISMATCH", "contribution": 0.12, "evidence": "works 01:00–09:00 local"},
                ],
                [],
                [{"code": "VPN", "contribution": 0.05, "evidence": "line one\nline two"}],
            ],
            "model_version": ["2026.09.1"] * 3,
            "extra": [1, 2, 3],  # not part of the contract: not written
        }
    )


@pytest.mark.parametrize("name", SUFFIXES)
def test_scores_round_trip(tmp_path, name):
    expected = scores()
    write_scores(expected, tmp_path / name)
    found = read_scores(tmp_path / name)
    assert list(found.columns) == SCORE_COLUMNS
    assert found["applicant_id"].tolist() == ["a-1", "NA", "007"]
    assert found["score"].tolist() == expected["score"].tolist()
    assert found["band"].tolist() == expected["band"].tolist()
    assert found["reasons"].tolist() == json.loads(json.dumps(expected["reasons"].tolist(), default=float))
    assert found["model_version"].tolist() == ["2026.09.1"] * 3


def test_reasons_are_a_json_string_in_csv_and_a_list_in_jsonl(tmp_path):
    write_scores(scores(), tmp_path / "s.csv")
    write_scores(scores(), tmp_path / "s.jsonl.gz")
    cell = pd.read_csv(tmp_path / "s.csv", dtype=str)["reasons"][0]
    assert json.loads(cell)[0]["code"] == "PAYOUT_SHARED"
    with gzip.open(tmp_path / "s.jsonl.gz", "rt") as handle:
        first = json.loads(handle.readline())
    assert set(first) == set(SCORE_COLUMNS)
    assert first["reasons"][0] == {
        "code": "PAYOUT_SHARED",
        "contribution": 0.31,
        "evidence": 'payout account shared with 6 other profiles, "different" names',
    }


@pytest.mark.parametrize("name", ["r.csv", "r.jsonl", "r.parquet", "r.csv.gz"])
def test_rejects_round_trip(tmp_path, name):
    result = load_population_from_records(
        [{"applicant_id": "NA", "created_at": "2026-13-01", "claimed_country": "USA"}, "junk"]
    )
    write_rejects(result.rejects, tmp_path / name)
    found = read_rejects(tmp_path / name)
    assert list(found.columns) == REJECT_COLUMNS
    pd.testing.assert_frame_equal(found, result.rejects, check_dtype=False)


def test_empty_outputs_round_trip(tmp_path):
    empty = pd.DataFrame({name: [] for name in SCORE_COLUMNS})
    for name in SUFFIXES:
        write_scores(empty, tmp_path / name)
        assert read_scores(tmp_path / name).empty


def test_unknown_extension_names_the_choices(tmp_path):
    with pytest.raises(ConfigurationError, match=r"'.*scores\.xlsx' has an unknown extension; end it with \.csv"):
        write_scores(scores(), tmp_path / "scores.xlsx")
    assert not list(tmp_path.iterdir())


def test_missing_columns_are_named(tmp_path):
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['band'\]"):
        write_scores(scores().drop(columns=["band"]), tmp_path / "s.csv")


def test_failed_write_leaves_no_partial_file(tmp_path):
    bad = scores()
    bad.loc[0, "reasons"] = object()  # not JSON-serialisable
    with pytest.raises(TypeError):
        write_scores(bad, tmp_path / "s.jsonl")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("name", SUFFIXES)
def test_extension_columns_round_trip(tmp_path, name):
    frame = scores()
    hit = {"ent_num": 43377, "sdn_name": "KIM, Sang Man", "programs": ["DPRK4"], "field": "account_ref",
           "value": "0x97b1", "match_kind": "crypto", "similarity": 100.0}
    frame["sanctions_hits"] = [[hit], [], None]  # hit, screened clean, not screened
    frame["feed_versions"] = [{"sdn": "2024-05-03-5804c0d24818"}] * 3
    write_scores(frame, tmp_path / name)
    found = read_scores(tmp_path / name)
    assert found["sanctions_hits"].tolist() == [[hit], [], None]
    assert found["feed_versions"].tolist() == [{"sdn": "2024-05-03-5804c0d24818"}] * 3
