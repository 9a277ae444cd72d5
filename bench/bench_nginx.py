"""nginx benchmark: `wrk` against deploy/nginx.conf serving the published demo on 127.0.0.1, 10 seconds, for one
article page (brotli, as browsers ask for it). Prints requests/s and latency."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.local_nginx import find_nginx, running_nginx  # noqa: E402

DURATION = 10  # seconds, the bound for every run
CONNECTIONS = 32
THREADS = 2


def parse_wrk(text: str) -> dict[str, str]:
    figures = {}
    if match := re.search(r"Requests/sec:\s+([\d.]+)", text):
        figures["requests_per_s"] = match.group(1)
    if match := re.search(r"Transfer/sec:\s+(\S+)", text):
        figures["transfer_per_s"] = match.group(1)
    if match := re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", text):
        figures["latency_avg"], figures["latency_max"] = match.group(1), match.group(3)
    for percentile in ("50", "99"):
        if match := re.search(rf"^\s+{percentile}%\s+(\S+)", text, re.M):
            figures[f"latency_p{percentile}"] = match.group(1)
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        figures["errors"] = match.group(1)
    return figures


def run(args) -> None:
    nginx, wrk = find_nginx(), shutil.which("wrk")
    if nginx is None or wrk is None:
        print("skipped: needs Debian's nginx and wrk (apt-get install -y nginx libnginx-mod-http-brotli-static wrk)")
        return
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        tmp = Path(tmp)
        output = tmp / "output"
        subprocess.run(
            [sys.executable, str(ROOT / "tools" / "build.py"), "--precompress", str(ROOT / "content"),
             "-o", str(output), "-s", str(ROOT / "publishconf.py"), "--fatal", "errors", "-q"],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        article = max(output.glob("20*/*/*.html"), key=lambda p: p.stat().st_size)
        path = "/" + article.relative_to(output).as_posix()
        with running_nginx(output, tmp / "nginx", tls=False) as ports:
            url = f"http://127.0.0.1:{ports['port']}{path}"
            result = subprocess.run(
                [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency",
                 "-H", "Accept-Encoding: br, gzip", url],
                capture_output=True, text=True, timeout=DURATION + 20,
            )  # fmt: skip
        print(f"page: {path}")
        print(f"page_bytes: {article.stat().st_size}")
        print(f"page_br_bytes: {Path(str(article) + '.br').stat().st_size}")
        print(f"wrk: {THREADS} threads, {CONNECTIONS} connections, {DURATION} s, Accept-Encoding: br")
        for key, value in parse_wrk(result.stdout).items():
            print(f"{key}: {value}")
        if result.returncode != 0:
            print(f"wrk_error: {result.stderr.strip()}")
