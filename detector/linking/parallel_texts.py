"""Run independent searches (near-duplicate resumes and proposals, reused photos) on two cores.

Text MinHash is pure-Python tokenising and holds the GIL, so threads do not help. A forked
worker inherits the texts without copying them through a pipe and returns only the pairs.
Small inputs, platforms without ``fork`` and daemonic processes (which may not have children,
such as distributed workers) run the searches one after the other.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from typing import Any

import pandas as pd

PARALLEL_MIN_TEXTS = 20_000

_JOBS: list[tuple[Callable[..., pd.DataFrame], tuple[Any, ...]]] = []
_STAY_IN_PROCESS = False


def stay_in_process() -> None:
    """Run every later search of this process one after the other: called in the batch's
    pool processes, which already keep every core busy (``concurrent.futures`` processes are
    not daemonic, so the check below does not catch them; forking two more per chunk only
    added fork and copy-on-write costs)."""
    global _STAY_IN_PROCESS
    _STAY_IN_PROCESS = True


def _run(index: int) -> pd.DataFrame:
    func, args = _JOBS[index]
    return func(*args)


class PendingJobs:
    """Searches started by :func:`start_text_jobs`; :meth:`results` waits for them."""

    def __init__(self, jobs: list[tuple[Callable[..., pd.DataFrame], tuple[Any, ...]]],
                 pool: Any = None, pending: Any = None):
        self._jobs, self._pool, self._pending = jobs, pool, pending

    def results(self) -> list[pd.DataFrame]:
        """Results of ``func(*args)`` for each job, in order."""
        if self._pool is None:
            return [func(*args) for func, args in self._jobs]
        try:
            return self._pending.get()
        finally:
            self.close()

    def close(self) -> None:
        """End the processes (the caller failed before asking for the results); idempotent."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
            _JOBS.clear()
            gc.unfreeze()


def start_text_jobs(jobs: list[tuple[Callable[..., pd.DataFrame], tuple[Any, ...]]],
                    total_texts: int) -> PendingJobs:
    """Start the jobs in forked processes when worth it (see the module docstring), so the
    caller can do other work while they run; otherwise they run when results are asked for."""
    if total_texts < PARALLEL_MIN_TEXTS or len(jobs) < 2 or _STAY_IN_PROCESS or \
            "fork" not in multiprocessing.get_all_start_methods() or \
            multiprocessing.current_process().daemon:  # e.g. inside a Dask or pool worker
        return PendingJobs(jobs)
    _JOBS[:] = jobs
    # The caller goes on working while the searches run: the collector must not write to
    # the objects the processes share with it (each write copies a page), so they are kept
    # out of its sight until the searches end.
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(processes=min(2, len(jobs)))
    return PendingJobs(jobs, pool, pool.map_async(_run, range(len(jobs)), chunksize=1))


def run_text_jobs(jobs: list[tuple[Callable[..., pd.DataFrame], tuple[Any, ...]]],
                  total_texts: int) -> list[pd.DataFrame]:
    """Results of ``func(*args)`` for each job, in order; in parallel when worth it."""
    return start_text_jobs(jobs, total_texts).results()
