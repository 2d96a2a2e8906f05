"""Where chunk work runs: in this process, or on a Dask ``distributed`` cluster.

The driver always owns the input and the work folder; chunks travel to workers as data and
results come back as data, so workers need the package (same version) but no shared disk.
At most a few chunks are in flight at once, so the driver's memory stays bounded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from detector.errors import ConfigurationError


def in_order(submit: Callable[[Any], Any], items: Iterable[Any],
             limit: int) -> Iterator[tuple[Any, Any]]:
    """``(item, result)`` in the order of ``items``, with at most ``limit`` submitted and not yet
    collected (``submit`` returns a future), so the driver's memory stays bounded."""
    in_flight: deque = deque()
    for item in items:
        in_flight.append((item, submit(item)))
        if len(in_flight) >= limit:
            done_item, future = in_flight.popleft()
            yield done_item, future.result()
    while in_flight:
        done_item, future = in_flight.popleft()
        yield done_item, future.result()


class LocalExecutor:
    """Runs every chunk in this process, one after the other (lowest memory)."""

    workers = 1

    def share(self, value: Any) -> Any:
        return value

    def map_ordered(self, func: Callable[..., Any], items: Iterable[Any],
                    args: Callable[[Any], tuple]) -> Iterator[tuple[Any, Any]]:
        for item in items:
            yield item, func(*args(item))

    def run(self, func: Callable[..., Any], item: Any, *args: Any) -> Any:
        return func(item, *args)

    def close(self) -> None:
        pass


# Values shared with forked pool processes: set in the driver before the processes start, so
# every process inherits them with the fork instead of receiving a copy with each task.
_SHARED: dict[int, Any] = {}


@dataclass(frozen=True)
class SharedValue:
    """A handle to a value the pool's processes inherited (see :meth:`LocalPoolExecutor.share`)."""

    key: int


def _resolve(value: Any) -> Any:
    return _SHARED[value.key] if isinstance(value, SharedValue) else value


def _exit_with_parent(parent: int) -> None:
    """Pool process initializer: end this process when the driver is gone (killed, even by
    SIGKILL), instead of waiting for tasks forever as an orphan; and fork no processes of its
    own (the pool already has one process per core)."""
    import os
    import threading
    import time

    from detector.linking.parallel_texts import stay_in_process

    stay_in_process()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="exit-with-driver").start()


def _call_with_shared(func: Callable[..., Any], *args: Any) -> Any:
    return func(*(_resolve(arg) for arg in args))


class LocalPoolExecutor(LocalExecutor):
    """Runs chunks in ``workers`` forked processes of this machine, results in input order.

    Task arguments travel by pipe, so they should be small (a chunk's raw lines, a chunk
    number); large read-only values (the link index, the model) are given to :meth:`share`
    before the first task and reach the processes with the fork. At most two chunks per
    process are in flight.
    """

    def __init__(self, workers: int = 2):
        self.workers = workers
        self._pool: Any = None
        self._keys: list[int] = []

    def share(self, value: Any) -> Any:
        if self._pool is not None:
            raise RuntimeError("share values before the first task: processes inherit them "
                               "when they are forked")
        key = max(_SHARED, default=-1) + 1
        _SHARED[key] = value
        self._keys.append(key)
        return SharedValue(key)

    def _submit(self, func: Callable[..., Any], args: tuple) -> Any:
        if self._pool is None:
            import gc
            import multiprocessing
            import os
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                             mp_context=multiprocessing.get_context("fork"),
                                             initializer=_exit_with_parent,
                                             initargs=(os.getpid(),))
            # The collector of a forked process writes to every object it scans, copying
            # the driver's pages; frozen objects are not scanned.
            gc.freeze()
            try:
                future = self._pool.submit(int)  # forks the processes now
            finally:
                gc.unfreeze()
            future.result()
        return self._pool.submit(_call_with_shared, func, *args)

    def map_ordered(self, func: Callable[..., Any], items: Iterable[Any],
                    args: Callable[[Any], tuple]) -> Iterator[tuple[Any, Any]]:
        return in_order(lambda item: self._submit(func, args(item)), items, 2 * self.workers)

    def run(self, func: Callable[..., Any], item: Any, *args: Any) -> Any:
        return _call_with_shared(func, item, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        for key in self._keys:
            _SHARED.pop(key, None)
        self._keys.clear()


class DaskExecutor:
    """Runs chunks as tasks on a Dask cluster (``scheduler`` address, or a local cluster)."""

    def __init__(self, scheduler: str | None = None, workers: int = 2):
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:  # pragma: no cover - distributed is a dependency
            raise ConfigurationError("--backend dask needs the 'distributed' package; "
                                     "pip install distributed") from error
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="30s")
            else:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                             processes=True, dashboard_address=":0")
                self.client = Client(self._cluster)
        except OSError as error:
            raise ConfigurationError(
                f"cannot reach the Dask scheduler at {scheduler}: {error}; start one with "
                "'dask scheduler' and workers with 'dask worker ADDRESS', or omit --scheduler "
                "to start a local cluster") from error
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def share(self, value: Any) -> Any:
        """Send ``value`` to every worker once; tasks receive it by reference."""
        return self.client.scatter(value, broadcast=True)

    def map_ordered(self, func: Callable[..., Any], items: Iterable[Any],
                    args: Callable[[Any], tuple]) -> Iterator[tuple[Any, Any]]:
        """Results in the order of ``items`` with at most two tasks per worker in flight."""
        def submit(item: Any) -> Any:
            # The chunk goes to the cluster as data of its own, not inside the task graph.
            return self.client.submit(func, *args(self.client.scatter(item)), pure=False)

        return in_order(submit, items, 2 * self.workers)

    def run(self, func: Callable[..., Any], item: Any, *args: Any) -> Any:
        return self.client.submit(func, self.client.scatter(item), *args, pure=False).result()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

