"""The one error type our plugins raise for bad content: it names the file and line, in Vietnamese."""

from __future__ import annotations

import os


class ContentError(Exception):
    """A problem in an editor's file. `str()` gives `path:line: lỗi: message`, the format of `make check`."""

    def __init__(self, path: str | os.PathLike | None, line: int | None, message: str):
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if not self.path:  # a problem of the build's settings or environment, not of one file
            return f"lỗi: {self.message}"
        where = display_path(self.path)
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: lỗi: {self.message}"


def display_path(path: str) -> str:
    """The path relative to the working directory when it lies below it (editors run make from the root)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative
