"""Does a model flag more honest people when more profiles are scored together?

Platforms rescore their whole base (a million profiles); models are judged on worlds of
20,000. Chance links (shared digit runs, stock photos, template texts) grow with the number of
profiles scored together, and with them the scores of people who did nothing different. This
script draws ``--parts`` worlds of ``-n`` applicants from this project's generator with one
shared set of contacts (no two people share an email or phone by accident, as on a platform),
scores each part alone and all parts together with ``detector score``, and prints, for each
way, the honest people flagged (review or high), the fronts flagged, and the reasons of the
honest people flagged together but not apart (lesson 14 of docs/SYNTHETIC_DATA.md).

    python scripts/measure_scale_drift.py --parts 4 -n 50000 --work /tmp/drift [--model DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from detector.synth import generate_population, write_population


def draw_parts(parts: int, n: int, seed: int, work: Path) -> list[Path]:
    taken: set[str] = set()
    paths = []
    for k in range(parts):
        records, truth = generate_population(n, seed=seed + k, taken=taken)
        path = work / f"part{k}.jsonl.gz"
        write_population(records, truth, path)
        paths.append(path)
    return paths


def score(path: Path, out: Path, model: Path | None) -> pd.DataFrame:
    command = [sys.executable, "-m", "detector.cli", "score", str(path), "-o", str(out)]
    if model is not None:
        command += ["--model", str(model)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"detector score {path} failed:\n{done.stderr}")
    return pd.read_csv(out).set_index("applicant_id")


def top_reason(reasons: object) -> str:
    parsed = json.loads(reasons) if isinstance(reasons, str) and reasons.startswith("[") else []
    return parsed[0]["code"] if parsed else "(none)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", type=int, default=4)
    parser.add_argument("-n", type=int, default=50000, help="Applicants per part.")
    parser.add_argument("--seed", type=int, default=5150)
    parser.add_argument("--work", type=Path, required=True, help="Folder for the worlds and scores.")
    parser.add_argument("--model", type=Path, default=None, help="Model folder (default: shipped).")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)

    paths = draw_parts(args.parts, args.n, args.seed, args.work)
    truth = pd.concat([pd.read_csv(p.with_name(p.name.replace(".jsonl.gz", ".truth.csv"))) for p in paths])
    truth = truth.set_index("applicant_id")
    together = args.work / "all.jsonl.gz"
    with together.open("wb") as out:
        for path in paths:
            with path.open("rb") as part:
                shutil.copyfileobj(part, out)

    apart = pd.concat([score(p, args.work / f"{p.name.split('.')[0]}.scores.csv", args.model) for p in paths])
    joined = score(together, args.work / "all.scores.csv", args.model)
    honest = truth["label"] == 0
    flagged_apart = apart["band"].reindex(truth.index) != "low"
    flagged_joined = joined["band"].reindex(truth.index) != "low"
    print(f"{args.parts} parts of {args.n:,} applicants, {int((~honest).sum()):,} fronts")
    for name, flagged in ((f"{args.parts} x {args.n:,} apart", flagged_apart),
                          (f"{args.parts * args.n:,} together", flagged_joined)):
        print(f"{name:>22}: honest flagged {flagged[honest].mean():.2%} ({int(flagged[honest].sum()):,}), "
              f"fronts flagged {flagged[~honest].mean():.1%}")
    newly = honest & flagged_joined & ~flagged_apart
    reasons = Counter(top_reason(r) for r in joined["reasons"].reindex(truth.index[newly]))
    print(f"honest flagged together but not apart: {int(newly.sum()):,}; their top reasons:",
          ", ".join(f"{code} {count}" for code, count in reasons.most_common(6)))


if __name__ == "__main__":
    main()
