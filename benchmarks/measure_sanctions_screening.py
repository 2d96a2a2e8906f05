"""Measure sanctions screening on legitimate names: false matches and time, per threshold and scope.

    python benchmarks/measure_sanctions_screening.py [POPULATION] [--sdn SDN_FILE]

POPULATION defaults to a fresh synthetic world (`detector synth -n 20000 --seed 5`); the SDN list
to the 2024-05-03 snapshot in ../shared. Every hit on synthetic data is a false match (no
synthetic applicant carries a listed identity), as is every hit on the ~2,000 common names of
tests/test_sanctions_screening.py. Prints the hit rate and screening time per threshold for the
DPRK-related subset (the default scope) and the whole list.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from detector.io import load_population
from detector.sanctions import load_sdn, screen

ROOT = Path(__file__).resolve().parents[1]
NAME_KINDS = ("name", "alias", "name_initials")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("population", nargs="?", type=Path)
    parser.add_argument("--sdn", type=Path, default=ROOT.parent / "shared" / "data" / "ofac-sdn" / "sdn-2024-05-03.csv.gz")
    args = parser.parse_args()
    population_path = args.population
    if population_path is None:
        from detector.synth import generate_population, write_population

        population_path = Path(tempfile.mkdtemp()) / "synth-20000-5.jsonl.gz"
        records, truth = generate_population(20_000, seed=5)
        write_population(records, truth, population_path)
    population = load_population(population_path).population
    sys.path.insert(0, str(ROOT))
    from tests.test_sanctions_screening import legitimate_names

    common = pd.DataFrame({"applicant_id": [f"c{i}" for i in range(2000)], "full_name": legitimate_names()})
    no_payouts = pd.DataFrame(columns=["applicant_id", "method", "account_ref", "holder_name"])
    full = load_sdn(args.sdn)
    print(f"{len(population.applicants)} applicants, {population.payouts['holder_name'].notna().sum()} "
          f"payout holder names; SDN {args.sdn.name}: {len(full)} entries")
    for scope, sdn in (("dprk", full.dprk_related()), ("all", full)):
        for threshold in (85.0, 90.0, 95.0):
            t = time.perf_counter()
            hits = screen(population.applicants, population.payouts, sdn, name_threshold=threshold)
            seconds = time.perf_counter() - t
            names = hits[hits["match_kind"].isin(NAME_KINDS)]
            identifiers = hits[~hits["match_kind"].isin(NAME_KINDS)]
            common_hits = screen(common, no_payouts, sdn, name_threshold=threshold)["applicant_id"].nunique()
            n = len(population.applicants)
            print(f"scope {scope:<4} threshold {threshold:.0f}: name hits {names['applicant_id'].nunique()} "
                  f"({100 * names['applicant_id'].nunique() / n:.3f}%), identifier hits "
                  f"{identifiers['applicant_id'].nunique()}, common names {common_hits}/2000; {seconds:.1f}s")
            if threshold == 90.0 and scope == "dprk":
                shown = names.drop_duplicates("value")[["field", "value", "ent_num", "sdn_name", "match_kind", "score"]]
                print(shown.to_string(index=False))


if __name__ == "__main__":
    main()
