"""Run independent searches (near-duplicate resumes and proposals, reused photos) on two cores.

Text MinHash is pure-Python tokenising and holds the GIL, so threads do not help. A forked
worker inherits the texts without copying them through a pipe and returns only the pairs.
Small inputs, platforms without ``fork`` and daemonic processes (which may not have children,
such as distributed workers) run the searches one after the other.
"""

from __future__ import annotations

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


def run_text_jobs(jobs: list[tuple[Callable[..., pd.DataFrame], tuple[Any, ...]]],
                  total_texts: int) -> list[pd.DataFrame]:
    """Results of ``func(*args)`` for each job, in order; in parallel when worth it."""
    if total_texts < PARALLEL_MIN_TEXTS or len(jobs) < 2 or _STAY_IN_PROCESS or \
            "fork" not in multiprocessing.get_all_start_methods() or \
            multiprocessing.current_process().daemon:  # e.g. inside a Dask or pool worker
        return [func(*args) for func, args in jobs]
    _JOBS[:] = jobs
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(processes=min(2, len(jobs))) as pool:
            return pool.map(_run, range(len(jobs)))
    finally:
        _JOBS.clear()
