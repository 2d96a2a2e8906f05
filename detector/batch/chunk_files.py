"""A chunk's raw JSON lines handed to a local pass-1 process through a file in the work folder.

Sent as a task argument, a heavy chunk (~100 MB of lines) went through the process pool's
pipe in 64 KB pieces, written by the driver's feeder thread and read by the pass-1 process
when it asked for its next chunk: that process waited 0.2-0.45 s per chunk, a core idle each
time. The driver now writes the lines to a file while the processes are busy (into the page
cache), and the process reads it back in one call and removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from detector.batch.chunk_input import ChunkSource


@dataclass(frozen=True)
class LinesFile:
    """Where a chunk's lines wait: ``path`` holds them one after the other."""

    index: int
    path: Path
    numbers: np.ndarray  # input line number of each line
    ends: np.ndarray  # offset in the file where each line ends


def lines_to_file(source: ChunkSource, folder: Path) -> ChunkSource | LinesFile:
    """Write the lines of a JSON Lines chunk to ``folder``; other chunks are returned as they are."""
    if source.lines is None:
        return source
    folder.mkdir(exist_ok=True)
    path = folder / f"{source.index:06d}.lines"
    with open(path, "wb") as handle:
        handle.writelines(line for _, line in source.lines)
    return LinesFile(
        index=source.index, path=path,
        numbers=np.fromiter((number for number, _ in source.lines), dtype=np.int64,
                            count=len(source.lines)),
        ends=np.cumsum(np.fromiter((len(line) for _, line in source.lines), dtype=np.int64,
                                   count=len(source.lines))))


def chunk_from_file(item: ChunkSource | LinesFile) -> ChunkSource:
    """The chunk as :func:`lines_to_file` was given it (the file is removed)."""
    if isinstance(item, ChunkSource):
        return item
    data = item.path.read_bytes()
    item.path.unlink()
    starts = np.concatenate(([0], item.ends))[:-1].tolist()
    lines = [data[start:end] for start, end in zip(starts, item.ends.tolist(), strict=True)]
    return ChunkSource(item.index, lines=list(zip(item.numbers.tolist(), lines, strict=True)))
