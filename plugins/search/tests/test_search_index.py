import json

import pytest

from search.index import MAX_WEIGHT, Record, build_index, publish, record_key, record_terms
from search.termcache import TermCache
from search.text import fnv1a, fnv1a_many
from vntext.html import html_text


def rec(title, day, section="Kinh tế", text="", **kw):
    iso = f"2025-01-{day:02d}T08:00:00+07:00"
    return Record(title=title, url=f"2025/01/{day}.html", section=section, text=text, date_text=f"{day:02d}/01/2025",
                  iso=iso, year=2025, sort_key=iso, **kw)


def postings(folder, manifest, term):
    shard = json.loads((folder / "s" / f"{fnv1a(term) % manifest['shards']}.json").read_text(encoding="utf-8"))
    flat, ids, weights, doc = shard.get(term, []), [], [], 0
    for gap, weight in zip(flat[::2], flat[1::2], strict=True):
        doc += gap
        ids.append(doc)
        weights.append(weight)
    return ids, weights


@pytest.fixture
def index(tmp_path):
    records = [
        rec("Đà Nẵng đón khách", 1, text="Du lịch Đà Nẵng tăng trưởng."),
        rec("Thi đua yêu nước", 3, section="Thi đua – Khen thưởng", text="Phong trào thi đua lan tỏa."),
        rec("Gương sáng", 2, section="Gương điển hình", text="Anh là điển hình tiên tiến.", keywords="dân vận khéo"),
        Record(title="Hoà bình", url="dien-hinh/x/", section="Gương điển hình", text="Không ngày tháng."),
    ]
    folder = tmp_path / "chi-muc"
    stats = build_index(records, folder)
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return folder, manifest, stats, records


def test_documents_are_ordered_newest_first_with_real_text(index):
    folder, manifest, stats, _ = index
    docs = [json.loads((folder / "d" / f"{i}.json").read_text(encoding="utf-8")) for i in range(manifest["n"])]
    assert [d["t"] for d in docs] == ["Thi đua yêu nước", "Gương sáng", "Đà Nẵng đón khách", "Hoà bình"]
    assert docs[0] == {"t": "Thi đua yêu nước", "u": "2025/01/3.html", "s": "Thi đua – Khen thưởng",
                       "d": "03/01/2025", "i": "2025-01-03T08:00:00+07:00", "x": "Phong trào thi đua lan tỏa."}
    assert docs[1]["x"].endswith("\nChủ đề: dân vận khéo")
    assert stats["documents"] == 4 and not stats["unchanged"]


def test_manifest_carries_sections_and_years_per_document(index):
    _, manifest, _, _ = index
    sections = [manifest["sections"]["abcdefgh".index(c)] for c in manifest["sec"]]
    assert sections == ["Thi đua – Khen thưởng", "Gương điển hình", "Kinh tế", "Gương điển hình"]
    assert manifest["years"] == [[2025, 3], [0, 1]]


def test_postings_weight_titles_above_text(index):
    folder, manifest, _, _ = index
    assert postings(folder, manifest, "da nang") == ([2], [5 + 1])
    assert postings(folder, manifest, "=ddaf nawngx") == ([2], [6])
    assert postings(folder, manifest, "thi dua") == ([0], [6])
    assert postings(folder, manifest, "dan van") == ([1], [2])  # tags count like the sapo
    assert postings(folder, manifest, "hoa binh") == postings(folder, manifest, "=hoaf binhf") == ([3], [5])
    assert postings(folder, manifest, "nang don") == ([2], [5])
    assert postings(folder, manifest, "khong co") == ([], [])


def test_unchanged_records_keep_the_index(index):
    folder, manifest, _, records = index
    shard = folder / "s" / "0.json"
    before = shard.stat().st_mtime_ns
    assert build_index(records, folder)["unchanged"] is True
    assert shard.stat().st_mtime_ns == before
    records[0].text += " Thêm một câu."
    assert build_index(records, folder)["unchanged"] is False
    assert json.loads((folder / "index.json").read_text(encoding="utf-8"))["src"] != manifest["src"]


def test_html_to_text_keeps_blocks_apart():
    html = (
        "<p>Đoạn <strong>một</strong>.</p><figure><img alt='x'><figcaption>"
        "<span class='photo-caption'>Chú thích.</span><span class='photo-credit'>Ảnh: Huy</span></figcaption>"
        "</figure><ul><li>A</li><li>B</li></ul><script>bad()</script>"
    )
    assert html_text(html, lines=True) == "Đoạn một.\nChú thích.\nẢnh: Huy\nA\nB"


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _records(n):
    words = ["thi đua", "điển hình", "nông thôn mới", "Đà Nẵng", "hợp tác xã", "khen thưởng", "lúa gạo", "y tế"]
    return [rec(f"Bài {i} về {words[i % 8]}", 1 + i % 28, section=["Kinh tế", "Xã hội"][i % 2],
                text=" ".join(f"{words[(i * j) % 8]} năm {2000 + j}." for j in range(1, 40 + i % 7)),
                summary=f"Sapo {words[(i + 3) % 8]}.")
            for i in range(n)]


@pytest.mark.parametrize("edit", ["body", "title-and-url", "new-terms", "removed-terms", "deleted", "added"])
def test_a_patched_rebuild_is_byte_identical_to_a_fresh_index(tmp_path, edit):
    records = _records(60)
    kept, state = tmp_path / "kept", tmp_path / "state.pickle"
    build_index(records, kept, TermCache(tmp_path / "terms.sqlite"), state_path=state)
    cache = TermCache(tmp_path / "terms.sqlite")  # a new build: keys come from the file
    if edit == "body":
        records[7].text += " Thêm một câu về khen thưởng."
    elif edit == "title-and-url":
        records[3].title, records[3].url = "Tiêu đề mới", "2025/01/moi.html"
    elif edit == "new-terms":
        records[11].text += " Xuất hiện từ ngữ chưa từng có: quýt hồng Lai Vung."
    elif edit == "removed-terms":
        records[5].text = "Chỉ còn một câu."
    elif edit == "deleted":
        del records[20]
    else:
        records.append(rec("Bài mới nhất", 28, text="Tin mới."))
    stats = build_index(records, kept, cache, state_path=state)
    assert stats["patched"] is (edit in ("body", "title-and-url", "new-terms", "removed-terms"))
    fresh = tmp_path / "fresh"
    build_index(records, fresh)
    assert _tree(kept) == _tree(fresh)
    assert stats["files_written"] < len(_tree(fresh)) or not stats["patched"]
    assert set(cache) == {record_key(r) for r in records}  # the term cache holds only live documents


def test_publish_links_the_index_and_drops_stale_files(tmp_path):
    store, site = tmp_path / "store", tmp_path / "site" / "chi-muc"
    build_index(_records(10), store)
    (site / "d").mkdir(parents=True)
    (site / "d" / "99.json").write_text("{}", encoding="utf-8")
    assert publish(store, site)["removed"] == 1
    assert _tree(site) == _tree(store)
    assert publish(store, site) == {"linked": 0, "removed": 0}
    build_index(_records(10)[:5], store)  # a smaller index replaces files; the linked copies keep their bytes
    before = _tree(site)
    assert before != _tree(store)
    publish(store, site)
    assert _tree(site) == _tree(store)


def test_every_shard_holds_exactly_each_terms_documents_and_capped_weights(tmp_path):
    """The index against a plain dictionary of postings built from `record_terms` (the columns and the stable sort
    of `_all_shards` must give the same lists, in the same shards, ids ascending)."""
    records = _records(40)
    records[0].text += " thi đua" * 150  # a weight past the cap
    folder = tmp_path / "idx"
    stats = build_index(records, folder)
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    docs = sorted(records, key=lambda r: r.sort_key, reverse=True)
    expected: dict[str, list[tuple[int, int]]] = {}
    for doc_id, record in enumerate(docs):
        for term, weight in record_terms(record).items():
            expected.setdefault(term, []).append((doc_id, min(weight, MAX_WEIGHT)))
    found = {}
    for number in range(manifest["shards"]):
        shard = json.loads((folder / "s" / f"{number}.json").read_text(encoding="utf-8"))
        assert list(shard) == sorted(shard)
        for term in shard:
            assert fnv1a(term) % manifest["shards"] == number
            ids, weights = postings(folder, manifest, term)
            found[term] = list(zip(ids, weights, strict=True))
    assert found == expected
    assert stats["terms"] == len(expected)
    assert max(w for entries in found.values() for _, w in entries) == MAX_WEIGHT


def test_fnv1a_many_matches_fnv1a_on_odd_terms():
    terms = ["", "a", "foobar", "điển hình", "=ddieenr hinhf", "x" * 300, "😀 ký tự", "\u0301"]
    assert fnv1a_many(terms).tolist() == [fnv1a(t) for t in terms]
    assert fnv1a_many([]).tolist() == []


def test_a_build_stopped_half_way_is_not_trusted_by_the_next(tmp_path, monkeypatch):
    """Build A, then B stops while writing, then C has A's records again: C must not take B's half-written files for
    A's index (its manifest still named A's records)."""
    import search.index as index_module

    first, second = _records(30), _records(30)
    second[4].text = "Hoàn toàn khác: bóng chuyền bãi biển."
    kept, state, terms = tmp_path / "kept", tmp_path / "state.pickle", TermCache(tmp_path / "terms.sqlite")
    build_index(first, kept, terms, state_path=state)
    written = []
    real = index_module._write

    def stop_after_some(path, body):
        if len(written) == 1:
            raise KeyboardInterrupt  # the build is stopped
        written.append(path)
        real(path, body)

    monkeypatch.setattr(index_module, "_write", stop_after_some)
    with pytest.raises(KeyboardInterrupt):
        build_index(second, kept, terms, state_path=state)
    monkeypatch.setattr(index_module, "_write", real)
    stats = build_index(first, kept, terms, state_path=state)
    assert not stats["unchanged"]
    fresh = tmp_path / "fresh"
    build_index(first, fresh)
    assert _tree(kept) == _tree(fresh)
