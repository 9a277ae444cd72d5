"""A second build with the same cache still links an existing stylesheet, and a changed stylesheet gets a new
name (a cache of compiled templates once kept the first build's name, since Jinja folds constant filters)."""

from __future__ import annotations

import shutil

from tests.sitebuild import ROOT, build, soup

ARTICLE = "Title: Hợp tác xã An Phú thu hoạch lúa\nDate: 2026-01-05 08:00\nCategory: Kinh tế\n\nNội dung bài viết.\n"


def stylesheet(output) -> str:
    links = soup(output / "index.html").select('link[rel="stylesheet"]')
    assert len(links) == 1
    return links[0]["href"]


def test_rebuilds_with_one_cache_link_the_current_stylesheet(tmp_path):
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    (content / "lua.md").write_text(ARTICLE, encoding="utf-8")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "THEME": str(theme)}

    build(tmp_path / "content", tmp_path / "one", settings=settings)
    build(tmp_path / "content", tmp_path / "two", settings=settings)
    first = stylesheet(tmp_path / "one")
    assert stylesheet(tmp_path / "two") == first
    assert (tmp_path / "two" / first).read_bytes() == (theme / "static" / "css" / "site.css").read_bytes()

    css = theme / "static" / "css" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.moi{color:red}\n", encoding="utf-8")
    build(tmp_path / "content", tmp_path / "three", settings=settings)
    changed = stylesheet(tmp_path / "three")
    assert changed != first
    assert (tmp_path / "three" / changed).read_bytes() == css.read_bytes()
