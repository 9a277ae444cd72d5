"""Vietnamese articles as TF-IDF vectors of syllables and syllable pairs (one sparse row per article).

Text is NFC and tone-placement normalised, lower-cased and split into syllables by `vntext`. Pairs never cross
fields (stopping them at punctuation too made no measurable difference and cost a regex pass). Each field counts
with its weight (a title syllable counts more than a body one); term frequencies saturate BM25-style; terms found in
one article only, or in a large share of them, are dropped; each row is L2-normalised, so the product of two
rows is their cosine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

import numpy as np
import scipy.sparse as sp

import vntext

from .stopwords import STOP_WORDS

__all__ = ["Vocabulary", "tfidf_matrix"]

# A pair code is (first id + 1) * _PAIR + second id, so it never equals a single syllable's id.
_PAIR = 1 << 32
_BLOCK = 2000  # articles vectorised at once (bounds memory)


class _Words(dict):
    """Whitespace-separated word (lower case) -> term ids of its syllables; `vntext.syllables` runs once per
    distinct word and tone placement is normalised once per distinct syllable.

    A syllable never spans whitespace, so splitting on it first gives exactly the syllables of the whole text.
    """

    def __init__(self, vocabulary: Vocabulary):
        super().__init__()
        self.vocabulary = vocabulary
        self.syllables: dict[str, int] = {}

    def _syllable(self, raw: str) -> int:
        term_id = self.syllables.get(raw)
        if term_id is None:
            term_id = self.syllables[raw] = self.vocabulary.add(vntext.normalize_tones(raw))
        return term_id

    def __missing__(self, word: str) -> tuple[int, ...]:
        ids = tuple(self._syllable(raw) for raw in vntext.syllables(word))
        self[word] = ids
        return ids


class Vocabulary:
    """Syllables seen so far, with their ids and whether each is a function word or a number."""

    def __init__(self, stop_words=STOP_WORDS):
        self.terms: list[str] = []
        self.index: dict[str, int] = {}
        self.stop: list[bool] = []
        self.number: list[bool] = []
        self._stop_words = stop_words
        self._words = _Words(self)

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
        ids = list(chain.from_iterable(map(self._words.__getitem__, vntext.nfc(text).lower().split())))
        ids.append(-1)
        return ids

    def term(self, code: int) -> str:
        """Readable form of a feature code (for debugging and tests)."""
        if code < _PAIR:
            return self.terms[code]
        return f"{self.terms[code // _PAIR - 1]} {self.terms[code % _PAIR]}"


def _codes(ids: np.ndarray, rows: np.ndarray, values: np.ndarray, stop: np.ndarray, number: np.ndarray,
           options: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature codes (kept single syllables, then syllable pairs) of a block of encoded text, with their row
    and weight; -1 in `ids` ends a field."""
    valid = ids >= 0
    safe = np.where(valid, ids, 0)
    keep = valid.copy()
    if options["stop_words"]:
        keep &= ~stop[safe]
    if not options["numbers"]:
        keep &= ~number[safe]
    codes, code_rows, code_values = [ids[keep]], [rows[keep]], [values[keep]]
    if options["bigrams"] and len(ids) > 1:
        pair_ok = valid[:-1] & valid[1:]
        # A pair of two function words ("của các", "đã có") is no better than one.
        pair_ok &= ~(stop[safe[:-1]] & stop[safe[1:]])
        if not options["numbers"]:
            pair_ok &= ~(number[safe[:-1]] | number[safe[1:]])
        codes.append((ids[:-1][pair_ok] + 1) * _PAIR + ids[1:][pair_ok])
        code_rows.append(rows[:-1][pair_ok])
        code_values.append(values[:-1][pair_ok])
    return np.concatenate(codes), np.concatenate(code_rows), np.concatenate(code_values)


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


def encode_fields(fields: Sequence[Sequence[str]], vocabulary: Vocabulary) -> list[tuple[np.ndarray, np.ndarray]]:
    """Term ids of every field of every document (the text pass), by blocks of documents.

    Each block is (ids of all its fields one after the other, each ending with -1; length of each field).
    """
    blocks = []
    for start in range(0, len(fields), _BLOCK):
        ids: list[int] = []
        lengths = []
        for doc in fields[start : start + _BLOCK]:
            for text in doc:
                before = len(ids)
                ids.extend(vocabulary.encode(text))
                lengths.append(len(ids) - before)
        docs = min(_BLOCK, len(fields) - start)
        blocks.append((np.asarray(ids, dtype=np.int64), np.asarray(lengths, dtype=np.int64).reshape(docs, -1)))
    return blocks


def tfidf_matrix(
    fields: Sequence[Sequence[str]], weights: Sequence[float], options: Mapping[str, Any],
    vocabulary: Vocabulary | None = None,
) -> tuple[sp.csr_matrix, np.ndarray]:
    """One L2-normalised row per document from its text fields (e.g. title, sapo, body) and their weights.

    Returns the float32 CSR matrix and the feature code of each column.
    """
    vocabulary = vocabulary or Vocabulary()
    return weighted_matrix(encode_fields(fields, vocabulary), vocabulary, weights, options)


def weighted_matrix(
    encoded: list[tuple[np.ndarray, np.ndarray]], vocabulary: Vocabulary, weights: Sequence[float],
    options: Mapping[str, Any],
) -> tuple[sp.csr_matrix, np.ndarray]:
    """`tfidf_matrix` from already encoded fields."""
    n = sum(len(lengths) for _, lengths in encoded)
    stop = np.asarray(vocabulary.stop, dtype=bool)
    number = np.asarray(vocabulary.number, dtype=bool)
    field_weights = np.asarray(weights, dtype=np.float32)

    blocks: list[tuple[np.ndarray, sp.csr_matrix]] = []
    for ids, lengths in encoded:
        docs = len(lengths)
        rows = np.repeat(np.arange(docs, dtype=np.int32), lengths.sum(axis=1))
        values = np.repeat(np.tile(field_weights, docs), lengths.ravel())
        codes, code_rows, code_values = _codes(ids, rows, values, stop, number, options)
        unique, columns = np.unique(codes, return_inverse=True)
        block = sp.coo_matrix((code_values, (code_rows, columns.ravel())), shape=(docs, len(unique))).tocsr()
        block.sum_duplicates()
        blocks.append((unique, block))

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

    return unit_rows(matrix), all_codes


def unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """`matrix` with each non-empty row scaled to length 1 (so the product of two rows is their cosine)."""
    matrix = matrix.tocsr(copy=True)
    squares = np.bincount(np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr)),
                          weights=matrix.data.astype(np.float64) ** 2, minlength=matrix.shape[0])
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    matrix.data = (matrix.data / np.repeat(norms, np.diff(matrix.indptr))).astype(np.float32)
    # Canonical rows (sorted, no duplicates) make row-by-row products a plain merge.
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix
