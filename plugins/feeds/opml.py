"""OPML 2.0 subscription list: every feed of the site, grouped like the "Tin RSS" page, for a one-step import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from lxml import etree

import vntext

from .text import xml_safe

__all__ = ["OpmlFeed", "build_opml"]


@dataclass(frozen=True)
class OpmlFeed:
    title: str
    xml_url: str
    html_url: str
    description: str = ""


def build_opml(title: str, groups: Sequence[tuple[str, Sequence[OpmlFeed]]], modified: datetime | None = None) -> bytes:
    """OPML bytes (UTF-8). `groups` = [(folder name, feeds)]; `modified` (the newest article's time, never the build
    time) becomes <dateModified>, so the file is byte-identical from one build to the next."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = xml_safe(title)
    if modified is not None:
        etree.SubElement(head, "dateModified").text = format_datetime(vntext.to_local(modified).replace(microsecond=0))
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    for name, feeds in groups:
        if not feeds:
            continue
        folder = etree.SubElement(body, "outline", text=xml_safe(name), title=xml_safe(name))
        for feed in feeds:
            outline = etree.SubElement(
                folder,
                "outline",
                type="rss",
                text=xml_safe(feed.title),
                title=xml_safe(feed.title),
                xmlUrl=xml_safe(feed.xml_url),
                htmlUrl=xml_safe(feed.html_url),
                language="vi",
            )
            if feed.description:
                outline.set("description", xml_safe(feed.description))
    return etree.tostring(root, pretty_print=True, encoding="UTF-8", xml_declaration=True)
