"""Sitemaps (sitemaps.org index + URL sets, Google News sitemap) and robots.txt, as pure functions over data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

import vntext

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 50_000  # sitemaps.org: at most 50,000 URLs per file
MAX_NEWS_URLS = 1_000  # Google News: at most 1,000 <news:news> per file

ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("news", NEWS_NS)


@dataclass(frozen=True)
class Entry:
    loc: str  # absolute URL
    lastmod: datetime | None = None


@dataclass(frozen=True)
class NewsEntry:
    loc: str
    title: str
    published: datetime


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _chunks(items: list, size: int) -> list[list]:
    if size < 1:
        raise ValueError("size must be positive")
    return [items[i : i + size] for i in range(0, len(items), size)]


def urlset(entries: list[Entry]) -> str:
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in entries:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        if entry.lastmod is not None:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = vntext.iso_datetime(entry.lastmod)
    return _xml(root)


def news_urlset(entries: list[NewsEntry], publication: str, language: str = "vi") -> str:
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in entries:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        news = ET.SubElement(url, f"{{{NEWS_NS}}}news")
        pub = ET.SubElement(news, f"{{{NEWS_NS}}}publication")
        ET.SubElement(pub, f"{{{NEWS_NS}}}name").text = publication
        ET.SubElement(pub, f"{{{NEWS_NS}}}language").text = language
        ET.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = vntext.iso_datetime(entry.published)
        ET.SubElement(news, f"{{{NEWS_NS}}}title").text = entry.title
    return _xml(root)


def sitemap_index(locations: list[tuple[str, datetime | None]]) -> str:
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for loc, lastmod in locations:
        node = ET.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod is not None:
            ET.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = vntext.iso_datetime(lastmod)
    return _xml(root)


def recent_news(entries: list[NewsEntry], days: float = 2, now: datetime | None = None) -> list[NewsEntry]:
    """Entries published within `days` before `now` (default: the newest entry's time), newest first.

    Measuring from the newest article keeps a build reproducible: the same content gives the same file whatever
    the day it is built on; a site rebuilt on every publication gets the same result as measuring from the clock.
    """
    if not entries:
        return []
    reference = vntext.to_local(now) if now is not None else max(vntext.to_local(e.published) for e in entries)
    start = reference - timedelta(days=days)
    chosen = [e for e in entries if start <= vntext.to_local(e.published) <= reference]
    return sorted(chosen, key=lambda e: (vntext.to_local(e.published), e.loc), reverse=True)


def build_sitemaps(
    base_url: str,
    entries: list[Entry],
    news: list[NewsEntry],
    publication: str,
    max_urls: int = MAX_URLS,
    max_news: int = MAX_NEWS_URLS,
) -> dict[str, str]:
    """{file name: XML}: `sitemap.xml` (the index) plus `sitemap-pages-N.xml` and `sitemap-news-N.xml` parts."""
    base = base_url.rstrip("/") + "/"
    files: dict[str, str] = {}
    index: list[tuple[str, datetime | None]] = []
    for number, chunk in enumerate(_chunks(entries, min(max_urls, MAX_URLS)), start=1):
        name = f"sitemap-pages-{number}.xml"
        files[name] = urlset(chunk)
        dates = [e.lastmod for e in chunk if e.lastmod is not None]
        index.append((base + name, max(dates, key=vntext.to_local) if dates else None))
    for number, chunk in enumerate(_chunks(news, min(max_news, MAX_NEWS_URLS)), start=1):
        name = f"sitemap-news-{number}.xml"
        files[name] = news_urlset(chunk, publication)
        index.append((base + name, max((e.published for e in chunk), key=vntext.to_local)))
    files["sitemap.xml"] = sitemap_index(index)
    return files


def robots_txt(base_url: str, disallow: list[str]) -> str:
    base = base_url.rstrip("/")
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: /{path.lstrip('/')}" for path in disallow]
    lines += ["", f"Sitemap: {base}/sitemap.xml", ""]
    return "\n".join(lines)
