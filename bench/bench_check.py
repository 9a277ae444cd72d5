"""Checker benchmark: what `make check` does (read every file, run every rule) on an archive of N articles."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.textgen import write_archive

ROOT = Path(__file__).resolve().parent.parent


def run(args) -> None:
    from checker.rules import check
    from checker.site import load_settings, read_site

    n = args.articles
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        content = Path(tmp) / "content"
        counts = write_archive(n, content)
        start, cpu = time.perf_counter(), time.process_time()
        settings = load_settings(ROOT / "pelicanconf.py", override={"PATH": str(content)})
        site = read_site(settings, content)
        problems = check(site)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"articles: {n}")
    print(f"files-checked: {len(site.documents)} ({counts['articles-with-photos']} articles with photos)")
    print(f"check-seconds-{n}: {seconds:.1f}")
    # CPU time of the check alone: the wall time above also counts waiting for the CPU on a shared machine.
    print(f"check-cpu-seconds-{n}: {cpu:.1f}")
    print(f"check-problems: {len(problems)}")
    for problem in problems[:3]:
        print(f"  {problem}")
