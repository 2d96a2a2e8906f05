"""What a rescoring run changed: counts per band, moves between bands, newly linked networks.

Networks are recorded beside the scores in ``<scores>.networks.parquet`` (applicant_id and a
network number for every applicant linked to at least one other profile). With ``--previous``
a network is *newly linked* when it holds a link the previous run did not have: two members
that were not in one network then (or a member the previous run did not score). Without the
previous run's networks file, a network counts as new when it holds an applicant the previous
scores do not list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from detector.io.write_output import read_scores

BANDS = ("low", "review", "high")


def networks_path(scores: Path) -> Path:
    return scores.with_name(scores.name.split(".")[0] + ".networks.parquet")


@dataclass
class Comparison:
    previous: Path
    transitions: pd.DataFrame  # previous band (rows, plus 'new') x current band (columns)
    newly_linked_networks: int
    linked_networks: int
    definition: str


@dataclass
class BatchSummary:
    scored: int
    bands: dict[str, int]
    rejected_records: int
    rejected_applicants: int
    output: Path
    rejects: Path
    model_version: str
    chunks: int
    resumed: bool
    timings: dict[str, float] = field(default_factory=dict)
    comparison: Comparison | None = None
    linked_networks: int = 0
    peak_rss_mb: float = 0.0
    peak_rss_children_mb: float = 0.0
    peak_rss_by_stage_mb: dict[str, float] = field(default_factory=dict)
    feed_versions: dict[str, str] = field(default_factory=dict)
    stale_feeds: dict[str, float] = field(default_factory=dict)
    sanctions: str = ""


def write_networks(output: Path, ids: np.ndarray, components: np.ndarray) -> pd.DataFrame:
    sizes = np.bincount(components) if len(components) else np.zeros(0, dtype=np.int64)
    linked = np.flatnonzero(sizes[components] >= 2) if len(components) else np.zeros(0, dtype=int)
    frame = pd.DataFrame({"applicant_id": ids[linked].astype(object),
                          "network": components[linked].astype(np.int64)})
    frame.to_parquet(networks_path(output), index=False)
    return frame


def compare_with_previous(output: Path, networks: pd.DataFrame,
                          previous: Path | None) -> Comparison | None:
    """Band moves and newly linked networks of this run against ``previous`` scores."""
    if previous is None:
        return None
    old = read_scores(previous)[["applicant_id", "band"]]
    new = read_scores(output)[["applicant_id", "band"]]
    merged = new.merge(old, on="applicant_id", how="left", suffixes=("", "_previous"))
    merged["band_previous"] = merged["band_previous"].fillna("new")
    transitions = pd.crosstab(merged["band_previous"], merged["band"]).reindex(
        index=[*BANDS, "new"], columns=list(BANDS), fill_value=0)
    transitions.index.name, transitions.columns.name = "before", "now"
    old_networks_file = networks_path(previous)
    groups = networks.groupby("network")["applicant_id"]
    if old_networks_file.exists():
        old_networks = pd.read_parquet(old_networks_file).set_index("applicant_id")["network"]
        known = set(old["applicant_id"])
        newly = 0
        for _, members in groups:
            before = members.map(old_networks)
            if before.isna().any() or before.nunique() > 1 or not set(members) <= known:
                newly += 1
        definition = "networks with a link the previous run did not have"
    else:
        known = set(old["applicant_id"])
        newly = sum(1 for _, members in groups if not set(members) <= known)
        definition = ("networks holding an applicant the previous scores do not list (no "
                      f"{old_networks_file.name} beside them)")
    return Comparison(previous=previous, transitions=transitions, newly_linked_networks=newly,
                      linked_networks=int(networks["network"].nunique()), definition=definition)


def summary_lines(summary: BatchSummary) -> list[str]:
    """The end-of-run report for the terminal."""
    bands = ", ".join(f"{b} {summary.bands.get(b, 0)}" for b in BANDS)
    lines = [f"scored {summary.scored} applicants ({bands}) with {summary.model_version} "
             f"-> {summary.output}",
             f"rejected {summary.rejected_records} records ({summary.rejected_applicants} "
             f"applicants) -> {summary.rejects}",
             f"{summary.chunks} chunks{' (resumed)' if summary.resumed else ''}; "
             f"{summary.timings.get('total', 0):.1f}s; peak RSS {summary.peak_rss_mb:,.0f} MB",
             f"{summary.linked_networks} linked networks (2+ profiles) -> "
             f"{networks_path(summary.output)}"]
    c = summary.comparison
    if c is not None:
        lines.append(f"band changes against {c.previous} (rows: previous band, columns: now):")
        lines.extend("  " + row for row in c.transitions.to_string().splitlines())
        lines.append(f"newly linked networks: {c.newly_linked_networks} of {c.linked_networks} "
                     f"({c.definition})")
    return lines
