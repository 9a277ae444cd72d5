"""Campaigns (phong trào thi đua) and exemplars (điển hình tiên tiến) as first-class content.

Reads `content/campaigns/*.md` and `content/exemplars/*.md` with the site's Markdown reader, checks them (unknown or
duplicate slugs, dates, awards, required fields stop the build with a Vietnamese error naming file and line), links
them with the articles that name them (`Campaigns:` / `Exemplars:`), puts `campaigns` and `exemplars` into the shared
context, and writes their pages, the indexes with static facet pages and the honour roll (Bảng vàng).
"""

from __future__ import annotations

from pelican import signals

from .generator import CampaignsGenerator

__all__ = ["CampaignsGenerator", "register"]


def _get_generators(pelican):
    return CampaignsGenerator


def register():
    signals.get_generators.connect(_get_generators)
