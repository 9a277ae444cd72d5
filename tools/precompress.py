#!/usr/bin/env python3
"""Write `file.gz` and `file.br` beside every text file of a built site, for nginx's `gzip_static`/`brotli_static`.

Deterministic (gzip header without name or time), so an unchanged site gives unchanged bytes. A compressed copy
is written only when it is smaller than the file itself, always under a new name renamed into place (never into an
existing file, which may be hard-linked to the live site), and kept when it is already newer than its file.

Usage: python tools/precompress.py OUTPUT_DIR
"""

from __future__ import annotations

import gzip
import os
import sys
import tempfile
from pathlib import Path

import brotli

# What nginx serves as text (see deploy/nginx.conf's gzip_types); images, fonts and Pagefind's own
# compressed index files are left alone.
TEXT_SUFFIXES = {
    ".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".svg", ".webmanifest", ".opml", ".xsl", ".map",
    ".csv", ".ico",
}  # fmt: skip
MIN_SIZE = 256  # bytes; smaller files are not worth a second request-time lookup
# Brotli's best (about 0.6 MB/s on this machine; pages kept by the incremental build keep their copies).
# PRECOMPRESS_BROTLI_QUALITY=5 is 50 times faster for about 10 % more bytes.
BROTLI_QUALITY = int(os.environ.get("PRECOMPRESS_BROTLI_QUALITY", "11"))


def _write_new(target: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.chmod(temp, 0o644)
    os.replace(temp, target)


def _fresh(target: Path, source_mtime: int) -> bool:
    try:
        return target.stat().st_mtime_ns >= source_mtime
    except OSError:
        return False


def compress_file(path: Path, brotli_quality: int = BROTLI_QUALITY) -> list[Path]:
    """Write path.gz and path.br when they are smaller than `path`; return the compressed copies it has."""
    data = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    written = []
    variants = (
        (".gz", lambda: gzip.compress(data, compresslevel=9, mtime=0)),
        (".br", lambda: brotli.compress(data, mode=brotli.MODE_TEXT, quality=brotli_quality)),
    )
    for suffix, pack in variants:
        target = path.with_name(path.name + suffix)
        if _fresh(target, mtime):
            written.append(target)
            continue
        packed = pack()
        if len(packed) < len(data):
            _write_new(target, packed)
            written.append(target)
        elif target.exists():
            target.unlink()
    return written


def precompress(root: str | Path, brotli_quality: int = BROTLI_QUALITY) -> dict[str, int]:
    """Compress every text file under `root`; return counts and byte totals."""
    stats = {"files": 0, "bytes": 0, "gz_bytes": 0, "br_bytes": 0}
    for path in sorted(Path(root).rglob("*")):
        if not path.is_file() or path.is_symlink() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        size = path.stat().st_size
        if size < MIN_SIZE:
            continue
        written = compress_file(path, brotli_quality)
        stats["files"] += 1
        stats["bytes"] += size
        for target in written:
            stats["gz_bytes" if target.suffix == ".gz" else "br_bytes"] += target.stat().st_size
    return stats


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    stats = precompress(args[0])
    print(
        f"Đã nén sẵn {stats['files']} tệp: {stats['bytes']} byte → gzip {stats['gz_bytes']} byte, "
        f"brotli {stats['br_bytes']} byte"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
