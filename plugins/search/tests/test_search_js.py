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
