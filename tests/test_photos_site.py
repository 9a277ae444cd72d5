"""Photos on real builds: the demo site's HTML and files, the lead photo, `.cover`, the cache, and every bad input
stopping the build with file and line while the output stays untouched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image

from tests.sitebuild import ROOT, build, html_files, soup

ARTICLE = """Title: Nông dân An Phú thu hoạch lúa hữu cơ
Date: 2026-05-02 08:00
Category: Kinh tế
Author: Vũ Ngọc Anh
Summary: Vụ lúa hữu cơ đầu tiên của xã An Phú cho năng suất cao.
{header}
Đoạn mở đầu của bài.

{body}
"""
BODY = """![Nông dân gặt lúa](gat-lua.jpg)
Nông dân xã An Phú gặt lúa hữu cơ.
Trong ảnh: bà Nguyễn Thị Hoa (bên trái).
*Ảnh: Vũ Ngọc Anh*

Đoạn giữa bài.

![Máy gặt](may-gat.jpg)
![Kho thóc](kho-thoc.jpg)
Máy gặt và kho thóc mới của hợp tác xã.
*Ảnh: PV*
"""
COVER_HEADER = "Cover: canh-dong.jpg\nCover_caption: Cánh đồng An Phú mùa gặt.\nCover_credit: Ảnh: Hoàng Huy\n"


def make_site(root: Path, header: str = COVER_HEADER, body: str = BODY) -> Path:
    content = root / "content"
    folder = content / "articles" / "2026-05"
    folder.mkdir(parents=True)
    (content / "pages").mkdir()
    colours = {"gat-lua": (200, 160, 40), "may-gat": (90, 90, 200), "kho-thoc": (120, 70, 20),
               "canh-dong": (40, 160, 60)}
    for name, colour in colours.items():
        image = Image.new("RGB", (1000, 700), colour)
        exif = Image.Exif()
        exif.get_ifd(0x8825)[2] = (21.0, 1.0, 30.0)
        image.save(folder / f"{name}.jpg", quality=90, exif=exif)
    (folder / "bai.md").write_text(ARTICLE.format(header=header, body=body), encoding="utf-8")
    return content


def local_build(tmp_path: Path, content: Path, out: str = "out", **settings) -> subprocess.CompletedProcess:
    own = {"PHOTOS_CACHE_PATH": str(tmp_path / "cache"), "CACHE_PATH": str(tmp_path / "pelican-cache")}
    return build(content, tmp_path / out, settings={**own, **settings}, check=False)


def stats(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "cache" / "last-build.json").read_text())


def check_img(img, lead: bool) -> None:
    for attribute in ("width", "height", "alt", "srcset", "sizes", "src"):
        assert img.has_attr(attribute), (attribute, img)
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    if lead:
        assert img.get("fetchpriority") == "high" and not img.has_attr("loading")
    else:
        assert img.get("loading") == "lazy" and img.get("decoding") == "async" and not img.has_attr("fetchpriority")


def urls_of(element) -> list[str]:
    urls = [element["src"]] if element.has_attr("src") else []
    return urls + [part.strip().split()[0] for part in element.get("srcset", "").split(",") if part.strip()]


def test_demo_site_photos(demo_site):
    pages_with_figures = 0
    for page in html_files(demo_site):
        doc = soup(page)
        figures = doc.select("figure.photo")
        if not figures:
            continue
        pages_with_figures += 1
        leads = doc.select('img[fetchpriority="high"]')
        assert len(leads) <= 1, page
        for figure in figures:
            pictures = figure.find_all("picture", recursive=False)
            assert pictures and len(figure.select("img")) == len(pictures)
            assert ("photo-group" in figure["class"]) == (len(pictures) > 1)
            leads_here = [p for p in pictures if p.img.get("fetchpriority")]
            assert len(leads_here) == ("photo-lead" in figure["class"])  # in a group, only the Cover photo
            for picture in pictures:
                check_img(picture.img, lead=picture in leads_here)
                assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
                for element in [*picture.find_all("source"), picture.img]:
                    for url in urls_of(element):
                        target = Path(urljoin(page.as_uri(), url).removeprefix("file://"))
                        assert target.is_file(), (page, url)
            caption = figure.figcaption
            assert caption is not None and caption.select_one(".photo-caption").get_text(strip=True)
            assert caption.select_one(".photo-credit").get_text(strip=True).startswith("Ảnh")
    assert pages_with_figures >= 20
    article = soup(demo_site / "2026/07/co-giao-tran-minh-chau-va-nhung-gio-hoc-khong-bang-den.html")
    figures = article.select("figure.photo")
    assert len(figures) == 2  # the Cover is the body's first photo: not repeated above the body
    assert "photo-lead" in figures[0]["class"] and figures[0].find_parent(class_="article-body")
    assert len(figures[1].find_all("picture")) == 2
    assert figures[1].select_one(".photo-credit").get_text() == "Ảnh: PV"


def test_demo_output_has_no_originals_and_no_metadata(demo_site):
    originals = {p.name for p in (ROOT / "content").rglob("*") if p.suffix.lower() in {".jpg", ".jpeg", ".png"}}
    published = [p for p in demo_site.rglob("*") if p.suffix in {".jpg", ".webp", ".avif", ".png", ".jpeg"}]
    assert published and not originals & {p.name for p in published}
    assert all(p.relative_to(demo_site).parts[0] in {"anh", "theme"} for p in published)
    for path in published:
        if path.parts[-3] != "anh" and "anh" not in path.parts:
            continue
        with Image.open(path) as image:
            assert not image.getexif() and "icc_profile" not in image.info and "exif" not in image.info, path
    sizes = [p.stat().st_size for p in demo_site.glob("anh/*/*-960.jpg")]
    assert sizes and max(sizes) < 150_000
    assert not [p for p in demo_site.rglob(".*tmp*")]


def test_lead_photo_from_metadata_and_cover_contract(tmp_path):
    content = make_site(tmp_path)
    result = local_build(tmp_path, content)
    assert result.returncode == 0, result.stderr
    doc = soup(tmp_path / "out/2026/05/nong-dan-an-phu-thu-hoach-lua-huu-co.html")
    lead = doc.select("figure.photo-lead")
    assert len(lead) == 1 and not lead[0].find_parent(class_="article-body")
    check_img(lead[0].img, lead=True)
    assert lead[0].img["alt"] == "Cánh đồng An Phú mùa gặt."
    assert lead[0].select_one(".photo-credit").get_text() == "Ảnh: Hoàng Huy"
    body = doc.select(".article-body figure.photo")
    assert len(body) == 2
    for figure in body:
        for img in figure.select("img"):
            check_img(img, lead=False)
    assert body[0].select_one(".photo-people").get_text() == "Trong ảnh: bà Nguyễn Thị Hoa (bên trái)."
    assert body[0].img["alt"] == "Nông dân gặt lúa"
    assert body[0].img["src"].startswith("../../anh/")
    assert "(min-width: 48rem) 22rem" in body[1].img["sizes"]
    assert not list((tmp_path / "out").rglob("gat-lua.jpg"))

    covers = dump_covers(tmp_path, content)
    cover = covers["nong-dan-an-phu-thu-hoach-lua-huu-co"]
    assert cover["caption"] == "Cánh đồng An Phú mùa gặt." and cover["credit"] == "Ảnh: Hoàng Huy"
    assert not cover["in_body"]
    out = tmp_path / "dump"
    for part in ("thumb", "social", "enclosure"):
        assert not cover[part]["src"].startswith("/")
    with Image.open(out / cover["social"]["src"]) as social:
        assert social.size == (1200, 630) == (cover["social"]["width"], cover["social"]["height"])
    assert (out / cover["social"]["src"]).stat().st_size == cover["social"]["length"]
    assert cover["social"]["type"] == cover["enclosure"]["type"] == "image/jpeg"
    with Image.open(out / cover["enclosure"]["src"]) as enclosure:
        assert enclosure.size == (1000, 700)  # the largest JPEG: the original width, never upscaled
    with Image.open(out / cover["thumb"]["src"]) as thumb:
        assert thumb.size == (cover["thumb"]["width"], cover["thumb"]["height"]) == (360, 240)
    assert 'fetchpriority="high"' in cover["html"] and "<picture>" in cover["html"]


DUMP = r"""
import json, sys
sys.path.insert(0, "plugins")
from pelican import Pelican, signals
from pelican.settings import read_settings
content, output, cache = sys.argv[1:4]
settings = read_settings("pelicanconf.py", override={"PATH": content, "OUTPUT_PATH": output,
                                                     "PHOTOS_CACHE_PATH": cache})
pelican = Pelican(settings)
seen = {}
signals.all_generators_finalized.connect(lambda generators: seen.update(context=generators[0].context), weak=False)
pelican.run()
covers = {}
for item in seen["context"]["articles"]:
    c = item.cover
    covers[item.slug] = c and {"alt": c.alt, "caption": c.caption, "credit": c.credit, "in_body": c.in_body,
                               "thumb": c.thumb, "social": c.social, "enclosure": c.enclosure, "html": str(c.html)}
print(json.dumps(covers))
"""


def dump_covers(tmp_path: Path, content: Path) -> dict:
    """`.cover` of every article, read in a real Pelican run."""
    result = subprocess.run([sys.executable, "-c", DUMP, str(content), str(tmp_path / "dump"), str(tmp_path / "cache")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_cache_and_settings(tmp_path):
    content = make_site(tmp_path)
    assert local_build(tmp_path, content).returncode == 0
    assert stats(tmp_path)["processed"] == 4
    objects = sorted((tmp_path / "cache" / "objects").glob("*/*"))
    stamps = {p: p.stat().st_mtime_ns for p in objects}
    result = local_build(tmp_path, content, out="out2")
    assert result.returncode == 0
    assert stats(tmp_path)["processed"] == 0  # no image work at all
    assert {p: p.stat().st_mtime_ns for p in sorted((tmp_path / "cache" / "objects").glob("*/*"))} == stamps
    first = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out" / "anh").rglob("*"))
    assert first == sorted(p.relative_to(tmp_path / "out2") for p in (tmp_path / "out2" / "anh").rglob("*"))
    # A photo replaced under the same name: only it is processed, the page (even from Pelican's content cache)
    # shows the new one, and the old derivatives leave the output.
    page = tmp_path / "out2/2026/05/nong-dan-an-phu-thu-hoach-lua-huu-co.html"
    before = soup(page).select_one(".article-body img")["src"]
    Image.new("RGB", (900, 600), (10, 10, 10)).save(content / "articles/2026-05/gat-lua.jpg")
    assert local_build(tmp_path, content, out="out2").returncode == 0
    assert stats(tmp_path)["processed"] == 1 and stats(tmp_path)["files_removed"] > 0
    after = soup(page).select_one(".article-body img")
    assert after["src"] != before and after["width"] == "900"
    assert not (page.parent / before).exists() and (page.parent / after["src"]).is_file()
    # Other settings make other derivatives under other names (so old URLs stay cacheable forever).
    assert local_build(tmp_path, content, out="out3", PHOTOS_QUALITY={"jpeg": 70}).returncode == 0
    assert stats(tmp_path)["processed"] == 4
    third = {p.name for p in (tmp_path / "out3" / "anh").rglob("*.jpg")}
    assert third and not third & {p.name for p in (tmp_path / "out" / "anh").rglob("*.jpg")}


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD = {
    "missing": (lambda folder: (folder / "may-gat.jpg").unlink(), 19, "không tìm thấy tệp ảnh “may-gat.jpg”"),
    "truncated": (lambda folder: _truncate(folder / "kho-thoc.jpg"), 20, "bị hỏng"),
    "not-image": (lambda folder: (folder / "gat-lua.jpg").write_text("<html>không phải ảnh</html>"), 12,
                  "không phải là ảnh"),
    "bomb": (lambda folder: Image.new("1", (9000, 7000)).save(folder / "gat-lua.jpg", "PNG"), 12, "megapixel"),
    "outside": (lambda folder: (folder / "bai.md").write_text(
        (folder / "bai.md").read_text().replace("(kho-thoc.jpg)", "(../../../secret.jpg)")), 20,
        "nằm ngoài thư mục content/"),
    "cover": (lambda folder: (folder / "canh-dong.jpg").unlink(), 6, "không tìm thấy tệp ảnh “canh-dong.jpg”"),
    "inline": (lambda folder: (folder / "bai.md").write_text(
        (folder / "bai.md").read_text().replace("Đoạn giữa bài.", "Đoạn ![x](gat-lua.jpg) giữa bài.")), 17,
        "dòng riêng"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_stops_the_build(tmp_path, case):
    content = make_site(tmp_path)
    Image.new("RGB", (50, 50)).save(tmp_path / "secret.jpg")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text("bản cũ", encoding="utf-8")
    breaker, line, message = BAD[case]
    breaker(content / "articles" / "2026-05")
    result = local_build(tmp_path, content, PHOTOS_FORMATS=[], PHOTOS_WIDTHS=[480])  # less image work
    assert result.returncode != 0
    output = " ".join((result.stdout + result.stderr).split())
    assert f"articles/2026-05/bai.md:{line}:lỗi:" in "".join(output.split()), output
    assert message in output, output
    # In the editor's terms only: no Python traceback, no English from Pillow or Pelican.
    assert "Traceback" not in output and "truncated" not in output and "Could not process" not in output, output
    files = sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*"))
    assert files == [Path("index.html")]  # found before Pelican touches the output
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") == "bản cũ"
    cache = tmp_path / "cache" / "objects"
    assert not [p for p in cache.rglob("*") if p.name.startswith(".")] if cache.exists() else True
    assert os.path.exists(content)
