"""Fixtures for the browser and validator tests: they skip, naming what is missing, without Chromium, Java or
node_modules (`npm ci`); the rest of `make test` runs regardless."""

from __future__ import annotations

import pytest

from tests.browser.support import chromium_path, missing, serve


def require(*needs: str) -> None:
    absent = missing(*needs)
    if absent:
        pytest.skip("missing: " + ", ".join(absent))


@pytest.fixture(scope="session")
def served_demo(demo_site):
    with serve(demo_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    # module scope: Playwright's sync API holds an event loop while open, and other modules' tests start their own
    require("chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="missing: the Python package playwright")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def vnu():
    """Java and the Nu HTML Checker's jar; requested first, so a machine without them skips before any build."""
    require("java", "vnu")


@pytest.fixture(scope="session")
def axe():
    require("axe")
