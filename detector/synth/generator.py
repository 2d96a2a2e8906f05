"""Assemble a labelled population and write it as nested JSON Lines plus a truth table.

The output looks like a platform export: applicants in random order with opaque random ids,
optional fields left out at per-world rates that are the same for every segment, timestamps in
RFC 3339 UTC. The truth table (``<stem>.truth.csv``) says what each applicant really is.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pandas as pd

from detector.synth.activity import iso
from detector.synth.fronts import front_cell
from detector.synth.ip_pools import IpPools
from detector.synth.legitimate import LOOKALIKE_BUILDERS, agency, regular
from detector.synth.profiles import Ctx, Person
from detector.synth.world import LOOKALIKES, TACTICS, SynthSettings

TRUTH_COLUMNS = ["applicant_id", "label", "segment", "tactic", "cell_id", "agency_id", "group_id"]


def generate_population(
    n: int, seed: int, settings: SynthSettings | None = None, *, pools: IpPools | None = None,
    taken: set[str] | None = None,
) -> tuple[list[dict], pd.DataFrame]:
    """``n`` applicant records (nested, INPUT.md layout, with ``label``) and their truth table.

    Without ``settings`` the world itself is drawn from the seed (:meth:`SynthSettings.randomised`),
    so different seeds give different base rates, mixes and habits. ``taken`` holds the emails,
    phone numbers and handles already given out; pass one set to every call that builds one
    population from several seeds, so that people of different slices never share a contact by
    chance (on a platform an email or phone belongs to one account). It is updated in place.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    settings = settings or SynthSettings.randomised(random.Random(f"synth-world-{seed}"))
    ctx = Ctx(settings, seed, pools or IpPools.load(), taken)
    people = _compose(ctx, n)
    ctx.rng.shuffle(people)
    records, truth = [], []
    for p in people:
        aid = ctx.token(8)
        records.append(_record(ctx, p, aid))
        truth.append((aid, p.label, p.segment, p.tactic, p.cell_id, p.agency_id, p.group_id))
    table = pd.DataFrame(truth, columns=TRUTH_COLUMNS).astype({"label": "int64"})
    table.attrs["settings"] = settings.to_dict()
    return records, table


def _compose(ctx: Ctx, n: int) -> list[Person]:
    """Fronts in cells, then the look-alike segments, then regular freelancers to fill ``n``."""
    s, rng = ctx.s, ctx.rng
    people: list[Person] = []
    lo, hi = s.cell_size
    n_front = round(n * s.front_rate)
    if s.front_rate > 0 and n >= 4 * lo:
        n_front = max(n_front, lo)
    sizes: list[int] = []
    while n_front - sum(sizes) >= lo:
        u = rng.betavariate(1.2, 2.2)
        sizes.append(min(lo + int(u * (hi - lo + 1)), n_front - sum(sizes)))
        if 0 < n_front - sum(sizes) < lo:
            sizes[-1] = min(hi, sizes[-1] + n_front - sum(sizes))
    tactics = [t for t in TACTICS if s.tactic_mix.get(t, 0) > 0]
    rng.shuffle(tactics)
    for i, size in enumerate(sizes):
        dominant = tactics[i] if i < len(tactics) else None
        people += front_cell(ctx, f"cell-{i + 1:04d}", size, dominant)
    for seg in LOOKALIKES:
        share = s.lookalike_shares.get(seg, 0.0)
        want = round(n * share)
        if share > 0 and n >= 200:
            want = max(want, 1)
        got = 0
        while got < want and len(people) < n:
            group = agency(ctx, _group_size(rng)) if seg == "agency" else LOOKALIKE_BUILDERS[seg](ctx)
            people += group
            got += len(group)
    while len(people) < n:
        people += regular(ctx)
    return people[:n]


def _group_size(rng: random.Random) -> int:
    return min(25, 3 + int(rng.expovariate(1 / 4)))


def _drop(ctx: Ctx, name: str, scale: float = 1.0) -> bool:
    return ctx.rng.random() < ctx.s.missing.get(name, 0.0) * scale


def _record(ctx: Ctx, p: Person, aid: str) -> dict:
    s = ctx.s
    rec: dict = {"applicant_id": aid, "created_at": iso(p.created)}
    fields = (("full_name", p.full_name), ("email", p.email), ("phone", p.phone),
              ("claimed_country", p.country), ("claimed_city", p.city or None),
              ("claimed_timezone", p.zone), ("resume_text", p.resume), ("photo_phash", p.phash),
              ("github_url", p.github), ("hourly_rate_usd", p.rate),
              ("shipping_country", p.shipping), ("agency_id", p.agency_id))
    for key, value in fields:
        if value is not None and key != "claimed_country" and _drop(ctx, key):
            value = None
        if value is not None or s.missing_as_null:
            rec[key] = value
    if not ctx.rng.random() < s.unlabelled_rate:
        rec["label"] = p.label
    no_btz = _drop(ctx, "browser_timezone")  # clients that do not report it at all
    no_remote = _drop(ctx, "remote_access")
    sessions = []
    times = iso([t for t, *_ in p.sessions]) if p.sessions else []
    for when, (_, ip, dev, btz, remote, dur) in zip(times, p.sessions, strict=True):
        row: dict = {"started_at": when, "ip": ip}
        if not _drop(ctx, "device_id"):
            row["device_id"] = dev
        if btz and not no_btz and not _drop(ctx, "browser_timezone", 0.2):
            row["browser_timezone"] = btz
        if not no_remote and not _drop(ctx, "remote_access", 0.1):
            row["remote_access"] = bool(remote)
        if not _drop(ctx, "duration_s"):
            row["duration_s"] = int(dur)
        sessions.append(row)
    rec["sessions"] = sessions
    payouts = []
    for acc in p.payouts:
        row = {"method": acc["method"], "account_ref": acc["account_ref"]}
        for key in ("account_country", "holder_name"):
            if acc.get(key) is not None and not _drop(ctx, key):
                row[key] = acc[key]
        payouts.append(row)
    rec["payouts"] = payouts
    rec["proposals"] = [{"submitted_at": iso(t), "text": text} for t, text in p.proposals]
    return rec


def truth_path(path: Path | str) -> Path:
    """``pop.jsonl.gz`` -> ``pop.truth.csv`` beside it."""
    path = Path(path)
    name = path.name
    for suffix in (".jsonl.gz", ".jsonl", ".gz"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return path.with_name(f"{name}.truth.csv")


def write_population(records: list[dict], truth: pd.DataFrame, path: Path | str) -> Path:
    """Write ``records`` to ``path`` (``.jsonl`` or ``.jsonl.gz``, byte-identical for the same
    input) and ``truth`` to ``<stem>.truth.csv`` beside it. Returns the truth file's path."""
    path = Path(path)
    if not (path.name.endswith(".jsonl") or path.name.endswith(".jsonl.gz")):
        raise ValueError(f"output '{path}' must end in .jsonl or .jsonl.gz")
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for rec in records:
        buf.write(dumps(rec))
        buf.write("\n")
    data = buf.getvalue().encode("utf-8")
    if path.name.endswith(".gz"):
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                     mtime=0, compresslevel=6) as gz:
            gz.write(data)
    else:
        path.write_bytes(data)
    tpath = truth_path(path)
    truth[TRUTH_COLUMNS].to_csv(tpath, index=False, lineterminator="\n")
    return tpath


def synthesise(n: int, output: Path | str, seed: int = 0,
               settings: SynthSettings | None = None) -> Path:
    """Generate and write a population (what ``detector synth`` runs). Returns the truth path."""
    records, truth = generate_population(n, seed, settings)
    return write_population(records, truth, output)
