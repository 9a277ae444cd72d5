"""Pelican settings for production (`make publish`): absolute URLs, feeds on, no drafts."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://baosonha.vn")
RELATIVE_URLS = False

DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives"]
DRAFT_SAVE_AS = ""
DRAFTS_SAVE_AS = ""

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/chuyen-muc/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/chuyen-muc/{slug}.rss.xml"
