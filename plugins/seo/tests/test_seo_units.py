"""Pure parts of the seo plugin: sitemap files and their limits, the Google News window, JSON-LD, descriptions."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from lxml import etree
from seo import meta, sitemap

import vntext

NS = {"s": sitemap.SITEMAP_NS, "n": sitemap.NEWS_NS}
T0 = datetime(2025, 1, 9, 8, 30, tzinfo=vntext.TZ)


def test_sitemap_index_splits_at_the_limit():
    entries = [sitemap.Entry(f"https://x.vn/{i}.html", T0 + timedelta(minutes=i)) for i in range(50_001)]
    files = sitemap.build_sitemaps("https://x.vn", entries, [], "Báo")
    assert sorted(files) == ["sitemap-pages-1.xml", "sitemap-pages-2.xml", "sitemap.xml"]
    first = etree.fromstring(files["sitemap-pages-1.xml"].encode())
    second = etree.fromstring(files["sitemap-pages-2.xml"].encode())
    assert len(first.findall("s:url", NS)) == 50_000
    assert [u.findtext("s:loc", namespaces=NS) for u in second.findall("s:url", NS)] == ["https://x.vn/50000.html"]
    index = etree.fromstring(files["sitemap.xml"].encode())
    assert index.tag == f"{{{sitemap.SITEMAP_NS}}}sitemapindex"
    locs = [s.findtext("s:loc", namespaces=NS) for s in index.findall("s:sitemap", NS)]
    assert locs == ["https://x.vn/sitemap-pages-1.xml", "https://x.vn/sitemap-pages-2.xml"]


def test_a_smaller_limit_is_honoured_but_never_a_larger_one():
    entries = [sitemap.Entry(f"https://x.vn/{i}") for i in range(5)]
    assert len(sitemap.build_sitemaps("https://x.vn/", entries, [], "B", max_urls=2)) == 4
    news = [sitemap.NewsEntry(f"https://x.vn/{i}", "t", T0) for i in range(1_001)]
    files = sitemap.build_sitemaps("https://x.vn/", [], news, "B", max_news=5_000)
    assert sorted(files) == ["sitemap-news-1.xml", "sitemap-news-2.xml", "sitemap.xml"]
    assert len(etree.fromstring(files["sitemap-news-1.xml"].encode()).findall("s:url", NS)) == 1_000


def test_news_window_counts_back_from_the_newest_article():
    entries = [
        sitemap.NewsEntry("https://x.vn/a", "A", T0),
        sitemap.NewsEntry("https://x.vn/b", "B", T0 - timedelta(days=2)),  # exactly two days: kept
        sitemap.NewsEntry("https://x.vn/c", "C", T0 - timedelta(days=2, seconds=1)),
        sitemap.NewsEntry("https://x.vn/d", "D", T0 - timedelta(hours=3)),
    ]
    assert [e.title for e in sitemap.recent_news(entries)] == ["A", "D", "B"]
    later = T0 + timedelta(days=1, hours=22)
    assert [e.title for e in sitemap.recent_news(entries, now=later)] == ["A"]
    assert sitemap.recent_news([]) == []
    # a naive date-time is local time
    naive = [sitemap.NewsEntry("https://x.vn/n", "N", datetime(2025, 1, 9, 8, 30))]
    assert sitemap.recent_news(naive, now=T0)[0].title == "N"


def test_news_sitemap_fields():
    xml = sitemap.news_urlset([sitemap.NewsEntry("https://x.vn/a.html", "Tin <mới> & nóng", T0)], "Báo Sơn Hà")
    root = etree.fromstring(xml.encode())
    news = root.find("s:url/n:news", NS)
    assert news.findtext("n:publication/n:name", namespaces=NS) == "Báo Sơn Hà"
    assert news.findtext("n:publication/n:language", namespaces=NS) == "vi"
    assert news.findtext("n:publication_date", namespaces=NS) == "2025-01-09T08:30:00+07:00"
    assert news.findtext("n:title", namespaces=NS) == "Tin <mới> & nóng"


def test_robots_txt():
    text = sitemap.robots_txt("https://x.vn/", ["ban-nhap/"])
    assert "User-agent: *" in text.splitlines()
    assert "Disallow: /ban-nhap/" in text.splitlines()
    assert "Sitemap: https://x.vn/sitemap.xml" in text.splitlines()


def test_json_ld_cannot_close_its_script():
    text = meta.json_ld({"headline": "</script><script>alert(1)</script> & Sơn Hà"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & Sơn Hà"
    assert "Sơn Hà" in text  # Vietnamese kept readable


def test_description_from_sapo():
    assert meta.description("<p>Sapo <b>đậm</b> &amp; rõ.</p>") == "Sapo đậm & rõ."
    long = " ".join(["thi đua"] * 60)
    cut = meta.description(long, limit=50)
    assert len(cut) <= 50 and cut.endswith("…") and not cut[:-1].endswith(" ")


def test_absolute_url():
    assert meta.absolute_url("https://x.vn", "") == "https://x.vn/"
    assert meta.absolute_url("https://x.vn/", "index.html") == "https://x.vn/"
    assert meta.absolute_url("https://x.vn", "chuyen-muc/a/index.html") == "https://x.vn/chuyen-muc/a/"
    assert meta.absolute_url("https://x.vn", "2025/01/a.html") == "https://x.vn/2025/01/a.html"
    assert meta.absolute_url("https://x.vn", "https://y.vn/p") == "https://y.vn/p"
