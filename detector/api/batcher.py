"""Dynamic micro-batching: requests that arrive together are scored together, in one store transaction.

Store writes are serialised (one writer), so while a scoring transaction runs, the requests
that arrive queue up; a single worker thread then takes every waiting request (up to
``score_batch_max``, ``DETECTOR_SCORE_BATCH_MAX``), scores them in one transaction and hands
each caller its own rows. A lone request is scored at once: the thread waits for more
(``score_batch_wait_ms``) only when a second request is already queued, so sequential latency
does not grow.

**The batch rule.** A batch gives each request what the same requests sent one after another
would: applicants in order, each linked against the store plus every applicant before it in
the batch, and stored before the next is linked. The order is the clean one-applicant requests
(the sign-up call, which takes the per-applicant fast path: ``detector.io.fast_records``,
``detector.store.many_scoring``) in arrival order, then the other requests (lists, records
with problems, sanctions screening on), validated together and scored as one population by the
frame path (as one list: docs/API.md says where a list differs from one-by-one scoring). The
first applicant of a batch gets exactly what a request of its own would.

**Failures stay with their request.** A request with a record that breaks the input contract
gets its 422 (nothing of it stored) and the others in its batch are scored. If scoring a batch
raises (a store error, a bug hit by one applicant), the transaction is rolled back and every
request of the batch is retried alone, in order, in a transaction of its own: the ones that
fail again get their error (500 with an incident id), the others their scores, as if the
failed requests had never been sent. The same applicant id twice in one batch is never
scored together: the later request waits for the next batch.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.api.errors import ApiError, problems_from_rejects
from detector.errors import ConfigurationError
from detector.io.fast_records import CleanApplicant, clean_records
from detector.io.read_input import load_population_from_records
from detector.store.audit import audit
from detector.store.db import Store
from detector.store.many_scoring import audit_scores, score_many_with_store
from detector.store.one_scoring import can_score_alone, prepare_one
from detector.store.scoring import ScoringEngine, StoreScored, score_with_store
from detector.store.working_set import WorkingSet

log = logging.getLogger("detector.api")
_LINE = re.compile(r"line (\d+)")


@dataclass
class _Job:
    records: list[dict]
    actor: str
    future: Future
    ids: frozenset[str] = frozenset()
    clean: CleanApplicant | None = None  # set when the request takes the fast path


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
    def __init__(self, store: Store, engine: ScoringEngine, max_batch: int | None = None,
                 max_wait_ms: float | None = None, on_batch=None):
        settings = engine.settings
        self.max_batch = settings.score_batch_max if max_batch is None else max_batch
        wait_ms = settings.score_batch_wait_ms if max_wait_ms is None else max_wait_ms
        if self.max_batch < 1:
            raise ConfigurationError(f"DETECTOR_SCORE_BATCH_MAX={self.max_batch} must be 1 or more "
                                     "(1 scores each request in a transaction of its own)")
        if not 0 <= wait_ms <= 1000:
            raise ConfigurationError(f"DETECTOR_SCORE_BATCH_WAIT_MS={wait_ms} must be between 0 and "
                                     "1000 milliseconds (a few ms at most is useful)")
        self.max_wait = wait_ms / 1000
        self.on_batch = on_batch  # called with each batch's request count (metrics)
        self.store, self.engine = store, engine
        # the linking lookups' rows in memory (DETECTOR_STORE_WORKING_SET), loaded before the
        # first request is scored
        self.memory = WorkingSet.load(store.engine) if settings.store_working_set else None
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="score-batcher", daemon=True)
        self._thread.start()

    def score(self, records: list[dict], actor: str) -> StoreScored:
        """Validate, score and store one request's applicants (blocking).

        Raises ``ApiError`` 422 listing every problem when a record breaks the input contract;
        then nothing of that request is stored.
        """
        return self.submit(records, actor).result()

    def submit(self, records: list[dict], actor: str) -> Future:
        """Queue one request's applicants; the future gets ``score``'s result or error (an async
        handler awaits it without holding a thread of the server's pool)."""
        job = _Job(records, actor, Future(), frozenset(str(r.get("applicant_id")) for r in records))
        self._queue.put(job)
        return job.future

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _take(self) -> list[_Job] | None:
        first = self._queue.get()
        if first is None:
            return None
        jobs, ids = [first], set(first.ids)
        deadline = time.monotonic() + self.max_wait
        while len(jobs) < self.max_batch:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                remaining = deadline - time.monotonic()
                if len(jobs) == 1 or remaining <= 0:  # a lone request never waits
                    break
                try:
                    job = self._queue.get(timeout=remaining)
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
            if self.on_batch is not None:
                self.on_batch(len(jobs))
            fast = can_score_alone(self.engine)
            for job in jobs:
                found = clean_records(job.records) if fast and len(job.records) == 1 else None
                job.clean = found[0] if found else None
            for group, scorer in (([j for j in jobs if j.clean is not None], self._score_alone),
                                  ([j for j in jobs if j.clean is None], self._score)):
                if group:
                    self._guarded(group, scorer)

    @staticmethod
    def _guarded(jobs: list[_Job], scorer) -> None:
        try:
            scorer(jobs)
        except Exception as error:  # one bad request must not fail the others
            if len(jobs) == 1:
                jobs[0].future.set_exception(error)
                return
            for job in jobs:
                try:
                    scorer([job])
                except Exception as single:
                    job.future.set_exception(single)

    def _score_alone(self, jobs: list[_Job]) -> None:
        """Score clean one-applicant requests in order in one store transaction, each as if sent alone
        right after the ones before it."""
        prepared = [prepare_one(job.clean, self.engine) for job in jobs if job.clean is not None]
        memory = self.memory
        with self.engine.lock, self.store.writer_turn():
            try:
                with self.store.session() as session:
                    results = score_many_with_store(session, prepared, self.engine, source="api", memory=memory)
                    audit_scores(session, [(job.actor, ready.applicant.fields["applicant_id"])
                                           for job, ready in zip(jobs, prepared, strict=True)])
            except BaseException:
                if memory is not None:
                    memory.rollback()
                raise
            if memory is not None:
                memory.commit()  # the store committed: keep what the working set added
        for job, result in zip(jobs, results, strict=True):
            job.future.set_result(result)

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
        with self.engine.lock, self.store.writer_turn(), self.store.session() as session:
            result = score_with_store(session, population, self.engine, source="api")
            for applicant_id in wanted:
                audit(session, next(j.actor for j in good if applicant_id in j.ids), "score", applicant_id)
        for job, part in zip(good, _split(result, [len(j.records) for j in good]), strict=True):
            job.future.set_result(part)
