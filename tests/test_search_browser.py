"""Search in a real browser: the built site served on 127.0.0.1, headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import unicodedata

import pytest

from tests.search_support import Transfer, browser, chromium_missing, results, run_query, search_url, serve, wait_done
from tests.sitebuild import build

pytestmark = pytest.mark.browser
if chromium_missing():
    pytest.skip(f"browser tests skipped: {chromium_missing()}", allow_module_level=True)

THI_DUA = "son-ha-phat-dong-phong-trao-thi-dua-chung-suc-xay-dung-nong-thon-moi-nam-2026"
LAO_CAI = "doan-cong-tac-tinh-son-ha-hoc-tap-kinh-nghiem-xay-dung-nong-thon-moi-tai-lao-cai"
DA_NANG = "doanh-nghiep-son-ha-ket-noi-giao-thuong-voi-da-nang"


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def demo(demo_site):
    with serve(demo_site) as base:
        yield base


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def slug(hit) -> str:
    return hit["href"].rsplit("/", 1)[-1].removesuffix(".html")


@pytest.mark.parametrize("query", ["thi đua", "thi dua", "THI ĐUA", unicodedata.normalize("NFD", "thi đua"),
                                   "Thi Dua"])
def test_every_spelling_of_thi_dua_finds_the_same_pages(page, demo, query):
    reference = [slug(h) for h in run_query(page, demo, "thi đua")]
    hits = run_query(page, demo, query)
    assert slug(hits[0]) == THI_DUA
    assert [slug(h) for h in hits] == reference
    # Titles and snippets keep their real diacritics, with the match highlighted.
    assert "thi đua" in hits[0]["title"]
    assert {m.lower() for m in hits[0]["marks"]} >= {"thi", "đua"}


@pytest.mark.parametrize(("query", "expected"), [("Lao Cai", LAO_CAI), ("Lào Cai", LAO_CAI), ("lào cai", LAO_CAI),
                                                 ("Da Nang", DA_NANG), ("Đà Nẵng", DA_NANG), ("da nang", DA_NANG)])
def test_place_names_with_or_without_marks(page, demo, query, expected):
    hits = run_query(page, demo, query)
    assert slug(hits[0]) == expected
    assert "Lào Cai" in hits[0]["title"] or "Đà Nẵng" in hits[0]["title"]


def test_dien_hinh_finds_dien_hinh(page, demo):
    hits = run_query(page, demo, "dien hinh")
    assert hits
    assert "điển hình" in hits[0]["snippet"].lower()
    assert [m.lower() for m in hits[0]["marks"]][:2] == ["điển", "hình"]
    assert slug(run_query(page, demo, "điển hình")[0]) == slug(hits[0])
    assert slug(run_query(page, demo, "ĐIỂN HÌNH")[0]) == slug(hits[0])


def test_old_and_new_tone_placement_find_the_same_pages(page, demo):
    old = run_query(page, demo, "hoà bình")
    new = run_query(page, demo, "hòa bình")
    assert old and {slug(h) for h in old} == {slug(h) for h in new}
    # Both spellings of the phrase lead the list.
    assert any("hoà bình" in h["snippet"] for h in old[:2])
    assert any("hòa bình" in h["snippet"] for h in old[:2])


def test_result_shows_title_section_date_and_snippet(page, demo):
    hit = run_query(page, demo, "Lào Cai")[0]
    assert hit["section"] == "Nông nghiệp – Nông thôn"
    assert hit["date"] == "18/06/2026"
    assert "Lào Cai" in hit["snippet"] and "Lào" in hit["marks"]
    assert "lao cai" not in hit["snippet"]  # never the folded text


def test_nothing_found_says_so(page, demo):
    assert run_query(page, demo, "xyzzy quokka") == []
    status = page.text_content("#search-status")
    assert "Không tìm thấy kết quả nào" in status and "xyzzy quokka" in status


def found(page) -> int:
    """The count in "Tìm thấy N kết quả cho ..."."""
    return int(page.text_content("#search-status").split()[2].replace(".", ""))


def test_filters_by_section_and_year(page, demo):
    run_query(page, demo, "thi dua")
    total = found(page)
    section = "Thi đua – Khen thưởng"
    hits = run_query(page, demo, "thi dua", section=section)
    assert hits and all(h["section"] == section for h in hits)
    assert found(page) < total
    assert page.input_value("#search-section") == section
    # Each section and year option says how many results it holds.
    assert page.text_content(f"#search-section option[value='{section}']") == f"{section} ({found(page)})"
    hits = run_query(page, demo, "thi dua", year="2026")
    assert hits and all(h["date"].endswith("/2026") for h in hits)
    assert page.text_content("#search-year option[value='2026']") == f"2026 ({found(page)})"


def test_changing_a_filter_reruns_in_the_page(page, demo):
    run_query(page, demo, "nông thôn mới")
    page.select_option("#search-section", "Nông nghiệp – Nông thôn")
    wait_done(page)
    hits = results(page)
    assert hits and all(h["section"] == "Nông nghiệp – Nông thôn" for h in hits)
    assert "muc=" in page.url


def test_a_filter_chosen_after_editing_the_query_searches_the_new_query(page, demo):
    run_query(page, demo, "thi đua")
    page.fill("#search-q", "nông thôn mới")  # typed, not submitted
    page.select_option("#search-section", "Nông nghiệp – Nông thôn")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('nông thôn mới')")
    wait_done(page)
    hits = results(page)
    assert hits and all(h["section"] == "Nông nghiệp – Nông thôn" for h in hits)
    assert "«nông thôn mới»" in page.text_content("#search-status")


def test_a_campaign_title_pasted_with_its_quotes_finds_the_campaign_first(page, demo):
    """The index keeps no syllable pair across punctuation; the query asks for none either, so the pasted title
    still reaches the phrase tiers (before, a pair across the quote matched nothing and the page came second)."""
    hits = run_query(page, demo, 'Phong trào thi đua "Dân vận khéo"')
    assert hits[0]["href"].rstrip("/").endswith("phong-trao/dan-van-kheo"), [h["href"] for h in hits[:3]]


def test_the_kind_of_page_is_searchable(page, demo):
    """Exemplar profiles are "Gương điển hình" pages: a search for "điển hình" lists them, even those whose own text
    never says it."""
    hits = run_query(page, demo, "gương điển hình")
    profiles = [h for h in hits if "/dien-hinh/" in h["href"]]
    assert len(profiles) >= 3, [h["href"] for h in hits]


def test_more_results_button(page, demo):
    hits = run_query(page, demo, "Sơn Hà")
    status = page.text_content("#search-status")
    assert len(hits) == 10 and "Tìm thấy" in status
    page.click("#search-more")
    page.wait_for_function("document.querySelectorAll('#search-results > li').length > 10")


def test_header_box_loads_nothing_until_focused(chromium, demo):
    context = chromium.new_context()
    page = context.new_page()
    seen = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(demo)
    page.wait_for_load_state("networkidle")
    assert any(u.endswith("search-loader.js") for u in seen)
    assert not [u for u in seen if u.endswith("/search.js") or "/chi-muc/" in u]
    page.focus("#o-tim-kiem")
    page.wait_for_function("!!window.sonHaSearch")
    page.wait_for_load_state("networkidle")
    assert [u for u in seen if u.endswith("/search.js")]
    page.fill("#o-tim-kiem", "dien hinh")
    page.press("#o-tim-kiem", "Enter")
    wait_done(page)
    assert "/tim-kiem/?q=dien+hinh" in page.url
    assert results(page)
    context.close()


def test_results_page_without_javascript(chromium, demo):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(search_url(demo, "thi đua"))
    assert "cần JavaScript" in page.text_content("#search-status")
    context.close()


def test_first_and_second_query_bytes(chromium, demo):
    """A first query on the demo site costs little; the browser cache serves the fixed parts the second time."""
    context = chromium.new_context()
    page = context.new_page()
    transfer = Transfer(page)
    page.goto(demo)
    page.wait_for_load_state("networkidle")
    transfer.take()
    page.goto(search_url(demo, "thi đua"))
    wait_done(page)
    first = transfer.take()
    assert any("/chi-muc/index.json" in url for url, _ in first)
    assert sum(len(body) for _, body in first) < 250_000
    context.close()


ARTICLE = """Title: {title}
Slug: {slug}
Date: {date}
Category: Xã hội
Author: Thu Hà
Summary: Tin ngắn {n}.

{body}
"""


@pytest.fixture(scope="module")
def ranking_site(tmp_path_factory):
    """Three articles: the exact phrase, the same letters with other marks, and the syllables far apart."""
    root = tmp_path_factory.mktemp("search-ranking")
    content = root / "content"
    folder = content / "articles" / "2026-01"
    folder.mkdir(parents=True)
    (content / "pages").mkdir()
    filler = "Buổi sáng trời trong xanh, người dân ra đồng làm việc từ rất sớm."
    bodies = {
        # The newest articles carry the weaker matches, so date order alone would get the ranking wrong.
        "exact": ("Bài số một", "2026-01-01 08:00", f"Cả xã hưởng ứng phong trào thi đua sôi nổi. {filler}"),
        "marks": ("Bài số hai", "2026-01-02 08:00", f"Các cháu nhỏ thì đùa nghịch bên bờ sông. {filler}"),
        "apart": ("Bài số ba", "2026-01-03 08:00", f"Ông đi thi năm ngoái. {filler} Đội bóng đua tranh ngôi đầu."),
    }
    for n, (name, (title, date, body)) in enumerate(bodies.items()):
        text = ARTICLE.format(title=title, slug=name, date=date, body=body, n=n)
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    output = root / "output"
    build(content, output, settings={"CACHE_PATH": str(root / "cache"), "LOAD_CONTENT_CACHE": False})
    with serve(output) as base:
        yield base


@pytest.mark.parametrize(("query", "order"), [
    ("thi đua", ["exact", "marks", "apart"]),
    ("THI ĐUA", ["exact", "marks", "apart"]),
    ("thì đùa", ["marks", "exact", "apart"]),
    ("thi dua", ["marks", "exact", "apart"]),  # no marks typed: both phrases tie, the newer first
])
def test_exact_marks_then_phrase_then_scattered(page, ranking_site, query, order):
    hits = run_query(page, ranking_site, query)
    assert [slug(h) for h in hits] == order
