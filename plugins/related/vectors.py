"""Vietnamese articles as TF-IDF vectors of syllables and syllable pairs (one sparse row per article).

Text is NFC and tone-placement normalised, lower-cased and split into syllables by `vntext`. Pairs never cross
fields (stopping them at punctuation too made no measurable difference and cost a regex pass). Each field counts
with its weight (a title syllable counts more than a body one); term frequencies saturate BM25-style; terms found in
one article only, or in a large share of them, are dropped; each row is L2-normalised, so the product of two
rows is their cosine.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import chain
from typing import Any

import numpy as np
import scipy.sparse as sp

import vntext

from .parallel import map_chunks
from .stopwords import STOP_WORDS

__all__ = ["Vocabulary", "tfidf_matrix"]

# A pair code is (first id + 1) * _PAIR + second id, so it never equals a single syllable's id.
_PAIR = 1 << 32
_BLOCK = 2000  # articles vectorised at once (bounds memory)
_PARALLEL_FROM = 4 * _BLOCK  # below this, starting processes costs more than it saves
_END = ((-1,),)  # the end of a field, as `Vocabulary.tokens` yields it


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

    def tokens(self, text: str) -> Iterator[tuple[int, ...]]:
        """The term ids of each word of `text` (C-level iteration, no list of Python ints), then (-1,): the end of
        the field, which no pair crosses."""
        return chain(map(self._words.__getitem__, vntext.nfc(text).lower().split()), _END)

    def term(self, code: int) -> str:
        """Readable form of a feature code (for debugging and tests)."""
        if code < _PAIR:
            return self.terms[code]
        return f"{self.terms[code // _PAIR - 1]} {self.terms[code % _PAIR]}"


def _codes(ids: np.ndarray, rows: np.ndarray, fields: np.ndarray, stop: np.ndarray, number: np.ndarray,
           options: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature codes (kept single syllables, then syllable pairs) of a block of encoded text, with their row
    and field; -1 in `ids` ends a field. A single syllable's code is its id, a pair's (first + 1) * V + second
    (V = vocabulary size), so codes are small enough to be sorted together with their row and field."""
    size = len(stop)
    ids = ids.astype(np.int64)  # pair codes go past 2**31
    valid = ids >= 0
    safe = np.where(valid, ids, 0)
    keep = valid.copy()
    if options["stop_words"]:
        keep &= ~stop[safe]
    if not options["numbers"]:
        keep &= ~number[safe]
    codes, code_rows, code_fields = [ids[keep]], [rows[keep]], [fields[keep]]
    if options["bigrams"] and len(ids) > 1:
        pair_ok = valid[:-1] & valid[1:]
        # A pair of two function words ("của các", "đã có") is no better than one.
        pair_ok &= ~(stop[safe[:-1]] & stop[safe[1:]])
        if not options["numbers"]:
            pair_ok &= ~(number[safe[:-1]] | number[safe[1:]])
        codes.append((ids[:-1][pair_ok] + 1) * size + ids[1:][pair_ok])
        code_rows.append(rows[:-1][pair_ok])
        code_fields.append(fields[:-1][pair_ok])
    return np.concatenate(codes), np.concatenate(code_rows), np.concatenate(code_fields)


def _block_matrix(codes: np.ndarray, rows: np.ndarray, fields: np.ndarray, docs: int,
                  field_weights: np.ndarray) -> tuple[np.ndarray, sp.csr_matrix]:
    """(distinct codes of a block, its docs x codes matrix of weighted term frequencies).

    One integer sort of (code, row, field) keys does the counting: equal keys are one term of one field of one
    document (much faster than a hash-based unique with its inverse)."""
    width = len(field_weights)
    keys = (codes * docs + rows) * width + fields
    keys.sort()
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    counts = np.diff(np.r_[starts, len(keys)])
    keys = keys[starts]
    weights = counts * field_weights[keys % width]
    cells = keys // width  # code * docs + row: the fields of one term of one document are adjacent
    firsts = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])
    data = np.add.reduceat(weights, firsts).astype(np.float32)
    cells = cells[firsts]
    cell_codes, cell_rows = cells // docs, (cells % docs).astype(np.int32)
    column_starts = np.flatnonzero(np.r_[True, cell_codes[1:] != cell_codes[:-1]])
    indptr = np.r_[column_starts, len(cells)].astype(np.int64)
    by_column = sp.csc_matrix((data, cell_rows, indptr), shape=(docs, len(column_starts)))
    by_column.has_sorted_indices = True
    return cell_codes[column_starts], by_column.tocsr()


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


def _encode_chunk(fields: Sequence[Sequence[str]]) -> tuple[list[str], list[tuple[np.ndarray, np.ndarray]]]:
    """(terms of a local vocabulary, blocks of term ids in it) of some documents: the text pass of one worker."""
    vocabulary = Vocabulary()
    blocks = []
    for start in range(0, len(fields), _BLOCK):
        docs = fields[start : start + _BLOCK]
        words = chain.from_iterable(vocabulary.tokens(text) for doc in docs for text in doc)
        ids = np.fromiter(chain.from_iterable(words), dtype=np.int32)
        ends = np.flatnonzero(ids < 0)
        lengths = np.diff(np.r_[-1, ends]).reshape(len(docs), -1)
        blocks.append((ids, lengths))
    return vocabulary.terms, blocks


def _workers(count: int, documents: int) -> int:
    if documents < _PARALLEL_FROM:
        return 1
    return max(1, min(count or os.cpu_count() or 1, documents // _BLOCK))


def encode_fields(fields: Sequence[Sequence[str]], vocabulary: Vocabulary,
                  workers: int = 1) -> list[tuple[np.ndarray, np.ndarray]]:
    """Term ids of every field of every document (the text pass), by blocks of documents.

    Each block is (ids of all its fields one after the other, each ending with -1; length of each field). The
    text pass is pure Python, so a large archive is split between `workers` processes (0 = one per core); the
    terms are then numbered in sorted order, so the ids never depend on how the work was split.
    """
    workers = _workers(workers, len(fields))
    if workers == 1:
        chunks = [_encode_chunk(fields)]
    else:
        size = -(-len(fields) // (workers * _BLOCK)) * _BLOCK  # whole blocks per worker
        parts = [fields[start : start + size] for start in range(0, len(fields), size)]
        with ProcessPoolExecutor(max_workers=len(parts), mp_context=multiprocessing.get_context("fork")) as pool:
            chunks = list(pool.map(_encode_chunk, parts))
    for term in sorted(set(chain.from_iterable(terms for terms, _ in chunks))):
        vocabulary.add(term)
    blocks = []
    for terms, chunk_blocks in chunks:
        # Local id -> global id; -1 (end of field) stays -1 through the last slot.
        mapping = np.asarray([vocabulary.index[term] for term in terms] + [-1], dtype=np.int32)
        blocks.extend((mapping[ids], lengths) for ids, lengths in chunk_blocks)
    return blocks


def tfidf_matrix(
    fields: Sequence[Sequence[str]], weights: Sequence[float], options: Mapping[str, Any],
    vocabulary: Vocabulary | None = None,
) -> tuple[sp.csr_matrix, np.ndarray]:
    """One L2-normalised row per document from its text fields (e.g. title, sapo, body) and their weights.

    Returns the float32 CSR matrix and the feature code of each column.
    """
    vocabulary = vocabulary or Vocabulary()
    encoded = encode_fields(fields, vocabulary, int(options.get("workers", 1)))
    return weighted_matrix(encoded, vocabulary, weights, options)


def weighted_matrix(
    encoded: list[tuple[np.ndarray, np.ndarray]], vocabulary: Vocabulary, weights: Sequence[float],
    options: Mapping[str, Any],
) -> tuple[sp.csr_matrix, np.ndarray]:
    """`tfidf_matrix` from already encoded fields."""
    n = sum(len(lengths) for _, lengths in encoded)
    stop = np.asarray(vocabulary.stop, dtype=bool)
    number = np.asarray(vocabulary.number, dtype=bool)
    field_weights = np.asarray(weights, dtype=np.float32)

    def block_matrix(block: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, sp.csr_matrix]:
        ids, lengths = block
        docs = len(lengths)
        rows = np.repeat(np.arange(docs, dtype=np.int64), lengths.sum(axis=1))
        fields = np.repeat(np.tile(np.arange(lengths.shape[1], dtype=np.int64), docs), lengths.ravel())
        return _block_matrix(*_codes(ids, rows, fields, stop, number, options), docs, field_weights)

    blocks = map_chunks(block_matrix, encoded)
    if not blocks:
        return sp.csr_matrix((0, 0), dtype=np.float32), np.zeros(0, np.int64)

    all_codes = np.sort(np.concatenate([u for u, _ in blocks]))
    all_codes = all_codes[np.r_[True, all_codes[1:] != all_codes[:-1]][: len(all_codes)]]
    positions = [np.searchsorted(all_codes, unique) for unique, _ in blocks]
    df = np.zeros(len(all_codes), dtype=np.int64)
    for position, (_, block) in zip(positions, blocks, strict=True):
        df[position] += np.bincount(block.indices, minlength=block.shape[1])
    keep = (df >= int(options["min_df"])) & (df <= max(1.0, float(options["max_df"]) * n))
    # Dropped terms go before the blocks are joined: most distinct pairs occur once, and every later step then
    # holds and works on fewer values.
    column = np.where(keep, np.cumsum(keep) - 1, -1).astype(np.int32)
    lengths, data, indices, counts = [], [], [], []
    for position, (_, block) in zip(positions, blocks, strict=True):
        lengths.append(np.asarray(block.sum(axis=1)).ravel())  # BM25 length: every term, kept or not
        # Block columns are sorted codes, so the mapping to global columns keeps each row's indices sorted.
        columns = column[position][block.indices]
        kept = columns >= 0
        data.append(block.data[kept])
        indices.append(columns[kept])
        running = np.r_[0, np.cumsum(kept)]
        counts.append(running[block.indptr[1:]] - running[block.indptr[:-1]])
    del blocks
    indptr = np.r_[0, np.cumsum(np.concatenate(counts))].astype(np.int64)
    matrix = sp.csr_matrix((np.concatenate(data), np.concatenate(indices), indptr), shape=(n, int(keep.sum())))
    del data, indices
    matrix.has_sorted_indices = True
    matrix.has_canonical_format = True

    rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(matrix.indptr))
    idf = np.log(1.0 + (n - df[keep] + 0.5) / (df[keep] + 0.5)).astype(np.float32)
    matrix.data = _saturate(matrix.data, rows, np.concatenate(lengths).astype(np.float32), options)
    del rows
    matrix.data *= idf[matrix.indices]

    size = len(vocabulary.terms)
    codes = all_codes[keep]
    public = np.where(codes >= size, (codes // max(size, 1)) * _PAIR + codes % max(size, 1), codes)
    return unit_rows(matrix), public


def unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """`matrix` (CSR, changed in place) with each non-empty row scaled to length 1 (so the product of two rows is
    their cosine)."""
    squares = np.bincount(np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr)),
                          weights=matrix.data.astype(np.float64) ** 2, minlength=matrix.shape[0])
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    matrix.data = (matrix.data / np.repeat(norms, np.diff(matrix.indptr))).astype(np.float32)
    # Canonical rows (sorted, no duplicates) make row-by-row products a plain merge.
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix
