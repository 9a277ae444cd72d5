"""Each document's index keys, cached on disk by the digest of its text: one small file per document, so a rebuild
reads only the documents it needs (those that changed) and writes only the new ones."""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Iterator, MutableMapping
from pathlib import Path


class TermCache(MutableMapping):
    """A mapping key -> Counter kept as `<folder>/<key[:2]>/<key>.pickle` (hex keys); values read on demand.

    Nothing is kept in memory: a build reads each document's keys once, and keeping them all (the index holds them
    in its posting lists already) took about 1 GB at 10,000 articles, the largest part of the build's peak."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def __getitem__(self, key: str):
        try:
            with open(self._path(key), "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            raise KeyError(key) from exc

    def __setitem__(self, key: str, value) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def __delitem__(self, key: str) -> None:
        try:
            self._path(key).unlink()
        except FileNotFoundError as exc:
            raise KeyError(key) from exc

    def __iter__(self) -> Iterator[str]:
        if not self.folder.is_dir():
            return
        for sub in sorted(os.scandir(self.folder), key=lambda e: e.name):
            if sub.is_dir():
                for entry in sorted(os.scandir(sub.path), key=lambda e: e.name):
                    if entry.name.endswith(".pickle"):
                        yield entry.name[: -len(".pickle")]

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and self._path(key).is_file()
