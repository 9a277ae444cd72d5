"""Phone-sized screenshots of the home page and an article for the README, taken in headless Chromium.

    make html && .venv/bin/python tools/screenshots.py        # writes docs/screenshots/{home,article}.png
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.support import audit_pages, chromium_path, serve  # noqa: E402

VIEWPORT = {"width": 390, "height": 844}  # a common phone, CSS pixels


def main(output: Path = ROOT / "output", target: Path = ROOT / "docs" / "screenshots") -> None:
    target.mkdir(parents=True, exist_ok=True)
    pages = dict(audit_pages(output))
    with serve(output) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, color_scheme=scheme)
            page = context.new_page()
            for name in ("home", "article"):
                page.goto(f"{base}/{pages[name]}", wait_until="networkidle")
                suffix = "" if scheme == "light" else "-dark"
                page.screenshot(path=str(target / f"{name}{suffix}.png"))
                print(target / f"{name}{suffix}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
