"""`make audit`: Lighthouse (mobile) on the home page, an article and a section page of the demo site.

Builds the production configuration with SITEURL pointing at a local server (so canonical links and feeds resolve),
serves it on 127.0.0.1, runs npm's `lighthouse` with Debian's `chromium` and prints the four category scores of each
page: the median of --runs runs (default 3; Lighthouse's own advice against the variance of a loaded machine).
Reports go to output.audit-reports/ (JSON). Exit status 1 when a median score is under --min (default 95).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.support import (  # noqa: E402
    CATEGORIES,
    audit_pages,
    chromium_path,
    lighthouse_scores,
    serve,
)
from tests.sitebuild import build  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--min", type=int, default=95)
    parser.add_argument("--output", default=str(ROOT / "output.audit"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    chrome = chromium_path()
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not chrome or not lighthouse.exists():
        print("audit: needs chromium (apt-get install chromium) and node_modules (npm ci)", file=sys.stderr)
        return 2
    output = Path(args.output)
    shutil.rmtree(output, ignore_errors=True)
    site_url = f"http://127.0.0.1:{args.port}"
    # a cold build: no incremental writer, no content cache
    cold = {"INCREMENTAL": False, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    build(ROOT / "content", output, conf="publishconf.py", env={"SITEURL": site_url}, settings=cold)
    reports = ROOT / "output.audit-reports"
    reports.mkdir(exist_ok=True)
    worst = 100
    with serve(output, port=args.port) as base:
        print(f"{'page':<60} " + " ".join(f"{c:>15}" for c in CATEGORIES))
        for label, path in audit_pages(output):
            runs = [
                lighthouse_scores(str(lighthouse), chrome, f"{base}/{path}", reports / f"{label}-{run + 1}.json")
                for run in range(args.runs)
            ]
            scores = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
            worst = min(worst, *scores.values())
            print(f"{label + ' /' + path:<60} " + " ".join(f"{scores[c]:>15g}" for c in CATEGORIES))
            print("  runs: " + "; ".join(" ".join(str(r[c]) for c in CATEGORIES) for r in runs))
    print(f"lowest score: {worst} (minimum {args.min})")
    return 0 if worst >= args.min else 1


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
