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

# --- feeds (plugins/feeds) ---
# Links in feeds use the public address. Articles dated in the future are drafts until their time comes (Pelican's
# WITH_FUTURE_DATES): not on the site, not in any feed (the feeds plugin also skips them in the preview).
FEED_DOMAIN = SITEURL

# --- checker (plugins/checker) ---
# Scheduled publication: an article dated in the future stays out of pages, feeds and sitemap until the first build
# after its time (run `make publish` on a schedule; SITE_NOW injects the clock in tests).
WITH_FUTURE_DATES = False
