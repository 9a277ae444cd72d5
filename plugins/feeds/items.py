"""From articles (Pelican's, or any object with the same attributes) to feed items, and which articles a feed may show.

The entry id is a `tag:` URI (RFC 4151) built from things an editor does not change when correcting an article: the
site's tagging authority (a setting, not SITEURL, so a new domain or a staging address does not change it), the
article's first-publication date (`Date:`; updates go in `Modified:`) and the name of its Markdown file. Editing the
title, which changes the slug and the URL, keeps the id, so readers never see an edited article as a new one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote, urljoin

import vntext

from .build import Category, Enclosure, FeedItem
from .cache import digest
from .text import absolutize, plain_text

__all__ = ["FeedOrder", "ItemSource", "article_key", "cover_enclosure", "entry_id", "feed_articles", "is_feedable",
           "item_from_article", "item_from_source", "item_source"]


# The credit line as editors write it ("Ảnh: Hoàng Huy"); <media:credit> holds the name only.
_CREDIT_PREFIX_RE = re.compile(r"^\s*ảnh\s*:\s*", re.IGNORECASE)


def _get(obj, key: str, default=None):
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(key, default)
    return getattr(obj, key, default)


def article_key(article) -> str:
    """The Markdown file's name without extension (the slug only for content that has no source file)."""
    source = getattr(article, "source_path", None)
    if source:
        return os.path.splitext(os.path.basename(source))[0]
    return str(article.slug)


def entry_id(authority: str, published: datetime, key: str) -> str:
    """ "tag:baosonha.vn,2026:2026-04-12/son-ha-phat-dong-..." """
    day = vntext.to_local(published).strftime("%Y-%m-%d")
    return f"tag:{authority}:{day}/{quote(vntext.nfc(key), safe='-._~')}"


def is_feedable(article, now: datetime) -> bool:
    """Published and not dated in the future: drafts, hidden and scheduled articles never reach a feed."""
    status = getattr(article, "status", "published")
    if status != "published":
        return False
    return vntext.to_local(article.date) <= vntext.to_local(now)


def _sort_key(article):
    return (vntext.to_local(article.date), str(getattr(article, "slug", "")))


def feed_articles(articles: Iterable, now: datetime, limit: int | None = None) -> list:
    """The articles a feed shows: feedable ones, newest first (ties by slug, so the order never depends on reading
    order), at most `limit`."""
    chosen = sorted((a for a in articles if is_feedable(a, now)), key=_sort_key, reverse=True)
    return chosen if limit is None else chosen[:limit]


class FeedOrder:
    """`feed_articles` for all the feeds of one build: an article is in many feeds (site, section, tags, campaigns),
    its feedability and sort key are computed once."""

    def __init__(self, now: datetime):
        self.now = now
        self._keys: dict[int, tuple] = {}  # id -> (article, sort key or None when not feedable)

    def _key(self, article):
        known = self._keys.get(id(article))
        if known is None:
            known = self._keys[id(article)] = (article, _sort_key(article) if is_feedable(article, self.now) else None)
        return known[1]

    def __call__(self, articles: Iterable, limit: int | None = None) -> list:
        chosen = sorted((a for a in articles if self._key(a) is not None), key=self._key, reverse=True)
        return chosen if limit is None else chosen[:limit]


def _cover_fields(cover) -> tuple | None:
    """What a feed takes from a cover, as plain values: (src, length, type, width, height, caption, credit)."""
    enclosure = _get(cover, "enclosure")
    src = _get(enclosure, "src")
    if not src:
        return None
    return (str(src), _get(enclosure, "length"), _get(enclosure, "type"), _get(enclosure, "width"),
            _get(enclosure, "height"), _get(cover, "caption") or "", _get(cover, "credit") or "")


def _enclosure(fields: tuple | None, site_url: str) -> Enclosure | None:
    if fields is None:
        return None
    src, length, kind, width, height, caption, credit = fields
    return Enclosure(
        url=urljoin(site_url.rstrip("/") + "/", src),
        length=int(length or 0),
        type=str(kind or "image/jpeg"),
        caption=plain_text(caption),
        credit=_CREDIT_PREFIX_RE.sub("", plain_text(credit)),
        width=int(width) if width else None,
        height=int(height) if height else None,
    )


def cover_enclosure(cover, site_url: str) -> Enclosure | None:
    """The photo plugin's `article.cover` as an enclosure: `.enclosure` = {src, type, length} (site-relative src of
    the largest JPEG), `.caption`, `.credit`. None when there is no cover or it carries no enclosure."""
    return _enclosure(_cover_fields(cover), site_url)


def _sapo_html(article, site_url: str) -> str:
    metadata = getattr(article, "metadata", {}) or {}
    if metadata.get("summary"):
        return metadata["summary"]
    getter = getattr(article, "get_summary", None)
    return getter(site_url) if getter else str(getattr(article, "summary", "") or "")


def _scheme(settings: Mapping, key: str, site_url: str) -> str | None:
    return _scheme_of(settings.get(key), site_url)


@lru_cache(maxsize=64)
def _scheme_of(pattern, site_url: str) -> str | None:
    if not pattern or "{slug}" not in pattern:
        return None
    return urljoin(site_url.rstrip("/") + "/", pattern.split("{slug}")[0])


@dataclass(frozen=True)
class ItemSource:
    """Everything a feed item is made from, read off an article and the settings as plain values: the item is a
    pure function of it (`item_from_source`), so its `digest` can key a cache of items and of whole feeds."""

    site_url: str
    authority: str
    category_scheme: str | None
    tag_scheme: str | None
    url: str
    key: str  # the Markdown file's name (see article_key)
    title: str
    date: datetime
    modified: datetime
    authors: tuple[str, ...]
    category: str | None
    tags: tuple[str, ...]
    sapo_html: str
    content_html: str
    cover: tuple | None  # see _cover_fields

    @property
    def updated(self) -> datetime:
        return max(self.modified, self.date, key=vntext.to_local)

    def digest(self) -> str:
        """A stable digest of every field (dates by their ISO form, which includes the UTC offset)."""
        return digest(*(getattr(self, name) for name in self.__dataclass_fields__))


def _str(value) -> str:
    return "" if value is None else str(value)


def item_source(article, site_url: str, settings: Mapping) -> ItemSource:
    """What `item_from_article` reads; `site_url` is the absolute address of the site root (FEED_DOMAIN)."""
    site_url = site_url.rstrip("/")
    category = getattr(article, "category", None)
    return ItemSource(
        site_url=site_url,
        authority=settings["FEEDS_ID_AUTHORITY"],
        category_scheme=_scheme(settings, "CATEGORY_URL", site_url),
        tag_scheme=_scheme(settings, "TAG_URL", site_url),
        url=str(article.url),
        key=article_key(article),
        title=_str(article.title),
        date=article.date,
        modified=getattr(article, "modified", None) or article.date,
        authors=tuple(
            _str(a.name) for a in (getattr(article, "authors", None) or [getattr(article, "author", None)]) if a
        ),
        category=_str(category.name) if category is not None else None,
        tags=tuple(_str(tag.name) for tag in getattr(article, "tags", None) or []),
        sapo_html=_str(_sapo_html(article, site_url)),
        content_html=_str(article.get_content(site_url)),
        cover=_cover_fields(getattr(article, "cover", None)),
    )


def item_from_source(source: ItemSource) -> FeedItem:
    link = f"{source.site_url}/{source.url}"
    categories = []
    if source.category is not None:
        categories.append(Category(plain_text(source.category), source.category_scheme))
    categories += [Category(plain_text(tag), source.tag_scheme) for tag in source.tags]
    return FeedItem(
        id=entry_id(source.authority, source.date, source.key),
        title=plain_text(source.title),
        link=link,
        published=source.date,
        updated=source.updated,
        summary_html=absolutize(source.sapo_html, link),
        content_html=absolutize(source.content_html, link, embeds_as_links=True),
        authors=tuple(plain_text(name) for name in source.authors),
        categories=tuple(categories),
        enclosure=_enclosure(source.cover, source.site_url),
    )


def item_from_article(article, site_url: str, settings: Mapping) -> FeedItem:
    """A FeedItem for `article`; `site_url` is the absolute address of the site root (FEED_DOMAIN)."""
    return item_from_source(item_source(article, site_url, settings))
