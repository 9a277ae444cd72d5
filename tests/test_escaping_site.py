"""Templates autoescape (pelicanconf's JINJA_ENVIRONMENT): the demo shows no markup printed as text, i.e. every
template prints the HTML it builds (sanitised bodies, photo figures) as HTML and everything else as text."""

import re

from tests.sitebuild import html_files

# Markup that would show up escaped when a template forgot that a value is HTML.
ESCAPED_TAG = re.compile(r"&lt;/?(p|a|img|figure|picture|source|figcaption|span|div|ul|li|h[1-6]|em|strong|table)\b")


def test_no_page_shows_escaped_markup(demo_site):
    pages = html_files(demo_site)
    assert len(pages) > 30
    for path in pages:
        text = path.read_text(encoding="utf-8")
        match = ESCAPED_TAG.search(text)
        assert match is None, f"{path.relative_to(demo_site)}: {text[max(0, match.start() - 80) : match.end() + 80]}"
        assert "&amp;lt;" not in text and "&amp;amp;" not in text, path  # escaped twice
