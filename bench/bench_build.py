"""Build benchmark: N generated articles built with our configuration and with vanilla Pelican."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.textgen import generate, write_site

ROOT = Path(__file__).resolve().parent.parent
VANILLA_CONF = 'TIMEZONE = "Asia/Ho_Chi_Minh"\nDEFAULT_LANG = "vi"\nPATH = "content"\n'


def timed_build(content: Path, output: Path, conf: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `pelican` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(conf), "-q"],
        cwd=ROOT, check=True,
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def run(args) -> None:
    n = args.articles
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        write_site(generate(n), content)
        (content / "pages").mkdir()
        vanilla_conf = tmp / "vanilla.py"
        vanilla_conf.write_text(VANILLA_CONF, encoding="utf-8")
        ours, ours_mb = timed_build(content, tmp / "ours", ROOT / "pelicanconf.py")
        vanilla, _ = timed_build(content, tmp / "vanilla", vanilla_conf)
        files = sum(1 for p in (tmp / "ours").rglob("*") if p.is_file())
    print(f"articles: {n}")
    print(f"build-seconds-ours: {ours:.1f}")
    print(f"build-seconds-vanilla-pelican: {vanilla:.1f}")
    print(f"ratio-ours-to-vanilla: {ours / vanilla:.2f}")
    print(f"peak-rss-mb-ours: {ours_mb:.0f}")
    print(f"output-files-ours: {files}")
