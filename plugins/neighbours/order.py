"""Ordering of published articles by date (ties broken by URL, so a build is reproducible)."""

from __future__ import annotations

from collections import defaultdict


def _key(article):
    return (article.date, article.url)


def link_neighbours(articles) -> None:
    """Set prev_article/next_article (site-wide) and prev_in_section/next_in_section on each article.

    "prev" is the older article, "next" the newer one; None at either end.
    """
    ordered = sorted(articles, key=_key)
    _chain(ordered, "prev_article", "next_article")
    by_section = defaultdict(list)
    for article in ordered:
        by_section[article.category].append(article)
    for items in by_section.values():
        _chain(items, "prev_in_section", "next_in_section")


def _chain(items, prev_name: str, next_name: str) -> None:
    for index, article in enumerate(items):
        setattr(article, prev_name, items[index - 1] if index > 0 else None)
        setattr(article, next_name, items[index + 1] if index + 1 < len(items) else None)
