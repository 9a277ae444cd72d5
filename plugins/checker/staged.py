"""The pre-commit hook checks the next commit as it will be, not the working folder.

A file an editor has not `git add`ed is on disk, so the normal rules find it, but the commit will not have it: an
article whose photo, or whose campaign, was left out passes the hook and then stops the publishing run of the
fresh checkout. With `--staged`, documents absent from the index are dropped before the rules run (references to
them fail as in the commit), and every photo a staged file names must be in the index too.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from photos.images import PhotoError
from photos.library import resolve_src
from photos.syntax import COVER_KEYS, scan

from .problems import ERROR, Problem
from .site import Site


def index_paths(top: Path) -> set[Path]:
    """Every file of the next commit (the git index), as resolved paths."""
    names = subprocess.run(["git", "ls-files", "-z", "--cached"], capture_output=True, check=True,
                           cwd=top).stdout.decode("utf-8").split("\0")
    return {(top / name).resolve() for name in names if name}


def drop_unstaged(site: Site, index: set[Path]) -> None:
    """Leave out the documents the commit will not have."""
    site.documents = [doc for doc in site.documents if doc.path.resolve() in index]


def unstaged_photos(site: Site, only: set[Path], index: set[Path]) -> list[Problem]:
    """An error for each photo a staged document names that exists on disk but is not in the commit."""
    problems = []
    for doc in site.documents:
        if doc.path.resolve() not in only or doc.error:
            continue
        meta, images = scan(doc.text)
        named = [(line, src) for line, src, _ in images]
        named += [meta[key][::-1] for key in COVER_KEYS if key in meta and meta[key][0]]
        for line, src in named:
            try:
                target = Path(resolve_src(src, os.fspath(doc.path), os.fspath(site.content)))
            except PhotoError:
                continue  # the photo rules report it
            if target.is_file() and target.resolve() not in index:
                problems.append(Problem(os.fspath(doc.path), line, ERROR,
                                        f"ảnh “{src}” chưa được đưa vào commit: chạy git add cho tệp ảnh này "
                                        f"({os.path.relpath(target)}) rồi commit lại"))
    return problems
