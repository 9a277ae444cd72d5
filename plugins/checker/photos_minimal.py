"""Stand-in for `photos.lint` until the photos plugin is merged: the same signature, the minimal rules.

`checker.rules` uses `photos.lint` as soon as it can import it; delete this module then.
"""

from __future__ import annotations

import os
import re

_IMAGE_RE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)\s*$")
_CREDIT_RE = re.compile(r"^\s*\*Ảnh:\s*\S.*\*\s*$")
_META_RE = re.compile(r"^(Cover|Portrait):\s*(\S.*)$", re.IGNORECASE)


def lint(text: str, source_path: str, **_options) -> list[tuple[int, str, str]]:
    folder = os.path.dirname(source_path)
    problems: list[tuple[int, str, str]] = []
    lines = text.splitlines()
    in_header = True
    index = 0
    while index < len(lines):
        line = lines[index]
        if in_header:
            if not line.strip():
                in_header = False
            else:
                meta = _META_RE.match(line)
                if meta and not os.path.isfile(os.path.join(folder, meta.group(2).strip())):
                    problems.append((index + 1, "error", f"không tìm thấy tệp ảnh “{meta.group(2).strip()}”"))
            index += 1
            continue
        image = _IMAGE_RE.match(line)
        if not image:
            index += 1
            continue
        first = index
        while index < len(lines) and _IMAGE_RE.match(lines[index]):
            found = _IMAGE_RE.match(lines[index])
            if not found.group("alt").strip():
                problems.append((index + 1, "error", "ảnh thiếu mô tả (alt) trong ![...]"))
            src = found.group("src")
            if "://" not in src and not os.path.isfile(os.path.join(folder, src)):
                problems.append((index + 1, "error", f"không tìm thấy tệp ảnh “{src}”"))
            index += 1
        rest = []
        while index < len(lines) and lines[index].strip():
            rest.append(lines[index])
            index += 1
        caption = [r for r in rest if not _CREDIT_RE.match(r) and not r.strip().startswith("Trong ảnh:")]
        if not caption:
            problems.append((first + 1, "error", "ảnh thiếu chú thích: viết chú thích ở dòng ngay dưới ảnh"))
        if not any(_CREDIT_RE.match(r) for r in rest):
            problems.append((first + 1, "error", "ảnh thiếu nguồn: thêm dòng “*Ảnh: Tên tác giả*” dưới chú thích"))
    return problems
