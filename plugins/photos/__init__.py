"""Photos: captioned figures and photo groups in Markdown, a lead (cover) photo per article, and responsive,
metadata-free derivatives (AVIF/WebP/JPEG in several widths, list thumbnails, a 1200x630 social image) made with
Pillow, cached by content hash and processed in parallel.

Glue only: the syntax is in `syntax`/`extension`, the Pillow work in `images`, the cache in `library`, the HTML in
`markup`/`cover`, the checker's entry point in `lint` (`photos.lint(text, source_path)`).
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import logging
import os
import re
import time
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.utils import get_relative_path

from .config import from_settings
from .cover import Cover, cover_name
from .extension import META_KEY, PhotoExtension
from .images import PhotoError
from .library import PhotoLibrary, Ref, Resolver, atomic_write
from .lint import lint
from .markup import URL_TOKEN, keys_in, resolve_urls
from .scancache import ScanCache
from .syntax import INLINE_MESSAGE

__all__ = ["Cover", "lint", "register", "resolve_urls"]

logger = logging.getLogger(__name__)
CONTEXT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages", "campaigns",
                 "exemplars")

# Written after each build into the cache folder: what the last build did (tests and `make bench` read it).
STATS_NAME = "last-build.json"

_library: PhotoLibrary | None = None


def library() -> PhotoLibrary:
    if _library is None:
        raise RuntimeError("the photos plugin is not initialised")
    return _library


def _content_error(path, line, message):
    from vncontent.errors import ContentError

    return ContentError(path, line, message)


def _resolve(src: str, source_path: str):
    """The extension's resolver in a build (module level: Pelican pickles settings, which hold the extension)."""
    photo = library().photo(src, source_path)
    library().use(photo)
    return photo


def _initialized(pelican) -> None:
    global _library
    settings = pelican.settings
    cfg = from_settings(settings)
    _library = PhotoLibrary(cfg, os.path.abspath(settings["PATH"]))

    markdown = settings.setdefault("MARKDOWN", {})
    extensions = [e for e in markdown.get("extensions", []) if not isinstance(e, PhotoExtension)]
    extensions.append(PhotoExtension(resolver=_resolve, mode="build", sizes=cfg.sizes))
    markdown["extensions"] = extensions


def _markdown_files(settings) -> list[str]:
    root = os.path.abspath(settings["PATH"])
    ignore = settings.get("IGNORE_FILES", [])
    # fnmatch.fnmatch(name, p) for any p, as one regular expression (an archive has tens of thousands of names)
    pattern = re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in ignore)) if ignore else None

    def ignored(name: str) -> bool:
        return pattern is not None and pattern.match(os.path.normcase(name)) is not None

    found = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not ignored(d))
        for name in sorted(files):
            if name.endswith((".md", ".markdown", ".mkd", ".mdown")) and not ignored(name):
                found.append(os.path.join(folder, name))
    return found


def prepare_site(settings) -> None:
    """Before Pelican empties the output: find every photo of the content and make the missing derivatives.
    A bad photo stops the build here, with the output folder untouched."""
    started = time.perf_counter()
    lib = library()
    lib.seconds = 0.0
    lib.used.clear()
    lib.body_keys.clear()
    lib.processed = 0
    lib.resolve = Resolver(lib.content_root)  # files may have changed since the last build in this process
    _roots.clear()
    bodies: dict[str, list[str]] = {}
    refs: list[Ref] = []
    misplaced: list[tuple[Ref, str]] = []
    scans = ScanCache(settings.get("CACHE_PATH"))
    for path in _markdown_files(settings):
        found = scans.found(path)
        if found is None:
            continue  # the reader reports unreadable files
        covers, images = found
        for src, line in covers:
            refs.append(Ref(path, line, src))
        bodies[path] = [src for _, src, _ in images]
        for line, src, placed in images:
            refs.append(Ref(path, line, src))
            if not placed:
                misplaced.append((Ref(path, line, src), INLINE_MESSAGE.format(src=src)))
    problems = misplaced + lib.prepare(refs)
    for path, sources in bodies.items():
        keys = set()
        for src in sources:
            try:
                keys.add(lib.photos[lib.resolve(src, path)].key)
            except (PhotoError, KeyError):
                keys = None  # reported above
                break
        if keys is not None:
            lib.body_keys[os.path.abspath(path)] = keys
    scans.save()
    lib.markdown_read = scans.read
    lib.seconds += time.perf_counter() - started
    if problems:
        for ref, message in problems[1:]:
            logger.error("%s", _content_error(ref.source, ref.line, message))
        ref, message = problems[0]
        raise _content_error(ref.source, ref.line, message)


def _generator_init(generator) -> None:
    if isinstance(generator, ArticlesGenerator) and _library is not None:
        prepare_site(generator.settings)


def _content_init(content) -> None:
    """Body HTML holds a root token in photo URLs; give it this page's path to the site root. The HTML may come
    from Pelican's content cache: if its photos are not the ones the file names now (a photo replaced, photo
    settings changed), the file is read again."""
    html = getattr(content, "_content", None)
    if not html or _library is None or not getattr(content, "source_path", None):
        return
    lib = library()
    keys = keys_in(html, lib.cfg.output_dir)
    expected = lib.body_keys.get(os.path.abspath(content.source_path))
    if expected is not None and keys != expected:
        html = _reread(content)
        keys = keys_in(html, lib.cfg.output_dir)
    for key in keys:
        photo = lib.by_key(key)
        if photo is not None:
            lib.use(photo)
    if URL_TOKEN in html:  # the page root costs a URL formatting (save_as): only for bodies with photos
        html = resolve_urls(html, _page_root(content, content.settings))
    content._content = html


# Page roots computed this build, by object: (object, (slug, date) when computed, root). Formatting `save_as` is
# Pelican's slowest URL work, and an object with photos needs its root twice (body at content_object_init, lead
# photo once all content is read); a changed slug or date computes it again.
_roots: dict[int, tuple[object, tuple, str]] = {}


def _page_root(obj, settings) -> str:
    """The path from an object's own page to the site root ("../../" with relative URLs, else SITEURL + "/")."""
    if not settings.get("RELATIVE_URLS"):
        return settings.get("SITEURL", "") + "/"
    state = (getattr(obj, "slug", None), getattr(obj, "date", None))
    known = _roots.get(id(obj))
    if known is not None and known[0] is obj and known[1] == state:
        return known[2]
    root = _relative_root(obj)
    _roots[id(obj)] = (obj, state, root)
    return root


def _relative_root(obj) -> str:
    save_as = getattr(obj, "save_as", None)
    if not save_as:
        url = str(getattr(obj, "url", "") or "")
        save_as = url if url.endswith(".html") else url + "index.html"
    return get_relative_path(save_as) + "/"


def _reread(content) -> str:
    from vncontent.reader import VietnameseMarkdownReader

    html, metadata = VietnameseMarkdownReader(content.settings).read(content.source_path)
    figures = metadata.get(META_KEY)
    content.metadata[META_KEY] = figures
    setattr(content, META_KEY, figures)
    logger.debug("photos: %s read again (its photos changed)", content.source_path)
    return html


def _resolve_foreign(obj, settings) -> None:
    """Campaign and exemplar objects may not be Pelican content (no content_object_init): resolve the photo URLs
    of their body here, from their own URL."""
    html = getattr(obj, "_content", None)
    attribute = "_content"
    if not isinstance(html, str):
        html, attribute = getattr(obj, "content", None), "content"
    if not isinstance(html, str) or URL_TOKEN not in html:
        return
    for key in keys_in(html, library().cfg.output_dir):
        photo = library().by_key(key)
        if photo is not None:
            library().use(photo)
    root = _page_root(obj, settings)
    with contextlib.suppress(AttributeError):  # a read-only property: nothing to fix here
        setattr(obj, attribute, resolve_urls(html, root))


def _figures(obj, metadata: dict) -> list[dict]:
    raw = metadata.get(META_KEY) or getattr(obj, META_KEY, None)
    if isinstance(raw, (list, tuple)):
        raw = raw[0] if raw else None
    try:
        return json.loads(raw) if raw else []
    except (TypeError, ValueError):
        return []


def attach_cover(obj, settings) -> None:
    """Set `obj.cover` (a Cover, or None) from its Cover/Portrait metadata or else its first body photo."""
    lib = library()
    metadata = {k.lower(): v for k, v in (getattr(obj, "metadata", None) or {}).items()}
    source_path = os.path.abspath(obj.source_path)
    lines = getattr(obj, "source_lines", None) or metadata.get("source_lines") or {}
    figures = _figures(obj, metadata)
    field, name = cover_name(metadata)
    cover = None
    if name:
        try:
            photo = lib.photo(name, source_path)
        except PhotoError as exc:
            message = f"ảnh đại diện ({field.capitalize()}): {exc}"
            raise _content_error(obj.source_path, lines.get(field), message) from None
        figure = next((f for f in figures if photo.key in f["keys"]), None)
        alt = metadata.get(f"{field}_alt") or (figure["alts"][figure["keys"].index(photo.key)] if figure else "")
        caption = metadata.get(f"{field}_caption") or (figure["caption"] if figure else "")
        credit = metadata.get(f"{field}_credit") or (figure["credit"] if figure else "")
        in_photo = figure["in_photo"] if figure else ""
        alt = alt or caption or str(getattr(obj, "title", ""))
        cover = Cover(photo, _clean(alt), _clean(caption), _clean(credit), _clean(in_photo), figure is not None,
                      lib.cfg, _page_root(obj, settings))
    elif figures and figures[0]["keys"]:
        figure = figures[0]
        photo = lib.by_key(figure["keys"][0])
        if photo is not None:
            cover = Cover(photo, figure["alts"][0], figure["caption"], figure["credit"], figure["in_photo"], True,
                          lib.cfg, _page_root(obj, settings))
    if cover is not None:
        lib.use(cover.photo)
    obj.cover = cover


def _clean(value) -> str:
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    return " ".join(str(value or "").split())


def _all_generators_finalized(generators) -> None:
    if _library is None or not generators:
        return
    started = time.perf_counter()
    context = generators[0].context
    settings = generators[0].settings
    seen = set()
    for name in CONTEXT_LISTS:
        for obj in context.get(name) or []:
            if id(obj) in seen or not getattr(obj, "source_path", None):
                continue
            seen.add(id(obj))
            if name in ("campaigns", "exemplars"):
                _resolve_foreign(obj, settings)
            attach_cover(obj, settings)
    library().save_index()
    _roots.clear()  # not needed any more; drop the references
    library().seconds += time.perf_counter() - started


def _finalized(pelican) -> None:
    if _library is None:
        return
    started = time.perf_counter()
    lib = library()
    written = lib.publish(pelican.output_path)
    removed = lib.prune(pelican.output_path)
    made = lib.processed
    lib.seconds += time.perf_counter() - started
    stats = {"processed": made, "used": len(lib.used), "files_written": written, "files_removed": removed,
             "markdown_read": lib.markdown_read, "seconds": round(lib.seconds, 3)}
    atomic_write(Path(lib.cfg.cache_path) / STATS_NAME, json.dumps(stats).encode())
    logger.info("Ảnh: %d ảnh dùng trong trang, %d ảnh mới xử lý, %d tệp ảnh ghi ra", len(lib.used), made, written)


def register():
    signals.initialized.connect(_initialized)
    signals.generator_init.connect(_generator_init)
    signals.content_object_init.connect(_content_init)
    signals.all_generators_finalized.connect(_all_generators_finalized)
    signals.finalized.connect(_finalized)
