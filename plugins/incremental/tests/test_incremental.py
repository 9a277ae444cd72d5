"""A rebuild over the last output re-renders only what changed, and ends byte-identical to a cold build."""

from __future__ import annotations

import json
import runpy
import shutil
from pathlib import Path

from bench.textgen import generate, write_site
from tests.sitebuild import ROOT, build
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


def test_pages_no_longer_built_go_even_when_everything_rerenders(small_site, tmp_path):
    """One build both changes a setting (every page re-renders, none is skipped) and loses an article: its page,
    and the folders only it filled, go as in any rebuild."""
    output = tmp_path / "out"
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    build(small_site, output, settings=settings)
    manifest = json.loads((output / MANIFEST).read_text(encoding="utf-8"))["pages"]
    article_files(small_site)[5].unlink()
    changed = {**settings, "SITENAME": "Báo Sơn Hà điện tử"}
    build(small_site, output, settings=changed)
    cold = tmp_path / "cold"
    build(small_site, cold, settings={**changed, "CACHE_PATH": str(tmp_path / "cache-cold")})
    assert stats(output)["skipped"] == 0 and stats(output)["removed"] >= 1
    assert tree(output) == tree(cold)
    assert len(manifest) > len(json.loads((output / MANIFEST).read_text(encoding="utf-8"))["pages"])


def test_changed_reading_settings_read_every_file_again(small_site, tmp_path):
    """Pelican's reader cache keeps each file's HTML and looks only at the file's date: a Markdown setting changed
    between two builds must still reach the articles nobody touched."""
    article = article_files(small_site)[2]
    article.write_text(article.read_text("utf-8") + "\n## Kết quả bước đầu\n\nĐoạn cuối.\n", "utf-8")
    output = tmp_path / "out"
    settings = {"CACHE_PATH": str(tmp_path / "cache")}
    build(small_site, output, settings=settings)
    assert "headerlink" not in "".join(p.read_text("utf-8") for p in output.rglob("*.html"))
    markdown = runpy.run_path(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
    markdown["extension_configs"]["markdown.extensions.toc"] = {"permalink": True}
    build(small_site, output, settings={**settings, "MARKDOWN": markdown})
    cold = tmp_path / "cold"
    build(small_site, cold, settings={"CACHE_PATH": str(tmp_path / "cache-cold"), "MARKDOWN": markdown})
    assert "headerlink" in "".join(p.read_text("utf-8") for p in cold.rglob("*.html"))
    assert tree(output) == tree(cold)
    # The next build in the same environment reads from the cache again, and still matches.
    build(small_site, output, settings={**settings, "MARKDOWN": markdown})
    assert stats(output)["rendered"] == stats(output)["always"] and tree(output) == tree(cold)


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
