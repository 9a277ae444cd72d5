"""search.js rebuilds the index keys of a query in the browser: it must agree with vntext and text.py exactly."""

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from search.text import fnv1a, query_terms
from vntext import fold, syllables, telex

NODE = shutil.which("node")
SCRIPT = Path(__file__).resolve().parents[3] / "theme" / "static" / "js" / "search.js"
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed (apt-get install nodejs)")

TEXTS = [
    "thi đua", "THI ĐUA", "Thi Đua", unicodedata.normalize("NFD", "thi đua"), "điển hình", "dien hinh",
    "Đà Nẵng", "ĐÀ NẴNG", "Lào Cai", "hoà bình", "hòa bình", "HOÀ BÌNH", "thuỷ lợi", "thủy lợi", "Quý", "quý",
    "giữ gìn", "Nguyễn Thị Hoa", "người dân tộc thiểu số", "Khánh Hòa", "khánh hoà", "ưu đãi", "Ươm",
    "Lạm phát 6,3% năm 2.000", "1.300 ngày", "Sober.F", "HĐND", "TP HCM", "U17", "Yukos ôtô", "ĐĂK LĂK",
    "Đắk Lắk", "tỷ", "tỉ", "ngoằn ngoèo", "khuya", "tuyển", "thuở", "Ủy ban", "Uỷ ban", "café", "naïve",
    "  nhiều   khoảng trắng  ", "dấu—gạch – ngang", "a‐b", "", "ß", "İstanbul",
    'Phong trào thi đua "Dân vận khéo"', "Sơn Hà: tổng kết (2026)", "a. b, c", "một, hai, ba, bốn, năm, sáu, bảy, tám",
    "x" * 3 + ", " + "chín mười mười một mười hai",
]


def node(expression: str, values: list) -> list:
    program = (
        f"const s = require({json.dumps(str(SCRIPT))});"
        f"const values = {json.dumps(values, ensure_ascii=False)};"
        f"process.stdout.write(JSON.stringify(values.map(v => {expression})));"
    )
    done = subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


def test_fold_agrees_with_vntext():
    assert node("s.fold(v)", TEXTS) == [fold(t) for t in TEXTS]


def test_syllables_agree_with_vntext():
    assert node("s.syllables(v)", TEXTS) == [syllables(t) for t in TEXTS]


def test_telex_of_each_syllable_agrees_with_vntext():
    words = sorted({w for t in TEXTS for w in syllables(t)})
    assert node("s.telex(v)", words) == [telex(w) for w in words]


def test_query_keys_agree_with_text_py():
    got = node("Object.fromEntries(s.queryTerms(v).tiers.map(t => [t.name, t.terms]))", TEXTS)
    assert got == [query_terms(t) for t in TEXTS]


def test_shard_hash_agrees():
    keys = ["thi dua", "=thi ddua", "=ddaf nawngx", "da", "6,3", "ß", "中文"]
    assert node("s.fnv1a(v)", keys) == [fnv1a(k) for k in keys]


def test_snippet_keeps_real_text_and_marks_the_phrase():
    text = ("Mở đầu bài viết. " + "Câu chữ dài dòng không liên quan. " * 10
            + "Đoàn công tác đã đến Lào Cai học tập kinh nghiệm. " + "Phần kết. " * 10)
    parts = node("s.snippet(v, s.queryTerms('lao cai'))", [text])[0]
    shown = "".join(p for p, _ in parts)
    assert [p for p, marked in parts if marked] == ["Lào", "Cai"]
    assert "đã đến Lào Cai học tập" in shown
    assert shown.startswith("… ") and shown.endswith(" …")
    title = node("s.titleParts(v, s.queryTerms('DA NANG'))", ["Kết nối giao thương với Đà Nẵng!"])[0]
    assert title == [["Kết nối giao thương với ", False], ["Đà", True], [" ", False], ["Nẵng", True], ["!", False]]


def test_rank_orders_tiers_and_keeps_near_misses_last(tmp_path):
    """Tiers: exact phrase, phrase, exact syllables, syllables, then pages missing one of three syllables."""
    from search.index import Record, build_index

    texts = {
        "scattered": "Ông đi thi. Đội đua thuyền giành cúp.",
        "phrase": "Các cháu thì đùa nghịch.",
        "exact": "Phong trào thi đua lan tỏa.",
        "near": "Phong trào thi cử.",
    }
    records = [Record(title=name, url=name, section="Xã hội", text=text, sort_key=f"2025-0{i + 1}")
               for i, (name, text) in enumerate(texts.items())]
    build_index(records, tmp_path)
    program = (
        "const fs = require('fs'); const s = require(process.argv[1]); const dir = process.argv[2];"
        "const m = JSON.parse(fs.readFileSync(dir + '/index.json'));"
        "const docs = [...Array(m.n).keys()].map(i => JSON.parse(fs.readFileSync(dir + '/d/' + i + '.json')).u);"
        "const out = {};"
        "for (const q of JSON.parse(process.argv[3])) {"
        "  const plan = s.queryTerms(q); const postings = new Map();"
        "  for (const t of new Set(plan.tiers.flatMap(x => x.terms).concat(plan.folded))) {"
        "    const shard = JSON.parse(fs.readFileSync(dir + '/s/' + (s.fnv1a(t) % m.shards) + '.json'));"
        "    const flat = shard[t] || []; const ids = [], weights = []; let id = 0;"
        "    for (let k = 0; k < flat.length; k += 2) { id += flat[k]; ids.push(id); weights.push(flat[k + 1]); }"
        "    postings.set(t, {ids, weights});"
        "  }"
        "  out[q] = s.rank(plan, postings, m.n).map(h => docs[h.id]);"
        "}"
        "process.stdout.write(JSON.stringify(out));"
    )
    queries = ["thi đua", "thì đùa", "thi dua", "phong trào thi đua"]
    done = subprocess.run([NODE, "-e", program, str(SCRIPT), str(tmp_path), json.dumps(queries)],
                          capture_output=True, text=True, check=True, timeout=60)
    got = json.loads(done.stdout)
    assert got["thi đua"] == ["exact", "phrase", "scattered"]
    assert got["thì đùa"] == ["phrase", "exact", "scattered"]
    assert got["thi dua"] == ["exact", "phrase", "scattered"]  # no marks typed: a tie, the newer first
    assert got["phong trào thi đua"] == ["exact", "near"]
