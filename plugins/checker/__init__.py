"""The editors' safety net: `make check` rules (see `rules`), scheduled publication with an injectable clock,
and the checker's report printed after every build of `make devserver`.

`python -m checker` is the command-line check; `python -m checker.scaffold` creates new content files.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pelican import signals

from .schedule import apply_schedule, now

__all__ = ["now", "register"]

logger = logging.getLogger(__name__)


def _report_after_build(pelican) -> None:
    """`make devserver`: print the checker's problems after each rebuild (the broken files were skipped)."""
    if not pelican.settings.get("CHECKER_REPORT_ON_BUILD"):
        return
    from .problems import ERROR
    from .rules import check
    from .site import read_site

    problems = check(read_site(pelican.settings, Path(pelican.settings["PATH"])))
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.level == ERROR for p in problems)
    if errors:
        print(f"make check: {errors} lỗi — các bài có lỗi không được dựng lại cho tới khi sửa xong; "
              "phần còn lại của trang vẫn xem được.", file=sys.stderr)
    sys.stderr.flush()


def register():
    signals.article_generator_pretaxonomy.connect(apply_schedule)
    signals.finalized.connect(_report_after_build)
