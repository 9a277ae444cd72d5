"""Build a site the way `make html` does (a real `pelican` process) and read its output for tests."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PELICAN = [sys.executable, "-m", "pelican"]


def build(
    content: str | os.PathLike,
    output: str | os.PathLike,
    conf: str = "pelicanconf.py",
    settings: dict | None = None,
    check: bool = True,
    env: dict | None = None,
) -> subprocess.CompletedProcess:
    """Run Pelican on `content` into `output`; `settings` override the configuration (as JSON values)."""
    command = [*PELICAN, os.fspath(content), "-o", os.fspath(output), "-s", str(ROOT / conf), "--fatal", "errors"]
    # Each output gets its own reader cache: builds running side by side (pytest -n) never share one.
    cache = Path(output).parent / f".{Path(output).name}-pelican-cache"
    settings = {"CACHE_PATH": str(cache), **(settings or {})}
    if settings:
        # One -e for all pairs: Pelican keeps only the last -e when it is repeated.
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "1000", **(env or {})},
        timeout=600,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"pelican failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def soup(path: str | os.PathLike) -> BeautifulSoup:
    """Parse a generated HTML file with a real HTML parser."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "lxml")


def html_files(output: str | os.PathLike) -> list[Path]:
    return sorted(Path(output).rglob("*.html"))


def output_digests(root: str | os.PathLike, skip: tuple[str, ...] = (".incremental.json",)) -> dict[str, str]:
    """Relative path -> SHA-256 of every file of a built site (the incremental manifest left out), and "<dir>" for
    every folder (an empty one left behind answers 403 where a cold build's site answers 404): two builds are
    byte-identical when these are equal."""
    root = Path(root)
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
        for p in sorted(root.rglob("*"))
        if p.name not in skip
    }
