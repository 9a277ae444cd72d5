"""An archive big enough to need it: every listing is paginated and the sitemap is split, so no page or
sitemap file grows with the archive (issue 12). Limits are lowered by settings so a small archive shows it."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

from bench.textgen import write_archive
from tests.sitebuild import build, soup

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PER_PAGE = 10
SITEMAP_MAX = 150
ARTICLES = 400


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("archive")
    content = root / "content"
    write_archive(ARTICLES, content, photo_share=0.0, campaigns=4, exemplars=12)
    output = root / "out"
    build(
        content,
        output,
        conf="publishconf.py",
        settings={"DEFAULT_PAGINATION": PER_PAGE, "SEO_SITEMAP_MAX_URLS": SITEMAP_MAX, "SITE_NOW": "2026-11-21 00:00"},
    )
    return content, output


def article_pages(output: Path) -> set[str]:
    return {str(p.relative_to(output)) for p in output.glob("20[0-9][0-9]/[01][0-9]/*.html")}


def test_sitemap_is_an_index_of_bounded_files(archive):
    _, output = archive
    index = ET.parse(output / "sitemap.xml").getroot()
    assert index.tag.endswith("sitemapindex")
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert len(parts) >= 3
    listed = set()
    for url in parts:
        part = ET.parse(output / url.rsplit("/", 1)[1]).getroot()
        urls = [loc.text for loc in part.findall("s:url/s:loc", SITEMAP_NS)]
        assert 0 < len(urls) <= SITEMAP_MAX
        listed.update(urls)
    paths = {re.sub(r"^https?://[^/]+/", "", url) for url in listed}
    assert article_pages(output) <= paths
    assert len(article_pages(output)) == ARTICLES


def listing_items(page: Path) -> int:
    doc = soup(page)
    main = doc.find("main")
    return len(main.select("article")) if main else 0


def test_every_listing_is_paginated(archive):
    _, output = archive
    folders = ["chuyen-muc", "chu-de", "tac-gia", "luu-tru", "phong-trao", "dien-hinh"]
    checked = 0
    for folder in folders:
        for page in (output / folder).rglob("index.html"):
            assert len(page.read_bytes()) < 200_000, page
            checked += 1
    assert checked > 40
    # a section's pages chain from page 1 to the last, PER_PAGE cards each, and together list its articles once
    section = next(p for p in sorted((output / "chuyen-muc").iterdir()) if p.is_dir())
    seen, page, pages = [], section / "index.html", 0
    while page is not None:
        doc = soup(page)
        cards = [a["href"] for a in doc.select("main h3 a, main h2 a") if a["href"].endswith(".html")]
        assert len(cards) <= PER_PAGE
        seen += cards
        pages += 1
        nxt = doc.select_one('a[rel="next"]')
        page = None
        if nxt:
            path = re.sub(r"^https?://[^/]+/", "", nxt["href"])  # the production build's absolute links
            page = output / path / "index.html" if path.endswith("/") else output / path
    assert pages >= 3
    assert len(seen) == len(set(seen))


def test_feeds_stay_bounded(archive):
    _, output = archive
    site = feedparser.parse((output / "feeds" / "tin-moi.rss.xml").read_bytes())
    assert not site.bozo and len(site.entries) == 50
    for feed in (output / "feeds" / "chuyen-muc").glob("*.atom.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo and len(parsed.entries) == 20
