"""Each document's index keys, cached on disk by the digest of its text, so a rebuild reads only the documents it
needs (those that changed) and computes keys only for new text.

One SQLite file (the standard library's, crash-safe), not a file per document: creating 10,000 small files cost
a cold build about 4 s on this kind of disk. Nothing is kept in memory: keeping every document's keys took about
1 GB at 10,000 articles, and a build reads each one once.
"""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
from collections.abc import Iterator, MutableMapping
from pathlib import Path

_SCHEMA = "CREATE TABLE IF NOT EXISTS terms (key TEXT PRIMARY KEY, value BLOB NOT NULL)"


class TermCache(MutableMapping):
    """A mapping key -> Counter stored in the SQLite file `path`; values are read on demand.

    Writes are one transaction, made durable by `sync()` (as with `shelve`) or `close()`. A file that is not a
    readable cache is replaced by an empty one: it only costs the next build some work."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError:
                self.path.unlink(missing_ok=True)
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            # A cache: losing the last writes to a power cut is fine, waiting for the disk on each build is not.
            db.execute("PRAGMA synchronous=OFF")
            db.execute(_SCHEMA)
            db.execute("SELECT count(*) FROM terms").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def __getitem__(self, key: str):
        try:
            row = self._connection().execute("SELECT value FROM terms WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise KeyError(key) from exc
        if row is None:
            raise KeyError(key)
        try:
            return pickle.loads(row[0])
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError) as exc:
            raise KeyError(key) from exc

    def __setitem__(self, key: str, value) -> None:
        self._connection().execute("INSERT OR REPLACE INTO terms (key, value) VALUES (?, ?)",
                                   (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))

    def __delitem__(self, key: str) -> None:
        if self._connection().execute("DELETE FROM terms WHERE key = ?", (key,)).rowcount == 0:
            raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        keys = [key for (key,) in self._connection().execute("SELECT key FROM terms ORDER BY key")]
        return iter(keys)

    def __len__(self) -> int:
        return self._connection().execute("SELECT count(*) FROM terms").fetchone()[0]

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and self._connection().execute(
            "SELECT 1 FROM terms WHERE key = ?", (key,)).fetchone() is not None

    def sync(self) -> None:
        if self._db is not None:
            self._db.commit()

    def close(self) -> None:
        if self._db is not None:
            with contextlib.closing(self._db):
                self._db.commit()
            self._db = None
