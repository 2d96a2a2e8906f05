"""Writing (and reading back) the scores and rejects outputs of OUTPUT.md.

The format follows the extension: ``.csv`` / ``.csv.gz``, ``.jsonl`` / ``.jsonl.gz`` or
``.parquet``. ``reasons`` (a list of ``{code, contribution, evidence}``) is a JSON string in
CSV and Parquet and a real list in JSON Lines. Only the contract's columns are written, in the
contract's order. Files are written to a temporary sibling and moved into place, so a failed
write never leaves half a file.
"""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from detector.errors import InputError
from detector.io.formats import is_gzip, output_format, replacing
from detector.io.population import REJECT_COLUMNS

CONTRACT_SCORE_COLUMNS: list[str] = ["applicant_id", "score", "band", "reasons", "model_version"]
# Extensions (docs/OUTPUT_EXTENSIONS.md): JSON values, a JSON string in CSV and Parquet. A frame
# without them (a caller that does no screening) writes them empty.
EXTENSION_SCORE_COLUMNS: list[str] = ["sanctions_hits", "feed_versions"]
SCORE_COLUMNS: list[str] = CONTRACT_SCORE_COLUMNS + EXTENSION_SCORE_COLUMNS
_JSON_SCORE_COLUMNS = ("reasons", *EXTENSION_SCORE_COLUMNS)


def write_scores(df: pd.DataFrame, path: str | Path) -> None:
    """Write a scores frame (columns SCORE_COLUMNS) to CSV, JSON Lines or Parquet."""
    missing = [c for c in EXTENSION_SCORE_COLUMNS if c not in df.columns]
    selected = _select(df.assign(**dict.fromkeys(missing)) if missing else df, SCORE_COLUMNS, "scores")
    _write(selected, Path(path), json_columns=_JSON_SCORE_COLUMNS)


def write_rejects(df: pd.DataFrame, path: str | Path) -> None:
    """Write a rejects frame (columns REJECT_COLUMNS) to CSV, JSON Lines or Parquet."""
    _write(_select(df, REJECT_COLUMNS, "rejects"), Path(path), json_columns=())


def read_scores(path: str | Path) -> pd.DataFrame:
    """Read a scores file written by :func:`write_scores`; JSON columns come back as Python values."""
    df = _read(Path(path), SCORE_COLUMNS, numeric=("score",))
    df["reasons"] = [_parse_reasons(v) for v in df["reasons"].tolist()]
    for name in EXTENSION_SCORE_COLUMNS:
        df[name] = [_parse_json(v) for v in df[name].tolist()]
    return df


def read_rejects(path: str | Path) -> pd.DataFrame:
    """Read a rejects file written by :func:`write_rejects`."""
    return _read(Path(path), REJECT_COLUMNS, numeric=())


def _select(df: pd.DataFrame, columns: list[str], what: str) -> pd.DataFrame:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} frame lacks column(s) {missing}; it needs {columns}")
    return df[columns]


def _plain(value: object) -> object:
    """A JSON-ready copy of a cell: numpy scalars to Python, NaN to None, containers recursed."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def _as_json_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):  # already serialised
        return value
    if isinstance(value, list) and not value:  # most rows (no sanctions hit): json.dumps' answer
        return "[]"
    return json.dumps(_plain(value), ensure_ascii=False)


def _write(df: pd.DataFrame, path: Path, json_columns: tuple[str, ...]) -> None:
    kind = output_format(path)
    with replacing(path) as temporary:
        if kind == "jsonl":
            opener = gzip.open if is_gzip(path) else open
            with opener(temporary, "wt", encoding="utf-8") as handle:
                for record in df.to_dict(orient="records"):
                    for name in json_columns:
                        if isinstance(record[name], str) and record[name]:
                            record[name] = json.loads(record[name])
                    handle.write(json.dumps(_plain(record), ensure_ascii=False) + "\n")
            return
        flat = df.copy()
        for name in json_columns:
            flat[name] = pd.Series(
                [_as_json_text(v) for v in flat[name].tolist()], index=flat.index, dtype=object
            )
        if kind == "csv":
            flat.to_csv(temporary, index=False, compression="gzip" if is_gzip(path) else None)
        else:
            flat.to_parquet(temporary, index=False)


def _read(path: Path, columns: list[str], numeric: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        raise InputError(f"file '{path}' does not exist; check the path")
    kind = output_format(path)
    if kind == "jsonl":
        opener = gzip.open if is_gzip(path) else open
        with opener(path, "rt", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        df = pd.DataFrame(rows, columns=columns)
    elif kind == "csv":
        text_columns = {c: str for c in columns if c not in numeric}
        df = pd.read_csv(path, dtype=text_columns, keep_default_na=False, na_values={c: [""] for c in numeric})
    else:
        df = pd.read_parquet(path)
    df = df.reindex(columns=columns)
    for name in columns:
        if name in numeric:
            df[name] = pd.to_numeric(df[name]).astype("float64")
        elif name not in _JSON_SCORE_COLUMNS:
            df[name] = df[name].astype(object).where(df[name].notna(), None)
    return df.reset_index(drop=True)


def _parse_json(value: object) -> object:
    """A JSON cell (string in CSV/Parquet, value in JSON Lines); None stays None."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    return json.loads(value) if isinstance(value, str) else value


def _parse_reasons(value: object) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, np.ndarray):
        return value.tolist()
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return []
    return json.loads(value)  # type: ignore[arg-type]
