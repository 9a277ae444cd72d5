import unicodedata
from collections import Counter

from search.text import add_terms, fnv1a, query_terms


def terms(text):
    counter = Counter()
    add_terms(counter, text)
    return counter


def test_folded_exact_and_pair_keys():
    keys = terms("Phong trào thi đua yêu nước")
    assert keys["thi"] == 1 and keys["dua"] == 1
    assert keys["thi dua"] == 1 and keys["dua yeu"] == 1
    assert keys["=ddua"] == 1 and keys["=thi ddua"] == 1
    assert "đua" not in keys  # no key keeps a raw mark


def test_pairs_never_cross_punctuation():
    keys = terms("Đoàn đến Lào Cai. Đà Nẵng (thành phố) đón khách")
    assert keys["lao cai"] == 1 and keys["da nang"] == 1
    assert "cai da" not in keys
    assert "nang thanh" not in keys and "pho don" not in keys


def test_numbers_are_keys():
    keys = terms("Lạm phát đã lên tới 6,3% trong quý I")
    assert keys["6,3"] == 1 and keys["toi 6,3"] == 1


def test_old_and_new_tone_placement_give_one_exact_key():
    assert terms("hoà bình") == terms("hòa bình")
    assert terms("thuỷ lợi") == terms("thủy lợi")


def test_query_variants_look_up_the_same_keys():
    base = query_terms("thi đua")
    assert base == query_terms("THI ĐUA")
    assert base == query_terms(unicodedata.normalize("NFD", "thi đua"))
    assert base == query_terms("  Thi   Đua! ")
    assert list(base) == ["exact-phrase", "phrase", "exact", "words"]
    assert base["phrase"] == ["thi dua"]
    assert base["exact-phrase"] == ["=thi ddua"]
    assert query_terms("hoà bình") == query_terms("hòa bình")


def test_query_without_marks_has_no_exact_tier():
    tiers = query_terms("dien hinh")
    assert tiers == {"phrase": ["dien hinh"], "words": ["dien", "hinh"]}
    assert query_terms("Da Nang")["phrase"] == query_terms("Đà Nẵng")["phrase"] == ["da nang"]
    assert query_terms("") == {}


def test_fnv1a_reference_values():
    # Published FNV-1a 32-bit test vectors.
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968
