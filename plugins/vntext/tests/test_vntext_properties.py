"""Property tests (hypothesis) for the Vietnamese text functions: any text in, no exception out, slugs always
match ^[a-z0-9-]+$ (or are empty when the text has no letter or digit), results are NFC and stable."""

import re
import unicodedata
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import example, given, settings
from hypothesis import strategies as st

import vntext

SLUG = re.compile(r"^[a-z0-9-]+$")
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
letters = st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + "0123456789 -–,.!?\"'()/\n\t")
# Everything Unicode can hold, including control characters, surrogates excluded by hypothesis, combining marks.
any_text = (
    st.text(max_size=80)
    | st.text(letters, max_size=80)
    | st.text(letters, max_size=80).map(lambda t: unicodedata.normalize("NFD", t))
)
moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)) | st.datetimes(
    min_value=datetime(1900, 1, 2),
    max_value=datetime(2100, 12, 30),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-11)), timezone(timedelta(hours=14)), vntext.TZ]),
)

FAST = settings(max_examples=300, deadline=None)


@FAST
@given(any_text)
@example("Đẩy nhanh tiến độ")
@example("\u0301\u0301")
@example("ß ø æ 北京 Ελλάδα")
@example("-" * 200 + "a")
@example("a" * 200)
def test_slugify_gives_a_url_slug_or_nothing(text):
    slug = vntext.slugify(text)
    assert slug == "" or (SLUG.match(slug) and vntext.SLUG_RE.match(slug))
    assert len(slug) <= vntext.SLUG_MAX_LENGTH
    assert vntext.slugify(unicodedata.normalize("NFD", text)) == slug
    if any(ch.isascii() and ch.isalnum() for ch in text):
        assert slug


@FAST
@given(st.lists(any_text, max_size=12))
@example(["nhà thờ", "nhà thơ", "Nhà Thờ", "nhà thờ "])
@example(["a-b", "a b"])
@example(["Kinh tế", "Kinh tế!", "kinh te"])
def test_unique_slugs_are_slugs_and_keep_different_names_apart(names):
    slugs = vntext.unique_slugs(names)
    assert set(slugs) == set(names)
    for name, slug in slugs.items():
        assert slug == "" or SLUG.match(slug), (name, slug)
        if vntext.slugify(name):
            assert slug, name
    # Names that share a slug spell alike in Telex: they differ at most in case, tone placement or punctuation.
    for a in names:
        for b in names:
            if slugs[a] == slugs[b]:
                assert vntext.slugify(vntext.telex(vntext.normalize_tones(a))) == vntext.slugify(
                    vntext.telex(vntext.normalize_tones(b))
                ), (a, b)


@FAST
@given(any_text)
def test_text_functions_never_raise_and_stay_stable(text):
    cleaned = vntext.clean_text(text)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert vntext.clean_text(cleaned) == cleaned
    dropped = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
    assert not re.search(dropped, cleaned)
    assert vntext.dropped_characters(cleaned) == []
    assert vntext.nfc(text) == unicodedata.normalize("NFC", text)
    tones = vntext.normalize_tones(text)
    assert vntext.normalize_tones(tones) == tones
    assert vntext.fold(text) == vntext.fold(unicodedata.normalize("NFD", text))
    assert vntext.fold(vntext.fold(text)) == vntext.fold(text)
    vntext.telex(text)
    for syllable in vntext.syllables(text):
        assert syllable and unicodedata.is_normalized("NFC", syllable)


@FAST
@given(st.text(st.sampled_from(VIETNAMESE + VIETNAMESE.upper() + " 0123456789,.!?"), max_size=60))
def test_telex_of_vietnamese_is_ascii(text):
    assert vntext.telex(text).isascii()


@FAST
@given(moments)
def test_dates_format_without_error(moment):
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", vntext.format_date(moment))
    assert re.fullmatch(r"(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ Nhật), \d{2}/\d{2}/\d{4} - \d{2}:\d{2}",
                        vntext.format_datetime(moment))  # fmt: skip
    assert re.fullmatch(r"Tháng (1[0-2]|[1-9])/\d{4}", vntext.format_month(moment))
    iso = vntext.iso_datetime(moment)
    # Same instant (== between zones is always False inside a repeated hour, PEP 495: 1945-09-01 22:00 is one).
    assert datetime.fromisoformat(iso).timestamp() == vntext.to_local(moment).replace(microsecond=0).timestamp()
    if moment.year >= 1976:
        assert iso.endswith("+07:00")


def test_names_differing_only_in_punctuation_share_the_plain_slug():
    assert vntext.unique_slugs(["Kinh tế", "Kinh tế!"]) == {"Kinh tế": "kinh-te", "Kinh tế!": "kinh-te"}
    slugs = vntext.unique_slugs(["nhà thờ", "nhà thơ", "Nhà thờ!"])
    assert slugs == {"nhà thờ": "nhaf-thowf", "Nhà thờ!": "nhaf-thowf", "nhà thơ": "nhaf-thow"}
