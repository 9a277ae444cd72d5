"""Campaign and exemplar content objects, and the typed fields read from their Markdown headers.

Every parsing function raises `ContentError(path, line, message)` with the line of the offending header field, so
an editor sees exactly which line of which file to fix.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import NamedTuple

from pelican.contents import Content

from vncontent.errors import ContentError
from vntext import TZ, clean_text, fold, slugify

CAMPAIGN_STAGES = ("đang phát động", "đã sơ kết", "đã tổng kết")
ACTIVE_STAGE = "đang phát động"
CAMPAIGN_SCOPES = ("toàn tỉnh", "ngành", "địa phương")
EXEMPLAR_KINDS = ("cá nhân", "tập thể")

# Header fields an editor must write (metadata key -> how the error names it).
CAMPAIGN_REQUIRED = {
    "title": "Title (tên phong trào)",
    "document": "Document (văn bản phát động)",
    "issuer": "Issuer (cơ quan ban hành)",
    "document_date": "Document_date (ngày ban hành văn bản)",
    "start": "Start (ngày bắt đầu)",
    "scope": "Scope (phạm vi)",
    "stage": "Stage (giai đoạn)",
    "goals": "Goals (mục tiêu)",
}
EXEMPLAR_REQUIRED = {
    "title": "Title (tên điển hình)",
    "kind": "Kind (cá nhân / tập thể)",
    "unit": "Unit (đơn vị)",
    "district": "District (huyện / thị xã / thành phố)",
    "field": "Field (lĩnh vực)",
    "achievements": "Achievements (thành tích)",
}

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
_YEAR_RE = re.compile(r"^\d{4}$")
_LIST_SPLIT_RE = re.compile(r"[,;\n]")


class Award(NamedTuple):
    """One commendation: "Chiến sĩ thi đua cấp tỉnh", 2024, "Ủy ban nhân dân tỉnh Sơn Hà"."""

    name: str
    year: int
    body: str

    @property
    def label(self) -> str:
        return f"{self.name} {self.year}"


class _Entry(Content):
    """Shared behaviour: a Markdown file with typed header fields and the news that names it."""

    mandatory_properties = ("title",)
    allowed_statuses = ("published", "hidden", "draft")
    default_status = "published"
    kind_label = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source_lines = dict(self.metadata.get("source_lines") or {})
        self.articles = []  # published articles naming this entry, newest first
        if isinstance(getattr(self, "cover", None), str):
            self.cover = None  # the file name stays in metadata; the photos plugin sets the real cover object
        elif not hasattr(self, "cover"):
            self.cover = None

    def line(self, key: str) -> int | None:
        return self.source_lines.get(key)

    def error(self, key: str | None, message: str, offset: int = 0) -> ContentError:
        line = self.line(key) if key else None
        if line is not None:
            line += offset
        return ContentError(self.source_path, line or 1, message)

    def text(self, key: str) -> str:
        """A single-line field as clean text ('' when absent)."""
        value = self.metadata.get(key)
        if value is None:
            return ""
        if isinstance(value, list):
            value = " ".join(str(v) for v in value)
        return clean_text(str(value)).strip()

    def lines(self, key: str) -> list[str]:
        """A one-item-per-line field (Goals, Achievements, Awards) as a list of non-empty lines."""
        value = self.metadata.get(key)
        if value is None:
            return []
        items = value if isinstance(value, list) else str(value).splitlines()
        return [clean_text(str(v)).strip() for v in items if str(v).strip()]

    def require(self, required: dict[str, str]) -> None:
        for key, label in required.items():
            if not self.metadata.get(key) or (key != "title" and not (self.text(key) or self.lines(key))):
                raise ContentError(
                    self.source_path, 1, f"thiếu trường bắt buộc “{label}” trong phần đầu tệp {self.kind_label}"
                )

    def date_field(self, key: str) -> datetime | None:
        raw = self.text(key)
        if not raw:
            return None
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(raw, fmt).replace(tzinfo=TZ)
            except ValueError:
                continue
        raise self.error(key, f"ngày “{raw}” không hợp lệ; hãy viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2026-04-01")

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        raw = self.text(key)
        for option in allowed:
            if fold(option) == fold(raw):
                return option
        options = " / ".join(allowed)
        raise self.error(key, f"giá trị “{raw}” không hợp lệ cho “{key.capitalize()}”; chỉ dùng: {options}")

    def slug_refs(self, key: str) -> list[tuple[str, int | None]]:
        """Slugs listed in a field ("a, b" or one per line), each with the line it is on."""
        return parse_refs(self.metadata.get(key), self.line(key))

    @property
    def description(self) -> str:
        """Plain-text first paragraph of the body, for meta descriptions, cards and feeds."""
        match = re.search(r"<p>(.*?)</p>", self._content or "", re.S)
        if not match:
            return ""
        return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))).strip()

    def feed_path(self, fmt: str = "rss") -> str:
        """Where the feeds plugin writes this entry's own feed (FEED_PATHS["campaign"|"exemplar"])."""
        pattern = self.settings.get("FEED_PATHS", {}).get(self.feed_kind)
        return pattern.format(slug=self.slug, format=fmt) if pattern else ""


class Campaign(_Entry):
    """A phong trào thi đua: launching document, dates, scope, stage, goals; its exemplars and news."""

    default_template = "campaign"
    kind_label = "phong trào"
    feed_kind = "campaign"

    def parse(self) -> None:
        self.require(CAMPAIGN_REQUIRED)
        self.document = self.text("document")
        self.issuer = self.text("issuer")
        self.document_date = self.date_field("document_date")
        self.start = self.date_field("start")
        self.end = self.date_field("end")
        if self.end is not None and self.end < self.start:
            raise self.error(
                "end",
                f"ngày kết thúc {self.end:%d/%m/%Y} trước ngày bắt đầu {self.start:%d/%m/%Y} (dòng “Start:”)",
            )
        self.scope = self.choice("scope", CAMPAIGN_SCOPES)
        self.stage = self.choice("stage", CAMPAIGN_STAGES)
        self.goals = self.lines("goals")
        self.exemplars = []  # exemplars that name this campaign, by name

    @property
    def is_active(self) -> bool:
        return self.stage == ACTIVE_STAGE


class Exemplar(_Entry):
    """An điển hình tiên tiến (cá nhân or tập thể): unit, locality, field, achievements, awards, campaigns."""

    default_template = "exemplar"
    kind_label = "điển hình"
    feed_kind = "exemplar"

    def parse(self) -> None:
        self.require(EXEMPLAR_REQUIRED)
        self.kind = self.choice("kind", EXEMPLAR_KINDS)
        self.unit = self.text("unit")
        self.commune = self.text("commune")
        self.district = self.text("district")
        self.field = self.text("field")
        self.achievements = self.lines("achievements")
        self.awards = parse_awards(self.lines("awards"), self.source_path, self.line("awards"))
        self.campaign_list = []  # Campaign objects, in the order the file names them

    @property
    def is_person(self) -> bool:
        return self.kind == "cá nhân"

    @property
    def locality(self) -> str:
        return ", ".join(part for part in (self.commune, self.district) if part)

    @property
    def award_years(self) -> list[int]:
        return sorted({a.year for a in self.awards}, reverse=True)


def parse_awards(lines: list[str], path: str, first_line: int | None) -> list[Award]:
    """Parse "Name | year | awarding body" lines; each error names the line of that award."""
    awards = []
    for index, raw in enumerate(lines):
        line = (first_line or 1) + index
        parts = [p.strip() for p in raw.split("|")]
        name = parts[0] if parts else ""
        if not name:
            raise ContentError(path, line, f"khen thưởng “{raw}” thiếu tên danh hiệu / hình thức khen thưởng")
        if len(parts) < 2 or not parts[1]:
            raise ContentError(
                path, line, f"khen thưởng “{name}” thiếu năm; hãy viết “{name} | 2024 | cơ quan khen thưởng”"
            )
        if not _YEAR_RE.match(parts[1]) or not 1945 <= int(parts[1]) <= 2100:
            raise ContentError(path, line, f"năm “{parts[1]}” của khen thưởng “{name}” không hợp lệ (ví dụ: 2024)")
        if len(parts) < 3 or not parts[2]:
            raise ContentError(
                path, line, f"khen thưởng “{name}” thiếu cơ quan khen thưởng; hãy viết “{name} | {parts[1]} | cơ quan”"
            )
        if len(parts) > 3:
            raise ContentError(path, line, f"khen thưởng “{name}” có quá nhiều dấu “|” (chỉ: tên | năm | cơ quan)")
        awards.append(Award(name, int(parts[1]), parts[2]))
    return awards


def parse_refs(value, first_line: int | None) -> list[tuple[str, int | None]]:
    """Split a `Campaigns:` / `Exemplars:` value into (reference, line) pairs, de-duplicated, order kept."""
    if value is None:
        return []
    lines = value if isinstance(value, list) else str(value).splitlines()
    refs: list[tuple[str, int | None]] = []
    seen = set()
    for index, text in enumerate(lines):
        line = first_line + index if first_line else None
        for part in _LIST_SPLIT_RE.split(clean_text(str(text))):
            ref = part.strip()
            if ref and ref not in seen:
                seen.add(ref)
                refs.append((ref, line))
    return refs


def facet_slug(value: str) -> str:
    return slugify(value) or "khac"
