from datetime import datetime
from types import SimpleNamespace

from neighbours.order import link_neighbours


def art(url, day, section):
    return SimpleNamespace(url=url, date=datetime(2025, 1, day), category=section)


def test_links_within_site_and_section():
    a, b, c, d = art("a", 1, "X"), art("b", 2, "Y"), art("c", 3, "X"), art("d", 3, "Y")
    link_neighbours([d, b, c, a])
    assert [a.prev_article, a.next_article] == [None, b]
    # same date: the URL breaks the tie, so the order is reproducible
    assert [c.prev_article, c.next_article, d.prev_article, d.next_article] == [b, d, c, None]
    assert [a.prev_in_section, a.next_in_section, c.prev_in_section, c.next_in_section] == [None, c, a, None]
    assert [b.next_in_section, d.prev_in_section] == [d, b]


def test_single_article_has_no_neighbour():
    only = art("a", 1, "X")
    link_neighbours([only])
    assert only.prev_article is only.next_article is only.prev_in_section is only.next_in_section is None
