"""The reader's pages on the built demo site: article anatomy, home blocks, listings, budgets, no inline code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from pelicanconf import SECTIONS
from tests.sitebuild import ROOT, build, html_files, soup

DATE_RE = re.compile(r"^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4} - \d\d:\d\d$")
BUDGET = 60 * 1024  # an article page's HTML + CSS + JS, uncompressed


def article_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.html"))


def local_file(site: Path, page: Path, url: str) -> Path:
    """The output file a relative URL of `page` points to."""
    rel = urljoin(page.relative_to(site).as_posix(), urlsplit(url).path)
    target = site / rel.lstrip("/")  # "../../" from trang/2/ is the site root, "/" to urljoin
    return target / "index.html" if rel.endswith("/") or target.is_dir() else target


def source_metadata() -> dict[str, dict[str, str]]:
    """Title -> metadata of every demo article, read from the Markdown headers (independent of the theme)."""
    result = {}
    for path in (ROOT / "content" / "articles").rglob("*.md"):
        meta = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                break
            key, _, value = line.partition(":")
            meta[key.strip().lower()] = value.strip()
        result[meta["title"]] = meta
    return result


@pytest.fixture(scope="module")
def metadata():
    return source_metadata()


def test_article_page_anatomy(demo_site, metadata):
    pages = article_pages(demo_site)
    assert len(pages) == len(metadata)
    for page in pages:
        doc = soup(page)
        h1 = doc.select("main h1")
        assert len(h1) == 1
        meta = metadata[h1[0].get_text()]
        crumbs = [a.get_text() for a in doc.select("nav.breadcrumb a")]
        assert crumbs == ["Trang chủ", meta["category"]]
        assert doc.select_one(".section-name").get_text(strip=True) == meta["category"]
        published = doc.select_one(".article-header .meta time")
        assert DATE_RE.match(published.get_text()), published.get_text()
        assert published["datetime"].endswith("+07:00")
        date, time = meta["date"].split()
        y, m, d = date.split("-")
        assert published.get_text().endswith(f"{d}/{m}/{y} - {time}")
        updated = doc.select_one(".updated")
        if "modified" in meta and meta["modified"] != meta["date"]:
            assert updated.get_text(" ", strip=True).startswith("Cập nhật ")
            assert DATE_RE.match(updated.time.get_text())
        else:
            assert updated is None
        assert doc.select_one(".author").get_text(strip=True) == meta["author"]
        assert doc.select_one(".sapo").get_text(strip=True) == meta["summary"]
        assert doc.select_one(".article-body p") is not None
        tags = [a.get_text() for a in doc.select(".tags a[rel=tag]")]
        assert tags == [t.strip() for t in meta.get("tags", "").split(",") if t.strip()]
        # share links: plain links, no script from another host
        share = doc.select(".share a")
        hosts = [urlsplit(a["href"]).netloc for a in share]
        assert hosts[:3] == ["www.facebook.com", "sp.zalo.me", "x.com"]
        for a in share[:3]:
            assert "noopener" in a["rel"] and a.get_text(strip=True)
            assert "baosonha.vn" in a["href"]  # the (encoded) absolute article address
        copy = doc.select_one(".share-copy")
        assert copy["href"] == copy["data-copy"] and copy["href"].startswith("https://baosonha.vn/")


def test_article_order_of_parts(demo_site):
    """Breadcrumb, section, title, date, author, sapo, body, tags, share, then previous/next."""
    page = article_pages(demo_site)[0]
    text = page.read_text(encoding="utf-8")
    marks = ['class="breadcrumb"', 'class="section-name"', "<h1>", "<time", 'class="author"', 'class="sapo"',
             'class="article-body"', 'class="tags"', 'class="share"', 'class="prev-next"']
    positions = [text.index(m) for m in marks]
    assert positions == sorted(positions)


def test_previous_next_within_section(demo_site):
    links = 0
    for page in article_pages(demo_site):
        doc = soup(page)
        section = doc.select_one(".section-name").get_text(strip=True)
        for link in doc.select(".prev-next a"):
            target = soup(local_file(demo_site, page, link["href"]))
            assert target.select_one(".section-name").get_text(strip=True) == section
            other = target.select_one(".article-header time")["datetime"]
            mine = doc.select_one(".article-header time")["datetime"]
            assert (other < mine) if "prev" in link["rel"] else (other > mine)
            links += 1
    # every article of a section of n articles has a neighbour on each side but the ends: 2n - 2 links
    assert links == 2 * len(article_pages(demo_site)) - 2 * 6


def test_home_page_blocks(demo_site, metadata):
    doc = soup(demo_site / "index.html")
    newest = max(metadata.values(), key=lambda m: m["date"])
    assert doc.select_one(".lead-story .lead-title").get_text(strip=True) == newest["title"]
    latest = [a.get_text() for a in doc.select(".latest-list a")]
    assert latest and newest["title"] not in latest
    blocks = [h.get_text(strip=True) for h in doc.select(".section-block .block-title")]
    used = {m["category"] for m in metadata.values()}
    assert blocks == [s for s in SECTIONS if s in used]
    for block in doc.select(".section-block"):
        name = block.select_one(".block-title").get_text(strip=True)
        titles = [a.get_text() for a in block.select(".card-title a")]
        expected = sorted((m for m in metadata.values() if m["category"] == name), key=lambda m: m["date"])[::-1]
        assert titles == [m["title"] for m in expected[:4]]


def test_nav_marks_current_section(demo_site):
    page = demo_site / "chuyen-muc" / "kinh-te" / "index.html"
    current = soup(page).select(".site-nav a[aria-current=page]")
    assert [a.get_text() for a in current] == ["Kinh tế"]


def test_landmarks_and_skip_link_on_every_page(demo_site):
    for page in html_files(demo_site):
        doc = soup(page)
        if doc.html is None or doc.select_one("main") is None:
            continue
        skip = doc.select_one("body > a.skip-link")
        assert skip is not None and doc.select_one(skip["href"]) is doc.select_one("main"), page
        assert doc.select_one("header.site-header") and doc.select_one("footer.site-footer"), page
        assert len(doc.select("main h1")) == 1, page
        assert doc.html["lang"] == "vi"
        for img in doc.select("img"):
            assert img.has_attr("alt"), (page, img)


def test_no_inline_code_and_no_other_host(demo_site_published):
    """A strict CSP (no unsafe-inline) and no request to any other host: the only inline script is JSON-LD data."""
    site = demo_site_published
    host = "baosonha.vn"
    for page in html_files(site):
        doc = soup(page)
        assert not doc.select("style"), page
        assert not doc.select("[style]"), page
        for tag in doc.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on")], (page, tag.name)
        for script in doc.select("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)
                continue
            assert script.get("src") and not (script.string or "").strip(), page
        requested = [t.get("src") for t in doc.select("script[src], img[src], iframe[src], source[src]")]
        requested += [t["href"] for t in doc.select("link[href]") if not {"canonical", "alternate"} & set(t["rel"])]
        for srcset in [t["srcset"] for t in doc.select("[srcset]")]:
            requested += [part.split()[0] for part in srcset.split(",")]
        for url in requested:
            netloc = urlsplit(url).netloc
            assert netloc in ("", host), (page, url)


def test_one_small_render_blocking_request(demo_site):
    for page in html_files(demo_site):
        doc = soup(page)
        if doc.head is None:
            continue
        sheets = doc.select('link[rel="stylesheet"]')
        assert len(sheets) == 1, page
        for script in doc.select("script[src]"):
            assert script.has_attr("defer") or script.has_attr("async") or script.get("type") == "module", page


def test_article_page_budget(demo_site):
    """HTML + CSS + JS of every article page stays under 60 KB uncompressed (photos and fonts aside)."""
    for page in article_pages(demo_site):
        doc = soup(page)
        total = page.stat().st_size
        linked = [t["href"] for t in doc.select('link[rel="stylesheet"]')]
        linked += [t["src"] for t in doc.select("script[src]")]
        for url in linked:
            total += local_file(demo_site, page, url).stat().st_size
        assert total < BUDGET, (page, total)


def test_fonts_are_small_subsets_with_licence(demo_site):
    fonts = sorted((demo_site / "theme" / "fonts").glob("*.woff2"))
    assert len(fonts) == 2
    assert (demo_site / "theme" / "fonts" / "OFL.txt").exists()
    from fontTools.ttLib import TTFont

    for font in fonts:
        assert font.stat().st_size < 40_000
        cmap = TTFont(font).getBestCmap()
        for char in "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ":
            assert ord(char) in cmap, (font.name, char)
    css = (demo_site / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert css.count("font-display: swap") == 2
    assert "prefers-color-scheme: dark" in css and "@media print" in css


def test_pagination_on_listing_pages(tmp_path_factory):
    output = tmp_path_factory.mktemp("paginated")
    build(ROOT / "content", output, settings={"DEFAULT_PAGINATION": 2})
    first = output / "chuyen-muc" / "dien-hinh-tien-tien" / "index.html"
    seen = []
    page = first
    while True:
        doc = soup(page)
        seen += [a.get_text() for a in doc.select(".card-title a")]
        nxt = doc.select_one('.pagination a[rel="next"]')
        if nxt is None:
            break
        page = local_file(output, page, nxt["href"])
    assert len(seen) == len(set(seen)) == 6  # the six articles of the section, each once
    # Page 2 of the home page leads back to the site root, the home page's one address (its canonical).
    home_two = output / "trang" / "2" / "index.html"
    back = soup(home_two).select_one('.pagination a[rel="prev"]')["href"]
    assert local_file(output, home_two, back) == output / "index.html" and not back.endswith("index.html"), back
    tag_pages = list((output / "chu-de").glob("*/trang/2/index.html"))
    assert tag_pages or all(len(soup(p).select(".card")) <= 2 for p in (output / "chu-de").glob("*/index.html"))
    month = next((output / "luu-tru").glob("*/*/index.html"))
    assert soup(month).select(".card")
