"""Pelican's listings built in linear time hold the same articles in the same order as Pelican's own."""

import random
from datetime import datetime

from incremental import linear_listings
from incremental.linear_listings import MemberList
from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG


class _Article:
    """Compares by identity, as Pelican's content does."""

    def __init__(self, date, n):
        self.date, self.n = date, n


def _articles(count, seed=7):
    rng = random.Random(seed)
    return [_Article(date=datetime(2020 + rng.randrange(3), rng.randrange(1, 13), rng.randrange(1, 29)), n=i)
            for i in range(count)]


def test_period_archives_match_pelicans():
    articles = _articles(300)
    dates = sorted(articles, key=lambda a: a.date, reverse=True)
    settings = {**DEFAULT_CONFIG, "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html", "YEAR_ARCHIVE_URL": "{date:%Y}/",
                "MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/index.html", "MONTH_ARCHIVE_URL": "{date:%Y}/{date:%m}/",
                "DAY_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/index.html"}
    generator = object.__new__(ArticlesGenerator)
    expected = linear_listings._original_period_archives(generator, dates, articles, settings)
    actual = linear_listings._build_period_archives(generator, dates, articles, settings)
    assert list(actual) == list(expected) == ["year", "month", "day"]
    for granularity in expected:
        assert len(actual[granularity]) == len(expected[granularity]) > 1
        for ours, pelicans in zip(actual[granularity], expected[granularity], strict=True):
            assert [a.n for a in ours["articles"]] == [a.n for a in pelicans["articles"]]
            assert {k: v for k, v in ours.items() if k != "articles"} == {
                k: v for k, v in pelicans.items() if k != "articles"}


def test_member_list_tests_identity_and_follows_edits():
    articles = _articles(20)
    members = MemberList(articles[:10])
    assert all(a in members for a in articles[:10])
    assert not any(a in members for a in articles[10:])
    members.append(articles[15])  # an edit after a lookup is seen
    assert articles[15] in members
    members.remove(articles[0])
    assert articles[0] not in members
    twin = _Article(articles[1].date, articles[1].n)  # equal fields, another object: not a member, as in a list
    assert twin not in members and twin not in list(members)
    assert list(members) == [*articles[1:10], articles[15]]
