"""Shared helpers for the browser and validator checks (tests/browser) and `make audit`: finding Chromium, Java and
the npm tools, serving a built site on 127.0.0.1, picking the pages to audit, running Lighthouse."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing(*needs: str) -> list[str]:
    """What of `needs` ("chromium", "java", "vnu", "axe", "lighthouse") is absent on this machine, as messages."""
    checks = {
        "chromium": (lambda: chromium_path() is not None, "chromium (apt-get install chromium)"),
        "java": (lambda: shutil.which("java") is not None, "java (apt-get install default-jre-headless)"),
        "vnu": (VNU_JAR.exists, f"{VNU_JAR.relative_to(ROOT)} (npm ci)"),
        "axe": (AXE_JS.exists, f"{AXE_JS.relative_to(ROOT)} (npm ci)"),
        "lighthouse": (LIGHTHOUSE.exists, f"{LIGHTHOUSE.relative_to(ROOT)} (npm ci)"),
    }
    return [message for need in needs for ok, message in [checks[need]] if not ok()]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int = 0):
    """Serve `directory` on http://127.0.0.1:<port>/ in a thread; yields the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def audit_pages(output: Path) -> list[tuple[str, str]]:
    """(label, site-relative path) of the pages the issue names: the home page, the newest article (the one with
    the most figures among the newest few is no better a test than the newest) and the first section's page."""
    from bs4 import BeautifulSoup

    home = BeautifulSoup((output / "index.html").read_text(encoding="utf-8"), "lxml")
    lead = home.select_one(".lead-title a")["href"]
    section = home.select_one(".site-nav li:nth-child(2) a")["href"]
    return [("home", ""), ("article", _site_path(lead)), ("section", _site_path(section))]


def _site_path(href: str) -> str:
    from urllib.parse import urlsplit

    path = urlsplit(href).path if href.startswith("http") else href
    while path.startswith(("./", "../")):
        path = path.split("/", 1)[1]
    return path.lstrip("/")


def lighthouse_scores(lighthouse: str, chrome: str, url: str, report: Path) -> dict[str, int]:
    """Run Lighthouse (mobile, its default form factor and throttling) on `url`; category scores 0-100."""
    command = [
        lighthouse,
        url,
        f"--chrome-path={chrome}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking",
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    subprocess.run(command, check=True, timeout=300, cwd=ROOT)
    data = json.loads(report.read_text(encoding="utf-8"))
    return {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
