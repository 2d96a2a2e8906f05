"""Progress of a long run: a bar on a terminal, plain periodic log lines otherwise."""

from __future__ import annotations

import sys
import time


class Progress:
    """Rows done, rate and ETA of one stage; ``total`` may be None (rate only)."""

    def __init__(self, stage: str, total: int | None, quiet: bool = False,
                 every_seconds: float = 10.0):
        self.stage, self.total, self.quiet = stage, total, quiet
        self.every = every_seconds
        self.done = 0
        self.start = self.last = time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=stage, unit="rows", unit_scale=True,
                            file=sys.stderr, dynamic_ncols=True)

    def update(self, rows: int) -> None:
        self.done += rows
        if self.bar is not None:
            self.bar.update(rows)
            return
        now = time.monotonic()
        if not self.quiet and now - self.last >= self.every:
            self.last = now
            self._log(now)

    def _log(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            left = max(self.total - self.done, 0)
            eta = f", ETA {left / rate:,.0f}s" if rate > 0 else ""
            done = f"{self.done:,}/{self.total:,} rows ({100 * self.done / self.total:.0f}%)"
        else:
            eta, done = "", f"{self.done:,} rows"
        message = f"{self.stage}: {done}, {rate:,.0f} rows/s{eta}"
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif not self.quiet:
            self._log(time.monotonic())
