"""Search over real Vietnamese news: about 520 articles of ../shared/corpus built as a site, queried in Chromium.

Queries are written from the titles, about half without diacritics, as readers type on phones. The test reports
how many find their article in the top 3 (run with -s to see the table) and fails below 90%.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.textgen import from_corpus, write_site
from tests.search_support import browser, chromium_missing, run_query, serve
from tests.sitebuild import ROOT, build

CORPUS = Path(os.environ.get("SEARCH_CORPUS", ROOT.parent / "shared" / "corpus" / "articles.jsonl"))
# Every 12th article (all ten sections) and every 222nd, which the queries below were written from.
STRIDE, QUERY_STRIDE = 12, 222

QUERIES = [
    ("meo dung gia vi", "Mẹo dùng gia vị"),
    ("Paris Hilton nhẫn đính hôn", "Paris Hilton nhận chiếc nhẫn đính hôn thứ hai"),
    ("quan cua 9 mon", "Quán cua 9 món"),
    ("giá điện theo từng tháng", "EVN kiến nghị hiệu chỉnh giá điện theo từng tháng"),
    ("thao go bat dong det may", "Trung - Mỹ tiếp tục tháo gỡ bất đồng dệt may"),
    ("Indonesia bán 450.000 xe ôtô", "Indonesia kỳ vọng sẽ bán 450.000 xe ôtô cả năm"),
    ("tiep can trai tim chang", "6 bước tiếp cận trái tim chàng"),
    ("ông tổ của máy in", "Ông tổ của máy in bị phủ nhận"),
    ("tieng goi cua truc giac", "Theo tiếng gọi của trực giác"),
    ("pho truong phong canh sat dieu tra tu sat", "Một phó trưởng phòng cảnh sát điều tra tự sát"),
    ("sinh viên say rượu đánh chết người", "Nhóm sinh viên say rượu, đánh chết người sắp hầu tòa"),
    ("da xo cung", "Da xơ cứng cũng gây chết người"),
    ("bệnh vảy nến có mủ", "Bệnh vảy nến có mủ"),
    ("luc phu ngu tang nguoc", "Phát hiện em bé có 'lục phủ ngũ tạng' ngược"),
    ("THÁNH ĐƯỜNG HỒI GIÁO SHIITE", "Thánh đường Hồi giáo Shiite Iraq bị đánh bom"),
    ("quyen 1 ty USD nan nhan Katrina", "Người Mỹ quyên được hơn 1 tỷ USD cho nạn nhân Katrina"),
    ("mối tình chiến dịch Normandy", "Những mối tình trong chiến dịch Normandy"),
    ("Chelsea doi Juventus tra 8 trieu bang", "Chelsea đòi Juventus trả 8 triệu bảng vì vụ Mutu"),
    ("U17 Viet Nam VCK chau A", "U17 Việt Nam rộng đường vào VCK châu Á"),
    ("Vienna thủ đô âm nhạc", "Vienna - thủ đô âm nhạc"),
    ("Thanh Loc cai dau nong trai tim lanh", "Thành Lộc: 'Tôi có cái đầu nóng và trái tim lạnh'"),
    ("nét cọ trẻ khuyết tật", "Cuộc sống qua nét cọ trẻ khuyết tật, trẻ đường phố"),
    ("choi game dat so diem ky luc", "Dành 25 năm chơi game để đạt số điểm kỷ lục"),
    ("biến thể Sober.F", "Xuất hiện biến thể Sober.F"),
    ("giao dien ngo nghinh cua Google", "Giao diện ngộ nghĩnh của Google"),
    ("chất vấn tại kỳ họp HĐND", "Chủ tịch tỉnh phải trả lời chất vấn tại kỳ họp HĐND"),
    ("ky luat tong giam doc duong sat", "Kỷ luật Tổng giám đốc đường sắt VN vì sự cố tàu E1"),
    ("hố chôn gia cầm chết", "Khi con sông là... hố chôn gia cầm chết"),
]

pytestmark = [pytest.mark.corpus, pytest.mark.browser]


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    if not CORPUS.exists():
        pytest.skip(f"corpus absent: {CORPUS}")
    if chromium_missing():
        pytest.skip(f"browser tests skipped: {chromium_missing()}")
    root = tmp_path_factory.mktemp("search-corpus")
    content = root / "content"
    articles = (a for i, a in enumerate(from_corpus(CORPUS, 6000)) if i % STRIDE == 0 or i % QUERY_STRIDE == 0)
    write_site(articles, content)
    (content / "pages").mkdir()
    output = root / "output"
    # The site's own plugins and theme: the corpus articles carry no photos or campaigns, so this stays quick.
    build(content, output, settings={"CACHE_PATH": str(root / "cache"), "LOAD_CONTENT_CACHE": False,
                                     "CACHE_CONTENT": False})
    return output


def test_corpus_queries_find_their_article_in_the_top_3(corpus_site):
    report, found = [], 0
    with serve(corpus_site) as base, browser() as chromium:
        page = chromium.new_page()
        for query, title in QUERIES:
            top = [hit["title"] for hit in run_query(page, base, query)[:3]]
            rank = top.index(title) + 1 if title in top else None
            found += rank is not None
            report.append(f"{'ok ' if rank else 'MISS'} {rank or '-'}  {query!r} -> {top}")
    print(f"\nsearch corpus: {found}/{len(QUERIES)} queries find their article in the top 3")
    print("\n".join(report))
    assert len(QUERIES) >= 20
    assert found >= 0.9 * len(QUERIES), "\n".join(report)
