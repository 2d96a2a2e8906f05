"""Synthetic labelled populations: legitimate freelancers, their look-alikes, and front cells.

``generate_population(n, seed)`` returns nested applicant records (INPUT.md layout, with a
``label``) and a truth table; ``write_population`` writes them as JSON Lines plus
``<stem>.truth.csv``. See docs/SYNTHETIC_DATA.md for segments, tactics, knobs and limitations.
"""

from detector.synth.generator import (
    TRUTH_COLUMNS,
    generate_population,
    synthesise,
    truth_path,
    write_population,
)
from detector.synth.world import LOOKALIKES, SEGMENTS, TACTICS, SynthSettings

__all__ = [
    "LOOKALIKES",
    "SEGMENTS",
    "TACTICS",
    "TRUTH_COLUMNS",
    "SynthSettings",
    "generate_population",
    "synthesise",
    "truth_path",
    "write_population",
]
