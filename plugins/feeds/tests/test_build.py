"""Feed building from plain items: what feedparser (a real client) reads back from the RSS and Atom bytes."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta

import feedparser
import lxml.html
import pytest
from lxml import etree

from feeds.build import Category, Enclosure, FeedItem, FeedMeta, build_feed, feed_bytes, serialize
from vntext import TZ

SITE = "https://baosonha.vn"


def make_item(n: int, **changes) -> FeedItem:
    published = datetime(2026, 4, 1, 8, 30, tzinfo=TZ) + timedelta(days=n)
    data = dict(
        id=f"tag:baosonha.vn,2026:2026-04-{n + 1:02d}/bai-{n}",
        title=f"Bài số {n}: Sơn Hà phát động phong trào thi đua",
        link=f"{SITE}/2026/04/bai-{n}.html",
        published=published,
        updated=published + timedelta(hours=2),
        summary_html=f"<p>Sapo của bài {n}.</p>",
        content_html=f'<p>Nội dung đầy đủ của bài {n}.</p><p><img src="{SITE}/anh/{n}.jpg" alt="Ảnh {n}"></p>',
        authors=("Hoàng Huy",),
        categories=(Category("Kinh tế", f"{SITE}/chuyen-muc/"), Category("nông thôn mới", f"{SITE}/chu-de/")),
    )
    data.update(changes)
    return FeedItem(**data)


META = FeedMeta(
    id="tag:baosonha.vn,2026:feeds/site",
    title="Báo Sơn Hà – Tin mới",
    description="Tin mới của Báo Sơn Hà",
    link=f"{SITE}/",
    urls={"rss": f"{SITE}/feeds/tin-moi.rss.xml", "atom": f"{SITE}/feeds/tin-moi.atom.xml"},
    author="Báo Sơn Hà",
)


def shape(html: str) -> list:
    """An HTML fragment as (tag, attributes, text, tail) tuples: feedparser re-serialises the HTML it returns."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [(e.tag, sorted(e.attrib.items()), e.text, e.tail) for e in root.iter()]


def parse(data: bytes):
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture(scope="module")
def feeds():
    items = [make_item(n) for n in (3, 2, 1)]
    photo = Enclosure(
        url=f"{SITE}/anh/3-1600.jpg",
        length=245_760,
        type="image/jpeg",
        caption="Lễ phát động & trao cờ",
        credit="Hoàng Huy",
        width=1600,
        height=1067,
    )
    items[0] = make_item(3, enclosure=photo)
    return {fmt: (data, parse(data)) for fmt, data in feed_bytes(META, items).items()}


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_channel(feeds, fmt):
    _data, parsed = feeds[fmt]
    assert parsed.version == {"rss": "rss20", "atom": "atom10"}[fmt]
    assert parsed.feed.title == "Báo Sơn Hà – Tin mới"
    assert parsed.feed.link == f"{SITE}/"
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [META.urls[fmt]]
    assert parsed.feed.language == "vi"


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_items_in_order_with_local_dates(feeds, fmt):
    data, parsed = feeds[fmt]
    assert [e.link for e in parsed.entries] == [f"{SITE}/2026/04/bai-{n}.html" for n in (3, 2, 1)]
    first = parsed.entries[0]
    assert first.id == "tag:baosonha.vn,2026:2026-04-04/bai-3"
    # 2026-04-04 08:30 at +07:00 is 01:30 UTC.
    assert calendar.timegm(first.published_parsed) == calendar.timegm((2026, 4, 4, 1, 30, 0))
    assert calendar.timegm(first.updated_parsed) == calendar.timegm((2026, 4, 4, 3, 30, 0))
    text = data.decode("utf-8")
    if fmt == "rss":
        assert "<pubDate>Sat, 04 Apr 2026 08:30:00 +0700</pubDate>" in text
        assert "<lastBuildDate>Sat, 04 Apr 2026 10:30:00 +0700</lastBuildDate>" in text
        assert "<dcterms:modified>2026-04-04T10:30:00+07:00</dcterms:modified>" in text
        assert re.search(r'<guid isPermaLink="false">tag:baosonha.vn,2026:2026-04-04/bai-3</guid>', text)
    else:
        assert "<published>2026-04-04T08:30:00+07:00</published>" in text
        assert "<updated>2026-04-04T10:30:00+07:00</updated>" in text


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_channel_date_is_the_newest_items_not_now(fmt):
    items = [make_item(1), make_item(5, updated=datetime(2026, 6, 1, 7, 0, tzinfo=TZ)), make_item(2)]
    parsed = parse(feed_bytes(META, items)[fmt])
    assert calendar.timegm(parsed.feed.updated_parsed) == calendar.timegm((2026, 6, 1, 0, 0, 0))


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_item_fields(feeds, fmt):
    _, parsed = feeds[fmt]
    entry = parsed.entries[0]
    assert entry.title == "Bài số 3: Sơn Hà phát động phong trào thi đua"
    assert entry.author == "Hoàng Huy"
    assert [t.term for t in entry.tags] == ["Kinh tế", "nông thôn mới"]
    assert entry.summary == "<p>Sapo của bài 3.</p>"
    assert len(entry.content) == 1
    assert shape(entry.content[0].value) == shape(
        f'<p>Nội dung đầy đủ của bài 3.</p><p><img src="{SITE}/anh/3.jpg" alt="Ảnh 3"></p>'
    )


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_lead_photo_as_enclosure_and_media_content(feeds, fmt):
    data, parsed = feeds[fmt]
    entry = parsed.entries[0]
    assert [(e.href, e.length, e.type) for e in entry.enclosures] == [
        (f"{SITE}/anh/3-1600.jpg", "245760", "image/jpeg")
    ]
    # The enclosure is not mistaken for the article's link (feedgen 1.0.0 loses rel in Atom; we put it back).
    assert entry.link == f"{SITE}/2026/04/bai-3.html"
    assert entry.media_content == [
        {
            "url": f"{SITE}/anh/3-1600.jpg",
            "type": "image/jpeg",
            "medium": "image",
            "filesize": "245760",
            "width": "1600",
            "height": "1067",
        }
    ]
    assert entry.media_credit == [{"role": "photographer", "content": "Hoàng Huy"}]
    # feedparser keeps no media:description, so read the caption from the XML itself.
    root = etree.fromstring(data)
    captions = root.xpath(
        "//media:content/media:description/text()", namespaces={"media": "http://search.yahoo.com/mrss/"}
    )
    assert captions == ["Lễ phát động & trao cờ"]
    assert not parsed.entries[1].get("enclosures") and not parsed.entries[1].get("media_content")


def test_two_builds_give_identical_bytes():
    items = [make_item(n) for n in range(5)]
    assert feed_bytes(META, items) == feed_bytes(META, list(items))


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_no_double_escaping_and_utf8_not_entities(fmt):
    item = make_item(
        1,
        title='Giá lúa < 7.000 đ/kg & "được mùa"',
        summary_html="<p>Nông dân &amp; hợp tác xã “bắt tay”</p>",
        content_html="<p>Vùng cao Thượng Hà &amp; Phù Vân: lúa &lt;đạt&gt; chuẩn</p>",
        authors=("Lò Thị Ngọc",),
    )
    data = feed_bytes(META, [item])[fmt]
    text = data.decode("utf-8")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert "Thượng Hà" in text and "Lò Thị Ngọc" in text
    assert "&#" not in text
    assert "&amp;amp;amp;" not in text
    entry = parse(data).entries[0]
    assert entry.title == 'Giá lúa < 7.000 đ/kg & "được mùa"'
    assert entry.summary == "<p>Nông dân &amp; hợp tác xã “bắt tay”</p>"
    assert entry.content[0].value == "<p>Vùng cao Thượng Hà &amp; Phù Vân: lúa &lt;đạt&gt; chuẩn</p>"


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_characters_xml_forbids_are_removed(fmt):
    item = make_item(
        1,
        title="Sơn\x0b Hà\x00 \ufffe",
        summary_html="<p>Sa\x1fpo</p>",
        content_html="<p>Nội\x08 dung\ud800</p>",
        enclosure=Enclosure(url=f"{SITE}/a.jpg", length=10, type="image/jpeg", caption="Chú\x01 thích"),
    )
    data = feed_bytes(META, [item])[fmt]
    entry = parse(data).entries[0]
    assert entry.title == "Sơn Hà"
    assert entry.summary == "<p>Sapo</p>"
    assert entry.content[0].value == "<p>Nội dung</p>"
    assert b"Ch\xc3\xba th\xc3\xadch" in data


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_empty_feed_uses_the_fallback_date(fmt):
    meta = FeedMeta(**{**META.__dict__, "fallback_updated": datetime(2026, 11, 19, 10, 30, tzinfo=TZ)})
    parsed = parse(feed_bytes(meta, [])[fmt])
    assert parsed.entries == []
    assert calendar.timegm(parsed.feed.updated_parsed) == calendar.timegm((2026, 11, 19, 3, 30, 0))
    with pytest.raises(ValueError):
        build_feed(META, [])


def test_dates_in_other_zones_come_out_at_plus_seven():
    item = make_item(
        1,
        published=datetime(2026, 4, 2, 1, 30, tzinfo=UTC),
        updated=datetime(2026, 4, 2, 1, 30, tzinfo=UTC),
    )
    text = serialize(build_feed(META, [item]), META, "atom").decode()
    assert "<published>2026-04-02T08:30:00+07:00</published>" in text
