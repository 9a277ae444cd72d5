"""`make devserver`: a broken article is skipped, the rest of the site is rebuilt and served, and the checker's
report appears in the terminal after the rebuild."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from checker_fixtures import write_good_site

from tests.sitebuild import ROOT

BROKEN = """Title: Bài viết lỗi ngày
Date: 2026-13-45 08:00
Category: Kinh te
Author: Minh Thư
Summary: Bài này có ngày không tồn tại và chuyên mục viết sai, nên không được dựng cho tới khi sửa xong.

Nội dung bài.
"""


def wait_for(predicate, timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_devserver_keeps_serving_and_prints_the_errors(tmp_path):
    content = write_good_site(tmp_path)
    output = tmp_path / "output"
    log = tmp_path / "devserver.log"
    port = free_port()
    # The command of `make devserver`.
    command = [sys.executable, "-m", "pelican", "--autoreload", "--listen", "--bind", "127.0.0.1", "--port",
               str(port), str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"),
               "-e", "CHECKER_REPORT_ON_BUILD=true", f'CACHE_PATH="{tmp_path / "cache"}"']
    with open(log, "w", encoding="utf-8") as handle:
        # Its own process group: Pelican serves from a second process, which must stop with it.
        server = subprocess.Popen(command, cwd=tmp_path, stdout=handle, stderr=subprocess.STDOUT,
                                  env={**os.environ, "COLUMNS": "300"}, start_new_session=True)
    try:
        good = output / "2026/05/hop-tac-xa-an-phu-ky-hop-dong-xuat-khau-gao.html"
        assert wait_for(good.is_file), log.read_text(encoding="utf-8")
        assert wait_for(lambda: "Serving site" in log.read_text(encoding="utf-8"))
        time.sleep(1.5)  # the file watcher compares modification times
        broken = content / "articles/2026-05/bai-loi.md"
        broken.write_text(BROKEN, encoding="utf-8")
        report = f"{Path('content/articles/2026-05/bai-loi.md')}:2: lỗi: không hiểu ngày đăng “2026-13-45 08:00”"
        assert wait_for(lambda: report in log.read_text(encoding="utf-8")), log.read_text(encoding="utf-8")
        text = log.read_text(encoding="utf-8")
        assert "bai-loi.md:3: lỗi: chuyên mục “Kinh te” không có trong danh sách — ý bạn là “Kinh tế”?" in text
        assert server.poll() is None
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/2026/05/{good.name}", timeout=10) as response:
            assert response.status == 200
            assert "Hợp tác xã An Phú ký hợp đồng xuất khẩu gạo" in response.read().decode("utf-8")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
