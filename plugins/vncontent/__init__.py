"""Vietnamese content for Pelican: NFC Markdown reading, Vietnamese slugs (unique per site, mark-aware for
tags, sections and authors), Jinja filters for Vietnamese dates, and Pelican's own lines about a build stopped by
an editor's file in Vietnamese, without a traceback (`messages.py`).

The text rules themselves live in `vntext`; this package is the Pelican glue.
"""

from __future__ import annotations

from pelican import signals

import vntext

from . import messages
from .errors import ContentError
from .reader import VietnameseMarkdownReader
from .taxonomy import assign_taxonomy_slugs, check_unique_slugs

__all__ = ["ContentError", "VietnameseMarkdownReader", "register"]

JINJA_FILTERS = {
    "vn_date": vntext.format_date,
    "vn_datetime": vntext.format_datetime,
    "vn_month": vntext.format_month,
    "iso_datetime": vntext.iso_datetime,
    "slugify_vi": vntext.slugify,
}


def _use_reader(readers):
    for extension in VietnameseMarkdownReader.file_extensions:
        readers.reader_classes[extension] = VietnameseMarkdownReader


def _add_filters(generator):
    generator.env.filters.update(JINJA_FILTERS)


def _all_articles(generator):
    return [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]


def _articles_pretaxonomy(generator):
    contents = _all_articles(generator)
    check_unique_slugs(contents)
    assign_taxonomy_slugs(contents)


def _pages_finalized(generator):
    check_unique_slugs([*generator.pages, *generator.hidden_pages, *generator.draft_pages], kind="trang")


def register():
    messages.install()
    signals.readers_init.connect(_use_reader)
    signals.generator_init.connect(_add_filters)
    signals.article_generator_pretaxonomy.connect(_articles_pretaxonomy)
    signals.page_generator_finalized.connect(_pages_finalized)
