"""Search keys of Vietnamese text, all built from vntext.

A piece of text (a title, a sapo, a body) becomes weighted terms of four kinds:

- folded syllables: ``fold`` ("Đà" -> "da"), so "Da Nang", "ĐÀ NẴNG" and "đà nẵng" meet;
- folded syllable pairs: "thi dua", so a two-syllable word ranks above its syllables far apart;
- exact syllables and exact pairs: "=" + ``telex`` ("=ddaf nawngx"), which keeps every mark but not where the
  tone sits ("hoà" and "hòa" are both "=hoaf"), so results with the reader's own diacritics can rank first.

Pairs never cross sentence punctuation. The JavaScript side (theme/static/js/search.js) rebuilds the same keys
for a query; tests check that both agree.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import lru_cache

import numpy as np

from vntext import fold, syllables, telex

# Sentence and clause breaks: a pair of syllables across them is not a word.
_BREAK_RE = re.compile(r"[.,;:!?…](?:\s|$)|[()\[\]{}\"“”‘’«»–—/|\n]")
EXACT = "="


@lru_cache(maxsize=65536)
def folded(syllable: str) -> str:
    return fold(syllable)


@lru_cache(maxsize=65536)
def exact(syllable: str) -> str:
    return EXACT + telex(syllable)


@lru_cache(maxsize=131072)
def _keys(syllable: str) -> tuple[str, str]:
    return fold(syllable), EXACT + telex(syllable)


def phrases(text: str) -> list[list[str]]:
    """Runs of syllables between punctuation breaks."""
    runs = []
    for piece in _BREAK_RE.split(text):
        syls = syllables(piece)
        if syls:
            runs.append(syls)
    return runs


def keys(text: str) -> list[str]:
    """Every key of `text`, once per occurrence: folded and exact syllables, folded and exact pairs."""
    out: list[str] = []
    add = out.append
    for run in phrases(text):
        previous_f = previous_e = None
        for syllable in run:
            f, e = _keys(syllable)
            add(f)
            add(e)
            if previous_f is not None:
                add(previous_f + " " + f)
                add(previous_e + " " + e[1:])
            previous_f, previous_e = f, e
    return out


def add_terms(counter: Counter, text: str, weight: int = 1) -> None:
    """Add the keys of `text` to `counter`, each occurrence counting `weight`."""
    if weight == 1:
        counter.update(keys(text))
    else:
        for key in keys(text):
            counter[key] += weight


def query_terms(query: str) -> dict[str, list[str]]:
    """The keys a query looks up, tier by tier (the same rules as search.js; used by tests and the benchmark).

    Pairs are taken within the runs the index keeps (`phrases`): a title pasted with its quotes or colon
    (`Phong trào thi đua "Dân vận khéo"`) then asks only for pairs the index can hold, and reaches the phrase tiers."""
    runs: list[list[str]] = []
    for run in phrases(query):
        run = run[: 10 - sum(map(len, runs))]
        if run:
            runs.append(run)
    syls = [s for run in runs for s in run]
    f = [folded(s) for s in syls]
    e = [exact(s) for s in syls]
    marked = any(ex[1:] != fo for ex, fo in zip(e, f, strict=True))
    tiers: dict[str, list[str]] = {}
    phrase = [f"{folded(a)} {folded(b)}" for run in runs for a, b in itertools.pairwise(run)]
    if phrase:
        if marked:
            tiers["exact-phrase"] = [f"{exact(a)} {exact(b)[1:]}" for run in runs for a, b in itertools.pairwise(run)]
        tiers["phrase"] = phrase
    if marked:
        tiers["exact"] = e
    if syls:
        tiers["words"] = f
    return tiers


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes: the shard of a term (search.js computes the same)."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


_FNV_BASIS, _FNV_PRIME = np.uint32(0x811C9DC5), np.uint32(0x01000193)


def fnv1a_many(terms: list[str]) -> np.ndarray:
    """`fnv1a` of every term at once (uint32 array): a byte position at a time over all terms still that long,
    since a Python loop per byte was seconds of a large index."""
    encoded = [term.encode("utf-8") for term in terms]
    lengths = np.fromiter(map(len, encoded), np.int64, len(encoded))
    starts = np.zeros(len(encoded), np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    data = np.frombuffer(b"".join(encoded), np.uint8)
    order = np.argsort(-lengths, kind="stable")  # longest first: the terms still running are a prefix
    lengths, starts = lengths[order], starts[order]
    negated = -lengths
    hashes = np.full(len(encoded), _FNV_BASIS, np.uint32)
    for position in range(int(lengths[0]) if len(encoded) else 0):
        running = int(np.searchsorted(negated, -position, side="left"))
        hashes[:running] = (hashes[:running] ^ data[starts[:running] + position]) * _FNV_PRIME
    result = np.empty_like(hashes)
    result[order] = hashes
    return result
