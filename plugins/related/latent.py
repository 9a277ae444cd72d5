"""Latent semantic analysis (LSA): each article as a short dense vector of the main topics of the archive.

Two articles on one subject often share few exact syllables ("bóng đá" / "V-League" / "đội tuyển"), but those
syllables keep company in other articles. A truncated SVD of the TF-IDF matrix puts such terms on the same
directions; the cosine of two articles in that space complements the exact-term cosine.

The SVD is the randomized range finder of Halko, Martinsson and Tropp (2011), worked from the article side only:
a random start of `dims + 16` columns, a few power iterations Q <- orth(X Xᵀ Q), then the eigenvectors of the small
Gram matrix Qᵀ X Xᵀ Q. Xᵀ Q (one row per term, a large dense matrix for a big archive) is only ever built for a
block of terms at a time, so memory stays proportional to the number of articles. The random start comes from a
fixed seed: the same archive gives the same vectors on every run. On a large archive the SVD is fitted on a sample
spread over it and every article is projected on the directions found (`embed`).

Nearest articles in that space: exact by blocks on a small archive; through clusters (an inverted-file index) on a
large one, so the search does not grow with the square of the archive (`nearest`).

How coarse a topic two related articles share is not known in advance ("bóng đá" or "V-League mùa này"), and no
single number of directions is right for every pair: `scaled_cosines` averages the cosines of the two points over the
nested leading 100, 50, 25, 12, 6 and 3 directions (each scale half the previous one, i.e. no preferred scale on a
log scale), so the broad topics weigh more and the fine ones still count.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .parallel import map_chunks

__all__ = ["embed", "expand", "nearest", "pair_cosines", "scaled_cosines", "scales"]

_OVERSAMPLE = 16
_TERM_BLOCK = 32_768
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

    def part(start: int) -> np.ndarray:
        block = terms[start : start + _TERM_BLOCK]
        return (block.T @ (block @ q)).astype(np.float64)

    return sum(map_chunks(part, range(0, terms.shape[0], _TERM_BLOCK)), np.zeros(q.shape, dtype=np.float64))


def _fit_rows(n: int, sample: int) -> np.ndarray:
    """Rows the SVD is fitted on: all of them, or `sample` spread evenly over the (key-sorted) archive."""
    if sample <= 0 or n <= sample:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, sample).round().astype(np.int64))


def embed(matrix: sp.csr_matrix, dims: int, iterations: int, sample: int = 0) -> np.ndarray:
    """Unit-length rows (one per row of `matrix`) in the space of its `dims` strongest singular directions,
    each direction weighted by its singular value; a row with no term of the fitted space gives a zero row.

    With `sample` > 0 the directions are fitted on at most that many rows spread over the archive, and every row
    is projected on them: the topics of a large archive are already in a few thousand of its articles, and the
    cost then stays linear in the archive (one sparse product per row) instead of several passes over all of it.
    """
    n = matrix.shape[0]
    rows = _fit_rows(n, int(sample))
    fit = matrix if len(rows) == n else matrix[rows]
    # Only terms of at least two fitted rows can carry a shared topic; the others would only cost memory.
    df = np.bincount(fit.indices, minlength=matrix.shape[1])
    columns = np.flatnonzero(df >= 2)
    width = min(fit.shape[0], len(columns), int(dims) + _OVERSAMPLE)
    if width <= 0 or fit.nnz == 0:
        return np.zeros((n, 0), dtype=np.float32)
    terms = fit[:, columns].T.tocsr().astype(np.float32)
    rng = np.random.default_rng(_SEED)
    q = _orthonormal(rng.standard_normal((fit.shape[0], width)))
    for _ in range(max(1, int(iterations))):
        q = _orthonormal(_gram_times(terms, q))
    gram = q.T @ _gram_times(terms, q)
    values, vectors = np.linalg.eigh((gram + gram.T) / 2)
    order = np.argsort(-values)[: min(int(dims), width)]
    order = order[values[order] > values[order[0]] * 1e-10]
    # Fitted rows: U S = X V with V = Xᵀ U S⁻¹ (one row per term); every row of the archive is projected by it.
    basis = ((q @ vectors[:, order]) / np.sqrt(values[order])).astype(np.float32)
    # Column by column (CSC): the products add into the small dense result, which stays in cache.
    by_term = matrix[:, columns].tocsc()

    def part(start: int) -> np.ndarray:
        end = start + _TERM_BLOCK
        return by_term[:, start:end] @ (terms[start:end] @ basis)

    points = sum(map_chunks(part, range(0, len(columns), _TERM_BLOCK)), np.zeros((n, len(order)), dtype=np.float32))
    norms = np.linalg.norm(points, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return points / norms


def pair_cosines(points: np.ndarray, rows: np.ndarray, cols: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """points[rows[k]] . points[cols[k]] for every k, in chunks (bounded memory)."""
    out = np.zeros(len(rows), dtype=np.float32)
    if points.shape[1] == 0:
        return out
    for start in range(0, len(rows), chunk):
        end = min(len(rows), start + chunk)
        out[start:end] = np.einsum("ij,ij->i", points[rows[start:end]], points[cols[start:end]])
    return out


def scales(dims: int) -> list[int]:
    """Leading directions of each scale: `dims`, then half of it, and so on while at least 2 (100 -> 3 ... 100)."""
    out = []
    while dims >= 2:
        out.append(dims)
        dims //= 2
    return out[::-1]


def scaled_cosines(points: np.ndarray, rows: np.ndarray, cols: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """For every k, the mean over `scales` of the cosine of points[rows[k]] and points[cols[k]] restricted to their
    leading directions (one pass over the products of each pair, like `pair_cosines`)."""
    out = np.zeros(len(rows), dtype=np.float32)
    if points.shape[1] < 2:
        return pair_cosines(points, rows, cols, chunk)
    ends = np.asarray(scales(points.shape[1]))
    starts = np.r_[0, ends[:-1]]
    # Length of each point's leading directions at each scale (0 -> 1: a zero part gives a zero cosine).
    norms = np.sqrt(np.cumsum(np.add.reduceat(points.astype(np.float32) ** 2, starts, axis=1), axis=1))
    norms[norms == 0] = 1.0

    def part(start: int) -> None:
        end = min(len(rows), start + chunk)
        r, c = rows[start:end], cols[start:end]
        dots = np.cumsum(np.add.reduceat(points[r] * points[c], starts, axis=1), axis=1)
        out[start:end] = (dots / (norms[r] * norms[c])).mean(axis=1)

    map_chunks(part, range(0, len(rows), chunk))  # each chunk writes its own slice
    return out


def _exact_nearest(points: np.ndarray, per_row: int, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """Every row against every other, by chunks of rows (memory O(chunk x rows)): for small archives."""
    n = points.shape[0]
    rows_out, cols_out = [], []
    for start in range(0, n, chunk):
        end = min(n, start + chunk)
        scores = points[start:end] @ points.T
        scores[np.arange(end - start), np.arange(start, end)] = -np.inf
        best = np.argpartition(-scores, per_row - 1, axis=1)[:, :per_row]
        rows_out.append(np.repeat(np.arange(start, end, dtype=np.int64), per_row))
        cols_out.append(best.ravel().astype(np.int64))
    return np.concatenate(rows_out), np.concatenate(cols_out)


def _clusters(points: np.ndarray, count: int, rounds: int = 5) -> np.ndarray:
    """Centroids of `count` clusters of the unit-length `points` (spherical k-means, started from points spread
    evenly over the archive, so the same points give the same clusters)."""
    centroids = points[np.linspace(0, len(points) - 1, count).round().astype(np.int64)].copy()
    for _ in range(rounds):
        owner = np.argmax(points @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, owner, points)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        filled = norms[:, 0] > 0  # an empty cluster keeps its centroid
        centroids[filled] = sums[filled] / norms[filled]
    return centroids


def _probed_nearest(points: np.ndarray, per_row: int, probes: int) -> tuple[np.ndarray, np.ndarray]:
    """Approximate nearest rows through clusters (an inverted-file index): each row is a member of its closest
    cluster and is compared only with the members of its `probes` closest clusters. With about sqrt(n) clusters
    the cost grows as n^1.5, not n^2."""
    n = points.shape[0]
    count = max(probes, round(np.sqrt(n)))
    centroids = _clusters(points, count)
    affinity = points @ centroids.T
    owner = np.argmax(affinity, axis=1)
    probed = np.argpartition(-affinity, probes - 1, axis=1)[:, :probes]
    members = np.argsort(owner, kind="stable")
    member_bounds = np.searchsorted(owner[members], np.arange(count + 1))
    flat = probed.ravel()
    asking = np.argsort(flat, kind="stable")
    asking_bounds = np.searchsorted(flat[asking], np.arange(count + 1))
    # One slot of `per_row` answers per probed cluster of each row, -inf where a cluster had fewer members.
    best_scores = np.full((n, probes * per_row), -np.inf, dtype=np.float32)
    best_cols = np.zeros((n, probes * per_row), dtype=np.int64)
    def search(cluster: int) -> None:
        inside = members[member_bounds[cluster] : member_bounds[cluster + 1]]
        asked = asking[asking_bounds[cluster] : asking_bounds[cluster + 1]]
        if len(inside) == 0 or len(asked) == 0:
            return
        queries, slots = asked // probes, asked % probes
        scores = points[queries] @ points[inside].T
        scores[queries[:, None] == inside[None, :]] = -np.inf
        take = min(per_row, len(inside))
        top = np.argpartition(-scores, take - 1, axis=1)[:, :take] if take < len(inside) else (
            np.broadcast_to(np.arange(take), (len(queries), take)))
        # Each (row, probed cluster) slot belongs to one cluster: the threads write disjoint cells.
        columns = slots[:, None] * per_row + np.arange(take)[None, :]
        best_scores[queries[:, None], columns] = np.take_along_axis(scores, top, axis=1)
        best_cols[queries[:, None], columns] = inside[top]

    map_chunks(search, range(count))
    top = np.argpartition(-best_scores, per_row - 1, axis=1)[:, :per_row]
    chosen_scores = np.take_along_axis(best_scores, top, axis=1)
    chosen = np.take_along_axis(best_cols, top, axis=1)
    rows = np.repeat(np.arange(n, dtype=np.int64), per_row)
    found = np.isfinite(chosen_scores).ravel()
    return rows[found], chosen.ravel()[found]


def nearest(points: np.ndarray, per_row: int, chunk: int = 1024, exact_below: int = 8192,
            probes: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the `per_row` largest cosines of each row with the other rows: exact below `exact_below`
    rows, through `probes` clusters per row above (see `_probed_nearest`)."""
    n = points.shape[0]
    per_row = min(int(per_row), n - 1)
    if per_row <= 0 or points.shape[1] == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if n < exact_below or probes * per_row >= n:
        return _exact_nearest(points, per_row, chunk)
    return _probed_nearest(points, per_row, probes)


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
