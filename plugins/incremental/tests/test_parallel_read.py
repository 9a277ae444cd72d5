"""Reading a cold archive on two cores gives the very site one process gives, and every problem in a file is still
reported by Pelican, naming the file and line."""

from __future__ import annotations

import logging
import os
import time

import pytest
from incremental.parallel_read import ParallelRead, can_fork

from tests.sitebuild import build
from tests.sitebuild import output_digests as tree

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs a second core and fork")


@pytest.fixture
def site(small_site):
    return small_site


def settings(tmp_path, name: str, parallel: bool) -> dict:
    # A helper from the first file on, so even this small site is read by two processes.
    return {"CACHE_PATH": str(tmp_path / f"cache-{name}"), "INCREMENTAL_PARALLEL_READ": parallel,
            "INCREMENTAL_PARALLEL_READ_MIN": 1}


def test_two_processes_build_byte_for_byte_what_one_builds(site, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    build(site, one, settings=settings(tmp_path, "one", False))
    result = build(site, two, settings=settings(tmp_path, "two", True))
    assert tree(one) == tree(two)
    assert len(tree(two)) > 100
    # The reader cache the helper filled serves the next build: nothing is read again.
    again = build(site, two, settings=settings(tmp_path, "two", True))
    assert again.returncode == 0 and tree(one) == tree(two)
    assert result.returncode == 0


def _last_article(content):
    return sorted((content / "articles").rglob("*.md"))[-1]


@pytest.mark.parametrize("parallel", [False, True])
def test_a_broken_file_the_helper_would_read_is_reported_with_its_line(site, tmp_path, parallel):
    broken = _last_article(site)  # the helper starts from the end of the list
    text = broken.read_text(encoding="utf-8")
    lines = text.splitlines()
    date_line = next(number for number, line in enumerate(lines, 1) if line.startswith("Date:"))
    broken.write_text(text.replace(lines[date_line - 1], "Date: ngày 32 tháng 13", 1), encoding="utf-8")
    result = build(site, tmp_path / "out", settings=settings(tmp_path, "broken", parallel), check=False)
    assert result.returncode != 0
    log = result.stdout + result.stderr
    where = f"{broken.parent.name}/{broken.name}:{date_line}"
    assert f"{where}: lỗi: ngày giờ “ngày 32 tháng 13”" in log, log[-3000:]


class _Reader:
    """Stands in for a Pelican reader: says which process read the file; one file fails, one logs a warning."""

    def read(self, path):
        time.sleep(0.005)
        if path.endswith("broken.md"):
            raise ValueError("broken")
        if path.endswith("warns.md"):
            logging.getLogger("some.plugin").warning("ảnh thiếu")
        return f"<p>{os.path.basename(path)}</p>", {"pid": os.getpid(), "tags": []}


class _Readers:
    readers = {"md": _Reader()}  # noqa: RUF012


def test_both_processes_read_and_each_file_is_read_once(tmp_path):
    paths = [str(tmp_path / f"{number:03d}.md") for number in range(200)]
    paths[150], paths[170] = str(tmp_path / "broken.md"), str(tmp_path / "warns.md")
    helper = ParallelRead(_Readers(), paths)
    ours, theirs = [], []
    try:
        for path in paths:
            data = helper.take(path)
            if data is None:
                ours.append(path)  # Pelican reads it here
                time.sleep(0.005)
            else:
                content, metadata = data
                assert content == f"<p>{os.path.basename(path)}</p>"
                assert metadata["pid"] != os.getpid()
                theirs.append(path)
    finally:
        helper.close()
    assert sorted(ours + theirs) == sorted(paths)
    assert len(theirs) > 40 and len(ours) > 40  # the work was shared
    # What the helper could not read cleanly comes back to Pelican, which reports it in its own log.
    assert paths[150] in ours and paths[170] in ours
    assert helper.take(str(tmp_path / "not-in-the-list.md")) is None


def test_a_helper_that_dies_leaves_its_files_to_pelican(tmp_path):
    paths = [str(tmp_path / f"{number:03d}.md") for number in range(200)]
    helper = ParallelRead(_Readers(), paths)
    try:
        first = [helper.take(path) for path in paths[:20]]
        helper._process.kill()
        helper._process.join()
        rest = [helper.take(path) for path in paths[20:]]
    finally:
        helper.close()
    answers = first + rest
    # Whatever the helper had sent still counts; everything else comes back as "read it yourself", none hangs.
    assert all(a is None or a[0] == f"<p>{os.path.basename(p)}</p>" for a, p in zip(answers, paths, strict=True))
    assert sum(a is None for a in rest) > 100
