"""Reading an editor's Markdown file: strict UTF-8, NFC, and the line of every metadata field."""

from __future__ import annotations

import os
import re
from pathlib import Path

from vntext import clean_text

from .errors import ContentError

_META_KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:")

# An article is a few thousand words; anything near this is a mistake (a pasted file, a generated dump).
MAX_SOURCE_BYTES = 2_000_000


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 text: its byte-order mark, or (without one) a zero byte in every other place of the opening
    characters, as Latin letters, digits and spaces give."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = raw[:200]
    if len(head) < 8:
        return False
    zeros = head[0::2].count(0), head[1::2].count(0)
    return max(zeros) >= 0.8 * (len(head) // 2) and min(zeros) == 0


def decode_source(raw: bytes, path: str) -> str:
    """UTF-8 text in NFC without control characters, or a ContentError naming the first bad line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if _looks_utf16(raw):
        raise ContentError(path, 1, "tệp được lưu ở mã hóa UTF-16 (“Unicode” của Notepad, Word): "
                                    "hãy lưu lại với mã hóa UTF-8")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ContentError(path, line, "tệp chứa dữ liệu nhị phân (ảnh, PDF…?), không phải bài viết Markdown")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, "tệp không phải văn bản UTF-8 hợp lệ (hãy lưu lại với mã hóa UTF-8)") from None
    return clean_text(text)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def check_source_file(path: str | os.PathLike, content_root: str | os.PathLike, max_bytes: int = MAX_SOURCE_BYTES):
    """ContentError unless `path` really lies inside `content_root` (no symlink out) and is of a sane size."""
    resolved = Path(path).resolve()
    # Only a file that sits in the content folder can point out of it (a tool may read files from elsewhere).
    inside = Path(os.path.abspath(path)).is_relative_to(os.path.abspath(content_root))
    if inside and not resolved.is_relative_to(Path(content_root).resolve()):
        raise ContentError(
            path, None, f"liên kết trỏ ra ngoài thư mục nội dung (tới {resolved}); hãy chép tệp vào content/"
        )
    size = resolved.stat().st_size
    if size > max_bytes:
        raise ContentError(
            path,
            None,
            f"tệp quá lớn ({_megabytes(size)} MB, tối đa {_megabytes(max_bytes)} MB): "
            "hãy tách thành nhiều bài hoặc bỏ phần dán nhầm",
        )


def _header_keys(text: str):
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = _META_KEY_RE.match(line)
        if match:
            yield match.group(1).lower(), number
        elif not line.startswith((" ", "\t")):
            break


def metadata_lines(text: str) -> dict[str, int]:
    """Map each metadata key (lower case) of a Markdown header to its 1-based line number."""
    lines: dict[str, int] = {}
    for key, number in _header_keys(text):
        lines.setdefault(key, number)
    return lines


def repeated_metadata(text: str) -> dict[str, int]:
    """Keys written more than once in the header, with the line of their second occurrence."""
    seen: set[str] = set()
    repeated: dict[str, int] = {}
    for key, number in _header_keys(text):
        if key in seen:
            repeated.setdefault(key, number)
        seen.add(key)
    return repeated
