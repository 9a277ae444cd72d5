"""Feeds benchmark: what the feeds plugin adds to a build of N articles, and how big its files are.

Builds the same generated archive (`textgen.write_archive`: campaigns, exemplars, tags, photos) with the production
settings twice, with and without the feeds plugin, and reports the difference, the number and size of feed files,
and whether a second build with the plugin gives byte-identical feeds. The photos plugin is left out of every build:
encoding photos would dominate the time and is measured by `bench_photos` (items then carry no enclosure).
"""

from __future__ import annotations

import hashlib
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.textgen import write_archive

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(content: Path, output: Path, plugins: list[str] | None = None) -> float:
    """CPU seconds of one production build (CPU, not wall time: the machine is shared)."""
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / "publishconf.py")]
    # Cold builds, all three: Pelican's reader cache would make the later builds cheaper than the first.
    command += ["-e", "CACHE_CONTENT=false", "-e", "LOAD_CONTENT_CACHE=false"]
    if plugins is not None:
        command += ["-e", f"PLUGINS={json.dumps(plugins)}"]
    start = cpu_seconds()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return cpu_seconds() - start


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def run(args) -> None:
    sys.path.insert(0, str(ROOT))
    from publishconf import PLUGINS

    n = args.articles
    with tempfile.TemporaryDirectory(prefix="bench-feeds-") as tmp:
        tmp = Path(tmp)
        content = tmp / "content"
        write_archive(n, content)
        plugins = [p for p in PLUGINS if p != "photos"]
        without = build(content, tmp / "without", [p for p in plugins if p != "feeds"])
        with_feeds = build(content, tmp / "with", plugins)
        again = build(content, tmp / "again", plugins)
        feeds = sorted((tmp / "with" / "feeds").rglob("*.xml"))
        sizes = [p.stat().st_size for p in feeds]
        site_rss = (tmp / "with" / "feeds" / "tin-moi.rss.xml").stat().st_size
        identical = digest(tmp / "with" / "feeds") == digest(tmp / "again" / "feeds")
    print(f"articles: {n}")
    print(f"build-cpu-seconds-without-feeds: {without:.1f}")
    print(f"build-cpu-seconds-with-feeds: {with_feeds:.1f} (again: {again:.1f})")
    print(f"feeds-cpu-seconds: {min(with_feeds, again) - without:.1f}")
    print(f"feed-files: {len(feeds)}")
    print(f"feed-mb-total: {sum(sizes) / 1e6:.1f}")
    print(f"feed-kb-largest: {max(sizes, default=0) / 1e3:.0f}")
    print(f"site-rss-kb: {site_rss / 1e3:.0f}")
    print(f"rebuild-byte-identical: {identical}")
