"""Pelican's archive listings in linear time.

Pelican builds each tag, section, author and month page's `dates` list as `[a for a in self.dates if a in
articles]`, and each period archive's `articles` as `[a for a in articles if a in dates]`: a list scan per
article, so the cost grows with the square of the archive (about 7 s per build at 10,000 articles, and nine
times that at 30,000). The lists keep their contents and order; only the membership test changes.
"""

from __future__ import annotations

from pelican.generators import ArticlesGenerator


class MemberList(list):
    """A list whose `in` test looks the item up by identity in a set (articles compare by identity anyway)."""

    __slots__ = ("_ids", "_size")

    def __contains__(self, item) -> bool:
        # Rebuilt when the length changed; the lists are not edited once the listings are written.
        if getattr(self, "_size", -1) != len(self):
            self._ids = {id(member) for member in self}
            self._size = len(self)
        return id(item) in self._ids


def index_listings(generator: ArticlesGenerator) -> None:
    """Give the article lists of tag, category and author pages a set-based `in` (article_generator_finalized)."""
    generator.tags.update({tag: MemberList(articles) for tag, articles in generator.tags.items()})
    generator.categories[:] = [(category, MemberList(articles)) for category, articles in generator.categories]
    generator.authors[:] = [(author, MemberList(articles)) for author, articles in generator.authors]


_original_period_archives = ArticlesGenerator._build_period_archives


def _build_period_archives(self, sorted_articles, articles, settings):
    # Pelican's own grouping, handed no articles so that its per-period scan is empty; each period's `articles`
    # (the archive's order restricted to that period) is then filled in one pass.
    archives = _original_period_archives(self, sorted_articles, [], settings)
    for periods in archives.values():
        for period in periods:
            members = {id(article) for article in period["dates"]}
            period["articles"] = [article for article in articles if id(article) in members]
    return archives


def install() -> None:
    ArticlesGenerator._build_period_archives = _build_period_archives
