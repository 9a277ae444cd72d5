#!/usr/bin/env python3
"""Atomic site build: Pelican writes into a fresh folder beside the output, which replaces the output only when
the whole build succeeded. After a failed build the previous output is byte-for-byte unchanged.

Usage (the Makefile's `html` and `publish` targets):
    python tools/build.py [--precompress] CONTENT -o OUTPUT -s SETTINGS [any other pelican option ...]

Pages the incremental plugin may skip are hard-linked from the previous output (see `seed`), in a thread while
Pelican reads the content: the incremental writer waits for it before it looks at the output (`SEED_FD`).
Files written anew with unchanged bytes (feeds, sitemaps…) are then linked to the previous ones, so they keep their
modification time (`keep_unchanged`). `--precompress` writes .gz and .br copies of every text file (for nginx)
before the swap. On Linux the swap is one `renameat2(RENAME_EXCHANGE)` call, so a server never sees a missing or
half-built folder; elsewhere it is two renames. `make devserver` does not use this: Pelican's autoreload keeps
building in place.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from precompress import precompress

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two existing paths (Linux renameat2); False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


# The incremental plugin's record of the pages it wrote (plugins/incremental/writer.py).
MANIFEST_NAME = ".incremental.json"


def seed(previous: Path, fresh: Path) -> int:
    """Hard-link the pages of the previous build that the incremental writer may skip into the fresh folder.

    Only pages listed in the incremental manifest: the incremental writer replaces a changed page with a new file
    (rename), so it never writes into a linked one and the live output stays untouched. Everything else (theme
    files, photos, feeds, search index) is written anew. Returns the number of pages linked.
    """
    manifest = previous / MANIFEST_NAME
    try:
        pages = json.loads(manifest.read_text(encoding="utf-8")).get("pages", {})
    except (OSError, ValueError, AttributeError):
        return 0
    # One link per file and one listing per folder (an archive has tens of thousands of pages): names are
    # checked as text, and each folder of the previous output is read once to see which files it has.
    by_folder: dict[str, list[str]] = {}
    for name in pages:
        if isinstance(name, str) and not os.path.isabs(name) and ".." not in Path(name).parts:
            folder, base = os.path.split(name)
            by_folder.setdefault(folder, []).append(base)
    linked = 0
    for folder, names in by_folder.items():
        try:
            with os.scandir(previous / folder) as entries:
                regular = {entry.name for entry in entries if entry.is_file(follow_symlinks=False)}
        except OSError:
            continue
        target_folder = fresh / folder
        target_folder.mkdir(parents=True, exist_ok=True)
        for base in names:
            if base not in regular:
                continue
            # The page and its precompressed copies (kept by tools/precompress.py while newer than the page).
            for variant in (base, base + ".gz", base + ".br"):
                if variant in regular:
                    source, target = os.path.join(previous, folder, variant), os.path.join(target_folder, variant)
                    try:
                        os.link(source, target)
                    except OSError:
                        shutil.copy2(source, target)
            linked += 1
    with contextlib.suppress(OSError):
        shutil.copy2(manifest, fresh / MANIFEST_NAME)
    return linked


# The environment variable naming the pipe the incremental writer reads to its end before it looks at the output
# folder (plugins/incremental/writer.py): the pipe ends when seeding has.
SEED_FD = "INCREMENTAL_SEED_FD"


def keep_unchanged(previous: Path, fresh: Path) -> int:
    """Files this build wrote anew with the bytes they had in the previous output (feeds, sitemaps, theme files,
    pages that always render) become hard links to the old files, with their precompressed copies: they keep their
    modification time, so readers' conditional requests, nginx's Last-Modified and ETag, and `rclone sync` or
    `rsync` (size and time) see no change. Returns the number of files kept."""
    kept = 0
    folders = [""]
    while folders:
        folder = folders.pop()
        old_top, top = os.path.join(previous, folder), os.path.join(fresh, folder)
        try:
            with os.scandir(old_top) as entries:
                old = {entry.name: entry for entry in entries if entry.is_file(follow_symlinks=False)}
        except OSError:
            continue  # no such folder before: nothing below it either
        with os.scandir(top) as entries:
            current = list(entries)
        names = {entry.name for entry in current}
        for entry in current:
            if entry.is_dir(follow_symlinks=False):
                folders.append(os.path.join(folder, entry.name))
                continue
            before = old.get(entry.name)
            # Same inode: a page seeded from the previous output (no stat needed to know it).
            if before is None or entry.name.endswith((".gz", ".br")) or entry.inode() == before.inode():
                continue
            now = entry.stat(follow_symlinks=False)
            if now.st_nlink > 1 or now.st_size != before.stat(follow_symlinks=False).st_size:
                continue  # linked from a cache (photos, search index), or changed
            if not filecmp.cmp(entry.path, before.path, shallow=False):
                continue
            for variant in (entry.name, entry.name + ".gz", entry.name + ".br"):
                if variant in old and (variant == entry.name or variant not in names):
                    temp = os.path.join(top, f".keep-{os.getpid()}-{variant}")
                    try:
                        os.link(old[variant].path, temp)
                        os.replace(temp, os.path.join(top, variant))
                    except OSError:  # only a lost modification time: the fresh file stays as written
                        with contextlib.suppress(OSError):
                            os.unlink(temp)
                        break
            else:
                kept += 1
    return kept


def start_seed(previous: Path, fresh: Path) -> tuple[threading.Thread, int]:
    """`seed` in a thread; returns it and the read end of a pipe that closes when seeding is over (even if it
    failed: the writer then only finds fewer pages to skip)."""
    read_end, write_end = os.pipe()

    def run() -> None:
        try:
            seed(previous, fresh)
        finally:
            os.close(write_end)

    thread = threading.Thread(target=run, name="seed", daemon=True)
    thread.start()
    return thread, read_end


def swap_in(fresh: Path, output: Path) -> None:
    """Put `fresh` where `output` is and delete the old output."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise SystemExit(f"lỗi: {output} không phải là thư mục; hãy xóa nó rồi dựng lại")
    if not output.exists():
        os.rename(fresh, output)
        return
    if _exchange(fresh, output):
        shutil.rmtree(fresh)  # now holds the old output
        return
    old = Path(tempfile.mkdtemp(prefix=f"{output.name}.old-", dir=output.parent))
    os.rmdir(old)
    os.rename(output, old)
    os.rename(fresh, output)
    shutil.rmtree(old)


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", default="output", help="the published folder (default: output)")
    parser.add_argument("--precompress", action="store_true", help="write .gz and .br beside each text file")
    return parser.parse_known_args(argv)


def build(argv=None) -> int:
    args, pelican_args = parse(sys.argv[1:] if argv is None else argv)
    output = Path(args.output).absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{output.name}.tmp-", dir=output.parent))
    try:
        # mkdtemp makes a private folder; the published one must be readable by the web server.
        umask = os.umask(0)
        os.umask(umask)
        fresh.chmod(0o777 & ~umask)
        command = [sys.executable, "-m", "pelican", *pelican_args, "-o", str(fresh)]
        # No bytecode beside the plugins: the build writes only into the output folder and the cache.
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        seeding, pipe = None, None
        if output.is_dir() and not output.is_symlink():
            seeding, pipe = start_seed(output, fresh)
            env[SEED_FD] = str(pipe)
        try:
            result = subprocess.run(command, env=env, pass_fds=(pipe,) if pipe is not None else ())
        finally:
            if seeding is not None:
                seeding.join()
                os.close(pipe)
        if result.returncode != 0:
            print(
                f"lỗi: dựng trang thất bại (mã {result.returncode}); {output} giữ nguyên như lần dựng trước",
                file=sys.stderr,
            )
            return result.returncode
        if output.is_dir() and not output.is_symlink():
            keep_unchanged(output, fresh)
        if args.precompress:
            stats = precompress(fresh)
            print(f"Đã nén sẵn {stats['files']} tệp (gzip và brotli)")
        swap_in(fresh, output)
        print(f"Đã thay {output} bằng bản dựng mới")
        return 0
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(build())
