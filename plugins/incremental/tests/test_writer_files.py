"""How the incremental writer puts a page on disk: new files in place, existing ones replaced atomically."""

import json
import os
import threading
import time

import pytest
from incremental import build_state
from incremental.writer import MANIFEST_NAME, SEED_FD, IncrementalWriter, open_for_writing
from pelican.settings import DEFAULT_CONFIG


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


def test_writer_reads_the_manifest_only_once_seeding_has_ended(tmp_path, monkeypatch):
    """tools/build.py seeds the output in a thread while Pelican reads; the writer must see the seeded manifest."""
    settings = {**DEFAULT_CONFIG, "OUTPUT_PATH": str(tmp_path)}
    environment = build_state.environment_digest(settings)
    read_end, write_end = os.pipe()
    monkeypatch.setenv(SEED_FD, str(read_end))

    def slow_seed():
        time.sleep(0.5)
        manifest = {"environment": environment, "pages": {"bai.html": "abc"}}
        (tmp_path / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
        os.close(write_end)

    seeding = threading.Thread(target=slow_seed)
    seeding.start()
    writer = IncrementalWriter(str(tmp_path), settings=settings)
    seeding.join()
    assert writer._previous == {"bai.html": "abc"}
    assert SEED_FD not in os.environ  # read once: a later build in the same process does not wait again


def test_code_digest_follows_plugin_code_but_not_tests_or_bytecode(tmp_path):
    from incremental.fingerprint import tree_digest

    plugin = tmp_path / "plugins" / "demo"
    (plugin / "tests").mkdir(parents=True)
    (plugin / "__pycache__").mkdir()
    (plugin / "__init__.py").write_text("X = 1\n", encoding="utf-8")
    (plugin / "tests" / "test_demo.py").write_text("def test(): pass\n", encoding="utf-8")
    before = tree_digest(tmp_path / "plugins")
    (plugin / "tests" / "test_demo.py").write_text("def test(): assert True\n", encoding="utf-8")
    (plugin / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert tree_digest(tmp_path / "plugins") == before
    (plugin / "__init__.py").write_text("X = 2\n", encoding="utf-8")
    assert tree_digest(tmp_path / "plugins") != before


def test_a_changed_environment_voids_the_reader_cache_stamp_until_a_build_succeeds(tmp_path):
    """Pelican saves its reader cache when reading ends: a build that then fails must leave no stamp vouching for
    a cache filled under other settings."""
    from incremental import content_cache

    theme = tmp_path / "theme"  # the digest reads the theme's files: a folder of its own, which nothing changes
    theme.mkdir()
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                "THEME": str(theme), "PLUGIN_PATHS": [], "SITENAME": "A"}
    stamp = tmp_path / "cache" / content_cache.STAMP_NAME
    content_cache.record(settings, content_cache.guard(dict(settings)))
    assert content_cache.guard(dict(settings)) == stamp.read_text(encoding="utf-8").strip()
    other = {**settings, "SITENAME": "B"}
    content_cache.guard(other)
    assert other["LOAD_CONTENT_CACHE"] is False and not stamp.exists()  # the failed build never records
    again = dict(settings)
    content_cache.guard(again)
    assert again["LOAD_CONTENT_CACHE"] is False  # back to A: the cache may hold B's reading


def test_a_failed_builds_writer_is_dropped_when_the_next_build_starts(monkeypatch):
    import incremental

    monkeypatch.setattr(incremental.render_once, "add_global", lambda generator: None)
    incremental._writers.append(object())  # left by a build that failed before `finalized`
    incremental._generator_init(object())
    assert incremental._writers == []
