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
_memo: dict[tuple[int, bool], str] = {}
_alive: list = []


def reset_memo() -> None:
    _memo.clear()
    _alive.clear()
    _taxonomy_tokens.clear()


def _is_content(value) -> bool:
    # Pelican content, and objects shaped like it (campaigns, exemplars): a source file, a title and a URL.
    if isinstance(value, Content):
        return True
    cls = type(value)
    return hasattr(cls, "__dict__") and "source_path" in getattr(value, "__dict__", {}) and hasattr(value, "title")


def _object_digest(value, full: bool, depth: int) -> str:
    key = (id(value), full)
    cached = _memo.get(key)
    if cached is None:
        out = [type(value).__name__]
        if _is_content(value):
            if full:
                _put(getattr(value, "content", None), out, depth + 1)
                _put_attributes(value, out, depth + 1)
            else:
                _put([(name, getattr(value, name, None)) for name in SUMMARY_FIELDS], out, depth + 1)
        else:
            _put({k: v for k, v in vars(value).items() if not k.startswith("__")}, out, depth + 1)
        cached = _memo[key] = _hash(out)
        _alive.append(value)  # keeps the id from being reused while the memo holds it
    return cached


def _put_attributes(value, out: list, depth: int) -> None:
    attributes = vars(value)
    out.append("{")
    for name in sorted(attributes):
        if name in SKIPPED_ATTRIBUTES or name.startswith("_frozen_"):
            continue
        out.append(_str_token(name))
        _put(attributes[name], out, depth + 1)
    out.append("}")


def _str_token(text: str) -> str:
    # Length-prefixed, so no two sequences of values give the same text.
    return f"s{len(text)}:{text}"


def _hash(out: list) -> str:
    return hashlib.blake2b("".join(out).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _put(value, out: list, depth: int = 0) -> None:
    """Append a canonical, build-independent encoding of `value` to `out` (a list of strings)."""
    # The common exact types first (a page digests hundreds of values); each branch encodes exactly as
    # `_put_other` does for that type.
    kind = type(value)
    if kind is str:
        out.append(f"s{len(value)}:{value}")
    elif kind is list or kind is tuple:
        out.append("[")
        for item in value:
            if type(item) is str:
                out.append(f"s{len(item)}:{item}")
            else:
                _put(item, out, depth + 1)
        out.append("]")
    elif value is None or kind is int or kind is bool:
        out.append(f"r{value!r};")
    elif kind is dict:
        _put_mapping(value, out, depth)
    else:
        _put_other(value, out, depth, _KINDS.get(kind) or _kind_of(kind, value))


# How each type is encoded, found once per type (a page meets the same few dozen types hundreds of times).
_SCALAR, _TEXT, _DATE, _MAPPING, _SEQUENCE, _SET, _TAXONOMY, _CONTENT, _OBJECT, _OTHER = range(1, 11)  # all true
_KINDS: dict[type, int] = {}


# Checked in this order: the first base a type derives from gives its encoding.
_KIND_OF_BASES = (
    ((bool, int, float), _SCALAR),
    ((str, Path), _TEXT),
    ((datetime, date), _DATE),
    ((Mapping,), _MAPPING),
    ((list, tuple), _SEQUENCE),
    ((set, frozenset), _SET),
    ((URLWrapper,), _TAXONOMY),
    ((Content,), _CONTENT),
)


def _kind_of(kind: type, value) -> int:
    for bases, found in _KIND_OF_BASES:
        if issubclass(kind, bases):
            _KINDS[kind] = found
            return found
    # Content-shaped objects (campaigns, exemplars) and plain objects depend on the instance: never remembered.
    return _CONTENT if _is_content(value) else (_OBJECT if hasattr(value, "__dict__") else _OTHER)


def _put_other(value, out: list, depth: int, kind: int) -> None:
    if kind == _CONTENT:
        out.append(_object_digest(value, depth == 0, depth))
    elif kind == _TAXONOMY:
        out.append(_taxonomy_token(value))
    elif kind == _DATE:
        out.append(f"d{value.isoformat()};")
    elif kind == _TEXT:
        out.append(_str_token(str(value)))
    elif kind == _SCALAR:
        out.append(f"r{value!r};")
    elif kind == _MAPPING:
        _put_mapping(value, out, depth)
    elif kind in (_SEQUENCE, _SET):
        items = sorted(value, key=repr) if kind == _SET else value
        out.append("[")
        for item in items:
            _put(item, out, depth + 1)
        out.append("]")
    elif kind == _OBJECT and depth < 4:
        out.append(_object_digest(value, False, depth))
    elif hasattr(value, "__html__"):
        out.append(_str_token(str(value)))
    else:
        # Unknown values: their repr may differ between builds, which only costs a re-render.
        out.append(_str_token(repr(value)))


def _put_mapping(value, out: list, depth: int) -> None:
    out.append("{")
    for key in sorted(value, key=str):
        out.append(_str_token(str(key)))
        _put(value[key], out, depth + 1)
    out.append("}")


# A tag, section or author is its type, name, slug and URL; with Pelican's content cache every article holds its own
# equal copies, so they are remembered by value (the URL is a function of name and slug within a build).
_taxonomy_tokens: dict[tuple, str] = {}


def _taxonomy_token(value) -> str:
    key = (type(value), value.name, value.slug)
    token = _taxonomy_tokens.get(key)
    if token is None:
        out = [type(value).__name__]
        _put((value.name, value.slug, value.url), out)
        token = _taxonomy_tokens[key] = "".join(out)
    return token


def digest(*values) -> str:
    out: list[str] = []
    for value in values:
        _put(value, out)
    return _hash(out)


def page_digest(values: Mapping) -> str:
    """Digest of a page's own inputs: each value is the page's own object, digested in full."""
    out: list[str] = []
    for key in sorted(values):
        out.append(_str_token(key))
        _put(values[key], out, depth=0)
    return _hash(out)


def tree_digest(*roots: str | Path) -> str:
    """Digest of every file under the given folders (templates, static files, plugin code), except bytecode and
    tests, which change nothing in a build (editing a plugin's tests must not re-render the whole site)."""
    hasher = hashlib.blake2b(digest_size=16)
    for root in roots:
        root = Path(root)
        if not root.exists():
            continue
        files = (p for p in root.rglob("*") if p.is_file())
        for path in sorted(p for p in files if not {"__pycache__", "tests"} & set(p.relative_to(root).parts)):
            hasher.update(str(path.relative_to(root)).encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()
