"""Reading both input forms: the shared example, equal Populations across forms, table joins,
line-level rejects and the errors that stop a run."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector.errors import InputError
from detector.io import load_population, load_population_from_records
from detector.io.write_population import write_population
from detector.training.label_options import decision_times

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "spec" / "example-applicant.json"


def applicant(aid: str, **fields) -> dict:
    record = {
        "applicant_id": aid,
        "created_at": "2026-09-14T16:02:11Z",
        "claimed_country": "US",
        "sessions": [{"started_at": "2026-09-14T15:58:40Z", "ip": "203.0.113.7"}],
        "payouts": [{"method": "bank", "account_ref": f"acct-{aid}"}],
    }
    record.update(fields)
    return record


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_tables(folder: Path, **tables: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    defaults = {
        "sessions": ["applicant_id", "started_at", "ip"],
        "payouts": ["applicant_id", "method", "account_ref"],
    }
    for name, columns in defaults.items():
        tables.setdefault(name, [])
        if not tables[name]:
            pd.DataFrame(columns=columns).to_csv(folder / f"{name}.csv", index=False)
            del tables[name]
    for name, rows in tables.items():
        pd.DataFrame(rows).to_csv(folder / f"{name}.csv", index=False)
    return folder


def assert_same_population(left, right) -> None:
    for name in ("applicants", "sessions", "payouts", "proposals"):
        pd.testing.assert_frame_equal(getattr(left, name), getattr(right, name), obj=name)


# --------------------------------------------------------------------------- shared example


def test_example_applicant_loads():
    if not EXAMPLE.exists():
        pytest.skip(f"shared spec not found at {EXAMPLE} (CI places ../shared beside the checkout)")
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    result = load_population_from_records([record])
    assert result.rejects.empty
    population = result.population
    assert population.ids.tolist() == ["a-000001"]
    assert population.applicants["claimed_timezone"].tolist() == ["America/Chicago"]
    assert population.sessions["ip"].tolist() == ["203.0.113.7"]
    assert population.sessions["remote_access"].tolist() == [0.0]
    assert population.payouts["method"].tolist() == ["bank"]


# --------------------------------------------------------------------------- both forms


def varied_population():
    records = [
        applicant(
            "a-1",
            full_name="Daniel Brooks",
            phone="+1 312 555 0147",
            claimed_timezone="America/Chicago",
            photo_phash="c3d4e5f60718293a",
            hourly_rate_usd=45.5,
            shipping_country="US",
            label=1,
            decided_at="2026-10-01T08:00:00+02:00",
            resume_text='multi\nline, "quoted" resume',
            sessions=[
                {"started_at": "2026-09-14T15:58:40.123456789Z", "ip": "2001:db8::1",
                 "device_id": "dev-1", "browser_timezone": "Asia/Pyongyang",
                 "remote_access": True, "duration_s": 5400},
                {"started_at": "2026-09-15T15:58:40+09:00", "ip": "198.51.100.4"},
            ],
            proposals=[{"submitted_at": "2026-09-16T00:00:00Z", "text": "Hello, I am"}],
        ),
        applicant("NA", claimed_country="NA", label=0, agency_id="ag-7",
                  payouts=[{"method": "crypto", "account_ref": "0xabc", "account_country": "KP",
                            "holder_name": "Kim"}]),
        applicant("a-3", claimed_country="DE", sessions=[], payouts=[]),
    ]
    result = load_population_from_records(records)
    assert result.rejects.empty
    return result.population


@pytest.mark.parametrize(
    ("name", "table_format"),
    [("p.jsonl", None), ("p.jsonl.gz", None), ("csv", "csv"), ("csvgz", "csv.gz"), ("pq", "parquet")],
)
def test_every_form_loads_to_the_same_population(tmp_path, name, table_format):
    population = varied_population()
    target = tmp_path / name
    write_population(population, target, table_format=table_format or "csv")
    result = load_population(target)
    assert result.rejects.empty, result.rejects.to_dict("records")
    assert_same_population(result.population, population)


def test_jsonl_lines_that_are_not_objects_are_rejects(tmp_path):
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [json.dumps(applicant("a-1")), "{not json", "", "[1, 2]", json.dumps(applicant("a-2"))],
    )
    result = load_population(path)
    assert result.population.ids.tolist() == ["a-1", "a-2"]
    rejects = result.rejects
    assert rejects["applicant_id"].tolist() == ["line 2", "line 4"]
    assert rejects["record"].tolist() == ["applicant (line 2)", "applicant (line 4)"]
    assert rejects["reason"].iloc[0].startswith("line 2 is not valid JSON")
    assert "is a JSON list, not an object" in rejects["reason"].iloc[1]


def test_invalid_utf8_line_is_a_reject(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(json.dumps(applicant("a-1")).encode() + b"\n\xff\xfe{}\n")
    result = load_population(path)
    assert len(result.population) == 1
    assert result.rejects["applicant_id"].tolist() == ["line 2"]


# --------------------------------------------------------------------------- table form


def test_folder_labels_join_onto_applicants(tmp_path):
    folder = write_tables(
        tmp_path / "t",
        applicants=[applicant_row("a-1"), applicant_row("a-2"), applicant_row("a-3")],
        labels=[{"applicant_id": "a-1", "label": "1"}, {"applicant_id": "a-3", "label": "0"}],
    )
    result = load_population(folder)
    assert result.rejects.empty
    labels = result.population.applicants["label"].tolist()
    assert labels[0] == 1.0 and np.isnan(labels[1]) and labels[2] == 0.0


def applicant_row(aid: str, **fields) -> dict:
    return {"applicant_id": aid, "created_at": "2026-09-14T16:02:11Z", "claimed_country": "US", **fields}


def test_folder_rows_of_unknown_or_rejected_applicants_are_rejects(tmp_path):
    folder = write_tables(
        tmp_path / "t",
        applicants=[applicant_row("a-1"), applicant_row("bad", created_at="2026-13-01")],
        sessions=[
            {"applicant_id": "a-1", "started_at": "2026-09-14T15:58:40Z", "ip": "1.2.3.4"},
            {"applicant_id": "ghost", "started_at": "2026-09-14T15:58:40Z", "ip": "1.2.3.4"},
            {"applicant_id": "bad", "started_at": "2026-09-14T15:58:40Z", "ip": "1.2.3.4"},
            {"applicant_id": None, "started_at": "2026-09-14T15:58:40Z", "ip": "1.2.3.4"},
            {"applicant_id": "a-1", "started_at": "2026-09-14T15:58:40Z", "ip": "nope"},
        ],
    )
    result = load_population(folder)
    assert len(result.population.sessions) == 1
    rejects = result.rejects.set_index("record")
    assert rejects.loc["applicant (row 2)", "field"] == "created_at"
    assert rejects.loc["session (row 2)", "reason"].startswith(
        "applicant_id 'ghost' has no row in applicants; add the applicant or drop this session"
    )
    assert rejects.loc["session (row 3)", "reason"].startswith("applicant 'bad' was rejected")
    assert rejects.loc["session (row 4)", "applicant_id"] == "row 4 of sessions"
    assert rejects.loc["session (row 5)", "field"] == "ip"
    assert len(result.rejects) == 5


def test_folder_label_rules(tmp_path):
    folder = write_tables(
        tmp_path / "t",
        applicants=[applicant_row("a-1"), applicant_row("a-2"), applicant_row("bad", claimed_country="USA"),
                    applicant_row("a-4")],
        labels=[
            {"applicant_id": "a-1", "label": "1"},
            {"applicant_id": "a-1", "label": "0"},  # second label for a-1
            {"applicant_id": "ghost", "label": "1"},  # no such applicant
            {"applicant_id": "bad", "label": "1"},  # applicant rejected: not listed again
            {"applicant_id": "a-2", "label": None},  # no value
            {"applicant_id": "a-4", "label": "2"},  # bad value: rejects the applicant
        ],
    )
    result = load_population(folder)
    assert result.population.ids.tolist() == ["a-1", "a-2"]
    assert result.population.applicants["label"].tolist()[0] == 1.0
    rejects = result.rejects.set_index("record")
    assert rejects.loc["label (row 2)", "reason"].startswith("applicant 'a-1' already has a label (labels row 1)")
    assert rejects.loc["label (row 3)", "reason"].startswith("applicant_id 'ghost' has no row in applicants")
    assert rejects.loc["label (row 5)", "reason"].startswith("label is missing")
    assert rejects.loc["applicant (row 4)", "reason"].startswith("label '2' (labels row 6) is not 0 or 1")
    assert "label (row 4)" not in rejects.index
    assert rejects.loc["applicant (row 3)", "field"] == "claimed_country"
    assert len(result.rejects) == 5


def test_folder_duplicate_applicants_join_to_the_first(tmp_path):
    folder = write_tables(
        tmp_path / "t",
        applicants=[applicant_row("a-1", full_name="First"), applicant_row("a-1", full_name="Second")],
        sessions=[{"applicant_id": "a-1", "started_at": "2026-09-14T15:58:40Z", "ip": "1.2.3.4"}],
    )
    result = load_population(folder)
    assert result.population.applicants["full_name"].tolist() == ["First"]
    assert len(result.population.sessions) == 1
    assert result.rejects["reason"].tolist() == [
        "applicant_id 'a-1' appears again (first at row 1); only the first copy is scored: "
        "merge the copies or drop this one"
    ]


def test_csv_na_and_empty_cells(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "applicants.csv").write_text(
        "applicant_id,created_at,claimed_country,email,extra\n"
        "NA,2026-09-14T16:02:11Z,NA,,whatever\n"
    )
    (folder / "sessions.csv").write_text("applicant_id,started_at,ip,remote_access\nNA,2026-09-14T16:02:11Z,1.2.3.4,True\n")
    (folder / "payouts.csv").write_text("applicant_id,method,account_ref\n")
    result = load_population(folder)
    assert result.rejects.empty
    row = result.population.applicants.iloc[0]
    assert (row["applicant_id"], row["claimed_country"], row["email"]) == ("NA", "NA", None)
    assert result.population.sessions["remote_access"].tolist() == [1.0]


def test_parquet_naive_timestamps_are_malformed(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    pd.DataFrame(
        {"applicant_id": ["a-1"], "created_at": [pd.Timestamp("2026-09-14T16:02:11")], "claimed_country": ["US"]}
    ).to_parquet(folder / "applicants.parquet")
    pd.DataFrame(columns=["applicant_id", "started_at", "ip"]).to_parquet(folder / "sessions.parquet")
    pd.DataFrame(columns=["applicant_id", "method", "account_ref"]).to_parquet(folder / "payouts.parquet")
    result = load_population(folder)
    assert result.rejects["field"].tolist() == ["created_at"]


# --------------------------------------------------------------------------- errors


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match=r"input path '.*nowhere\.jsonl' does not exist; pass a \.jsonl"):
        load_population(tmp_path / "nowhere.jsonl")


def test_unknown_format(tmp_path):
    path = tmp_path / "people.xlsx"
    path.write_text("x")
    with pytest.raises(InputError, match=r"'.*people\.xlsx' has an unknown format; pass a \.jsonl"):
        load_population(path)


def test_folder_without_applicants(tmp_path):
    with pytest.raises(InputError, match=r"has no applicants table; add applicants\.csv"):
        load_population(tmp_path)


def test_folder_without_sessions(tmp_path):
    (tmp_path / "applicants.csv").write_text("applicant_id,created_at,claimed_country\n")
    with pytest.raises(InputError, match=r"has no sessions table; add sessions\.csv.*header row alone"):
        load_population(tmp_path)


def test_table_without_required_column(tmp_path):
    write_tables(tmp_path, applicants=[{"applicant_id": "a-1", "created_at": "2026-09-14T16:02:11Z"}])
    with pytest.raises(InputError, match=r"applicants\.csv' has no column claimed_country"):
        load_population(tmp_path)


def test_two_tables_of_one_name(tmp_path):
    write_tables(tmp_path, applicants=[applicant_row("a-1")])
    pd.DataFrame([applicant_row("a-1")]).to_parquet(tmp_path / "applicants.parquet")
    with pytest.raises(InputError, match=r"keep only one applicants table"):
        load_population(tmp_path)


def test_corrupt_parquet(tmp_path):
    write_tables(tmp_path, applicants=[applicant_row("a-1")])
    (tmp_path / "sessions.csv").unlink()
    (tmp_path / "sessions.parquet").write_bytes(b"not parquet")
    with pytest.raises(InputError, match=r"cannot read table '.*sessions\.parquet'.*valid Parquet"):
        load_population(tmp_path)


def test_empty_csv(tmp_path):
    write_tables(tmp_path, applicants=[applicant_row("a-1")])
    (tmp_path / "payouts.csv").write_text("")
    with pytest.raises(InputError, match=r"cannot read table '.*payouts\.csv': the file is empty"):
        load_population(tmp_path)


def test_corrupt_gzip(tmp_path):
    path = tmp_path / "in.jsonl.gz"
    data = gzip.compress(((json.dumps(applicant("a-1")) + "\n") * 50).encode())
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cannot read '.*in\.jsonl\.gz'.*gzip-compressed JSON Lines"):
        load_population(path)


def test_folder_labels_keep_when_they_were_decided(tmp_path):
    folder = write_tables(
        tmp_path / "t",
        applicants=[applicant_row("a-1"), applicant_row("a-2"), applicant_row("a-3")],
        labels=[{"applicant_id": "a-1", "label": "1", "decided_at": "2026-10-02T09:30:00+02:00"},
                {"applicant_id": "a-2", "label": "0", "decided_at": None},
                {"applicant_id": "a-3", "label": "0", "decided_at": "last week"}],
    )
    result = load_population(folder)
    decided = result.population.applicants.set_index("applicant_id")["decided_at"]
    assert decided["a-1"] == pd.Timestamp("2026-10-02T07:30:00Z")
    assert pd.isna(decided["a-2"])
    assert decision_times(result.population.applicants).tolist()[1] == pd.Timestamp("2026-09-14T16:02:11Z")
    (reject,) = result.rejects.itertuples()
    assert (reject.applicant_id, reject.field) == ("a-3", "decided_at")
    assert reject.reason.startswith("decided_at 'last week' (labels row 3) is not an RFC 3339 timestamp")


def test_nested_label_keeps_its_decision_time(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({**applicant("a-1"), "label": 1, "decided_at": "2026-10-02T07:30:00Z"}) + "\n")
    decided = load_population(path).population.applicants["decided_at"]
    assert decided.tolist() == [pd.Timestamp("2026-10-02T07:30:00Z")]
