"""A Pelican writer that re-renders only pages whose fingerprint changed, writing every file atomically."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import tempfile
from pathlib import Path

from pelican.writers import Writer

from .fingerprint import page_digest

logger = logging.getLogger(__name__)

MANIFEST_NAME = ".incremental.json"
# Set by tools/build.py: a pipe that ends when it has finished seeding the output folder (`_wait_for_seed`).
SEED_FD = "INCREMENTAL_SEED_FD"
# Keys Pelican adds around paginated lists: the page shown is digested, the full list only by its length.
PAGINATION_SUFFIXES = ("_page", "_paginator", "_previous_page", "_next_page")


class AtomicTextFile(io.TextIOBase):
    """Replace an existing file by writing a temporary file beside it and renaming it into place (a new inode, so a
    page hard-linked from the previous output is never written into, and a reader never sees half a page).

    A TextIOBase, so that feed writers (xml.sax's XMLGenerator) write text to it rather than bytes.
    """

    def __init__(self, path: str, encoding: str):
        folder = os.path.dirname(path) or "."
        handle, self._temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
        self._file = os.fdopen(handle, "w", encoding=encoding)
        self._path = path

    def write(self, text: str) -> int:
        return self._file.write(text)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self._file.close()
        if exc_type is None:
            os.chmod(self._temp, 0o644)
            os.replace(self._temp, self._path)
        else:
            os.unlink(self._temp)
        return False


class NewTextFile(AtomicTextFile):
    """Create a file that does not exist yet, in place: no other path reaches it yet, and a build into a fresh
    folder writes only those (the temporary file and rename cost 0.2 ms a page). Removed if writing fails."""

    def __init__(self, path: str, encoding: str):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        os.fchmod(handle, 0o644)  # as AtomicTextFile, whatever the umask
        self._file = os.fdopen(handle, "w", encoding=encoding)
        self._path = path

    def __exit__(self, exc_type, exc, tb):
        self._file.close()
        if exc_type is not None:
            os.unlink(self._path)
        return False


def open_for_writing(path: str, encoding: str) -> AtomicTextFile:
    """A file to write `path` through: created in place when new, replaced atomically when it exists."""
    try:
        return NewTextFile(path, encoding)
    except FileExistsError:
        return AtomicTextFile(path, encoding)


class _Skip(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _FingerprintedTemplate:
    """Stands in for a Jinja template: renders only when the page's fingerprint changed."""

    def __init__(self, template, writer: IncrementalWriter, page_keys: set[str], list_keys: set[str]):
        self._template = template
        self._writer = writer
        self._page_keys = page_keys
        self._list_keys = list_keys
        self.name = template.name

    def render(self, localcontext):
        name = localcontext["output_file"]
        fingerprint = self._writer.fingerprint(self._template.name, localcontext, self._page_keys, self._list_keys)
        if fingerprint is not None and self._writer.unchanged(name, fingerprint):
            self._writer.mark_skipped(name, fingerprint)
            return ""
        self._writer.mark_rendered(name, fingerprint)
        return self._template.render(localcontext)


def _wait_for_seed() -> None:
    """tools/build.py hard-links the previous build's pages into the output folder while Pelican reads; it hands us a
    pipe that ends when it is done. Read it to its end before the manifest and the pages are looked at."""
    fd = os.environ.pop(SEED_FD, None)
    if not fd:
        return
    with contextlib.suppress(OSError, ValueError), os.fdopen(int(fd), "rb") as pipe:
        pipe.read()


class IncrementalWriter(Writer):
    """Pelican's writer, plus: skip pages whose fingerprint is in the previous build's manifest."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        from . import build_state

        _wait_for_seed()

        self._state = build_state
        self._manifest_path = Path(output_path) / MANIFEST_NAME
        previous = {}
        with contextlib.suppress(OSError, ValueError):
            previous = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        self._environment = build_state.environment_digest(settings)
        same_environment = previous.get("environment") == self._environment
        # Every page of the last build is deleted unless this one writes it again (tools/build.py has linked them
        # all into the output); only in the same environment may one be skipped.
        self._built_before = previous.get("pages", {})
        if not isinstance(self._built_before, dict):
            self._built_before = {}
        self._previous = self._built_before if same_environment else {}
        self._current: dict[str, str | None] = {}
        self._skip_paths: set[str] = set()
        self.rendered = 0
        self.skipped = 0
        self.always = 0  # pages of templates that are never skipped (home, site-wide indexes)

    # -- fingerprints ---------------------------------------------------------------------------------------
    def fingerprint(self, template_name: str, localcontext, page_keys: set[str], list_keys: set[str]):
        kind = template_name.rsplit(".", 1)[0]
        if kind not in self.settings.get("INCREMENTAL_TEMPLATES", ()):
            return None
        page = localcontext.get("articles_page")
        if kind == "index" and (page is None or page.number == 1):
            return None  # the home page shows blocks from the whole site
        values = {"template": template_name, "SITEURL": localcontext.get("SITEURL"), "chrome": self._state.chrome}
        for key in sorted(page_keys):
            value = localcontext.get(key)
            if key in list_keys:
                values[key] = len(value or ())
            elif key.endswith("_paginator"):
                values[key] = (value.num_pages, value.count) if value else None
            elif key.endswith("_page") and value is not None and hasattr(value, "object_list"):
                values[key] = (value.number, list(value.object_list), getattr(value, "url", None))
            else:
                values[key] = value
        return page_digest(values)

    def unchanged(self, name: str, fingerprint: str) -> bool:
        return self._previous.get(name) == fingerprint and (Path(self.output_path) / name).is_file()

    def mark_skipped(self, name: str, fingerprint: str) -> None:
        self._current[name] = fingerprint
        self._skip_paths.add(os.path.join(self.output_path, name))
        self.skipped += 1

    def mark_rendered(self, name: str, fingerprint: str | None) -> None:
        self._current[name] = fingerprint
        self.rendered += 1
        self.always += fingerprint is None

    # -- Pelican's writer API ------------------------------------------------------------------------------
    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        page_keys = set(kwargs) | {"output_file"}
        # Pelican hands every listing page the whole archive as `all_articles`; our templates never read it, so
        # it counts by its length (digesting it on every page would make fingerprints grow with the archive).
        whole_archive = {key for key in ("all_articles",) if key in kwargs}
        lists = set(paginated or ()) or {k for k in kwargs if k in {"articles", "dates"}}
        list_keys = set()
        if template_name in self.settings.get("PAGINATED_TEMPLATES", {}):
            list_keys = set(lists)
            page_keys |= {f"{key}{suffix}" for key in lists for suffix in PAGINATION_SUFFIXES}
        wrapped = _FingerprintedTemplate(template, self, page_keys, list_keys | whole_archive)
        return super().write_file(name, wrapped, context, relative_urls=relative_urls, paginated=paginated,
                                  template_name=template_name, override_output=override_output, url=url, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        # Pelican's rule on writing one file twice, kept as it is.
        if filename in self._overridden_files:
            if override:
                raise RuntimeError(f"File {filename} is set to be overridden twice")
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise RuntimeError(f"File {filename} is to be overwritten")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        if filename in self._skip_paths:
            self._skip_paths.discard(filename)
            return _Skip()
        return open_for_writing(filename, encoding)

    # -- end of build ---------------------------------------------------------------------------------------
    def finish(self) -> dict[str, int]:
        """Delete pages the previous build wrote and this one did not, with their precompressed copies and the
        folders left empty, then save the manifest."""
        removed = 0
        root = Path(self.output_path).resolve()
        folders = set()
        for name in sorted(set(self._built_before) - set(self._current)):
            path = (root / name).resolve()
            if not path.is_relative_to(root) or path == root:
                continue  # a manifest is data from disk: never delete outside the output
            for variant in (path, path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")):
                if variant.is_file():
                    variant.unlink()
                    removed += variant == path
            folders.add(path.parent)
        for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
            # Deepest first; a folder still holding anything stays (rmdir refuses).
            while folder != root and folder.is_relative_to(root):
                try:
                    folder.rmdir()
                except OSError:
                    break
                folder = folder.parent
        pages = {name: fp for name, fp in sorted(self._current.items()) if fp is not None}
        stats = {"rendered": self.rendered, "skipped": self.skipped, "removed": removed, "always": self.always}
        manifest = {"environment": self._environment, "last_build": stats, "pages": pages}
        tmp = self._manifest_path.with_suffix(".part")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self._manifest_path)
        return stats
