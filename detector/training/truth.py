"""Optional side file with each applicant's segment and tactic (from ``detector synth``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from detector.errors import InputError


def default_truth_path(input_path: Path) -> Path:
    """``pop.jsonl.gz`` -> ``pop.truth.csv``; a folder -> ``folder/truth.csv``."""
    if input_path.is_dir():
        return input_path / "truth.csv"
    name = input_path.name
    for ext in (".jsonl.gz", ".jsonl"):
        if name.endswith(ext):
            return input_path.with_name(name[: -len(ext)] + ".truth.csv")
    return input_path.with_suffix(".truth.csv")


def load_truth(input_path: Path, truth_path: Path | None) -> pd.DataFrame | None:
    """Segment and tactic per applicant_id, or None when there is no side file."""
    path = truth_path or default_truth_path(input_path)
    if not path.exists():
        if truth_path is not None:
            raise InputError(f"truth file {path} does not exist; pass the .truth.csv written by `detector synth`")
        return None
    truth = pd.read_csv(path, dtype={"applicant_id": str})
    missing = {"applicant_id", "segment"} - set(truth.columns)
    if missing:
        raise InputError(f"truth file {path} lacks columns {sorted(missing)}; expected applicant_id, segment, tactic")
    return truth.set_index("applicant_id")
