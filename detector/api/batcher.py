"""Scoring requests that arrive together are scored together, in one store transaction.

Per-call overhead (pandas frames, model calls, a commit) dominates scoring one applicant, and
store writes are serialised anyway, so a single worker thread takes every waiting request
at once, scores them as one population against the store, and hands each caller its rows.
Requests never wait for a batch to fill: a lone request is scored immediately.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass

import pandas as pd

from detector.io.population import Population
from detector.store.audit import audit
from detector.store.db import Store
from detector.store.scoring import ScoringEngine, StoreScored, score_with_store

log = logging.getLogger("detector.api")


@dataclass
class _Job:
    population: Population
    actor: str
    future: Future


def _combine(populations: list[Population]) -> Population:
    return Population(**{name: pd.concat([getattr(p, name) for p in populations], ignore_index=True)
                         for name in ("applicants", "sessions", "payouts", "proposals")})


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

    def score(self, population: Population, actor: str) -> StoreScored:
        """Score (blocking) and store one request's applicants."""
        job = _Job(population, actor, Future())
        self._queue.put(job)
        return job.future.result()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _take(self) -> list[_Job] | None:
        first = self._queue.get()
        if first is None:
            return None
        jobs, ids = [first], set(first.population.applicants["applicant_id"])
        while len(jobs) < self.max_batch:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is None:
                self._queue.put(None)
                break
            these = set(job.population.applicants["applicant_id"])
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
        combined = _combine([j.population for j in jobs])
        with self.engine.lock, self.store.session() as session:
            result = score_with_store(session, combined, self.engine, source="api")
            for job in jobs:
                for applicant_id in job.population.applicants["applicant_id"]:
                    audit(session, job.actor, "score", str(applicant_id))
        for job, part in zip(jobs, _split(result, [len(j.population.applicants) for j in jobs]),
                             strict=True):
            job.future.set_result(part)
