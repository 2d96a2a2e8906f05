"""Fuzz the Arrow reader of JSON Lines chunks for crashes (run it after upgrading pyarrow).

pyarrow's C++ JSON reader runs inside the batch worker, so a crash in it (pyarrow 26 dies with
SIGSEGV on a first line of ``null``) kills the worker, and a resumed run dies again on the same
chunk. This script mutates synthetic applicant lines at random byte positions (inserted,
deleted and replaced bytes and JSON tokens) and parses them in this process with the reader's
guard and options; before each parse the chunk is written to ``--last``, so after a crash
that file reproduces it. Exit status 0 and "no crash" at the end mean none was found.

    python scripts/fuzz_arrow_jsonl.py [--seconds 120] [--seed 1] [--last /tmp/arrow-fuzz.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from detector.io import arrow_jsonl
from detector.synth import generate_population

TOKENS = [b"null", b"[]", b"{}", b"[null]", b'"', b"\\", b"{", b"}", b"[", b"]", b",", b":", b"1e999",
          b"-", b"NaN", b"Infinity", b"\\u0000", b"\\ud800", b"\xff", b"\xc3", b"true", b'""', b"\n",
          b"\r", b" "]


def mutated(lines: list[bytes], rng: random.Random) -> list[bytes]:
    chunk = [bytearray(line) for line in rng.sample(lines, rng.randint(1, 6))]
    for _ in range(rng.randint(1, 4)):
        line = rng.choice(chunk)
        at = rng.randint(0, len(line))
        kind = rng.random()
        if kind < 0.4:
            line[at:at] = rng.choice(TOKENS)
        elif kind < 0.7:
            del line[at:at + rng.randint(1, 20)]
        else:
            line[at:at + rng.randint(1, 5)] = rng.choice(TOKENS)
    return [bytes(line) + b"\n" for line in chunk]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--last", type=Path, default=Path("/tmp/arrow-fuzz.jsonl"))
    args = parser.parse_args()
    records, _ = generate_population(300, seed=args.seed)
    lines = [json.dumps(record).encode() for record in records]
    rng = random.Random(args.seed)
    deadline, parsed = time.monotonic() + args.seconds, 0
    while time.monotonic() < deadline:
        chunk = mutated(lines, rng)
        args.last.write_bytes(b"".join(chunk))
        arrow_jsonl._parse(chunk)
        parsed += 1
    print(f"no crash in {parsed:,} mutated chunks")


if __name__ == "__main__":
    main()
