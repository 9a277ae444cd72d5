"""Related news ("Có thể bạn quan tâm") and same-section news ("Tin cùng chuyên mục") on every article.

After the articles are read, every published article gets `article.related_articles` (pinned `Related:` slugs
first, then the best matches by text, campaigns, exemplars and tags) and `article.same_section_articles` (the
newest others of its section not already related). Drafts and hidden articles are never listed and get empty
lists. Ranking: `ranking.py` and `vectors.py`; settings: `defaults.py` (RELATED_* in pelicanconf.py). The text
pass of unchanged articles is read from Pelican's cache folder (`textcache.py`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from vncontent.errors import ContentError

from .defaults import settings_from
from .items import item_from_article
from .ranking import build_lists
from .textcache import FILE_NAME, TextPassCache

__all__ = ["register"]

log = logging.getLogger(__name__)


def _check_pins(items, published, unlisted) -> None:
    """A pinned slug must name an article: a typo stops the build; a draft is only skipped, with a warning."""
    for item in items:
        for slug in item.pinned:
            if slug in published:
                continue
            article = unlisted.get(slug)
            source = published[item.key]
            line = (getattr(source, "source_lines", None) or {}).get("related")
            if article is None:
                raise ContentError(
                    source.source_path, line, f"bài liên quan “{slug}” không tồn tại: không có bài nào mang slug này"
                )
            log.warning(
                "%s:%s: bài liên quan “%s” chưa xuất bản (%s) nên chưa hiện trong “Có thể bạn quan tâm”",
                source.source_path, line, slug, article.status,
            )


def attach_lists(generator) -> None:
    articles = list(generator.articles)
    unlisted = [*generator.drafts, *getattr(generator, "hidden_articles", [])]
    for article in unlisted:
        article.related_articles = []
        article.same_section_articles = []
    published = {article.slug: article for article in articles}
    cache_path = generator.settings.get("CACHE_PATH")
    text_cache = TextPassCache(Path(cache_path) / FILE_NAME if cache_path else None)
    items = [item_from_article(article, text_cache) for article in articles]
    _check_pins(items, published, {article.slug: article for article in unlisted})
    related, same = build_lists(items, settings_from(generator.settings), text_cache)
    text_cache.save()
    for article in articles:
        article.related_articles = [published[slug] for slug in related[article.slug]]
        article.same_section_articles = [published[slug] for slug in same[article.slug]]


def register():
    signals.article_generator_finalized.connect(attach_lists)
