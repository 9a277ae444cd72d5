"""The editors' syntax and `photos.lint` (what `make check` calls), on real files in a temporary content folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from photos import lint
from photos.syntax import parse_block, plain, scan


def test_parse_single_photo():
    block = parse_block([
        "![Lãnh đạo tỉnh trao cờ](le-trao-co.jpg)",
        "Lãnh đạo UBND tỉnh trao cờ thi đua",
        "cho các đơn vị dẫn đầu.",
        "Trong ảnh: ông Nguyễn Văn A (thứ hai từ trái).",
        "*Ảnh: Hoàng Huy*",
    ])
    assert [(i.alt, i.src) for i in block.images] == [("Lãnh đạo tỉnh trao cờ", "le-trao-co.jpg")]
    assert block.caption == "Lãnh đạo UBND tỉnh trao cờ thi đua\ncho các đơn vị dẫn đầu."
    assert block.in_photo == "Trong ảnh: ông Nguyễn Văn A (thứ hai từ trái)."
    assert block.credit == "Ảnh: Hoàng Huy"


def test_parse_group_and_variants():
    block = parse_block(["![](a.jpg)", '![Hai](<thư mục/b.jpg> "tiêu đề")', "Chung một chú thích.", "_Ảnh: PV_"])
    assert [(i.alt, i.src) for i in block.images] == [("", "a.jpg"), ("Hai", "thư mục/b.jpg")]
    assert block.caption == "Chung một chú thích." and block.credit == "Ảnh: PV"
    assert parse_block(["Đoạn văn có ![ảnh](x.jpg) ở giữa."]) is None
    only = parse_block(["![Chỉ có ảnh](x.jpg)"])
    assert only.caption == "" and only.credit == ""
    assert parse_block(["![x](y.jpg)", "Ảnh tư liệu: Bảo tàng tỉnh"]).credit == "Ảnh tư liệu: Bảo tàng tỉnh"


def test_plain_and_scan():
    assert plain("Người dân *xã* [An Phú](https://x) **vui**") == "Người dân xã An Phú vui"
    meta, images = scan("Title: A\nCover: c.jpg\n\nVăn bản.\n\n    ![code](no.jpg)\n\n```\n![x](no2.jpg)\n```\n\n"
                        "![Ảnh](yes.jpg)\nChú thích\n")
    assert meta["cover"] == ("c.jpg", 2)
    assert images == [(12, "yes.jpg", True)]
    assert scan("Chữ ![a](b.jpg)\n\nChữ\n![c](d.jpg)\n")[1] == [(1, "b.jpg", False), (4, "d.jpg", False)]


@pytest.fixture
def site(tmp_path) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    Image.new("RGB", (64, 48), (10, 120, 30)).save(content / "articles" / "ok.jpg")
    (content / "articles" / "not-image.jpg").write_text("xin chào", encoding="utf-8")
    Image.new("RGB", (10, 10)).save(tmp_path / "outside.jpg")
    return content


def run(site: Path, body: str, header: str = "") -> list:
    path = site / "articles" / "bai.md"
    text = f"Title: Bài\n{header}\n{body}"
    path.write_text(text, encoding="utf-8")
    return lint(text, path)


def test_lint_clean(site):
    body = "Mở đầu.\n\n![Mô tả](ok.jpg)\nChú thích.\n*Ảnh: PV*\n"
    assert run(site, body, "Cover: ok.jpg\n") == []


def test_lint_warnings(site):
    body = "Mở đầu.\n\n![](ok.jpg)\nChú thích dùng làm mô tả.\n\n![Ảnh](ok.jpg)\n"
    problems = run(site, body)
    assert (5, "warning") in [(line, level) for line, level, _ in problems]
    messages = {line: [] for line, _, _ in problems}
    for line, _, message in problems:
        messages[line].append(message)
    assert any("alt" in m for m in messages[5])
    assert any("chú thích" in m for m in messages[8]) and any("tác giả" in m for m in messages[8])
    assert all(level == "warning" for _, level, _ in problems)


def test_lint_errors(site):
    body = (
        "Mở đầu.\n\n"
        "![Không có](thieu.jpg)\nCâu.\n*Ảnh: PV*\n\n"
        "![Ngoài](../../outside.jpg)\nCâu.\n*Ảnh: PV*\n\n"
        "![Hỏng](not-image.jpg)\nCâu.\n*Ảnh: PV*\n\n"
        "Một câu có ![ảnh](ok.jpg) ở giữa.\n"
    )
    problems = run(site, body, "Cover: mat-tich.jpg\n")
    errors = [(line, message) for line, level, message in problems if level == "error"]
    assert [line for line, _ in errors] == [2, 6, 10, 14, 18]
    assert "Cover" in errors[0][1] and "không tìm thấy" in errors[0][1]
    assert "không tìm thấy" in errors[1][1]
    assert "ngoài thư mục content" in errors[2][1]
    assert "không phải là ảnh" in errors[3][1]
    assert "dòng riêng" in errors[4][1]


def test_lint_cover_outside_body_needs_caption(site):
    problems = run(site, "Chỉ có chữ.\n", "Cover: ok.jpg\n")
    assert [(line, level) for line, level, _ in problems] == [(2, "warning"), (2, "warning")]
    assert run(site, "Chỉ có chữ.\n", "Cover: ok.jpg\nCover_caption: Cánh đồng.\nCover_credit: Ảnh: PV\n") == []


@pytest.mark.parametrize("decode", [True, False])
def test_lint_finds_a_cut_photo_with_or_without_decoding(site, decode):
    """`make check` lints without decoding (decode=False), yet a photo cut short in copying is an error there too,
    in Vietnamese only (no Pillow text), before `make html` would stop on it."""
    whole = site / "articles" / "whole.jpg"
    Image.new("RGB", (640, 480), (200, 30, 30)).save(whole, quality=90)
    (site / "articles" / "cut.jpg").write_bytes(whole.read_bytes()[:-200])
    path = site / "articles" / "bai.md"
    text = "Title: Bài\n\nMở đầu.\n\n![Cắt](cut.jpg)\nCâu.\n*Ảnh: PV*\n\n![Đủ](whole.jpg)\nCâu.\n*Ảnh: PV*\n"
    path.write_text(text, encoding="utf-8")
    errors = [(line, message) for line, level, message in lint(text, path, decode=decode) if level == "error"]
    assert [line for line, _ in errors] == [5]
    assert "cắt cụt" in errors[0][1] and "truncated" not in errors[0][1]
