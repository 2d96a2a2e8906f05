"""Reading, validating and writing applicant data (INPUT.md / OUTPUT.md)."""

from detector.io.population import LoadResult, Population
from detector.io.read_input import load_population, load_population_from_records

__all__ = [
    "LoadResult",
    "Population",
    "load_population",
    "load_population_from_records",
]
