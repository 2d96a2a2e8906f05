"""The final output files, written from the per-chunk parts in input order, whole or not at all.

The bytes are those :func:`detector.io.write_output.write_scores` would write for the
concatenated parts (CSV and JSON Lines are written part by part with one header; Parquet as
one row group per part), so small and large runs give the same files.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from detector.io.formats import is_gzip, output_format, replacing
from detector.io.population import REJECT_COLUMNS
from detector.io.write_output import EXTENSION_SCORE_COLUMNS, SCORE_COLUMNS, _plain, write_rejects

BANDS = ("low", "review", "high")


def assemble_scores(parts: list[Path], output: Path) -> dict[str, int]:
    """Write the scores parts (reasons as JSON text) to ``output``; counts per band."""
    kind = output_format(output)
    bands = dict.fromkeys(BANDS, 0)
    with replacing(output) as temporary:
        if kind == "parquet":
            writer = None
            try:
                for path in parts:
                    table = pa.Table.from_pandas(pd.read_parquet(path)[SCORE_COLUMNS],
                                                 preserve_index=False)
                    for name in EXTENSION_SCORE_COLUMNS:  # all-null in one part, text in another
                        position = table.schema.get_field_index(name)
                        table = table.set_column(position, name, table.column(name).cast(pa.string()))
                    _count(bands, table.column("band").to_pylist())
                    if writer is None:
                        writer = pq.ParquetWriter(temporary, table.schema)
                    writer.write_table(table.cast(writer.schema))
            finally:
                if writer is not None:
                    writer.close()
            if writer is None:
                pd.DataFrame({c: pd.Series(dtype=object) for c in SCORE_COLUMNS}).to_parquet(
                    temporary, index=False)
            return bands
        opener = gzip.open if is_gzip(output) else open
        with opener(temporary, "wt", encoding="utf-8", newline="") as handle:
            for number, path in enumerate(parts):
                part = pd.read_parquet(path)[SCORE_COLUMNS]
                _count(bands, part["band"].tolist())
                if kind == "csv":
                    part.to_csv(handle, index=False, header=number == 0)
                    continue
                for record in part.to_dict(orient="records"):
                    record["reasons"] = json.loads(record["reasons"]) if record["reasons"] else []
                    for name in EXTENSION_SCORE_COLUMNS:
                        if isinstance(record[name], str) and record[name]:
                            record[name] = json.loads(record[name])
                    handle.write(json.dumps(_plain(record), ensure_ascii=False) + "\n")
    return bands


def _count(bands: dict[str, int], values: list) -> None:
    for value in values:
        bands[value] = bands.get(value, 0) + 1


_RECORD = re.compile(r"^(\w+).*\((?:row|line) (\d+)\)")
_KIND_ORDER = {"applicant": 0, "session": 1, "payout": 2, "proposal": 3, "label": 4}


def assemble_rejects(parts: list[Path], output: Path, form: str) -> tuple[int, int]:
    """Write every chunk's rejects; (rejected records, rejected applicants).

    JSON Lines chunks are consecutive lines, so their rejects are already in input order;
    table rejects are sorted as one read sorts them (table, then row).
    """
    frames = [pd.read_parquet(p) for p in parts if p.exists()]
    rejects = (pd.concat(frames, ignore_index=True) if frames else
               pd.DataFrame({c: pd.Series(dtype=object) for c in REJECT_COLUMNS}))
    if form == "tables" and len(rejects):
        found = rejects["record"].astype(str).str.extract(_RECORD)
        order = pd.DataFrame({"kind": found[0].map(_KIND_ORDER).fillna(0),
                              "row": pd.to_numeric(found[1]).fillna(0)})
        rejects = rejects.loc[order.sort_values(["kind", "row"], kind="stable").index]
    rejects = rejects[REJECT_COLUMNS].reset_index(drop=True).astype(object)
    write_rejects(rejects, output)
    whole = rejects["record"].astype(str).str.startswith("applicant")
    return len(rejects), int(rejects.loc[whole, "applicant_id"].nunique())
