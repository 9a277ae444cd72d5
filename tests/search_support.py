"""Serve a built site on 127.0.0.1 and drive the search page with headless Chromium (tests and bench_search)."""

from __future__ import annotations

import contextlib
import gzip
from pathlib import Path
from urllib.parse import quote, urlencode

from tests.browser.support import chromium_path
from tests.browser.support import serve as serve_site

CHROMIUM = chromium_path() or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking"]


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return "Debian chromium is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


@contextlib.contextmanager
def serve(directory: str | Path):
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL ending with '/'."""
    with serve_site(Path(directory)) as base:
        yield base + "/"


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def search_url(base: str, query: str, section: str = "", year: str = "") -> str:
    params = {"q": query}
    if section:
        params["muc"] = section
    if year:
        params["nam"] = year
    return f"{base}tim-kiem/?{urlencode(params, quote_via=quote)}"


def wait_done(page, timeout: float = 20000) -> None:
    page.wait_for_selector("#trang-tim-kiem[data-state=done]", state="attached", timeout=timeout)


def results(page) -> list[dict]:
    """The hits shown on a results page: title, href, section, date, snippet and highlighted words."""
    return page.eval_on_selector_all(
        "#search-results > li",
        """items => items.map(li => ({
            title: li.querySelector('h2').textContent,
            href: li.querySelector('h2 a').getAttribute('href'),
            section: li.querySelector('.search-hit-section').textContent,
            date: (li.querySelector('time') || {}).textContent || '',
            snippet: li.querySelector('.search-snippet').textContent,
            marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
        }))""",
    )


def run_query(page, base: str, query: str, section: str = "", year: str = "") -> list[dict]:
    page.goto(search_url(base, query, section, year))
    wait_done(page)
    return results(page)


class Transfer:
    """Records every response of a page, to count what search costs a reader."""

    def __init__(self, page):
        self.responses: list[tuple[str, bytes]] = []
        page.on("response", self._on_response)

    def _on_response(self, response):
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            body = b""
        self.responses.append((response.url, body))

    def take(self) -> list[tuple[str, bytes]]:
        taken, self.responses = self.responses, []
        return taken


def gzip_size(body: bytes) -> int:
    """Bytes as nginx would send them with gzip on (level 6)."""
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def brotli_size(body: bytes) -> int:
    import brotli

    return len(brotli.compress(body, quality=6))
