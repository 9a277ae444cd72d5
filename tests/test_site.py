"""The demo site as a reader gets it: every article has its page, links and images resolve, nothing from
other hosts, Vietnamese dates and slugs."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from markdown import Markdown

from tests.conftest import DEMO_CONTENT
from tests.sitebuild import build, html_files, soup
from vntext import SLUG_RE, format_datetime, slugify

# Elements whose URL the browser fetches by itself (a link is followed only when the reader clicks).
RESOURCE_ATTRIBUTES = [
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("link", "href"),
]


def read_meta(path: Path) -> dict[str, str]:
    md = Markdown(extensions=["meta"])
    md.convert(path.read_text(encoding="utf-8"))
    return {key: " ".join(value) for key, value in md.Meta.items()}


def demo_articles() -> list[tuple[Path, dict[str, str]]]:
    return [(p, read_meta(p)) for p in sorted((DEMO_CONTENT / "articles").rglob("*.md"))]


def article_output(site: Path, meta: dict[str, str]) -> Path:
    date = datetime.strptime(meta["date"], "%Y-%m-%d %H:%M")
    slug = meta.get("slug") or slugify(meta["title"])
    return site / f"{date:%Y}" / f"{date:%m}" / f"{slug}.html"


def local_target(page: Path, site: Path, url: str) -> Path | None:
    """The output file a same-site URL found on `page` points to, or None for other hosts."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    base = "/" + page.relative_to(site).as_posix()
    path = unquote(urlsplit(urljoin(base, parts.path)).path)
    target = site / path.lstrip("/")
    if path.endswith("/"):
        target = target / "index.html"
    return target


def test_demo_content_is_big_enough():
    articles = demo_articles()
    assert len(articles) >= 24
    assert len({m["category"] for _, m in articles}) >= 5
    assert len({m["date"][:7] for _, m in articles}) >= 6
    for path, meta in articles:
        for field in ("title", "date", "category", "author", "summary", "tags"):
            assert meta.get(field), f"{path}: {field} missing"
        assert "*Ảnh:" in path.read_text(encoding="utf-8"), f"{path}: no photo credit"


def test_every_article_has_its_page(demo_site):
    for path, meta in demo_articles():
        page = article_output(demo_site, meta)
        assert page.is_file(), f"no page for {path}"
        doc = soup(page)
        assert doc.find("h1").get_text(strip=True) == meta["title"]
        assert doc.html["lang"] == "vi"


def test_article_dates_are_vietnamese_and_local(demo_site):
    for _, meta in demo_articles():
        doc = soup(article_output(demo_site, meta))
        published = datetime.strptime(meta["date"], "%Y-%m-%d %H:%M")
        time = doc.select_one("article time")
        assert time.get_text(strip=True) == format_datetime(published)
        assert time["datetime"] == published.strftime("%Y-%m-%dT%H:%M:00+07:00")
        assert re.match(r"^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d\d/\d\d/\d{4} - \d\d:\d\d$", time.get_text())


def test_every_page_is_vietnamese_nfc_html(demo_site):
    pages = html_files(demo_site)
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), page
        assert soup(page).html.get("lang") == "vi", page


def test_internal_links_and_images_resolve(demo_site):
    checked = 0
    for page in html_files(demo_site):
        doc = soup(page)
        urls = [a["href"] for a in doc.find_all("a", href=True)]
        urls += [el[attr] for tag, attr in RESOURCE_ATTRIBUTES for el in doc.find_all(tag) if el.get(attr)]
        for el in doc.find_all(["img", "source"]):
            urls += [part.strip().split(" ")[0] for part in el.get("srcset", "").split(",") if part.strip()]
        for url in urls:
            if url.startswith(("#", "mailto:", "tel:")):
                continue
            target = local_target(page, demo_site, url)
            if target is None:
                continue
            checked += 1
            assert target.is_file(), f"{page.relative_to(demo_site)} links to missing {url}"
    assert checked > 500


def test_no_page_loads_anything_from_another_host(demo_site):
    for page in html_files(demo_site):
        doc = soup(page)
        for tag, attr in RESOURCE_ATTRIBUTES:
            for el in doc.find_all(tag):
                url = el.get(attr)
                if not url or (tag == "link" and el.get("rel") in (["alternate"], ["canonical"])):
                    continue
                assert local_target(page, demo_site, url) is not None, f"{page}: {tag} loads {url}"
        for el in doc.find_all(["img", "source"]):
            for part in filter(None, (p.strip() for p in el.get("srcset", "").split(","))):
                assert local_target(page, demo_site, part.split(" ")[0]) is not None, f"{page}: srcset {part}"
    for css in demo_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not re.match(r"^[a-z]+:|^//", url) or url.startswith("data:"), f"{css}: {url}"


def test_slugs_are_ascii_and_mark_aware(demo_site):
    for folder in ("chu-de", "chuyen-muc", "tac-gia"):
        slugs = [p.name for p in (demo_site / folder).iterdir() if p.is_dir() and p.name != "trang"]
        assert slugs
        assert all(SLUG_RE.match(s) for s in slugs), slugs
    # "nhà thờ" (church) and "nhà thơ" (poet) keep their own pages
    church = soup(demo_site / "chu-de" / "nhaf-thowf" / "index.html")
    poet = soup(demo_site / "chu-de" / "nhaf-thow" / "index.html")
    assert "nhà thờ" in church.find("h1").get_text()
    assert "nhà thơ" in poet.find("h1").get_text()
    assert church.select(".card-title a") and poet.select(".card-title a")
    church_titles = {a.get_text() for a in church.select(".card-title a")}
    poet_titles = {a.get_text() for a in poet.select(".card-title a")}
    assert not church_titles & poet_titles


def write_article(folder: Path, name: str, title: str, body: str = "Nội dung.", extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"Title: {title}\nDate: 2026-05-01 08:00\nCategory: Kinh tế\nAuthor: Hoàng Huy\n"
        f"Summary: Sapo của bài.\n{extra}\n{body}\n",
        encoding="utf-8",
    )
    return path


def test_two_articles_with_one_slug_stop_the_build_naming_both(tmp_path):
    content = tmp_path / "content"
    first = write_article(content / "articles", "a.md", "Đẩy nhanh tiến độ công trình trọng điểm")
    second = write_article(content / "articles", "b.md", "Đẩy nhanh tiến độ: công trình trọng điểm!")
    result = build(content, tmp_path / "out", check=False)
    assert result.returncode != 0
    log = " ".join((result.stdout + result.stderr).split())
    assert "day-nhanh-tien-do-cong-trinh-trong-diem" in log
    assert first.name in log and second.name in log
    assert "trùng slug" in log


def test_nfd_source_is_published_as_nfc(tmp_path):
    content = tmp_path / "content"
    title = unicodedata.normalize("NFD", "Điển hình tiên tiến ở Đồng Tâm")
    write_article(content / "articles", "nfd.md", title, body=unicodedata.normalize("NFD", "Người dân phấn khởi."))
    build(content, tmp_path / "out")
    page = tmp_path / "out" / "2026" / "05" / "dien-hinh-tien-tien-o-dong-tam.html"
    text = page.read_text(encoding="utf-8")
    assert "Điển hình tiên tiến ở Đồng Tâm" in text and "Người dân phấn khởi." in text
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(
    ("bad", "line"), [(b"Title: L\xe1\xbb\n\nabc", 1), (b"Title: x\n\n\x00\x01\x02binary", 3)]
)
def test_unreadable_article_is_an_error_naming_the_file(tmp_path, bad, line):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "hong.md").write_bytes(bad)
    result = build(content, tmp_path / "out", check=False)
    assert result.returncode != 0
    log = " ".join((result.stdout + result.stderr).split())
    assert f"hong.md:{line}: lỗi:" in log
