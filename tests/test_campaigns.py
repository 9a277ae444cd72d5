"""Campaigns and exemplars on the built demo site: cross-links both ways, facet pages, honour roll, structured
data, feeds links, pagination; and every kind of bad input stopping the build with file, line and a suggestion."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.sitebuild import ROOT, build, soup
from vntext import slugify

CONTENT = ROOT / "content"


def header(path: Path) -> dict[str, list[str]]:
    """The metadata header of a content file, read plainly (key -> its lines), independent of the plugin."""
    fields: dict[str, list[str]] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        if line.startswith("    ") and key:
            fields[key].append(line.strip())
            continue
        key, _, value = line.partition(":")
        key = key.strip().lower()
        fields[key] = [value.strip()]
    return fields


def slugs_of(values: list[str] | None) -> list[str]:
    return [s.strip() for v in values or [] for s in v.split(",") if s.strip()]


CAMPAIGN_FILES = sorted((CONTENT / "campaigns").glob("*.md"))
EXEMPLAR_FILES = sorted((CONTENT / "exemplars").glob("*.md"))
ARTICLE_FILES = sorted((CONTENT / "articles").rglob("*.md"))


def page(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") else site / url


def resolve(site: Path, from_file: Path, href: str) -> Path:
    """The output file a relative link of `from_file` points at."""
    base = "/" + from_file.relative_to(site).as_posix()
    target = urljoin(base, href).split("#")[0].lstrip("/")
    return page(site, target)


def links(site: Path, file: Path, selector: str) -> set[Path]:
    return {resolve(site, file, a["href"]) for a in soup(file).select(selector)}


def test_demo_has_enough_linked_content():
    assert len(CAMPAIGN_FILES) >= 3
    assert len(EXEMPLAR_FILES) >= 8
    named = {s for f in ARTICLE_FILES for s in slugs_of(header(f).get("campaigns"))}
    assert len(named) >= 3
    named = {s for f in ARTICLE_FILES for s in slugs_of(header(f).get("exemplars"))}
    assert len(named) >= 8


def test_articles_and_campaigns_link_both_ways(demo_site):
    for source in CAMPAIGN_FILES:
        slug = header(source)["slug"][0]
        campaign_page = demo_site / "phong-trao" / slug / "index.html"
        assert campaign_page.exists()
        # Its news: exactly the articles whose header names it, newest first.
        expected = {f for f in ARTICLE_FILES if slug in slugs_of(header(f).get("campaigns"))}
        news = [
            resolve(demo_site, campaign_page, a["href"])
            for a in soup(campaign_page).select(".entry-news .card-title a")
        ]
        assert len(news) == len(expected) > 0
        titles = {header(f)["title"][0] for f in expected}
        assert {soup(p).h1.get_text(strip=True) for p in news} == titles
        dates = [soup(p).select_one("article time")["datetime"] for p in news]
        assert dates == sorted(dates, reverse=True)
        # Back: each of those articles links to the campaign.
        for article in news:
            assert campaign_page in links(demo_site, article, ".article-campaigns a.campaign-link")


def test_articles_and_exemplars_link_both_ways(demo_site):
    for source in EXEMPLAR_FILES:
        slug = header(source)["slug"][0]
        exemplar_page = demo_site / "dien-hinh" / slug / "index.html"
        expected = {header(f)["title"][0] for f in ARTICLE_FILES if slug in slugs_of(header(f).get("exemplars"))}
        news = [
            resolve(demo_site, exemplar_page, a["href"])
            for a in soup(exemplar_page).select(".entry-news .card-title a")
        ]
        assert {soup(p).h1.get_text(strip=True) for p in news} == expected
        assert news, f"{slug} has no news"
        for article in news:
            assert exemplar_page in links(demo_site, article, ".article-campaigns a.exemplar-link")


def test_exemplars_and_campaigns_link_both_ways(demo_site):
    pairs = set()
    for source in EXEMPLAR_FILES:
        fields = header(source)
        for campaign in slugs_of(fields.get("campaigns")):
            pairs.add((fields["slug"][0], campaign))
    assert pairs
    for exemplar, campaign in pairs:
        exemplar_page = demo_site / "dien-hinh" / exemplar / "index.html"
        campaign_page = demo_site / "phong-trao" / campaign / "index.html"
        assert campaign_page in links(demo_site, exemplar_page, ".entry-campaigns a.campaign-link")
        assert exemplar_page in links(demo_site, campaign_page, ".entry-exemplars .card-title a")
    # A campaign lists no exemplar that does not name it.
    for source in CAMPAIGN_FILES:
        slug = header(source)["slug"][0]
        campaign_page = demo_site / "phong-trao" / slug / "index.html"
        listed = links(demo_site, campaign_page, ".entry-exemplars .card-title a")
        assert listed == {demo_site / "dien-hinh" / e / "index.html" for e, c in pairs if c == slug}


def test_campaign_page_shows_its_facts_and_goals(demo_site):
    for source in CAMPAIGN_FILES:
        fields = header(source)
        html = soup(demo_site / "phong-trao" / fields["slug"][0] / "index.html")
        facts = html.select_one("dl.facts").get_text(" ", strip=True)
        for key in ("document", "issuer", "scope", "stage"):
            assert fields[key][0].lower() in facts.lower()
        times = [t["datetime"] for t in html.select("dl.facts time")]
        assert fields["document_date"][0] in times and fields["start"][0] in times
        assert (fields["end"][0] in times) if "end" in fields else len(times) == 2
        assert [li.get_text(strip=True) for li in html.select(".goals li")] == fields["goals"]


def test_campaigns_index_lists_active_ones_first(demo_site):
    html = soup(demo_site / "phong-trao" / "index.html")
    stages = [header(f)["stage"][0] for f in CAMPAIGN_FILES]
    order = ["đang phát động", "đã sơ kết", "đã tổng kết"]
    headings = [h.get_text(strip=True).split(" (")[0].lower() for h in html.select(".campaign-group h2")]
    assert headings == [s for s in order if s in stages]
    cards = [a.get_text(strip=True) for a in html.select(".campaign-group .card-title a")]
    assert len(cards) == len(CAMPAIGN_FILES)
    active = {header(f)["title"][0] for f in CAMPAIGN_FILES if header(f)["stage"][0] == "đang phát động"}
    assert set(cards[: len(active)]) == active


def test_exemplar_page_shows_facts_awards_and_campaigns(demo_site):
    for source in EXEMPLAR_FILES:
        fields = header(source)
        html = soup(demo_site / "dien-hinh" / fields["slug"][0] / "index.html")
        facts = html.select_one("dl.facts").get_text(" ", strip=True)
        for key in ("kind", "unit", "district", "field"):
            assert fields[key][0] in facts
        shown = sorted(
            (int(li.select_one(".award-year").get_text(strip=True)), li.select_one(".award-name").get_text(strip=True))
            for li in html.select(".award-list li")
        )
        written = sorted((int(a.split("|")[1]), a.split("|")[0].strip()) for a in fields.get("awards", []))
        assert shown == written
        assert [li.get_text(strip=True) for li in html.select(".achievements li")] == fields["achievements"]


def test_facet_pages_narrow_the_exemplars(demo_site):
    index = demo_site / "dien-hinh" / "index.html"
    all_pages = links(demo_site, index, ".entry-list .card-title a")
    assert len(all_pages) == len(EXEMPLAR_FILES)
    expected: dict[str, set] = {}
    for source in EXEMPLAR_FILES:
        fields = header(source)
        target = demo_site / "dien-hinh" / fields["slug"][0] / "index.html"
        keys = [
            f"linh-vuc/{slugify(fields['field'][0])}",
            f"dia-ban/{slugify(fields['district'][0])}",
            f"loai/{slugify(fields['kind'][0])}",
            *(f"nam/{a.split('|')[1].strip()}" for a in fields.get("awards", [])),
        ]
        for key in keys:
            expected.setdefault(key, set()).add(target)
    # Every facet page is linked from the index (no JavaScript needed) and lists exactly its exemplars.
    facet_links = links(demo_site, index, ".facets a")
    assert facet_links == {demo_site / "dien-hinh" / key / "index.html" for key in expected}
    for key, members in expected.items():
        facet_page = demo_site / "dien-hinh" / key / "index.html"
        assert links(demo_site, facet_page, ".entry-list .card-title a") == members, key
        current = soup(facet_page).select('.facets a[aria-current="page"]')
        assert [resolve(demo_site, facet_page, a["href"]) for a in current] == [facet_page]
    assert not list(demo_site.joinpath("dien-hinh").rglob("*.js"))


def test_honour_roll_has_every_award_by_year(demo_site):
    roll = demo_site / "bang-vang" / "index.html"
    html = soup(roll)
    written = set()
    for source in EXEMPLAR_FILES:
        fields = header(source)
        for award in fields.get("awards", []):
            name, year, body = (p.strip() for p in award.split("|"))
            written.add((int(year), name, fields["title"][0], body))
    shown = set()
    years = []
    for section in html.select("section.honour-year"):
        year = int(section["id"].removeprefix("nam-"))
        years.append(year)
        assert section.h2.get_text(strip=True) == f"Năm {year}"
        for table in section.select("table.honour-table"):
            name = table.caption.get_text(" ", strip=True).rsplit(" (", 1)[0]
            for row in table.select("tbody tr"):
                who = row.select_one("th a")
                assert resolve(demo_site, roll, who["href"]).exists()
                shown.add((year, name, who.get_text(strip=True), row.select("td")[-1].get_text(strip=True)))
    assert shown == written
    assert years == sorted(years, reverse=True)


def jsonld(path: Path, name: str) -> dict:
    """The one JSON-LD object about `name` on the page (other plugins may add their own blocks)."""
    found = []
    for script in soup(path).select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        for item in data.get("@graph", [data]) if isinstance(data, dict) else data:
            if item.get("@type") in ("Person", "Organization", "CollectionPage") and item.get("name") == name:
                found.append(item)
    assert len(found) == 1, found
    return found[0]


def test_structured_data(demo_site_published):
    for source in EXEMPLAR_FILES:
        fields = header(source)
        data = jsonld(demo_site_published / "dien-hinh" / fields["slug"][0] / "index.html", fields["title"][0])
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == ("Person" if fields["kind"][0] == "cá nhân" else "Organization")
        assert data["name"] == fields["title"][0]
        assert data["url"].startswith("https://") and data["url"].endswith(f"/dien-hinh/{fields['slug'][0]}/")
        awards = fields.get("awards", [])
        assert len(data["award"]) == len(awards)
        for award in awards:
            name, year, _body = (p.strip() for p in award.split("|"))
            assert any(a.startswith(f"{name} {year}") for a in data["award"])
    for source in CAMPAIGN_FILES:
        fields = header(source)
        data = jsonld(demo_site_published / "phong-trao" / fields["slug"][0] / "index.html", fields["title"][0])
        # A collection of the campaign's news, not an Event: no venue, and it runs for years.
        assert data["@type"] == "CollectionPage" and "Event" not in json.dumps(data)
        assert data["name"] == fields["title"][0]
        assert data["temporalCoverage"] == f"{fields['start'][0]}/{fields['end'][0] if 'end' in fields else '..'}"
        assert data["sourceOrganization"]["name"] == fields["issuer"][0]
        assert data["isBasedOn"]["name"] == fields["document"][0]
        assert data["spatialCoverage"]["@type"] == "AdministrativeArea"


def test_each_campaign_and_exemplar_links_its_own_feed(demo_site):
    for kind, folder, files in (
        ("phong-trao", "phong-trao", CAMPAIGN_FILES),
        ("dien-hinh", "dien-hinh", EXEMPLAR_FILES),
    ):
        for source in files:
            slug = header(source)["slug"][0]
            html = soup(demo_site / folder / slug / "index.html")
            feed = f"/feeds/{kind}/{slug}.rss.xml"
            alternates = [
                link["href"] for link in html.select('head link[rel="alternate"][type="application/rss+xml"]')
            ]
            assert any(href.endswith(feed) for href in alternates)
            visible = html.select_one(".entry-feed a")
            assert visible.get_text(strip=True) == "Theo dõi qua RSS" and visible["href"].endswith(feed)


# --- small hand-made sites: pagination and bad input -------------------------------------------------------------

CAMPAIGN = {
    "Title": "Phong trào thi đua Điển hình tiên tiến 2026",
    "Slug": "dien-hinh-tien-tien-2026",
    "Document": "Kế hoạch số 1/KH-UBND",
    "Issuer": "Ủy ban nhân dân tỉnh Sơn Hà",
    "Document_date": "2026-01-05",
    "Start": "2026-01-15",
    "End": "2026-12-31",
    "Scope": "toàn tỉnh",
    "Stage": "đang phát động",
    "Goals": "Mục tiêu một\n    Mục tiêu hai",
}
EXEMPLAR = {
    "Title": "Nguyễn Thị Hòa",
    "Slug": "nguyen-thi-hoa",
    "Kind": "cá nhân",
    "Unit": "Hợp tác xã An Phú",
    "Commune": "xã An Phú",
    "District": "huyện Tân Lập",
    "Field": "nông nghiệp",
    "Achievements": "Thành tích một\n    Thành tích hai",
    "Awards": "Chiến sĩ thi đua cấp tỉnh | 2024 | Ủy ban nhân dân tỉnh Sơn Hà\n    Bằng khen | 2025 | UBND tỉnh",
    "Campaigns": "dien-hinh-tien-tien-2026",
}


def article(n: int, **extra) -> dict:
    return {
        "Title": f"Tin số {n} về phong trào",
        "Date": f"2026-03-{n:02d} 08:00",
        "Category": "Thi đua – Khen thưởng",
        "Author": "Hoàng Huy",
        "Summary": f"Sapo của tin số {n}.",
        "Campaigns": "dien-hinh-tien-tien-2026",
        "Exemplars": "nguyen-thi-hoa",
        **extra,
    }


def write(path: Path, fields: dict, body: str = "Nội dung.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "\n".join(f"{k}: {v}" for k, v in fields.items() if v is not None)
    path.write_text(f"{head}\n\n{body}\n", encoding="utf-8")
    return path


def small_site(root: Path, campaign=None, exemplar=None, articles=1, **article_extra) -> Path:
    content = root / "content"
    write(content / "campaigns" / "dien-hinh.md", {**CAMPAIGN, **(campaign or {})})
    write(content / "exemplars" / "hoa.md", {**EXEMPLAR, **(exemplar or {})})
    for n in range(1, articles + 1):
        write(content / "articles" / "2026-03" / f"tin-{n}.md", article(n, **article_extra))
    return content


def line_of(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    raise AssertionError(key)


def test_campaign_news_is_paginated_newest_first(tmp_path):
    content = small_site(tmp_path, articles=5)
    out = tmp_path / "out"
    build(content, out, settings={"DEFAULT_PAGINATION": 2})
    pages = [out / "phong-trao/dien-hinh-tien-tien-2026/index.html"]
    pages += [out / f"phong-trao/dien-hinh-tien-tien-2026/trang/{n}/index.html" for n in (2, 3)]
    titles = [[a.get_text(strip=True) for a in soup(p).select(".entry-news .card-title a")] for p in pages]
    assert titles == [
        ["Tin số 5 về phong trào", "Tin số 4 về phong trào"],
        ["Tin số 3 về phong trào", "Tin số 2 về phong trào"],
        ["Tin số 1 về phong trào"],
    ]
    assert links(out, pages[0], '.pagination a[rel="next"]') == {pages[1]}
    assert links(out, pages[2], '.pagination a[rel="prev"]') == {pages[1]}
    assert soup(pages[0]).select_one(".goals") and not soup(pages[1]).select_one(".goals")
    assert (out / "dien-hinh/nguyen-thi-hoa/trang/3/index.html").exists()


def test_drafts_never_appear(tmp_path):
    content = small_site(tmp_path, articles=2)
    write(
        content / "campaigns" / "nhap.md", {**CAMPAIGN, "Slug": "nhap", "Title": "Phong trào nháp", "Status": "draft"}
    )
    write(content / "articles" / "2026-03" / "tin-nhap.md", {**article(9, Title="Tin nháp"), "Status": "draft"})
    out = tmp_path / "out"
    build(content, out)
    assert not (out / "phong-trao/nhap").exists()
    index = (out / "phong-trao/index.html").read_text(encoding="utf-8")
    assert "Phong trào nháp" not in index
    news = (out / "phong-trao/dien-hinh-tien-tien-2026/index.html").read_text(encoding="utf-8")
    assert "Tin nháp" not in news and "Tin số 2" in news


def failing_build(content: Path, tmp_path: Path) -> str:
    # A wide terminal keeps Pelican's log from wrapping or shortening the long temporary paths.
    result = build(content, tmp_path / "out", check=False, env={"COLUMNS": "2000"})
    assert result.returncode != 0
    return result.stdout + result.stderr


def expect_error(output: str, path: Path, line: int, *words: str) -> str:
    """The message of the ContentError reported for `path:line`: Pelican's last line, without a traceback (the
    wide terminal keeps it on one line, followed by the logging call's location)."""
    assert "Traceback" not in output and "ContentError" not in output, output[-3000:]
    match = re.search(re.escape(f"{path}:{line}: lỗi: ") + r"(.*?)(?:\s{2,}\S+\.py:\d+)?$", output, re.MULTILINE)
    assert match, output[-3000:]
    for word in words:
        assert word in match.group(1), match.group(1)
    return match.group(1)


def test_unknown_campaign_in_article_stops_the_build_with_a_suggestion(tmp_path):
    content = small_site(tmp_path, Campaigns="điển-hình-tiên-tiến")
    source = content / "articles/2026-03/tin-1.md"
    output = failing_build(content, tmp_path)
    expect_error(output, source, line_of(source, "Campaigns"), "điển-hình-tiên-tiến", "“dien-hinh-tien-tien-2026”")


def test_unknown_exemplar_in_article_suggests_the_folded_name(tmp_path):
    content = small_site(tmp_path, Exemplars="nguyen-thi-hoaf")
    source = content / "articles/2026-03/tin-1.md"
    output = failing_build(content, tmp_path)
    expect_error(output, source, line_of(source, "Exemplars"), "nguyen-thi-hoaf", "“nguyen-thi-hoa”")


def test_unknown_campaign_in_exemplar_stops_the_build(tmp_path):
    content = small_site(tmp_path, exemplar={"Campaigns": "dien-hinh"})
    source = content / "exemplars/hoa.md"
    output = failing_build(content, tmp_path)
    expect_error(output, source, line_of(source, "Campaigns"), "“dien-hinh”", "“dien-hinh-tien-tien-2026”")


def test_duplicate_slug_stops_the_build(tmp_path):
    content = small_site(tmp_path)
    second = write(content / "exemplars" / "zz-hoa.md", {**EXEMPLAR, "Title": "Nguyễn Thị Hoà"})
    output = failing_build(content, tmp_path)
    expect_error(output, second, line_of(second, "Slug"), "nguyen-thi-hoa", str(content / "exemplars" / "hoa.md"))


def test_end_before_start_stops_the_build(tmp_path):
    content = small_site(tmp_path, campaign={"End": "2025-12-31"})
    source = content / "campaigns/dien-hinh.md"
    output = failing_build(content, tmp_path)
    expect_error(output, source, line_of(source, "End"), "31/12/2025", "15/01/2026")


def test_award_without_year_stops_the_build(tmp_path):
    awards = "Chiến sĩ thi đua cấp tỉnh | 2024 | UBND tỉnh\n    Bằng khen của Chủ tịch UBND tỉnh | | UBND tỉnh"
    content = small_site(tmp_path, exemplar={"Awards": awards})
    source = content / "exemplars/hoa.md"
    output = failing_build(content, tmp_path)
    expect_error(output, source, line_of(source, "Awards") + 1, "Bằng khen của Chủ tịch UBND tỉnh", "thiếu năm")


@pytest.mark.parametrize(
    ("folder", "kind", "key"),
    [("campaigns", "campaign", "Start"), ("exemplars", "exemplar", "Kind"), ("campaigns", "campaign", "Goals")],
)
def test_missing_required_field_stops_the_build(tmp_path, folder, kind, key):
    content = small_site(tmp_path, **{kind: {key: None}})
    source = next((content / folder).glob("*.md"))
    output = failing_build(content, tmp_path)
    expect_error(output, source, 1, f"“{key} (")


def test_bad_date_and_bad_choice_stop_the_build(tmp_path):
    content = small_site(tmp_path, campaign={"Start": "15/13/2026", "Stage": "đang chạy"})
    source = content / "campaigns/dien-hinh.md"
    output = failing_build(content, tmp_path)
    expect_error(output, source, line_of(source, "Start"), "15/13/2026")


def test_incremental_rebuild_shows_changed_exemplars_and_campaigns(tmp_path):
    """A rebuild over the last output re-renders the pages that list a changed exemplar or campaign."""
    content = small_site(tmp_path)
    out = tmp_path / "out"
    build(content, out)
    campaign_page = out / "phong-trao/dien-hinh-tien-tien-2026/index.html"
    exemplar_page = out / "dien-hinh/nguyen-thi-hoa/index.html"
    assert "Chiến sĩ thi đua cấp tỉnh (2024)" in campaign_page.read_text(encoding="utf-8")
    write(
        content / "exemplars" / "hoa.md",
        {**EXEMPLAR, "Awards": "Huân chương Lao động hạng Ba | 2026 | Chủ tịch nước", "Field": "giáo dục"},
    )
    write(content / "campaigns" / "dien-hinh.md", {**CAMPAIGN, "Stage": "đã sơ kết"})
    build(content, out)
    card = soup(campaign_page).select_one(".entry-exemplars .entry-card").get_text(" ", strip=True)
    assert "Huân chương Lao động hạng Ba (2026)" in card and "giáo dục" in card
    assert "Chiến sĩ thi đua" not in card
    assert "(đã sơ kết)" in soup(exemplar_page).select_one(".entry-campaigns").get_text(" ", strip=True)
    assert not (out / "dien-hinh/linh-vuc/nong-nghiep/index.html").exists()
    assert (out / "dien-hinh/linh-vuc/giao-duc/index.html").exists()
    roll = (out / "bang-vang/index.html").read_text(encoding="utf-8")
    assert "Huân chương Lao động hạng Ba" in roll and "Chiến sĩ thi đua cấp tỉnh" not in roll


@pytest.mark.browser
def test_campaign_styles_apply_on_a_phone(demo_site):
    """In real Chromium at phone width: the facts box and facet chips get their styles (site.css parses)."""
    playwright = pytest.importorskip("playwright.sync_api")
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with playwright.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        except Exception as error:  # no browser on this machine
            pytest.skip(f"Chromium unavailable: {error}")
        page = browser.new_page(viewport={"width": 390, "height": 844})
        slug = header(CAMPAIGN_FILES[0])["slug"][0]
        page.goto((demo_site / "phong-trao" / slug / "index.html").as_uri())
        assert page.eval_on_selector("dl.facts", "e => getComputedStyle(e).display") == "grid"
        page.goto((demo_site / "dien-hinh" / "index.html").as_uri())
        radius = page.eval_on_selector(".facet a", "e => getComputedStyle(e).borderTopLeftRadius")
        assert radius not in ("", "0px")
        # Printing the honour roll hides the site's header.
        page.goto((demo_site / "bang-vang" / "index.html").as_uri())
        page.emulate_media(media="print")
        assert page.eval_on_selector(".site-header", "e => getComputedStyle(e).display") == "none"
        browser.close()
