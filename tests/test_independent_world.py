"""Worlds written apart from the detector's own generator go through it whole.

``scripts/independent_world.py`` and ``scripts/second_independent_world.py`` were written from
the spec and the public record only, each by its own author with its own ideas of what the
fields look like (docs/INDEPENDENT_WORLD.md, docs/SECOND_INDEPENDENT_WORLD.md): a platform's
export will differ from our generator the same way. Every record they write must be read,
validated and scored, none rejected or lost.
"""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from detector.io import load_population

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("script", ["independent_world.py", "second_independent_world.py"])
def test_every_applicant_of_an_independent_world_is_read_and_scored(script, shared_data, tmp_path):
    world = tmp_path / "world.jsonl.gz"
    subprocess.run([sys.executable, str(ROOT / "scripts" / script), "-n", "600",
                    "--seed", "11", "-o", str(world), "--data", str(shared_data)],
                   check=True, capture_output=True, env={"OMP_NUM_THREADS": "1", "PATH": ""})
    truth = pd.read_csv(tmp_path / "world.truth.csv")
    loaded = load_population(world)
    assert loaded.rejects.empty, loaded.rejects.head().to_string()
    assert set(loaded.population.applicants["applicant_id"]) == set(truth["applicant_id"])
    assert len(loaded.population.sessions) > 600  # sessions came through, not only applicants

    scores = tmp_path / "scores.csv"
    subprocess.run([sys.executable, "-m", "detector.cli", "score", str(world), "-o", str(scores)],
                   check=True, capture_output=True)
    scored = pd.read_csv(scores)
    assert sorted(scored["applicant_id"]) == sorted(truth["applicant_id"])
    assert scored["score"].between(0, 1).all()
