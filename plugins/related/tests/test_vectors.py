"""Text to vectors: syllables, pairs, tone placement, function words, numbers."""

from __future__ import annotations

import numpy as np

from related.defaults import DEFAULTS
from related.vectors import Vocabulary, tfidf_matrix

OPTIONS = {**DEFAULTS["RELATED_TEXT"], "min_df": 1, "max_df": 1.0}


def terms(text: str, **options) -> set[str]:
    vocabulary = Vocabulary()
    matrix, codes = tfidf_matrix([(text,), ("khác hẳn",)], (1.0,), {**OPTIONS, **options}, vocabulary)
    row = matrix.getrow(0)
    return {vocabulary.term(int(codes[col])) for col in row.indices}


def test_syllables_and_pairs_lower_case_and_new_style_tones():
    found = terms("Hoà bình, THUỶ lợi")
    assert {"hòa", "bình", "thủy", "lợi", "hòa bình", "bình thủy", "thủy lợi"} <= found
    assert "hoà" not in found


def test_old_and_new_tone_placement_give_the_same_vector():
    vocabulary = Vocabulary()
    matrix, _ = tfidf_matrix([("Hoà thuận, thuỷ lợi, khoẻ mạnh",), ("Hòa thuận, thủy lợi, khỏe mạnh",), ("khác",)],
                             (1.0,), OPTIONS, vocabulary)
    assert np.allclose(matrix.getrow(0).toarray(), matrix.getrow(1).toarray())


def test_function_words_and_numbers():
    found = terms("Năm 2025 của các hợp tác xã đã có 1,5 tỷ đồng")
    assert "của" not in found and "các" not in found and "của các" not in found
    assert "2025" not in found and "1,5" not in found
    assert "hợp tác" in found and "tỷ đồng" in found
    # Pairs with one function word stay: they are often words ("thế giới").
    assert "thế giới" in terms("thế giới")
    assert "2025" in terms("năm 2025", numbers=True)


def test_field_weights_raise_title_terms():
    vocabulary = Vocabulary()
    matrix, codes = tfidf_matrix([("lúa", "gạo"), ("ngô", "khoai")], (3.0, 1.0), OPTIONS, vocabulary)
    row = dict(zip((vocabulary.term(int(codes[c])) for c in matrix.getrow(0).indices), matrix.getrow(0).data,
                   strict=True))
    assert row["lúa"] > row["gạo"] > 0


def test_rows_are_unit_length_and_common_terms_are_cut():
    vocabulary = Vocabulary()
    docs = [(f"tin tức {word} {word}",) for word in ("lúa", "ngô", "khoai", "sắn")]
    matrix, codes = tfidf_matrix(docs, (1.0,), {**OPTIONS, "max_df": 0.5}, vocabulary)
    assert np.allclose(np.sqrt(matrix.multiply(matrix).sum(axis=1)), 1.0)
    kept = {vocabulary.term(int(codes[c])) for c in matrix.indices}
    assert "tin" not in kept and "tin tức" not in kept


def test_text_pass_split_between_processes_gives_the_same_vectors():
    syllables = np.array(["lúa", "gạo", "ngô", "khoai", "thi", "đua", "điển", "hình", "tiên", "tiến", "nông",
                          "thôn", "mới", "hợp", "tác", "xã"])
    rng = np.random.default_rng(3)
    docs = [(" ".join(rng.choice(syllables, 4)), " ".join(rng.choice(syllables, 30))) for _ in range(8200)]
    one, one_codes = tfidf_matrix(docs, (2.0, 1.0), {**OPTIONS, "workers": 1})
    two, two_codes = tfidf_matrix(docs, (2.0, 1.0), {**OPTIONS, "workers": 2})
    assert np.array_equal(one_codes, two_codes)
    assert (one != two).nnz == 0 and one.shape == two.shape == (8200, len(one_codes))
