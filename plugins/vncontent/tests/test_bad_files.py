"""Hostile and broken editor files get a Vietnamese ContentError naming the file and line, or are cleaned."""

import os
import unicodedata
from pathlib import Path

import pytest
from pelican.settings import read_settings

from vncontent.errors import ContentError
from vncontent.reader import VietnameseMarkdownReader
from vncontent.source import check_source_file, decode_source

ROOT = Path(__file__).resolve().parents[3]
GOOD = "Title: Tin tốt\nDate: 2026-01-02 08:00\nTags: a, b\n\nNội dung.\n"


@pytest.fixture
def reader(tmp_path):
    (tmp_path / "content").mkdir()
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path / "content")})
    return VietnameseMarkdownReader(settings)


def write(reader, name, data: bytes | str) -> Path:
    path = Path(reader.settings["PATH"]) / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def error_of(reader, path) -> ContentError:
    with pytest.raises(ContentError) as info:
        reader.read(str(path))
    assert info.value.path == str(path)
    return info.value


def test_good_file_reads(reader):
    content, metadata = reader.read(str(write(reader, "tot.md", GOOD)))
    assert metadata["title"] == "Tin tốt" and metadata["slug"] == "tin-tot" and "Nội dung." in content


def test_invalid_utf8_names_the_line(reader):
    error = error_of(reader, write(reader, "hong.md", GOOD.encode() + b"\nd\xf2ng h\xe1ng\n"))
    assert error.line == 7 and "UTF-8" in error.message
    assert str(error).startswith(f"{reader.settings['PATH']}/hong.md:7: lỗi: ")


def test_binary_file_named_md(reader):
    photo = next((ROOT / "content").rglob("*.jpg")).read_bytes()
    error = error_of(reader, write(reader, "anh.md", photo))
    assert "nhị phân" in error.message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_says_how_to_save_it(reader, encoding):
    """Notepad's "Unicode" (UTF-16, with or without its byte-order mark) is named as such, not as binary data."""
    error = error_of(reader, write(reader, "unicode.md", GOOD.encode(encoding)))
    assert error.line == 1 and "UTF-16" in error.message and "UTF-8" in error.message


@pytest.mark.parametrize("data", ["", "\n\n   \n", "\ufeff", "\x07\x08\n"])
def test_empty_file(reader, data):
    error = error_of(reader, write(reader, "rong.md", data))
    assert error.line == 1 and "tệp rỗng" in error.message


def test_missing_or_empty_title(reader):
    assert "thiếu dòng “Title" in error_of(reader, write(reader, "a.md", "Date: 2026-01-01\n\nChữ.\n")).message
    error = error_of(reader, write(reader, "b.md", "Date: 2026-01-01\nTitle: \x07 \n\nChữ.\n"))
    assert error.line == 2


def test_huge_file_is_refused_before_reading(reader):
    path = write(reader, "lon.md", GOOD + "Chữ " * 1_700_000)  # about 10 MB
    assert path.stat().st_size > 10_000_000
    error = error_of(reader, path)
    assert "quá lớn" in error.message and "(10,2 MB" in error.message


def test_thousand_tags(reader):
    tags = ", ".join(f"chủ đề {i}" for i in range(1000))
    error = error_of(reader, write(reader, "the.md", f"Title: Nhiều thẻ\nDate: 2026-01-01\nTags: {tags}\n\nChữ.\n"))
    assert error.line == 3 and "1000" in error.message


def test_bad_date_names_its_line(reader):
    error = error_of(reader, write(reader, "ngay.md", "Title: Ngày sai\nCategory: Kinh tế\nDate: 32/13/2026\n\nx\n"))
    assert error.line == 3 and "2026-11-19 10:30" in error.message


def test_nfd_text_is_read_as_nfc(reader):
    nfd = unicodedata.normalize("NFD", "Title: Hòa Bình đổi mới\nDate: 2026-01-01\n\nTiếng Việt có dấu.\n")
    content, metadata = reader.read(str(write(reader, "nfd.md", nfd)))
    assert metadata["title"] == unicodedata.normalize("NFC", "Hòa Bình đổi mới")
    assert metadata["slug"] == "hoa-binh-doi-moi"
    assert unicodedata.is_normalized("NFC", content)


def test_control_characters_in_metadata_are_dropped(reader):
    text = "Title: Tin\x07 \x1b[31mđỏ\x7f\u202egnaht\nDate: 2026-01-01\nAuthor: Lê\x08 Văn\x0c A\n\nChữ\x00\n"
    path = write(reader, "dieu-khien.md", text.replace("\x00", ""))
    _, metadata = reader.read(str(path))
    assert metadata["title"] == "Tin [31mđỏgnaht"
    assert metadata["author"].name == "Lê Văn A"


def test_symlink_out_of_content_is_refused(reader, tmp_path):
    outside = tmp_path / "ngoai.md"
    outside.write_text(GOOD, encoding="utf-8")
    link = Path(reader.settings["PATH"]) / "lien-ket.md"
    link.symlink_to(outside)
    assert "ra ngoài thư mục nội dung" in error_of(reader, link).message
    # A folder symlinked from outside is refused too; a link inside content/ is fine.
    (tmp_path / "thu-muc").mkdir()
    (tmp_path / "thu-muc" / "bai.md").write_text(GOOD, encoding="utf-8")
    (Path(reader.settings["PATH"]) / "thu-muc").symlink_to(tmp_path / "thu-muc")
    error_of(reader, Path(reader.settings["PATH"]) / "thu-muc" / "bai.md")
    inside = write(reader, "that.md", GOOD)
    (Path(reader.settings["PATH"]) / "bi-danh.md").symlink_to(inside)
    assert reader.read(str(Path(reader.settings["PATH"]) / "bi-danh.md"))[1]["title"] == "Tin tốt"


def test_decode_and_check_directly(tmp_path):
    with pytest.raises(ContentError, match="nhị phân"):
        decode_source(b"Title: x\n\nab\x00c", "x.md")
    assert decode_source(b"\xef\xbb\xbfTitle: x", "x.md") == "Title: x"
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 101)
    with pytest.raises(ContentError, match="quá lớn"):
        check_source_file(big, tmp_path, max_bytes=100)
    check_source_file(big, tmp_path, max_bytes=101)
    os.chmod(big, 0o644)


@pytest.mark.parametrize(("line", "field"), [("Tags: kinh tế, ???", 3), ("Author: …", 3), ("Category: --", 3)])
def test_taxonomy_names_without_letters(reader, line, field):
    error = error_of(reader, write(reader, "ten.md", f"Title: Tên lạ\nDate: 2026-01-01\n{line}\n\nx\n"))
    assert error.line == field and "không có chữ cái hay chữ số" in error.message


@pytest.mark.parametrize("field", ["Save_as: index.html", "URL: index.html", "Template: ../../etc/passwd"])
def test_fields_that_choose_the_address_are_refused(reader, field):
    error = error_of(reader, write(reader, "dia-chi.md", f"Title: Chiếm trang chủ\nDate: 2026-01-01\n{field}\n\nx\n"))
    assert error.line == 3 and "không được dùng trường" in error.message


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31 23:59", "1850-05-05"])
def test_dates_outside_a_sane_range(reader, date):
    error = error_of(reader, write(reader, "xa.md", f"Title: Xa xưa\nDate: {date}\n\nx\n"))
    assert error.line == 2 and "1900–2100" in error.message


def test_article_without_date(reader):
    folder = Path(reader.settings["PATH"]) / "articles"
    folder.mkdir()
    error = error_of(reader, write(reader, "articles/khong-ngay.md", "Title: Không ngày\n\nx\n"))
    assert "thiếu dòng “Date" in error.message
    # A page needs none.
    assert reader.read(str(write(reader, "trang.md", "Title: Trang\n\nx\n")))[1]["title"] == "Trang"


def test_field_written_twice(reader):
    error = error_of(reader, write(reader, "hai.md", "Title: Một\nDate: 2026-01-01\nTitle: <b>Hai</b>\n\nx\n"))
    assert error.line == 3 and "viết hai lần" in error.message and "dòng 1" in error.message


@pytest.mark.parametrize("field", ["Tags:", "Authors:", "Tags: ,", "Author:"])
def test_empty_list_fields_are_dropped(reader, field):
    _, metadata = reader.read(str(write(reader, "rong-truong.md", f"Title: Tin\nDate: 2026-01-01\n{field}\n\nx\n")))
    assert metadata["title"] == "Tin"
    assert all(isinstance(v, (str, list, dict)) or hasattr(v, "name") or hasattr(v, "year") for v in metadata.values())


def test_one_reader_reads_each_file_as_a_fresh_one_would(reader):
    """The reader reuses one Markdown instance: footnotes, heading ids, abbreviations and metadata of one file
    never leak into the next, and a file that failed leaves nothing behind."""
    files = [
        "Title: Một\nDate: 2026-01-02 08:00\nSummary: Sapo *một*.\n\n## Mục\n\nCâu[^1].\n\n[^1]: Chú thích.\n\n"
        "*[HTX]: Hợp tác xã\n\nHTX mới.\n",
        "Title: Lỗi\nDate: 2026-13-45 08:00\n\n## Mục\n\nCâu[^a].\n\n[^a]: Khác.\n",
        "Title: Hai\nDate: 2026-01-03 08:00\n\n## Mục\n\nHTX khác[^1].\n\n[^1]: Chú thích hai.\n",
    ]
    paths = [write(reader, f"bai-{i}.md", text) for i, text in enumerate(files)]
    shared = []
    for path in paths:
        try:
            shared.append(reader.read(str(path)))
        except ContentError:
            shared.append(None)
    fresh = []
    for path in paths:
        try:
            fresh.append(VietnameseMarkdownReader(reader.settings).read(str(path)))
        except ContentError:
            fresh.append(None)
    assert shared == fresh and shared[1] is None
    assert "Hợp tác xã" not in shared[2][0] and 'id="muc"' in shared[2][0]
