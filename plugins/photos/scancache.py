"""What `syntax.scan` found in each Markdown file, kept between builds in Pelican's CACHE_PATH.

A rebuild reads again only the files whose size, modification time, change time or inode changed. An entry is
trusted only when the file was last modified well before it was scanned (as git does for "racily clean" files): a
file edited twice within the file system's timestamp resolution, the second time after a scan, would otherwise keep
a stale entry. The cache is tied to the scanner's code (and this module's); a missing, damaged or foreign cache file
only means every file is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from pathlib import Path

from . import syntax
from .library import atomic_write

CACHE_NAME = "photos-scan.pickle"
FORMAT = 2
# A file modified less than this before it was scanned is scanned again next time.
RACY_NS = 2_000_000_000
CHECK_SIZE = 16  # the file starts with the blake2b digest of the pickle that follows

# (cover refs [(src, line)], body images [(line, src, placed)])
Found = tuple[list[tuple[str, int]], list[tuple[int, str, bool]]]


def _code_version() -> str:
    """Changes when the scanner's code does: its entries are then never reused."""
    source = Path(syntax.__file__).read_bytes() + b"\0" + Path(__file__).read_bytes()
    return hashlib.blake2b(source + f"|{FORMAT}".encode(), digest_size=16).hexdigest()


def scan_file(text: str) -> Found:
    meta, images = syntax.scan(text)
    covers = [(meta[key][0], meta[key][1]) for key in syntax.COVER_KEYS if key in meta and meta[key][0]]
    return covers, images


class ScanCache:
    def __init__(self, cache_path: str | os.PathLike | None):
        self.path = Path(cache_path) / CACHE_NAME if cache_path else None
        self.version = _code_version()
        self.read = 0  # files read this build
        # path -> ((size, mtime, ctime, inode), found)
        self._old: dict[str, tuple[tuple, Found]] = {}
        self._new: dict[str, tuple[tuple, Found]] = {}
        if self.path is not None:
            self._old = self._load(self.path)

    def _load(self, path: Path) -> dict:
        """The entries of a cache file written by this code; {} for anything else (missing, damaged, foreign)."""
        try:
            raw = path.read_bytes()
            check, payload = raw[:CHECK_SIZE], raw[CHECK_SIZE:]
            if hashlib.blake2b(payload, digest_size=CHECK_SIZE).digest() != check:
                return {}
            data = pickle.loads(payload)
            if isinstance(data, dict) and data.get("version") == self.version and isinstance(data["entries"], dict):
                return data["entries"]
        except Exception:  # any damage means a slower build, never a failed or wrong one
            pass
        return {}

    def found(self, path: str) -> Found | None:
        """The cover refs and body images of one Markdown file, or None when it cannot be read."""
        try:
            stat = os.stat(path)
        except OSError:
            return None
        # ctime and inode too: a tool that keeps modification times (rsync -t, cp -p) still changes those.
        signature = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        known = self._old.get(path)
        if known is not None and known[0] == signature:
            self._new[path] = known
            return known[1]
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            return None  # the reader reports unreadable files
        self.read += 1
        found = scan_file(text)
        if stat.st_mtime_ns < time.time_ns() - RACY_NS:
            self._new[path] = (signature, found)
        return found

    def save(self) -> None:
        """Keep the entries of the files seen this build (a file gone is forgotten)."""
        if self.path is None or (self._new.keys() == self._old.keys() and self.read == 0):
            return
        payload = pickle.dumps({"version": self.version, "entries": self._new}, protocol=pickle.HIGHEST_PROTOCOL)
        with contextlib.suppress(OSError):
            atomic_write(self.path, hashlib.blake2b(payload, digest_size=CHECK_SIZE).digest() + payload)
