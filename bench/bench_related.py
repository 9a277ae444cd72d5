"""Related-news benchmark: quality (precision@5 by section) and speed of the site's ranking on a corpus file.

`make bench-related CORPUS=path/to/articles.jsonl` or `python -m bench.bench_related --corpus PATH [--ablation]`.
The ranking runs with the site's code and the settings of pelicanconf.py; it never sees the section label, which
is used only to score the lists. Prints:

    precision@5: share of related links whose section equals the article's
    coverage: share of articles with a full list
    seconds / cpu-seconds / peak-memory-mb: the ranking of that file (text to lists; wall and CPU time)
    seconds-N / cpu-seconds-N / peak-memory-mb-N: the same for N = 1,000, 10,000 and 30,000 articles (corpus
    repeated with new slugs and titles), each in a fresh process
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import resource
import runpy
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from related.defaults import DEFAULTS, settings_from  # noqa: E402
from related.ranking import Item, related_lists  # noqa: E402

SCALES = (1000, 10000, 30000)
EPOCH = datetime(2026, 11, 20, 8, 0)


def site_settings() -> dict:
    """The related settings of pelicanconf.py, exactly as the site reads them."""
    conf = runpy.run_path(str(ROOT / "pelicanconf.py"))
    return settings_from({key: conf[key] for key in DEFAULTS if key in conf})


def _date(key: str) -> datetime:
    """A stable date over three years from the article's id: carries nothing about its section."""
    digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    return EPOCH - timedelta(minutes=digest % (3 * 365 * 24 * 60))


def load(path: str | Path) -> tuple[list[Item], dict[str, str]]:
    """Items without their section, and the sections apart (for scoring only)."""
    items, sections = [], {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            key = row["id"]
            sections[key] = row["section"]
            items.append(Item(key=key, title=row["title"], date=_date(key), sapo=row.get("sapo") or "",
                              body=row.get("body") or ""))
    return items, sections


def scaled(path: str | Path, n: int) -> list[Item]:
    """n items from the corpus, repeated as needed with new keys and titles."""
    rows, _ = load(path)
    items = []
    for index in range(n):
        row = rows[index % len(rows)]
        lap = index // len(rows)
        title = row.title if lap == 0 else f"{row.title} (kỳ {lap + 1})"
        items.append(Item(key=f"bai-{index + 1:06d}", title=title, date=row.date - timedelta(days=lap),
                          sapo=row.sapo, body=row.body))
    return items


def peak_mb() -> float:
    """Peak resident memory of this process. Linux's VmHWM first: ru_maxrss of a spawned child also counts the
    parent's memory at spawn time."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process, all threads, and of its finished child processes (the text pass of a large
    archive runs in worker processes; the machine may be shared, so wall time also depends on the others)."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def timed(items: list[Item], settings: dict) -> tuple[dict[str, list[str]], float]:
    lists, seconds, _ = timed_cpu(items, settings)
    return lists, seconds


def timed_cpu(items: list[Item], settings: dict) -> tuple[dict[str, list[str]], float, float]:
    """The lists, wall seconds and CPU seconds of one ranking."""
    gc.collect()
    start, cpu = time.perf_counter(), cpu_seconds()
    lists = related_lists(items, settings)
    return lists, time.perf_counter() - start, cpu_seconds() - cpu


def quality(lists: dict[str, list[str]], sections: dict[str, str], count: int) -> tuple[float, float]:
    links = same = full = 0
    for key, related in lists.items():
        links += len(related)
        same += sum(sections[other] == sections[key] for other in related)
        full += len(related) >= count
    return (same / links if links else 0.0), (full / len(lists) if lists else 0.0)


# Each step switched off (or back to a plain choice) on its own, to show what it gains.
ABLATION = [
    ("site settings", {}),
    ("no syllable pairs", {"RELATED_TEXT": {"bigrams": False}}),
    ("no stop words", {"RELATED_TEXT": {"stop_words": False}}),
    ("numbers kept", {"RELATED_TEXT": {"numbers": True}}),
    ("log tf instead of BM25", {"RELATED_TEXT": {"saturation": "log"}}),
    ("raw tf instead of BM25", {"RELATED_TEXT": {"saturation": "raw"}}),
    ("title = sapo = body", {"RELATED_WEIGHTS": {"title": 1.0, "sapo": 1.0}}),
    ("no common-term cut (max_df 1)", {"RELATED_TEXT": {"max_df": 1.0}}),
    ("one-article terms kept (min_df 1)", {"RELATED_TEXT": {"min_df": 1}}),
    ("wider candidate search (x2 terms, x4 articles)", {"RELATED_TEXT": {"query_terms": 256, "posting_docs": 256}}),
    ("narrower candidate search (32 articles per term)", {"RELATED_TEXT": {"posting_docs": 32}}),
    ("20 candidates + 20 latent candidates", {"RELATED_TEXT": {"candidates": 20, "latent_candidates": 20}}),
    ("no recency", {"RELATED_WEIGHTS": {"recency": 0.0}}),
    ("no LSA (exact-term cosine only)", {"RELATED_TEXT": {"latent_share": 0.0}}),
    ("LSA rerank only (no latent candidates)", {"RELATED_TEXT": {"latent_candidates": 0}}),
    ("LSA 200 dimensions", {"RELATED_TEXT": {"latent_dims": 200}}),
    ("LSA 2 power iterations", {"RELATED_TEXT": {"latent_iterations": 2}}),
    ("LSA share 0.3 / 0.7", {"RELATED_TEXT": {"latent_share": 0.3}}),
    ("LSA share 0.7 / 0.3", {"RELATED_TEXT": {"latent_share": 0.7}}),
    ("no feedback (Rocchio) in the LSA space", {"RELATED_TEXT": {"feedback_docs": 0}}),
    ("one LSA cosine over all directions (no scales)", {"RELATED_TEXT": {"latent_scales": False}}),
    ("recency on the whole score (not the lead)", {"RELATED_WEIGHTS": {"recency_margin": False}}),
    ("both of the two above (before 27/11)", {"RELATED_TEXT": {"latent_scales": False},
                                              "RELATED_WEIGHTS": {"recency_margin": False}}),
    ("plain TF-IDF, raw tf", {"RELATED_TEXT": {"stop_words": False, "numbers": True, "saturation": "raw",
                                                   "max_df": 1.0, "min_df": 1},
                                  "RELATED_WEIGHTS": {"title": 1.0, "sapo": 1.0, "recency": 0.0}}),
    ("plain TF-IDF, 1 + log tf", {"RELATED_TEXT": {"stop_words": False, "numbers": True, "saturation": "log",
                                                   "max_df": 1.0, "min_df": 1},
                                  "RELATED_WEIGHTS": {"title": 1.0, "sapo": 1.0, "recency": 0.0}}),
]


def _merged(base: dict, change: dict) -> dict:
    return {key: ({**value, **change[key]} if isinstance(value, dict) and key in change else change.get(key, value))
            for key, value in base.items()}


def ablation(corpus: str, settings: dict, only: list[str] | None = None) -> None:
    items, sections = load(corpus)
    count = settings["RELATED_COUNT"]
    print(f"{'variant':<48} {'precision@5':>11} {'seconds':>8}")
    for name, change in ABLATION:
        if only and name not in only:
            continue
        lists, seconds = timed(items, _merged(settings, change))
        precision, _ = quality(lists, sections, count)
        print(f"{name:<48} {precision:>11.3f} {seconds:>8.1f}", flush=True)


def scale_child(corpus: str, n: int) -> None:
    items = scaled(corpus, n)
    _, seconds, cpu = timed_cpu(items, site_settings())
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak": peak_mb()}))


def run(args) -> None:
    corpus = Path(args.corpus)
    if not corpus.is_file():
        print(f"skipped: no corpus at {corpus}")
        return
    settings = site_settings()
    if getattr(args, "ablation", False):
        ablation(str(corpus), settings, getattr(args, "variant", None))
        return
    items, sections = load(corpus)
    lists, seconds, cpu = timed_cpu(items, settings)
    precision, coverage = quality(lists, sections, settings["RELATED_COUNT"])
    print(f"articles: {len(items)}")
    print(f"precision@5: {precision:.3f}")
    print(f"coverage: {coverage:.3f}")
    print(f"seconds: {seconds:.1f}")
    print(f"cpu-seconds: {cpu:.1f}")
    print(f"peak-memory-mb: {peak_mb():.0f}", flush=True)
    del items, lists
    for n in SCALES:
        child = subprocess.run(
            [sys.executable, "-m", "bench.bench_related", "--corpus", str(corpus), "--scale", str(n)],
            cwd=ROOT, check=True, capture_output=True, text=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"seconds-{n}: {figures['seconds']:.1f}")
        print(f"cpu-seconds-{n}: {figures['cpu']:.1f}")
        print(f"peak-memory-mb-{n}: {figures['peak']:.0f}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_related", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "articles.jsonl"))
    parser.add_argument("--ablation", action="store_true", help="precision@5 with each step switched off")
    parser.add_argument("--variant", action="append", help="with --ablation: only this variant (repeatable)")
    parser.add_argument("--scale", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale:
        scale_child(args.corpus, args.scale)
    else:
        run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
