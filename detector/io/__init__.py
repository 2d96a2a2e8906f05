"""Reading, validating and writing applicant data (INPUT.md / OUTPUT.md)."""

from detector.io.population import LoadResult, Population
from detector.io.read_input import load_population, load_population_from_records
from detector.io.write_output import (
    SCORE_COLUMNS,
    read_rejects,
    read_scores,
    write_rejects,
    write_scores,
)
from detector.io.write_population import write_population

__all__ = [
    "SCORE_COLUMNS",
    "LoadResult",
    "Population",
    "load_population",
    "load_population_from_records",
    "read_rejects",
    "read_scores",
    "write_population",
    "write_rejects",
    "write_scores",
]
