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
from datetime import datetime
from urllib.parse import quote, urljoin

import vntext

from .build import Category, Enclosure, FeedItem
from .text import absolutize, plain_text

__all__ = ["article_key", "cover_enclosure", "entry_id", "feed_articles", "is_feedable", "item_from_article"]


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


def cover_enclosure(cover, site_url: str) -> Enclosure | None:
    """The photo plugin's `article.cover` as an enclosure: `.enclosure` = {src, type, length} (site-relative src of
    the largest JPEG), `.caption`, `.credit`. None when there is no cover or it carries no enclosure."""
    enclosure = _get(cover, "enclosure")
    src = _get(enclosure, "src")
    if not src:
        return None
    width, height = _get(enclosure, "width"), _get(enclosure, "height")
    return Enclosure(
        url=urljoin(site_url.rstrip("/") + "/", str(src)),
        length=int(_get(enclosure, "length") or 0),
        type=str(_get(enclosure, "type") or "image/jpeg"),
        caption=plain_text(_get(cover, "caption") or ""),
        credit=_CREDIT_PREFIX_RE.sub("", plain_text(_get(cover, "credit") or "")),
        width=int(width) if width else None,
        height=int(height) if height else None,
    )


def _sapo_html(article, site_url: str) -> str:
    metadata = getattr(article, "metadata", {}) or {}
    if metadata.get("summary"):
        return metadata["summary"]
    getter = getattr(article, "get_summary", None)
    return getter(site_url) if getter else str(getattr(article, "summary", "") or "")


def _scheme(settings: Mapping, key: str, site_url: str) -> str | None:
    pattern = settings.get(key)
    if not pattern or "{slug}" not in pattern:
        return None
    return urljoin(site_url.rstrip("/") + "/", pattern.split("{slug}")[0])


def item_from_article(article, site_url: str, settings: Mapping) -> FeedItem:
    """A FeedItem for `article`; `site_url` is the absolute address of the site root (FEED_DOMAIN)."""
    site_url = site_url.rstrip("/")
    link = f"{site_url}/{article.url}"
    modified = getattr(article, "modified", None) or article.date
    authors = tuple(
        plain_text(a.name) for a in (getattr(article, "authors", None) or [getattr(article, "author", None)]) if a
    )
    categories = []
    category = getattr(article, "category", None)
    if category is not None:
        categories.append(Category(plain_text(category.name), _scheme(settings, "CATEGORY_URL", site_url)))
    tag_scheme = _scheme(settings, "TAG_URL", site_url)
    categories += [Category(plain_text(tag.name), tag_scheme) for tag in getattr(article, "tags", None) or []]
    content = article.get_content(site_url)
    return FeedItem(
        id=entry_id(settings["FEEDS_ID_AUTHORITY"], article.date, article_key(article)),
        title=plain_text(article.title),
        link=link,
        published=article.date,
        updated=max(modified, article.date, key=vntext.to_local),
        summary_html=absolutize(_sapo_html(article, site_url), link),
        content_html=absolutize(content, link),
        authors=authors,
        categories=tuple(categories),
        enclosure=cover_enclosure(getattr(article, "cover", None), site_url),
    )
