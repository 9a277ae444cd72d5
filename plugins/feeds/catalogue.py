"""The list of the site's feeds: one per site, section, campaign, exemplar and tag, with Vietnamese titles and paths.

Used to write the feeds, the "Tin RSS" page, the OPML file and the autodiscovery links, so all four agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import vntext

from .build import FORMATS

__all__ = ["GROUPS", "KINDS", "FeedRef", "feed_description", "feed_path", "feed_title", "make_catalogue"]

KINDS = ("site", "category", "campaign", "exemplar", "tag")
# Headings of the "Tin RSS" page and of the OPML folders, in this order.
GROUPS = {
    "site": "Tin mới",
    "category": "Chuyên mục",
    "campaign": "Phong trào thi đua",
    "exemplar": "Điển hình tiên tiến",
    "tag": "Chủ đề",
}
DEFAULT_MAX_ITEMS = {"site": 50, "category": 20, "tag": 20, "campaign": 20, "exemplar": 20}


@dataclass
class FeedRef:
    kind: str
    slug: str | None
    name: str  # what the feed is about: "Kinh tế", "nông thôn mới", the campaign's title
    title: str  # the channel title
    description: str
    page_url: str  # the site-relative page the feed follows ("" for the home page)
    paths: dict[str, str]  # format -> site-relative path of the file
    articles: list
    label: str = ""  # the name shown on the "Tin RSS" page
    count: int = 0  # items written (set when the feed is written)
    updated: datetime | None = None  # channel date (set when the feed is written)


def feed_path(paths: Mapping[str, str], kind: str, slug: str | None = None, fmt: str = "rss") -> str:
    """Site-relative path of a feed file from FEED_PATHS: ("category", "kinh-te", "atom") ->
    "feeds/chuyen-muc/kinh-te.atom.xml"."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}")
    return paths[kind].format(slug=slug or "", format=fmt)


def feed_title(sitename: str, kind: str, name: str = "") -> str:
    name = vntext.nfc(name or "")
    if kind == "site":
        return f"{sitename} – Tin mới"
    if kind == "category":
        return f"{sitename} – Chuyên mục {name}"
    if kind == "tag":
        return f"{sitename} – Chủ đề: {name}"
    if kind == "campaign":
        # Campaign titles usually say "Phong trào thi đua ..." already.
        if vntext.fold(name).startswith("phong trao"):
            return f"{sitename} – {name}"
        return f"{sitename} – Phong trào thi đua: {name}"
    if kind == "exemplar":
        return f"{sitename} – Điển hình tiên tiến: {name}"
    raise ValueError(f"unknown feed kind {kind!r}")


def feed_description(sitename: str, kind: str, name: str = "", site_description: str = "") -> str:
    if kind == "site":
        return site_description or f"Tin bài mới nhất của {sitename}."
    if kind == "category":
        return f"Tin bài mới nhất chuyên mục {name} của {sitename}."
    if kind == "tag":
        return f"Tin bài mới nhất về chủ đề {name} của {sitename}."
    if kind == "campaign":
        return f"Tin bài về {name} của {sitename}."
    if kind == "exemplar":
        return f"Tin bài về điển hình tiên tiến {name} của {sitename}."
    raise ValueError(f"unknown feed kind {kind!r}")


def _pairs(taxonomy) -> list[tuple]:
    """Pelican gives categories as a list of (Category, articles) and tags as a dict or such a list."""
    if taxonomy is None:
        return []
    return list(taxonomy.items()) if isinstance(taxonomy, Mapping) else list(taxonomy)


def make_catalogue(
    settings: Mapping,
    articles: Sequence,
    categories: Iterable = (),
    tags: Iterable = (),
    campaigns: Iterable = (),
    exemplars: Iterable = (),
) -> list[FeedRef]:
    """Every feed of the site, in page order: site, sections (SECTIONS order), campaigns, exemplars, tags (A–Z).

    `campaigns` and `exemplars` are the campaigns plugin's objects (`.slug`, `.title`, `.url`, `.articles`).
    """
    sitename = settings.get("SITENAME", "")
    paths = settings["FEED_PATHS"]

    def ref(kind, slug, name, page_url, items):
        return FeedRef(
            kind=kind,
            slug=slug,
            name=name,
            title=feed_title(sitename, kind, name),
            description=feed_description(sitename, kind, name, settings.get("SITE_DESCRIPTION", "")),
            page_url=page_url,
            paths={fmt: feed_path(paths, kind, slug, fmt) for fmt in FORMATS},
            articles=list(items),
            label=f"Tất cả tin bài mới của {sitename}" if kind == "site" else name,
        )

    refs = [ref("site", None, sitename, "", articles)]
    order = {name: index for index, name in enumerate(settings.get("SECTIONS") or [])}
    sections = sorted(
        _pairs(categories), key=lambda pair: (order.get(pair[0].name, len(order)), vntext.fold(pair[0].name))
    )
    refs += [ref("category", c.slug, c.name, c.url, items) for c, items in sections]
    refs += [ref("campaign", c.slug, c.title, c.url, c.articles) for c in campaigns]
    refs += [ref("exemplar", e.slug, e.title, e.url, e.articles) for e in exemplars]
    refs += [
        ref("tag", t.slug, t.name, t.url, items)
        for t, items in sorted(_pairs(tags), key=lambda pair: (vntext.fold(pair[0].name), pair[0].name))
    ]
    return refs
