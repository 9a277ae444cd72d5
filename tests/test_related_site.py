"""The demo site carries both related boxes on every article page (plugins/related)."""

from __future__ import annotations

from tests.sitebuild import soup


def test_every_article_has_both_boxes(demo_site):
    pages = list(demo_site.glob("20*/*/*.html"))
    assert pages
    with_same = 0
    for page in pages:
        doc = soup(page)
        own = page.name
        related = doc.select("section.related-news li a")
        same = doc.select("section.same-category li a")
        assert len(related) == 5, page  # 27 articles: always a full box
        assert doc.select_one("section.same-category a[href*='chuyen-muc/']") is not None, page
        assert len(same) <= 6, page
        hrefs = [a["href"] for a in related + same]
        assert not any(href.endswith("/" + own) for href in hrefs), page
        assert len(set(hrefs)) == len(hrefs), page
        with_same += bool(same)
        for a in related + same:
            assert a.select_one(".related-title").get_text(strip=True)
            assert a.find_parent("li").select_one("time[datetime]") is not None
    # Sections with more articles than the related box fill "Tin cùng chuyên mục" too.
    assert with_same >= len(pages) // 2
