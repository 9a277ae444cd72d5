"""The pieces a rebuild reuses: the scan cache (per Markdown file) and the per-build resolver (real paths)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from photos.images import PhotoError
from photos.library import Resolver, resolve_src
from photos.scancache import CACHE_NAME, ScanCache

ARTICLE = "Title: Bài\nCover: a.jpg\n\n![Ảnh](b.jpg)\nChú thích.\n*Ảnh: PV*\n\nĐoạn ![x](c.jpg) giữa.\n"


def old(path: Path) -> None:
    stamp = time.time() - 3600
    os.utime(path, (stamp, stamp))


def test_scan_cache_reads_only_changed_files(tmp_path):
    article = tmp_path / "bai.md"
    article.write_text(ARTICLE, encoding="utf-8")
    old(article)
    first = ScanCache(tmp_path / "cache")
    found = first.found(str(article))
    assert found == ([("a.jpg", 2)], [(4, "b.jpg", True), (8, "c.jpg", False)]) and first.read == 1
    first.save()

    again = ScanCache(tmp_path / "cache")
    assert again.found(str(article)) == found and again.read == 0

    article.write_text(ARTICLE.replace("Cover: a.jpg", "Cover: d.jpg"), encoding="utf-8")  # same size, new mtime
    changed = ScanCache(tmp_path / "cache")
    assert changed.found(str(article))[0] == [("d.jpg", 2)] and changed.read == 1
    changed.save()
    # Modified just now: not kept yet (a second edit within the clock's resolution would go unseen), read again.
    later = ScanCache(tmp_path / "cache")
    later.found(str(article))
    assert later.read == 1


def test_scan_cache_sees_a_file_replaced_with_its_old_modification_time(tmp_path):
    article = tmp_path / "bai.md"
    article.write_text(ARTICLE, encoding="utf-8")
    old(article)
    cache = ScanCache(tmp_path / "cache")
    cache.found(str(article))
    cache.save()
    before = article.stat()
    copy = tmp_path / "copy.md"  # as rsync -t or cp -p would bring it: same size, same modification time
    copy.write_text(ARTICLE.replace("Cover: a.jpg", "Cover: z.jpg"), encoding="utf-8")
    os.utime(copy, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(copy, article)
    assert article.stat().st_mtime_ns == before.st_mtime_ns and article.stat().st_size == before.st_size
    again = ScanCache(tmp_path / "cache")
    assert again.found(str(article))[0] == [("z.jpg", 2)] and again.read == 1


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty"])
def test_damaged_scan_cache_is_ignored(tmp_path, damage):
    article = tmp_path / "bai.md"
    article.write_text(ARTICLE, encoding="utf-8")
    old(article)
    cache = ScanCache(tmp_path / "cache")
    expected = cache.found(str(article))
    cache.save()
    path = tmp_path / "cache" / CACHE_NAME
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-5] ^= 0x01
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = bytearray(b"\x80\x05not a pickle at all")
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    reread = ScanCache(tmp_path / "cache")
    assert reread.found(str(article)) == expected and reread.read == 1


def test_resolver_agrees_with_resolve_src(tmp_path):
    content = tmp_path / "content"
    folder = content / "articles" / "2026-05"
    folder.mkdir(parents=True)
    (folder / "a.jpg").write_bytes(b"jpeg")
    (folder / "sub").mkdir()
    (folder / "sub" / "b.jpg").write_bytes(b"jpeg")
    (content / "shared").mkdir()
    (content / "shared" / "c.jpg").write_bytes(b"jpeg")
    (folder / "link").symlink_to(content / "shared")  # a folder link inside content
    (folder / "out").symlink_to(tmp_path)  # a folder link leaving content
    (folder / "l.jpg").symlink_to(folder / "a.jpg")
    (tmp_path / "secret.jpg").write_bytes(b"jpeg")
    source = str(folder / "bai.md")
    names = ["a.jpg", "sub/b.jpg", "./a.jpg", "sub/../a.jpg", "link/c.jpg", "link/../a.jpg", "link/../shared/c.jpg",
             "out/secret.jpg", "../../../secret.jpg", "l.jpg", "sub", "missing.jpg", "sub/", "..", "link/..",
             "https://x.vn/a.jpg", "/etc/passwd", "<a.jpg>", "a%20.jpg", ""]
    resolver = Resolver(str(content))

    def answer(function):
        try:
            return function()
        except PhotoError as exc:
            return f"error: {exc}"

    for _ in range(2):  # the second round comes from the resolver's memory
        for name in names:
            expected = answer(lambda n=name: resolve_src(n, source, str(content)))
            assert answer(lambda n=name: resolver(n, source)) == expected, name
    assert answer(lambda: resolver("link/../a.jpg", source)).startswith("error")  # the link is followed first


def test_markdown_files_honour_ignore_files(tmp_path):
    import fnmatch

    from photos import _markdown_files

    ignore = [".#*", "*.jpg", "PHOTOS.md", "README.md", "nhap[0-9]*", "[!b]*.mkd"]
    names = ["bai.md", ".#bai.md", "PHOTOS.md", "photos.md", "README.md", "xREADME.md", "a.mkd", "b.mkd", "nhap1.md",
             "nhap.md", "anh.jpg", "anh.jpg.md", "ghi-chu.txt"]
    for folder in ("articles", "nhap2", "articles/2026-05"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        for name in names:
            (tmp_path / folder / name).write_text("Title: x\n", encoding="utf-8")
    expected = sorted(
        str(path) for path in tmp_path.rglob("*")
        if path.suffix in (".md", ".mkd") and path.is_file()
        and not any(fnmatch.fnmatch(part, p) for part in path.relative_to(tmp_path).parts for p in ignore)
    )
    assert sorted(_markdown_files({"PATH": str(tmp_path), "IGNORE_FILES": ignore})) == expected
    assert len(expected) == 2 * 6
