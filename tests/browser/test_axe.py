"""axe-core in headless Chromium: no accessibility violation on the pages a reader meets, in light and dark mode;
keyboard use: skip link first, visible focus."""

from __future__ import annotations

import json

import pytest

from tests.browser.support import AXE_JS, audit_pages

pytestmark = pytest.mark.browser


def pages(site) -> list[str]:
    paths = [path for _, path in audit_pages(site)]
    extra = ["chu-de/", "tac-gia/", "luu-tru/", "404.html", "chuyen-muc/"]
    extra.append(next(site.glob("chu-de/*/index.html")).relative_to(site).parent.as_posix() + "/")
    extra.append(next(site.glob("tac-gia/*/index.html")).relative_to(site).parent.as_posix() + "/")
    extra.append(next(site.glob("luu-tru/*/*/index.html")).relative_to(site).parent.as_posix() + "/")
    extra.append(next(p for p in site.glob("*/index.html") if (site / p.parent.name / "index.html").exists()
                      and p.parent.name not in {"chu-de", "tac-gia", "luu-tru", "chuyen-muc", "ban-nhap", "trang"})
                 .relative_to(site).parent.as_posix() + "/")
    # the other plugins' pages: campaigns, exemplars, honour roll, feeds page, search page, one campaign and exemplar
    for folder in ("phong-trao", "dien-hinh", "bang-vang", "tin-rss", "tim-kiem"):
        if (site / folder / "index.html").exists():
            extra.append(folder + "/")
    for folder in ("phong-trao", "dien-hinh"):
        one = next(site.glob(folder + "/*/index.html"), None)
        if one is not None:
            extra.append(one.relative_to(site).parent.as_posix() + "/")
    return paths + extra


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation(axe, browser, demo_site, served_demo, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    problems = {}
    try:
        # dark mode changes only colours: its contrast is checked on the three audited pages
        for path in pages(demo_site) if scheme == "light" else [p for _, p in audit_pages(demo_site)]:
            page.goto(f"{served_demo}/{path}")
            page.add_script_tag(path=str(AXE_JS))
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations'],"
                " runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})"
            )
            violations = [
                {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in result["violations"]
            ]
            if violations:
                problems[path] = violations
    finally:
        context.close()
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def test_keyboard_skip_link_and_visible_focus(browser, demo_site, served_demo):
    article = dict(audit_pages(demo_site))["article"]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{served_demo}/{article}")
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.className")
        assert focused == "skip-link"
        box = page.locator(".skip-link").bounding_box()
        assert box and box["y"] >= 0 and box["width"] > 50  # on screen once focused
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "noi-dung"
        # the next Tab stops are real links inside the content, each with a visible outline
        for _ in range(3):
            page.keyboard.press("Tab")
            tag, style = page.evaluate(
                "() => [document.activeElement.tagName, getComputedStyle(document.activeElement).outlineStyle]"
            )
            assert tag == "A" and style != "none"
    finally:
        context.close()


def test_copy_link_without_and_with_javascript(browser, demo_site, served_demo):
    article = dict(audit_pages(demo_site))["article"]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_demo}/{article}")
    href = page.locator(".share-copy").get_attribute("href")
    assert href.endswith(article)  # a plain link to the article itself
    context.close()
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(f"{served_demo}/{article}")
        page.locator(".share-copy").click()
        page.wait_for_function("() => document.querySelector('.share-status').textContent.length > 0")
        assert page.url.endswith(article)
        assert page.evaluate("() => navigator.clipboard.readText()") == href
    finally:
        context.close()


def test_print_style_hides_navigation_and_sharing(browser, demo_site, served_demo):
    article = dict(audit_pages(demo_site))["article"]
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{served_demo}/{article}")
        hidden = ".site-nav, .share, .prev-next, .skip-link, .related-news"
        assert page.locator(".share").is_visible()
        page.emulate_media(media="print")
        displays = page.eval_on_selector_all(hidden, "els => els.map(e => getComputedStyle(e).display)")
        assert displays and set(displays) == {"none"}
        assert page.locator("main h1").is_visible() and page.locator(".article-body").is_visible()
    finally:
        context.close()
