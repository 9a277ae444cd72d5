"""A small, correct site written into a temporary folder, for the checker's tests to break one rule at a time."""

from __future__ import annotations

from pathlib import Path

from checker.site import load_settings
from PIL import Image

from tests.sitebuild import ROOT

SITE_NOW = "2026-11-27 08:00"

GOOD_ARTICLE = """Title: Chị Nguyễn Thị Hoa đưa lúa hữu cơ về đất An Phú
Date: 2026-05-14 08:00
Category: Điển hình tiên tiến
Tags: điển hình tiên tiến, lúa hữu cơ
Author: Vũ Ngọc Anh
Summary: Từ một cán bộ khuyến nông xã, chị Nguyễn Thị Hoa đã thuyết phục hàng trăm hộ dân An Phú bỏ phân hóa học.
Cover: chi-hoa-1.jpg
Campaigns: chung-suc-xay-dung-nong-thon-moi
Exemplars: nguyen-thi-hoa
Related: hop-tac-xa-an-phu-ky-hop-dong-xuat-khau-gao

Năm 2018, khi chị Hoa lần đầu đề xuất làm lúa hữu cơ, nhiều người ở xã An Phú lắc đầu.

![Chị Nguyễn Thị Hoa kiểm tra lúa trên cánh đồng](chi-hoa-1.jpg)
Chị Nguyễn Thị Hoa kiểm tra sinh trưởng của lúa trên cánh đồng hữu cơ xã An Phú.
*Ảnh: Vũ Ngọc Anh*

Xem thêm [hợp đồng xuất khẩu]({filename}hop-tac-xa.md), [phong trào](/phong-trao/chung-suc-xay-dung-nong-thon-moi/)
và [chuyên mục Kinh tế](/chuyen-muc/kinh-te/).
"""

OTHER_ARTICLE = """Title: Hợp tác xã An Phú ký hợp đồng xuất khẩu gạo
Date: 2026-05-20 09:30
Category: Kinh tế
Author: Minh Thư
Summary: Hợp tác xã Nông nghiệp An Phú vừa ký hợp đồng xuất khẩu 300 tấn gạo hữu cơ sang thị trường châu Âu.

Hợp đồng được ký kết tại trụ sở hợp tác xã với sự chứng kiến của lãnh đạo huyện Tân Lập.
"""

CAMPAIGN = """Title: Phong trào thi đua "Chung sức xây dựng nông thôn mới"
Slug: chung-suc-xay-dung-nong-thon-moi
Document: Kế hoạch số 45/KH-UBND
Issuer: Ủy ban nhân dân tỉnh Sơn Hà
Document_date: 2026-03-20
Start: 2026-04-01
Scope: toàn tỉnh
Stage: đang phát động
Goals: 100% số xã đạt chuẩn nông thôn mới

Phong trào được UBND tỉnh phát động ngày 12/4/2026.
"""

EXEMPLAR = """Title: Nguyễn Thị Hoa
Slug: nguyen-thi-hoa
Kind: cá nhân
Unit: Hợp tác xã Nông nghiệp An Phú
District: huyện Tân Lập
Field: nông nghiệp
Achievements: Đưa 45 ha lúa hữu cơ vào sản xuất
Campaigns: chung-suc-xay-dung-nong-thon-moi

Chị Nguyễn Thị Hoa, sinh năm 1979, là Giám đốc Hợp tác xã Nông nghiệp An Phú.
"""

PAGE = """Title: Giới thiệu

Báo Sơn Hà là cơ quan ngôn luận của tỉnh Sơn Hà.
"""


def photo(path: Path, size=(1600, 1067)) -> None:
    Image.new("RGB", size, (120, 160, 90)).save(path, "JPEG", quality=80)


def write_good_site(root: Path) -> Path:
    content = root / "content"
    month = content / "articles" / "2026-05"
    month.mkdir(parents=True)
    (month / "chi-hoa.md").write_text(GOOD_ARTICLE, encoding="utf-8")
    (month / "hop-tac-xa.md").write_text(OTHER_ARTICLE, encoding="utf-8")
    photo(month / "chi-hoa-1.jpg")
    for folder, name, text in (("campaigns", "chung-suc-xay-dung-nong-thon-moi.md", CAMPAIGN),
                               ("exemplars", "nguyen-thi-hoa.md", EXEMPLAR), ("pages", "gioi-thieu.md", PAGE)):
        (content / folder).mkdir()
        (content / folder / name).write_text(text, encoding="utf-8")
    return content


def settings_for(content: Path, **extra) -> dict:
    return load_settings(ROOT / "pelicanconf.py", override={"PATH": str(content), "SITE_NOW": SITE_NOW, **extra})
