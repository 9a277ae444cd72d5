"""The Makefile's editor-facing targets: `make deploy` sends only a `make publish` build (a preview, with drafts,
links to 127.0.0.1 and no .gz, is refused); `make new` gets titles exactly as typed."""

from __future__ import annotations

import os
import subprocess

from tests.sitebuild import ROOT


def deploy(tmp_path, output):
    stub = tmp_path / "bin"
    stub.mkdir(exist_ok=True)
    (stub / "rsync").write_text(f'#!/bin/sh\necho "$@" > "{tmp_path / "rsync-args"}"\n', encoding="utf-8")
    (stub / "rsync").chmod(0o755)
    env = {**os.environ, "PATH": f"{stub}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(["make", "-s", "deploy", f"OUTPUT={output}", "DEPLOY_TARGET=web@example:/srv/site/"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_a_preview_build_is_refused_and_a_published_one_is_sent(tmp_path):
    output = tmp_path / "output"
    (output / "ban-nhap").mkdir(parents=True)
    (output / "index.html").write_text("<p>bản xem trước</p>", encoding="utf-8")
    (output / "ban-nhap" / "bai.html").write_text("<p>bản nháp</p>", encoding="utf-8")
    refused = deploy(tmp_path, output)
    assert refused.returncode != 0 and "bản xem trước" in refused.stderr and "make publish" in refused.stderr
    assert not (tmp_path / "rsync-args").exists()

    (output / "ban-nhap" / "bai.html").unlink()
    (output / "ban-nhap").rmdir()
    (output / "index.html.gz").write_bytes(b"")
    sent = deploy(tmp_path, output)
    assert sent.returncode == 0, sent.stderr
    assert (tmp_path / "rsync-args").read_text().split()[-2:] == [f"{output}/", "web@example:/srv/site/"]


def test_titles_reach_the_scaffold_exactly_as_typed():
    """make expands `$` in a variable given on its command line ("100$ một chỉ" -> "100một chỉ") unless the Makefile
    takes it by `$(value ...)`; quotes and apostrophes pass through the environment untouched."""
    title = 'Giá vàng lên 100$ một chỉ, "kỷ lục" mới của O\'Neil $(shell echo x)'
    probe = "print-vars: ; @printf '%s|%s|%s' \"$$TITLE\" \"$$SECTION\" \"$$NAME\""
    result = subprocess.run(["make", "-s", "--eval", probe, "print-vars", f"TITLE={title}", "SECTION=Kinh tế $x",
                             "NAME=Phong trào 5$"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{title}|Kinh tế $x|Phong trào 5$"
