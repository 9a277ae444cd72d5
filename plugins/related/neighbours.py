"""Nearest neighbours of every row of an L2-normalised sparse matrix, in time linear in the number of rows.

Comparing every article with every other grows with the square of the archive. Instead, candidates come from an
inverted index kept short on purpose: each article asks with its `query_terms` strongest terms, and each term
answers with only the `posting_docs` articles it weighs most in. Those candidates are then scored exactly (full
cosine of the two rows), so pruning only decides who is compared, never the score itself.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["candidates", "keep_strongest_per_column", "keep_strongest_per_row", "pair_products"]

_CHUNK_ROWS = 2000
_PAIR_CHUNK = 20_000


def keep_strongest_per_row(matrix: sp.csr_matrix, limit: int) -> sp.csr_matrix:
    """A copy keeping only the `limit` largest values of each row (all of them when limit is 0)."""
    matrix = matrix.copy()
    if not limit:
        return matrix
    data, indptr = matrix.data, matrix.indptr
    for row in np.flatnonzero(np.diff(indptr) > limit):
        start, end = indptr[row], indptr[row + 1]
        # Stable choice among equal values: by value, then by column.
        order = np.lexsort((matrix.indices[start:end], -data[start:end]))
        data[start + order[limit:]] = 0.0
    matrix.eliminate_zeros()
    return matrix


def keep_strongest_per_column(matrix: sp.csr_matrix, limit: int) -> sp.csr_matrix:
    """A copy keeping only the `limit` largest values of each column."""
    return keep_strongest_per_row(matrix.T.tocsr(), limit).T.tocsr()


def candidates(queries: sp.csr_matrix, postings: sp.csr_matrix, extra: sp.csr_matrix | None,
               per_row: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the `per_row` best approximate matches of each row, itself excluded.

    `queries` @ `postings`.T gives the approximate scores; `extra` (same shape as the result, or None) is added
    before choosing (shared campaigns and tags).
    """
    n = queries.shape[0]
    postings_t = postings.T.tocsr()
    rows_out, cols_out = [], []
    for start in range(0, n, _CHUNK_ROWS):
        end = min(n, start + _CHUNK_ROWS)
        approx = (queries[start:end] @ postings_t).tocsr()
        if extra is not None:
            approx = (approx + extra[start:end]).tocsr()
        approx.setdiag(0.0, k=start)
        approx.eliminate_zeros()
        approx.sort_indices()
        indptr, indices, data = approx.indptr, approx.indices, approx.data
        for offset in range(end - start):
            a, b = indptr[offset], indptr[offset + 1]
            cols = indices[a:b]
            if b - a > per_row:
                cols = cols[np.argpartition(-data[a:b], per_row - 1)[:per_row]]
            rows_out.append(np.full(len(cols), start + offset, dtype=np.int64))
            cols_out.append(cols.astype(np.int64))
    if not rows_out:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows_out), np.concatenate(cols_out)


def pair_products(left: sp.csr_matrix, right: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """left[rows[k]] . right[cols[k]] for every k (exact dot products, in chunks)."""
    out = np.zeros(len(rows), dtype=np.float32)
    if left.shape[1] == 0:
        return out
    for start in range(0, len(rows), _PAIR_CHUNK):
        end = min(len(rows), start + _PAIR_CHUNK)
        product = left[rows[start:end]].multiply(right[cols[start:end]])
        out[start:end] = np.asarray(product.sum(axis=1)).ravel()
    return out
