"""Small hand-made sites built by a real `pelican` process: both boxes, pins, drafts and bad pins."""

from __future__ import annotations

from pathlib import Path

from tests.sitebuild import build, soup

TEXTS = {
    "lua": "Nông dân xã An Phú thu hoạch lúa hữu cơ. Hợp tác xã bao tiêu lúa gạo hữu cơ, năng suất lúa tăng.",
    "truong": "Trường tiểu học khai giảng năm học mới. Giáo viên chuẩn bị sách giáo khoa cho học sinh vùng cao.",
}


def write(content: Path, slug: str, title: str, day: int, section: str, topic: str, **meta) -> None:
    folder = content / "articles" / "2026-05"
    folder.mkdir(parents=True, exist_ok=True)
    head = [f"Title: {title}", f"Date: 2026-05-{day:02d} 08:00", f"Category: {section}", "Author: Minh Thư",
            f"Summary: {TEXTS[topic].split('.')[0]}.", f"Slug: {slug}"]
    head += [f"{key.capitalize()}: {value}" for key, value in meta.items()]
    (folder / f"{slug}.md").write_text("\n".join(head) + "\n\n" + TEXTS[topic] + "\n", encoding="utf-8")


def site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    for day in range(1, 8):
        write(content, f"lua-{day}", f"Mùa lúa hữu cơ số {day}", day, "Nông nghiệp – Nông thôn", "lua")
        write(content, f"truong-{day}", f"Năm học mới số {day}", day, "Giáo dục – Y tế", "truong")
    write(content, "ban-nhap", "Bản nháp về lúa hữu cơ", 20, "Nông nghiệp – Nông thôn", "lua", status="draft")
    write(content, "ghim", "Bài có bài ghim", 9, "Nông nghiệp – Nông thôn", "lua",
          related="truong-2, truong-5", tags="lúa hữu cơ")
    return content


def links(page: Path, selector: str) -> list[str]:
    section = soup(page).select_one(selector)
    assert section is not None, f"{selector} missing in {page}"
    return [a["href"].rsplit("/", 1)[-1].removesuffix(".html") for a in section.select("li a")]


def test_boxes_pins_and_drafts(tmp_path):
    output = tmp_path / "output"
    build(site(tmp_path), output)
    page = output / "2026" / "05" / "ghim.html"
    related = links(page, "section.related-news")
    assert related[:2] == ["truong-2", "truong-5"]
    assert len(related) == 5
    assert all(slug.startswith("lua-") for slug in related[2:])
    same = links(page, "section.same-category")
    # The newest others of its section, leaving out those already related (7 - 3 = 4 here).
    assert same == [f"lua-{day}" for day in range(7, 0, -1) if f"lua-{day}" not in related]
    box = soup(page).select_one("section.same-category")
    assert box.select_one("h2").get_text(strip=True) == "Tin cùng chuyên mục"
    assert box.select_one("li time")["datetime"].startswith("2026-05-")
    for html in output.glob("2026/05/*.html"):
        assert "ban-nhap" not in links(html, "section.related-news") + links(html, "section.same-category")


def test_unknown_pin_stops_the_build_naming_file_and_line(tmp_path):
    content = site(tmp_path)
    write(content, "sai", "Bài ghim sai", 10, "Giáo dục – Y tế", "truong", related="khong-co-bai-nay")
    result = build(content, tmp_path / "output", check=False)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "sai.md:7: lỗi: bài liên quan “khong-co-bai-nay” không tồn tại" in log.replace("\n", "")
