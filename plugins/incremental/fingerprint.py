"""Fingerprints of what a page shows, so a rebuild can skip pages whose inputs did not change.

A page's fingerprint digests the values its template receives: the page's own object in full (content,
metadata and every attribute plugins set on it), and of each other article it refers to (related news,
same-section news, listing items) the fields a list shows. Values whose digest is not stable across builds
(an object with only an id-based repr) make the fingerprint differ every time: the page is re-rendered,
never served stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# Fields a list of other articles may show (title, link, date, sapo, section, author, thumbnail).
SUMMARY_FIELDS = ("url", "title", "date", "modified", "summary", "category", "authors", "cover", "slug", "status")
# Attributes that are plumbing, not something a page shows.
SKIPPED_ATTRIBUTES = {"settings", "_context", "_content", "source_lines", "metadata", "translations"}


# Digests of objects met while writing one build's pages, by id: each article, cover or campaign is digested
# once however many pages list it. Objects do not change while pages are written; `reset_memo` runs per build.
_memo: dict[tuple[int, bool], bytes] = {}
_alive: list = []


def reset_memo() -> None:
    _memo.clear()
    _alive.clear()


def _is_content(value) -> bool:
    # Pelican content, and objects shaped like it (campaigns, exemplars): a source file, a title and a URL.
    if isinstance(value, Content):
        return True
    cls = type(value)
    return hasattr(cls, "__dict__") and "source_path" in getattr(value, "__dict__", {}) and hasattr(value, "title")


def _is_taxonomy(value) -> bool:
    return isinstance(value, URLWrapper)


def _object_digest(value, full: bool, depth: int) -> bytes:
    key = (id(value), full)
    cached = _memo.get(key)
    if cached is None:
        hasher = hashlib.blake2b(digest_size=16)
        hasher.update(type(value).__name__.encode())
        if _is_content(value):
            if full:
                feed(hasher, getattr(value, "content", None), depth + 1)
                attributes = {
                    k: v for k, v in vars(value).items() if k not in SKIPPED_ATTRIBUTES and not k.startswith("_frozen_")
                }
                feed(hasher, attributes, depth + 1)
            else:
                feed(hasher, _summary_of(value), depth + 1)
        else:
            feed(hasher, {k: v for k, v in vars(value).items() if not k.startswith("__")}, depth + 1)
        cached = _memo[key] = hasher.digest()
        _alive.append(value)  # keeps the id from being reused while the memo holds it
    return cached


def _summary_of(item) -> list:
    fields = []
    for name in SUMMARY_FIELDS:
        fields.append((name, getattr(item, name, None)))
    return fields


def feed(hasher, value, depth: int = 0) -> None:
    """Add a canonical, build-independent encoding of `value` to `hasher`."""
    update = hasher.update
    # The common exact types first (a page digests hundreds of thousands of values); each branch encodes exactly
    # as the general one below does for that type.
    kind = type(value)
    if kind is str:
        update(b"s")
        update(value.encode("utf-8", "surrogatepass"))
        update(b"\x00")
        return
    if kind is list or kind is tuple:
        update(b"[")
        for item in value:
            feed(hasher, item, depth + 1)
        update(b"]")
        return
    if kind is dict:
        update(b"{")
        for key in sorted(value, key=str):
            feed(hasher, str(key), depth)
            feed(hasher, value[key], depth + 1)
        update(b"}")
        return
    if value is None or kind is int or kind is bool:
        update(repr(value).encode())
        return
    if value is None or isinstance(value, bool | int | float):
        update(repr(value).encode())
    elif isinstance(value, str):
        update(b"s")
        update(value.encode("utf-8", "surrogatepass"))
        update(b"\x00")
    elif isinstance(value, datetime | date):
        update(value.isoformat().encode())
    elif isinstance(value, Path):
        update(str(value).encode())
    elif isinstance(value, Mapping):
        update(b"{")
        for key in sorted(value, key=str):
            feed(hasher, str(key), depth)
            feed(hasher, value[key], depth + 1)
        update(b"}")
    elif isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        update(b"[")
        for item in items:
            feed(hasher, item, depth + 1)
        update(b"]")
    elif _is_taxonomy(value):
        update(type(value).__name__.encode())
        feed(hasher, (value.name, value.slug, value.url), depth)
    elif _is_content(value):
        update(_object_digest(value, depth == 0, depth))
    elif depth < 4 and hasattr(value, "__dict__"):
        update(_object_digest(value, False, depth))
    elif hasattr(value, "__html__"):
        feed(hasher, str(value), depth)
    else:
        # Unknown values: their repr may differ between builds, which only costs a re-render.
        update(repr(value).encode("utf-8", "backslashreplace"))


def digest(*values) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for value in values:
        feed(hasher, value)
    return hasher.hexdigest()


def page_digest(values: Mapping) -> str:
    """Digest of a page's own inputs: each value is the page's own object, digested in full."""
    hasher = hashlib.blake2b(digest_size=16)
    for key in sorted(values):
        feed(hasher, key)
        feed(hasher, values[key], depth=0)
    return hasher.hexdigest()


def tree_digest(*roots: str | Path) -> str:
    """Digest of every file under the given folders (templates, static files, plugin code)."""
    hasher = hashlib.blake2b(digest_size=16)
    for root in roots:
        root = Path(root)
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hasher.update(str(path.relative_to(root)).encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()
