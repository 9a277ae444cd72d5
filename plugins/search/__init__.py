"""Vietnamese site search: a static index written after the site is built, and the results page.

Every published article, campaign and exemplar is indexed with folded (đ -> d, no marks), exact (Telex spelling,
tone placement ignored) and two-syllable keys (see `text.py`), so "dien hinh", "điển hình" and "ĐIỂN HÌNH" find the
same pages, the reader's own diacritics rank first and words rank above scattered syllables. The reader's browser
fetches only the shards of the terms it looks up (`index.py`); theme/static/js/search.js runs the query.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .background import Background, can_fork
from .index import build_index, publish
from .records import CAMPAIGN_SECTION, EXEMPLAR_SECTION, collect, extra_moment, year_of
from .termcache import TermCache

log = logging.getLogger(__name__)
_pending: dict = {}


def index_path(settings) -> str:
    return settings.get("SEARCH_INDEX_PATH") or settings.get("SEARCH_URL", "tim-kiem/") + "chi-muc/"


class SearchPageGenerator(Generator):
    """Writes the results page at SEARCH_URL (its form works without JavaScript)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        url = self.settings.get("SEARCH_URL", "tim-kiem/")
        sections = list(self.settings.get("SECTIONS", []))
        if self.context.get("campaigns"):
            sections.append(CAMPAIGN_SECTION)
        if self.context.get("exemplars"):
            sections.append(EXEMPLAR_SECTION)
        # Every year a result can carry: articles, and campaigns and exemplars by their start (records.py).
        moments = [a.date for a in self.context.get("articles", [])]
        moments += [extra_moment(o) for o in [*self.context.get("campaigns", []), *self.context.get("exemplars", [])]]
        years = sorted({y for y in map(year_of, moments) if y is not None}, reverse=True)
        writer.write_file(
            self.settings.get("SEARCH_SAVE_AS", url + "index.html"),
            self.get_template("search"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS"),
            url=url,
            search_sections=sections,
            search_years=years,
            search_index_url=index_path(self.settings),
        )


def _get_generators(pelican):
    return SearchPageGenerator


def _collect(generators):
    if not generators:
        return
    context, settings = generators[0].context, generators[0].settings
    # The index is built in the cache (patched there by rebuilds) and hard-linked into the output. On a machine
    # with a second core, a forked process reads the records from this moment's context, builds the index and links
    # it into the output (a folder nothing else writes) while Pelican renders the pages.
    cache = Path(settings.get("CACHE_PATH", "cache"))
    target = Path(generators[0].output_path) / index_path(settings)
    if settings.get("SEARCH_BACKGROUND", True) and can_fork():
        _pending["job"] = Background(_build, context, cache, target)
    else:
        _pending["job"] = Background(_build, collect(context), cache, target, parallel=False)


def _build(source, cache: Path, target: Path) -> dict:
    """The index of `source` (records, or a Pelican context to collect them from) in `cache`, linked into `target`."""
    start = time.perf_counter()
    records = collect(source) if isinstance(source, dict) else source
    # Key caches of earlier versions: one pickle, then a folder of a file per document.
    (cache / "search-terms.pickle").unlink(missing_ok=True)
    shutil.rmtree(cache / "search-terms", ignore_errors=True)
    with contextlib.closing(TermCache(cache / "search-terms.sqlite")) as term_cache:
        stats = build_index(records, cache / "search-index", term_cache, state_path=cache / "search-index.pickle")
    stats["linked"] = publish(cache / "search-index", target)["linked"]
    stats["seconds"] = time.perf_counter() - start
    return stats


def _write_index(pelican):
    job = _pending.pop("job", None)
    if job is None:
        return
    stats = job.result()
    if stats["unchanged"]:
        log.info("search: index of %d documents unchanged (%d files linked)", stats["documents"], stats["linked"])
        return
    log.info("search: %d documents, %d terms, %d shards, %d files written, %d linked%s in %.1f s",
             stats["documents"], stats["terms"], stats["shards"], stats["files_written"], stats["linked"],
             " (patched)" if stats["patched"] else "", stats["seconds"])


def register():
    signals.get_generators.connect(_get_generators)
    signals.all_generators_finalized.connect(_collect)
    signals.finalized.connect(_write_index)
