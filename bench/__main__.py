"""`python -m bench [--articles N] [--only NAME ...]`: run every benchmark module and print its figures."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The build benchmark comes first; the others follow in name order.
FIRST = ["bench_build"]


def discover() -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    return [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=1000, help="articles to generate (default 1000)")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "articles.jsonl"))
    parser.add_argument("--scale", default="1000,10000,30000", help="archive sizes of the full-site benchmark")
    parser.add_argument("--rounds", type=int, default=1,
                        help="full-site benchmark: runs per size, best of them reported (default 1)")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks (e.g. build photos)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "plugins"))
    for name in discover():
        short = name.removeprefix("bench_")
        if args.only and short not in args.only:
            continue
        print(f"== {short} ==", flush=True)
        importlib.import_module(f"bench.{name}").run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
