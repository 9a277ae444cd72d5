"""Search benchmark: index size and build time, and what a first and a second query cost a reader.

Bytes are counted in headless Chromium on the served site (only the search's own files: its script and the index
parts the query fetched) and compressed as a web server would send them (gzip level 6, and brotli quality 6).
Sites: the demo site, and N generated articles (`--articles`, 10,000 for the issue's figures) whose index is built
directly from the generated text and served with the demo site's pages and script.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.textgen import generate
from search.index import Record, build_index
from tests.search_support import Transfer, brotli_size, browser, chromium_missing, gzip_size, serve, wait_done
from tests.sitebuild import ROOT, build

FIRST_QUERY = "thi đua"
SECOND_QUERY = "dien hinh"


def _is_search(url: str) -> bool:
    return "/js/search.js" in url or "/chi-muc/" in url


def measure_queries(site: Path, first: str = FIRST_QUERY, second: str = SECOND_QUERY) -> dict:
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page()
        transfer = Transfer(page)
        page.goto(base)
        page.wait_for_load_state("networkidle")
        before = [url for url, _ in transfer.take() if _is_search(url)]
        page.goto(f"{base}tim-kiem/?q={first}")
        wait_done(page)
        first_files = [(u, b) for u, b in transfer.take() if _is_search(u)]
        page.fill("#search-q", second)
        page.click("#search-form button[type=submit]")
        page.wait_for_function(f"location.search.includes({second.split()[0]!r})")
        wait_done(page)
        second_files = [(u, b) for u, b in transfer.take() if _is_search(u)]
    return {
        "before-focus-requests": len(before),
        "first-files": len(first_files),
        "first-raw-bytes": sum(len(b) for _, b in first_files),
        "first-gzip-bytes": sum(gzip_size(b) for _, b in first_files),
        "first-brotli-bytes": sum(brotli_size(b) for _, b in first_files),
        "second-files": len(second_files),
        "second-gzip-bytes": sum(gzip_size(b) for _, b in second_files),
        "second-brotli-bytes": sum(brotli_size(b) for _, b in second_files),
    }


def generated_records(n: int) -> list[Record]:
    records = []
    for a in generate(n):
        records.append(Record(
            title=a.title, url=f"{a.date:%Y}/{a.date:%m}/{a.slug}.html", section=a.section,
            text="\n".join(a.paragraphs), summary=a.summary, keywords="\n".join(a.tags),
            date_text=f"{a.date:%d/%m/%Y}", iso=a.date.isoformat(), year=a.date.year, sort_key=a.date.isoformat(),
        ))
    return records


def _du(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _print(prefix: str, figures: dict) -> None:
    for key, value in figures.items():
        print(f"{prefix}{key}: {value}")


def run(args) -> None:
    missing = chromium_missing()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        tmp = Path(tmp)
        demo = tmp / "demo"
        start = time.perf_counter()
        build(ROOT / "content", demo, settings={"CACHE_PATH": str(tmp / "cache"), "LOAD_CONTENT_CACHE": False})
        print(f"demo-site-build-seconds: {time.perf_counter() - start:.1f}")
        files, size = _du(demo / "tim-kiem" / "chi-muc")
        print(f"demo-index-files: {files}")
        print(f"demo-index-bytes: {size}")
        if missing:
            print(f"browser-figures: skipped ({missing})")
        else:
            _print("demo-", measure_queries(demo))

        n = args.articles
        records = generated_records(n)
        big = tmp / "big"
        shutil.copytree(demo, big, ignore=shutil.ignore_patterns("chi-muc"))
        start, cpu = time.perf_counter(), time.process_time()
        stats = build_index(records, big / "tim-kiem" / "chi-muc")
        print(f"articles: {n}")
        print(f"index-build-seconds: {time.perf_counter() - start:.1f}")
        # CPU seconds too: on a shared machine wall-clock time depends on the neighbours.
        print(f"index-build-cpu-seconds: {time.process_time() - cpu:.1f}")
        files, size = _du(big / "tim-kiem" / "chi-muc")
        print(f"index-files: {files}")
        print(f"index-bytes: {size}")
        print(f"index-terms: {stats['terms']}")
        print(f"index-shards: {stats['shards']}")
        print(f"index-largest-shard-bytes: {stats['largest_shard_bytes']}")
        print(f"index-manifest-bytes: {stats['manifest_bytes']}")
        if not missing:
            _print(f"{n}-", measure_queries(big))
