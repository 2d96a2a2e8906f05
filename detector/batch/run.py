"""Score an input of any size in chunks, in two passes, resumable after a kill.

1. Pass 1, chunk by chunk: parse, validate, per-applicant signals and the compact linking keys
   (keyed hashes, IP spans, MinHash signatures, photo hashes, names); spilled to the work
   folder. Duplicate ids across chunks are caught in input order, as in one read.
2. The link index over the whole population, from the keys alone: exactly the links of the
   in-memory path. Then each applicant's red-flag score, aggregated per linked network.
3. Pass 2, chunk by chunk: features joined with the index, score, band, reasons; one part
   per chunk. The output is assembled from the parts in input order.

A profile's score does not depend on the chunk size, and a rerun of the same command resumes
from the finished steps.
"""

from __future__ import annotations

import json
import resource
import secrets
import shutil
import time
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detector.batch.assemble import assemble_rejects, assemble_scores
from detector.batch.chunk_files import LinesFile, chunk_from_file, lines_to_file
from detector.batch.chunk_input import (
    ChunkSource,
    input_form,
    jsonl_chunks,
    partition_tables,
    table_chunks,
)
from detector.batch.executors import DaskExecutor, LocalExecutor, LocalPoolExecutor
from detector.batch.passes import (
    LinkIndexView,
    PassOne,
    PassTwoInput,
    Screening,
    corrected_signals,
    own_risk,
    pass_one,
    pass_two,
)
from detector.batch.progress import Progress
from detector.batch.summary import BatchSummary, compare_with_previous, write_networks
from detector.batch.work_folder import (
    WorkFolder,
    fingerprint,
    read_keys,
    read_photo_hashes,
    read_text_keys,
    text_key_count,
    write_keys,
)
from detector.errors import InputError
from detector.features.build import agency_others_mean, others_mean
from detector.io.formats import output_format
from detector.io.read_input import _find_table
from detector.linking.parallel_texts import start_text_jobs
from detector.linking.population_links import LinkKeys, links_from_keys, search_jobs
from detector.scoring.run import hits_in_scores, sanctions_summary
from detector.settings import SHIPPED_MODEL_DIR, Settings

DEFAULT_CHUNK_SIZE = 20_000


@dataclass
class BatchOptions:
    chunk_size: int = DEFAULT_CHUNK_SIZE
    checkpoint: Path | None = None  # default: OUTPUT.parts beside the output
    backend: str = "local"  # or "dask"
    scheduler: str | None = None
    workers: int = 2  # local Dask cluster size when no scheduler is given
    previous: Path | None = None
    quiet: bool = False
    keep_work: bool = False
    local_processes: int = 2  # pass-1 processes of the local backend (1 = in this process)


# Written once every chunk of pass 1 is in place: a resume from a later stage skips reading
# the input again (at 1,000,000 applicants, 10-12 s of decompression for nothing).
PASS_ONE_COMPLETE = "pass1_complete"


@dataclass
class _Run:
    work: WorkFolder
    settings: Settings
    executor: LocalExecutor | DaskExecutor
    options: BatchOptions
    feeds: Any = None  # detector.intel.active_feeds.ActiveFeeds read by the driver
    screening: Screening = field(default_factory=Screening)
    timings: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # high-water mark after each stage


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process and of its ended child processes (the local pools end with
    their stage; Dask workers are not children until the cluster closes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _stage_cpu(run: _Run, stage: str, before: float) -> float:
    """Record a stage's CPU seconds (a measure that other load on the machine barely moves)."""
    now = _cpu_seconds()
    run.timings[f"{stage}.cpu"] = now - before
    return now


def default_checkpoint(output: Path) -> Path:
    return output.with_name(output.name + ".parts")


def score_batch(input_path: Path, output: Path, rejects: Path, settings: Settings,
                options: BatchOptions) -> BatchSummary:
    """Score ``input_path`` in chunks and write ``output``, ``rejects`` and a summary."""
    from detector.geo.geoip import GeoLookup
    from detector.intel.active_feeds import ActiveFeeds
    from detector.model.artifact import load_model

    input_path, output = Path(input_path), Path(output)
    if not input_path.exists():
        raise InputError(f"input {input_path} does not exist; give a .jsonl, .jsonl.gz file or "
                         "a folder of tables")
    if options.chunk_size < 1:
        raise InputError(f"chunk size {options.chunk_size} must be at least 1")
    form = input_form(input_path)
    output_format(output)
    output_format(rejects)
    t_start = time.perf_counter()
    settings = settings.with_defaults() if settings.hash_key else settings
    # the promoted model when no --model is given (a hash key is not drawn here: see below)
    model = load_model(settings.model_dir or settings.with_defaults().model_dir or SHIPPED_MODEL_DIR)
    feeds = ActiveFeeds.load(settings.with_defaults())  # read once; workers get them as data
    with GeoLookup.from_settings(settings.with_defaults(), feeds) as geo:  # a broken geo file fails now
        feed_versions = feeds.versions_with(geo)
    work = WorkFolder(options.checkpoint or default_checkpoint(output))
    digest = fingerprint(input_path, {
        "model": model.model_version, "chunk_size": options.chunk_size, "form": form,
        "feeds": feed_versions,
        "settings": _fingerprinted_settings(settings),
        "hash_key": _key_digest(settings.hash_key)})
    resumed = work.open(digest)
    if not settings.hash_key:  # a random key, the same for every chunk and across resumes
        settings = replace(settings, hash_key=work.secret("hash_key", lambda: secrets.token_bytes(32)))
    settings = settings.with_defaults()
    executor: LocalExecutor | DaskExecutor = (
        DaskExecutor(options.scheduler, options.workers) if options.backend == "dask"
        else LocalExecutor())
    screening = Screening(sdn=feeds.sdn, name_threshold=settings.sanctions_name_threshold,
                          feed_versions=feed_versions)
    run = _Run(work, settings, executor, options, feeds=feeds, screening=screening)
    try:
        cpu = _cpu_seconds()
        count = _pass_one(run, input_path, form)
        cpu = _stage_cpu(run, "pass1", cpu)
        index, link_features = _link_index(run, count)
        cpu = _stage_cpu(run, "link_index", cpu)
        _pass_two(run, count, index, model, link_features)
        _stage_cpu(run, "pass2", cpu)
    finally:
        executor.close()
    t = time.perf_counter()
    parts = [work.path(f"scores/{i:06d}.parquet") for i in range(count)]
    bands = assemble_scores(parts, output)
    rejected = assemble_rejects([work.path(f"pass1/{i:06d}/rejects.parquet") for i in range(count)],
                                rejects, form)
    components = np.load(work.path("index/components.npy"))
    ids = pd.read_parquet(work.path("index/ids.parquet"))["applicant_id"]
    networks = write_networks(output, ids.to_numpy(dtype=object), components)
    comparison = compare_with_previous(output, networks, options.previous)
    hits = _sanctions_hits(parts) if feeds.sdn is not None else None
    run.timings["assemble"] = time.perf_counter() - t
    if not options.keep_work:
        work.remove()
    run.timings["total"] = time.perf_counter() - t_start
    return BatchSummary(
        scored=int(sum(bands.values())), bands=bands, rejected_records=rejected[0],
        rejected_applicants=rejected[1], output=output, rejects=rejects,
        model_version=model.model_version, chunks=count, resumed=resumed,
        timings=run.timings, comparison=comparison,
        linked_networks=int(networks["network"].nunique()),
        peak_rss_mb=_peak_rss_mb(), peak_rss_by_stage_mb=run.peak_rss_mb,
        peak_rss_children_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        feed_versions=feed_versions, stale_feeds=dict(feeds.stale),
        sanctions=sanctions_summary(feeds, hits, settings.sanctions_scope),
    )


def _sanctions_hits(parts: list[Path]) -> pd.DataFrame:
    """Every hit in the scored parts (applicant_id, match_kind), for the summary line."""
    frames = [pd.read_parquet(path, columns=["applicant_id", "sanctions_hits"]) for path in parts]
    scores = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        {"applicant_id": [], "sanctions_hits": []})
    scores["sanctions_hits"] = [json.loads(text) if text else None for text in scores["sanctions_hits"]]
    return hits_in_scores(scores)


def _fingerprinted_settings(settings: Settings) -> str:
    """The settings that decide the output, as text. The model and geolocation files count by
    their versions (in the fingerprint beside this), not by where they lie: their paths are
    the install's when the defaults are filled in, and a reinstall elsewhere (a new virtual
    environment) must not restart a finished pass."""
    return repr(replace(settings, hash_key=b"", model_dir=None, geoip_country=None,
                        geoip_asn=None, geoip_anonymous=None))


def _key_digest(key: bytes) -> str:
    import hashlib

    return hashlib.sha256(b"detector-batch:" + key).hexdigest() if key else ""


# --------------------------------------------------------------------------- pass 1


def _count_lines(path: Path) -> int:
    from detector.io.gzip_reading import open_bytes

    count = 0
    with open_bytes(path) as handle:
        while block := handle.read(16 << 20):
            count += block.count(b"\n")
    return count


def _pass_one(run: _Run, input_path: Path, form: str) -> int:
    """Spill every chunk's pass-1 result; returns the number of chunks."""
    t = time.perf_counter()
    work, size = run.work, run.options.chunk_size
    if work.done(PASS_ONE_COMPLETE):  # a resume after pass 1: the input is not read again
        run.timings["pass1"] = time.perf_counter() - t
        return int(json.loads(work.path(f"{PASS_ONE_COMPLETE}/count.json").read_text())["chunks"])
    done = {int(p.name) for p in work.path("pass1").glob("[0-9]*")
            if p.name.isdigit() and p.is_dir()} if work.path("pass1").exists() else set()
    has_labels = False
    if form == "tables":
        if not work.done("partitions"):
            with work.step("partitions") as folder:
                chunk_count = partition_tables(input_path, size, folder)
                (folder / "count.json").write_text(json.dumps({"chunks": chunk_count}))
        chunk_count = json.loads(work.path("partitions/count.json").read_text())["chunks"]
        has_labels = _find_table(input_path, "labels") is not None
        sources = table_chunks(work.path("partitions"), chunk_count, done)
        total = chunk_count * size
    else:
        # Counting lines decompresses the whole input once more (~9 s per million
        # applicants); only the progress display needs the total.
        total = None if run.options.quiet else _count_lines(input_path)
        sources = jsonl_chunks(input_path, size, done)
    run.timings["partition_or_count"] = time.perf_counter() - t
    # Ids seen in earlier chunks (id -> line of the first copy), rebuilt from finished chunks.
    seen: dict[str, int] = {}
    progress = Progress("pass 1 (read, validate, signals, keys)", total, run.options.quiet)
    settings = run.executor.share(run.settings)
    feeds = run.executor.share(run.feeds)
    index = 0

    def fold_until(stop: int) -> None:
        nonlocal index
        while index < stop and index in done:
            ids = pd.read_parquet(work.path(f"pass1/{index:06d}/ids.parquet"))
            _remember(seen, ids)
            progress.update(int(json.loads(work.path(f"pass1/{index:06d}/meta.json").read_text())["lines"]))
            index += 1

    seconds: dict[str, float] = {}
    # Locally, chunks are parsed and hashed in two processes that spill their own results
    # (pass 1 is CPU-bound; only ids travel back); the driver checks ids in input order and
    # then moves each spill into place.
    parallel = (LocalPoolExecutor(run.options.local_processes)
                if isinstance(run.executor, LocalExecutor) and run.options.local_processes > 1
                else None)
    try:
        results = (parallel.map_ordered(
            _pass_one_spilled, sources,
            lambda src: (lines_to_file(src, work.path("incoming")), has_labels, settings, feeds, work))
            if parallel is not None else run.executor.map_ordered(
            pass_one, sources, lambda src: (src, has_labels, settings, None, feeds)))
        for source, result in results:
            fold_until(source.index)
            earlier = _earlier(seen, result.ids)
            if earlier:  # rare: copies of ids from earlier chunks; validate again knowing them
                if isinstance(result, _Spilled):
                    shutil.rmtree(work.path(result.folder))
                result = run.executor.run(pass_one, source, has_labels, settings, earlier, feeds)
            _remember(seen, result.ids)
            if isinstance(result, _Spilled):
                work.promote(result.folder, f"pass1/{source.index:06d}")
            else:
                _spill(run.work, result, _source_rows(source))
            for stage, s in result.seconds.items():
                seconds[stage] = seconds.get(stage, 0.0) + s
            progress.update(_source_rows(source))
            index = source.index + 1
    finally:
        if parallel is not None:
            parallel.close()
    fold_until(1 << 62)
    progress.close()
    count = max(index, 1)
    with work.step(PASS_ONE_COMPLETE) as folder:
        (folder / "count.json").write_text(json.dumps({"chunks": count}))
    run.timings["pass1"] = time.perf_counter() - t
    run.peak_rss_mb["pass1"] = _peak_rss_mb()
    run.timings.update({f"pass1.{k}": v for k, v in seconds.items()})
    return count


@dataclass
class _Spilled:
    """A chunk's pass 1 spilled by a local process into ``folder``, not yet checked for ids
    seen in earlier chunks (a resumed run ignores it until the driver moves it into place)."""

    folder: str
    ids: pd.DataFrame
    seconds: dict[str, float]


def _pass_one_spilled(chunk: ChunkSource | LinesFile, has_labels: bool, settings: Settings,
                      feeds, work: WorkFolder) -> _Spilled:
    source = chunk_from_file(chunk)
    result = pass_one(source, has_labels, settings, None, feeds)
    folder = f"pass1/{source.index:06d}.unchecked"
    _spill(work, result, _source_rows(source), folder)
    return _Spilled(folder, result.ids, result.seconds)


def _source_rows(source: ChunkSource) -> int:
    if source.lines is not None:
        return len(source.lines)
    applicants = (source.tables or {}).get("applicants")
    return 0 if applicants is None else len(applicants)


def _remember(seen: dict[str, int], ids: pd.DataFrame) -> None:
    # Plain lists: iterating an Arrow-backed column item by item is many times slower.
    for applicant_id, line in zip(ids["applicant_id"].to_numpy(dtype=object).tolist(),
                                  ids["line"].to_numpy(dtype=np.int64).tolist(), strict=True):
        seen.setdefault(applicant_id, line)


def _earlier(seen: dict[str, int], ids: pd.DataFrame) -> dict[str, int]:
    return {i: seen[i] for i in ids["applicant_id"].to_numpy(dtype=object).tolist() if i in seen}


def _spill(work: WorkFolder, result: PassOne, lines: int, name: str | None = None) -> None:
    with work.step(name or f"pass1/{result.index:06d}") as folder:
        result.rejects.astype(object).to_parquet(folder / "rejects.parquet", index=False)
        result.ids.to_parquet(folder / "ids.parquet", index=False)
        result.applicants.to_parquet(folder / "applicants.parquet", index=False)
        result.sessions.to_parquet(folder / "sessions.parquet", index=False)
        result.payouts.to_parquet(folder / "payouts.parquet", index=False)
        result.signals.to_parquet(folder / "signals.parquet")
        write_keys(result.keys, folder)
        result.agency_payouts.to_parquet(folder / "agency_payouts.parquet", index=False)
        (folder / "meta.json").write_text(json.dumps({
            "lines": lines, "applicants": len(result.applicants), "seconds": result.seconds}))


# --------------------------------------------------------------------------- link index


def _first_rows(work: WorkFolder, count: int) -> list[int]:
    sizes = [json.loads(work.path(f"pass1/{i:06d}/meta.json").read_text())["applicants"]
             for i in range(count)]
    return np.concatenate(([0], np.cumsum(sizes))).astype(int).tolist()


def _link_index(run: _Run, count: int) -> tuple[LinkIndexView, pd.DataFrame | None]:
    """Links over the whole population from the spilled keys, and others' red-flag scores;
    the linking features too when built in this run (else pass 2 reads them back)."""
    t = time.perf_counter()
    work = run.work
    features: pd.DataFrame | None = None
    if not work.done("index"):
        first = _first_rows(work, count)
        folders = [work.path(f"pass1/{i:06d}") for i in range(count)]
        # The searches start first and read their own inputs (signatures, photo hashes) in
        # their processes; meanwhile this process reads the other keys (done before the
        # searches started, it left one core idle for seconds at 1,000,000 applicants).
        searches = start_text_jobs(search_jobs(
            partial(read_text_keys, folders, first[:-1], "resume"),
            partial(read_text_keys, folders, first[:-1], "proposal"),
            partial(read_photo_hashes, folders), run.settings),
            total_texts=text_key_count(folders))
        try:
            keys = LinkKeys.concat([read_keys(folder, first[i], texts=False)
                                    for i, folder in enumerate(folders)])
            with work.step("index") as folder:
                risk_parts: list[np.ndarray] = []

                def own_risks() -> None:
                    """Each chunk's own red-flag scores, while the searches run (they need no
                    links); chunks whose payout signals change with the agency accounts shared
                    across chunks get them corrected, written here once for pass 2."""
                    shared = _agency_shared(work, count)
                    for i in range(count):
                        signals = _signals(work, i, shared.get(i))
                        if i in shared:
                            signals.to_parquet(folder / f"signals_{i:06d}.parquet")
                        risk_parts.append(own_risk(signals))

                links = links_from_keys(keys, run.settings, meanwhile=own_risks, searches=searches)
                ids = keys.applicants[["applicant_id"]]
                agency_ids = keys.applicants["agency_id"].to_numpy(dtype=object)
                del keys
                risk = np.concatenate(risk_parts) if first[-1] else np.zeros(0)
                links.features.to_parquet(folder / "link_features.parquet")
                features = links.features
                links.pairs.to_parquet(folder / "pairs.parquet", index=False)
                np.save(folder / "components.npy", links.components, allow_pickle=False)
                np.save(folder / "others_risk.npy", others_mean(risk, links.components),
                        allow_pickle=False)
                np.save(folder / "agency_others_risk.npy", agency_others_mean(risk, agency_ids),
                        allow_pickle=False)
                ids.to_parquet(folder / "ids.parquet", index=False)
        finally:
            searches.close()  # ended already unless something failed
    run.timings["link_index"] = time.perf_counter() - t
    run.peak_rss_mb["link_index"] = _peak_rss_mb()
    return LinkIndexView(
        pairs=pd.read_parquet(work.path("index/pairs.parquet")),
        components=np.load(work.path("index/components.npy")),
        ids=pd.read_parquet(work.path("index/ids.parquet"))["applicant_id"].to_numpy(dtype=object)
    ), features


def _agency_shared(work: WorkFolder, count: int) -> dict[int, np.ndarray]:
    """Per chunk whose agency accounts are shared only across chunks: the flag per payout."""
    frames = []
    for i in range(count):
        frame = pd.read_parquet(work.path(f"pass1/{i:06d}/agency_payouts.parquet"))
        frames.append(frame.assign(chunk=i))
    agency = pd.concat(frames, ignore_index=True)
    if agency.empty:
        return {}
    owner = agency["chunk"].astype(np.int64) * (1 << 32) + agency["row"]
    holders = owner.groupby([agency["agency"], agency["account"]]).transform("nunique")
    agency["shared"] = holders.to_numpy() >= 2
    out: dict[int, np.ndarray] = {}
    for i in agency.loc[agency["shared"] & ~agency["local"], "chunk"].unique():
        rows = agency[agency["chunk"] == i]
        payouts = pq_rows(work.path(f"pass1/{i:06d}/payouts.parquet"))
        mask = np.zeros(payouts, dtype=bool)
        mask[rows["position"].to_numpy()] = rows["shared"].to_numpy()
        out[int(i)] = mask
    return out


def pq_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _signals(work: WorkFolder, i: int, agency_shared: np.ndarray | None) -> pd.DataFrame:
    folder = work.path(f"pass1/{i:06d}")
    signals = pd.read_parquet(folder / "signals.parquet")
    if agency_shared is None:
        return signals
    return corrected_signals(signals, pd.read_parquet(folder / "applicants.parquet"),
                             pd.read_parquet(folder / "payouts.parquet"), agency_shared)


# --------------------------------------------------------------------------- pass 2


@dataclass
class _PassTwoInputs:
    """Where each chunk's pass-2 input comes from: its spill and its rows of the index."""

    work: WorkFolder
    first: list[int]
    features: pd.DataFrame
    others: np.ndarray
    agency_others: np.ndarray
    index: LinkIndexView

    def chunk(self, i: int) -> PassTwoInput:
        folder, first = self.work.path(f"pass1/{i:06d}"), self.first
        corrected = self.work.path(f"index/signals_{i:06d}.parquet")  # see _link_index
        return PassTwoInput(
            index=i, first_row=first[i],
            applicants=pd.read_parquet(folder / "applicants.parquet"),
            sessions=pd.read_parquet(folder / "sessions.parquet"),
            payouts=pd.read_parquet(folder / "payouts.parquet"),
            signals=pd.read_parquet(corrected if corrected.exists() else folder / "signals.parquet"),
            link_features=self.features.iloc[first[i]:first[i + 1]],
            others_risk=self.others[first[i]:first[i + 1]],
            agency_others_risk=self.agency_others[first[i]:first[i + 1]],
            pairs=self.index.pairs_touching(first[i], first[i + 1]))


def _pass_two_of_chunk(i: int, inputs: _PassTwoInputs, model, screening: Screening) -> pd.DataFrame:
    """Pass 2 of chunk ``i`` in a local process, which reads the chunk's spill itself."""
    return pass_two(inputs.chunk(i), inputs.index, model, screening)


def _pass_two(run: _Run, count: int, index: LinkIndexView, model,
              link_features: pd.DataFrame | None = None) -> None:
    t = time.perf_counter()
    work = run.work
    first = _first_rows(work, count)
    # Reading the features back cost ~0.8 s of one core at 1,000,000 applicants.
    if link_features is None:
        link_features = pd.read_parquet(work.path("index/link_features.parquet"))
    inputs = _PassTwoInputs(work, first, link_features,
                            np.load(work.path("index/others_risk.npy")),
                            np.load(work.path("index/agency_others_risk.npy")), index)
    todo = [i for i in range(count) if not work.path(f"scores/{i:06d}.parquet").exists()]
    progress = Progress("pass 2 (score, reasons)", first[-1], run.options.quiet)
    progress.update(sum(first[i + 1] - first[i] for i in range(count) if i not in set(todo)))
    work.path("scores").mkdir(exist_ok=True)
    pool = (LocalPoolExecutor(run.options.local_processes)
            if isinstance(run.executor, LocalExecutor) and run.options.local_processes > 1
            else None)
    try:
        if pool is not None:
            # Local processes inherit the index and the model with the fork and read their
            # chunk's spill from the work folder: only chunk numbers and scores travel.
            shared = pool.share(inputs), pool.share(model), pool.share(run.screening)
            results = pool.map_ordered(_pass_two_of_chunk, todo, lambda i: (i, *shared))
        else:
            # Workers get the ids and networks once; each chunk carries only the pairs it touches.
            shared_index = run.executor.share(LinkIndexView(
                pairs=index.pairs.iloc[:0], components=index.components, ids=index.ids))
            shared_model = run.executor.share(model)
            shared_screening = run.executor.share(run.screening)
            results = ((item.index, scores) for item, scores in run.executor.map_ordered(
                pass_two, (inputs.chunk(i) for i in todo),
                lambda item: (item, shared_index, shared_model, shared_screening)))
        for i, scores in results:
            _write_part(work.path(f"scores/{i:06d}.parquet"), scores)
            progress.update(len(scores))
    finally:
        if pool is not None:
            pool.close()
    progress.close()
    run.timings["pass2"] = time.perf_counter() - t
    run.peak_rss_mb["pass2"] = _peak_rss_mb()


def _write_part(path: Path, scores: pd.DataFrame) -> None:
    """Write a chunk's scores under a temporary name, then rename: whole or absent."""
    import os

    temporary = path.with_name(path.name + ".tmp")
    scores.to_parquet(temporary, index=False)
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
