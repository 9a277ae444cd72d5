"""The ranking on small hand-made sets of articles."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import numpy as np
import pytest

from related.defaults import DEFAULTS
from related.ranking import Item, _with_recency, build_lists, related_lists, same_section_lists, title_key

BASE = datetime(2026, 6, 1, 8, 0)

TOPICS = {
    "lua": ("Nông thôn", "Nông dân xã An Phú thu hoạch lúa hữu cơ, năng suất lúa vụ mùa tăng, hợp tác xã bao tiêu "
                         "lúa gạo hữu cơ cho bà con"),
    "truong": ("Giáo dục", "Học sinh trường tiểu học khai giảng năm học mới, giáo viên chuẩn bị sách giáo khoa và "
                           "lớp học cho học sinh vùng cao"),
    "benh": ("Y tế", "Bệnh viện đa khoa tỉnh khám chữa bệnh từ xa, bác sĩ tư vấn bệnh nhân, phòng chống sốt "
                     "xuất huyết tại trạm y tế xã"),
}


def article(key, topic, day, title=None, **extra) -> Item:
    section, text = TOPICS[topic]
    return Item(
        key=key, title=title or f"Tin {key}", date=BASE + timedelta(days=day), sapo=text.split(",")[0],
        body=text, section=extra.pop("section", section), **extra,
    )


@pytest.fixture
def mixed() -> list[Item]:
    items = []
    for index in range(12):
        topic = list(TOPICS)[index % 3]
        items.append(article(f"{topic}-{index:02d}", topic, index))
    return items


def test_text_similarity_finds_the_same_topic(mixed):
    lists = related_lists(mixed, {"RELATED_COUNT": 3})
    for item in mixed:
        topic = item.key.split("-")[0]
        assert len(lists[item.key]) == 3
        assert all(other.split("-")[0] == topic for other in lists[item.key]), (item.key, lists[item.key])


def test_pinned_come_first_in_the_editors_order(mixed):
    pinned = ("benh-11", "truong-01", "benh-02")
    items = [*mixed[1:], article("lua-00", "lua", 0, pinned=pinned)]
    lists = related_lists(items)
    assert lists["lua-00"][:3] == list(pinned)
    assert len(lists["lua-00"]) == 5
    # After the pins come the best matches by text.
    assert all(key.startswith("lua-") for key in lists["lua-00"][3:])


def test_pins_to_unknown_slugs_or_to_itself_are_skipped(mixed):
    items = [*mixed[1:], article("lua-00", "lua", 0, pinned=("khong-co", "lua-00", "truong-01"))]
    assert related_lists(items)["lua-00"][0] == "truong-01"
    assert "lua-00" not in related_lists(items)["lua-00"]


def test_shared_campaign_beats_chance():
    # Same words everywhere: only the campaign tells two articles apart.
    items = [article(f"a{index}", "lua", index, campaigns=("nong-thon-moi",) if index in (2, 7) else ())
             for index in range(10)]
    assert related_lists(items, {"RELATED_COUNT": 1})["a2"] == ["a7"]
    assert related_lists(items, {"RELATED_COUNT": 1})["a7"] == ["a2"]
    exemplars = [article(f"e{index}", "lua", index, exemplars=("nguyen-thi-hoa",) if index in (1, 8) else ())
                 for index in range(10)]
    assert related_lists(exemplars, {"RELATED_COUNT": 1})["e8"] == ["e1"]


def test_campaign_beats_a_closer_text():
    items = [article("a", "lua", 0, campaigns=("dan-van-kheo",)),
             article("b", "lua", 1),
             article("c", "truong", 2, campaigns=("dan-van-kheo",))]
    assert related_lists(items, {"RELATED_COUNT": 1})["a"] == ["c"]


def test_shared_tags_count():
    items = [article(f"t{index}", "lua", index, tags=("Lúa hữu cơ",) if index == 3 else ()) for index in range(6)]
    items.append(article("t9", "lua", 9, tags=("lúa hữu cơ", "Nông thôn mới")))
    assert related_lists(items, {"RELATED_COUNT": 1})["t3"] == ["t9"]


def test_never_itself_and_never_two_equal_titles(mixed):
    items = [*mixed,
             article("lua-copy-1", "lua", 30, title="Lúa hữu cơ được mùa"),
             article("lua-copy-2", "lua", 31, title="LÚA HỮU CƠ ĐƯỢC MÙA!"),
             article("lua-copy-3", "lua", 32, title="Tin lua-00")]  # titled like lua-00 itself
    lists = related_lists(items, {"RELATED_COUNT": 8})
    for key, related in lists.items():
        assert key not in related
        assert len({title_key(next(i.title for i in items if i.key == k)) for k in related}) == len(related)
    assert not {"lua-copy-1", "lua-copy-2"} <= set(lists["lua-00"])
    assert "lua-copy-3" not in lists["lua-00"]


def test_title_key_ignores_case_punctuation_and_tone_placement():
    assert title_key("Hoà bình, thuỷ lợi!") == title_key("HÒA BÌNH thủy lợi")
    assert title_key("nhà thờ") != title_key("nhà thơ")


def test_deterministic_across_runs_and_input_order(mixed):
    # Equal texts make ties everywhere: order must still be fixed (newer first, then key).
    items = [*mixed, *[article(f"same-{index}", "benh", 50, title=f"Bản tin {index}") for index in range(6)]]
    first = build_lists(items)
    shuffled = items[:]
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert build_lists(shuffled) == first
    assert first[0]["same-3"][:3] == ["same-0", "same-1", "same-2"]


def test_newer_article_wins_a_tie():
    items = [article("old", "lua", 0, title="Một"), article("new", "lua", 40, title="Hai"),
             article("query", "lua", 20, title="Ba")]
    assert related_lists(items, {"RELATED_COUNT": 1})["query"] == ["new"]


def test_recency_decides_between_near_equals_only():
    day = 86_400.0
    # Article 0 and its candidates: 1 and 2 are new, 3 and 4 ten years old.
    stamps = np.array([3650 * day, 3650 * day, 3650 * day, 0.0, 0.0])
    rows = np.zeros(4, dtype=np.int64)
    cols = np.array([3, 2, 4, 1])  # an old close match, a new weaker one, two weak ones (old, new)
    scores = np.array([0.9, 0.85, 0.1, 0.1], dtype=np.float32)
    weights = dict(DEFAULTS["RELATED_WEIGHTS"])
    on_margin = _with_recency(scores, rows, cols, stamps, weights)
    on_score = _with_recency(scores, rows, cols, stamps, {**weights, "recency_margin": False})
    # A factor on the whole score lets the newer, weaker article pass; on the lead over the mean it does not.
    assert on_score[1] > on_score[0]
    assert on_margin[0] > on_margin[1]
    # Equal scores, below or above the mean: the newer one first in both ways.
    assert on_margin[3] > on_margin[2] and on_score[3] > on_score[2]
    tied = np.array([0.5, 0.5, 0.1, 0.1], dtype=np.float32)
    assert _with_recency(tied, rows, cols, stamps, weights)[1] > _with_recency(tied, rows, cols, stamps, weights)[0]


def test_fallback_to_recent_articles_of_the_section():
    items = [
        Item(key="a", title="Lễ hội đền Hùng", date=BASE, body="lễ hội đền hùng", section="Văn hóa"),
        Item(key="b", title="Giá xăng giảm", date=BASE + timedelta(days=1), body="xăng dầu giá", section="Kinh tế"),
        Item(key="c", title="Xuất khẩu gạo", date=BASE + timedelta(days=2), body="gạo xuất khẩu", section="Kinh tế"),
        Item(key="d", title="Đường mới", date=BASE + timedelta(days=3), body="đường bê tông", section="Xã hội"),
    ]
    lists = related_lists(items, {"RELATED_COUNT": 2})
    # Nothing in common: the newest of its own section first, then the newest of the site.
    assert lists["b"] == ["c", "d"]
    assert lists["a"] == ["d", "c"]


def test_only_a_one_article_site_has_an_empty_box():
    one = [Item(key="x", title="Một", date=BASE, body="chữ")]
    assert related_lists(one) == {"x": []}
    two = [*one, Item(key="y", title="Hai", date=BASE, body="khác")]
    assert related_lists(two) == {"x": ["y"], "y": ["x"]}
    assert related_lists([]) == {}


def test_same_section_is_newest_first_without_the_related_ones(mixed):
    related = related_lists(mixed, {"RELATED_COUNT": 1})
    same = same_section_lists(mixed, related, {"SAME_SECTION_COUNT": 3})
    for item in mixed:
        expected = [other.key for other in sorted(mixed, key=lambda o: o.date, reverse=True)
                    if other.section == item.section and other.key != item.key
                    and other.key not in related[item.key]][:3]
        assert same[item.key] == expected


def test_counts_come_from_settings(mixed):
    related, same = build_lists(mixed, {"RELATED_COUNT": 2, "SAME_SECTION_COUNT": 1})
    assert {len(v) for v in related.values()} == {2}
    assert {len(v) for v in same.values()} == {1}


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError):
        related_lists([Item(key="a", title="A", date=BASE), Item(key="a", title="B", date=BASE)])
