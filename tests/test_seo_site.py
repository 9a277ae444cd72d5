"""SEO markup and files of the built demo site: title, description, canonical, Open Graph, Twitter card, JSON-LD,
sitemap index, Google News sitemap, robots.txt."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree
from seo.meta import DESCRIPTION_MAX, description

from tests.sitebuild import ROOT, build, html_files, soup

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
BASE = "https://baosonha.vn"


def articles(site: Path) -> list[Path]:
    return sorted(site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*.html"))


def json_ld(doc) -> dict[str, dict]:
    return {d["@type"]: d for d in (json.loads(s.string) for s in doc.select('script[type="application/ld+json"]'))}


def meta(doc, key: str) -> str | None:
    tag = doc.select_one(f'meta[property="{key}"], meta[name="{key}"]')
    return tag["content"] if tag else None


def output_file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return site / (path + "index.html" if path.endswith("/") or path == "" else path)


def test_article_head(demo_site_published):
    site = demo_site_published
    for page in articles(site):
        doc = soup(page)
        title = doc.select_one("main h1").get_text()
        sapo = doc.select_one(".sapo").get_text(strip=True)
        url = f"{BASE}/{page.relative_to(site).as_posix()}"
        assert doc.title.get_text() == f"{title} – Báo Sơn Hà"
        # The sapo, cut at a word when long: the same text as og:description.
        assert meta(doc, "description") == description(sapo) == meta(doc, "og:description")
        assert len(meta(doc, "description")) <= DESCRIPTION_MAX
        assert doc.select_one('link[rel="canonical"]')["href"] == url
        assert meta(doc, "og:type") == "article"
        assert meta(doc, "og:title") == meta(doc, "twitter:title") == title
        assert meta(doc, "og:url") == url
        assert meta(doc, "twitter:card") == "summary_large_image"
        image = meta(doc, "og:image")
        assert image == meta(doc, "twitter:image") and image.startswith(BASE + "/")
        assert (meta(doc, "og:image:width"), meta(doc, "og:image:height")) == ("1200", "630")
        from PIL import Image

        with Image.open(output_file(site, image)) as img:
            assert img.size == (1200, 630)
        data = json_ld(doc)
        news = data["NewsArticle"]
        assert news["headline"] == title and news["url"] == url
        assert news["image"][0]["url"] == image
        published = doc.select_one(".article-header time")["datetime"]
        assert news["datePublished"] == published == meta(doc, "article:published_time")
        assert datetime.fromisoformat(news["dateModified"]) >= datetime.fromisoformat(news["datePublished"])
        assert news["datePublished"].endswith("+07:00") and news["dateModified"].endswith("+07:00")
        assert [a["name"] for a in news["author"]] == [doc.select_one(".author").get_text(strip=True)]
        logo = news["publisher"]["logo"]
        with Image.open(output_file(site, logo["url"])) as img:
            assert img.size == (logo["width"], logo["height"])
        crumbs = data["BreadcrumbList"]["itemListElement"]
        assert [c["name"] for c in crumbs] == ["Trang chủ", doc.select_one(".section-name").get_text(strip=True), title]
        assert [c["position"] for c in crumbs] == [1, 2, 3]
        assert crumbs[-1]["item"] == url
        for crumb in crumbs:
            assert output_file(site, crumb["item"]).exists()


def test_modified_article_has_later_date_modified(demo_site_published):
    modified = [soup(p) for p in articles(demo_site_published) if soup(p).select_one(".updated")]
    assert modified, "the demo content has updated articles"
    for doc in modified:
        news = json_ld(doc)["NewsArticle"]
        assert news["dateModified"] == doc.select_one(".updated time")["datetime"] != news["datePublished"]


def test_every_page_has_a_title_description_and_canonical_or_noindex(demo_site):
    titles = {}
    for page in html_files(demo_site):
        doc = soup(page)
        if doc.head is None:
            continue
        rel = page.relative_to(demo_site).as_posix()
        assert doc.title.get_text().strip(), rel
        assert meta(doc, "description"), rel
        assert len(meta(doc, "description")) <= DESCRIPTION_MAX, rel  # a long sapo is cut at a word
        canonical = doc.select_one('link[rel="canonical"]')
        if rel in ("404.html", "tim-kiem/index.html") or rel.startswith("ban-nhap/"):
            assert canonical is None and meta(doc, "robots") == "noindex", rel
            assert len(doc.select('meta[name="robots"]')) == 1, rel
        else:
            assert canonical["href"] == BASE + "/" + rel.removesuffix("index.html"), rel
            titles.setdefault(doc.title.get_text(), []).append(rel)
    assert {t: p for t, p in titles.items() if len(p) > 1} == {}  # no two indexed pages share a title


def test_sitemap_index_lists_every_indexed_page(demo_site_published):
    site = demo_site_published
    index = etree.parse(str(site / "sitemap.xml")).getroot()
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    urls = []
    for loc in index.findall("s:sitemap/s:loc", NS):
        part = etree.parse(str(output_file(site, loc.text))).getroot()
        if "news" not in loc.text:
            urls += [u.findtext("s:loc", namespaces=NS) for u in part.findall("s:url", NS)]
    # Every page a search engine may index, and only those: no page marked noindex (404, search) is submitted.
    pages = {
        BASE + "/" + p.relative_to(site).as_posix().removesuffix("index.html")
        for p in html_files(site)
        if not p.relative_to(site).as_posix().startswith("theme/") and meta(soup(p), "robots") != "noindex"
    }
    assert BASE + "/tim-kiem/" not in pages
    assert len(urls) == len(set(urls))
    assert set(urls) == pages
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots


def test_google_news_sitemap_has_the_last_two_days(demo_site_published):
    site = demo_site_published
    dates = {f"{BASE}/{p.relative_to(site).as_posix()}": soup(p).select_one(".article-header time")["datetime"]
             for p in articles(site)}
    newest = max(datetime.fromisoformat(d) for d in dates.values())
    expected = {u for u, d in dates.items() if datetime.fromisoformat(d) >= newest - timedelta(days=2)}
    index = etree.parse(str(site / "sitemap.xml")).getroot()
    news_files = [loc.text for loc in index.findall("s:sitemap/s:loc", NS) if "news" in loc.text]
    found = set()
    for url in news_files:
        root = etree.parse(str(output_file(site, url))).getroot()
        items = root.findall("s:url", NS)
        assert len(items) <= 1000
        for item in items:
            loc = item.findtext("s:loc", namespaces=NS)
            assert item.findtext("n:news/n:publication_date", namespaces=NS) == dates[loc]
            assert item.findtext("n:news/n:publication/n:language", namespaces=NS) == "vi"
            found.add(loc)
    assert found == expected and found


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    output = tmp_path_factory.mktemp("seo-split")
    build(ROOT / "content", output, conf="publishconf.py",
          settings={"SEO_SITEMAP_MAX_URLS": 10, "SEO_NEWS_MAX_URLS": 2, "SEO_NEWS_NOW": "2026-11-01T00:00:00+07:00",
                    "SEO_NEWS_DAYS": 60})
    return output


def test_limits_split_the_sitemaps(split_site):
    index = etree.parse(str(split_site / "sitemap.xml")).getroot()
    locs = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    pages = [u for u in locs if "pages" in u]
    news = [u for u in locs if "news" in u]
    total = 0
    for url in pages:
        count = len(etree.parse(str(output_file(split_site, url))).getroot().findall("s:url", NS))
        assert count <= 10
        total += count
    assert len(pages) == -(-total // 10) > 1
    news_count = [len(etree.parse(str(output_file(split_site, u))).getroot().findall("s:url", NS)) for u in news]
    assert all(c <= 2 for c in news_count) and len(news) > 1
    # SEO_NEWS_NOW fixes the window: nothing after it, nothing older than 60 days before it
    for url in news:
        for date in etree.parse(str(output_file(split_site, url))).getroot().iterfind(".//n:publication_date", NS):
            moment = datetime.fromisoformat(date.text)
            now = datetime.fromisoformat("2026-11-01T00:00:00+07:00")
            assert now - timedelta(days=60) <= moment <= now


def test_every_social_image_is_1200_by_630(demo_site_published):
    """Articles, campaigns, exemplars and other pages: og:image names a published 1200x630 image."""
    from PIL import Image

    site = demo_site_published
    seen = set()
    for page in html_files(site):
        doc = soup(page)
        image = meta(doc, "og:image") if doc.head else None
        if image is None:
            continue
        assert meta(doc, "twitter:image") == image
        if image not in seen:
            with Image.open(output_file(site, image)) as img:
                assert img.size == (1200, 630), (page, image)
            seen.add(image)
    assert len(seen) > 10  # the articles' own photos, not only the default image
