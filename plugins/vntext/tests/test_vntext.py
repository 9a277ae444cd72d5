import unicodedata
from datetime import UTC, datetime, timedelta

import pytest

from vntext import (
    SLUG_RE,
    clean_text,
    dropped_characters,
    fold,
    format_date,
    format_datetime,
    format_month,
    iso_datetime,
    nfc,
    normalize_tones,
    slugify,
    syllables,
    telex,
    unique_slugs,
)

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731

SLUG_CASES = [
    ("Đẩy nhanh tiến độ công trình trọng điểm", "day-nhanh-tien-do-cong-trinh-trong-diem"),
    ("ĐIỂN HÌNH TIÊN TIẾN", "dien-hinh-tien-tien"),
    ("Đà Nẵng", "da-nang"),
    (NFD("Đồng bào Tây Nguyên"), "dong-bao-tay-nguyen"),
    ("Năm 2025: tăng 1,5% so với 2024!", "nam-2025-tang-1-5-so-voi-2024"),
    ("  --Thi đua...  yêu nước--  ", "thi-dua-yeu-nuoc"),
    ("Chuyển đổi số (Digital Transformation) ở trường học", "chuyen-doi-so-digital-transformation-o-truong-hoc"),
    ("Café & Zürich", "cafe-zurich"),
    ("Quỹ “Vì người nghèo” – 100 tỷ đồng", "quy-vi-nguoi-ngheo-100-ty-dong"),
    ("hoà bình", "hoa-binh"),
    ("Ủy ban nhân dân tỉnh", "uy-ban-nhan-dan-tinh"),
    ("北京 delegation", "bei-jing-delegation"),
    ("Tab\tand\nnewline", "tab-and-newline"),
]


@pytest.mark.parametrize(("text", "slug"), SLUG_CASES)
def test_slugify_hard_cases(text, slug):
    assert slugify(text) == slug
    assert SLUG_RE.match(slug)


def test_slugify_empty_and_long():
    assert slugify("!!! … —") == ""
    long = slugify("Phong trào thi đua " * 20)
    assert len(long) <= 80 and SLUG_RE.match(long) and not long.endswith("-")
    assert long.startswith("phong-trao-thi-dua-phong")
    # cut at a word boundary, never in the middle of a syllable
    assert all(part in {"phong", "trao", "thi", "dua"} for part in long.split("-"))


VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
BASE = {"a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "i", "o": "o", "ô": "o", "ơ": "o", "u": "u",
        "ư": "u", "y": "y"}


@pytest.mark.parametrize("vowel", list(VOWELS))
@pytest.mark.parametrize("tone", TONES)
@pytest.mark.parametrize("upper", [False, True])
def test_every_tone_on_every_vowel(vowel, tone, upper):
    letter = nfc(vowel + tone)
    if upper:
        letter = letter.upper()
    word = "t" + letter + "n"
    assert fold(word) == "t" + BASE[vowel] + "n"
    assert fold(NFD(word)) == fold(word)
    assert slugify(word) == "t" + BASE[vowel] + "n"
    assert normalize_tones(word) == nfc(word)


def test_fold_is_matching_key():
    assert fold("THI ĐUA") == fold("thi đua") == fold(NFD("thi đua")) == "thi dua"
    assert fold("hoà bình") == fold("hòa bình") == "hoa binh"
    assert fold("Lào Cai") == "lao cai"
    assert fold("điển hình") == "dien hinh"


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoà", "hòa"), ("thuỷ", "thủy"), ("uý", "úy"), ("loà", "lòa"), ("khoẻ", "khỏe"), ("Hoà Bình", "Hòa Bình"),
     ("quận uỷ", "quận ủy"), ("HOÀ", "HÒA")],
)
def test_tone_placement_unified(old, new):
    assert normalize_tones(old) == new
    assert normalize_tones(NFD(old)) == new
    assert normalize_tones(new) == new


@pytest.mark.parametrize("word", ["hoàng", "quý", "quà", "giữa", "của", "người", "khuỷu", "toán", "tuyến", "gì"])
def test_tone_placement_leaves_unambiguous_syllables(word):
    assert normalize_tones(word) == word


def test_telex_is_lossless_for_near_homographs():
    assert telex("nhà thờ") == "nhaf thowf"
    assert telex("nhà thơ") == "nhaf thow"
    assert telex("hoà") == telex("hòa")


def test_unique_slugs_keeps_mark_only_differences_apart():
    slugs = unique_slugs(["nhà thờ", "nhà thơ", "Nhà thờ", "vụ trưởng", "vũ trường", "thi đua", "hoà bình", "hòa bình"])
    assert slugs["nhà thờ"] == slugs["Nhà thờ"] == "nhaf-thowf"
    assert slugs["nhà thơ"] == "nhaf-thow"
    assert slugs["vụ trưởng"] != slugs["vũ trường"]
    assert slugs["thi đua"] == "thi-dua"
    # two spellings of one word are one tag, with the plain slug
    assert slugs["hoà bình"] == slugs["hòa bình"] == "hoa-binh"
    assert all(SLUG_RE.match(s) for s in slugs.values())


def test_syllables():
    text = "Năm 2025, GDP tăng 1,5% — đạt 2.000 tỷ đồng (COVID-19)."
    assert syllables(text) == ["Năm", "2025", "GDP", "tăng", "1,5", "đạt", "2.000", "tỷ", "đồng", "COVID", "19"]
    assert syllables(NFD("thi đua")) == ["thi", "đua"]
    assert syllables("... — !!") == []


def test_nfc_and_clean_text():
    assert nfc(NFD("Việt Nam")) == "Việt Nam"
    assert clean_text("a\x00b\x1fc\td\n") == "abc\td\n"
    # Invisible characters pasted from the web go (and a tone mark after one still composes); joiners stay.
    assert clean_text("kiểm\u200bthử\u00ad \ufeffmùa\u2060 mưa") == "kiểmthử mùa mưa"
    assert clean_text("Vie\u200b\u0302\u0323t") == "Việt"
    assert clean_text("👩\u200d🌾") == "👩\u200d🌾"
    assert dropped_characters("a\u200bb\u202ec\u200b") == ["\u200b", "\u202e"]


def test_dates_in_vietnamese_and_local_zone():
    moment = datetime(2025, 1, 9, 8, 30)
    assert format_datetime(moment) == "Thứ Năm, 09/01/2025 - 08:30"
    assert format_date(moment) == "09/01/2025"
    assert format_month(moment) == "Tháng 1/2025"
    assert iso_datetime(moment) == "2025-01-09T08:30:00+07:00"
    # an aware UTC time is shown in Vietnam's time
    utc = datetime(2025, 1, 11, 20, 0, tzinfo=UTC)
    assert format_datetime(utc) == "Chủ Nhật, 12/01/2025 - 03:00"
    weekdays = {format_datetime(moment + timedelta(days=i)).split(",")[0] for i in range(7)}
    assert weekdays == {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"}
