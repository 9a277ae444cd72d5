"""The text pass cache gives exactly the blocks and vocabulary of a fresh text pass, whatever changed between builds."""

from __future__ import annotations

import numpy as np
import pytest

from bench.textgen import generate
from related.ranking import Item, build_lists
from related.textcache import TextPassCache
from related.vectors import _BLOCK, Vocabulary, encode_fields


def _texts(n, seed=3):
    # More than one block of articles, so block boundaries are exercised.
    return [(a.title, a.summary, " ".join(a.paragraphs)) for a in generate(n, seed=seed, words_per_article=60)]


def _keys(fields):
    return [f"k{hash(f) & 0xFFFFFFFF:08x}-{i}" for i, f in enumerate(fields)]


def _same(blocks, vocabulary, fields):
    expected_vocabulary = Vocabulary()
    expected = encode_fields(fields, expected_vocabulary)
    assert vocabulary.terms == expected_vocabulary.terms
    assert len(blocks) == len(expected)
    for (ids, lengths), (want_ids, want_lengths) in zip(blocks, expected, strict=True):
        assert ids.dtype == want_ids.dtype and np.array_equal(ids, want_ids)
        assert np.array_equal(lengths, want_lengths)


def _encode(path, keys, fields, blank_known=True):
    cache = TextPassCache(path)
    # What the site does: the texts of articles the cache knows are not even extracted.
    given = [("", "", "") if blank_known and key in cache else f for key, f in zip(keys, fields, strict=True)]
    vocabulary = Vocabulary()
    blocks = cache.encode(keys, given, vocabulary)
    cache.save()
    return cache, blocks, vocabulary


@pytest.fixture(scope="module")
def corpus():
    fields = _texts(_BLOCK + 300)
    return fields, _keys(fields)


def test_cold_then_warm_then_edits(tmp_path, corpus):
    fields, keys = corpus
    path = tmp_path / "related-text.npz"
    _, blocks, vocabulary = _encode(path, keys, fields)
    _same(blocks, vocabulary, fields)
    assert path.is_file()

    # Nothing changed: every text comes from the cache, and nothing is written.
    before = path.stat().st_mtime_ns
    _, blocks, vocabulary = _encode(path, keys, fields)
    _same(blocks, vocabulary, fields)
    assert path.stat().st_mtime_ns == before

    # One article edited (with a word no other has), two deleted, one added at the front, order shuffled.
    edited = list(fields)
    edited[5] = (edited[5][0], edited[5][1], edited[5][2] + " xyzzyquá")
    edited_keys = list(keys)
    edited_keys[5] = "edited"
    extra = _texts(1, seed=99)[0]
    new_fields = [extra] + [f for i, f in enumerate(edited) if i not in (7, 1500)]
    new_keys = ["added"] + [k for i, k in enumerate(edited_keys) if i not in (7, 1500)]
    order = np.random.default_rng(1).permutation(len(new_keys))
    new_fields, new_keys = [new_fields[i] for i in order], [new_keys[i] for i in order]
    _, blocks, vocabulary = _encode(path, new_keys, new_fields)
    _same(blocks, vocabulary, new_fields)
    assert "xyzzyquá" in vocabulary.index

    # The edit undone: its word leaves the vocabulary again.
    _, blocks, vocabulary = _encode(path, keys, fields)
    _same(blocks, vocabulary, fields)
    assert "xyzzyquá" not in vocabulary.index


def test_corrupt_or_outdated_cache_is_read_again(tmp_path, corpus):
    fields, keys = corpus
    fields, keys = fields[:300], keys[:300]
    path = tmp_path / "related-text.npz"
    _encode(path, keys, fields)
    path.write_bytes(b"PK\x03\x04 not a zip")
    assert not any(key in TextPassCache(path) for key in keys)
    _encode(path, keys, fields, blank_known=False)
    assert all(key in TextPassCache(path) for key in keys)

    stale = TextPassCache(path)
    stale.version = "other code"
    stale.changed = True
    stale.save()
    assert not any(key in TextPassCache(path) for key in keys)


def test_related_lists_are_the_same_with_the_cache(tmp_path):
    generated = list(generate(600, seed=3, words_per_article=60))
    items = [Item(key=a.slug, title=a.title, date=a.date, sapo=a.summary, body=" ".join(a.paragraphs),
                  section=a.section, tags=tuple(a.tags), text_key=a.slug) for a in generated]
    settings = {"RELATED_TEXT": {"min_df": 1}}
    expected = build_lists(items, settings)
    path = tmp_path / "related-text.npz"
    cache = TextPassCache(path)
    assert build_lists(items, settings, cache) == expected
    cache.save()
    warm = TextPassCache(path)
    blank = [Item(key=i.key, title=i.title, date=i.date, section=i.section, tags=i.tags, text_key=i.key)
             for i in items]
    assert build_lists(blank, settings, warm) == expected
