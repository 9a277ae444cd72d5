"""The search pieces of the built demo site: results page, header box, and the index of every article,
campaign and exemplar."""

from __future__ import annotations

import json
from pathlib import Path

from tests.sitebuild import ROOT, html_files, soup


def index_docs(site: Path) -> list[dict]:
    folder = site / "tim-kiem" / "chi-muc"
    manifest = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    return [json.loads((folder / "d" / f"{i}.json").read_text(encoding="utf-8")) for i in range(manifest["n"])]


def test_results_page_works_as_a_plain_form(demo_site):
    page = soup(demo_site / "tim-kiem" / "index.html")
    form = page.select_one("form#search-form")
    assert form["method"] == "get"
    assert form.select_one("input[name=q]")
    sections = [o["value"] for o in form.select("select[name=muc] option") if o["value"]]
    assert {"Kinh tế", "Thi đua – Khen thưởng", "Phong trào thi đua", "Gương điển hình"} <= set(sections)
    years = [o["value"] for o in form.select("select[name=nam] option") if o["value"]]
    # Every year a result is filed under, campaigns (by their start: 2025, 2021) as well as articles, newest first.
    index = json.loads((demo_site / "tim-kiem" / "chi-muc" / "index.json").read_text(encoding="utf-8"))
    indexed = {str(year) for year, _count in index["years"] if year}
    assert set(years) == indexed and {"2026", "2025", "2021"} <= indexed
    assert years == sorted(years, reverse=True)
    assert "cần JavaScript" in page.select_one("#search-status").get_text()
    assert page.select_one("meta[name=robots]")["content"] == "noindex"


def test_every_page_has_the_header_box_and_only_the_tiny_loader(demo_site):
    pages = html_files(demo_site)
    assert len(pages) > 30
    for path in pages:
        page = soup(path)
        box = page.select_one("header form.search-box[role=search]")
        assert box is not None, path
        assert box["method"] == "get" and box["action"].endswith("tim-kiem/"), path
        assert box.select_one("input[name=q]") and box.select_one("label[for=o-tim-kiem]"), path
        scripts = page.find_all("script")
        assert all(s.get("src") for s in scripts if s.get("type") != "application/ld+json"), path
        srcs = [s["src"] for s in scripts if s.get("src")]
        assert any(src.endswith("/js/search-loader.js") for src in srcs), path
        assert not any(src.endswith("/js/search.js") for src in srcs), path  # loaded on focus only
    loader = (demo_site / "theme" / "js" / "search-loader.js").read_bytes()
    assert len(loader) < 1000


def test_index_holds_every_article_campaign_and_exemplar(demo_site):
    docs = index_docs(demo_site)
    urls = {d["u"] for d in docs}
    articles = [p.relative_to(demo_site).as_posix() for p in demo_site.glob("20[0-9][0-9]/[01][0-9]/*.html")]
    assert articles and set(articles) <= urls
    for kind, folder in (("phong-trao", "campaigns"), ("dien-hinh", "exemplars")):
        indexed = {u for u in urls if u.startswith(kind + "/")}
        assert len(indexed) == len(list((ROOT / "content" / folder).glob("*.md")))
        assert all((demo_site / u / "index.html").exists() for u in indexed)
    assert len(docs) == len(urls) == len(articles) + len([u for u in urls if not u.endswith(".html")])


def test_index_shows_real_titles_and_dates(demo_site):
    for doc in index_docs(demo_site):
        if not doc["u"].endswith(".html"):
            continue
        page = soup(demo_site / doc["u"])
        assert page.select_one("h1").get_text(" ", strip=True) == doc["t"]
        assert doc["d"] in page.get_text()
        assert any(ch in doc["t"] + doc["x"] for ch in "đĐàáạảãâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữ")
