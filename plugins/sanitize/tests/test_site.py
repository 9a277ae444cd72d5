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
STRIPPED = 'alert("tiêu đề") Tin đậm & “nháy”'
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

CAMPAIGN = f"""Title: {EVIL_TITLE}
Slug: phong-trao-doc-hai
Document: Kế hoạch <script>alert("văn bản")</script> số 1
Issuer: Ban <b>Thi đua</b>
Document_date: 2026-01-05
Start: 2026-01-10
Scope: toàn tỉnh
Stage: đang phát động
Goals: Mục tiêu <img src=x onerror=alert(1)> thứ nhất
    Mục tiêu </script><script>alert(2)</script> thứ hai

Phong trào có <script>alert("thân")</script> và <a href="javascript:alert(3)">liên kết</a>.
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
    (content / "campaigns").mkdir()
    (content / "campaigns" / "doc-hai.md").write_text(CAMPAIGN, encoding="utf-8")
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
    # Content lands in .article-body (articles, pages, campaigns, exemplars): no form or embedded object there (the
    # theme's own search forms live outside it). <style> nowhere.
    for body in page.select(".article-body"):
        for form in ("form", "input", "button", "textarea", "select", "object", "embed"):
            assert body.find(form) is None, f"{path}: <{form}>"
    assert page.find("style") is None, path


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
    # Text, never markup: as the editor typed it, or with the tag-like parts dropped (the theme strips them).
    assert page.find("h1").get_text() in (EVIL_TITLE, STRIPPED)
    assert page.find("b") is None
    assert "<script>" not in page.find("title").get_text() or page.find("title").get_text().count("<") == 0
    tags = [a.get_text() for a in page.select(".tags a")]
    assert "<img src=x onerror=alert(1)>" in tags
    assert page.select_one(".author a").get_text() == "<script>alert(2)</script>Nguyễn Văn A"
    sapo = page.select_one(".sapo").get_text()
    assert "Sapo có" in sapo and "alert(3)" not in sapo
    # Lists escape titles too.
    index = soup(output / "index.html")
    assert any(t in index.get_text() for t in (EVIL_TITLE, STRIPPED))
    page_html = soup(output / "trang" / "index.html")
    assert page_html.find("h1").get_text() in ("Trang <i>thử</i>", "Trang thử")  # as text, or without the tags
    assert "Nội dung trang." in page_html.get_text()


def test_campaign_fields_are_text_and_body_is_clean(preview):
    output, _ = preview
    path = output / "phong-trao" / "phong-trao-doc-hai" / "index.html"
    page = soup(path)
    assert page.find("h1").get_text() in (EVIL_TITLE, STRIPPED)
    assert 'Kế hoạch <script>alert("văn bản")</script> số 1' in page.get_text()
    goals = [li.get_text() for li in page.find_all("li") if "Mục tiêu" in li.get_text()]
    assert goals == [
        "Mục tiêu <img src=x onerror=alert(1)> thứ nhất",
        "Mục tiêu </script><script>alert(2)</script> thứ hai",
    ]
    assert "Phong trào có" in page.get_text() and 'alert("thân")' not in str(page)
    assert_no_active_content(path)


def test_build_warns_about_each_removed_part(preview):
    _, result = preview
    log = " ".join((result.stdout + result.stderr).split())
    assert "doc-hai.md" in log and "đã gỡ bỏ HTML không an toàn" in log
    for part in ("<script>", 'onclick="alert(6)"', "javascript:alert(7)", "https://evil.example/player", "<form"):
        assert part in log, part
    assert "binh-thuong.md" not in log


def json_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    elif isinstance(value, str):
        yield value


def test_json_ld_is_escaped(published):
    blocks = []
    for path in html_files(published):
        text = path.read_text(encoding="utf-8")
        blocks += re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert blocks, "campaign pages carry JSON-LD"
    for block in blocks:
        assert "<" not in block and ">" not in block, block[:200]
    values = [value for block in blocks for value in json_strings(json.loads(block))]
    assert EVIL_TITLE in values


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
    titles = []
    for path in feeds:
        assert not feedparser.parse(path.read_bytes()).bozo, path
        raw = path.read_text(encoding="utf-8")
        assert "<script" not in raw and "<img src=x" not in raw, path  # no markup unescaped in the XML itself
        for element in etree.parse(str(path)).iter():
            if not isinstance(element.tag, str):
                continue
            name = etree.QName(element).localname
            parent = etree.QName(element.getparent()).localname if element.getparent() is not None else ""
            text = element.text or ""
            if name == "title" and "nháy" in text:
                titles.append(text)
            # Entry bodies are HTML: they must be clean. Titles and the feed's own description are text.
            if name in ("summary", "content", "encoded") or (name == "description" and parent == "item"):
                assert_clean_fragment(text, path)
    # The title is text, escaped exactly once: XML-decoded, it reads as the editor typed it, or as its plain text
    # (vntext.html: tags dropped, and a script's content is not text).
    plain = "Tin đậm & “nháy”"
    assert titles and all(t.endswith(EVIL_TITLE) or t == plain for t in titles), titles
    assert any(t == plain for t in titles), titles
