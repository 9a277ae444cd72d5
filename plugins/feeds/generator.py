"""Pelican glue: a generator that writes every feed, the OPML file and the "Tin RSS" page after all contexts exist."""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from checker.schedule import now as site_now
from pelican.generators import Generator
from pelican.utils import sanitised_join

import vntext
from vncontent.errors import ContentError

from .build import FORMATS, FeedItem, FeedMeta, feed_bytes
from .cache import DigestStore, code_version, digest
from .catalogue import DEFAULT_MAX_ITEMS, GROUPS, make_catalogue
from .items import FeedOrder, article_key, entry_id, feed_articles, item_from_source, item_source
from .opml import OpmlFeed, build_opml

logger = logging.getLogger(__name__)

# The preview build (SITEURL = "") still needs absolute links in its feeds: they point at `make serve`.
PREVIEW_SITE_URL = "http://127.0.0.1:8000"
# Channel date of a site with no article at all: fixed, so even an empty site builds byte-identical feeds.
EMPTY_SITE_DATE = datetime(2000, 1, 1, tzinfo=vntext.TZ)
# Items and serialised feeds of earlier builds, under Pelican's CACHE_PATH.
CACHE_FOLDER = "feeds"
STATS_NAME = "last-build.json"  # in CACHE_FOLDER: what the cache spared in the last build


def feed_site_url(settings) -> str:
    """The absolute site address links in feeds are built on: FEED_DOMAIN, else SITEURL, else the preview server."""
    for key in ("FEED_DOMAIN", "SITEURL"):
        value = (settings.get(key) or "").rstrip("/")
        if urlsplit(value).scheme in ("http", "https"):
            return value
    return PREVIEW_SITE_URL


def page_save_as(settings) -> str:
    return settings.get("FEEDS_PAGE_SAVE_AS") or settings["FEEDS_PAGE_URL"].rstrip("/") + "/index.html"


def _check_unique_ids(articles, authority: str) -> None:
    """Two feedable articles with one entry id (same file name, same publication day) stop the build, naming the
    newer one (the one to rename: the older one's id may already be in readers' hands)."""
    seen = {}
    dated = sorted(((vntext.to_local(a.date), a) for a in articles), key=lambda pair: pair[0])
    for local, article in dated:
        # What the id is made of (its day and the file name): the id string itself only for the message.
        key = (local.date(), vntext.nfc(article_key(article)))
        if key in seen:
            line = (getattr(article, "source_lines", None) or {}).get("date")
            raise ContentError(
                article.source_path,
                line,
                f"bài này trùng mã tin RSS ({entry_id(authority, article.date, article_key(article))}) với bài "
                f"{seen[key].source_path}: hai tệp cùng tên, cùng ngày đăng; hãy đổi tên tệp này",
            )
        seen[key] = article


def _meta_values(meta: FeedMeta) -> list:
    return [getattr(meta, name) for name in meta.__dataclass_fields__]


class FeedsGenerator(Generator):
    """Feeds (RSS 2.0 and Atom) for the site, each section, campaign, exemplar and tag; OPML; the "Tin RSS" page."""

    def generate_context(self):
        """Nothing to read: everything comes from the other generators' context, complete at output time."""

    def _write_bytes(self, relative_path: str, data: bytes) -> None:
        """Write a file atomically, and not at all when it already holds these bytes: the output folder is kept
        between builds, and an unchanged feed keeps its modification time (no false Last-Modified for readers)."""
        path = sanitised_join(self.output_path, relative_path)
        self._written.add(os.path.normpath(path))
        try:
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return
        except OSError:
            pass
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(temp, 0o644)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
        logger.info('Writing "%s"', path)

    def _remove_stale_feeds(self) -> None:
        """Delete feed files a previous build wrote for a tag, section, campaign or exemplar that is gone."""
        root = glob.escape(str(self.output_path))
        for pattern in self.settings["FEED_PATHS"].values():
            for fmt in FORMATS:
                for path in glob.glob(os.path.join(root, pattern.format(slug="*", format=fmt))):
                    if os.path.normpath(path) not in self._written:
                        os.unlink(path)
                        logger.info('Removing stale feed "%s"', path)

    def generate_output(self, writer):
        started = time.perf_counter()
        settings = self.settings
        context = self.context
        site_url = feed_site_url(settings)
        authority = settings["FEEDS_ID_AUTHORITY"]
        limits = {**DEFAULT_MAX_ITEMS, **(settings.get("FEEDS_MAX_ITEMS") or {})}
        now = site_now(settings)  # the site clock: SITE_NOW when injected, as for scheduled publication
        self._written: set[str] = set()

        site_articles = feed_articles(context.get("articles") or [], now)
        _check_unique_ids(site_articles, authority)
        refs = make_catalogue(
            settings,
            site_articles,
            categories=context.get("categories"),
            tags=context.get("tags"),
            campaigns=context.get("campaigns") or [],
            exemplars=context.get("exemplars") or [],
        )
        # Items and feed bytes come from the cache when what they are made of is unchanged (see cache.py): a
        # rebuild after one article changed makes only the items and feeds that show it.
        cache_root = os.path.join(settings["CACHE_PATH"], CACHE_FOLDER) if settings.get("CACHE_PATH") else None
        item_store = DigestStore(cache_root and os.path.join(cache_root, "items"))
        feed_store = DigestStore(cache_root and os.path.join(cache_root, "feeds"))
        code = code_version()
        sources = {}
        items = {}

        def source_for(article):
            if id(article) not in sources:
                source = item_source(article, site_url, settings)
                sources[id(article)] = (source, digest(code, source.digest()))
            return sources[id(article)]

        def item_for(article):
            source, key = source_for(article)
            if key not in items:
                item = item_store.get(key)
                if not isinstance(item, FeedItem):
                    item = item_from_source(source)
                    item_store.put(key, item)
                # Dates as this build has them (the same moments: they are part of the key).
                items[key] = replace(item, published=source.date, updated=source.updated)
            return items[key]

        newest = max(
            (getattr(a, "modified", None) or a.date for a in site_articles),
            key=vntext.to_local,
            default=EMPTY_SITE_DATE,
        )
        feed_keys = set()
        order = FeedOrder(now)
        for ref in refs:
            articles = order(ref.articles, limits[ref.kind])
            ref.count = len(articles)
            ref.updated = max((source_for(a)[0].updated for a in articles), key=vntext.to_local, default=newest)
            meta = FeedMeta(
                id=f"tag:{authority}:feeds/{ref.kind}" + (f"/{ref.slug}" if ref.slug else ""),
                title=ref.title,
                description=ref.description,
                link=f"{site_url}/{ref.page_url}",
                urls={fmt: f"{site_url}/{ref.paths[fmt]}" for fmt in FORMATS},
                author=settings.get("PUBLISHER") or settings.get("SITENAME", ""),
                fallback_updated=newest,
            )
            # A feed's bytes are made of its channel and items only; the fallback date counts only when there is
            # no item (build_feed), so a new newest article does not change the key of every other feed.
            channel = replace(meta, fallback_updated=None) if articles else meta
            key = digest(code, _meta_values(channel), [source_for(a)[1] for a in articles])
            feed_keys.add(key)
            files = feed_store.get(key)
            if not (isinstance(files, dict) and all(isinstance(files.get(fmt), bytes) for fmt in FORMATS)):
                files = feed_bytes(meta, [item_for(a) for a in articles])
                feed_store.put(key, files)
            for fmt in FORMATS:
                self._write_bytes(ref.paths[fmt], files[fmt])
        item_store.keep_only({key for _, key in sources.values()})
        feed_store.keep_only(feed_keys)

        groups = [
            {"kind": kind, "heading": heading, "feeds": [ref for ref in refs if ref.kind == kind]}
            for kind, heading in GROUPS.items()
        ]
        groups = [group for group in groups if group["feeds"]]
        opml_path = settings["FEEDS_OPML_PATH"]
        sitename = settings.get("SITENAME", "")
        opml = build_opml(
            f"{sitename} – Tin RSS",
            [
                (
                    group["heading"],
                    [
                        OpmlFeed(
                            ref.title, f"{site_url}/{ref.paths['rss']}", f"{site_url}/{ref.page_url}", ref.description
                        )
                        for ref in group["feeds"]
                    ],
                )
                for group in groups
            ],
            modified=max((ref.updated for ref in refs), key=vntext.to_local, default=newest),
        )
        self._write_bytes(opml_path, opml)
        self._remove_stale_feeds()
        stats = {"feeds": len(refs), "feeds_from_cache": feed_store.hits, "items": len(sources),
                 "items_made": item_store.misses, "items_from_cache": item_store.hits,
                 "seconds": round(time.perf_counter() - started, 3)}  # feeds and OPML, not the "Tin RSS" page
        if cache_root:
            with contextlib.suppress(OSError):  # read by tests and benchmarks only
                Path(cache_root, STATS_NAME).write_text(json.dumps(stats), encoding="utf-8")
        logger.info("feeds: %(feeds)d feeds (%(feeds_from_cache)d from the cache), %(items)d articles listed "
                    "(%(items_made)d items made anew)", stats)

        writer.write_file(
            page_save_as(settings),
            self.get_template("feeds"),
            context,
            relative_urls=settings.get("RELATIVE_URLS", False),
            url=settings["FEEDS_PAGE_URL"],
            feed_groups=groups,
            opml_path=opml_path,
            page_name=settings["FEEDS_PAGE_URL"].rstrip("/"),
        )
