"""Campaigns benchmark: time of the campaigns generator (reading + linking, then writing its pages) on an archive
of N generated articles with 12 campaigns and 60 exemplars, inside one real Pelican build."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.textgen import write_archive

ROOT = Path(__file__).resolve().parent.parent

# Runs in a child process: one Pelican build with the campaigns generator's two phases timed.
_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1] + "/plugins")
from pelican import Pelican
from pelican.settings import read_settings
import campaigns.generator as g

times = {}
def timed(name, method):
    def run(self, *args):
        start = time.perf_counter()
        method(self, *args)
        times[name] = time.perf_counter() - start
    return run
g.CampaignsGenerator.generate_context = timed("context", g.CampaignsGenerator.generate_context)
g.CampaignsGenerator.generate_output = timed("output", g.CampaignsGenerator.generate_output)
settings = read_settings(sys.argv[1] + "/pelicanconf.py",
                         override={"PATH": sys.argv[2], "OUTPUT_PATH": sys.argv[3], "INCREMENTAL": False})
start = time.perf_counter()
Pelican(settings).run()
times["build"] = time.perf_counter() - start
print(json.dumps(times))
"""


def run(args) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-campaigns-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        write_archive(args.articles, content, photo_share=0.0)
        out = tmp / "out"
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, str(ROOT), str(content), str(out)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        times = json.loads(result.stdout.strip().splitlines()[-1])
        pages = (
            sum(1 for _ in (out / "phong-trao").rglob("index.html"))
            + sum(1 for _ in (out / "dien-hinh").rglob("index.html"))
            + 1
        )
        print(f"articles: {args.articles}")
        print("campaigns: 12")
        print("exemplars: 60")
        print(f"campaign-pages-written: {pages}")
        print(f"campaigns-context-seconds: {times['context']:.3f}")
        print(f"campaigns-output-seconds: {times['output']:.3f}")
        print(f"build-seconds: {times['build']:.2f}")
        print(f"campaigns-share-of-build: {(times['context'] + times['output']) / times['build']:.1%}")
