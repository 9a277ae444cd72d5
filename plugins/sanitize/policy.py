"""The HTML allow-list of the site, applied with `nh3` (Rust's ammonia): pure functions, no Pelican imports.

`clean_html` keeps what Markdown and our own extensions produce (headings, lists, tables, links, footnotes, the photo
figures with `<picture>`/`<source>`/`srcset`, video embeds from allow-listed hosts) and removes everything that can run
code or submit data: `<script>`, `<style>`, event handlers, `style` attributes, `javascript:`/`data:` URLs, forms,
`<object>`/`<embed>`, SVG/MathML and iframes from any host not on the list. `removed_parts` says what `clean_html`
would remove, for the checker's warnings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

__all__ = ["DEFAULT_IFRAME_HOSTS", "clean_html", "iframe_allowed", "removed_parts"]

# Video embeds are allowed only from these hosts (and their subdomains); pelicanconf's SANITIZE_IFRAME_HOSTS
# replaces the list for the site.
DEFAULT_IFRAME_HOSTS = ("youtube-nocookie.com",)

URL_SCHEMES = {"http", "https", "mailto", "tel"}

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp", "small", "source", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "var", "wbr",
}  # fmt: skip

# Removed together with everything inside them (the other unknown tags are dropped but keep their text).
DROPPED_WITH_CONTENT = {
    "script", "style", "template", "noscript", "object", "embed", "applet", "form", "textarea", "select",
    "button", "svg", "math", "frameset", "noembed", "noframes", "xmp",
}  # fmt: skip

GENERIC_ATTRIBUTES = {"class", "id", "title", "lang", "dir"}

ATTRIBUTES = {
    "*": GENERIC_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding", "fetchpriority"},
    "source": {"src", "type", "srcset", "sizes", "media", "width", "height"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading"},
    "td": {"colspan", "rowspan", "align", "headers"},
    "th": {"colspan", "rowspan", "align", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "details": {"open"},
}

# Every embed is sandboxed (it still plays video) and sends no more than the site's origin as referrer.
IFRAME_FORCED = {
    "sandbox": "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox",
    "referrerpolicy": "strict-origin-when-cross-origin",
}
# Features an embed may ask for in its `allow` attribute (what YouTube's embed code asks for, minus nothing risky).
IFRAME_FEATURES = {
    "accelerometer", "autoplay", "clipboard-write", "encrypted-media", "fullscreen", "gyroscope",
    "picture-in-picture", "web-share",
}  # fmt: skip

_URL_ATTRIBUTES = {"href", "src", "cite"}
# Attributes whose value the cleaner sets or filters rather than keeps.
_REWRITTEN = {"allow", *IFRAME_FORCED}
_ENUMS = {
    "loading": {"lazy", "eager"},
    "decoding": {"async", "sync", "auto"},
    "fetchpriority": {"high", "low", "auto"},
}
# nh3 escapes `<`, `>` and `"` inside attribute values and iframe text, so this matches whole iframe elements.
_IFRAME_RE = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.DOTALL)
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def url_allowed(value: str) -> bool:
    """Relative URLs (including Pelican's `{filename}` links) and the allowed schemes only."""
    compact = _INVISIBLE_RE.sub("", value)
    match = _SCHEME_RE.match(compact)
    return match is None or match.group(1).lower() in URL_SCHEMES


def _srcset_ok(value: str) -> bool:
    candidates = [c.strip() for c in value.split(",") if c.strip()]
    return all(url_allowed(candidate.split()[0]) for candidate in candidates)


def iframe_allowed(src: str, hosts: Iterable[str] = DEFAULT_IFRAME_HOSTS) -> bool:
    """True when `src` is an https URL on one of `hosts` or a subdomain of one."""
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme.lower() != "https" or not host or parts.username or parts.password:
        return False
    return any(host == h or host.endswith("." + h) for h in (h.lower().strip(".") for h in hosts))


def _attribute_filter(hosts: tuple[str, ...]):
    def check(tag: str, attribute: str, value: str) -> str | None:
        if attribute in _URL_ATTRIBUTES and not url_allowed(value):
            return None
        if attribute in ("srcset",) and not _srcset_ok(value):
            return None
        if attribute in _ENUMS:
            return value if value.strip().lower() in _ENUMS[attribute] else None
        if tag == "iframe":
            if attribute == "src" and not iframe_allowed(value, hosts):
                return None
            if attribute == "allow":
                features = [f.strip() for f in value.split(";")]
                kept = [f for f in features if f.split()[0:1] and f.split()[0].lower() in IFRAME_FEATURES]
                return "; ".join(kept) or None
        return value

    return check


def _finish_iframes(html: str) -> str:
    """Drop iframes whose `src` was refused (or missing) and the fallback text inside the kept ones."""

    def replace(match: re.Match) -> str:
        attributes = match.group(1)
        if not re.search(r'\ssrc="', attributes):
            return ""
        forced = "".join(f' {name}="{value}"' for name, value in IFRAME_FORCED.items())
        return f"<iframe{attributes}{forced}></iframe>"

    return _IFRAME_RE.sub(replace, html)


def clean_html(html: str, iframe_hosts: Iterable[str] = DEFAULT_IFRAME_HOSTS) -> str:
    """The HTML fragment with everything outside the site's allow-list removed."""
    if not html:
        return html or ""
    hosts = tuple(iframe_hosts)
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter(hosts),
        strip_comments=True,
        link_rel=None,
        url_schemes=URL_SCHEMES,
    )
    return _finish_iframes(cleaned)


class _Elements(HTMLParser):
    """Start tags of a fragment in document order, skipping what lies inside dropped-with-content tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]], str]] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.append(tag)
            return
        self.elements.append((tag, attrs, self.get_starttag_text() or f"<{tag}>"))
        if tag in DROPPED_WITH_CONTENT or tag == "iframe":
            self._skip.append(tag)

    def handle_startendtag(self, tag, attrs):
        if not self._skip:
            self.elements.append((tag, attrs, self.get_starttag_text() or f"<{tag}>"))

    def handle_endtag(self, tag):
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()


def _elements(html: str):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _same_element(tag, attrs, candidate) -> bool:
    """Same tag, and every attribute the cleaner kept still has its value (`allow` is filtered, not kept)."""
    if candidate[0] != tag:
        return False
    original = {name: value or "" for name, value in attrs}
    return all(original[name] == (value or "") for name, value in candidate[1] if name in original and name != "allow")


def removed_parts(
    html: str, iframe_hosts: Iterable[str] = DEFAULT_IFRAME_HOSTS, cleaned: str | None = None
) -> list[str]:
    """What `clean_html` removes from `html`, as short HTML snippets: `<script>`, `<img onerror="…">`, …

    Elements of the input are matched in order with those of the cleaned output: an element with no match was
    removed (reported as its start tag), an attribute missing from its matched element was removed (reported as
    `<tag attribute="value">`). Empty when the fragment is already clean. `cleaned`: `clean_html(html, iframe_hosts)`
    when the caller has it already.
    """
    if not html:
        return []
    if cleaned is None:
        cleaned = clean_html(html, iframe_hosts)
    if cleaned == html:
        return []  # nothing changed, so nothing was removed
    before = _elements(html)
    after = _elements(cleaned)
    removed: list[str] = []
    position = 0
    for tag, attrs, text in before:
        match = next((i for i in range(position, len(after)) if _same_element(tag, attrs, after[i])), None)
        if match is None:
            removed.append(_short(text))
            continue
        position = match + 1
        kept = {name for name, _ in after[match][1]}
        for name, value in attrs:
            if name not in kept:
                removed.append(_short(f'<{tag} {name}="{value}">' if value is not None else f"<{tag} {name}>"))
    return removed
