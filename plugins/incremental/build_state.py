"""What every page shows besides itself (the site's chrome), and the digest of the build's environment."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from .fingerprint import digest, tree_digest

# Set from the context once all generators have read their content (all_generators_finalized).
chrome: str | None = None

_SIMPLE = (str, int, float, bool, type(None))


def _plain(value, depth=0):
    """Settings reduced to data: callables and objects (whose repr changes every run) are left out."""
    if isinstance(value, _SIMPLE):
        return value
    if depth < 6 and isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items() if _plain(v, depth + 1) is not _DROP}
    if depth < 6 and isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v, depth + 1) for v in value]
        return [v for v in items if v is not _DROP]
    return _DROP


_DROP = object()


def environment_digest(settings) -> str:
    """Settings, theme, plugin code and Pelican's version: when any of them changes, every page re-renders."""
    plain = {k: _plain(v) for k, v in settings.items() if k.isupper() and _plain(v) is not _DROP}
    # Where the output goes, the build's clock and whether the reader cache is read change nothing on a page.
    for volatile in ("OUTPUT_PATH", "INCREMENTAL_NOW", "LOAD_CONTENT_CACHE"):
        plain.pop(volatile, None)
    code = tree_digest(settings.get("THEME", ""), *settings.get("PLUGIN_PATHS", []))
    return digest(plain, code, version("pelican"), version("jinja2"), version("markdown"))


def site_chrome(context) -> str:
    """Digest of the site-wide parts a page template may show: menu, footer pages, campaigns, latest news."""
    categories = [(c.name, c.url) for c, _ in context.get("categories", [])]
    pages = [(p.title, p.url) for p in context.get("pages", [])]
    campaigns = [(c.slug, c.title, c.url, getattr(c, "stage", None)) for c in context.get("campaigns", [])]
    exemplars = [(e.slug, e.title, e.url) for e in context.get("exemplars", [])]
    return digest(categories, pages, campaigns, exemplars)


def reset(context) -> None:
    global chrome
    chrome = site_chrome(context)


def output_files(root: str | Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file())
