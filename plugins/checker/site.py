"""The whole content folder read once: every document plus the indexes the cross-file rules need."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pelican.settings import read_settings

from vntext import unique_slugs

from .document import Document, read_document

# Folders of content other than Pelican's articles and pages (the campaigns plugin reads them).
EXTRA_KINDS = {"campaign": "CAMPAIGN_PATHS", "exemplar": "EXEMPLAR_PATHS"}
EXTRA_DEFAULTS = {"campaign": ["campaigns"], "exemplar": ["exemplars"]}


def load_settings(conf: str | os.PathLike = "pelicanconf.py", override: dict | None = None) -> dict:
    """The site's settings, read exactly as `pelican -s conf` reads them."""
    return read_settings(os.fspath(conf), override=override)


@dataclass
class Site:
    settings: dict
    content: Path
    documents: list[Document] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind]

    def slugs(self, kind: str) -> dict[str, Document]:
        """slug -> first document (by path) of that kind carrying it."""
        found: dict[str, Document] = {}
        for doc in sorted(self.of_kind(kind), key=lambda d: d.path):
            if doc.slug:
                found.setdefault(doc.slug, doc)
        return found

    def section_slugs(self) -> dict[str, str]:
        return unique_slugs(self.settings.get("SECTIONS", []))


def content_kinds(settings: dict) -> dict[str, list[str]]:
    kinds = {
        "article": list(settings.get("ARTICLE_PATHS", ["articles"])),
        "page": list(settings.get("PAGE_PATHS", ["pages"])),
    }
    for kind, key in EXTRA_KINDS.items():
        kinds[kind] = list(settings.get(key, EXTRA_DEFAULTS[kind]))
    return kinds


def _ignore_matcher(patterns):
    """One regular expression for Pelican's IGNORE_FILES glob patterns."""
    if not patterns:
        return lambda name: False
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns)).match


def find_files(settings: dict, content: Path) -> list[tuple[Path, str]]:
    """Every Markdown file of the site with its kind."""
    ignored = _ignore_matcher(settings.get("IGNORE_FILES", []))
    found = []
    for kind, folders in content_kinds(settings).items():
        for folder in folders:
            base = content / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*.md")):
                parts = path.relative_to(base).parts
                if not any(ignored(part) for part in parts):
                    found.append((path, kind))
    return found


def kind_of(settings: dict, content: Path, path: Path) -> str | None:
    try:
        relative = path.resolve().relative_to(content.resolve())
    except ValueError:
        return None
    for kind, folders in content_kinds(settings).items():
        for folder in folders:
            if relative.parts[: len(Path(folder).parts)] == Path(folder).parts:
                return kind
    return None


def read_site(settings: dict, content: Path | None = None, overrides: dict[Path, bytes] | None = None) -> Site:
    """Read every content file; `overrides` gives other bytes for some paths (the staged versions)."""
    content = Path(content or settings["PATH"]).resolve()
    overrides = {Path(p).resolve(): data for p, data in (overrides or {}).items()}
    site = Site(settings=settings, content=content)
    for path, kind in find_files(settings, content):
        staged = overrides.get(path.resolve()) if overrides else None
        site.documents.append(read_document(path, kind, staged))
    return site
