"""Dump everything scoring against a store gives fresh applicants, to compare two versions of the code.

Scores ``--applicants`` fresh synthetic applicants with the API's fast path in transactions of
``--batch`` (``score_many_with_store``; 1: each applicant alone against the store;
``--rescore``: each transaction scores its applicants twice, the second time as rescores). Each transaction is rolled back, so the store is left as it was and an
older checkout (``PYTHONPATH=/path/to/checkout``) run on the same store must write the same
file. Per applicant: score, band, reasons with evidence, feature values, the links found
(other profile, kind, similarity), the components joined and the members' refreshed features
and risks. Floats are written with ``repr``, so equal files mean bit-identical results.

    python benchmarks/compare_store_scoring.py --store /tmp/copy/store.sqlite --out new.jsonl
    PYTHONPATH=/tmp/main python benchmarks/compare_store_scoring.py --store ... --out main.jsonl
    cmp new.jsonl main.jsonl

The store is opened without migrating it; the hash key must be the one the store was built
with (``bench_api.py``'s by default).
"""

from __future__ import annotations

import argparse
import json
import math
import os

HASH_KEY = "bench-api-hash-key-0123456789abcdef"


def _plain(value: object) -> object:
    """JSON-ready with exact floats (NaN as a string, so the file compares byte for byte)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        value = value.item()  # type: ignore[union-attr]
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=961)
    parser.add_argument("--applicants", type=int, default=300)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--rescore", action="store_true",
                        help="score each transaction's applicants twice: the second time as known "
                             "profiles rescored in place (their own rows excluded from their links)")
    parser.add_argument("--hash-key", default=HASH_KEY)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from sqlalchemy.orm import sessionmaker

    import detector
    from detector.io.fast_records import clean_records
    from detector.settings import Settings
    from detector.store.db import Store, make_engine, store_url
    from detector.store.many_scoring import score_many_with_store
    from detector.store.one_scoring import prepare_one
    from detector.store.scoring import ScoringEngine
    from detector.synth import generate_population

    print(f"code: {os.path.dirname(detector.__file__)}", flush=True)
    engine = ScoringEngine.open(Settings(store_url=args.store, hash_key=args.hash_key.encode()))
    database = make_engine(store_url(engine.settings))
    store = Store(engine=database, settings=engine.settings,
                  sessions=sessionmaker(database, expire_on_commit=False))
    records, _ = generate_population(args.applicants, seed=args.seed)
    for record in records:
        record["applicant_id"] = f"cmp{args.seed}-{record['applicant_id']}"
        record.pop("label", None)

    with open(args.out, "w") as out:
        for start in range(0, len(records), args.batch):
            prepared = [prepare_one(clean_records([record])[0], engine)
                        for record in records[start:start + args.batch]]
            if args.rescore:
                prepared = prepared + prepared
            with store.sessions() as session:
                session.begin()
                results = score_many_with_store(session, prepared, engine)
                session.rollback()
            for result in results:
                row = result.scores.iloc[0]
                found = result.links[0]
                entry = {
                    "applicant_id": row["applicant_id"], "score": row["score"], "band": row["band"],
                    "reasons": row["reasons"], "model_version": row["model_version"],
                    "features": result.features.iloc[0].to_dict(),
                    "links": sorted([other_id, kind, sim] for _, other_id, kind, sim in found.pairs),
                    "link_features": found.features,
                    "joined_components": sorted(found.merge_components),
                    "member_ids": sorted(found.member_ids),
                    "member_updates": [[u.pk, u.features, u.rules_risk] for u in
                                       sorted(found.member_updates, key=lambda u: u.pk)],
                }
                out.write(json.dumps(_plain(entry), sort_keys=True) + "\n")
    store.dispose()
    engine.close()


if __name__ == "__main__":
    main()
