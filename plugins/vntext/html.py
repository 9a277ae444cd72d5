"""Plain text of HTML fragments (a body, a sapo, a caption, a title), the one way every plugin reads text out of
markup: search records, related news, meta descriptions and feeds agree on it.

Parsed by lxml (never by regular expressions): tags dropped, entities decoded, the content of script, style and
template elements left out, and each block element (paragraph, heading, list item, cell, caption, photo credit)
ends a line, so the words of two blocks never run together.
"""

from __future__ import annotations

import lxml.html

from . import clean_text

__all__ = ["html_text"]

_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "blockquote", "div", "tr", "td",
                     "th", "dt", "dd", "br", "figure", "table", "ul", "ol", "section", "pre"})
# Photo captions and credits are spans inside a figcaption; they read as lines of their own.
_LINE_CLASSES = ("caption", "credit")


def html_text(html, *, lines: bool = False) -> str:
    """Text of an HTML fragment, NFC, without control characters. With `lines`, one line per block (empty lines
    dropped, spaces collapsed within each); otherwise all whitespace collapses to single spaces, on one line."""
    if html is None:
        return ""
    html = str(html)
    if not html.strip():
        return ""
    if "<" in html or "&" in html:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        for unwanted in root.xpath("//script|//style|//template"):
            unwanted.drop_tree()
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in _BLOCKS or any(k in (element.get("class") or "") for k in _LINE_CLASSES):
                element.tail = "\n" + (element.tail or "")
        html = root.text_content()
    if not lines:
        return clean_text(" ".join(html.split()))
    kept = (" ".join(line.split()) for line in html.splitlines())
    return clean_text("\n".join(line for line in kept if line))
