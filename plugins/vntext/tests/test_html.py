"""Plain text of HTML fragments."""

from vntext.html import html_text


def test_blocks_end_lines_and_words_never_run_together():
    html = ("<h2>Thi đua</h2><p>Phong trào <em>“Cả nước</em> chung tay”</p><ul><li>một</li><li>hai</li></ul>"
            '<figure><img src="a.jpg" alt="x"><figcaption><span class="caption">Lễ phát động</span>'
            '<span class="credit">Ảnh: PV</span></figcaption></figure>')
    assert html_text(html, lines=True) == "Thi đua\nPhong trào “Cả nước chung tay”\nmột\nhai\nLễ phát động\nẢnh: PV"
    assert html_text(html) == "Thi đua Phong trào “Cả nước chung tay” một hai Lễ phát động Ảnh: PV"


def test_entities_decoded_scripts_dropped_nfc_and_control_characters():
    decomposed = "Hoa\u0300 Bi\u0300nh"  # "Hoà Bình" written with combining marks
    html = f"<p>{decomposed} &amp; A&lt;B</p><script>alert(1)</script><style>p{{}}</style><p>x\u202ey\u0007</p>"
    assert html_text(html) == "Hoà Bình & A<B xy"
    assert html_text("Tin &amp; ảnh") == "Tin & ảnh"


def test_plain_text_empty_and_none():
    assert html_text("  Điển   hình\n tiên tiến ") == "Điển hình tiên tiến"
    assert html_text("dòng một\n\n  dòng  hai", lines=True) == "dòng một\ndòng hai"
    assert html_text(None) == html_text("") == html_text("   ") == ""
