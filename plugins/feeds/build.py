"""Pure feed building: plain feed items -> a feedgen FeedGenerator -> RSS 2.0 or Atom bytes.

Nothing here knows Pelican. Every string goes through `xml_safe`; HTML goes in once, escaped once by lxml (no CDATA,
no double escaping); the channel's date is the newest item's, so the same items always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.ext.media import MEDIA_NS, MediaEntryExtension, MediaExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

import vntext

from .text import xml_safe

__all__ = ["FORMATS", "Category", "Enclosure", "FeedItem", "FeedMeta", "build_feed", "feed_bytes", "serialize"]

FORMATS = ("rss", "atom")
MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


@dataclass(frozen=True)
class Enclosure:
    """The lead photo: RSS <enclosure> / Atom <link rel="enclosure"> and <media:content> with caption and credit."""

    url: str
    length: int
    type: str
    caption: str = ""
    credit: str = ""
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Category:
    term: str
    scheme: str | None = None


@dataclass(frozen=True)
class FeedItem:
    """One article as a feed needs it; URLs absolute, dates timezone-aware, HTML with absolute links."""

    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    summary_html: str
    content_html: str
    authors: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()
    enclosure: Enclosure | None = None


@dataclass(frozen=True)
class FeedMeta:
    """The channel: `urls` maps each format to the feed's own absolute URL (its rel="self")."""

    id: str
    title: str
    description: str
    link: str
    urls: dict[str, str] = field(default_factory=dict)
    language: str = "vi"
    author: str = ""
    # The channel date when there is no item (an empty campaign feed): fixed, never the build time.
    fallback_updated: datetime | None = None


class CaptionedMediaEntryExtension(MediaEntryExtension):
    """feedgen's media extension, plus <media:description> (the caption) and <media:credit> inside <media:content>.

    feedgen writes media:content with its attributes only; Media RSS puts the caption and credit in child elements.
    """

    def __init__(self):
        super().__init__()
        self._caption = ""
        self._credit = ""

    def caption(self, caption: str | None = None) -> str:
        if caption is not None:
            self._caption = caption
        return self._caption

    def credit(self, credit: str | None = None) -> str:
        if credit is not None:
            self._credit = credit
        return self._credit

    def extend_atom(self, entry):
        super().extend_atom(entry)
        for content in entry.findall(f"{{{MEDIA_NS}}}content"):
            if self._caption:
                description = xml_elem(f"{{{MEDIA_NS}}}description", content, type="plain")
                description.text = self._caption
            if self._credit:
                credit = xml_elem(f"{{{MEDIA_NS}}}credit", content, role="photographer")
                credit.text = self._credit
        return entry

    def extend_rss(self, item):
        return self.extend_atom(item)


DCTERMS_NS = "http://purl.org/dc/terms/"


class DctermsExtension(BaseExtension):
    """Declares the dcterms namespace on the RSS root."""

    def extend_ns(self):
        return {"dcterms": DCTERMS_NS}


class DctermsEntryExtension(BaseEntryExtension):
    """<dcterms:modified> in an RSS item: RSS 2.0 has no update time of its own (Atom has <updated>)."""

    def __init__(self):
        self._modified = None

    def modified(self, modified: datetime | None = None) -> datetime | None:
        if modified is not None:
            self._modified = modified
        return self._modified

    def extend_rss(self, item):
        if self._modified is not None:
            xml_elem(f"{{{DCTERMS_NS}}}modified", item).text = self._modified.isoformat()
        return item


class _FeedEntry(FeedEntry):
    """feedgen 1.0.0 writes an Atom entry's <link> with its href only, losing rel, type and length, so the enclosure
    becomes a second "alternate" link (lkiesow/python-feedgen#135, #143). Put the attributes back."""

    def atom_entry(self, extensions=True):
        entry = super().atom_entry(extensions)
        for element, data in zip(entry.findall("link"), self.link() or [], strict=True):
            for key in ("rel", "type", "hreflang", "title", "length"):
                if data.get(key):
                    element.set(key, str(data[key]))
        return entry


def _local(moment: datetime) -> datetime:
    """The moment at +07:00, whole seconds, as a plain datetime (Pelican hands out a subclass)."""
    local = vntext.to_local(moment).replace(microsecond=0)
    return datetime(*local.timetuple()[:6], tzinfo=local.tzinfo)


def _add_entry(fg: FeedGenerator, item: FeedItem) -> None:
    entry = fg.add_entry(_FeedEntry(), order="append")
    entry.id(xml_safe(item.id))  # also the RSS <guid isPermaLink="false">
    entry.title(xml_safe(item.title))
    entry.link(href=xml_safe(item.link), rel="alternate", type="text/html")
    entry.published(_local(item.published))
    entry.updated(_local(item.updated))
    entry.dcterms.modified(_local(item.updated))
    for name in item.authors:
        entry.author(name=xml_safe(name))
    if item.authors:
        # RSS <author> must be an e-mail address; Dublin Core's creator carries the name.
        entry.dc.dc_creator([xml_safe(name) for name in item.authors])
    for category in item.categories:
        data = {"term": xml_safe(category.term)}
        if category.scheme:
            data["scheme"] = xml_safe(category.scheme)
        entry.category(data)
    # Atom <summary type="html"> and RSS <description>; then Atom <content type="html"> and RSS <content:encoded>.
    entry.summary(xml_safe(item.summary_html), type="html")
    entry.content(xml_safe(item.content_html), type="html")
    photo = item.enclosure
    if photo is not None:
        entry.enclosure(url=xml_safe(photo.url), length=str(int(photo.length)), type=photo.type)
        media = {"url": xml_safe(photo.url), "type": photo.type, "medium": "image", "group": None}
        if photo.length:
            media["fileSize"] = str(int(photo.length))
        if photo.width and photo.height:
            media["width"], media["height"] = str(int(photo.width)), str(int(photo.height))
        entry.media.content(media)
        entry.media.caption(xml_safe(photo.caption))
        entry.media.credit(xml_safe(photo.credit))


def build_feed(meta: FeedMeta, items: Sequence[FeedItem]) -> FeedGenerator:
    """A FeedGenerator for the channel and its items, in the order given (newest first)."""
    fg = FeedGenerator()
    fg.register_extension("media", MediaExtension, CaptionedMediaEntryExtension)
    fg.load_extension("dc", atom=False, rss=True)
    fg.register_extension("dcterms", DctermsExtension, DctermsEntryExtension, atom=False, rss=True)
    fg.id(xml_safe(meta.id))
    fg.title(xml_safe(meta.title))
    fg.description(xml_safe(meta.description))  # RSS <description>, Atom <subtitle>
    fg.language(meta.language)
    if meta.author:
        fg.author(name=xml_safe(meta.author))
    fg.link(href=xml_safe(meta.link), rel="alternate", type="text/html")
    dates = [item.updated for item in items]
    newest = max(dates, key=_local) if dates else meta.fallback_updated
    if newest is None:
        raise ValueError(f"feed {meta.id!r} has no item and no fallback date")
    # feedgen defaults both <updated> and <lastBuildDate> to the build time: set them to the newest item's.
    fg.updated(_local(newest))
    for item in items:
        _add_entry(fg, item)
    return fg


def serialize(fg: FeedGenerator, meta: FeedMeta, fmt: str) -> bytes:
    """RSS 2.0 or Atom 1.0 as UTF-8 bytes, with this document's own rel="self" link."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}")
    links = [{"href": xml_safe(meta.link), "rel": "alternate", "type": "text/html"}]
    if meta.urls.get(fmt):
        links.insert(0, {"href": xml_safe(meta.urls[fmt]), "rel": "self", "type": MIME_TYPES[fmt]})
    # feedgen's RSS <link> is the last link given: keep the web page last.
    fg.link(links, replace=True)
    if fmt == "rss":
        return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def feed_bytes(meta: FeedMeta, items: Sequence[FeedItem]) -> dict[str, bytes]:
    """Both formats of one feed: {"rss": bytes, "atom": bytes}."""
    fg = build_feed(meta, items)
    return {fmt: serialize(fg, meta, fmt) for fmt in FORMATS}
