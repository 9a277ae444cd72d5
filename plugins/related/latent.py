"""Latent semantic analysis (LSA): each article as a short dense vector of the main topics of the archive.

Two articles on one subject often share few exact syllables ("bóng đá" / "V-League" / "đội tuyển"), but those
syllables keep company in other articles. A truncated SVD of the TF-IDF matrix puts such terms on the same
directions; the cosine of two articles in that space complements the exact-term cosine.

The SVD is the randomized range finder of Halko, Martinsson and Tropp (2011), worked from the article side only:
a random start of `dims + 16` columns, a few power iterations Q <- orth(X Xᵀ Q), then the eigenvectors of the small
Gram matrix Qᵀ X Xᵀ Q. Xᵀ Q (one row per term, a large dense matrix for a big archive) is only ever built for a
block of terms at a time, so memory stays proportional to the number of articles. The random start comes from a
fixed seed: the same archive gives the same vectors on every run.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["embed", "expand", "nearest", "pair_cosines"]

_OVERSAMPLE = 16
_TERM_BLOCK = 65_536
_SEED = 20_251_127


def _orthonormal(y: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the columns of a tall `y`, from the eigenvectors of its small Gram matrix, done
    twice for accuracy (much faster than Householder QR on a tall matrix, which LAPACK runs poorly on a busy
    machine)."""
    y = y.astype(np.float64)
    for _ in range(2):
        gram = y.T @ y
        # A column that adds nothing new (rank deficiency) is dropped instead of dividing by ~0.
        values, vectors = np.linalg.eigh(gram)
        keep = values > values.max() * 1e-10
        y = y @ (vectors[:, keep] / np.sqrt(values[keep]))
    return y


def _gram_times(terms: sp.csr_matrix, q: np.ndarray) -> np.ndarray:
    """X Xᵀ q, with `terms` = Xᵀ in CSR (one row per term), by blocks of terms."""
    q = q.astype(np.float32)
    out = np.zeros(q.shape, dtype=np.float64)
    for start in range(0, terms.shape[0], _TERM_BLOCK):
        block = terms[start : start + _TERM_BLOCK]
        out += block.T @ (block @ q)
    return out


def embed(matrix: sp.csr_matrix, dims: int, iterations: int) -> np.ndarray:
    """Unit-length rows (one per row of `matrix`) in the space of its `dims` strongest singular directions,
    each direction weighted by its singular value; a zero row of `matrix` gives a zero row."""
    n = matrix.shape[0]
    width = min(n, matrix.shape[1], int(dims) + _OVERSAMPLE)
    if width <= 0 or matrix.nnz == 0:
        return np.zeros((n, 0), dtype=np.float32)
    terms = matrix.T.tocsr().astype(np.float32)
    rng = np.random.default_rng(_SEED)
    q = _orthonormal(rng.standard_normal((n, width)))
    for _ in range(max(1, int(iterations))):
        q = _orthonormal(_gram_times(terms, q))
    gram = q.T @ _gram_times(terms, q)
    values, vectors = np.linalg.eigh((gram + gram.T) / 2)
    order = np.argsort(-values)[: min(int(dims), width)]
    points = (q @ vectors[:, order]) * np.sqrt(np.maximum(values[order], 0.0))
    norms = np.linalg.norm(points, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (points / norms).astype(np.float32)


def pair_cosines(points: np.ndarray, rows: np.ndarray, cols: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """points[rows[k]] . points[cols[k]] for every k, in chunks (bounded memory)."""
    out = np.zeros(len(rows), dtype=np.float32)
    if points.shape[1] == 0:
        return out
    for start in range(0, len(rows), chunk):
        end = min(len(rows), start + chunk)
        out[start:end] = np.einsum("ij,ij->i", points[rows[start:end]], points[cols[start:end]])
    return out


def nearest(points: np.ndarray, per_row: int, chunk: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the `per_row` largest cosines of each row with every other row (exact, dense products by
    chunks of rows: memory O(chunk x rows))."""
    n = points.shape[0]
    per_row = min(int(per_row), n - 1)
    if per_row <= 0 or points.shape[1] == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    rows_out, cols_out = [], []
    for start in range(0, n, chunk):
        end = min(n, start + chunk)
        scores = points[start:end] @ points.T
        scores[np.arange(end - start), np.arange(start, end)] = -np.inf
        best = np.argpartition(-scores, per_row - 1, axis=1)[:, :per_row]
        rows_out.append(np.repeat(np.arange(start, end, dtype=np.int64), per_row))
        cols_out.append(best.ravel().astype(np.int64))
    return np.concatenate(rows_out), np.concatenate(cols_out)


def expand(points: np.ndarray, rows: np.ndarray, cols: np.ndarray, neighbours: int, weight: float) -> np.ndarray:
    """Pseudo-relevance feedback (Rocchio): each point plus `weight` x the mean of its `neighbours` nearest among
    the pairs (rows, cols), re-normalised. An article then also resembles what its closest articles are about."""
    if neighbours <= 0 or weight <= 0 or len(rows) == 0 or points.shape[1] == 0:
        return points
    cosine = pair_cosines(points, rows, cols)
    order = np.lexsort((cols, -cosine, rows))
    rows, cols = rows[order], cols[order]
    first = np.searchsorted(rows, rows)
    keep = (np.arange(len(rows)) - first) < neighbours
    rows, cols = rows[keep], cols[keep]
    total = np.zeros_like(points)
    np.add.at(total, rows, points[cols])
    counts = np.bincount(rows, minlength=points.shape[0])[:, None]
    expanded = points + weight * total / np.maximum(counts, 1)
    norms = np.linalg.norm(expanded, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (expanded / norms).astype(np.float32)
