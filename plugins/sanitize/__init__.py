"""Sanitises the HTML of every article, page, campaign and exemplar with an explicit allow-list (`nh3`).

Raw HTML in an editor's Markdown can carry scripts; `policy.clean_html` keeps what Markdown and our extensions
produce and removes the rest, and the build warns (in Vietnamese, naming the file) about each removed part.
Settings: `SANITIZE_IFRAME_HOSTS` (hosts whose video embeds are kept). Keep this plugin LAST in `PLUGINS`, so it
sees the body HTML after every other plugin has touched it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .known import KnownClean, fragment_key
from .policy import DEFAULT_IFRAME_HOSTS, clean_html, removed_parts

__all__ = ["clean_html", "register", "removed_parts", "sanitize_content"]

logger = logging.getLogger(__name__)


def _hosts(settings) -> tuple[str, ...]:
    return tuple(settings.get("SANITIZE_IFRAME_HOSTS", DEFAULT_IFRAME_HOSTS))


# Fragments known to be clean, per build (loaded at the first content object, saved when the build ends).
_known: KnownClean | None = None


def _known_clean(settings) -> KnownClean | None:
    global _known
    if _known is None and settings.get("CACHE_PATH"):
        _known = KnownClean(Path(settings["CACHE_PATH"]) / "sanitize-clean.pickle")
    return _known


def _clean(html, hosts, source_path, what, known: KnownClean | None = None):
    if not isinstance(html, str) or not html:
        return html
    key = fragment_key(html, hosts) if known is not None else None
    if key is not None and key in known:
        return html  # cleaned by an earlier build, which removed nothing
    cleaned = clean_html(html, hosts)
    if key is not None and cleaned == html:
        known.add(key)
    for part in removed_parts(html, hosts, cleaned):
        logger.warning("%s: cảnh báo: đã gỡ bỏ HTML không an toàn trong %s: %s", source_path, what, part)
    return cleaned


def sanitize_content(content) -> None:
    """Clean the body and the formatted metadata (the sapo) of one Pelican content object in place."""
    hosts = _hosts(content.settings)
    source = getattr(content, "source_path", None) or "?"
    known = _known_clean(content.settings)
    if getattr(content, "_content", None):
        content._content = _clean(content._content, hosts, source, "nội dung", known)
    for key in content.settings.get("FORMATTED_FIELDS", []):
        if key in content.metadata and isinstance(content.metadata[key], str):
            value = _clean(content.metadata[key], hosts, source, f"trường “{key}”", known)
            content.metadata[key] = value
            if key == "summary":
                content._summary = value
            else:
                setattr(content, key, value)


def _finalized(pelican) -> None:
    global _known
    if _known is not None:
        _known.save()
        _known = None


def register():
    signals.content_object_init.connect(sanitize_content)
    signals.finalized.connect(_finalized)
