"""Text and HTML clean-up for feeds: XML-safe strings, plain text from HTML, absolute URLs in article bodies."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html

import vntext
from vntext.html import html_text

__all__ = ["absolute_srcset", "absolutize", "plain_text", "xml_safe"]

# What XML 1.0 forbids beyond the control characters vntext.clean_text drops: lone surrogates and U+FFFE/U+FFFF.
_XML_FORBIDDEN_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    """NFC text without any character that XML 1.0 forbids (NUL, control characters, surrogates, U+FFFE/U+FFFF)."""
    if not text:
        return ""
    return _XML_FORBIDDEN_RE.sub("", vntext.clean_text(str(text)))


# HTML5 void elements. libxml2's HTML parser predates some of them (source, track, wbr...): it nests what follows
# them inside them, and writes an end tag for them.
_VOID_ELEMENTS = (
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
)


def _unnest_void_elements(root) -> None:
    """Move whatever lxml put inside a void element (its text, its children) back after it, where it was written.
    Deepest first, so void elements nested in void elements come out in document order."""
    for element in reversed(list(root.iter(*_VOID_ELEMENTS))):
        if not len(element) and not element.text:
            continue
        parent = element.getparent()
        index = parent.index(element)
        text, tail = element.text or "", element.tail or ""
        children = list(element)
        element.text = None
        for offset, child in enumerate(children, start=1):
            parent.insert(index + offset, child)
        if children:
            element.tail = text or None
            children[-1].tail = (children[-1].tail or "") + tail or None
        else:
            element.tail = text + tail or None


def _parse_fragment(html: str):
    root = lxml.html.fragment_fromstring(xml_safe(html), create_parent="div")
    _unnest_void_elements(root)
    return root


def _serialize_fragment(root) -> str:
    html = lxml.html.tostring(root, encoding="unicode")
    # An end tag of a void element is all that the serializer can still write wrongly; "<" is escaped everywhere
    # else (text and attributes), so these strings are end tags.
    for name in _VOID_ELEMENTS:
        html = html.replace(f"</{name}>", "")
    # Drop the <div> wrapper that fragment_fromstring added.
    return html[len("<div>") : -len("</div>")]


def plain_text(html: str | None) -> str:
    """The text of an HTML fragment (a title, a sapo, a caption) on one line (`vntext.html`), safe in XML."""
    return xml_safe(html_text(html))


def absolute_srcset(srcset: str, base_url: str) -> str:
    """`srcset` with each candidate's URL resolved against `base_url`; width/density descriptors kept.

    Follows the HTML parsing rules for srcset: a URL is a run of non-space characters (it may contain commas), a
    trailing comma ends the candidate, otherwise its descriptors run to the next comma.
    """
    candidates = []
    pos, end = 0, len(srcset)
    while pos < end:
        while pos < end and (srcset[pos].isspace() or srcset[pos] == ","):
            pos += 1
        if pos >= end:
            break
        start = pos
        while pos < end and not srcset[pos].isspace():
            pos += 1
        url, descriptors = srcset[start:pos], ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            start, depth = pos, 0
            while pos < end and (srcset[pos] != "," or depth):
                if srcset[pos] == "(":
                    depth += 1
                elif srcset[pos] == ")":
                    depth = max(0, depth - 1)
                pos += 1
            descriptors = " ".join(srcset[start:pos].split())
        candidates.append(f"{urljoin(base_url, url)} {descriptors}".rstrip())
    return ", ".join(candidates)


EMBED_LINK_TEXT = "Xem video trong bài trên trang báo"


def _embeds_as_links(root, page_url: str) -> None:
    """Each embedded frame (a video the site's sanitizer allows) becomes a paragraph with a link to the article
    page: feed readers drop or block frames, and a frame's scripts have no place in a reader's feed."""
    for frame in list(root.iter("iframe")):
        title = " ".join((frame.get("title") or "").split())
        paragraph = lxml.html.Element("p")
        link = lxml.html.Element("a", href=page_url)
        link.text = f"{EMBED_LINK_TEXT}: {title}" if title else EMBED_LINK_TEXT
        paragraph.append(link)
        paragraph.tail = frame.tail
        frame.getparent().replace(frame, paragraph)


def absolutize(html: str | None, base_url: str, embeds_as_links: bool = False) -> str:
    """An HTML fragment with every relative link made absolute against `base_url` (the page the HTML belongs to);
    with `embeds_as_links`, each embedded frame replaced by a link to that page.

    lxml's `make_links_absolute` covers href, src, action, cite, CSS url(...) and the like; it knows nothing of
    `srcset` and `poster`, which are resolved here. Control characters are dropped first (lxml
    refuses them), and the fragment is serialised back as HTML with its characters as they are (no numeric entities).
    """
    if not html or not str(html).strip():
        return ""
    root = _parse_fragment(str(html))
    if embeds_as_links:
        _embeds_as_links(root, base_url)
    root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="ignore")
    for element in root.iter("img", "source"):
        srcset = element.get("srcset")
        if srcset:
            element.set("srcset", absolute_srcset(srcset, base_url))
    for element in root.iter("video"):
        poster = element.get("poster")
        if poster:
            element.set("poster", urljoin(base_url, poster.strip()))
    return _serialize_fragment(root)
