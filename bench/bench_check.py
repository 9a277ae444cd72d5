"""Checker benchmark: `make check` (python -m checker's work, in process) on N generated articles."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.textgen import generate, write_site

ROOT = Path(__file__).resolve().parent.parent


def run(args) -> None:
    from checker.rules import check
    from checker.site import load_settings, read_site

    n = args.articles
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        content = Path(tmp) / "content"
        write_site(generate(n), content)
        for folder in ("campaigns", "exemplars", "pages"):
            shutil.copytree(ROOT / "content" / folder, content / folder)
        start = time.perf_counter()
        settings = load_settings(ROOT / "pelicanconf.py", override={"PATH": str(content)})
        problems = check(read_site(settings, content))
        seconds = time.perf_counter() - start
    print(f"articles: {n}")
    print(f"check-seconds-{n}: {seconds:.1f}")
    print(f"check-problems: {len(problems)}")
