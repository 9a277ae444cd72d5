"""Pure parts of the campaigns plugin: awards, slug lists, suggestions, JSON-LD escaping, ordering."""

import json
from types import SimpleNamespace

import pytest

from campaigns.facets import honour_roll, order_campaigns
from campaigns.jsonld import dumps
from campaigns.links import resolve, suggest
from campaigns.model import Award, parse_awards, parse_refs
from vncontent.errors import ContentError


def test_awards_parse_name_year_body():
    awards = parse_awards(
        ["Chiến sĩ thi đua cấp tỉnh | 2024 | Ủy ban nhân dân tỉnh Sơn Hà", "Cờ thi đua | 2025 | UBND tỉnh"], "x.md", 10
    )
    assert awards == [
        Award("Chiến sĩ thi đua cấp tỉnh", 2024, "Ủy ban nhân dân tỉnh Sơn Hà"),
        Award("Cờ thi đua", 2025, "UBND tỉnh"),
    ]
    assert awards[0].label == "Chiến sĩ thi đua cấp tỉnh 2024"


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("Bằng khen của Chủ tịch UBND tỉnh", "thiếu năm"),
        ("Bằng khen | | UBND tỉnh", "thiếu năm"),
        ("Bằng khen | năm ngoái | UBND tỉnh", "không hợp lệ"),
        ("Bằng khen | 1800 | UBND tỉnh", "không hợp lệ"),
        ("Bằng khen | 2024", "thiếu cơ quan"),
        ("| 2024 | UBND tỉnh", "thiếu tên"),
        ("Bằng khen | 2024 | UBND | thừa", "quá nhiều"),
    ],
)
def test_bad_award_names_its_own_line(line, words):
    good = "Chiến sĩ thi đua cơ sở | 2023 | Công an tỉnh"
    with pytest.raises(ContentError) as info:
        parse_awards([good, line], "content/exemplars/a.md", 12)
    assert info.value.line == 13
    assert info.value.path == "content/exemplars/a.md"
    assert words in info.value.message


def test_refs_split_on_commas_and_lines_keep_order_and_line():
    assert parse_refs("a, b ,a", 8) == [("a", 8), ("b", 8)]
    assert parse_refs(["a", "b, c"], 4) == [("a", 4), ("b", 5), ("c", 5)]
    assert parse_refs(None, 3) == []


ENTRIES = [
    SimpleNamespace(slug="dan-van-kheo", title='Phong trào thi đua "Dân vận khéo"'),
    SimpleNamespace(slug="chung-suc-xay-dung-nong-thon-moi", title="Chung sức xây dựng nông thôn mới"),
    SimpleNamespace(slug="dt-2026", title="Điển hình tiên tiến"),
]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("dan-van-keo", "dan-van-kheo"),  # a typo
        ("Dân vận khéo", "dan-van-kheo"),  # the name with marks
        ("dân-vận-khéo", "dan-van-kheo"),
        ("dien-hinh", "dt-2026"),  # folded against the title "Điển hình tiên tiến"
        ("điển hình tiên tiến", "dt-2026"),
        ("nong-thon-moi", "chung-suc-xay-dung-nong-thon-moi"),
        ("giao-thong-van-tai", None),
    ],
)
def test_suggestion_folds_diacritics(ref, expected):
    found = suggest(ref, ENTRIES)
    assert (found.slug if found else None) == expected


def test_resolve_unknown_slug_names_line_and_suggests():
    index = {e.slug: e for e in ENTRIES}
    assert resolve([("dan-van-kheo", 9)], index, "phong trào", "a.md", ENTRIES) == [ENTRIES[0]]
    with pytest.raises(ContentError) as info:
        resolve([("dan-van-kheo", 9), ("dien-hinh", 10)], index, "phong trào", "a.md", ENTRIES)
    assert str(info.value).startswith("a.md:10: lỗi: ")
    assert "“dt-2026”" in info.value.message
    with pytest.raises(ContentError) as info:
        resolve([("zzz", 3)], index, "phong trào", "a.md", ENTRIES)
    assert "dan-van-kheo" in info.value.message  # no close one: the known slugs are listed


def test_jsonld_cannot_close_its_script_element():
    text = dumps({"name": '</script><!-- & "x" -->', "viet": "Điển hình"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "Điển hình" in text
    assert json.loads(text)["name"] == '</script><!-- & "x" -->'


def test_active_campaigns_come_first():
    def c(slug, stage, year):
        from datetime import datetime

        return SimpleNamespace(slug=slug, stage=stage, start=datetime(year, 1, 1))

    ordered = order_campaigns(
        [
            c("a", "đã tổng kết", 2026),
            c("b", "đang phát động", 2020),
            c("c", "đã sơ kết", 2025),
            c("d", "đang phát động", 2024),
        ]
    )
    assert [x.slug for x in ordered] == ["d", "b", "c", "a"]


def test_honour_roll_groups_by_year_then_award():
    a = SimpleNamespace(
        title="Nguyễn Văn A", kind="cá nhân", awards=[Award("Bằng khen", 2024, "UBND"), Award("Cờ", 2025, "UBND")]
    )
    b = SimpleNamespace(title="HTX B", kind="tập thể", awards=[Award("Bằng khen", 2024, "UBND")])
    roll = honour_roll([a, b])
    assert [year for year, _ in roll] == [2025, 2024]
    ((name, entries),) = roll[1][1]
    assert name == "Bằng khen"
    assert [e.exemplar.title for e in entries] == ["HTX B", "Nguyễn Văn A"]  # collectives first, then by name


def test_entry_description_and_feed_path():
    import copy

    from pelican.settings import DEFAULT_CONFIG

    from campaigns.model import Exemplar

    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(
        EXEMPLAR_URL="dien-hinh/{slug}/",
        EXEMPLAR_SAVE_AS="dien-hinh/{slug}/index.html",
        FEED_PATHS={"exemplar": "feeds/dien-hinh/{slug}.{format}.xml"},
    )
    metadata = {"title": "Hợp tác xã An Phú", "slug": "htx-an-phu", "cover": "htx.jpg", "source_lines": {"title": 1}}
    entry = Exemplar("<p>Lúa &amp; gạo <em>hữu cơ</em>\nAn Phú</p><p>Đoạn hai</p>", metadata, settings, "x.md")
    assert entry.description == "Lúa & gạo hữu cơ An Phú"
    assert entry.url == "dien-hinh/htx-an-phu/"
    assert entry.feed_path("atom") == "feeds/dien-hinh/htx-an-phu.atom.xml"
    assert entry.cover is None  # the file name is not a cover object; the photos plugin sets one
    assert entry.metadata["cover"] == "htx.jpg"
