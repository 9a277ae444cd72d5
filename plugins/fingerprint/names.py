"""Content-hashed file names: `css/site.css` + its bytes -> `css/site.3f2a9c41d0.css`."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

HASH_LENGTH = 10  # hex digits; deploy/nginx.conf caches names with 10 or more for a year


def hashed_name(path: str, data: bytes, length: int = HASH_LENGTH) -> str:
    """`path` with the first `length` hex digits of sha256(data) before its suffix."""
    digest = hashlib.sha256(data).hexdigest()[:length]
    pure = PurePosixPath(path)
    return str(pure.with_name(f"{pure.stem}.{digest}{pure.suffix}"))
