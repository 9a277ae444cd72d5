"""One editor's file as the checker sees it: its kind, metadata fields with their lines, and its body lines."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from vncontent.errors import ContentError
from vncontent.source import decode_source, metadata_lines

_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass
class Field:
    value: str  # continuation lines joined with "\n", stripped
    line: int

    def items(self) -> list[str]:
        """Comma- or line-separated values (Tags, Campaigns, Related...), empty ones dropped."""
        return [part.strip() for part in re.split(r"[,\n]", self.value) if part.strip()]


@dataclass
class Document:
    path: Path
    kind: str  # "article", "page", "campaign" or "exemplar"
    text: str = ""  # NFC text, as the site's reader sees it
    raw: str = ""  # the text as stored (before NFC), for the NFC warning
    fields: dict[str, Field] = field(default_factory=dict)
    body_line: int = 1  # line number of the first body line
    body: list[str] = field(default_factory=list)
    error: ContentError | None = None  # the file could not be read at all
    slug: str | None = None
    prose: list[tuple[int, str]] | None = None  # cache of rules.body_lines

    def get(self, key: str) -> str:
        found = self.fields.get(key)
        return found.value if found else ""

    def line(self, key: str, default: int = 1) -> int:
        found = self.fields.get(key)
        return found.line if found else default

    @property
    def status(self) -> str:
        return self.get("status").strip().lower() or "published"

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def body_text(self) -> str:
        """The body without HTML comments (the scaffold's hints), as one string."""
        return _COMMENT_RE.sub("", "\n".join(self.body))


def read_document(path: Path, kind: str, raw_bytes: bytes | None = None) -> Document:
    """Parse `path` (or the given bytes, e.g. the staged version) without running Markdown."""
    doc = Document(path=path, kind=kind)
    if raw_bytes is None:
        raw_bytes = path.read_bytes()
    try:
        doc.text = decode_source(raw_bytes, os.fspath(path))
    except ContentError as error:
        doc.error = error
        return doc
    doc.raw = raw_bytes.decode("utf-8-sig")
    lines = doc.text.splitlines()
    keys = metadata_lines(doc.text)
    last = 0
    for key, number in keys.items():
        value = [lines[number - 1].split(":", 1)[1].strip()]
        end = number
        while end < len(lines) and lines[end].startswith((" ", "\t")) and lines[end].strip():
            value.append(lines[end].strip())
            end += 1
        doc.fields[key] = Field("\n".join(v for v in value if v), number)
        last = max(last, end)
    # Python-Markdown's meta block ends at the first blank line; the body follows it.
    start = last
    while start < len(lines) and not lines[start].strip():
        start += 1
    doc.body_line = start + 1
    doc.body = lines[start:]
    return doc
