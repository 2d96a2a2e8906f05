"""Batch scoring in chunks: the same scores as one in-memory read, for any chunk size and input
form, after a kill and resume, and on a Dask cluster."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest
from click.testing import CliRunner

from detector.batch.run import BatchOptions, score_batch
from detector.cli import main
from detector.io import load_population
from detector.io.write_output import read_rejects, read_scores
from detector.io.write_population import write_population
from detector.scoring.run import score_file
from detector.settings import Settings
from detector.synth import generate_population
from detector.synth import write_population as write_synth

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "applicants.jsonl"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def linked(tmp_path_factory) -> Path:
    """A synthetic population with fronts, agencies, shared households and their links."""
    path = tmp_path_factory.mktemp("batch") / "population.jsonl.gz"
    records, truth = generate_population(1500, seed=31)
    write_synth(records, truth, path)
    return path


def _in_memory(input_path: Path, out: Path) -> Path:
    score_file(input_path, out, Settings.from_env())
    return out


def _batch(input_path: Path, out: Path, chunk_size: int, **options) -> Path:
    score_batch(input_path, out, out.with_name(out.stem + ".rejects.csv"), Settings.from_env(),
                BatchOptions(chunk_size=chunk_size, quiet=True, **options))
    return out


def test_scores_do_not_depend_on_chunk_size_and_equal_one_read(linked, tmp_path):
    reference = _in_memory(linked, tmp_path / "memory.csv").read_bytes()
    scores = read_scores(tmp_path / "memory.csv")
    codes = {r["code"] for reasons in scores["reasons"] for r in reasons}
    assert {"NETWORK_SIZE", "PAYOUT_SHARED"} & codes, "population should carry cross-applicant links"
    for size in (5000, 400, 137):
        out = _batch(linked, tmp_path / f"chunks{size}.csv", size)
        assert out.read_bytes() == reference, f"chunk size {size} changed the scores"
    assert not (tmp_path / "chunks137.csv.parts").exists(), "work folder removed after success"


def _messy_jsonl(tmp_path: Path) -> Path:
    lines = EXAMPLE.read_text().splitlines()
    first = json.loads(lines[0])
    bad_session = dict(json.loads(lines[5]), applicant_id="late-one")
    bad_session["sessions"] = [{"started_at": "yesterday", "ip": "10.0.0.1"}]
    extra = [json.dumps(first), "{not json", "[1, 2]", "", json.dumps(bad_session),
             json.dumps(dict(first, applicant_id="dup-later", created_at="soon"))]
    path = tmp_path / "messy.jsonl"
    path.write_text("\n".join(lines[:250] + extra + lines[250:] + [json.dumps(first)]) + "\n")
    return path


def test_rejects_across_chunks_match_one_read(tmp_path):
    path = _messy_jsonl(tmp_path)
    _in_memory(path, tmp_path / "memory.csv")
    _batch(path, tmp_path / "batch.csv", 60)
    assert (tmp_path / "batch.csv").read_bytes() == (tmp_path / "memory.csv").read_bytes()
    memory = read_rejects(tmp_path / "memory.rejects.csv")
    batch = read_rejects(tmp_path / "batch.rejects.csv")
    assert any("appears again" in r for r in batch["reason"])  # the copy 250 lines later
    pd.testing.assert_frame_equal(batch, memory)


@pytest.mark.parametrize("table_format", ["csv", "parquet"])
def test_folder_of_tables_in_chunks(tmp_path, table_format):
    population = load_population(EXAMPLE).population
    folder = tmp_path / "tables"
    write_population(population, folder, table_format=table_format)
    if table_format == "csv":  # records that only a whole-input view can judge
        with open(folder / "sessions.csv", "a") as handle:
            handle.write("nobody,2026-01-01T00:00:00Z,10.1.1.1,,,,\n")
        applicants = pd.read_csv(folder / "applicants.csv", dtype=str, keep_default_na=False)
        pd.concat([applicants, applicants.iloc[[3]]]).to_csv(folder / "applicants.csv", index=False)
    _in_memory(folder, tmp_path / "memory.csv")
    _batch(folder, tmp_path / "batch.csv", 90)
    assert (tmp_path / "batch.csv").read_bytes() == (tmp_path / "memory.csv").read_bytes()
    pd.testing.assert_frame_equal(read_rejects(tmp_path / "batch.rejects.csv"),
                                  read_rejects(tmp_path / "memory.rejects.csv"))


def _command(input_path: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-c", "from detector.cli import main; main()", "score",
            str(input_path), "-o", str(out), "--chunk-size", "150", *extra]


def test_killed_run_resumes_to_the_same_output(linked, tmp_path):
    env = dict(os.environ, OMP_NUM_THREADS="1")
    whole = tmp_path / "whole.jsonl"
    subprocess.run(_command(linked, whole, "--quiet"), check=True, env=env)
    out = tmp_path / "resumed.jsonl"
    work = tmp_path / "resumed.jsonl.parts"
    process = subprocess.Popen(_command(linked, out), env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((work / "pass1").glob("0*[0-9]"))) < 3:
        assert process.poll() is None, "run finished before it could be killed"
        time.sleep(0.05)
    helpers = psutil.Process(process.pid).children(recursive=True)
    assert helpers, "pass 1 should run in local processes"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not out.exists()
    _, alive = psutil.wait_procs(helpers, timeout=15)
    assert not alive, "the run's processes should end with it, not linger as orphans"
    finished = len(list((work / "pass1").glob("0*[0-9]")))
    assert 3 <= finished < 10
    rerun = subprocess.run(_command(linked, out), env=env, capture_output=True, text=True,
                           check=True)
    assert "(resumed)" in rerun.stderr
    assert out.read_bytes() == whole.read_bytes()
    rows = [json.loads(line)["applicant_id"] for line in out.read_text().splitlines()]
    assert len(rows) == len(set(rows)) == 1500


def test_summary_against_previous_scores(linked, tmp_path):
    runner = CliRunner()
    first = tmp_path / "before.csv"
    small = tmp_path / "small.jsonl"
    small.write_text("".join(EXAMPLE.read_text().splitlines(keepends=True)[:200]))
    assert runner.invoke(main, ["score", str(small), "-o", str(first), "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["score", str(EXAMPLE), "-o", str(tmp_path / "after.csv"),
                                  "--previous", str(first), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "band changes against" in result.output
    table = [line.split() for line in result.output.splitlines() if line.strip().startswith("new")]
    assert sum(int(x) for x in table[0][1:]) == 200  # the 200 applicants the first run lacked
    assert "newly linked networks:" in result.output
    assert "a link the previous run did not have" in result.output  # before.networks.parquet
    again = runner.invoke(main, ["score", str(EXAMPLE), "-o", str(tmp_path / "again.csv"),
                                 "--previous", str(tmp_path / "after.csv"), "--quiet"])
    assert "newly linked networks: 0 of" in again.output
    assert "a link the previous run did not have" in again.output
    rows = {line.split()[0]: [int(x) for x in line.split()[1:]]
            for line in again.output.splitlines() if line.split()[:1] in (["low"], ["review"],
                                                                          ["high"], ["new"])}
    bands = ["low", "review", "high"]
    assert rows["new"] == [0, 0, 0]  # same input: nobody is new and nobody moved
    assert all(rows[b][j] == 0 for i, b in enumerate(bands) for j in range(3) if j != i)
    assert sum(rows[b][i] for i, b in enumerate(bands)) == 400
    (tmp_path / "after.networks.parquet").unlink()
    without = runner.invoke(main, ["score", str(EXAMPLE), "-o", str(tmp_path / "third.csv"),
                                   "--previous", str(tmp_path / "after.csv"), "--quiet"])
    assert "newly linked networks: 0 of" in without.output
    assert "do not list" in without.output


def test_dask_cluster_gives_the_same_output(linked, tmp_path):
    distributed = pytest.importorskip("distributed")
    reference = _batch(linked, tmp_path / "local.csv", 400).read_bytes()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        out = _batch(linked, tmp_path / "dask.csv", 400, backend="dask",
                     scheduler=cluster.scheduler_address)
    assert out.read_bytes() == reference


def test_unusable_checkpoint_folder_is_refused(tmp_path):
    folder = tmp_path / "not-ours"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["score", str(EXAMPLE), "-o", str(tmp_path / "s.csv"),
                                       "--checkpoint", str(folder), "--quiet"])
    assert result.exit_code != 0
    assert "not a detector work folder" in result.output
    assert (folder / "precious.txt").exists()
    shutil.rmtree(folder)


def test_progress_lines_when_not_on_a_terminal(tmp_path, capsys):
    from detector.batch.progress import Progress

    progress = Progress("pass 1", total=1000, every_seconds=0.0)
    progress.update(250)
    progress.update(250)
    progress.close()
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("pass 1: 250/1,000 rows (25%), ") and "ETA" in lines[0]
    assert lines[-1].startswith("pass 1: 500/1,000 rows (50%)")
    result = CliRunner().invoke(main, ["score", str(EXAMPLE), "-o", str(tmp_path / "s.csv")])
    assert "pass 2 (score, reasons): 400/400 rows (100%)" in result.output


def test_a_rerun_with_the_model_at_another_path_resumes(tmp_path):
    """A reinstall elsewhere moves the shipped model and geolocation files; the same model
    (same version) must not restart a finished pass, while a setting that changes scores must."""
    from dataclasses import replace

    shipped = Settings.from_env(hash_key=b"batch-test-key-0123456789").with_defaults()
    first, second = tmp_path / "install-a", tmp_path / "install-b"
    shutil.copytree(shipped.model_dir, first)
    shutil.copytree(shipped.model_dir, second)
    options = BatchOptions(chunk_size=150, quiet=True, keep_work=True, checkpoint=tmp_path / "work")

    def run(settings: Settings):
        return score_batch(EXAMPLE, tmp_path / "out.csv", tmp_path / "out.rejects.csv", settings, options)

    assert not run(replace(shipped, model_dir=first)).resumed
    assert run(replace(shipped, model_dir=second)).resumed
    assert not run(replace(shipped, model_dir=second, hub_cap=shipped.hub_cap + 1)).resumed


def test_a_resume_after_pass_one_does_not_read_the_input_again(linked, tmp_path, monkeypatch):
    """Killed in the link index or pass 2, a rerun goes on from there: pass 1's spill is
    complete, so the input (gigabytes of gzip at platform scale) is not decompressed again."""
    import detector.batch.run as batch_run

    options = dict(keep_work=True, checkpoint=tmp_path / "work")
    reference = _batch(linked, tmp_path / "first.csv", 400, **options).read_bytes()
    shutil.rmtree(tmp_path / "work" / "index")  # as if killed while building the link index

    def no_reading(*args, **kwargs):
        raise AssertionError("the input was read again")

    monkeypatch.setattr(batch_run, "jsonl_chunks", no_reading)
    assert _batch(linked, tmp_path / "first.csv", 400, **options).read_bytes() == reference


def test_index_searches_in_their_own_processes_read_their_inputs_there(linked, tmp_path,
                                                                         monkeypatch):
    """At scale the link index's searches run in forked processes that read the signatures
    and photo hashes from the work folder themselves, while the driver reads the other keys:
    the same scores as one in-memory read."""
    import detector.batch.run as batch_run
    from detector.linking import parallel_texts

    reference = _in_memory(linked, tmp_path / "memory.csv").read_bytes()
    readers = tmp_path / "readers.txt"

    def recording(read):
        def read_and_record(*args):
            with open(readers, "a") as handle:
                handle.write(f"{os.getpid()}\n")
            return read(*args)
        return read_and_record

    monkeypatch.setattr(parallel_texts, "PARALLEL_MIN_TEXTS", 1)  # fork even for 1,500
    monkeypatch.setattr(batch_run, "read_text_keys", recording(batch_run.read_text_keys))
    monkeypatch.setattr(batch_run, "read_photo_hashes", recording(batch_run.read_photo_hashes))
    out = _batch(linked, tmp_path / "forked.csv", 400, local_processes=1)
    assert out.read_bytes() == reference
    pids = readers.read_text().split()
    assert len(pids) == 3, "resumes, proposals and photos each read once"
    assert str(os.getpid()) not in pids, "read in the search processes, not the driver"
