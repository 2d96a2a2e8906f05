"""Batch scoring that reads and writes the store (``detector score INPUT --store URL``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from detector.errors import InputError
from detector.io import load_population
from detector.io.formats import output_format
from detector.io.write_output import SCORE_COLUMNS, write_rejects, write_scores
from detector.scoring.run import (
    ScoreRunSummary,
    default_rejects_path,
    hits_in_scores,
    sanctions_summary,
)
from detector.settings import Settings
from detector.store.db import open_store
from detector.store.scoring import ScoringEngine, score_with_store

CHUNK = 500


def score_file_with_store(input_path: Path, output: Path, settings: Settings,
                          rejects: Path | None = None) -> ScoreRunSummary:
    """Score every applicant of a file against the store, in input order, and add each to it.

    Each applicant is linked to everyone stored before it (including earlier rows of the file),
    as if they had signed up in that order. Scores and rejects are written as by ``score``.
    """
    if not Path(input_path).exists():
        raise InputError(f"input {input_path} does not exist; give a .jsonl, .jsonl.gz file or a folder of tables")
    rejects = rejects or default_rejects_path(output)
    output_format(output)
    output_format(rejects)
    engine = ScoringEngine.open(settings)
    store = open_store(engine.settings)
    try:
        loaded = load_population(input_path)
        ids = loaded.population.applicants["applicant_id"].tolist()
        parts = []
        for start in range(0, len(ids), CHUNK):
            with engine.lock, store.session() as session:
                result = score_with_store(session, loaded.population.subset(ids[start:start + CHUNK]),
                                          engine, source="batch")
            parts.append(result.scores)
    finally:
        store.dispose()
        engine.close()
    scores = (pd.concat(parts, ignore_index=True) if parts else
              pd.DataFrame(columns=SCORE_COLUMNS))
    write_scores(scores, output)
    write_rejects(loaded.rejects, rejects)
    bands = scores["band"].value_counts().to_dict()
    whole = loaded.rejects["record"].astype(str).str.startswith("applicant")
    return ScoreRunSummary(
        scored=len(scores), rejected_records=len(loaded.rejects),
        rejected_applicants=int(pd.Series(loaded.rejects.loc[whole, "applicant_id"]).nunique()),
        bands={b: int(bands.get(b, 0)) for b in ("low", "review", "high")}, output=output,
        rejects=rejects, model_version=engine.model.model_version,
        feed_versions=dict(scores["feed_versions"].iloc[0]) if len(scores) else {},
        stale_feeds=dict(engine.feeds.stale),
        sanctions=sanctions_summary(engine.feeds, hits_in_scores(scores) if engine.feeds.sdn is not None
                                    else None, engine.settings.sanctions_scope))
