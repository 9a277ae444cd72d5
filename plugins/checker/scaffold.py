"""`python -m checker.scaffold article|campaign|exemplar TITLE [--section S]`: a new content file from a template.

The file gets its place and slug from the title, the current date and time (Asia/Ho_Chi_Minh; SITE_NOW injects the
clock), the author from BAO_AUTHOR / AUTHOR or `git config user.name`, `Status: draft`, and a hint for every field
in an HTML comment at the top of the body (readers never see it). Values still to write are "…", which `make check`
reports. An existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import vntext
from vncontent.errors import display_path

from . import schedule
from .rules import section_key, suggest
from .site import load_settings

PLACEHOLDER = "…"


def author_name() -> str:
    for variable in ("BAO_AUTHOR", "AUTHOR"):
        if os.environ.get(variable, "").strip():
            return vntext.nfc(os.environ[variable].strip())
    try:
        result = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return vntext.nfc(result.stdout.strip())


def resolve_section(section: str, sections: list[str]) -> str:
    """The section as written in SECTIONS (marks and case may differ), or ValueError with a suggestion."""
    wanted = section_key(section, marks=False)  # typed on a command line, often without marks
    for name in sections:
        if section_key(name, marks=False) == wanted:
            return name
    listing = "; ".join(sections)
    if not section.strip():
        raise ValueError(f"chưa chọn chuyên mục: thêm SECTION=\"...\", một trong: {listing}")
    hint = suggest(section, sections)
    raise ValueError(f"chuyên mục “{section}” không có trong danh sách{hint} (các chuyên mục: {listing})")


def article_text(title: str, section: str, author: str, moment, slug: str, settings: dict) -> str:
    low, high = settings.get("CHECKER_SAPO_LENGTH", (80, 400))
    sections = ", ".join(settings.get("SECTIONS", []))
    return f"""Title: {title}
Date: {moment:%Y-%m-%d %H:%M}
Category: {section}
Tags:
Author: {author}
Summary: {PLACEHOLDER}
Status: draft

<!-- HƯỚNG DẪN (bạn đọc không thấy khối này; xóa đi khi viết xong).
Phần đầu tệp là các dòng “Trường: giá trị”, kết thúc ở dòng trống; trường tùy chọn thì chép lên đó khi cần.
Title: tiêu đề bài; địa chỉ bài lấy từ tiêu đề ({slug}), nên đổi tên tệp theo nếu sửa tiêu đề.
Date: ngày giờ đăng theo giờ Việt Nam, dạng 2026-11-27 08:30; ghi giờ tương lai để hẹn giờ đăng.
Category: một trong các chuyên mục: {sections}.
Tags: các chủ đề, cách nhau bằng dấu phẩy, ví dụ: thi đua, nông thôn mới (có thể để trống).
Author: họ tên tác giả; nhiều tác giả thì viết Authors: Tên A, Tên B.
Summary: sapo (đoạn dẫn) từ {low} đến {high} ký tự, viết thay cho dấu “{PLACEHOLDER}”.
Status: draft là bản nháp, không đăng; xóa dòng này khi bài sẵn sàng đăng.
Slug: (tùy chọn) địa chỉ riêng, chữ thường không dấu nối bằng gạch ngang, ví dụ: le-phat-dong-thi-dua.
Modified: (tùy chọn) ngày giờ cập nhật khi sửa bài đã đăng, dạng 2026-11-28 09:00.
Cover: (tùy chọn) tên tệp ảnh đại diện, đặt cùng thư mục với bài, ví dụ: le-phat-dong-1.jpg.
Campaigns: (tùy chọn) slug các phong trào thi đua (tên tệp trong content/campaigns), cách nhau bằng dấu phẩy.
Exemplars: (tùy chọn) slug các điển hình tiên tiến (tên tệp trong content/exemplars).
Related: (tùy chọn) slug các bài liên quan muốn ghim dưới bài.
Ảnh trong bài: dòng ảnh (dấu chấm than, [mô tả ảnh], (tên tệp)), dòng dưới là chú thích, rồi dòng “*Ảnh: Tên*”.
Kiểm tra: make check; xem trước: make devserver.
-->
"""


def campaign_text(title: str, slug: str, moment) -> str:
    return f"""Title: {title}
Slug: {slug}
Document: {PLACEHOLDER}
Issuer: {PLACEHOLDER}
Document_date: {moment:%Y-%m-%d}
Start: {moment:%Y-%m-%d}
Scope: toàn tỉnh
Stage: đang phát động
Goals: {PLACEHOLDER}
Status: draft

<!-- HƯỚNG DẪN (bạn đọc không thấy khối này; xóa đi khi viết xong).
Title: tên phong trào thi đua, ví dụ: Phong trào thi đua "Chung sức xây dựng nông thôn mới" giai đoạn 2026–2030.
Slug: địa chỉ của phong trào (phong-trao/{slug}/); các bài viết và điển hình ghi slug này ở dòng Campaigns.
Document: số hiệu văn bản phát động, ví dụ: Kế hoạch số 45/KH-UBND.
Issuer: cơ quan ban hành, ví dụ: Ủy ban nhân dân tỉnh Sơn Hà.
Document_date: ngày ban hành văn bản, dạng 2026-03-20.
Start: ngày bắt đầu; End: (tùy chọn) ngày kết thúc, dạng 2030-12-31.
Scope: phạm vi: toàn tỉnh / ngành / địa phương.
Stage: giai đoạn: đang phát động / đã sơ kết / đã tổng kết.
Goals: mục tiêu, mỗi mục một dòng; các dòng sau lùi vào 4 dấu cách.
Cover, Cover_caption, Cover_credit: (tùy chọn) tệp ảnh bìa đặt cạnh tệp này, chú thích và nguồn ảnh (Ảnh: Tên).
Status: draft là bản nháp, không đăng; xóa dòng này khi sẵn sàng đăng.
Nội dung: giới thiệu phong trào, viết sau khối hướng dẫn này.
-->
"""


def exemplar_text(title: str, slug: str) -> str:
    return f"""Title: {title}
Slug: {slug}
Kind: cá nhân
Unit: {PLACEHOLDER}
District: {PLACEHOLDER}
Field: {PLACEHOLDER}
Achievements: {PLACEHOLDER}
Status: draft

<!-- HƯỚNG DẪN (bạn đọc không thấy khối này; xóa đi khi viết xong).
Title: họ tên cá nhân hoặc tên tập thể; Slug: địa chỉ (dien-hinh/{slug}/), các bài viết ghi slug này ở dòng Exemplars.
Kind: cá nhân / tập thể.
Unit: đơn vị công tác; Commune: (tùy chọn) xã, phường; District: huyện, thị xã, thành phố.
Field: lĩnh vực, ví dụ: nông nghiệp, giáo dục, y tế.
Achievements: thành tích, mỗi thành tích một dòng; các dòng sau lùi vào 4 dấu cách.
Awards: (tùy chọn) khen thưởng, mỗi dòng “Tên danh hiệu | năm | cơ quan khen thưởng”, các dòng sau lùi vào 4 dấu cách.
Portrait, Portrait_caption, Portrait_credit: (tùy chọn) tệp ảnh chân dung đặt cạnh tệp này, chú thích, nguồn ảnh.
Campaigns: (tùy chọn) slug các phong trào thi đua (tên tệp trong content/campaigns), cách nhau bằng dấu phẩy.
Status: draft là bản nháp, không đăng; xóa dòng này khi sẵn sàng đăng.
Nội dung: câu chuyện của điển hình, viết sau khối hướng dẫn này.
-->
"""


def create(kind: str, title: str, settings: dict, section: str = "", content: Path | None = None) -> Path:
    """Write the new file and return its path; ValueError (in Vietnamese) when it cannot be created."""
    title = " ".join(vntext.clean_text(title).split())
    if not title:
        variable = "TITLE" if kind == "article" else "NAME"  # what `make new` / `make new-campaign` take
        raise ValueError(f"chưa có tiêu đề: thêm {variable}=\"...\"")
    slug = vntext.slugify(title)
    if not slug:
        raise ValueError(f"không tạo được địa chỉ (slug) từ tiêu đề “{title}”: hãy dùng chữ hoặc số")
    content = Path(content or settings["PATH"])
    moment = schedule.now(settings)
    if kind == "article":
        section = resolve_section(section, settings.get("SECTIONS", []))
        path = content / "articles" / f"{moment:%Y-%m}" / f"{slug}.md"
        same = [p for p in (content / "articles").rglob(f"{slug}.md") if p != path]
        if same:
            raise ValueError(f"đã có bài cùng địa chỉ “{slug}”: {display_path(same[0])}; hãy đặt tiêu đề khác")
        text = article_text(title, section, author_name(), moment, slug, settings)
    elif kind == "campaign":
        path = content / "campaigns" / f"{slug}.md"
        text = campaign_text(title, slug, moment)
    elif kind == "exemplar":
        path = content / "exemplars" / f"{slug}.md"
        text = exemplar_text(title, slug)
    else:
        raise ValueError(f"không biết loại nội dung “{kind}”: dùng article, campaign hoặc exemplar")
    if path.exists():
        raise ValueError(f"tệp {display_path(path)} đã có; không ghi đè. Hãy mở tệp đó để sửa, hoặc đặt tiêu đề khác")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.scaffold", description=__doc__)
    parser.add_argument("kind", choices=["article", "campaign", "exemplar"])
    parser.add_argument("title")
    parser.add_argument("--section", default="")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--content", type=Path)
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    try:
        path = create(args.kind, args.title, settings, args.section, args.content)
    except ValueError as error:
        print(f"lỗi: {error}", file=sys.stderr)
        return 1
    print(f"Đã tạo {os.path.relpath(path)} (bản nháp). Mở tệp để viết, rồi chạy: make check")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
