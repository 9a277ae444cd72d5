"""Nearest neighbours of every row of an L2-normalised sparse matrix, in time linear in the number of rows.

Comparing every article with every other grows with the square of the archive. Instead, candidates come from an
inverted index kept short on purpose: each article asks with its `query_terms` strongest terms, and each term
answers with only the `posting_docs` articles it weighs most in. Those candidates are then scored exactly (full
cosine of the two rows), so pruning only decides who is compared, never the score itself.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import scipy.sparse as sp

from .parallel import cores, map_chunks, top_per_row

__all__ = ["candidates", "keep_strongest_per_column", "keep_strongest_per_row", "pair_products"]

_CHUNK_ROWS = 1000
_PAIR_CHUNK = 20_000


def _rows_mask(matrix: sp.csr_matrix, limit: int) -> np.ndarray:
    """Mask over matrix.data keeping the `limit` largest values of each row, rows shared out between threads."""
    n = matrix.shape[0]
    bounds = np.linspace(0, n, cores() + 1).astype(np.int64)

    def part(span: tuple[int, int]) -> np.ndarray:
        first, last = span
        indptr = matrix.indptr[first : last + 1]
        return top_per_row(indptr - indptr[0], matrix.data[indptr[0] : indptr[-1]], limit)

    masks = map_chunks(part, pairwise(bounds))
    return np.concatenate(masks) if masks else np.zeros(0, dtype=bool)


def keep_strongest_per_row(matrix: sp.csr_matrix, limit: int) -> sp.csr_matrix:
    """A copy keeping only the `limit` largest values of each row (all of them when limit is 0)."""
    matrix = matrix.copy()
    if not limit:
        return matrix
    matrix.data[~_rows_mask(matrix, limit)] = 0.0
    matrix.eliminate_zeros()
    return matrix


def keep_strongest_per_column(matrix: sp.csr_matrix, limit: int) -> sp.csr_matrix:
    """A copy keeping only the `limit` largest values of each column."""
    return keep_strongest_per_row(matrix.T.tocsr(), limit).T.tocsr()


def candidates(queries: sp.csr_matrix, postings: sp.csr_matrix, extra: sp.csr_matrix | None,
               per_row: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the `per_row` best approximate matches of each row, itself excluded.

    `queries` @ `postings`.T gives the approximate scores; `extra` (same shape as the result, or None) is added
    before choosing (shared campaigns and tags). Chunks of rows run on all cores.
    """
    n = queries.shape[0]
    postings_t = postings.T.tocsr()

    def chunk(start: int) -> tuple[np.ndarray, np.ndarray]:
        end = min(n, start + _CHUNK_ROWS)
        approx = (queries[start:end] @ postings_t).tocsr()
        if extra is not None:
            approx = (approx + extra[start:end]).tocsr()
        approx.setdiag(0.0, k=start)
        approx.eliminate_zeros()
        keep = top_per_row(approx.indptr, approx.data, per_row)
        rows = np.repeat(np.arange(start, end, dtype=np.int64), np.diff(approx.indptr))
        return rows[keep], approx.indices[keep].astype(np.int64)

    parts = map_chunks(chunk, range(0, n, _CHUNK_ROWS))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate([r for r, _ in parts]), np.concatenate([c for _, c in parts])


def pair_products(left: sp.csr_matrix, right: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """left[rows[k]] . right[cols[k]] for every k (exact dot products, in chunks on all cores)."""
    out = np.zeros(len(rows), dtype=np.float32)
    if left.shape[1] == 0:
        return out

    def chunk(start: int) -> None:
        end = min(len(rows), start + _PAIR_CHUNK)
        product = left[rows[start:end]].multiply(right[cols[start:end]])
        out[start:end] = np.asarray(product.sum(axis=1)).ravel()

    map_chunks(chunk, range(0, len(rows), _PAIR_CHUNK))
    return out
