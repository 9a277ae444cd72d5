"""Feeds made from cached items and cached feed bytes (CACHE_PATH/feeds) are byte-identical to a cold build's, after
text, metadata and settings changes; damaged cache entries are ignored."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime
from pathlib import Path

import pytest

from bench.textgen import generate, write_site
from feeds.cache import DigestStore, digest
from feeds.items import item_from_article, item_from_source, item_source
from tests.sitebuild import build
from tests.sitebuild import output_digests as tree


def stats(cache: Path) -> dict:
    return json.loads((cache / "feeds" / "last-build.json").read_text(encoding="utf-8"))


def newest_first(content: Path) -> list[Path]:
    def date(path: Path) -> str:
        return next(line for line in path.read_text("utf-8").splitlines() if line.startswith("Date:"))

    return sorted((content / "articles").rglob("*.md"), key=date, reverse=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def header(path: Path, key: str) -> str:
    return next(line for line in path.read_text("utf-8").splitlines() if line.startswith(f"{key}: "))


def text_changed(content: Path) -> None:
    path = newest_first(content)[0]
    path.write_text(path.read_text("utf-8") + "\nĐoạn mới bổ sung sau khi đăng.\n", encoding="utf-8")


def metadata_changed(content: Path) -> None:
    """A new title, a new publication date and a new section, each on another article."""
    first, second, third = newest_first(content)[1:4]
    edit(first, "Title: ", "Title: Cập nhật: ")
    edit(second, header(second, "Date"), "Date: 2026-01-02 07:15")
    category = header(third, "Category")
    edit(third, category, "Category: Kinh tế" if category != "Category: Kinh tế" else "Category: Xã hội")


def article_added(content: Path) -> None:
    """The newest article of the site (the date every empty feed falls back on changes with it)."""
    extra = next(generate(1, seed=99, words_per_article=80, start=datetime(2026, 11, 20, 18, 0)))
    extra.slug = "bai-moi-them"
    write_site([extra], content)


def damaged_entries(cache: Path):
    def breaker(content: Path) -> None:
        entries = sorted((cache / "feeds").rglob("*.pickle"))
        assert entries
        for index, path in enumerate(entries):
            data = bytearray(path.read_bytes())
            if index % 3 == 0:
                data[len(data) // 2] ^= 0x40
            elif index % 3 == 1:
                data = data[: len(data) // 3]
            else:
                data = bytearray(b"\x80\x05")
            path.write_bytes(bytes(data))

    return breaker


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    write_site(generate(16, words_per_article=120), content)
    (content / "pages").mkdir(exist_ok=True)
    stamp = time.time() - 3600
    for path in content.rglob("*"):
        os.utime(path, (stamp, stamp))
    return content


def test_rebuild_with_feed_cache_matches_cold_build(site, tmp_path):
    cache = tmp_path / "cache"
    settings = {"CACHE_PATH": str(cache), "FEEDS_MAX_ITEMS": {"site": 10, "category": 4, "tag": 4}}
    output = tmp_path / "incremental"
    build(site, output, settings=settings)
    first = stats(cache)
    assert first["feeds_from_cache"] == 0 and first["items_made"] == first["items"] > 0

    steps = [
        ("text", text_changed, {}),
        ("metadata", metadata_changed, {}),
        ("added", article_added, {}),
        ("damaged", damaged_entries(cache), {}),
        ("settings", lambda content: None, {"FEED_DOMAIN": "https://baosonha.example"}),
    ]
    for name, change, extra in steps:
        change(site)
        settings.update(extra)
        build(site, output, settings=settings)
        after = stats(cache)
        if name in ("text", "metadata", "added"):
            # the other feeds and items came from the cache
            assert 0 < after["feeds_from_cache"] < after["feeds"], (name, after)
            assert 0 < after["items_made"] < after["items"], (name, after)
        else:
            assert after["feeds_from_cache"] == 0 and after["items_made"] == after["items"], (name, after)
        cold = tmp_path / f"cold-{name}"
        build(site, cold, settings={**settings, "CACHE_PATH": str(tmp_path / f"cache-{name}")})
        assert tree(output) == tree(cold), name
    # Only the entries the last build used are kept.
    assert len(list((cache / "feeds" / "feeds").rglob("*.pickle"))) == after["feeds"]
    assert len(list((cache / "feeds" / "items").rglob("*.pickle"))) == after["items"]


def test_digest_store_ignores_damaged_entries(tmp_path):
    store = DigestStore(tmp_path)
    value = {"rss": b"<rss>\xe1\xba\xa3nh</rss>", "atom": b"<feed/>"}
    store.put("ab" * 10, value)
    store.put("cd" * 10, value)
    assert store.get("ab" * 10) == value and store.get("ef" * 10) is None
    path = tmp_path / "ab" / f"{'ab' * 10}.pickle"
    data = path.read_bytes()
    for damaged in (data[:-1], data[:16], b"", data[:20] + bytes([data[20] ^ 1]) + data[21:]):
        path.write_bytes(damaged)
        assert store.get("ab" * 10) is None
    # An intact entry under another key's name is not that key's value.
    os.replace(tmp_path / "cd" / f"{'cd' * 10}.pickle", path)
    assert store.get("ab" * 10) is None
    store.put("ab" * 10, value)
    assert store.keep_only({"ab" * 10}) == 0 and store.get("ab" * 10) == value
    assert store.keep_only(set()) == 1 and store.get("ab" * 10) is None
    assert DigestStore(None).get("ab" * 10) is None


def test_digest_tells_dates_and_types_apart():
    moment = datetime.fromisoformat("2026-05-01T08:30:00+07:00")
    assert digest("a", moment) == digest("a", datetime.fromisoformat("2026-05-01T08:30:00+07:00"))
    assert digest("a", moment) != digest("a", datetime.fromisoformat("2026-05-01T08:30:00+08:00"))
    assert digest("1") != digest(1) and digest(None) != digest("None") and digest(["a", "b"]) != digest("a", "b")


def test_item_source_covers_what_an_item_shows():
    from types import SimpleNamespace

    from feeds.tests.test_items import SETTINGS, SITE, article

    one = article()
    source = item_source(one, SITE, SETTINGS)
    assert item_from_source(source) == item_from_article(one, SITE, SETTINGS)
    changes = {"title": "Tiêu đề khác", "url": "2026/05/khac.html", "date": one.date.replace(minute=1),
               "category": SimpleNamespace(name="Kinh tế"), "tags": [SimpleNamespace(name="nông thôn mới")],
               "metadata": {"summary": "Sapo khác"}, "get_content": lambda siteurl: "<p>Bài sửa.</p>",
               "cover": SimpleNamespace(enclosure={"src": "anh/ab/x.jpg", "type": "image/jpeg", "length": 9},
                                        caption="Chú thích", credit="Ảnh: PV")}
    for name, value in changes.items():
        other = article()
        setattr(other, name, value)
        assert item_source(other, SITE, SETTINGS).digest() != source.digest(), name
    assert item_source(one, SITE + "/x", SETTINGS).digest() != source.digest()


def test_feed_order_agrees_with_feed_articles():
    import random
    from datetime import timedelta

    from feeds.items import FeedOrder, feed_articles
    from feeds.tests.test_items import NOW, article

    rng = random.Random(7)
    pool = [
        article(slug=f"bai-{i % 9}", date=NOW - timedelta(hours=rng.randint(-5, 40)),
                status=rng.choice(["published", "published", "draft", "hidden"]))
        for i in range(40)
    ]
    order = FeedOrder(NOW)
    for limit in (None, 1, 5, 50):
        for _ in range(5):
            chosen = rng.sample(pool, rng.randint(0, len(pool)))
            assert [id(a) for a in order(chosen, limit)] == [id(a) for a in feed_articles(chosen, NOW, limit)]
