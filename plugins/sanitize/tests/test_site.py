"""A real Pelican build of hostile content: bodies are sanitised, titles and metadata escaped in pages and feeds."""

import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.sitebuild import build, html_files, soup

ATOM = "http://www.w3.org/2005/Atom"
EVIL_TITLE = '<script>alert("tiêu đề")</script> Tin <b>đậm</b> & “nháy”'
HOSTILE = f"""Title: {EVIL_TITLE}
Date: 2026-03-02 08:00
Category: Xã hội
Tags: <img src=x onerror=alert(1)>, an toàn
Author: <script>alert(2)</script>Nguyễn Văn A
Summary: Sapo có <script>alert(3)</script> và <img src="x.jpg" onerror="alert(4)">
    cùng <a href="javascript:alert(5)">liên kết</a>.

Đoạn mở đầu bình thường với **chữ đậm**.

<script>alert("thân bài")</script>

<p onclick="alert(6)" style="color:red">Đoạn có thuộc tính nguy hiểm</p>

<a href="javascript:alert(7)">bấm vào</a> <a href="data:text/html;base64,PHNjcmlwdD4=">dữ liệu</a>

<iframe src="https://evil.example/player"></iframe>

<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Video lễ phát động" allowfullscreen></iframe>

<form action="https://evil.example/"><input name="mat-khau"><button>Gửi</button></form>

<style>body {{ display: none }}</style>

| Xã | Số hộ |
|:---|------:|
| Tân Phú | 1.250 |
"""

CLEAN = """Title: Bài bình thường
Date: 2026-03-01 08:00
Category: Kinh tế

Không có gì đặc biệt.
"""


@pytest.fixture(scope="module")
def hostile_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("hostile") / "content"
    (content / "articles" / "2026-03").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "articles" / "2026-03" / "doc-hai.md").write_text(HOSTILE, encoding="utf-8")
    (content / "articles" / "2026-03" / "binh-thuong.md").write_text(CLEAN, encoding="utf-8")
    (content / "pages" / "trang.md").write_text(
        "Title: Trang <i>thử</i>\nSlug: trang\n\n"
        '<img src="a.jpg" onerror="alert(8)"><script>alert(9)</script>Nội dung trang.\n',
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def preview(hostile_content, tmp_path_factory):
    output = tmp_path_factory.mktemp("hostile-preview")
    result = build(hostile_content, output)
    return output, result


@pytest.fixture(scope="module")
def published(hostile_content, tmp_path_factory):
    output = tmp_path_factory.mktemp("hostile-published")
    build(hostile_content, output, conf="publishconf.py")
    return output


def assert_no_active_content(path: Path):
    page = soup(path)
    for script in page.find_all("script"):
        # Only external scripts of our own theme and JSON data blocks may exist; nothing inline can run.
        assert script.get("src") or script.get("type") == "application/ld+json", f"{path}: {script}"
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"{path}: {tag.name} {name}"
            assert name.lower() != "style", f"{path}: {tag.name} style"
            if name in ("href", "src"):
                assert not re.match(r"\s*(javascript|data):", value, re.I), f"{path}: {tag.name} {name}={value}"
    for form in ("form", "input", "button", "style", "object", "embed"):
        assert page.find(form) is None, f"{path}: <{form}>"


def test_every_page_is_free_of_active_content(preview):
    output, _ = preview
    files = html_files(output)
    assert len(files) > 5
    for path in files:
        assert_no_active_content(path)


def test_hostile_article_is_cleaned_but_keeps_its_content(preview):
    output, _ = preview
    page = soup(output / "2026" / "03" / "script-alert-tieu-de-script-tin-b-dam-b-nhay.html")
    body = page.select_one(".article-body")
    assert "Đoạn mở đầu bình thường" in body.get_text()
    assert body.find("strong").get_text() == "chữ đậm"
    assert body.find("p", string="Đoạn có thuộc tính nguy hiểm") is not None
    assert 'alert("thân bài")' not in str(page)
    frames = body.find_all("iframe")
    assert [f["src"] for f in frames] == ["https://www.youtube-nocookie.com/embed/abc123"]
    assert "allow-scripts" in frames[0]["sandbox"]
    cells = body.select("td")
    assert [c.get("align") for c in cells] == ["left", "right"]


def test_titles_and_metadata_are_text_not_markup(preview):
    output, _ = preview
    page = soup(output / "2026" / "03" / "script-alert-tieu-de-script-tin-b-dam-b-nhay.html")
    assert page.find("h1").get_text() == EVIL_TITLE
    assert page.find("b") is None
    assert "<script>" not in page.find("title").get_text() or page.find("title").get_text().count("<") == 0
    tags = [a.get_text() for a in page.select(".tags a")]
    assert "<img src=x onerror=alert(1)>" in tags
    assert page.select_one(".author a").get_text() == "<script>alert(2)</script>Nguyễn Văn A"
    sapo = page.select_one(".sapo").get_text()
    assert "Sapo có" in sapo and "alert(3)" not in sapo
    # Lists escape titles too.
    index = soup(output / "index.html")
    assert EVIL_TITLE in [a.get_text() for a in index.find_all("a")] or EVIL_TITLE in index.get_text()
    page_html = soup(output / "trang" / "index.html")
    assert page_html.find("h1").get_text() == "Trang <i>thử</i>"
    assert "Nội dung trang." in page_html.get_text()


def test_build_warns_about_each_removed_part(preview):
    _, result = preview
    log = " ".join((result.stdout + result.stderr).split())
    assert "doc-hai.md" in log and "đã gỡ bỏ HTML không an toàn" in log
    for part in ("<script>", 'onclick="alert(6)"', "javascript:alert(7)", "https://evil.example/player", "<form"):
        assert part in log, part
    assert "binh-thuong.md" not in log


def test_json_ld_is_escaped(published):
    blocks = []
    for path in html_files(published):
        text = path.read_text(encoding="utf-8")
        blocks += re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    if not blocks:
        pytest.skip("no JSON-LD in this build yet (the seo plugin writes it)")
    for block in blocks:
        assert "<" not in block, block[:200]
        json.loads(block)
    assert any(
        EVIL_TITLE in block_text for block_text in map(lambda b: json.dumps(json.loads(b), ensure_ascii=False), blocks)
    )


def assert_clean_fragment(html: str, where):
    fragment = BeautifulSoup(html, "lxml")
    assert fragment.find(["script", "style", "form", "iframe", "object", "embed"]) is None or all(
        f.name == "iframe" and "youtube-nocookie.com" in f.get("src", "")
        for f in fragment.find_all(True)
        if f.name in ("script", "style", "form", "iframe", "object", "embed")
    ), where
    for tag in fragment.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on") and name != "style", (where, tag)
            if name in ("href", "src"):
                assert not re.match(r"\s*(javascript|data):", value, re.I), (where, tag)


def test_feeds_carry_titles_as_text_and_clean_bodies(published):
    feeds = sorted((published / "feeds").rglob("*.xml"))
    assert feeds, "publishconf builds feeds"
    seen = 0
    for path in feeds:
        assert not feedparser.parse(path.read_bytes()).bozo, path
        tree = etree.parse(str(path))
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            name = etree.QName(element).localname
            text = element.text or ""
            if name == "title" and "nháy" in text:
                seen += 1
                if element.get("type") in (None, "text") and etree.QName(element).namespace == ATOM:
                    assert text in (EVIL_TITLE, 'alert("tiêu đề") Tin đậm & “nháy”'), text
                else:  # RSS titles are read as HTML by some readers: no tag may survive.
                    assert "<" not in text and "alert(" in text, text
            if name in ("summary", "content", "description", "encoded"):
                assert_clean_fragment(text, path)
    assert seen >= 2
