"""Score a file or folder of applicants end to end and write scores and rejects."""

from __future__ import annotations

import logging
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from detector.errors import InputError
from detector.io import load_population
from detector.io.formats import output_format
from detector.io.write_output import write_rejects, write_scores
from detector.scoring.sanctions_policy import EXACT_KINDS
from detector.scoring.score import score_population
from detector.settings import SHIPPED_MODEL_DIR, Settings

log = logging.getLogger(__name__)


@dataclass
class ScoreRunSummary:
    scored: int
    rejected_records: int
    rejected_applicants: int
    bands: dict[str, int]
    output: Path
    rejects: Path
    model_version: str
    timings: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    peak_rss_children_mb: float = 0.0  # largest worker (text linking on the second core)
    feed_versions: dict[str, str] = field(default_factory=dict)
    stale_feeds: dict[str, float] = field(default_factory=dict)  # feed -> age in days
    sanctions: str = ""  # one line: screening off, or what was screened and hit


def default_rejects_path(output: Path) -> Path:
    """``scores.csv`` -> ``scores.rejects.csv``: rejects are always written somewhere."""
    name = output.name
    for ext in (".csv.gz", ".jsonl.gz", ".csv", ".jsonl", ".parquet"):
        if name.endswith(ext):
            return output.with_name(name[: -len(ext)] + ".rejects" + ext)
    return output.with_name(name + ".rejects.csv")


def score_file(input_path: Path, output: Path, settings: Settings,
               rejects: Path | None = None) -> ScoreRunSummary:
    """Read, validate, score and write. Every input record is scored or listed as rejected."""
    from detector.geo.geoip import GeoLookup
    from detector.intel.active_feeds import ActiveFeeds
    from detector.model.artifact import load_model

    if not Path(input_path).exists():
        raise InputError(f"input {input_path} does not exist; give a .jsonl, .jsonl.gz file or a folder of tables")
    settings = settings.with_defaults()
    rejects = rejects or default_rejects_path(output)
    output_format(output)  # an unknown extension fails now, not after scoring
    output_format(rejects)
    t0 = time.perf_counter()
    model = load_model(settings.model_dir or SHIPPED_MODEL_DIR)
    loaded = load_population(input_path)
    t_feeds = time.perf_counter()
    feeds = ActiveFeeds.load(settings)
    t1 = time.perf_counter()
    with GeoLookup.from_settings(settings, feeds) as geo:
        result = score_population(loaded.population, model, settings, geo, feeds)
        versions = feeds.versions_with(geo)
    t2 = time.perf_counter()
    write_scores(result.scores, output)
    write_rejects(loaded.rejects, rejects)
    t3 = time.perf_counter()
    timings = {"read_validate": t_feeds - t0, "load_feeds": t1 - t_feeds, **result.timings,
               "write": t3 - t2, "total": t3 - t0}
    bands = result.scores["band"].value_counts().to_dict()
    whole = loaded.rejects["record"].astype(str).str.startswith("applicant")
    rejected_ids = loaded.rejects.loc[whole, "applicant_id"]
    return ScoreRunSummary(
        scored=len(result.scores), rejected_records=len(loaded.rejects),
        rejected_applicants=int(pd.Series(rejected_ids).nunique()),
        bands={b: int(bands.get(b, 0)) for b in ("low", "review", "high")},
        output=output, rejects=rejects, model_version=model.model_version, timings=timings,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        peak_rss_children_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        feed_versions=versions, stale_feeds=dict(feeds.stale),
        sanctions=sanctions_summary(feeds, result.sanctions_hits, settings.sanctions_scope),
    )


def hits_in_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """The ``sanctions_hits`` column as rows (``applicant_id``, ``match_kind``), for summaries."""
    rows = [(aid, hit["match_kind"]) for aid, hits in zip(scores["applicant_id"], scores["sanctions_hits"],
                                                          strict=True) if hits for hit in hits]
    return pd.DataFrame(rows, columns=["applicant_id", "match_kind"])


def sanctions_summary(feeds, hits: pd.DataFrame | None, scope: str) -> str:
    """What screening did, in one line; says plainly when it was off."""
    if feeds.sdn is None or hits is None:
        return ("sanctions screening OFF: no OFAC SDN list loaded "
                "(load one with: detector intel update --sdn sdn_advanced.xml)")
    screened = f"{len(feeds.sdn)} {'DPRK-related ' if scope != 'all' else ''}SDN entries (sdn {feeds.versions.get('sdn')})"
    if hits.empty:
        return f"sanctions screening against {screened}: no hits"
    exact = hits.loc[hits["match_kind"].isin(EXACT_KINDS), "applicant_id"].nunique()
    return (f"sanctions screening against {screened}: {hits['applicant_id'].nunique()} applicant(s) hit "
            f"({exact} on exact identifiers), listed in the sanctions_hits column")
