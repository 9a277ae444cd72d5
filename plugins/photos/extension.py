"""The Python-Markdown extension: photo paragraphs become figures (see `syntax` for what editors write).

- a preprocessor keeps the source lines, so every photo is reported with its line;
- a block processor turns a paragraph that starts with image lines into `<figure>` (several images: a group);
- a tree processor refuses images anywhere else and records each figure's plain caption for the lead photo.

In "build" mode a problem raises ContentError (file and line); in "lint" mode it is collected, and no image is
processed (the paths and files are still checked by the resolver given).
"""

from __future__ import annotations

import json
import logging
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import markup
from .images import PhotoError
from .syntax import COVER_KEYS, IMAGE_LINE_RE, INLINE_MESSAGE, parse_block, plain

logger = logging.getLogger(__name__)
MARK = "data-photos-figure"
# Metadata key holding the figures of a document (JSON), for the lead photo and list thumbnails.
META_KEY = "photo_figures"


@dataclass
class FigureInfo:
    line: int | None
    keys: list[str]
    paths: list[str]
    alts: list[str]
    caption: str = ""
    in_photo: str = ""
    credit: str = ""
    lead: bool = False
    element: ET.Element | None = None

    def to_dict(self) -> dict:
        return {"line": self.line, "keys": self.keys, "alts": self.alts, "caption": self.caption,
                "in_photo": self.in_photo, "credit": self.credit, "lead": self.lead}


@dataclass
class _State:
    lines: list[str] = field(default_factory=list)
    cursor: int = 0
    figures: list[FigureInfo] = field(default_factory=list)
    lead_done: bool = False
    problems: list[tuple[int | None, str, str]] = field(default_factory=list)


def _norm(source_path: str, src: str) -> str:
    src = src.strip()
    if src.startswith("<") and src.endswith(">"):
        src = src[1:-1]
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(source_path)), unquote(src)))


class PhotoExtension(Extension):
    """`resolver(src, source_path)` returns a processed Photo (build) or None (lint), or raises PhotoError;
    `on_figures(source_path, figures)` receives the figures of each document."""

    def __init__(self, resolver, mode: str = "build", sizes: dict | None = None, on_figures=None, **kwargs):
        self.resolver = resolver
        self.mode = mode
        self.sizes = sizes or {"single": "100vw", "group": "100vw"}
        self.on_figures = on_figures
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.photos_state = _State()
        md.preprocessors.register(_LinesPreprocessor(md), "photos_lines", 29)
        md.parser.blockprocessors.register(_PhotoBlockProcessor(md.parser, md, self), "photos", 15)
        md.treeprocessors.register(_PhotoTreeprocessor(md, self), "photos", -1)

    def reset(self):
        pass

    # -- problems ---------------------------------------------------------------------------------------------
    def report(self, md, line: int | None, level: str, message: str) -> None:
        if self.mode == "lint":
            md.photos_state.problems.append((line, level, message))
        elif level == "error":
            from vncontent.errors import ContentError

            raise ContentError(getattr(md, "source_path", None), line, message)
        else:
            logger.debug("%s:%s: %s", getattr(md, "source_path", "?"), line, message)


class _LinesPreprocessor(Preprocessor):
    def run(self, lines):
        state = _State()
        state.lines = list(lines)
        self.md.photos_state = state
        return lines


def _find_line(state: _State, text: str) -> int | None:
    wanted = text.strip()
    for start in (state.cursor, 0):
        for index in range(start, len(state.lines)):
            if state.lines[index].strip() == wanted:
                if start == state.cursor:
                    state.cursor = index + 1
                return index + 1
    return None


class _PhotoBlockProcessor(BlockProcessor):
    def __init__(self, parser, md, extension: PhotoExtension):
        super().__init__(parser)
        self.md = md
        self.ext = extension

    def test(self, parent, block):
        return bool(IMAGE_LINE_RE.match(block.split("\n", 1)[0]))

    def _cover(self, source_path: str) -> str | None:
        meta = getattr(self.md, "Meta", None) or {}
        for key in COVER_KEYS:
            values = meta.get(key)
            if values and values[0].strip():
                return _norm(source_path, values[0])
        return None

    def run(self, parent, blocks):
        md, ext, state = self.md, self.ext, self.md.photos_state
        source_path = getattr(md, "source_path", None) or "?"
        raw_lines = blocks.pop(0).split("\n")
        block = parse_block(raw_lines)
        first_line = _find_line(state, raw_lines[0])
        lines = [first_line] + [_find_line(state, line) for line in raw_lines[1 : len(block.images)]]
        cover = self._cover(source_path)
        lead = False
        if cover and not state.lead_done and any(_norm(source_path, i.src) == cover for i in block.images):
            lead = state.lead_done = True
        figure = markup.figure_shell(len(block.images), lead)
        figure.set(MARK, "1")
        caption_plain = plain(block.caption)
        info = FigureInfo(first_line, [], [], [], block.caption, block.in_photo, block.credit, lead, figure)
        sizes = ext.sizes["group" if len(block.images) > 1 else "single"]
        for image, line in zip(block.images, lines, strict=True):
            alt = image.alt
            if not alt:
                alt = caption_plain
                if alt:
                    ext.report(md, line, "warning", "ảnh thiếu mô tả (alt): tạm dùng chú thích làm mô tả; hãy viết "
                               "mô tả ngắn trong ![...]")
                else:
                    ext.report(md, line, "warning", "ảnh không có mô tả (alt) lẫn chú thích")
            try:
                photo = ext.resolver(image.src, source_path)
            except PhotoError as exc:
                ext.report(md, line, "error", str(exc))
                photo = None
            this_lead = lead and _norm(source_path, image.src) == cover
            if photo is None:
                img = ET.SubElement(figure, "img", {"src": image.src, "alt": alt})
                img.set(MARK, "1")
                continue
            figure.append(markup.picture(photo, alt, sizes, markup.URL_TOKEN, lead=this_lead))
            figure[-1].find("img").set(MARK, "1")
            info.keys.append(photo.key)
            info.paths.append(photo.path)
            info.alts.append(alt)
        if not block.caption:
            ext.report(md, first_line, "warning", "ảnh không có chú thích (dòng chữ ngay dưới dòng ảnh)")
        if not block.credit:
            ext.report(md, first_line, "warning", "ảnh không ghi tác giả: thêm dòng *Ảnh: Tên tác giả* dưới chú thích")
        markup.figcaption(figure, block.caption, block.in_photo, block.credit)
        parent.append(figure)
        state.figures.append(info)


class _PhotoTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: PhotoExtension):
        super().__init__(md)
        self.ext = extension

    def run(self, root):
        md, state = self.md, self.md.photos_state
        for img in root.iter("img"):
            if img.get(MARK):
                continue
            src = img.get("src", "")
            line = next((n for n, text in enumerate(state.lines, 1)
                         if src and f"]({src}" in text and not IMAGE_LINE_RE.match(text)), None)
            self.ext.report(md, line, "error", INLINE_MESSAGE.format(src=src))
        for element in root.iter():
            element.attrib.pop(MARK, None)
        for info in state.figures:
            caption = info.element.find("figcaption")
            if caption is not None:
                texts = {span.get("class"): "".join(span.itertext()).strip() for span in caption}
                info.caption = texts.get("photo-caption", "")
                info.in_photo = texts.get("photo-people", "")
                info.credit = texts.get("photo-credit", "")
            info.element = None
        if state.figures and hasattr(md, "Meta"):
            # Metadata travels with the article through Pelican's content cache (the side registry would not).
            md.Meta[META_KEY] = [json.dumps([info.to_dict() for info in state.figures], ensure_ascii=False)]
        if self.ext.on_figures is not None:
            self.ext.on_figures(getattr(md, "source_path", None), list(state.figures))
        return None
