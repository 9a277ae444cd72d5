"""Fingerprinted theme files: `{{ 'css/site.css'|fingerprint }}` gives `theme/css/site.<hash>.css` and the build
writes that copy, so nginx can cache theme files for a year (a changed file gets a new name).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from pelican import signals

from .names import hashed_name

__all__ = ["hashed_name", "register"]

logger = logging.getLogger(__name__)

# Names handed out by the filter during this build: {static path: hashed path}, both relative to the theme folder.
_USED: dict[str, str] = {}


def _source(settings, path: str) -> Path | None:
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        candidate = Path(settings["THEME"], folder, path)
        if candidate.is_file():
            return candidate
    return None


def _add_filter(generator):
    settings = generator.settings
    static_dir = settings.get("THEME_STATIC_DIR", "theme")

    def fingerprint(path: str) -> str:
        path = path.lstrip("/")
        if path not in _USED:
            source = _source(settings, path)
            if source is None:
                logger.warning("fingerprint: không tìm thấy tệp giao diện “%s”; dùng tên gốc", path)
                return f"{static_dir}/{path}"
            _USED[path] = hashed_name(path, source.read_bytes())
        return f"{static_dir}/{_USED[path]}"

    generator.env.filters["fingerprint"] = fingerprint


def _write_copies(pelican):
    static_dir = Path(pelican.output_path, pelican.settings.get("THEME_STATIC_DIR", "theme"))
    for path, hashed in _USED.items():
        written = static_dir / path
        if written.is_file():
            shutil.copyfile(written, static_dir / hashed)
    _USED.clear()


def register():
    signals.generator_init.connect(_add_filter)
    signals.finalized.connect(_write_copies)
