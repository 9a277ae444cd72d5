"""Previous/next article links: sets `article.prev_article` (older) and `article.next_article` (newer) across the
site and `article.prev_in_section` / `article.next_in_section` within the article's section (category)."""

from __future__ import annotations

from pelican import signals

from .order import link_neighbours


def _finalized(generator) -> None:
    link_neighbours(generator.articles)


def register():
    signals.article_generator_finalized.connect(_finalized)
