"""Small synthetic worlds and models shared by the retraining tests (registry, reports, drift,
label options). Kept small (a few thousand applicants) so training takes seconds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """The `detector` command in a real subprocess, as a user runs it."""
    result = subprocess.run([sys.executable, "-m", "detector.cli", *args], capture_output=True,
                            text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"detector {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stderr}")
    return result


def make_world(folder: Path, n: int, seed: int, name: str) -> Path:
    path = folder / f"{name}.jsonl.gz"
    run("synth", "-n", str(n), "-o", str(path), "--seed", str(seed))
    return path


def train(world: Path, out: Path, seed: int = 0, *extra: str, env: dict | None = None) -> Path:
    run("train", str(world), "-o", str(out), "--seed", str(seed), *extra, env=env)
    return out
