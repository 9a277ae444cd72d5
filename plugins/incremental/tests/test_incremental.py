"""A rebuild over the last output re-renders only what changed, and ends byte-identical to a cold build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench.textgen import generate, write_site
from tests.sitebuild import build
from tests.sitebuild import output_digests as tree

MANIFEST = ".incremental.json"


def stats(output: Path) -> dict[str, int]:
    return json.loads((output / MANIFEST).read_text(encoding="utf-8"))["last_build"]


def article_files(content: Path) -> list[Path]:
    return sorted((content / "articles").rglob("*.md"))


def add_article(content: Path) -> None:
    extra = next(generate(1, seed=99, words_per_article=80))
    extra.slug = "bai-moi-them"
    write_site([extra], content)


# One change at a time, each followed by an incremental and a cold build of the same content.
EDITS = [
    ("body", lambda c: (p := article_files(c)[7]).write_text(p.read_text("utf-8") + "\nĐoạn mới.\n", "utf-8")),
    ("title", lambda c: (p := article_files(c)[3]).write_text(
        p.read_text("utf-8").replace("Title: ", "Title: Cập nhật: ", 1), "utf-8")),
    ("deleted", lambda c: article_files(c)[12].unlink()),
    ("added", add_article),
]


def test_rebuild_after_each_change_matches_a_cold_build(small_site, tmp_path):
    incremental = tmp_path / "incremental"
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    build(small_site, incremental, settings=settings)
    build(small_site, incremental, settings=settings)
    unchanged = stats(incremental)
    # only the site-wide pages (home, indexes of sections, tags, authors, archives, 404) render again
    assert unchanged["rendered"] == unchanged["always"] <= 12 and unchanged["skipped"] > 40

    for name, edit in EDITS:
        edit(small_site)
        build(small_site, incremental, settings=settings)
        after = stats(incremental)
        cold = tmp_path / f"cold-{name}"
        build(small_site, cold, settings={"CACHE_PATH": str(tmp_path / f"cache-{name}")})
        assert tree(incremental) == tree(cold), name
        assert after["skipped"] > 0, name
        if name == "body":
            assert after["rendered"] <= unchanged["rendered"] + 1
        if name == "deleted":
            assert after["removed"] >= 1


def test_changed_theme_rerenders_everything(small_site, tmp_path):
    output = tmp_path / "out"
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[3] / "theme", theme)
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "THEME": str(theme)}
    build(small_site, output, settings=settings)
    css = theme / "static" / "css" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* đổi */\n", encoding="utf-8")
    build(small_site, output, settings=settings)
    result = stats(output)
    assert result["skipped"] == 0
    manifest = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["pages"]) > 40
