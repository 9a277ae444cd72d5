"""Articles to feed items, with plain objects in place of Pelican's (the photos and campaigns plugins' objects
are described by their contract: `cover.enclosure` = {src, type, length}, `.caption`, `.credit`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import lxml.html
import pytest

from feeds.items import article_key, cover_enclosure, entry_id, feed_articles, is_feedable, item_from_article
from vntext import TZ

SITE = "https://baosonha.vn"
SETTINGS = {"FEEDS_ID_AUTHORITY": "baosonha.vn,2026", "CATEGORY_URL": "chuyen-muc/{slug}/", "TAG_URL": "chu-de/{slug}/"}
NOW = datetime(2026, 11, 27, 8, 0, tzinfo=TZ)


def named(name):
    return SimpleNamespace(name=name)


def article(slug="phat-dong-thi-dua", title="Sơn Hà phát động thi đua", date=None, **extra):
    date = date or datetime(2026, 4, 12, 8, 30, tzinfo=TZ)
    body = extra.pop(
        "body",
        '<p>Đoạn đầu.</p><p><img src="anh-1.jpg" srcset="anh-1-480.jpg 480w"></p>'
        '<p><a href="{filename}/x.md">liên kết</a> <a href="../05/bai-khac.html">bài khác</a></p>',
    )
    data = dict(
        slug=slug,
        title=title,
        url=f"{date:%Y}/{date:%m}/{slug}.html",
        date=date,
        status="published",
        source_path=f"/site/content/articles/{date:%Y-%m}/phat-dong-thi-dua.md",
        author=named("Hoàng Huy"),
        authors=[named("Hoàng Huy")],
        category=named("Thi đua – Khen thưởng"),
        tags=[named("thi đua"), named("nông thôn mới")],
        metadata={"summary": '<p>Sapo &amp; "dẫn" <a href="/chuyen-muc/x/">x</a></p>'},
        get_content=lambda siteurl: body.replace("{filename}/x.md", f"{siteurl}/2026/01/x.html"),
    )
    data.update(extra)
    return SimpleNamespace(**data)


def test_item_fields_from_an_article():
    item = item_from_article(article(), SITE, SETTINGS)
    assert item.id == "tag:baosonha.vn,2026:2026-04-12/phat-dong-thi-dua"
    assert item.link == f"{SITE}/2026/04/phat-dong-thi-dua.html"
    assert item.title == "Sơn Hà phát động thi đua"
    assert item.authors == ("Hoàng Huy",)
    assert [(c.term, c.scheme) for c in item.categories] == [
        ("Thi đua – Khen thưởng", f"{SITE}/chuyen-muc/"),
        ("thi đua", f"{SITE}/chu-de/"),
        ("nông thôn mới", f"{SITE}/chu-de/"),
    ]
    assert item.published == item.updated == datetime(2026, 4, 12, 8, 30, tzinfo=TZ)
    assert item.enclosure is None
    body = lxml.html.fragment_fromstring(item.content_html, create_parent="div")
    assert body.find(".//img").get("src") == f"{SITE}/2026/04/anh-1.jpg"
    assert body.find(".//img").get("srcset") == f"{SITE}/2026/04/anh-1-480.jpg 480w"
    assert [a.get("href") for a in body.iter("a")] == [f"{SITE}/2026/01/x.html", f"{SITE}/2026/05/bai-khac.html"]
    sapo = lxml.html.fragment_fromstring(item.summary_html, create_parent="div")
    assert sapo.text_content() == 'Sapo & "dẫn" x'
    assert sapo.find(".//a").get("href") == f"{SITE}/chuyen-muc/x/"


def test_update_time_is_modified():
    modified = datetime(2026, 4, 13, 10, 15, tzinfo=TZ)
    item = item_from_article(article(modified=modified), SITE, SETTINGS)
    assert item.published == datetime(2026, 4, 12, 8, 30, tzinfo=TZ)
    assert item.updated == modified


def test_id_survives_edits_of_title_slug_url_body_and_modified():
    before = item_from_article(article(), SITE, SETTINGS)
    edited = article(
        slug="son-ha-phat-dong-phong-trao-thi-dua",
        title="Sơn Hà phát động phong trào thi đua (cập nhật)",
        modified=datetime(2026, 5, 1, 9, 0, tzinfo=TZ),
        body="<p>Nội dung đã sửa.</p>",
        tags=[],
    )
    after = item_from_article(edited, SITE, SETTINGS)
    assert after.link != before.link
    assert after.id == before.id
    # Another article (another file, or another day) has another id.
    other_file = article(source_path="/site/content/articles/2026-04/bai-khac.md")
    other_day = article(date=datetime(2026, 4, 13, 8, 30, tzinfo=TZ))
    assert (
        len(
            {
                before.id,
                item_from_article(other_file, SITE, SETTINGS).id,
                item_from_article(other_day, SITE, SETTINGS).id,
            }
        )
        == 3
    )


def test_id_does_not_depend_on_the_site_address():
    assert (
        item_from_article(article(), "https://staging.example", SETTINGS).id
        == item_from_article(article(), SITE, SETTINGS).id
    )


def test_entry_id_quotes_what_a_uri_cannot_hold():
    assert entry_id("baosonha.vn,2026", datetime(2026, 1, 2, 23, 0, tzinfo=TZ), "tin tức") == (
        "tag:baosonha.vn,2026:2026-01-02/tin%20t%E1%BB%A9c"
    )
    assert article_key(SimpleNamespace(source_path=None, slug="abc")) == "abc"


def test_cover_maps_to_enclosure_with_caption_and_credit():
    cover = SimpleNamespace(
        alt="Lễ phát động",
        caption="Lãnh đạo tỉnh trao cờ thi đua &amp; bằng khen",
        credit="Ảnh: Hoàng Huy",
        enclosure={"src": "anh/2026/04/le-phat-dong-1-1600.jpg", "type": "image/jpeg", "length": 183_204},
    )
    enclosure = cover_enclosure(cover, SITE)
    assert enclosure.url == f"{SITE}/anh/2026/04/le-phat-dong-1-1600.jpg"
    assert (enclosure.length, enclosure.type) == (183_204, "image/jpeg")
    assert enclosure.caption == "Lãnh đạo tỉnh trao cờ thi đua & bằng khen"
    assert enclosure.credit == "Hoàng Huy"  # the name, without the "Ảnh:" of the credit line
    assert cover_enclosure(SimpleNamespace(enclosure=cover.enclosure, credit="ẢNH : TTXVN"), SITE).credit == "TTXVN"
    assert cover_enclosure(SimpleNamespace(enclosure=cover.enclosure, credit="Ảnh tư liệu"), SITE).credit == (
        "Ảnh tư liệu"
    )
    item = item_from_article(article(cover=cover), SITE + "/", SETTINGS)
    assert item.enclosure == enclosure


@pytest.mark.parametrize("cover", [None, "le-phat-dong-1.jpg", SimpleNamespace(enclosure=None), SimpleNamespace()])
def test_no_enclosure_without_a_processed_cover(cover):
    # Before the photos plugin runs, `cover` is the file name from the metadata.
    assert cover_enclosure(cover, SITE) is None


def test_drafts_hidden_and_future_articles_are_not_feedable():
    assert is_feedable(article(), NOW)
    assert not is_feedable(article(status="draft"), NOW)
    assert not is_feedable(article(status="hidden"), NOW)
    assert not is_feedable(article(date=NOW + timedelta(minutes=1)), NOW)
    assert is_feedable(article(date=NOW), NOW)


def test_feed_articles_newest_first_limited_and_stable():
    base = datetime(2026, 6, 1, 8, 0, tzinfo=TZ)
    articles = [article(slug=f"bai-{n}", date=base + timedelta(days=n % 4)) for n in range(8)]
    articles.append(article(slug="tuong-lai", date=NOW + timedelta(days=3)))
    articles.append(article(slug="ban-nhap", status="draft", date=base + timedelta(days=30)))
    chosen = feed_articles(articles, NOW, limit=5)
    assert [a.slug for a in chosen] == ["bai-7", "bai-3", "bai-6", "bai-2", "bai-5"]
    assert [a.slug for a in feed_articles(list(reversed(articles)), NOW, limit=5)] == [a.slug for a in chosen]
    assert len(feed_articles(articles, NOW)) == 8
