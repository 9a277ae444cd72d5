"""`python -m checker [FILES...] [--staged]`: check the site's content, print every problem, exit 1 on an error.

Run from the project root (`make check` does). With FILES (or --staged: the content files of the next commit,
as staged), the whole site is still read, so slugs and references are checked against everything, but only
problems of those files are printed. With --staged, "everything" is the next commit: files not `git add`ed do not
count, and a photo left out of the commit is an error (staged.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from vncontent.errors import ContentError

from . import staged
from .problems import ERROR, sort_key
from .rules import check
from .site import kind_of, load_settings, read_site


def git_top() -> Path:
    return Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True,
                               check=True).stdout.strip())


def staged_files(content: Path, settings: dict) -> dict[Path, bytes]:
    """The staged content files of the next commit (added, copied, modified, renamed) with their staged bytes."""
    names = subprocess.run(
        ["git", "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"],
        capture_output=True, check=True,
    ).stdout.decode("utf-8").split("\0")
    top = git_top()
    staged = {}
    for name in filter(None, names):
        path = top / name
        if path.suffix != ".md" or kind_of(settings, content, path) is None:
            continue
        staged[path.resolve()] = subprocess.run(["git", "show", f":{name}"], capture_output=True, check=True,
                                                cwd=top).stdout
    return staged


def main(argv=None) -> int:
    try:
        return _main(argv)
    except ContentError as error:  # a bad SITE_NOW: one line, not a traceback
        print(error, file=sys.stderr)
        return 2


def _main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker", description=__doc__)
    parser.add_argument("files", nargs="*", type=Path, help="only report these files")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument("--content", type=Path, help="content folder (default: PATH of the settings)")
    parser.add_argument("--staged", action="store_true", help="check the staged content files (git pre-commit)")
    args = parser.parse_args(argv)
    settings = load_settings(args.settings)
    content = (args.content or Path(settings["PATH"])).resolve()
    overrides = staged_files(content, settings) if args.staged else {}
    only = set(overrides) if args.staged else {f.resolve() for f in args.files} or None
    if args.staged and not overrides:
        return 0
    site = read_site(settings, content, overrides)
    if args.staged:
        # The commit as it will be: files left out of `git add` are not in it (staged.py).
        index = staged.index_paths(git_top())
        staged.drop_unstaged(site, index)
        problems = sorted({*check(site, only), *staged.unstaged_photos(site, only, index)}, key=sort_key)
    else:
        problems = check(site, only)
    for problem in problems:
        print(problem)
    errors = sum(p.level == ERROR for p in problems)
    warnings = len(problems) - errors
    checked = len(only) if only is not None else len(site.documents)
    if problems:
        print(f"Kiểm tra {checked} tệp: {errors} lỗi, {warnings} cảnh báo.", file=sys.stderr)
    else:
        print(f"Kiểm tra {checked} tệp: không có lỗi nào.", file=sys.stderr)
    if errors:
        print("Hãy sửa các lỗi trên rồi chạy lại (trang web không được dựng khi còn lỗi).", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
