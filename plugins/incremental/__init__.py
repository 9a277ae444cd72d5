"""Incremental rebuilds: a page is re-rendered only when what it shows changed, and the output stays
byte-identical to a cold build's.

Each page written through Pelican's writer gets a fingerprint (`fingerprint.py`) of its template's inputs;
the fingerprints of the last build live in `OUTPUT_PATH/.incremental.json`. A rebuild over that output skips
the pages whose fingerprint is unchanged and deletes the pages no longer produced. Any change to the settings,
the theme or the plugins' code re-renders everything, from files read again (`content_cache.py`).

Fixes to Pelican's own costs, which every build pays: URLs formatted once per content (`frozen_urls.py`), listings
built in linear time (`linear_listings.py`), and a cold archive's Markdown read on two cores (`parallel_read.py`);
and `once()` for templates, which renders an article's list item once per build and page depth (`render_once.py`).
"""

from __future__ import annotations

import gc
import logging

from pelican import signals

from . import build_state, content_cache, frozen_urls, linear_listings, parallel_read, render_once
from .fingerprint import reset_memo
from .writer import IncrementalWriter

logger = logging.getLogger(__name__)
_writers: list[IncrementalWriter] = []
_reads: dict[int, parallel_read.ParallelRead | None] = {}  # by id of the articles generator
# By id of the settings: the digest `content_cache.guard` found, and LOAD_CONTENT_CACHE as it was before.
_environments: dict[int, tuple[str | None, object]] = {}


def _initialized(pelican):
    settings = pelican.settings
    loads = settings.get("LOAD_CONTENT_CACHE")
    _environments[id(settings)] = (content_cache.guard(settings), loads)


def _get_writer(pelican):
    if not pelican.settings.get("INCREMENTAL", True):
        return None
    return _TrackedWriter


class _TrackedWriter(IncrementalWriter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _writers.append(self)


def _freeze_heap(*_):
    """The content read so far lives until the build ends: move it out of the garbage collector's sight, so its
    full collections scan only what the build allocates next (they took 1.5 s of a rebuild at 10,000 articles)."""
    gc.freeze()


def _article_preread(generator):
    # Sent before each file Pelican reads; the first one starts the helper for the whole list.
    if id(generator) not in _reads:
        _reads[id(generator)] = parallel_read.start(generator)


def _article_finalized(generator):
    helper = _reads.pop(id(generator), None)
    if helper is not None:
        helper.close()


def _close_reads() -> None:
    """Helpers a failed build left behind (a devserver keeps running after one)."""
    while _reads:
        helper = _reads.popitem()[1]
        if helper is not None:
            helper.close()


def _all_generators_finalized(generators):
    _freeze_heap()
    reset_memo()
    build_state.reset(generators[0].context)
    frozen_urls.freeze()


def _finalized(pelican):
    if id(pelican.settings) in _environments:
        current, loads = _environments.pop(id(pelican.settings))
        content_cache.record(pelican.settings, current)
        pelican.settings["LOAD_CONTENT_CACHE"] = loads  # the next build of a devserver reads the fresh cache
    reset_memo()
    render_once.reset()
    while _writers:
        stats = _writers.pop().finish()
        logger.info("Incremental build: %(rendered)d pages rendered, %(skipped)d unchanged, %(removed)d removed", stats)


def _generator_init(generator):
    """Where a build starts: URLs stay frozen from the writing phase through the `finalized` handlers (sitemaps and
    search read every URL) until the next build creates its content.

    Compiled templates are deliberately not kept between builds (no Jinja bytecode cache): Jinja folds filters on
    constant arguments into the compiled code (`'css/site.css'|fingerprint`, `'...'|abs_url`), so a cached template
    would keep the previous build's stylesheet name or SITEURL."""
    _close_reads()
    # Writers of a build that failed (a devserver goes on): finishing one would delete the pages it had not reached.
    # This build's writer comes after its generators.
    _writers.clear()
    frozen_urls.thaw()
    render_once.reset()
    render_once.add_global(generator)
    gc.unfreeze()  # the previous build's objects (devserver) may be collected again


def register():
    linear_listings.install()
    signals.initialized.connect(_initialized)
    signals.article_generator_preread.connect(_article_preread)
    signals.article_generator_finalized.connect(_article_finalized)
    signals.article_generator_finalized.connect(linear_listings.index_listings)
    signals.article_generator_pretaxonomy.connect(_freeze_heap)
    signals.generator_init.connect(_generator_init)
    signals.get_writer.connect(_get_writer)
    signals.all_generators_finalized.connect(_all_generators_finalized)
    signals.finalized.connect(_finalized)
