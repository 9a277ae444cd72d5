"""RSS 2.0 and Atom feeds written with feedgen, in place of Pelican's own: the whole site, each section, campaign,
exemplar and tag, with full text, absolute links, the lead photo as enclosure and media:content, and stable ids.
Also the OPML file, the "Tin RSS" page and the Jinja helpers for <link rel="alternate"> autodiscovery.

Pure logic: `text` (XML-safe text, absolute URLs), `build` (items -> feedgen -> bytes), `items` (articles -> items),
`catalogue` (which feeds exist), `opml`. `generator` is the Pelican glue.
"""

from __future__ import annotations

import logging
from functools import partial

from pelican import signals

from .catalogue import feed_path, feed_title
from .generator import FeedsGenerator

__all__ = ["FeedsGenerator", "register"]

logger = logging.getLogger(__name__)

# Pelican's own feed settings: all switched off, this plugin writes the feeds.
PELICAN_FEED_SETTINGS = (
    "FEED_ATOM",
    "FEED_RSS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TRANSLATION_FEED_ATOM",
    "TRANSLATION_FEED_RSS",
)


def _pelican_feeds_off(pelican):
    for key in PELICAN_FEED_SETTINGS:
        if pelican.settings.get(key):
            logger.warning("feeds: %s is ignored, the feeds plugin writes every feed (see FEED_PATHS)", key)
        pelican.settings[key] = None


def _add_globals(generator):
    settings = generator.settings
    generator.env.globals.update(
        feed_path=partial(feed_path, settings["FEED_PATHS"]),
        feed_title=partial(feed_title, settings.get("SITENAME", "")),
    )


def _get_generators(pelican):
    return FeedsGenerator


def register():
    signals.initialized.connect(_pelican_feeds_off)
    signals.generator_init.connect(_add_globals)
    signals.get_generators.connect(_get_generators)
