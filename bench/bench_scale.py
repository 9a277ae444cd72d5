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


def run_size(n: int, corpus: str | None, workdir: Path, rounds: int = 1) -> dict[str, float]:
    """Cold build, one-article rebuild and vanilla Pelican on one archive of `n` articles, `rounds` times.

    With several rounds each figure is the best (least) of its runs: on a shared machine noise only adds time (the
    same build varies by up to 25 % between runs an hour apart here), and each round's vanilla build runs right after
    ours, so their ratio compares like with like."""
    content = workdir / "content"
    info = write_archive(n, content, corpus=corpus)
    vanilla_conf = workdir / "vanilla.py"
    vanilla_conf.write_text(VANILLA_CONF, encoding="utf-8")
    colds, peaks, rebuilds, vanillas, vanilla_peaks = [], [], [], [], []
    for round_number in range(rounds):
        out, cache = workdir / f"out{round_number}", workdir / f"cache{round_number}"
        cold, peak = measured(site_build(content, out, cache))
        colds.append(cold)
        peaks.append(peak)
        if round_number == 0:
            files, size = folder_size(out)
        touch_one_article(content)
        rebuilds.append(measured(site_build(content, out, cache))[0])
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        vanilla, vanilla_peak = measured(
            [sys.executable, "-m", "pelican", str(content), "-o", str(workdir / f"vanilla{round_number}"), "-s",
             str(vanilla_conf), "-q"]
        )
        shutil.rmtree(workdir / f"vanilla{round_number}", ignore_errors=True)
        vanillas.append(vanilla)
        vanilla_peaks.append(vanilla_peak)
    cold, rebuild, vanilla = min(colds), min(rebuilds), min(vanillas)
    row = {
        "articles": n,
        "articles-with-photos": info["articles-with-photos"],
        "rounds": rounds,
        "cold-seconds": cold,
        "cold-peak-mb": max(peaks),
        "output-files": files,
        "output-mb": size / 1e6,
        "rebuild-one-seconds": rebuild,
        "rebuild-share-of-cold": rebuild / cold,
        "vanilla-seconds": vanilla,
        "vanilla-peak-mb": max(vanilla_peaks),
        "ratio-to-vanilla": cold / vanilla,
    }
    if rounds > 1:
        row["round-ratios"] = ",".join(f"{c / v:.2f}" for c, v in zip(colds, vanillas, strict=True))
    return row


def run(args) -> None:
    sizes = [int(s) for s in str(getattr(args, "scale", "") or "1000,10000,30000").split(",") if s]
    corpus = args.corpus if Path(args.corpus).is_file() else None
    print(f"text: {'corpus ' + args.corpus if corpus else 'generated'}")
    for n in sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-scale-{n}-"))
        try:
            row = run_size(n, corpus, workdir, int(getattr(args, "rounds", 1) or 1))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        print(" ".join(f"{k}: {v:.2f}" if isinstance(v, float) else f"{k}: {v}" for k, v in row.items()), flush=True)
