"""Scoring requests that arrive together are scored together, in one store transaction.

Per-call overhead (pandas frames, model calls, a commit) dominates scoring one applicant, and
store writes are serialised anyway, so a single worker thread takes every waiting request
at once, scores them as one population against the store, and hands each caller its rows.
Requests never wait for a batch to fill: a lone request is scored immediately.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
from concurrent.futures import Future
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.api.errors import ApiError, problems_from_rejects
from detector.io.read_input import load_population_from_records
from detector.store.audit import audit
from detector.store.db import Store
from detector.store.scoring import ScoringEngine, StoreScored, score_with_store

log = logging.getLogger("detector.api")
_LINE = re.compile(r"line (\d+)")


@dataclass
class _Job:
    records: list[dict]
    actor: str
    future: Future
    ids: frozenset[str] = frozenset()


def _renumber(text: str, offset: int) -> str:
    """'line 12' of the combined batch as the line of the request it came from."""
    return _LINE.sub(lambda m: f"line {int(m.group(1)) - offset}", text)


def _split(result: StoreScored, sizes: list[int]) -> list[StoreScored]:
    parts, start = [], 0
    for size in sizes:
        stop = start + size
        parts.append(StoreScored(scores=result.scores.iloc[start:stop].reset_index(drop=True),
                                 links=result.links[start:stop], features=result.features.iloc[start:stop],
                                 timings=result.timings))
        start = stop
    return parts


class ScoreBatcher:
    def __init__(self, store: Store, engine: ScoringEngine, max_batch: int = 64):
        self.store, self.engine, self.max_batch = store, engine, max_batch
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="score-batcher", daemon=True)
        self._thread.start()

    def score(self, records: list[dict], actor: str) -> StoreScored:
        """Validate, score and store one request's applicants (blocking).

        Raises ``ApiError`` 422 listing every problem when a record breaks the input contract;
        then nothing of that request is stored.
        """
        job = _Job(records, actor, Future(), frozenset(str(r.get("applicant_id")) for r in records))
        self._queue.put(job)
        return job.future.result()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _take(self) -> list[_Job] | None:
        first = self._queue.get()
        if first is None:
            return None
        jobs, ids = [first], set(first.ids)
        while len(jobs) < self.max_batch:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is None:
                self._queue.put(None)
                break
            these = set(job.ids)
            if these & ids:  # the same applicant twice: score it in the next round
                self._queue.put(job)
                break
            jobs.append(job)
            ids |= these
        return jobs

    def _run(self) -> None:
        while True:
            jobs = self._take()
            if jobs is None:
                return
            try:
                self._score(jobs)
            except Exception as error:  # one bad request must not fail the others
                if len(jobs) == 1:
                    jobs[0].future.set_exception(error)
                    continue
                for job in jobs:
                    try:
                        self._score([job])
                    except Exception as single:
                        job.future.set_exception(single)

    def _score(self, jobs: list[_Job]) -> None:
        """Validate all jobs' records in one pass (the validator's cost is mostly per call),
        refuse the jobs with problems, score the others together."""
        offsets = np.cumsum([0] + [len(j.records) for j in jobs])
        loaded = load_population_from_records([r for j in jobs for r in j.records])
        job_of_line = np.repeat(np.arange(len(jobs)), [len(j.records) for j in jobs])
        bad: dict[int, list[dict]] = {}
        for reject in loaded.rejects.itertuples(index=False):
            match = _LINE.search(str(reject.record)) or _LINE.search(str(reject.applicant_id))
            line = int(match.group(1)) if match else 1
            index = int(job_of_line[min(line, len(job_of_line)) - 1])
            local = _renumber(str(reject.record), int(offsets[index]))
            bad.setdefault(index, []).append({"applicant_id": reject.applicant_id, "record": local,
                                             "field": reject.field, "reason": reject.reason})
        for index, problems in bad.items():
            jobs[index].future.set_exception(ApiError(
                422, "some records break the input contract; nothing was scored or stored",
                problems_from_rejects(pd.DataFrame(problems))))
        good = [j for i, j in enumerate(jobs) if i not in bad]
        if not good:
            return
        wanted = [str(r["applicant_id"]) for j in good for r in j.records]
        population = loaded.population.subset(wanted)
        order = pd.Index(population.applicants["applicant_id"]).get_indexer(wanted)
        population.applicants = population.applicants.iloc[order].reset_index(drop=True)
        with self.engine.lock, self.store.session() as session:
            result = score_with_store(session, population, self.engine, source="api")
            for applicant_id in wanted:
                audit(session, next(j.actor for j in good if applicant_id in j.ids), "score", applicant_id)
        for job, part in zip(good, _split(result, [len(j.records) for j in good]), strict=True):
            job.future.set_result(part)
