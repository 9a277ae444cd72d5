"""Property tests (hypothesis): any file the editors could write goes through the whole reading path (our reader,
the Markdown extensions configured in pelicanconf.py, metadata processing, the plugins' content hooks and the
sanitiser) and either becomes an article or raises ContentError; nothing else ever escapes."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pelican import Pelican
from pelican.contents import Article
from pelican.settings import read_settings

from vncontent.errors import ContentError
from vncontent.reader import VietnameseMarkdownReader

ROOT = Path(__file__).resolve().parents[3]
WORDS = ["Sơn", "Hà", "phong", "trào", "thi", "đua", "yêu", "nước", "điển", "hình", "tiên", "tiến", "xã", "Tân",
         "Phú", "nông", "thôn", "mới", "hòa", "thuỷ", "ĐẢNG", "BỘ", "Kinh", "tế"]  # fmt: skip
KEYS = [
    "Title", "Date", "Modified", "Category", "Tags", "Author", "Authors", "Summary", "Slug", "Cover", "Campaigns",
    "Exemplars", "Related", "Status", "Lang", "Save_as", "Template", "Goals", "Awards", "Ghi_chu",
]  # fmt: skip
HOSTILE = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example/"></iframe>', "<style>*{}</style>", '<div markdown="1">**đậm**</div>',
    "<svg><script>1</script></svg>", "<!-- chú thích -->", "<p", "</div></div>", "&#x3C;script&#x3E;", "<table><tr>",
]  # fmt: skip
MARKDOWN_BITS = [
    "## Tiêu đề phụ", "### Kết quả {: #ket-qua .noi-bat }", "> Trích dẫn", "> > > lồng nhau", "- mục một\n- mục hai",
    "1. một\n2. hai", "| Xã | Hộ |\n|:--|--:|\n| Tân Phú | 1.250 |", "Chú thích[^1]\n\n[^1]: Nguồn: Sở Nội vụ.",
    "```\nmã <b>\n```", "    mã thụt lề", "*[UBND]: Ủy ban nhân dân", "Thuật ngữ\n:   định nghĩa", "***", "---",
    "![Ảnh lễ phát động](le-phat-dong.jpg)\nCác đại biểu tại lễ phát động.\nTrong ảnh: ông Lê Văn A.\n*Ảnh: Hoàng Huy*",
    "![Một](a.jpg)\n![Hai](b.jpg)\nHai ảnh chung một chú thích.\n*Ảnh: T.H*", "![](khong-co-alt.jpg)",
    "[liên kết]({filename}/articles/khac.md)", "[ngoài](https://sonha.gov.vn)", "<https://baosonha.vn>",
    "Dòng cuối có hai dấu cách  \nxuống dòng",
]  # fmt: skip

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
wild = st.text(max_size=40)  # any Unicode: control characters, combining marks, RTL, NUL...
DATES = ["2026-11-19 10:30", "2026-02-30", "19/11/2026", "0001-01-01", "ngày mai", "", "Kinh tế, Xã hội", "???"]
values = st.one_of(words, wild, st.sampled_from(HOSTILE), st.sampled_from(DATES))
any_key = st.sampled_from(KEYS) | st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}", fullmatch=True)
pairs = st.lists(st.tuples(any_key, values), max_size=8)
# Mostly files with a title and a date (so they reach the Markdown and the plugins), sometimes anything at all.
metadata = st.one_of(
    st.tuples(values, pairs).map(lambda t: [("Title", t[0]), ("Date", "2026-11-19 10:30"), *t[1]]),
    st.tuples(words, pairs).map(lambda t: [("Title", t[0]), ("Date", "2026-11-19 10:30"), *t[1]]),
    pairs,
)
blocks = st.lists(st.one_of(words, wild, st.sampled_from(HOSTILE), st.sampled_from(MARKDOWN_BITS)), max_size=10)
normal_forms = st.sampled_from(["NFC", "NFD", None])


@pytest.fixture(scope="module")
def reading():
    with tempfile.TemporaryDirectory(prefix="fuzz-reader-") as tmp:
        content = Path(tmp) / "content"
        (content / "articles").mkdir(parents=True)
        conf = read_settings(
            str(ROOT / "pelicanconf.py"), override={"PATH": str(content), "OUTPUT_PATH": str(Path(tmp) / "out")}
        )
        Pelican(conf)  # registers every plugin of PLUGINS, as a build does (the sanitiser among them)
        yield content, conf, VietnameseMarkdownReader(conf)


def render(meta, body, form) -> str:
    lines = [f"{key}: {value}" for key, value in meta]
    text = "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"
    return unicodedata.normalize(form, text) if form else text


def read_article(reading, text: str | bytes):
    content, conf, reader = reading
    path = content / "articles" / "bai.md"
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    try:
        html, meta = reader.read(str(path))
        article = Article(html, meta, settings=conf, source_path=str(path), context={"generated_content": {},
                          "static_content": {}, "static_links": set(), "localsiteurl": ""})  # fmt: skip
        event("article")
        return article, article.content, article.summary
    except ContentError as error:
        event("ContentError")
        assert error.path == str(path) and error.message
        return None


ACTIVE = re.compile(r"<script|<style|\son\w+\s*=|javascript:|<form|<object|<embed|<svg", re.I)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])  # fmt: skip
@given(metadata, blocks, normal_forms)
@example([("Title", "Bài <script>alert(1)</script>"), ("Date", "2026-11-19 10:30")], HOSTILE + MARKDOWN_BITS, "NFC")
@example([("Title", "x"), ("Date", "2026-02-30")], [], None)
@example([("Title", "x"), ("Date", "2026-01-01"), ("Summary", "<script>1</script>Sapo")], ["> " * 200 + "sâu"], None)
def test_only_content_errors_escape(reading, meta, body, form):
    result = read_article(reading, render(meta, body, form))
    if result is None:
        return
    article, html, summary = result
    assert not ACTIVE.search(html), html
    assert not ACTIVE.search(summary or ""), summary
    assert unicodedata.is_normalized("NFC", article.title)
    assert re.fullmatch(r"[a-z0-9-]+", article.slug)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
@example(b"Title: x\nDate: 2026-01-01\n\n\xff\xfe")
@example(b"\x00\x00")
def test_arbitrary_bytes(reading, data):
    read_article(reading, data)
