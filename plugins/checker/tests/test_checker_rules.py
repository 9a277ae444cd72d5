"""Each rule of `make check` on a broken article: the message, the file and the line."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from checker.problems import ERROR, WARNING
from checker.rules import check
from checker.site import read_site
from checker_fixtures import GOOD_ARTICLE, settings_for, write_good_site


@pytest.fixture
def content(tmp_path) -> Path:
    return write_good_site(tmp_path)


def run(content: Path, **settings) -> list:
    return check(read_site(settings_for(content, **settings), content))


def broken(content: Path, text: str, name: str = "articles/2026-05/bai-loi.md") -> tuple[Path, list]:
    """Write one broken file; return its path and the problems of that file as (line, level, message)."""
    path = content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = run(content)
    return path, [(p.line, p.level, p.message) for p in problems if Path(p.path) == path]


def article(**fields) -> str:
    """The good article with some header fields replaced (value None removes the field)."""
    head, body = GOOD_ARTICLE.split("\n\n", 1)
    lines = []
    for line in head.splitlines():
        key = line.split(":", 1)[0].lower()
        if key in fields:
            if fields[key] is not None:
                lines.append(f"{line.split(':', 1)[0]}: {fields.pop(key)}")
            else:
                fields.pop(key)
        else:
            lines.append(line)
    lines += [f"{key.capitalize()}: {value}" for key, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n\n" + body


def with_body(title: str, body: str) -> str:
    """The good article's header under another title and without its cover, then `body`."""
    return article(title=title, cover=None).split("\n\n", 1)[0] + "\n\n" + body


def assert_problem(found, line: int, level: str, *words: str) -> None:
    matching = [p for p in found if p[0] == line and p[1] == level and all(w in p[2] for w in words)]
    assert matching, f"no {level} at line {line} with {words}: {found}"


def test_the_good_site_has_no_problem(content):
    assert run(content) == []


def test_missing_title(content):
    _, found = broken(content, article(title=None, slug="bai-khong-tieu-de"))
    assert_problem(found, 1, ERROR, "thiếu tiêu đề", "Title:")


def test_a_long_title_is_a_warning(content):
    title = "Sơn Hà " + "tuyên dương các tập thể, cá nhân điển hình tiên tiến " * 2 + "năm 2026"
    assert len(title) > 110
    _, found = broken(content, article(title=title))
    assert_problem(found, 1, WARNING, f"tiêu đề dài {len(title)} ký tự (nên tới 110)")
    assert len(found) == 1, found
    _, found = broken(content, article(title=title[:110]))  # the same file, 110 characters
    assert found == [], found


def test_missing_date(content):
    _, found = broken(content, article(title="Bài không ngày", date=None))
    assert_problem(found, 1, ERROR, "thiếu ngày đăng", "Date:")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-13-45 08:00", ("không hiểu ngày đăng “2026-13-45 08:00”", "2026-11-27 08:30")),
        ("hôm qua", ("không hiểu ngày đăng",)),
        ("1920-05-14 08:00", ("trước năm 1945",)),
        ("2036-05-14 08:00", ("xa hơn 366 ngày", "kiểm tra lại năm")),
    ],
)
def test_absurd_dates(content, value, words):
    _, found = broken(content, article(title="Bài sai ngày", date=value))
    assert_problem(found, 2, ERROR, *words)


def test_a_date_not_written_year_first_is_a_warning_saying_how_it_is_read(content):
    _, found = broken(content, article(title="Bài ngày kiểu Mỹ", date="05/06/2026 08:00"))
    assert_problem(found, 2, WARNING, "ngày đăng “05/06/2026 08:00” không viết theo dạng năm-tháng-ngày",
                   "trang web hiểu là Thứ Tư, 06/05/2026 - 08:00", "hãy viết 2026-05-06 08:00")


def test_a_scheduled_date_within_a_year_is_fine(content):
    _, found = broken(content, article(title="Bài hẹn giờ", date="2027-01-02 06:00"))
    assert found == []


def test_modified_before_date_is_a_warning(content):
    _, found = broken(content, article(title="Bài sửa", modified="2026-05-01 10:00"))
    assert_problem(found, 11, WARNING, "Modified", "sớm hơn ngày đăng")


def test_section_not_in_the_list_suggests_the_closest(content):
    _, found = broken(content, article(title="Bài sai chuyên mục", category="Kinh te"))
    assert_problem(found, 3, ERROR, "chuyên mục “Kinh te” không có trong danh sách", "ý bạn là “Kinh tế”?")


@pytest.mark.parametrize("written", ["kinh tế", "Nông nghiệp - Nông thôn", "Nông nghiệp —  nông thôn"])
def test_a_section_written_with_another_dash_says_how_to_write_it(content, written):
    """Only the dash, the spacing or the case differ: the two look alike on screen, so the message shows the exact
    name to copy instead of a bare "did you mean"."""
    _, found = broken(content, article(title="Bài chuyên mục gần đúng", category=written))
    expected = "Kinh tế" if "inh" in written else "Nông nghiệp – Nông thôn"
    assert_problem(found, 3, ERROR, f"chuyên mục “{written}” phải viết đúng như trong danh sách: “{expected}”")
    assert len(found) == 1, found


def test_missing_section(content):
    _, found = broken(content, article(title="Bài không chuyên mục", category=None))
    assert_problem(found, 1, ERROR, "thiếu chuyên mục", "Thi đua – Khen thưởng")


def test_missing_author(content):
    _, found = broken(content, article(title="Bài không tác giả", author=None))
    assert_problem(found, 1, ERROR, "thiếu tác giả", "Author:")


def test_missing_sapo(content):
    _, found = broken(content, article(title="Bài không sapo", summary=None))
    assert_problem(found, 1, ERROR, "thiếu sapo", "80–400")


@pytest.mark.parametrize(("summary", "word"), [("Quá ngắn.", "ngắn: 9 ký tự"), ("Rất dài. " * 50, "dài: 449 ký tự")])
def test_sapo_length(content, summary, word):
    _, found = broken(content, article(title="Bài sapo sai độ dài", summary=summary))
    assert_problem(found, 6, ERROR, f"sapo quá {word}", "từ 80 đến 400")


def test_bad_status(content):
    _, found = broken(content, article(title="Bài trạng thái lạ", status="nháp"))
    assert_problem(found, 11, ERROR, "trạng thái “nháp” không hợp lệ", "draft")


def test_duplicate_slugs_name_both_files(content):
    _, found = broken(content, article())  # same title as chi-hoa.md
    assert_problem(found, 1, ERROR, "trùng slug “chi-nguyen-thi-hoa-dua-lua-huu-co-ve-dat-an-phu”",
                   "articles/2026-05/chi-hoa.md", "articles/2026-05/bai-loi.md", "Slug:")
    other = [p for p in run(content) if p.path.endswith("chi-hoa.md")]
    assert [(p.line, p.level) for p in other] == [(1, ERROR)]


def test_explicit_slug_must_be_valid(content):
    _, found = broken(content, article(title="Bài slug sai", slug="Bài Lỗi"))
    assert_problem(found, 11, ERROR, "slug “Bài Lỗi” không hợp lệ", "bai-loi")


def test_unknown_campaign_suggests_the_closest(content):
    _, found = broken(content, article(title="Bài sai phong trào", campaigns="chung-suc-xay-dung-nong-thon"))
    assert_problem(found, 8, ERROR, "không có phong trào thi đua nào có slug “chung-suc-xay-dung-nong-thon”",
                   "(trong content/campaigns)", "ý bạn là “chung-suc-xay-dung-nong-thon-moi” (Phong trào thi đua")


def test_unknown_exemplar_suggests_the_closest(content):
    _, found = broken(content, article(title="Bài sai điển hình", exemplars="dien-hinh, nguyen-thi-hao"))
    assert_problem(found, 9, ERROR, "không có điển hình nào có slug “nguyen-thi-hao”",
                   "ý bạn là “nguyen-thi-hoa” (Nguyễn Thị Hoa)?")
    assert_problem(found, 9, ERROR, "không có điển hình nào có slug “dien-hinh”", "“nguyen-thi-hoa”")


def test_campaign_fields_are_checked_by_the_campaigns_plugin(content):
    text = (content / "campaigns" / "chung-suc-xay-dung-nong-thon-moi.md").read_text(encoding="utf-8")
    _, found = broken(content, text.replace("Slug: chung-suc-xay-dung-nong-thon-moi", "Slug: phong-trao-moi")
                      .replace("Stage: đang phát động", "Stage: đang làm"), "campaigns/phong-trao-moi.md")
    assert_problem(found, 8, ERROR, "giá trị “đang làm” không hợp lệ cho “Stage”", "đang phát động")
    assert len(found) == 1


def test_exemplar_awards_are_checked_by_the_campaigns_plugin(content):
    text = (content / "exemplars" / "nguyen-thi-hoa.md").read_text(encoding="utf-8")
    _, found = broken(content, text.replace("Slug: nguyen-thi-hoa", "Slug: nguyen-thi-hoa-2").replace(
        "Campaigns:", "Awards: Chiến sĩ thi đua cấp tỉnh | năm ngoái | UBND tỉnh\nCampaigns:"), "exemplars/hoa-2.md")
    assert_problem(found, 8, ERROR, "năm “năm ngoái” của khen thưởng “Chiến sĩ thi đua cấp tỉnh” không hợp lệ")


def test_references_are_slugs_not_names(content):
    _, found = broken(content, article(title="Bài ghi tên điển hình", exemplars="Nguyễn Thị Hoa"))
    assert_problem(found, 9, ERROR, "“Nguyễn Thị Hoa” không phải slug: hãy viết “nguyen-thi-hoa”")


def test_unknown_related_article(content):
    _, found = broken(content, article(title="Bài sai bài liên quan", related="hop-tac-xa-an-phu-ky-hop-dong"))
    assert_problem(found, 10, ERROR, "không có bài viết nào có slug “hop-tac-xa-an-phu-ky-hop-dong”",
                   "ý bạn là “hop-tac-xa-an-phu-ky-hop-dong-xuat-khau-gao”?")


def test_exemplar_campaigns_are_checked_too(content):
    text = (content / "exemplars" / "nguyen-thi-hoa.md").read_text(encoding="utf-8")
    _, found = broken(content, text.replace("Slug: nguyen-thi-hoa", "Slug: nguyen-thi-hoa-2").replace(
        "Campaigns: chung-suc-xay-dung-nong-thon-moi", "Campaigns: dan-van-kheo"), "exemplars/hoa-2.md")
    assert_problem(found, 8, ERROR, "không có phong trào thi đua nào có slug “dan-van-kheo”")


def test_internal_links_resolve(content):
    body = (
        "Đọc [bài cũ]({filename}../2026-05/khong-co.md) và [bài này]({filename}/articles/2026-05/chi-hoa.md).\n\n"
        "Xem [phong trào](/phong-trao/chung-suc-xay-dung-nong-thon/) và "
        "[bài](https://baosonha.vn/2026/05/chi-nguyen-thi-hoa-dua-lua-huu-co-ve-dat-an-phu.html).\n\n"
        "Xem [tệp](hop-tac-xa.md) và [trang ngoài](https://example.org/x.html).\n\n"
        "[ref]: /gioi-thieu-bao/\n"
    )
    text = with_body("Bài có liên kết", body)
    _, found = broken(content, text)
    assert_problem(found, 11, ERROR, "liên kết “{filename}../2026-05/khong-co.md” trỏ tới tệp không tồn tại")
    assert_problem(found, 13, ERROR, "liên kết “/phong-trao/chung-suc-xay-dung-nong-thon/” không dẫn tới trang nào",
                   "ý bạn là “/phong-trao/chung-suc-xay-dung-nong-thon-moi/”?")
    assert_problem(found, 15, ERROR, "“hop-tac-xa.md” trỏ thẳng tới tệp Markdown", "{filename}hop-tac-xa.md")
    assert_problem(found, 17, ERROR, "“/gioi-thieu-bao/” không dẫn tới trang nào", "ý bạn là “/gioi-thieu/”?")
    assert len(found) == 4, found


def test_raw_html_that_the_site_strips(content):
    body = (
        "Đoạn đầu.\n\n<script>alert(1)</script>\n\n<p onclick=\"x()\">Chữ</p>\n\n"
        "`<script>` trong mã thì không sao.\n"
    )
    text = with_body("Bài có HTML", body)
    _, found = broken(content, text)
    assert_problem(found, 13, WARNING, "<script>", "sẽ bị trang web loại bỏ")
    assert_problem(found, 15, WARNING, "onclick", "sẽ bị trang web loại bỏ")
    assert all(line in (13, 15) for line, _, _ in found), found


def test_raw_html_left_open_is_an_error_where_it_opens(content):
    """An unclosed <div> makes Markdown take the rest of the article as HTML (photos and bold as raw text)."""
    body = (
        "Đoạn đầu có <b>chữ đậm</b>, <https://baosonha.vn/> và <ban-doc@baosonha.vn>.\n\n"
        '<div class="hop"><b>Chữ đậm không đóng\n\nĐoạn sau.\n\n'
        "<section\n  class='ngoai'>\n\n<p>Đoạn HTML không cần thẻ đóng<br>\n\n</section>\n\n"
        "`<div>` trong mã thì không sao.\n\n```\n<table>\n```\n\n</span>\n\n"
        '    <div class="ma-nguon">\n    <b>\n\nDùng `<span\nclass="x">` trong mã, qua hai dòng.\n'
    )
    text = with_body("Bài có HTML hở", body)
    _, found = broken(content, text)
    # Autolinks and HTML that needs no end tag are fine; the line of the open <div> and <b> is given.
    assert_problem(found, 13, ERROR, "thẻ HTML <div> không được đóng", "</div>")
    assert_problem(found, 13, ERROR, "thẻ HTML <b> không được đóng")
    assert_problem(found, 30, WARNING, "thẻ đóng </span>")
    assert len(found) == 3, found
    # A draft may be unfinished: a warning until it is published.
    _, found = broken(content, text.replace("Title:", "Status: draft\nTitle:", 1))
    assert sorted((line, level) for line, level, _ in found) == [(14, WARNING), (14, WARNING), (31, WARNING)]


def test_links_with_an_unsafe_scheme_are_a_warning(content):
    body = "Đoạn đầu.\n\n[bấm vào đây](javascript:alert(1)) và [thư](mailto:toa-soan@baosonha.vn).\n"
    text = with_body("Bài có liên kết lạ", body)
    _, found = broken(content, text)
    assert_problem(found, 13, WARNING, "“javascript:alert(1”", "giao thức không an toàn")
    assert len(found) == 1, found


def test_text_not_in_nfc_is_a_warning_with_its_line(content):
    decomposed = unicodedata.normalize("NFD", "Hợp tác xã")
    text = article(title="Bài chữ tổ hợp").replace("Năm 2018,", f"Năm 2018, {decomposed}")
    _, found = broken(content, text)
    assert_problem(found, 12, WARNING, "chữ “Hợp” không ở dạng Unicode dựng sẵn (NFC)")
    assert len(found) == 1


def test_hidden_characters_are_a_warning_with_their_line(content):
    text = article(title="Bài có\u200b ký tự ẩn").replace("Năm 2018,", "Năm\u00ad 2018,\u202e")
    _, found = broken(content, text)
    assert_problem(found, 1, WARNING, "ký tự ẩn", "U+200B")
    assert_problem(found, 12, WARNING, "ký tự ẩn", "U+00AD, U+202E")
    assert len(found) == 2, found


def test_empty_body(content):
    _, found = broken(content, article(title="Bài trống").split("\n\n", 1)[0] + "\n\n<!-- ghi chú -->\n")
    assert_problem(found, 12, ERROR, "bài chưa có nội dung")


def test_file_that_is_not_utf8(content):
    path = content / "articles" / "2026-06" / "latin1.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(article(title="Bài mã cũ").encode("utf-8").replace("Vũ Ngọc Anh".encode(), b"V\xfb"))
    found = [(p.line, p.level, p.message) for p in run(content) if Path(p.path) == path]
    assert_problem(found, 5, ERROR, "không phải văn bản UTF-8")


def test_photos_exist_with_alt_caption_and_credit(content):
    """The photo rules are the photos plugin's `lint` (its levels: a missing file is an error, a missing alt text,
    caption or credit is reported at the image's line)."""
    body = (
        "Đoạn đầu.\n\n"
        "![](chi-hoa-1.jpg)\nChú thích ảnh đầy đủ.\n*Ảnh: PV*\n\n"
        "![Ảnh không có tệp](khong-co.jpg)\nChú thích.\n*Ảnh: PV*\n\n"
        "![Ảnh thiếu nguồn](chi-hoa-1.jpg)\nChú thích nhưng không có dòng nguồn.\n\n"
        "![Ảnh thiếu chú thích](chi-hoa-1.jpg)\n*Ảnh: PV*\n"
    )
    text = article(title="Bài ảnh lỗi").split("\n\n", 1)[0] + "\n\n" + body
    _, found = broken(content, text)
    assert any(line == 14 and "alt" in message for line, _, message in found), found
    assert any(line == 18 and level == ERROR and "khong-co.jpg" in message for line, level, message in found), found
    assert any(line == 22 and "Ảnh:" in message for line, _, message in found), found
    assert any(line == 25 and "chú thích" in message for line, _, message in found), found
    assert {line for line, _, _ in found} <= {14, 18, 22, 25}, found


def test_a_missing_cover_is_an_error(content):
    _, found = broken(content, article(title="Bài thiếu ảnh bìa", cover="khong-co.jpg"))
    assert any(line == 7 and level == ERROR and "khong-co.jpg" in message for line, level, message in found), found


def test_publication_problems_of_a_draft_are_warnings(content):
    _, found = broken(content, article(title="Bản nháp", summary=None, status="draft").split("\n\n", 1)[0] + "\n\n")
    assert_problem(found, 1, WARNING, "thiếu sapo", "bản nháp")
    assert_problem(found, 11, WARNING, "bài chưa có nội dung", "bản nháp")
    assert not [p for p in found if p[1] == ERROR]


def test_scaffold_placeholders_are_reported(content):
    _, found = broken(content, article(title="Bài mẫu", summary="…"))
    assert_problem(found, 6, ERROR, "chưa điền trường “Summary”")


def test_every_problem_at_once_sorted_by_file_and_line(content):
    broken(content, article(title="Bài nhiều lỗi", date="2026-02-30", category="Thể thao", author=None))
    (content / "pages" / "trong.md").write_text("Title: Trang trống\n\n", encoding="utf-8")
    problems = run(content)
    keys = [(str(p.path), p.line) for p in problems]
    assert keys == sorted(keys)
    assert {Path(p.path).name for p in problems} == {"bai-loi.md", "trong.md"}
    assert len([p for p in problems if p.path.endswith("bai-loi.md")]) == 3


@pytest.mark.parametrize("written", ["Nông nghiệp – Nông thôn", "Nông nghiệp - Nông thôn", "nong nghiep nong thon"])
def test_make_new_takes_the_section_as_listed_or_as_typed(written):
    from checker.scaffold import resolve_section

    sections = ["Kinh tế", "Nông nghiệp – Nông thôn", "Giáo dục – Y tế"]
    assert resolve_section(written, sections) == "Nông nghiệp – Nông thôn"
    assert resolve_section("Giáo dục – Y tế", sections) == "Giáo dục – Y tế"
