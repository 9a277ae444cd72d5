"""Latent semantic space: articles on one topic come close even when they share no term."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from related.latent import embed, expand, nearest, pair_cosines, scaled_cosines, scales


def topic_matrix() -> sp.csr_matrix:
    """Rows 0-3 use terms 0-5 (one topic), rows 4-7 terms 6-11 (another); rows 0 and 3 share no term, but both
    share terms with rows 1 and 2. Row 8 is empty."""
    rows = [[0, 1], [1, 2, 3], [3, 4, 5], [4, 5], [6, 7], [7, 8, 9], [9, 10, 11], [10, 11], []]
    dense = np.zeros((len(rows), 12), dtype=np.float32)
    for i, cols in enumerate(rows):
        dense[i, cols] = 1.0
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9)
    return sp.csr_matrix(dense)


def test_same_topic_is_close_without_a_shared_term():
    matrix = topic_matrix()
    assert (matrix[0] @ matrix[3].T).toarray()[0, 0] == 0.0
    points = embed(matrix, 2, 4)
    assert points.shape == (9, 2)
    cosine = pair_cosines(points, np.array([0, 0]), np.array([3, 4]))
    assert cosine[0] > 0.9 and abs(cosine[1]) < 0.1
    assert np.allclose(np.linalg.norm(points[:8], axis=1), 1.0, atol=1e-5)
    assert not points[8].any()


def test_same_input_same_vectors_and_nearest_excludes_itself():
    matrix = topic_matrix()
    assert np.array_equal(embed(matrix, 2, 3), embed(matrix, 2, 3))
    rows, cols = nearest(embed(matrix, 2, 4), 3, chunk=3)
    assert len(rows) == 9 * 3 and not np.any(rows == cols)
    for i in range(4):
        assert set(cols[rows == i]) == set(range(4)) - {i}


def test_feedback_moves_a_point_towards_its_nearest():
    points = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 1.0]], dtype=np.float32)
    rows, cols = np.array([0, 0, 2]), np.array([1, 2, 1])
    moved = expand(points, rows, cols, 1, 0.5)
    # Row 0's nearest is row 1 (cosine 0.6 > 0): it turns towards it; unit length; row 1 has no pairs: unchanged.
    assert moved[0, 1] > 0 and np.isclose(np.linalg.norm(moved[0]), 1.0)
    assert np.array_equal(moved[1], points[1])
    assert np.array_equal(expand(points, rows, cols, 0, 0.5), points)


def test_rows_outside_the_fitted_sample_are_projected_onto_their_topic():
    # 40 rows of two topics; the SVD is fitted on 12 of them, the 28 others are projected onto their topic.
    base = topic_matrix()[:8].toarray()
    matrix = sp.csr_matrix(np.vstack([base] * 5))
    points = embed(matrix, 2, 4, sample=12)
    topic = np.array([0, 0, 0, 0, 1, 1, 1, 1] * 5)
    cosine = points @ points.T
    assert np.all(cosine[np.equal.outer(topic, topic)] > 0.9)
    assert np.all(np.abs(cosine[~np.equal.outer(topic, topic)]) < 0.1)


def test_clustered_search_finds_almost_all_exact_neighbours():
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((25, 16))
    points = (centres[rng.integers(0, 25, 3000)] + 0.4 * rng.standard_normal((3000, 16))).astype(np.float32)
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    exact = nearest(points, 10)
    probed = nearest(points, 10, exact_below=0, probes=8)
    assert not np.any(probed[0] == probed[1])
    probed_pairs = set((probed[0] * 3000 + probed[1]).tolist())
    assert len(probed_pairs) == len(probed[0])  # no pair twice
    found = probed_pairs & set((exact[0] * 3000 + exact[1]).tolist())
    assert len(found) / len(exact[0]) > 0.95
    assert np.array_equal(np.bincount(probed[0], minlength=3000), np.full(3000, 10))


def test_scaled_cosines_average_the_cosines_of_the_leading_directions():
    assert scales(100) == [3, 6, 12, 25, 50, 100]
    assert scales(2) == [2] and scales(1) == []
    rng = np.random.default_rng(7)
    points = rng.standard_normal((30, 20)).astype(np.float32)
    points[5] = 0.0  # a point with no term of the fitted space
    rows, cols = rng.integers(0, 30, 200), rng.integers(0, 30, 200)
    expected = np.zeros(len(rows))
    for k in scales(20):  # 2, 5, 10, 20
        lead = points[:, :k] / np.maximum(np.linalg.norm(points[:, :k], axis=1, keepdims=True), 1e-30)
        expected += np.einsum("ij,ij->i", lead[rows], lead[cols]) / len(scales(20))
    got = scaled_cosines(points, rows, cols, chunk=64)
    assert np.allclose(got, expected, atol=1e-5)
    assert not got[(rows == 5) | (cols == 5)].any()
    # Two points that agree on the broad directions and differ on the fine ones: closer than their plain cosine.
    pair = np.array([[1.0, 1.0, 0.5, 1.0], [1.0, 1.0, -0.5, -1.0]], dtype=np.float32)
    pair /= np.linalg.norm(pair, axis=1, keepdims=True)
    one, zero = np.array([0]), np.array([1])
    assert scaled_cosines(pair, one, zero)[0] > pair_cosines(pair, one, zero)[0]
