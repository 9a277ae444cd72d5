from collections import Counter

from search.termcache import TermCache


def test_values_survive_a_new_connection_only_once_synced(tmp_path):
    path = tmp_path / "terms.sqlite"
    cache = TermCache(path)
    cache["a" * 40] = Counter({"thi dua": 3, "=thi duaw": 3})
    cache["b" * 40] = Counter({"y te": 1})
    cache.sync()
    cache["c" * 40] = Counter({"mat": 1})  # not synced: a build that stops here keeps only what was synced
    again = TermCache(path)
    assert sorted(again) == ["a" * 40, "b" * 40]
    assert again["a" * 40] == Counter({"thi dua": 3, "=thi duaw": 3})
    assert "b" * 40 in again and "c" * 40 not in again and 5 not in again
    cache.close()
    assert len(TermCache(path)) == 3


def test_deleting_and_missing_keys(tmp_path):
    cache = TermCache(tmp_path / "terms.sqlite")
    cache["k"] = Counter({"x": 1})
    del cache["k"]
    assert cache.get("k") is None
    try:
        del cache["k"]
    except KeyError:
        pass
    else:
        raise AssertionError("deleting a missing key must raise KeyError")


def test_a_damaged_file_is_replaced_by_an_empty_cache(tmp_path):
    path = tmp_path / "terms.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    cache = TermCache(path)
    assert len(cache) == 0
    cache["k"] = Counter({"x": 1})
    cache.close()
    assert TermCache(path)["k"] == Counter({"x": 1})


def test_an_unreadable_value_reads_as_missing(tmp_path):
    path = tmp_path / "terms.sqlite"
    cache = TermCache(path)
    cache["k"] = Counter({"x": 1})
    cache.sync()
    cache._connection().execute("UPDATE terms SET value = ? WHERE key = 'k'", (b"\x80\x05garbage",))
    assert cache.get("k") is None
