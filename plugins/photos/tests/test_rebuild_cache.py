"""A rebuild that takes the photo scan from the cache (CACHE_PATH/photos-scan.pickle) writes the same bytes as a cold
build, after each kind of change an editor makes; a damaged scan cache is ignored."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from PIL import Image

from bench.textgen import write_archive
from tests.sitebuild import build
from tests.sitebuild import output_digests as tree

# Little image work: one JPEG width, no AVIF/WebP.
PHOTOS = {"PHOTOS_FORMATS": [], "PHOTOS_WIDTHS": [480]}


def backdate(root: Path) -> None:
    """Files as an archive has them: modified long before the build (the scan cache trusts only those)."""
    old = time.time() - 3600
    for path in root.rglob("*"):
        os.utime(path, (old, old))


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    write_archive(14, content, campaigns=1, exemplars=1, photo_share=0.5)
    (content / "pages").mkdir(exist_ok=True)
    backdate(content)
    return content


def articles(content: Path, cover: bool) -> list[Path]:
    return [p for p in sorted((content / "articles").rglob("*.md")) if ("\nCover:" in p.read_text("utf-8")) == cover]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def text_changed(content: Path) -> None:
    path = articles(content, cover=True)[0]
    path.write_text(path.read_text("utf-8") + "\nĐoạn mới bổ sung sau khi đăng.\n", encoding="utf-8")


def photo_replaced(content: Path) -> None:
    """Another picture under the same file name (a new file, as an editor's copy makes it)."""
    path = articles(content, cover=True)[1]
    name = next(line for line in path.read_text("utf-8").splitlines() if line.startswith("Cover:")).split(": ")[1]
    photo = path.parent / name
    replacement = photo.with_name("moi.tmp")
    Image.new("RGB", (900, 600), (30, 120, 200)).save(replacement, "JPEG")
    os.replace(replacement, photo)


def covers_changed(content: Path) -> None:
    """One article gains a lead photo; another loses its Cover line and its body photo (no lead photo any more)."""
    gains, loses = articles(content, cover=False)[0], articles(content, cover=True)[-1]
    photo = next(p for p in gains.parent.glob("*.jpg"))
    edit(gains, "\nSlug:", f"\nCover: {photo.name}\nCover_caption: Ảnh mới thêm.\nCover_credit: Ảnh: PV\nSlug:")
    blocks = [block for block in loses.read_text("utf-8").split("\n\n") if not block.startswith("![")]
    header = "\n".join(line for line in blocks[0].splitlines() if not line.startswith("Cover"))
    loses.write_text("\n\n".join([header, *blocks[1:]]), encoding="utf-8")


def damaged_cache(cache: Path):
    def breaker(content: Path) -> None:
        scan = cache / "photos-scan.pickle"
        data = bytearray(scan.read_bytes())
        data[len(data) // 2] ^= 0xFF
        scan.write_bytes(bytes(data))
        text_changed(content)

    return breaker


def test_rebuild_with_scan_cache_matches_cold_build(site, tmp_path):
    photos_cache = tmp_path / "photos"  # derivatives: shared by all builds, as on a developer's machine
    settings = {**PHOTOS, "CACHE_PATH": str(tmp_path / "cache"), "PHOTOS_CACHE_PATH": str(photos_cache)}
    output = tmp_path / "incremental"
    build(site, output, settings=settings)
    markdown_files = len(list(site.rglob("*.md")))
    stats = json.loads((photos_cache / "last-build.json").read_text())
    assert stats["markdown_read"] == markdown_files

    steps = [
        ("text", text_changed, 1),
        ("photo-and-covers", lambda c: (photo_replaced(c), covers_changed(c)), 2),
        ("damaged-cache", damaged_cache(tmp_path / "cache"), 1),
    ]
    edited = 0  # Markdown files edited so far: only they may be read again (twice if edited just before a build)
    for name, change, files in steps:
        change(site)
        edited += files
        build(site, output, settings=settings)
        stats = json.loads((photos_cache / "last-build.json").read_text())
        if name == "damaged-cache":
            assert stats["markdown_read"] == markdown_files, name  # the damaged file was ignored
        else:
            assert 0 < stats["markdown_read"] <= edited, name
        cold = tmp_path / f"cold-{name}"
        build(site, cold, settings={**settings, "CACHE_PATH": str(tmp_path / f"cache-{name}")})
        assert tree(output) == tree(cold), name

