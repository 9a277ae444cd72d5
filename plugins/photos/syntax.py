"""The editors' photo syntax, as pure functions on lines of Markdown.

    ![Mô tả ảnh cho người khiếm thị](ten-anh.jpg)        <- one or more image lines (several = a photo group)
    Chú thích ảnh, có thể dài nhiều dòng.                 <- caption lines
    Trong ảnh: ông Nguyễn Văn A (thứ hai từ trái).        <- optional
    *Ảnh: Hoàng Huy*                                      <- the credit
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

IMAGE_LINE_RE = re.compile(
    r"""^[ ]{0,3}!\[(?P<alt>[^\]]*)\]\(\s*(?P<src><[^>]*>|[^\s)]+)(?:\s+(?P<q>["'])(?P<title>.*?)(?P=q))?\s*\)\s*$"""
)
# Anywhere in a line: an image that is not on a line of its own (an error: it would not be a figure).
INLINE_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*(<[^>]*>|[^\s)]+)")
CREDIT_RE = re.compile(r"^\s*(?P<mark>\*{1,2}|_{1,2})?(?P<credit>Ảnh(?:\s[^:*_]{0,40})?\s*:\s*\S.*?)(?P=mark)?\s*$",
                       re.IGNORECASE)
IN_PHOTO_RE = re.compile(r"^\s*(?P<mark>\*{1,2}|_{1,2})?(?P<text>Trong ảnh\s*:\s*\S.*?)(?P=mark)?\s*$", re.IGNORECASE)
FENCE_RE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
META_RE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")
COVER_KEYS = ("cover", "portrait")


@dataclass
class Image:
    alt: str
    src: str
    title: str | None = None


@dataclass
class PhotoBlock:
    images: list[Image]
    caption: str = ""  # Markdown (inline) text, lines joined by "\n"
    in_photo: str = ""  # "Trong ảnh: ..." as written
    credit: str = ""  # "Ảnh: ..." without the emphasis marks
    extra: list[str] = field(default_factory=list)


def image_line(line: str) -> Image | None:
    match = IMAGE_LINE_RE.match(line)
    if not match:
        return None
    src = match.group("src")
    if src.startswith("<") and src.endswith(">"):
        src = src[1:-1].strip()
    return Image(alt=match.group("alt").strip(), src=src, title=match.group("title"))


def parse_block(lines: list[str]) -> PhotoBlock | None:
    """A paragraph whose first line is an image is a photo block; anything else is None."""
    images: list[Image] = []
    index = 0
    while index < len(lines):
        image = image_line(lines[index])
        if image is None:
            break
        images.append(image)
        index += 1
    if not images:
        return None
    block = PhotoBlock(images=images)
    rest = [line for line in lines[index:] if line.strip()]
    if rest:
        credit = CREDIT_RE.match(rest[-1])
        if credit:
            block.credit = credit.group("credit").strip()
            rest = rest[:-1]
    caption: list[str] = []
    for line in rest:
        people = IN_PHOTO_RE.match(line)
        if people and not block.in_photo:
            block.in_photo = people.group("text").strip()
        else:
            caption.append(line.strip())
    block.caption = "\n".join(caption)
    return block


_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK_RE = re.compile(r"(\*{1,3}|_{1,3}|`)")


def plain(markdown_text: str) -> str:
    """Inline Markdown as plain text (for alt text and metadata): links keep their words, marks go."""
    text = _MD_LINK_RE.sub(r"\1", markdown_text)
    text = _MD_MARK_RE.sub("", text)
    return " ".join(text.split())


def metadata(lines: list[str]) -> dict[str, tuple[str, int]]:
    """The header of a Markdown file: {lower-case key: (value, 1-based line)}."""
    meta: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = META_RE.match(line)
        if match:
            meta.setdefault(match.group(1).lower(), (match.group(2).strip(), number))
        elif not line.startswith((" ", "\t")):
            break
    return meta


INLINE_MESSAGE = "ảnh “{src}” phải nằm trên một dòng riêng ở đầu đoạn, ngay trên chú thích và dòng *Ảnh: ...*"


def scan(text: str) -> tuple[dict[str, tuple[str, int]], list[tuple[int, str, bool]]]:
    """Metadata and every image named in the body as (line, src, placed): `placed` is false for an image that is
    not on its own line at the start of a paragraph (an error). Skips code. Cheap: used to find all the photos of
    a site before Pelican starts writing."""
    lines = text.splitlines()
    meta = metadata(lines)
    body_start = 0
    if meta:
        body_start = max(line for _, line in meta.values())
        while body_start < len(lines) and lines[body_start].strip():
            body_start += 1
    found: list[tuple[int, str, bool]] = []
    fence = None
    previous_blank = True
    in_figure_head = False  # inside the leading image lines of a paragraph
    for number in range(body_start, len(lines)):
        line = lines[number]
        fence_match = FENCE_RE.match(line)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0] and len(fence_match.group(1)) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            continue
        if previous_blank and line.startswith(("    ", "\t")):
            continue  # an indented code block
        standalone = image_line(line) is not None
        in_figure_head = standalone and (previous_blank or in_figure_head)
        previous_blank = not line.strip()
        for match in INLINE_IMAGE_RE.finditer(line):
            src = match.group(1)
            if src.startswith("<") and src.endswith(">"):
                src = src[1:-1].strip()
            found.append((number + 1, src, in_figure_head))
    return meta, found
