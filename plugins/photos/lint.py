"""`lint(text, source_path)`: the photo problems of one Markdown file, for `make check` (nothing is built)."""

from __future__ import annotations

import os
from pathlib import Path

from markdown import Markdown

from .config import PhotoConfig
from .extension import PhotoExtension
from .images import PhotoError, check_complete, load
from .library import resolve_src
from .syntax import COVER_KEYS, metadata

ERROR = "error"
WARNING = "warning"


def _content_root(source_path: str) -> str:
    path = Path(source_path).resolve()
    for parent in path.parents:
        if parent.name == "content":
            return str(parent)
    return str(path.parent)


def lint(
    text: str,
    source_path: str | os.PathLike,
    content_root: str | os.PathLike | None = None,
    pixel_limit: int = PhotoConfig.pixel_limit,
    decode: bool = True,
) -> list[tuple[int | None, str, str]]:
    """[(line, "error"|"warning", Vietnamese message)] sorted by line. Errors are what stops `make html` (missing,
    broken, non-image, too large or outside-content photos, images inside a paragraph); warnings are editorial
    (no alt text, caption or credit; a lead photo not in the body without Cover_caption/Cover_credit).
    `content_root` defaults to the nearest parent folder named `content`; `decode=False` checks that
    each file is a whole image without decoding its pixels (`images.check_complete`)."""
    source_path = os.fspath(source_path)
    root = os.fspath(content_root) if content_root is not None else _content_root(source_path)
    cfg = PhotoConfig(pixel_limit=pixel_limit)
    checked: dict[str, str | None] = {}

    def check(src: str, path: str):
        target = resolve_src(src, path, root)
        if target not in checked:
            try:
                if decode:
                    load(target, cfg)
                else:
                    check_complete(target, pixel_limit)
                checked[target] = None
            except PhotoError as exc:
                checked[target] = str(exc)
        if checked[target]:
            raise PhotoError(f"“{src}”: {checked[target]}")
        return None

    figures: list = []
    extension = PhotoExtension(resolver=check, mode="lint", on_figures=lambda _path, found: figures.extend(found))
    md = Markdown(extensions=["markdown.extensions.extra", "markdown.extensions.meta", extension])
    md.source_path = source_path
    md.convert(text)
    problems = list(md.photos_state.problems)

    meta = metadata(text.splitlines())
    for field in COVER_KEYS:
        if field not in meta or not meta[field][0]:
            continue
        name, line = meta[field]
        try:
            check(name, source_path)
        except PhotoError as exc:
            problems.append((line, ERROR, f"ảnh đại diện ({field.capitalize()}): {exc}"))
            break
        in_body = any(figure.lead for figure in figures)
        if not in_body:
            for suffix, what in (("caption", "chú thích"), ("credit", "tác giả ảnh")):
                if f"{field}_{suffix}" not in meta:
                    problems.append((line, WARNING, f"ảnh đại diện không có trong bài: thêm dòng "
                                     f"{field.capitalize()}_{suffix}: ({what})"))
        break
    return sorted(problems, key=lambda p: (p[0] or 0, p[1]))
