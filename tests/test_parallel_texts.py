"""The two text searches give the same pairs on two cores as one after the other."""

import pandas as pd

from detector.linking import parallel_texts
from detector.linking.text_similarity import similar_text_pairs

TEXTS = [f"python developer building data pipelines with airflow and spark for client {i % 3}" for i in range(30)]
OTHER = [f"designer of mobile apps in figma and swift, case study number {i}" for i in range(30)]


def test_parallel_and_sequential_agree(monkeypatch):
    jobs = [(similar_text_pairs, (TEXTS,)), (similar_text_pairs, (OTHER,))]
    sequential = parallel_texts.run_text_jobs(jobs, total_texts=0)
    monkeypatch.setattr(parallel_texts, "PARALLEL_MIN_TEXTS", 1)
    parallel = parallel_texts.run_text_jobs(jobs, total_texts=60)
    assert len(sequential[0]) > 0
    for a, b in zip(sequential, parallel, strict=True):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def _in_daemon(queue):
    jobs = [(similar_text_pairs, (TEXTS,)), (similar_text_pairs, (OTHER,))]
    parallel_texts.PARALLEL_MIN_TEXTS = 1
    queue.put(len(parallel_texts.run_text_jobs(jobs, total_texts=60)[0]))


def test_a_daemonic_worker_runs_the_searches_in_process():
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_in_daemon, args=(queue,), daemon=True)
    worker.start()
    found = queue.get(timeout=60)
    worker.join(timeout=60)
    assert found > 0 and worker.exitcode == 0


def _pids_of_searches() -> list[int]:
    import os

    parallel_texts.PARALLEL_MIN_TEXTS = 1
    return [os.getpid(), *parallel_texts.run_text_jobs([(os.getpid, ()), (os.getpid, ())],
                                                       total_texts=60)]


def test_a_batch_pool_process_runs_the_searches_in_process():
    """The batch's pool processes (not daemonic) must not fork two more per chunk."""
    from detector.batch.executors import LocalPoolExecutor

    pool = LocalPoolExecutor(2)
    try:
        (_, pids), = pool.map_ordered(_pids_of_searches, [0], lambda item: ())
    finally:
        pool.close()
    assert len(set(pids)) == 1
