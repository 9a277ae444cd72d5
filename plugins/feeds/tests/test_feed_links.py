"""The autodiscovery partial, rendered by Jinja from the theme, for pages of the campaigns plugin (campaign and
exemplar objects as plain objects until that plugin's pages are in the demo build)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from types import SimpleNamespace

import lxml.html
from jinja2 import Environment, FileSystemLoader

from feeds.catalogue import feed_path, feed_title
from pelicanconf import FEED_PATHS  # the site's own paths: tests follow the settings

ROOT = Path(__file__).resolve().parents[3]


def links(**context) -> list[tuple[str, str, str]]:
    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), trim_blocks=True, lstrip_blocks=True)
    env.globals.update(feed_path=partial(feed_path, FEED_PATHS), feed_title=partial(feed_title, "Báo Sơn Hà"))
    html = env.get_template("partials/feed_links.html").render(SITEURL="https://baosonha.vn", **context)
    head = lxml.html.fromstring(f"<html><head>{html}</head></html>")
    return [(e.get("type"), e.get("title"), e.get("href")) for e in head.iter("link") if e.get("rel") == "alternate"]


SITE_LINKS = [
    ("application/rss+xml", "Báo Sơn Hà – Tin mới", "https://baosonha.vn/feeds/tin-moi.rss.xml"),
    ("application/atom+xml", "Báo Sơn Hà – Tin mới (Atom)", "https://baosonha.vn/feeds/tin-moi.atom.xml"),
]


def test_site_feed_only_on_an_ordinary_page():
    assert links(SITENAME="Báo Sơn Hà") == SITE_LINKS


def test_campaign_page_links_its_feed():
    campaign = SimpleNamespace(slug="dan-van-kheo", title='Phong trào thi đua "Dân vận khéo"')
    assert links(SITENAME="Báo Sơn Hà", campaign=campaign) == [
        *SITE_LINKS,
        (
            "application/rss+xml",
            'Báo Sơn Hà – Phong trào thi đua "Dân vận khéo"',
            "https://baosonha.vn/feeds/phong-trao/dan-van-kheo.rss.xml",
        ),
        (
            "application/atom+xml",
            'Báo Sơn Hà – Phong trào thi đua "Dân vận khéo" (Atom)',
            "https://baosonha.vn/feeds/phong-trao/dan-van-kheo.atom.xml",
        ),
    ]


def test_exemplar_page_links_its_feed():
    exemplar = SimpleNamespace(slug="lo-van-sinh", title="Lò Văn Sinh")
    assert links(SITENAME="Báo Sơn Hà", exemplar=exemplar)[2:] == [
        (
            "application/rss+xml",
            "Báo Sơn Hà – Điển hình tiên tiến: Lò Văn Sinh",
            "https://baosonha.vn/feeds/dien-hinh/lo-van-sinh.rss.xml",
        ),
        (
            "application/atom+xml",
            "Báo Sơn Hà – Điển hình tiên tiến: Lò Văn Sinh (Atom)",
            "https://baosonha.vn/feeds/dien-hinh/lo-van-sinh.atom.xml",
        ),
    ]


def test_feed_own_wins():
    own = {"kind": "tag", "slug": "nong-thon-moi", "name": "nông thôn mới"}
    result = links(SITENAME="Báo Sơn Hà", feed_own=own, campaign=SimpleNamespace(slug="x", title="X"))
    assert [href for _, _, href in result[2:]] == [
        "https://baosonha.vn/feeds/chu-de/nong-thon-moi.rss.xml",
        "https://baosonha.vn/feeds/chu-de/nong-thon-moi.atom.xml",
    ]
