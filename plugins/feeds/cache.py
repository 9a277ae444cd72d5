"""Feed items and serialised feeds kept between builds in Pelican's CACHE_PATH, by digest of what they are made of.

An item is a pure function of its `ItemSource`, a feed's bytes of its channel and its items: both are stored under a
digest of those inputs and of this plugin's code (and the versions of the libraries that shape the bytes), so any
change of text, metadata, settings or code gives a new key and never reuses a stale entry. Each entry is a file
`<folder>/<key[:2]>/<key>.pickle` that starts with a checksum of the rest: a missing, damaged or unreadable entry is
a miss (a slower build, never a wrong one). Entries no feed used in the last build are deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import lxml.etree

import vntext

# Bump when what is stored changes shape.
FORMAT = 1
CHECK_SIZE = 16


def code_version() -> str:
    """This plugin's code, the text module it uses and the libraries that make items and feed bytes."""
    hasher = hashlib.blake2b(digest_size=16)
    here = Path(__file__).resolve().parent
    for path in [*sorted(here.glob("*.py")), *sorted(Path(vntext.__file__).parent.glob("*.py"))]:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    hasher.update(
        repr((FORMAT, sys.version_info[:2], version("feedgen"), lxml.etree.LXML_VERSION, lxml.etree.LIBXML_VERSION))
        .encode()
    )
    return hasher.hexdigest()


def digest(*values) -> str:
    """A stable digest of plain values (strings, numbers, None, lists, dicts, datetimes by their ISO form)."""

    def plain(value):
        return value.isoformat() if isinstance(value, datetime) else str(value)

    encoded = json.dumps(values, ensure_ascii=False, sort_keys=True, default=plain).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(encoded, digest_size=20).hexdigest()


class DigestStore:
    """Values by hex key, one checksummed pickle file each; `folder` None stores nothing."""

    def __init__(self, folder: str | os.PathLike | None):
        self.folder = Path(folder) if folder else None
        self._root = os.fspath(folder) if folder else ""
        self.hits = 0
        self.misses = 0
        self._folders: set[str] = set()  # shard folders known to exist

    def _path(self, key: str) -> str:
        return os.path.join(self._root, key[:2], f"{key}.pickle")

    def get(self, key: str):
        """The value stored under `key`, or None (missing, damaged, unreadable)."""
        if self.folder is None:
            self.misses += 1
            return None
        try:
            with open(self._path(key), "rb") as handle:
                raw = handle.read()
            check, payload = raw[:CHECK_SIZE], raw[CHECK_SIZE:]
            if hashlib.blake2b(key.encode() + payload, digest_size=CHECK_SIZE).digest() == check:
                value = pickle.loads(payload)
                self.hits += 1
                return value
        except Exception:  # any damage is a miss
            pass
        self.misses += 1
        return None

    def put(self, key: str, value) -> None:
        if self.folder is None:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        data = hashlib.blake2b(key.encode() + payload, digest_size=CHECK_SIZE).digest() + payload
        path = self._path(key)
        folder = os.path.dirname(path)
        temp = os.path.join(folder, f".{key}.{os.getpid()}.part")  # renamed into place: never half a file
        with contextlib.suppress(OSError):  # a cache that cannot be written only makes the next build slower
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            try:
                with open(temp, "wb") as out:
                    out.write(data)
                os.replace(temp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise

    def keep_only(self, keys: set[str]) -> int:
        """Delete every entry (and leftover temporary file) whose key is not in `keys`; returns how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        with contextlib.suppress(OSError):
            for shard in os.scandir(self.folder):
                if not shard.is_dir(follow_symlinks=False):
                    continue
                for entry in os.scandir(shard.path):
                    name = entry.name
                    if name.endswith(".pickle") and name[: -len(".pickle")] in keys:
                        continue
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
        return removed
