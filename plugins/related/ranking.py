"""Related and same-section lists for a set of articles (pure logic, no Pelican).

Related list of an article, in order:
1. the articles its editor pinned (`Related:` slugs), in the editor's order;
2. the best scores: (text similarity + shared campaigns, exemplars and tags) with a mild preference for recent ones;
3. if still short, the newest articles of its section, then the newest of the site.
Never the article itself, never two articles with the same title (nor one titled like the article). The text
similarity blends the cosine of the TF-IDF rows (exact shared terms) with their cosine in a latent semantic space
(latent.py: shared topics). Items are sorted by key before anything is computed, so the result does not depend
on the input order; ties go to the newer article, then to the smaller key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

import vntext

from .defaults import settings_from
from .latent import embed, expand, nearest, pair_cosines, scaled_cosines
from .neighbours import candidates, keep_strongest_per_column, keep_strongest_per_row, pair_products
from .vectors import Vocabulary, tfidf_matrix, unit_rows, weighted_matrix

if TYPE_CHECKING:
    from .textcache import TextPassCache

__all__ = ["Item", "build_lists", "related_lists", "same_section_lists", "title_key"]

_DAY = 86_400.0


@dataclass(frozen=True)
class Item:
    """What the ranking knows of one published article."""

    key: str  # the slug: unique
    title: str
    date: datetime
    sapo: str = ""
    body: str = ""
    section: str | None = None
    tags: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()
    exemplars: tuple[str, ...] = ()
    pinned: tuple[str, ...] = ()  # slugs, editor's order
    text_key: str = ""  # digest of the text sources, for a text pass cache (textcache.py)


@lru_cache(maxsize=100_000)
def _syllable_key(syllable: str) -> str:
    return vntext.normalize_tones(syllable)


def title_key(title: str) -> str:
    """Titles equal up to case, punctuation, spacing and tone placement have one key."""
    return " ".join(map(_syllable_key, vntext.syllables(title.lower())))


def _timestamp(moment: datetime) -> float:
    return vntext.to_local(moment).timestamp()


def _metadata_matrices(
    items: Sequence[Item], weights: Mapping[str, float], stamps: np.ndarray, posting_docs: int
) -> tuple[sp.csr_matrix, sp.csr_matrix] | None:
    """Rows of sqrt(weight) per campaign, exemplar and tag, so M @ M.T sums the weights of what two items share.

    Returns M and its candidate side, where each campaign, exemplar or tag keeps only its newest articles (so a
    tag on half the archive does not make everything a candidate of everything).
    """
    columns: dict[tuple[str, str], int] = {}
    rows, cols, values = [], [], []
    for row, item in enumerate(items):
        for kind, names in (("campaign", item.campaigns), ("exemplar", item.exemplars), ("tag", item.tags)):
            weight = float(weights[kind])
            if weight <= 0:
                continue
            for name in sorted({title_key(n) for n in names} - {""}):
                col = columns.setdefault((kind, name), len(columns))
                rows.append(row)
                cols.append(col)
                values.append(np.sqrt(weight))
    if not values:
        return None
    shape = (len(items), len(columns))
    full = sp.csr_matrix((np.asarray(values, np.float32), (rows, cols)), shape=shape, dtype=np.float32)
    # Newest first within each column: rank by date, keep the first `posting_docs`.
    rows_a, cols_a = np.asarray(rows), np.asarray(cols)
    order = np.lexsort((rows_a, -stamps[rows_a], cols_a))
    rows_a, cols_a = rows_a[order], cols_a[order]
    first = np.searchsorted(cols_a, cols_a)
    keep = (np.arange(len(cols_a)) - first) < posting_docs
    newest = sp.csr_matrix(
        (np.asarray(values, np.float32)[order][keep], (rows_a[keep], cols_a[keep])), shape=shape, dtype=np.float32
    )
    return full, newest


class _Picker:
    """Fills one list at a time, skipping the article itself, lists members and duplicate titles."""

    def __init__(self, items: Sequence[Item], count: int):
        self.items = items
        self.count = count
        self.titles = [title_key(item.title) for item in items]
        self.position = {item.key: i for i, item in enumerate(items)}
        self.stamps = np.array([_timestamp(item.date) for item in items], dtype=np.float64)
        # Newest first, then smaller key (items are sorted by key, so by position).
        self.newest = np.lexsort((np.arange(len(items)), -self.stamps))
        self.by_section: dict[str, list[int]] = {}
        for i in self.newest:
            section = items[i].section
            if section is not None:
                self.by_section.setdefault(section, []).append(int(i))

    def start(self, i: int) -> tuple[list[int], set[str]]:
        return [], {self.titles[i]}

    def offer(self, chosen: list[int], titles: set[str], j: int, i: int) -> bool:
        """Add j to the list of i if it may be there; True when the list is full."""
        if j != i and self.titles[j] not in titles and j not in chosen:
            chosen.append(j)
            titles.add(self.titles[j])
        return len(chosen) >= self.count

    def pinned(self, i: int, chosen: list[int], titles: set[str]) -> None:
        for slug in self.items[i].pinned:
            j = self.position.get(slug)
            if j is not None and self.offer(chosen, titles, j, i):
                return

    def scored(self, i: int, ordered: np.ndarray, chosen: list[int], titles: set[str]) -> None:
        """Offer the candidates of i, best first, until the list is full."""
        for j in ordered:
            if len(chosen) >= self.count or self.offer(chosen, titles, int(j), i):
                return

    def fallback(self, i: int, chosen: list[int], titles: set[str]) -> None:
        if len(chosen) >= self.count:
            return
        section = self.items[i].section
        for j in [*self.by_section.get(section, []), *self.newest] if section is not None else self.newest:
            if self.offer(chosen, titles, int(j), i):
                return


def _with_recency(scores: np.ndarray, rows: np.ndarray, cols: np.ndarray, stamps: np.ndarray,
                  weights: Mapping[str, Any]) -> np.ndarray:
    """Scores of the pairs (rows, cols) with the recency preference of RELATED_WEIGHTS applied to each candidate.

    The factor is 1 for the newest article and falls towards (1 - recency) with age. With `recency_margin` it scales
    only how far a candidate stands above the mean score of the article's candidates (and divides how far it falls
    below): the text scores of an article's best candidates lie close together, so a factor on the whole score
    lets a newer but clearly weaker article displace a better one, where a mild preference should only decide
    between near-equals.
    """
    age_days = (stamps.max() - stamps) / _DAY
    recency = float(weights["recency"])
    half_life = float(weights["half_life_days"]) or 1.0
    factor = ((1.0 - recency) + recency * np.power(0.5, age_days / half_life)).astype(np.float32)[cols]
    if not weights["recency_margin"]:
        return scores * factor
    n = len(stamps)
    mean = (np.bincount(rows, weights=scores, minlength=n) / np.maximum(np.bincount(rows, minlength=n), 1))
    base = mean.astype(np.float32)[rows]
    margin = scores - base
    return base + np.where(margin > 0, margin * factor, margin / factor)


def related_lists(items: Iterable[Item], settings: Mapping[str, Any] | None = None,
                  text_cache: TextPassCache | None = None) -> dict[str, list[str]]:
    """key -> keys of its related articles (at most RELATED_COUNT), for every item.

    With a `text_cache`, the text of items whose `text_key` it holds is not read (it may be left empty)."""
    # Our own threads share out the matrix work (parallel.py); BLAS threads on top of them only fight for the
    # same cores, and made the small dense products of the SVD and the cluster search 2-3 times slower.
    with threadpool_limits(limits=1, user_api="blas"):
        return _related_lists(items, settings, text_cache)


def _related_lists(items: Iterable[Item], settings: Mapping[str, Any] | None,
                   text_cache: TextPassCache | None) -> dict[str, list[str]]:
    conf = settings_from(settings)
    count = int(conf["RELATED_COUNT"])
    weights = conf["RELATED_WEIGHTS"]
    items = sorted(items, key=lambda item: item.key)
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise ValueError("two items share one key")
    n = len(items)
    if n == 0 or count <= 0:
        return {key: [] for key in keys}

    picker = _Picker(items, count)
    text = conf["RELATED_TEXT"]
    fields = [(item.title, item.sapo, item.body) for item in items]
    field_weights = (weights["title"], weights["sapo"], weights["body"])
    if text_cache is None:
        full, _ = tfidf_matrix(fields, field_weights, text)
    else:
        vocabulary = Vocabulary()
        encoded = text_cache.encode([item.text_key for item in items], fields, vocabulary, int(text.get("workers", 1)))
        full, _ = weighted_matrix(encoded, vocabulary, field_weights, text)
    posting_docs = int(text["posting_docs"])
    meta = _metadata_matrices(items, weights, picker.stamps, posting_docs)
    extra = meta[0] @ meta[1].T if meta is not None else None
    # Each article's strongest terms both ask for candidates and score them (the weak tail of a long article
    # changes its cosines little and would cost most of the exact scoring).
    matrix = unit_rows(keep_strongest_per_row(full, int(text["query_terms"])))
    rows, cols = candidates(
        matrix,
        keep_strongest_per_column(matrix, posting_docs),
        extra.tocsr() if extra is not None else None,
        int(text["candidates"]),
    )
    share = float(text["latent_share"])
    if share > 0 and int(text["latent_dims"]) > 0:
        points = embed(full, int(text["latent_dims"]), int(text["latent_iterations"]), int(text["latent_sample"]))
        if int(text["latent_candidates"]) > 0:
            # Also compare each article with its nearest ones in the latent space (shared topic, few shared terms).
            more_rows, more_cols = nearest(points, int(text["latent_candidates"]))
            pairs = np.sort(np.concatenate([rows * n + cols, more_rows * n + more_cols]))
            pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]][: len(pairs)]]  # (np.unique hashes: slower)
            rows, cols = pairs // n, pairs % n
            points = expand(points, more_rows, more_cols, int(text["feedback_docs"]), float(text["feedback_weight"]))
        latent = scaled_cosines if text["latent_scales"] else pair_cosines
        scores = (1.0 - share) * pair_products(matrix, matrix, rows, cols) + share * latent(points, rows, cols)
    else:
        scores = pair_products(matrix, matrix, rows, cols)
    if meta is not None:
        scores += pair_products(meta[0], meta[0], rows, cols)
    positive = scores > 0
    rows, cols, scores = rows[positive], cols[positive], scores[positive]
    scores = _with_recency(scores, rows, cols, picker.stamps, weights)
    # Best first within each row; ties to the newer article, then the smaller key (= position).
    order = np.lexsort((cols, -picker.stamps[cols], -scores, rows))
    rows, cols = rows[order], cols[order]
    bounds = np.searchsorted(rows, np.arange(n + 1))
    result: dict[str, list[str]] = {}
    for i in range(n):
        chosen, titles = picker.start(i)
        picker.pinned(i, chosen, titles)
        picker.scored(i, cols[bounds[i] : bounds[i + 1]], chosen, titles)
        picker.fallback(i, chosen, titles)
        result[keys[i]] = [keys[j] for j in chosen]
    return result


def same_section_lists(
    items: Iterable[Item], related: Mapping[str, Sequence[str]], settings: Mapping[str, Any] | None = None
) -> dict[str, list[str]]:
    """key -> the newest SAME_SECTION_COUNT other articles of its section that are not in its related list."""
    conf = settings_from(settings)
    items = sorted(items, key=lambda item: item.key)
    picker = _Picker(items, int(conf["SAME_SECTION_COUNT"]))
    result: dict[str, list[str]] = {}
    for i, item in enumerate(items):
        chosen, titles = picker.start(i)
        if picker.count > 0 and item.section is not None:
            excluded = set(related.get(item.key, ()))
            titles |= {picker.titles[picker.position[key]] for key in excluded if key in picker.position}
            for j in picker.by_section[item.section]:
                if items[j].key not in excluded and picker.offer(chosen, titles, j, i):
                    break
        result[item.key] = [items[j].key for j in chosen]
    return result


def build_lists(
    items: Iterable[Item], settings: Mapping[str, Any] | None = None, text_cache: TextPassCache | None = None
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(related lists, same-section lists) of every item."""
    items = list(items)
    related = related_lists(items, settings, text_cache)
    return related, same_section_lists(items, related, settings)
