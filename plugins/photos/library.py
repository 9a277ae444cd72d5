"""Where photos live: resolving an editor's image path, the derivative cache and parallel processing.

A photo is known by a key: the hash of its bytes and of the settings that shape its derivatives. Its derivatives sit
in `<cache>/<key>/` beside a manifest; a key with a manifest is done and never touched again, so a rebuild with
unchanged photos does no image work (a stat index even spares re-hashing unchanged files).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from .config import EXTENSION, MIME, PhotoConfig
from .images import PhotoError, make_derivatives

INDEX_NAME = "index.json"
PROGRESS_MIN_PHOTOS = 8


@dataclass
class Ref:
    """One use of a photo: the Markdown file and line that name it, and the path as the editor wrote it."""

    source: str
    line: int | None
    src: str


@dataclass
class Photo:
    key: str
    path: str
    manifest: dict
    out_dir: str = "anh"

    @property
    def width(self) -> int:
        return self.manifest["width"]

    @property
    def height(self) -> int:
        return self.manifest["height"]

    def url(self, name: str) -> str:
        return f"{self.out_dir}/{self.key[:2]}/{name}"

    def files(self) -> dict[str, int]:
        return self.manifest["files"]

    def candidates(self, fmt: str, thumb: bool = False) -> list[tuple[str, int, int]]:
        """(site-relative URL, width, height) of each size in `fmt`, smallest first."""
        prefix = "t" if thumb else ""
        sizes = self.manifest["thumbs" if thumb else "widths"]
        return [(self.url(f"{self.key}-{prefix}{w}.{EXTENSION[fmt]}"), w, h) for w, h in sizes]

    def modern_formats(self) -> list[str]:
        return [f for f in self.manifest["formats"] if f != "jpeg"]

    def default(self, fmt: str = "jpeg", target: int = 960, thumb: bool = False) -> tuple[str, int, int]:
        """The candidate used as `src`: the largest not wider than `target` (or the smallest)."""
        cands = self.candidates(fmt, thumb)
        fitting = [c for c in cands if c[1] <= target]
        return fitting[-1] if fitting else cands[0]

    def social(self) -> dict:
        name = f"{self.key}-og.jpg"
        width, height = self.manifest["social"]
        return {"src": self.url(name), "width": width, "height": height, "type": MIME["jpeg"],
                "length": self.files()[name]}

    def enclosure(self) -> dict:
        src, width, _ = self.candidates("jpeg")[-1]
        name = src.rsplit("/", 1)[1]
        return {"src": src, "type": MIME["jpeg"], "length": self.files()[name], "width": width}


def resolve_src(src: str, source_file: str, content_root: str, realpath=os.path.realpath) -> str:
    """The absolute path of an image named `src` in `source_file`; PhotoError if it is remote, absolute or leaves
    the content folder. `realpath` may be a memoising equivalent of os.path.realpath (see `Resolver`)."""
    raw = src.strip()
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    parsed = urlparse(raw)
    if parsed.scheme or parsed.netloc or raw.startswith("//"):
        raise PhotoError(
            f"ảnh “{src}” lấy từ trang web khác: chỉ dùng tệp ảnh đặt cạnh bài viết trong content/"
        )
    if not raw:
        raise PhotoError("dòng ảnh không có đường dẫn tệp")
    relative = unquote(parsed.path)
    if relative.startswith("/") or os.path.isabs(relative):
        raise PhotoError(f"đường dẫn ảnh “{src}” phải là đường dẫn tương đối tính từ tệp bài viết")
    root = realpath(content_root)
    target = realpath(os.path.join(os.path.dirname(os.path.abspath(source_file)), relative))
    if os.path.commonpath([root, target]) != root:
        raise PhotoError(f"ảnh “{src}” nằm ngoài thư mục content/: không được dùng")
    if not os.path.exists(target):
        raise PhotoError(f"không tìm thấy tệp ảnh “{src}”")
    if not os.path.isfile(target):
        raise PhotoError(f"“{src}” không phải là tệp ảnh")
    return target


class Resolver:
    """`resolve_src` for one build, with what it learns kept: the real path of each folder (os.path.realpath walks
    every component of every path, and an archive names thousands of photos in a few hundred folders) and each
    answer, error included (a photo is named by the scan, the Markdown reader and the lead photo). Make a new one
    per build: the files may change between builds."""

    def __init__(self, content_root: str):
        self.content_root = content_root
        self._folders: dict[str, str] = {}
        self._answers: dict[tuple[str, str], str | PhotoError] = {}  # by (src, source file)

    def realpath(self, path: str) -> str:
        """os.path.realpath(path), from the memoised real path of its folder: realpath(a/b) is
        realpath(realpath(a)/b) when b is an ordinary name."""
        folder, name = os.path.split(path)  # not normalised first: "link/.." must go through the link
        if not os.path.isabs(path) or name in ("", ".", ".."):
            return os.path.realpath(path)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = os.path.realpath(folder)
        candidate = os.path.join(real_folder, name)
        return os.path.realpath(candidate) if os.path.islink(candidate) else candidate

    def __call__(self, src: str, source_file: str) -> str:
        key = (src, source_file)
        answer = self._answers.get(key)
        if answer is None:
            try:
                answer = resolve_src(src, source_file, self.content_root, self.realpath)
            except PhotoError as exc:
                answer = exc
            self._answers[key] = answer
        if isinstance(answer, PhotoError):
            raise PhotoError(str(answer))
        return answer


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with _suppress():
            os.unlink(tmp)
        raise


class _suppress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True


def _work(args):
    """Worker-process entry: make one photo's derivatives; errors come back as text, never as a crash."""
    path, key, cfg, cache_dir = args
    try:
        return key, make_derivatives(path, key, cfg, cache_dir), None
    except PhotoError as exc:
        return key, None, str(exc)
    except MemoryError:
        return key, None, "ảnh quá lớn, không đủ bộ nhớ để xử lý"
    except Exception as exc:  # Pillow raises many types for broken files
        return key, None, f"tệp ảnh bị hỏng ({type(exc).__name__}: {exc})"


@dataclass
class PhotoLibrary:
    """All photos of one build: keys, cached manifests, what the pages use."""

    cfg: PhotoConfig
    content_root: str
    photos: dict[str, Photo] = field(default_factory=dict)  # by absolute source path
    used: dict[str, Photo] = field(default_factory=dict)  # by key: what goes to the output
    body_keys: dict[str, set[str]] = field(default_factory=dict)  # by source file: keys its body shows now
    processed: int = 0  # photos whose derivatives this process made (0 on a cached rebuild)
    markdown_read: int = 0  # Markdown files the last scan read (the others came from the scan cache)
    _by_key: dict[str, Photo] = field(default_factory=dict, init=False, repr=False)
    _by_key_size: int = field(default=-1, init=False, repr=False)
    seconds: float = 0.0  # time this build spent in the plugin (finding, processing, publishing photos)
    _index: dict = field(default_factory=dict)
    _index_dirty: bool = False

    def __post_init__(self):
        self.resolve = Resolver(self.content_root)
        self.cache_dir = Path(self.cfg.cache_path)
        self.objects = self.cache_dir / "objects"
        self._fingerprint = self.cfg.fingerprint()
        try:
            self._index = json.loads((self.cache_dir / INDEX_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._index = {}

    # -- keys -------------------------------------------------------------------------------------------------
    def _content_hash(self, path: str) -> str:
        stat = os.stat(path)
        known = self._index.get(path)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        self._index[path] = [stat.st_size, stat.st_mtime_ns, digest.hexdigest()]
        self._index_dirty = True
        return digest.hexdigest()

    def key_for(self, path: str) -> str:
        return hashlib.sha256(f"{self._content_hash(path)}:{self._fingerprint}".encode()).hexdigest()[:20]

    def _cached_manifest(self, key: str) -> dict | None:
        try:
            return json.loads((self.objects / key[:2] / key / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save_index(self) -> None:
        if self._index_dirty:
            atomic_write(self.cache_dir / INDEX_NAME, json.dumps(self._index).encode())
            self._index_dirty = False

    # -- processing -------------------------------------------------------------------------------------------
    def prepare(self, refs: list[Ref], progress=None) -> list[tuple[Ref, str]]:
        """Make sure every photo named by `refs` has its derivatives (new ones in parallel, on all cores).
        Returns the problems as (first ref, Vietnamese message), in the order of `refs`."""
        problems: list[tuple[Ref, str]] = []
        todo: dict[str, tuple[str, Ref]] = {}
        keys: dict[str, str] = {}
        for ref in refs:
            try:
                path = self.resolve(ref.src, ref.source)
            except PhotoError as exc:
                problems.append((ref, str(exc)))
                continue
            if path in self.photos:
                continue
            key = keys.get(path) or self.key_for(path)
            keys[path] = key
            manifest = self._cached_manifest(key)
            if manifest is not None:
                self.photos[path] = Photo(key, path, manifest, self.cfg.output_dir)
            elif key not in todo:
                todo[key] = (path, ref)
        failures = self._run(todo, progress)
        for key, message in failures.items():
            problems.append((todo[key][1], message))
        self.save_index()
        return problems

    def _run(self, todo: dict[str, tuple[str, Ref]], progress=None) -> dict[str, str]:
        if not todo:
            return {}
        failures: dict[str, str] = {}
        jobs = [(path, key, self.cfg, str(self.objects / key[:2])) for key, (path, _) in todo.items()]
        workers = self.cfg.workers or os.cpu_count() or 1
        workers = max(1, min(workers, len(jobs)))
        report = progress if progress is not None else _Progress(len(jobs))
        if workers == 1:
            results = (_work(job) for job in jobs)
            self._collect(results, todo, failures, report)
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_work, job) for job in jobs]
                self._collect((f.result() for f in as_completed(futures)), todo, failures, report)
        report.done()
        return failures

    def _collect(self, results, todo, failures, report) -> None:
        for key, manifest, error in results:
            path = todo[key][0]
            if error is None:
                self.photos[path] = Photo(key, path, manifest, self.cfg.output_dir)
                self.processed += 1
            else:
                failures[key] = error
            report.step()

    def photo(self, src: str, source_file: str) -> Photo:
        """The processed photo named `src` in `source_file` (processed now if no build step did it yet)."""
        path = self.resolve(src, source_file)
        if path not in self.photos:
            problems = self.prepare([Ref(source_file, None, src)])
            if problems:
                raise PhotoError(problems[0][1])
        return self.photos[path]

    def use(self, photo: Photo) -> None:
        self.used[photo.key] = photo

    def by_key(self, key: str) -> Photo | None:
        # An index by key, brought up to date when photos were added (a scan per call made bodies x photos work).
        if self._by_key_size != len(self.photos):
            self._by_key = {}
            for photo in self.photos.values():
                self._by_key.setdefault(photo.key, photo)  # the first one, as a scan would find
            self._by_key_size = len(self.photos)
        return self._by_key.get(key)

    # -- output -----------------------------------------------------------------------------------------------
    def publish(self, output_path: str) -> int:
        """Put the derivatives of every used photo into the output (hard links or copies, each atomically)."""
        count = 0
        for key, photo in sorted(self.used.items()):
            source_dir = self.objects / key[:2] / key
            target_dir = Path(output_path) / self.cfg.output_dir / key[:2]
            target_dir.mkdir(parents=True, exist_ok=True)
            for name in photo.files():
                target = target_dir / name
                if target.exists():
                    continue
                tmp = target_dir / f".{name}.tmp{os.getpid()}"
                try:
                    os.link(source_dir / name, tmp)
                except OSError:
                    shutil.copyfile(source_dir / name, tmp)
                os.replace(tmp, target)
                count += 1
        return count

    def prune(self, output_path: str) -> int:
        """Remove derivatives of photos no page uses any more (the output then matches a cold build's)."""
        root = Path(output_path) / self.cfg.output_dir
        if not root.is_dir():
            return 0
        keep = {name for photo in self.used.values() for name in photo.files()}
        removed = 0
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.name not in keep:
                path.unlink()
                removed += 1
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        return removed


class _Progress:
    """A progress line on stderr for long runs: `Ảnh: 57/200 (28%), 6.1 ảnh/giây`."""

    def __init__(self, total: int):
        self.total = total
        self.count = 0
        self.start = time.monotonic()
        self.last = self.start
        self.shown = False
        self.tty = sys.stderr.isatty()

    def step(self) -> None:
        self.count += 1
        now = time.monotonic()
        if self.total >= PROGRESS_MIN_PHOTOS and (now - self.last >= 2 or self.count == self.total):
            self.last = now
            self._show(now)

    def _show(self, now: float) -> None:
        rate = self.count / max(now - self.start, 1e-6)
        line = f"Ảnh: {self.count}/{self.total} ({100 * self.count // self.total}%), {rate:.1f} ảnh/giây"
        sys.stderr.write(("\r" + line) if self.tty else (line + "\n"))
        sys.stderr.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown and self.tty:
            sys.stderr.write("\n")
            sys.stderr.flush()
