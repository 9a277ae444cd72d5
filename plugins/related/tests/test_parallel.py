"""Top values per row, and chunks on threads, against plain Python."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from related.parallel import map_chunks, top_per_row


def test_top_per_row_keeps_the_largest_values_of_each_row():
    rng = np.random.default_rng(11)
    matrix = sp.random(300, 400, density=0.05, format="csr", random_state=rng, dtype=np.float32)
    matrix.data = rng.permutation(len(matrix.data)).astype(np.float32)  # distinct values: one right answer
    for limit in (1, 3, 10, 1000):
        keep = top_per_row(matrix.indptr, matrix.data, limit)
        for row in range(matrix.shape[0]):
            values = matrix.data[matrix.indptr[row] : matrix.indptr[row + 1]]
            kept = values[keep[matrix.indptr[row] : matrix.indptr[row + 1]]]
            assert sorted(kept.tolist()) == sorted(values.tolist())[-limit:]


def test_top_per_row_with_empty_rows_and_no_limit():
    indptr = np.array([0, 0, 3, 3, 5])
    data = np.array([1.0, 5.0, 3.0, 2.0, 4.0], dtype=np.float32)
    assert top_per_row(indptr, data, 1).tolist() == [False, True, False, False, True]
    assert not top_per_row(indptr, data, 0).any()


def test_map_chunks_keeps_the_order_of_the_chunks():
    assert map_chunks(lambda x: x * x, range(50), workers=4) == [x * x for x in range(50)]
    assert map_chunks(lambda x: x, [], workers=4) == []
