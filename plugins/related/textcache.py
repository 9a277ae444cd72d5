"""The text pass of the last build, kept in Pelican's cache folder, so a rebuild reads only the changed articles.

The text pass (HTML to text, NFC, syllables, term ids) is the costliest pure-Python step of the related ranking:
about 5 s of every build at 10,000 articles. Its result for one article depends only on the article's title, sapo
and body and on our text code, so it is kept per article under a digest of those (`text_key`). The matrix work
that follows needs the whole archive and runs in full on every build.

The blocks handed back are exactly those `vectors.encode_fields` gives on the same texts: term ids numbered in the
sorted order of the terms in use, one block per `_BLOCK` articles. So lists are the same with or without the
cache. A missing, unreadable or outdated cache file only means every article is read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

import vntext

from . import items, vectors
from .vectors import _BLOCK, Vocabulary, encode_fields

log = logging.getLogger(__name__)

FILE_NAME = "related-text.npz"


def _code_version() -> str:
    """Digest of the code a cached result depends on: a change to it discards the cache."""
    hasher = hashlib.blake2b(digest_size=16)
    text_code = sorted(Path(vntext.__file__).parent.glob("*.py"))  # vntext and vntext.html
    for source in (*text_code, items.__file__, vectors.__file__, __file__):
        hasher.update(Path(source).read_bytes())
    return hasher.hexdigest()


class TextPassCache:
    """Per article (by `text_key`): its term ids (each field ended by -1) and the length of each field."""

    def __init__(self, path: str | Path | None):
        self.path = Path(path) if path else None
        self.version = _code_version()
        self.terms: list[str] = []
        self._spans: dict[str, tuple[int, int, int]] = {}  # key -> (start in ids, end, row in lengths)
        self._ids = np.zeros(0, np.int32)
        self._lengths = np.zeros((0, 0), np.int32)
        self._keys: list[str] = []
        self._offsets = np.zeros(1, np.int64)
        self.changed = False
        if self.path is not None and self.path.is_file():
            try:
                self._load()
            except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
                log.info("related: text cache %s unreadable (%s); reading every article again", self.path, error)
                self.terms, self._spans, self._keys = [], {}, []

    def _load(self) -> None:
        with np.load(self.path, allow_pickle=False) as data:
            if str(data["version"]) != self.version:
                return
            terms = str(data["terms"])
            keys, offsets = data["keys"], data["offsets"]
            ids, lengths = data["ids"], data["lengths"]
        self.terms = terms.split("\n") if terms else []
        if len(offsets) != len(keys) + 1 or len(lengths) != len(keys) or offsets[-1] != len(ids):
            raise ValueError("inconsistent arrays")
        if len(ids) and (ids.max() >= len(self.terms) or ids.min() < -1):
            raise ValueError("term id out of range")
        self._ids, self._lengths, self._offsets, self._keys = ids, lengths, offsets, [str(key) for key in keys]
        self._spans = {key: (int(offsets[i]), int(offsets[i + 1]), i) for i, key in enumerate(self._keys)}

    def __contains__(self, key: str) -> bool:
        return key in self._spans

    def encode(self, keys: Sequence[str], fields: Sequence[Sequence[str]], vocabulary: Vocabulary,
               workers: int = 1) -> list[tuple[np.ndarray, np.ndarray]]:
        """`encode_fields(fields, vocabulary, workers)`, reading the fields only of articles not in the cache (the
        others' fields are not looked at), and keeping every article's result for the next build."""
        width = len(fields[0]) if fields else 0
        missing = [i for i, key in enumerate(keys) if key not in self._spans]
        if self._lengths.size and self._lengths.shape[1] != width:
            missing = list(range(len(keys)))
        fresh = Vocabulary()
        blocks = encode_fields([fields[i] for i in missing], fresh, workers) if missing else []
        # Per article, in the numbering of its source: 0 = the cache's terms, 1 = the fresh terms.
        docs: list[tuple[int, np.ndarray, np.ndarray]] = [None] * len(keys)  # type: ignore[list-item]
        fresh_docs = iter(missing)
        for ids, lengths in blocks:
            ends = np.cumsum(lengths.sum(axis=1))
            for doc_ids, doc_lengths in zip(np.split(ids, ends[:-1]), lengths, strict=True):
                docs[next(fresh_docs)] = (1, doc_ids, doc_lengths)
        missing_set = set(missing)
        for i, key in enumerate(keys):
            if i not in missing_set:
                start, end, row = self._spans[key]
                docs[i] = (0, self._ids[start:end], self._lengths[row])

        # The terms in use, numbered in sorted order (as encode_fields numbers them).
        used_old = np.zeros(len(self.terms) + 1, dtype=bool)
        for source, ids, _ in docs:
            if source == 0:
                used_old[ids] = True  # -1 marks the last slot, which is never a term
        used = {self.terms[t] for t in np.flatnonzero(used_old[:-1])} | set(fresh.terms)
        for term in sorted(used):
            vocabulary.add(term)
        maps = []
        for terms in (self.terms, fresh.terms):
            maps.append(np.asarray([vocabulary.index.get(term, -1) for term in terms] + [-1], dtype=np.int32))

        result = []
        for start in range(0, len(docs), _BLOCK):
            part = docs[start : start + _BLOCK]
            ids = np.concatenate([maps[source][doc_ids] for source, doc_ids, _ in part])
            lengths = np.stack([doc_lengths for _, _, doc_lengths in part]).astype(np.int64)
            result.append((ids, lengths))

        self.changed = bool(missing) or len(keys) != len(self._spans) or len(vocabulary.terms) != len(self.terms)
        self._keep(keys, result, vocabulary.terms)
        return result

    def _keep(self, keys: Sequence[str], blocks, terms: list[str]) -> None:
        ids = np.concatenate([ids for ids, _ in blocks]) if blocks else np.zeros(0, np.int32)
        lengths = np.concatenate([lengths for _, lengths in blocks]) if blocks else np.zeros((0, 0), np.int32)
        offsets = np.r_[0, np.cumsum(lengths.sum(axis=1))].astype(np.int64)
        self.terms = list(terms)
        self._ids, self._lengths = ids.astype(np.int32), lengths.astype(np.int32)
        self._spans = {key: (int(offsets[i]), int(offsets[i + 1]), i) for i, key in enumerate(keys)}
        self._offsets, self._keys = offsets, list(keys)

    def save(self) -> None:
        """Write the cache (atomically) when this build changed it."""
        if self.path is None or not self.changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".related-", suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(out, version=np.asarray(self.version), terms=np.asarray("\n".join(self.terms)),
                         keys=np.asarray(self._keys, dtype=str), offsets=self._offsets, ids=self._ids,
                         lengths=self._lengths)
            os.replace(temp, self.path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        self.changed = False
