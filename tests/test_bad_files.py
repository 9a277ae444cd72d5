"""The demo plus every kind of bad file: a preview build names each bad file and line in Vietnamese and still builds
the rest of the site; a real (`--fatal errors`) build fails and leaves the previous output untouched."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, soup

GOOD = "Title: {title}\nDate: 2026-01-{day:02d} 08:00\nCategory: Xã hội\n{extra}\n{body}\n"


def article(title, day, body="Nội dung bài viết.", extra=""):
    return GOOD.format(title=title, day=day, body=body, extra=extra)


@pytest.fixture(scope="module")
def bad_content(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad-files")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    folder = content / "articles" / "2026-01"
    folder.mkdir()
    files = {
        "utf8.md": article("Hỏng mã", 1).encode() + b"\nD\xf2ng n\xe0y h\xe1ng.\n",
        "nhi-phan.md": next((ROOT / "content").rglob("*.jpg")).read_bytes(),
        "rong.md": b"",
        "qua-lon.md": article("Quá lớn", 2, "Chữ " * 1_700_000).encode(),
        "nghin-the.md": article("Nghìn thẻ", 3, extra="Tags: " + ", ".join(f"thẻ {i}" for i in range(1000))).encode(),
        "ngay-sai.md": b"Title: Ng\xc3\xa0y sai\nDate: 2026-02-30\n\nx\n",
        # Handled, not refused: NFD text and control characters in metadata are cleaned.
        "nfd.md": unicodedata.normalize("NFD", article("Hòa Bình đổi mới", 4, "Tiếng Việt tổ hợp.")).encode(),
        "dieu-khien.md": article("Tin\x07 có\x1b ký tự\u202e lạ", 5, extra="Author: Lê\x08 Văn B").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    outside = base / "ngoai.md"
    outside.write_text(article("Bài bên ngoài", 6), encoding="utf-8")
    (folder / "lien-ket.md").symlink_to(outside)
    return content


EXPECTED = {
    "utf8.md:7": "UTF-8",
    "nhi-phan.md": "nhị phân",
    "rong.md:1": "tệp rỗng",
    "qua-lon.md": "quá lớn",
    "nghin-the.md:4": "quá nhiều chủ đề (1000",
    "ngay-sai.md:2": "ngày giờ “2026-02-30”",
    "lien-ket.md": "ra ngoài thư mục nội dung",
}


def pelican(content, output, *extra):
    # Its own cache: Pelican writes cache files in place, and other builds may run in parallel (pytest -n).
    cache = ["-e", f'CACHE_PATH="{output.parent / "cache"}"']
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"), *extra,
         *cache],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "1000"},
    )  # fmt: skip


def test_preview_names_each_bad_file_and_builds_the_rest(bad_content, demo_site, tmp_path):
    output = tmp_path / "output"
    result = pelican(bad_content, output)
    assert result.returncode == 0, result.stderr
    log = result.stdout + result.stderr
    errors = [line for line in log.splitlines() if " lỗi: " in line]
    for where, message in EXPECTED.items():
        assert any(f"2026-01/{where}:" in line and message in line for line in errors), (where, errors)
    assert len(errors) == len(EXPECTED)
    # Pelican's own line for each skipped file is in Vietnamese too.
    assert "Could not process" not in log and log.count("bỏ qua tệp") == len(EXPECTED), log
    # Every demo page is still there, plus the two files that were cleaned rather than refused.
    demo_pages = {p.relative_to(demo_site).as_posix() for p in demo_site.glob("20*/*/*.html")}
    built = {p.relative_to(output).as_posix() for p in output.glob("20*/*/*.html")}
    assert demo_pages <= built
    assert built - demo_pages == {"2026/01/hoa-binh-doi-moi.html", "2026/01/tin-co-ky-tu-la.html"}
    page = soup(output / "2026" / "01" / "tin-co-ky-tu-la.html")
    assert page.find("h1").get_text() == "Tin có ký tự lạ"
    assert page.select_one(".author a").get_text() == "Lê Văn B"
    nfd = soup(output / "2026" / "01" / "hoa-binh-doi-moi.html")
    assert nfd.find("h1").get_text() == unicodedata.normalize("NFC", "Hòa Bình đổi mới")
    assert unicodedata.is_normalized("NFC", (output / "2026" / "01" / "hoa-binh-doi-moi.html").read_text("utf-8"))
    assert not re.search(
        r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202e]", "".join(p.read_text("utf-8") for p in built_files(output))
    )


def built_files(output: Path):
    return [p for p in output.rglob("*.html")]


def test_real_build_fails_and_keeps_previous_output(bad_content, tmp_path):
    output = tmp_path / "output"
    good = pelican(ROOT / "content", output, "--fatal", "errors")
    assert good.returncode == 0, good.stderr
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in output.rglob("*") if p.is_file()}
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build.py"), str(bad_content), "-o", str(output),
         "-s", str(ROOT / "pelicanconf.py"), "--fatal", "errors", "-e", f'CACHE_PATH="{tmp_path / "cache"}"'],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "1000"},
    )  # fmt: skip
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert ": lỗi: " in log
    # An editor's mistake, not a bug: Vietnamese lines only, no Python traceback.
    assert "Traceback" not in log and "RuntimeError" not in log and "dừng dựng trang vì lỗi ở trên" in log, log
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in output.rglob("*") if p.is_file()} == before
