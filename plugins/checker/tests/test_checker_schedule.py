"""Drafts and scheduled articles on a real production build (publishconf.py) with an injected clock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from checker.site import load_settings
from checker_fixtures import OTHER_ARTICLE, write_good_site

from tests.sitebuild import ROOT, build, soup

DRAFT = OTHER_ARTICLE.replace("Title: Hợp tác xã An Phú ký hợp đồng xuất khẩu gạo", "Title: Bản nháp chưa duyệt") \
    .replace("Date: 2026-05-20 09:30", "Date: 2026-05-21 09:30\nStatus: draft")
FUTURE = OTHER_ARTICLE.replace("Title: Hợp tác xã An Phú ký hợp đồng xuất khẩu gạo", "Title: Bài hẹn giờ đăng") \
    .replace("Date: 2026-05-20 09:30", "Date: 2026-12-02 06:00")
GOOD_SLUG = "hop-tac-xa-an-phu-ky-hop-dong-xuat-khau-gao"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("schedule")
    content = write_good_site(root)
    article = content / "articles/2026-05/chi-hoa.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Date: 2026-05-14 08:00", "Date: 2026-05-14 08:00\nModified: 2026-06-01 10:15"), encoding="utf-8")
    (content / "articles/2026-05/nhap.md").write_text(DRAFT, encoding="utf-8")
    (content / "articles/2026-12").mkdir()
    (content / "articles/2026-12/hen-gio.md").write_text(FUTURE, encoding="utf-8")
    return content


def published(content: Path, now: str) -> Path:
    """A production build into the same output folder each time, as the scheduled job does."""
    output = content.parent / "output"
    # A cache of its own: Pelican's content cache is not safe for builds running side by side (pytest -n).
    build(content, output, conf="publishconf.py", env={"SITE_NOW": now},
          settings={"CACHE_PATH": str(content.parent / "cache")})
    return output


def texts(output: Path):
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            yield path, path.read_text(encoding="utf-8")


def feeds(output: Path) -> dict[str, list]:
    found = {}
    for path in sorted(output.rglob("*.xml")):
        parsed = feedparser.parse(path.read_bytes())
        if parsed.entries:
            found[path.relative_to(output).as_posix()] = parsed.entries
    return found


def feed_entries(output: Path) -> dict[str, list[str]]:
    return {name: [e.link for e in entries] for name, entries in feeds(output).items()}


def sitemap_urls(output: Path) -> str:
    """Every sitemap file's text; the SEO plugin, when the site uses it, must have written some."""
    text = "".join(p.read_text(encoding="utf-8") for p in output.rglob("*sitemap*.xml"))
    if "seo" in load_settings(ROOT / "publishconf.py")["PLUGINS"]:
        assert text, "the seo plugin wrote no sitemap"
    return text


def test_draft_and_future_article_stay_out_until_their_time(content):
    output = published(content, "2026-12-01 08:00")
    assert (output / f"2026/05/{GOOD_SLUG}.html").is_file()
    for slug in ("ban-nhap-chua-duyet", "bai-hen-gio-dang"):
        assert not list(output.rglob(f"*{slug}*"))
        for path, text in texts(output):
            assert slug not in text, f"{slug} in {path}"
    feeds = feed_entries(output)
    assert any(GOOD_SLUG in link for links in feeds.values() for link in links)
    sitemaps = sitemap_urls(output)
    assert "bai-hen-gio-dang" not in sitemaps and "ban-nhap-chua-duyet" not in sitemaps

    # The first build after its time publishes it.
    output = published(content, "2026-12-02 06:01")
    page = output / "2026/12/bai-hen-gio-dang.html"
    assert page.is_file()
    index = (output / "index.html").read_text(encoding="utf-8")
    assert "bai-hen-gio-dang.html" in index
    feeds = feed_entries(output)
    having = [name for name, links in feeds.items() if any("bai-hen-gio-dang.html" in link for link in links)]
    assert any(name.endswith("atom.xml") for name in having) and any(name.endswith("rss.xml") for name in having)
    if sitemap_urls(output):
        assert "bai-hen-gio-dang.html" in sitemap_urls(output)
    for path, text in texts(output):
        assert "ban-nhap-chua-duyet" not in text, path


def test_modified_shows_on_the_page_and_in_the_feeds(content):
    output = published(content, "2026-12-01 08:00")
    page = soup(output / "2026/05/chi-nguyen-thi-hoa-dua-lua-huu-co-ve-dat-an-phu.html")
    updated = page.select_one('time[datetime="2026-06-01T10:15:00+07:00"]')
    assert updated is not None and updated.get_text(strip=True) == "Thứ Hai, 01/06/2026 - 10:15"
    assert "Cập nhật" in updated.parent.get_text()
    entries = [e for entries in feeds(output).values() for e in entries if "chi-nguyen-thi-hoa" in e.link]
    atom = [e for e in entries if "updated_parsed" in e and "published_parsed" in e]
    assert atom, "no feed entry with both dates"
    for entry in atom:
        assert entry.updated_parsed[:5] == (2026, 6, 1, 3, 15)  # 10:15 in Hà Nội is 03:15 UTC
        assert entry.published_parsed[:5] == (2026, 5, 14, 1, 0)


def test_site_clock_as_an_editor_types_it_and_a_typo_in_one_line(tmp_path):
    from checker import schedule

    assert schedule.now({"SITE_NOW": "2026-11-28 6:00"}).isoformat() == "2026-11-28T06:00:00+07:00"
    assert schedule.now({"SITE_NOW": " 2026-11-28  06:05 "}).isoformat() == "2026-11-28T06:05:00+07:00"
    assert schedule.now({"SITE_NOW": "2026-11-28T06:00:00+00:00"}).isoformat() == "2026-11-28T13:00:00+07:00"
    with pytest.raises(ValueError, match="SITE_NOW “mai 6h” không phải ngày giờ hợp lệ"):
        schedule.now({"SITE_NOW": "mai 6h"})
    result = subprocess.run([sys.executable, "-m", "checker", "-s", str(ROOT / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "SITE_NOW": "mai 6h", "PYTHONPATH": str(ROOT / "plugins")})
    assert result.returncode == 2
    assert result.stderr.strip() == "lỗi: SITE_NOW “mai 6h” không phải ngày giờ hợp lệ (ví dụ: 2026-12-01 06:00)"
