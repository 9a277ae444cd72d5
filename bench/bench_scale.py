"""Full-site benchmark at a newspaper's scale: cold build, one-article rebuild and vanilla Pelican, per size.

For each N (`--scale 1000,10000,30000`): generate an archive (corpus text when ../shared/corpus is present, else
generated text) with campaigns, exemplars, tags and photos on a share of the articles, then print the cold build's
seconds, peak memory, output size and file count, the seconds of a rebuild after one article changed, and the
cold build of vanilla Pelican (default theme, no plugins) on the same Markdown, with the ratio.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.textgen import write_archive

ROOT = Path(__file__).resolve().parent.parent
VANILLA_CONF = 'TIMEZONE = "Asia/Ho_Chi_Minh"\nDEFAULT_LANG = "vi"\n'


def measured(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Run a command; return (seconds, peak resident memory in MB of the process and its children)."""
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **(env or {})},
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024


def site_build(content: Path, output: Path, cache: Path) -> list[str]:
    """The build `make html` runs, on another content folder, output and cache."""
    return [sys.executable, str(ROOT / "tools" / "build.py"), str(content), "-o", str(output),
            "-s", str(ROOT / "pelicanconf.py"), "--fatal", "errors", "-q", "-e", f"CACHE_PATH={json.dumps(str(cache))}"]


def folder_size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def touch_one_article(content: Path) -> Path:
    article = sorted((content / "articles").rglob("*.md"))[len(list((content / "articles").rglob("*.md"))) // 2]
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nBài viết được bổ sung thông tin mới.\n", encoding="utf-8")
    return article


def run_size(n: int, corpus: str | None, workdir: Path) -> dict[str, float]:
    content = workdir / "content"
    info = write_archive(n, content, corpus=corpus)
    out, cache = workdir / "out", workdir / "cache"
    cold, peak = measured(site_build(content, out, cache))
    files, size = folder_size(out)
    touch_one_article(content)
    rebuild, _ = measured(site_build(content, out, cache))
    vanilla_conf = workdir / "vanilla.py"
    vanilla_conf.write_text(VANILLA_CONF, encoding="utf-8")
    vanilla, vanilla_peak = measured(
        [sys.executable, "-m", "pelican", str(content), "-o", str(workdir / "vanilla"), "-s", str(vanilla_conf), "-q"]
    )
    return {
        "articles": n,
        "articles-with-photos": info["articles-with-photos"],
        "cold-seconds": cold,
        "cold-peak-mb": peak,
        "output-files": files,
        "output-mb": size / 1e6,
        "rebuild-one-seconds": rebuild,
        "rebuild-share-of-cold": rebuild / cold,
        "vanilla-seconds": vanilla,
        "vanilla-peak-mb": vanilla_peak,
        "ratio-to-vanilla": cold / vanilla,
    }


def run(args) -> None:
    sizes = [int(s) for s in str(getattr(args, "scale", "") or "1000,10000,30000").split(",") if s]
    corpus = args.corpus if Path(args.corpus).is_file() else None
    print(f"text: {'corpus ' + args.corpus if corpus else 'generated'}")
    for n in sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-scale-{n}-"))
        try:
            row = run_size(n, corpus, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        print(" ".join(f"{k}: {v:.2f}" if isinstance(v, float) else f"{k}: {v}" for k, v in row.items()), flush=True)
