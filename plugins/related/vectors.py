"""Vietnamese articles as TF-IDF vectors of syllables and syllable pairs (one sparse row per article).

Text is NFC and tone-placement normalised, lower-cased and split into syllables by `vntext`. Pairs never cross
fields (stopping them at punctuation too made no measurable difference and cost a regex pass). Each field counts
with its weight (a title syllable counts more than a body one); term frequencies saturate BM25-style; terms found in
one article only, or in a large share of them, are dropped; each row keeps its strongest terms and is
L2-normalised, so the product of two rows is their cosine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

import vntext

from .stopwords import STOP_WORDS

__all__ = ["Vocabulary", "tfidf_matrix"]

# A pair code is (first id + 1) * _PAIR + second id, so it never equals a single syllable's id.
_PAIR = 1 << 32
_BLOCK = 2000  # articles vectorised at once (bounds memory)


class _Ids(dict):
    """raw lower-case syllable -> term id, normalising tone placement once per distinct syllable."""

    def __init__(self, vocabulary: Vocabulary):
        super().__init__()
        self.vocabulary = vocabulary

    def __missing__(self, raw: str) -> int:
        term_id = self.vocabulary.add(vntext.normalize_tones(raw))
        self[raw] = term_id
        return term_id


class Vocabulary:
    """Syllables seen so far, with their ids and whether each is a function word or a number."""

    def __init__(self, stop_words=STOP_WORDS):
        self.terms: list[str] = []
        self.index: dict[str, int] = {}
        self.stop: list[bool] = []
        self.number: list[bool] = []
        self._stop_words = stop_words
        self._ids = _Ids(self)

    def add(self, term: str) -> int:
        term_id = self.index.get(term)
        if term_id is None:
            term_id = self.index[term] = len(self.terms)
            self.terms.append(term)
            self.stop.append(term in self._stop_words)
            self.number.append(term[0].isdigit())
        return term_id

    def encode(self, text: str) -> list[int]:
        """Term ids of the syllables of `text`, then -1 (the end of the field: no pair crosses it)."""
        ids = list(map(self._ids.__getitem__, vntext.syllables(text.lower())))
        ids.append(-1)
        return ids

    def term(self, code: int) -> str:
        """Readable form of a feature code (for debugging and tests)."""
        if code < _PAIR:
            return self.terms[code]
        return f"{self.terms[code // _PAIR - 1]} {self.terms[code % _PAIR]}"


def _codes(ids: np.ndarray, stop: np.ndarray, number: np.ndarray, options: Mapping[str, Any]) -> np.ndarray:
    """Feature codes of one encoded field: kept single syllables, then syllable pairs."""
    valid = ids >= 0
    safe = np.where(valid, ids, 0)
    keep = valid.copy()
    if options["stop_words"]:
        keep &= ~stop[safe]
    if not options["numbers"]:
        keep &= ~number[safe]
    singles = ids[keep]
    if not options["bigrams"] or len(ids) < 2:
        return singles
    first, second = ids[:-1], ids[1:]
    pair_ok = valid[:-1] & valid[1:]
    # A pair of two function words ("của các", "đã có") is no better than one.
    pair_ok &= ~(stop[safe[:-1]] & stop[safe[1:]])
    if not options["numbers"]:
        pair_ok &= ~(number[safe[:-1]] | number[safe[1:]])
    pairs = (first[pair_ok] + 1) * _PAIR + second[pair_ok]
    return np.concatenate([singles, pairs])


def _saturate(tf: np.ndarray, rows: np.ndarray, lengths: np.ndarray, options: Mapping[str, Any]) -> np.ndarray:
    mode = options["saturation"]
    if mode == "raw":
        return tf
    if mode == "log":
        return 1.0 + np.log(tf)
    if mode != "bm25":
        raise ValueError(f"unknown saturation {mode!r}")
    k1, b = float(options["k1"]), float(options["b"])
    average = lengths.mean() if len(lengths) and lengths.mean() > 0 else 1.0
    norm = k1 * (1.0 - b + b * lengths / average)
    return tf * (k1 + 1.0) / (tf + norm[rows])


def _keep_strongest(matrix: sp.csr_matrix, limit: int) -> sp.csr_matrix:
    """Zero all but the `limit` largest weights of each row."""
    if not limit:
        return matrix
    data, indptr = matrix.data, matrix.indptr
    for row in np.flatnonzero(np.diff(indptr) > limit):
        start, end = indptr[row], indptr[row + 1]
        weakest = np.argpartition(-data[start:end], limit)[limit:]
        data[start + weakest] = 0.0
    matrix.eliminate_zeros()
    return matrix


def tfidf_matrix(
    fields: Sequence[Sequence[str]], weights: Sequence[float], options: Mapping[str, Any],
    vocabulary: Vocabulary | None = None,
) -> tuple[sp.csr_matrix, np.ndarray]:
    """One L2-normalised row per document from its text fields (e.g. title, sapo, body) and their weights.

    Returns the float32 CSR matrix and the feature code of each column.
    """
    vocabulary = vocabulary or Vocabulary()
    n = len(fields)
    encoded = [[np.asarray(vocabulary.encode(text), dtype=np.int64) for text in doc] for doc in fields]
    stop = np.asarray(vocabulary.stop, dtype=bool)
    number = np.asarray(vocabulary.number, dtype=bool)

    blocks: list[tuple[np.ndarray, sp.csr_matrix]] = []
    for start in range(0, n, _BLOCK):
        codes, rows, values = [], [], []
        for offset, doc in enumerate(encoded[start : start + _BLOCK]):
            for ids, weight in zip(doc, weights, strict=True):
                field_codes = _codes(ids, stop, number, options)
                codes.append(field_codes)
                rows.append(np.full(len(field_codes), offset, dtype=np.int32))
                values.append(np.full(len(field_codes), weight, dtype=np.float32))
        codes_all = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)
        unique, columns = np.unique(codes_all, return_inverse=True)
        block = sp.coo_matrix(
            (np.concatenate(values) if values else np.zeros(0, np.float32),
             (np.concatenate(rows) if rows else np.zeros(0, np.int32), columns.ravel())),
            shape=(min(_BLOCK, n - start), len(unique)),
        ).tocsr()
        block.sum_duplicates()
        blocks.append((unique, block))
    del encoded

    all_codes = np.unique(np.concatenate([u for u, _ in blocks])) if blocks else np.zeros(0, np.int64)
    parts = []
    for unique, block in blocks:
        columns = np.searchsorted(all_codes, unique)[block.indices].astype(np.int32)
        parts.append(sp.csr_matrix((block.data, columns, block.indptr), shape=(block.shape[0], len(all_codes))))
    matrix = sp.vstack(parts, format="csr") if parts else sp.csr_matrix((0, 0), dtype=np.float32)
    matrix.sort_indices()

    lengths = np.asarray(matrix.sum(axis=1)).ravel()
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = (df >= int(options["min_df"])) & (df <= max(1.0, float(options["max_df"]) * n))
    rows = np.repeat(np.arange(n), np.diff(matrix.indptr))
    idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
    weight = _saturate(matrix.data.astype(np.float64), rows, lengths, options) * idf[matrix.indices]
    weight[~keep[matrix.indices]] = 0.0
    matrix.data = weight.astype(np.float32)
    matrix.eliminate_zeros()
    matrix = _keep_strongest(matrix, int(options["max_terms"] or 0))

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sp.csr_matrix(sp.diags(1.0 / norms).astype(np.float32) @ matrix)
    return matrix, all_codes
