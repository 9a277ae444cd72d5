"""How the incremental writer puts a page on disk: new files in place, existing ones replaced atomically."""

import os

import pytest
from incremental.writer import open_for_writing


def test_new_file_is_written_in_place_with_readable_permissions(tmp_path):
    page = tmp_path / "trang.html"
    old_umask = os.umask(0o077)
    try:
        with open_for_writing(str(page), "utf-8") as out:
            out.write("Thi đua yêu nước")
    finally:
        os.umask(old_umask)
    assert page.read_text(encoding="utf-8") == "Thi đua yêu nước"
    assert page.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["trang.html"]


def test_existing_file_is_replaced_and_a_hard_link_to_it_keeps_the_old_page(tmp_path):
    live, seeded = tmp_path / "live.html", tmp_path / "seeded.html"
    live.write_text("cũ", encoding="utf-8")
    os.link(live, seeded)  # what tools/build.py's seed does
    with open_for_writing(str(seeded), "utf-8") as out:
        out.write("mới")
    assert seeded.read_text(encoding="utf-8") == "mới"
    assert live.read_text(encoding="utf-8") == "cũ"


@pytest.mark.parametrize("exists", [False, True])
def test_a_failed_write_leaves_no_partial_page(tmp_path, exists):
    page = tmp_path / "trang.html"
    if exists:
        page.write_text("bản trước", encoding="utf-8")
    with pytest.raises(RuntimeError), open_for_writing(str(page), "utf-8") as out:
        out.write("nửa trang")
        raise RuntimeError("template error")
    if exists:
        assert page.read_text(encoding="utf-8") == "bản trước"
    else:
        assert not page.exists()
    assert [p.name for p in tmp_path.iterdir()] == (["trang.html"] if exists else [])
