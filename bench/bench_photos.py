"""Photo benchmark: 200 camera-size JPEGs (4000x3000, with EXIF and GPS, made here) in 50 articles.

Prints photos/s of a cold build (the photo plugin's own time, all cores), the seconds of a cold build, of a cached
rebuild and of the same articles without photos, and the seconds a cached rebuild adds for photos (measured two
ways: the plugin's own clock, and cached-rebuild minus no-photo build, both into fresh output folders).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.textgen import generate

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = 200
PER_ARTICLE = 4


def _make_photos(args) -> None:
    """Worker: photos `indexes` from one base picture, each made unique by a coloured patch and a crop shift."""
    folder, indexes, seed = args
    from photos.tests.imagekit import camera_photo
    from PIL import Image, ImageDraw

    base = camera_photo(4000, 3000, seed)
    for index in indexes:
        shift = (index * 37) % 200
        image = base.crop((shift, 0, 4000 - 200 + shift, 3000)).resize((4000, 3000), Image.BILINEAR)
        draw = ImageDraw.Draw(image)
        x, y = (index * 149) % 3600, (index * 97) % 2600
        draw.rectangle([x, y, x + 400, y + 300], fill=((index * 53) % 256, (index * 91) % 256, (index * 13) % 256))
        exif = Image.Exif()
        exif[0x0112] = 1  # landscape, as most news photos (orientation is tested in plugins/photos/tests)
        exif[0x010F] = "Máy ảnh"
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2], gps[3], gps[4] = "N", (21.0, 1.0, float(index % 60)), "E", (105.0, 51.0, 12.0)
        image.save(Path(folder) / f"anh-{index:03d}.jpg", "JPEG", quality=90, exif=exif)


def write_content(content: Path, photos: int, with_photos: bool = True) -> None:
    articles = list(generate(max(1, photos // PER_ARTICLE), words_per_article=300))
    (content / "pages").mkdir(parents=True, exist_ok=True)
    for number, article in enumerate(articles):
        folder = content / "articles" / f"{article.date:%Y-%m}"
        folder.mkdir(parents=True, exist_ok=True)
        paragraphs = list(article.paragraphs)
        if with_photos:
            first = number * PER_ARTICLE
            article.extra["Cover"] = f"../../photos/anh-{first:03d}.jpg"
            for offset in range(PER_ARTICLE):
                index = first + offset
                if index >= photos:
                    break
                figure = (f"![Ảnh minh họa số {index}](../../photos/anh-{index:03d}.jpg)\n"
                          f"Chú thích của ảnh số {index} trong bài.\n*Ảnh: Phóng viên*")
                paragraphs.insert(min(len(paragraphs), 1 + 2 * offset), figure)
        article.paragraphs = paragraphs
        (folder / f"{article.slug}.md").write_text(article.markdown(), encoding="utf-8")


def build(content: Path, output: Path, cache: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all processes) of one build."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"),
               "-q", "-e", f"PHOTOS_CACHE_PATH={json.dumps(str(cache / 'photos'))}",
               f"CACHE_PATH={json.dumps(str(cache / 'pelican'))}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start, cpu


def run(args) -> None:
    photos = getattr(args, "photos", None) or PHOTOS
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as tmp:
        tmp = Path(tmp)
        content, plain = tmp / "content", tmp / "plain"
        folder = content / "photos"
        folder.mkdir(parents=True)
        workers = os.cpu_count() or 1
        start = time.perf_counter()
        chunks = [(str(folder), list(range(i, photos, workers)), i) for i in range(workers)]
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_make_photos, chunks))
        made = time.perf_counter() - start
        write_content(content, photos)
        write_content(plain, photos, with_photos=False)
        source_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6

        cache = tmp / "cache"
        cold, cold_cpu = build(content, tmp / "out-cold", cache)
        cold_stats = json.loads((cache / "photos" / "last-build.json").read_text())
        rebuild_same, _ = build(content, tmp / "out-cold", cache)
        rebuild, _ = build(content, tmp / "out-warm", cache)
        warm_stats = json.loads((cache / "photos" / "last-build.json").read_text())
        no_photos, _ = build(plain, tmp / "out-plain", tmp / "cache-plain")
        sizes = [p.stat().st_size / 1000 for p in (tmp / "out-cold" / "anh").rglob("*-960.jpg")]
        avif = [p.stat().st_size / 1000 for p in (tmp / "out-cold" / "anh").rglob("*-960.avif")]
    print(f"photos: {photos} ({source_mb / photos:.1f} MB each, 4000x3000, made in {made:.0f} s)")
    print(f"cores: {workers}")
    print(f"photos-processed-cold: {cold_stats['processed']}")
    print(f"photos-per-second-cold: {photos / cold_stats['seconds']:.2f}")
    print(f"build-seconds-cold: {cold:.1f}")
    print(f"cpu-seconds-per-photo-cold: {cold_cpu / photos:.2f} (photos/s on {workers} idle cores: "
          f"{photos * workers / cold_cpu:.2f}; this machine is shared, so wall-clock figures vary)")
    print(f"build-seconds-cached-rebuild-same-output: {rebuild_same:.1f}")
    print(f"build-seconds-cached-rebuild-fresh-output: {rebuild:.1f}")
    print(f"build-seconds-same-articles-without-photos: {no_photos:.1f}")
    print(f"photos-processed-cached-rebuild: {warm_stats['processed']}")
    print(f"photo-plugin-seconds-cached-rebuild: {warm_stats['seconds']:.2f}")
    print(f"added-seconds-cached-rebuild: {rebuild - no_photos:.2f}")
    print(f"jpeg-960-kb-median: {statistics.median(sizes):.0f}")
    print(f"jpeg-960-kb-max: {max(sizes):.0f}")
    print(f"avif-960-kb-median: {statistics.median(avif):.0f}")
