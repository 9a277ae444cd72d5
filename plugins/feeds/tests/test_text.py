"""XML-safe text, plain text from HTML and absolute URLs in article bodies."""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree

from feeds.text import absolute_srcset, absolutize, plain_text, xml_safe

BASE = "https://baosonha.vn/2026/04/bai-viet.html"


@pytest.mark.parametrize(
    "bad", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"]
)
def test_xml_safe_drops_what_xml_forbids(bad):
    text = xml_safe(f"Sơn{bad} Hà")
    assert text == "Sơn Hà"
    etree.Element("x").text = text  # lxml refuses any character XML forbids


def test_xml_safe_keeps_text_whitespace_and_astral_characters():
    assert xml_safe("a\tb\nc\rd 😀") == "a\tb\nc\rd 😀"


def test_xml_safe_gives_nfc():
    assert xml_safe("Hoa\u0300ng Huy") == "Hoàng Huy"


def test_plain_text_decodes_entities_once_and_drops_tags():
    assert plain_text("<p>Lúa &amp; ngô, &quot;hữu cơ&quot;</p>") == 'Lúa & ngô, "hữu cơ"'
    assert plain_text('Phong trào "Dân vận khéo" & <em>nông thôn</em>') == 'Phong trào "Dân vận khéo" & nông thôn'
    assert plain_text("  Hai\n dòng ") == "Hai dòng"
    assert plain_text("") == ""


def _parse(html):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_absolutize_resolves_links_and_images_against_the_article():
    html = (
        '<p><a href="../05/bai-khac.html">bài khác</a> <a href="/chuyen-muc/kinh-te/">Kinh tế</a>'
        ' <a href="#doan-2">đoạn 2</a> <a href="mailto:toasoan@baosonha.vn">thư</a>'
        ' <a href="https://example.org/x">ngoài</a></p>'
        '<figure><img src="anh-1.jpg" srcset="anh-1-480.jpg 480w, /anh/anh-1-960.jpg 960w" alt="Ảnh"></figure>'
        '<video poster="poster.jpg"><source src="clip.mp4"></video>'
        '<picture><source srcset="anh-1.webp 1x, anh-1@2x.webp 2x"><img src="anh-1.jpg" alt=""></picture>'
    )
    root = _parse(absolutize(html, BASE))
    hrefs = [a.get("href") for a in root.iter("a")]
    assert hrefs == [
        "https://baosonha.vn/2026/05/bai-khac.html",
        "https://baosonha.vn/chuyen-muc/kinh-te/",
        "https://baosonha.vn/2026/04/bai-viet.html#doan-2",
        "mailto:toasoan@baosonha.vn",
        "https://example.org/x",
    ]
    img = root.find(".//figure/img")
    assert img.get("src") == "https://baosonha.vn/2026/04/anh-1.jpg"
    assert (
        img.get("srcset")
        == "https://baosonha.vn/2026/04/anh-1-480.jpg 480w, https://baosonha.vn/anh/anh-1-960.jpg 960w"
    )
    assert root.find(".//video").get("poster") == "https://baosonha.vn/2026/04/poster.jpg"
    assert root.find(".//video/source").get("src") == "https://baosonha.vn/2026/04/clip.mp4"
    assert root.find(".//picture/source").get("srcset") == (
        "https://baosonha.vn/2026/04/anh-1.webp 1x, https://baosonha.vn/2026/04/anh-1@2x.webp 2x"
    )


def test_absolutize_keeps_vietnamese_as_characters_and_text_unchanged():
    html = "<p>Người dân xã Hòa Lạc &amp; “nông thôn mới”\u00a0– 100%</p>tail"
    out = absolutize(html, BASE)
    assert out == html  # nothing re-encoded, nothing lost
    assert "&#" not in out


def test_absolutize_survives_forbidden_characters():
    out = absolutize("<p>a\x0bb\x00c</p>", BASE)
    assert out == "<p>abc</p>"


def test_srcset_urls_may_contain_commas():
    srcset = "https://cdn.example/w_480,h_320/a.jpg 480w, b,c.jpg 2x,d.jpg"
    assert absolute_srcset(srcset, BASE) == (
        "https://cdn.example/w_480,h_320/a.jpg 480w, https://baosonha.vn/2026/04/b,c.jpg 2x, "
        "https://baosonha.vn/2026/04/d.jpg"
    )


def test_html5_void_elements_stay_void():
    # libxml2 does not know <source>, <track> or <wbr> are void: it would nest what follows inside them.
    html = (
        '<figure><picture><source srcset="a.avif 1x" type="image/avif"><source srcset="a.webp" type="image/webp">'
        '<img src="a.jpg" alt="Ảnh"></picture><figcaption>Chú thích</figcaption></figure>'
        '<p>Hợp<wbr>tác<wbr>xã</p><video controls><track src="t.vtt" kind="captions">Không xem được video</video>'
        "<source src=b>lạc chỗ <b>đậm</b> cuối"
    )
    assert absolutize(html, BASE) == (
        '<figure><picture><source srcset="https://baosonha.vn/2026/04/a.avif 1x" type="image/avif">'
        '<source srcset="https://baosonha.vn/2026/04/a.webp" type="image/webp">'
        '<img src="https://baosonha.vn/2026/04/a.jpg" alt="Ảnh"></picture><figcaption>Chú thích</figcaption></figure>'
        '<p>Hợp<wbr>tác<wbr>xã</p><video controls><track src="https://baosonha.vn/2026/04/t.vtt" kind="captions">'
        'Không xem được video</video><source src="https://baosonha.vn/2026/04/b">lạc chỗ <b>đậm</b> cuối'
    )


def test_embedded_video_becomes_a_link_to_the_article_in_feeds():
    html = (
        '<p>Trước.</p><iframe src="https://www.youtube-nocookie.com/embed/abc" title="Lễ  tuyên dương" '
        'sandbox="allow-scripts allow-same-origin"></iframe> sau.<div><iframe src="/video/2"></iframe></div>'
    )
    out = absolutize(html, BASE, embeds_as_links=True)
    root = lxml.html.fragment_fromstring(out, create_parent="div")
    assert root.find(".//iframe") is None and "sandbox" not in out and "youtube" not in out
    links = [(a.get("href"), a.text_content()) for a in root.iter("a")]
    watch = "Xem video trong bài trên trang báo"
    assert links == [(BASE, f"{watch}: Lễ tuyên dương"), (BASE, watch)]
    assert root.text_content() == f"Trước.{watch}: Lễ tuyên dương sau.{watch}"
    assert absolutize(html, BASE).count("<iframe") == 2  # pages keep their videos
