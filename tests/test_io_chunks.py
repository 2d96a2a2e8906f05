"""Large JSON Lines files are flattened a chunk at a time; the result must not depend on it."""

import json

import pandas as pd

from detector.io import read_input
from detector.io.read_input import load_population


def _write(path, n):
    lines = []
    for i in range(n):
        record = {"applicant_id": f"a{i}", "created_at": "2026-01-01T00:00:00Z", "claimed_country": "US",
                  "sessions": [{"started_at": "2026-01-02T00:00:00Z", "ip": f"8.8.{i % 250}.{i % 200}"}] * (i % 3),
                  "payouts": [{"method": "bank", "account_ref": f"X{i}"}]}
        if i == 4:
            record["sessions"] = "none"  # not a list: a reject on this applicant
        lines.append(json.dumps(record))
    lines.insert(7, "{broken")
    path.write_text("\n".join(lines) + "\n")


def test_chunked_flattening_gives_the_same_population(tmp_path, monkeypatch):
    path = tmp_path / "pop.jsonl"
    _write(path, 23)
    whole = load_population(path)
    monkeypatch.setattr(read_input, "CHUNK_LINES", 5)
    chunked = load_population(path)
    pd.testing.assert_frame_equal(whole.population.applicants, chunked.population.applicants)
    pd.testing.assert_frame_equal(whole.population.sessions, chunked.population.sessions)
    pd.testing.assert_frame_equal(whole.population.payouts, chunked.population.payouts)
    pd.testing.assert_frame_equal(whole.rejects.reset_index(drop=True), chunked.rejects.reset_index(drop=True))
    assert len(chunked.rejects) == 2  # the broken line and the non-list sessions


def test_a_single_json_document_is_read_like_the_api_body(tmp_path, shared_data):
    example = shared_data.parent / "spec" / "example-applicant.json"
    result = load_population(example)
    assert list(result.population.applicants["applicant_id"]) == ["a-000001"]
    assert len(result.population.sessions) == 1 and len(result.rejects) == 0
    listed = tmp_path / "two.json"
    record = json.loads(example.read_text())
    listed.write_text(json.dumps([record, {**record, "applicant_id": "a-2"}]))
    assert len(load_population(listed).population.applicants) == 2
