"""Reading an editor's Markdown file: strict UTF-8, NFC, and the line of every metadata field."""

from __future__ import annotations

import re

from vntext import clean_text

from .errors import ContentError

_META_KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:")


def decode_source(raw: bytes, path: str) -> str:
    """UTF-8 text in NFC without control characters, or a ContentError naming the first bad line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, "tệp không phải văn bản UTF-8 hợp lệ (hãy lưu lại với mã hóa UTF-8)") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ContentError(path, line, "tệp chứa ký tự nhị phân, không phải bài viết Markdown")
    return clean_text(text)


def metadata_lines(text: str) -> dict[str, int]:
    """Map each metadata key (lower case) of a Markdown header to its 1-based line number."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = _META_KEY_RE.match(line)
        if match:
            lines.setdefault(match.group(1).lower(), number)
        elif not line.startswith((" ", "\t")):
            break
    return lines
