"""Scheduled publication: an article dated in the future stays a draft until the first build after its time.

The clock is injectable: `SITE_NOW` (environment variable or setting, ISO date and time, local time when it has no
offset) replaces the real time, so tests and editors can see the site as it will be at a given moment.
"""

from __future__ import annotations

import os
from datetime import datetime

from pelican.contents import Article
from pelican.utils import get_date, order_content

import vntext
from vncontent.errors import ContentError


class ClockError(ContentError, ValueError):
    """SITE_NOW that is no date: an editor's typo, reported like a content error (one Vietnamese line)."""


def _parse_clock(value: str) -> datetime:
    """Read as Pelican reads an article's `Date:` (ISO 8601, or "2026-12-01 6:00")."""
    try:
        return get_date(value)
    except (ValueError, OverflowError):
        message = f"SITE_NOW “{value}” không phải ngày giờ hợp lệ (ví dụ: 2026-12-01 06:00)"
        raise ClockError(None, None, message) from None


def now(settings: dict | None = None) -> datetime:
    """The site's current time (aware, Asia/Ho_Chi_Minh): `SITE_NOW` when set, else the real time."""
    value = (settings or {}).get("SITE_NOW") or os.environ.get("SITE_NOW")
    if value:
        return vntext.to_local(_parse_clock(" ".join(str(value).split())))
    return datetime.now(vntext.TZ)


def _requested_status(article: Article) -> str:
    return str(article.metadata.get("status") or "published").lower()


def apply_schedule(generator) -> None:
    """With WITH_FUTURE_DATES off, move articles between `articles` and `drafts` by the site clock.

    Pelican already turned future articles into drafts using the real clock; this decides again with `now()`, so an
    injected clock works both ways. Articles marked `Status: draft` always stay drafts.
    """
    settings = generator.settings
    if settings.get("WITH_FUTURE_DATES", True):
        return
    moment = now(settings)
    published, drafts = [], []
    for article in [*generator.articles, *generator.drafts]:
        requested = _requested_status(article)
        if requested == "draft" or vntext.to_local(article.date) > moment:
            article.status = "draft"
            drafts.append(article)
        elif requested == "published":
            article.status = "published"
            published.append(article)
        else:
            drafts.append(article)
    order = settings["ARTICLE_ORDER_BY"]
    generator.articles = order_content(published, order)
    generator.drafts = order_content(drafts, order)
