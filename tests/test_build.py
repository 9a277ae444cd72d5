"""Atomic builds (tools/build.py): a build that fails halfway leaves the previous output byte-for-byte unchanged,
a good build swaps in whole, nothing is written outside the output folder and the cache; precompression."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import brotli
import pytest

from tests.sitebuild import ROOT
from tools.precompress import precompress

BUILD = [sys.executable, str(ROOT / "tools" / "build.py")]
SKIP_DIRS = {".git", ".venv", "node_modules", ".cache", "__pycache__", ".pytest_cache", ".ruff_cache"}

BREAKER = """
# sitecustomize for the pelican process: fails the build after every page was written (counts them first). Loaded
# through PYTHONPATH, so the site's settings, theme and plugins stay the same (the incremental writer skips pages).
import os
from pathlib import Path

from pelican import signals


def _break(pelican):
    pages = list(Path(pelican.output_path).rglob("*.html"))
    linked = sum(1 for p in pages if p.stat().st_nlink > 1)
    Path(os.environ["BREAKER_REPORT"]).write_text(f"{pelican.output_path}\\n{len(pages)}\\n{linked}")
    raise RuntimeError("hỏng giữa chừng")


signals.finalized.connect(_break)
"""


# Pelican writes its cache files in place: builds running in parallel (pytest -n) must not share one.
CACHE: Path | None = None


@pytest.fixture(scope="module", autouse=True)
def own_cache(tmp_path_factory):
    global CACHE
    CACHE = tmp_path_factory.mktemp("atomic-cache")


def run_build(content, output, *flags, conf="pelicanconf.py", env=None, settings=None):
    overrides = {"CACHE_PATH": str(CACHE), **(settings or {})}
    command = [*BUILD, str(content), "-o", str(output), "-s", str(ROOT / conf), "--fatal", "errors", *flags]
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})}
    )


def fingerprint(folder: Path) -> dict[str, str]:
    """sha256 of every file and the set of folders: equal fingerprints mean byte-for-byte equal trees."""
    result = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        result[key] = "<dir>" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def tree_state(folder: Path, skip=()) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under `folder`, not descending into `skip` folders or SKIP_DIRS."""
    state = {}
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and Path(top, d) not in skip and not d.startswith("output")]
        for name in files:
            stat = Path(top, name).stat()
            state[os.path.join(top, name)] = (stat.st_size, stat.st_mtime_ns)
    return state


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo built once through tools/build.py, with the fingerprint of its output."""
    base = tmp_path_factory.mktemp("atomic")
    output = base / "output"
    result = run_build(ROOT / "content", output)
    assert result.returncode == 0, result.stderr
    return output, fingerprint(output)


def broken_theme(tmp_path: Path) -> Path:
    """A copy of the theme whose tag pages fail to render (they come after the articles are written)."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "tag.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ tag.no_such_thing.attribute }}{% endblock %}',
        encoding="utf-8",
    )
    return theme


@pytest.mark.parametrize("how", ["plugin", "template"])
def test_failed_build_leaves_previous_output_byte_for_byte(built, tmp_path, how):
    output, before = built
    assert len(before) > 50 and (output / "index.html").is_file()
    report = tmp_path / "breaker.txt"
    env = {"BREAKER_REPORT": str(report)}
    settings = {}
    if how == "plugin":
        (tmp_path / "breaker").mkdir()
        (tmp_path / "breaker" / "sitecustomize.py").write_text(BREAKER, encoding="utf-8")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path / "breaker"), os.environ.get("PYTHONPATH")]))
    else:
        settings = {"THEME": str(broken_theme(tmp_path))}
    result = run_build(ROOT / "content", output, env=env, settings=settings)
    assert result.returncode != 0, result.stdout
    assert "giữ nguyên" in result.stderr, result.stderr
    if how == "plugin":
        # The build really was halfway: every page was already written into the fresh folder.
        assert report.exists(), result.stdout + result.stderr
        fresh, written, linked = report.read_text().splitlines()
        assert Path(fresh).parent == output.parent and Path(fresh).name.startswith("output.tmp-")
        assert int(written) > 20
        # Pages of the previous build were hard-linked into the fresh folder (incremental), yet none changed.
        assert int(linked) > 10
    else:
        assert "no_such_thing" in result.stdout + result.stderr
    assert fingerprint(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]


def test_good_build_swaps_in_whole_and_writes_nowhere_else(built, content_copy, tmp_path):
    output = tmp_path / "site" / "output"
    shutil.copytree(built[0], output)
    stale = output / "bai-da-xoa.html"
    stale.write_text("cũ", encoding="utf-8")
    article = next((content_copy / "articles").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn mới thêm vào để kiểm tra.\n", encoding="utf-8")
    repo_before = tree_state(ROOT, skip={ROOT / "content"})
    content_before = fingerprint(content_copy)
    # A lower brotli quality only to keep the test quick: the same code path as `make publish`.
    result = run_build(content_copy, output, "--precompress", env={"PRECOMPRESS_BROTLI_QUALITY": "5"})
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    # --precompress (make publish): a .gz and a .br beside every text file, decompressing to the very bytes.
    texts = [p for p in output.rglob("*") if p.suffix in (".html", ".css") and p.stat().st_size > 1024]
    assert len(texts) > 20
    for path in texts:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data
    assert not list(output.rglob("*.jpg.gz")) and not list(output.rglob("*.gz.gz"))
    assert any("Đoạn mới thêm vào" in p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]
    assert oct(output.stat().st_mode & 0o777) != oct(0o700)
    assert fingerprint(content_copy) == content_before
    assert tree_state(ROOT, skip={ROOT / "content"}) == repo_before


def test_removed_pages_go_with_their_precompressed_copies_and_empty_folders(content_copy, tmp_path):
    """A published article taken down: its page, its .gz and .br copies (linked from the last build with the page)
    and the folders only it filled are gone after the next `make publish`, as in a cold build."""
    output, cold = tmp_path / "site" / "output", tmp_path / "cold" / "output"
    assert run_build(content_copy, output, "--precompress").returncode == 0
    article = content_copy / "articles" / "2026-07" / "co-giao-tran-minh-chau-va-nhung-gio-hoc-khong-bang-den.md"
    page = output / "2026" / "07" / "co-giao-tran-minh-chau-va-nhung-gio-hoc-khong-bang-den.html"
    assert page.is_file() and page.with_name(page.name + ".br").is_file()
    article.unlink()
    assert run_build(content_copy, output, "--precompress").returncode == 0
    assert run_build(content_copy, cold, "--precompress", settings={"CACHE_PATH": str(tmp_path / "cold-cache")}
                     ).returncode == 0
    assert not page.with_name(page.name + ".gz").exists() and not page.with_name(page.name + ".br").exists()
    names = set(fingerprint(output)) - {".incremental.json"}
    assert names == set(fingerprint(cold)) - {".incremental.json"}


def test_unchanged_files_keep_their_modification_time_across_builds(content_copy, tmp_path):
    """Feeds, sitemaps and theme files are written anew in every fresh folder; with the same bytes they are the
    previous files again (time and all), so conditional requests, nginx's Last-Modified and `rclone sync` see no
    change. A feed whose article changed gets its new bytes and time."""
    output = tmp_path / "site" / "output"
    assert run_build(content_copy, output, "--precompress").returncode == 0
    feeds = sorted((output / "feeds").rglob("*.xml"))
    site_feed, sitemap = output / "feeds" / "tin-moi.rss.xml", output / "sitemap.xml"
    watched = [site_feed, sitemap, next((output / "theme").rglob("*.css")), *feeds]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in watched}
    compressed = {p: p.with_name(p.name + ".br").stat().st_mtime_ns for p in (site_feed, sitemap)}
    assert run_build(content_copy, output, "--precompress").returncode == 0
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in watched} == before
    assert {p: p.with_name(p.name + ".br").stat().st_mtime_ns for p in compressed} == compressed

    article = next((content_copy / "articles").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nĐoạn bổ sung.\n", encoding="utf-8")
    assert run_build(content_copy, output, "--precompress").returncode == 0
    changed = [p for p in feeds if p.read_bytes() != before[p][1]]
    assert site_feed in changed
    assert all(p.stat().st_mtime_ns > before[p][0] for p in changed)
    assert all(p.stat().st_mtime_ns == before[p][0] for p in set(feeds) - set(changed))
    assert brotli.decompress(site_feed.with_name(site_feed.name + ".br").read_bytes()) == site_feed.read_bytes()


def test_precompress_keeps_fresh_copies_and_never_writes_into_a_linked_one(tmp_path):
    site, live = tmp_path / "site", tmp_path / "live"
    site.mkdir()
    live.mkdir()
    page = site / "bai.html"
    page.write_text("<p>Thi đua yêu nước</p>\n" * 200, encoding="utf-8")
    precompress(site)
    br = site / "bai.html.br"
    first = br.stat().st_ino
    os.link(br, live / "bai.html.br")  # as tools/build.py links it from the live output
    precompress(site)
    assert br.stat().st_ino == first  # still newer than its page: kept
    replacement = site / "moi.tmp"
    replacement.write_text("<p>Điển hình tiên tiến</p>\n" * 200, encoding="utf-8")
    os.replace(replacement, page)  # a page re-rendered by the incremental writer
    os.utime(page, ns=(br.stat().st_mtime_ns + 1_000_000, br.stat().st_mtime_ns + 1_000_000))
    precompress(site)
    assert brotli.decompress(br.read_bytes()) == page.read_bytes()
    assert "Thi đua" in brotli.decompress((live / "bai.html.br").read_bytes()).decode()
