"""Prometheus metrics of the API: requests by route and status, scoring latency, store size,
and the CPU each of the process's threads has used."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily
from starlette.types import ASGIApp, Receive, Scope, Send


class Metrics:
    """One registry per app, so several apps (tests) never share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("detector_http_requests_total", "HTTP requests by route and status",
                                ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("detector_http_request_seconds", "HTTP request latency by route",
                                 ["route"], registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
        self.scored = Counter("detector_applicants_scored_total", "Applicants scored, by band",
                              ["band"], registry=self.registry)
        self.batch_size = Histogram("detector_score_batch_requests", "Scoring requests per store "
                                    "transaction (micro-batch size)", registry=self.registry,
                                    buckets=(1, 2, 4, 8, 16, 32, 64, 128))
        self.store_applicants = Gauge("detector_store_applicants", "Applicants in the store by status",
                                      ["status"], registry=self.registry)
        self.registry.register(ThreadCpu())

    def render(self) -> bytes:
        return generate_latest(self.registry)


class ThreadCpu:
    """``detector_thread_cpu_seconds_total{thread=NAME}``: CPU seconds (user + system) used by
    this process's threads, summed by thread name. Shows where a server's CPU goes: the scoring
    thread (``score-batcher``), the event loop (``MainThread``), the WAL checkpoints, the pool
    threads (API-key checks). Read from Linux's ``/proc``; elsewhere the family is empty."""

    def collect(self):
        family = CounterMetricFamily("detector_thread_cpu_seconds",
                                     "CPU seconds used by this process's threads, by thread name",
                                     labels=["thread"])
        for name, seconds in sorted(thread_cpu_seconds().items()):
            family.add_metric([name], seconds)
        yield family


def thread_cpu_seconds() -> dict[str, float]:
    """CPU seconds of each live Python thread of this process, summed by name (Linux)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    used: dict[str, float] = {}
    for thread in threading.enumerate():
        try:  # fields after the command name: state first, so utime and stime are 11 and 12
            fields = Path(f"/proc/self/task/{thread.native_id}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        used[thread.name] = used.get(thread.name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return used


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = {"code": 500}

        async def capture(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            route = scope.get("route")
            name = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(scope.get("method", ""), name, str(status["code"])).inc()
            self.metrics.latency.labels(name).observe(time.perf_counter() - start)
