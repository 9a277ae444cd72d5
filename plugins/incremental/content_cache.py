"""Pelican's reader cache is only as good as the settings and code that filled it.

Pelican keeps the HTML each Markdown file was read into (`CACHE_PATH`) and checks only the file's own date: a
change to the Markdown settings, the photo sizes or a plugin's reading code would otherwise leave every unchanged
article with its old HTML, build after build. The environment digest (settings, theme, plugin code, versions; the
one the incremental writer uses) is kept beside the cache once a build has succeeded; a build that finds another
one does not load the cache (`LOAD_CONTENT_CACHE = False`) and so reads every file again, and saves a fresh cache.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

from .build_state import environment_digest

logger = logging.getLogger(__name__)

STAMP_NAME = "incremental-environment"


def _stamp_path(settings) -> Path | None:
    cache = settings.get("CACHE_PATH")
    if not cache or not settings.get("CACHE_CONTENT"):
        return None
    return Path(cache) / STAMP_NAME


def guard(settings) -> str | None:
    """Turn off loading the reader cache when it was filled in another environment; returns the digest of this
    one (to `record` once the build succeeds), or None when there is no reader cache."""
    path = _stamp_path(settings)
    if path is None:
        return None
    current = environment_digest(settings)
    try:
        previous = path.read_text(encoding="utf-8").strip()
    except OSError:
        previous = None
    if previous != current:
        # Pelican saves the cache when reading ends, before this build can fail: until a build under these settings
        # succeeds (`record`), no stamp vouches for the cache.
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        if settings.get("LOAD_CONTENT_CACHE"):
            settings["LOAD_CONTENT_CACHE"] = False
            logger.info("settings, theme or plugin code changed since the reader cache was filled: every file is read")
    return current


def record(settings, current: str | None) -> None:
    """After a successful build: the reader cache now holds what `current` reads."""
    path = _stamp_path(settings)
    if path is None or current is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".environment-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(current + "\n")
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
