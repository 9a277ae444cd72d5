"""The feed list (sections, campaigns, exemplars, tags) and the OPML file, from plain objects."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import feedparser
import pytest
from lxml import etree

from feeds.catalogue import feed_path, feed_title, make_catalogue
from feeds.opml import OpmlFeed, build_opml
from pelicanconf import FEED_PATHS  # the site's own paths: tests follow the settings
from vntext import TZ

SETTINGS = {
    "SITENAME": "Báo Sơn Hà",
    "SITE_DESCRIPTION": "Tin tức tỉnh Sơn Hà",
    "FEED_PATHS": FEED_PATHS,
    "SECTIONS": ["Thi đua – Khen thưởng", "Kinh tế", "Xã hội"],
}


def taxon(name, slug, prefix):
    return SimpleNamespace(name=name, slug=slug, url=f"{prefix}/{slug}/")


def test_feed_paths():
    assert feed_path(FEED_PATHS, "site", None, "rss") == "feeds/tin-moi.rss.xml"
    assert feed_path(FEED_PATHS, "category", "kinh-te", "atom") == "feeds/chuyen-muc/kinh-te.atom.xml"
    with pytest.raises(ValueError):
        feed_path(FEED_PATHS, "tag", "x", "json")


def test_titles():
    assert feed_title("Báo Sơn Hà", "category", "Kinh tế") == "Báo Sơn Hà – Chuyên mục Kinh tế"
    assert feed_title("Báo Sơn Hà", "campaign", 'Phong trào thi đua "Dân vận khéo"') == (
        'Báo Sơn Hà – Phong trào thi đua "Dân vận khéo"'
    )
    assert feed_title("Báo Sơn Hà", "campaign", "Chung sức xây dựng nông thôn mới") == (
        "Báo Sơn Hà – Phong trào thi đua: Chung sức xây dựng nông thôn mới"
    )
    assert feed_title("Báo Sơn Hà", "exemplar", "Lò Văn Sinh") == "Báo Sơn Hà – Điển hình tiên tiến: Lò Văn Sinh"


def test_catalogue_reads_campaigns_and_exemplars():
    a1, a2, a3 = (SimpleNamespace(slug=f"bai-{n}") for n in range(3))
    campaigns = [
        SimpleNamespace(
            slug="dan-van-kheo",
            title='Phong trào thi đua "Dân vận khéo"',
            url="phong-trao/dan-van-kheo/",
            articles=[a2, a1],
        )
    ]
    exemplars = [SimpleNamespace(slug="lo-van-sinh", title="Lò Văn Sinh", url="dien-hinh/lo-van-sinh/", articles=[a3])]
    categories = [
        (taxon("Xã hội", "xa-hoi", "chuyen-muc"), [a1]),
        (taxon("Kinh tế", "kinh-te", "chuyen-muc"), [a2]),
        (taxon("Thi đua – Khen thưởng", "thi-dua-khen-thuong", "chuyen-muc"), [a3]),
    ]
    tags = [(taxon("nông thôn mới", "nong-thon-moi", "chu-de"), [a1]), (taxon("an sinh", "an-sinh", "chu-de"), [a2])]
    refs = make_catalogue(SETTINGS, [a3, a2, a1], categories, tags, campaigns, exemplars)
    assert [(r.kind, r.slug) for r in refs] == [
        ("site", None),
        ("category", "thi-dua-khen-thuong"),
        ("category", "kinh-te"),
        ("category", "xa-hoi"),
        ("campaign", "dan-van-kheo"),
        ("exemplar", "lo-van-sinh"),
        ("tag", "an-sinh"),
        ("tag", "nong-thon-moi"),
    ]
    campaign = refs[4]
    assert campaign.paths == {
        "rss": "feeds/phong-trao/dan-van-kheo.rss.xml",
        "atom": "feeds/phong-trao/dan-van-kheo.atom.xml",
    }
    assert campaign.page_url == "phong-trao/dan-van-kheo/"
    assert campaign.articles == [a2, a1]
    assert refs[5].title == "Báo Sơn Hà – Điển hình tiên tiến: Lò Văn Sinh"
    assert refs[0].description == "Tin tức tỉnh Sơn Hà"


def test_opml_lists_every_feed_and_is_stable():
    groups = [
        (
            "Chuyên mục",
            [
                OpmlFeed(
                    "Báo Sơn Hà – Chuyên mục Kinh tế",
                    "https://baosonha.vn/feeds/chuyen-muc/kinh-te.rss.xml",
                    "https://baosonha.vn/chuyen-muc/kinh-te/",
                    "Tin kinh tế & thị trường",
                )
            ],
        ),
        ("Chủ đề", []),
        (
            "Phong trào thi đua",
            [
                OpmlFeed(
                    'Phong trào "Dân vận khéo"',
                    "https://baosonha.vn/feeds/phong-trao/dvk.rss.xml",
                    "https://baosonha.vn/phong-trao/dvk/",
                )
            ],
        ),
    ]
    modified = datetime(2026, 11, 19, 10, 30, tzinfo=TZ)
    data = build_opml("Báo Sơn Hà – Tin RSS", groups, modified)
    assert data == build_opml("Báo Sơn Hà – Tin RSS", groups, modified)
    assert "Dân vận khéo".encode() in data and b"&#" not in data
    root = etree.fromstring(data)
    assert root.get("version") == "2.0"
    assert root.findtext("head/dateModified") == "Thu, 19 Nov 2026 10:30:00 +0700"
    folders = root.findall("body/outline")
    assert [f.get("text") for f in folders] == ["Chuyên mục", "Phong trào thi đua"]  # empty groups left out
    feeds = root.findall("body/outline/outline")
    assert [(f.get("type"), f.get("xmlUrl")) for f in feeds] == [
        ("rss", "https://baosonha.vn/feeds/chuyen-muc/kinh-te.rss.xml"),
        ("rss", "https://baosonha.vn/feeds/phong-trao/dvk.rss.xml"),
    ]
    assert feeds[0].get("description") == "Tin kinh tế & thị trường"
    assert feeds[1].get("title") == 'Phong trào "Dân vận khéo"'
    # feedparser is no OPML reader, but it must not choke on the file either (well-formed UTF-8 XML).
    assert not feedparser.parse(data).bozo
