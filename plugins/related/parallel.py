"""Independent chunks of array work on every core, and the top values of each row of a sparse matrix.

NumPy and SciPy's sparse kernels release the GIL while they run, so plain threads share out the matrix work
(products, partitions) without copying the matrices, as processes would have to.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np

__all__ = ["cores", "map_chunks", "top_per_row"]

T = TypeVar("T")
R = TypeVar("R")
_PADDED = 1 << 22  # values laid out at once to pick the top of many rows (16 MB of float32)


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_chunks(function: Callable[[T], R], chunks: Iterable[T], workers: int = 0) -> list[R]:
    """[function(chunk) for chunk in chunks], on `workers` threads (0 = one per core), results in order."""
    chunks = list(chunks)
    workers = min(len(chunks), workers or cores())
    if workers <= 1:
        return [function(chunk) for chunk in chunks]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, chunks))


def top_per_row(indptr: np.ndarray, data: np.ndarray, limit: int) -> np.ndarray:
    """Mask over `data` (CSR values) keeping the `limit` largest values of each row.

    Rows longer than `limit` are laid out side by side, padded with -inf, and partitioned in one call per group
    of rows instead of one call per row. Among equal values at the limit the choice is arbitrary but the same
    for the same input."""
    keep = np.ones(len(data), dtype=bool)
    counts = np.diff(indptr)
    long_rows = np.flatnonzero(counts > limit)
    if limit <= 0 or len(long_rows) == 0:
        return keep if limit > 0 else ~keep
    start = 0
    while start < len(long_rows):
        width = int(counts[long_rows[start]])
        end = start + 1
        while end < len(long_rows) and (end - start + 1) * max(width, int(counts[long_rows[end]])) <= _PADDED:
            width = max(width, int(counts[long_rows[end]]))
            end += 1
        rows = long_rows[start:end]
        sizes = counts[rows]
        slot = np.repeat(np.arange(len(rows)), sizes)
        offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        source = np.repeat(indptr[rows], sizes) + offset
        padded = np.full((len(rows), width), -np.inf, dtype=np.float32)
        padded[slot, offset] = data[source]
        best = np.argpartition(-padded, limit - 1, axis=1)[:, :limit]
        keep[source] = False
        keep[(indptr[rows][:, None] + best).ravel()] = True
        start = end
    return keep
