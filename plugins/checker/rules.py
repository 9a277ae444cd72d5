"""The checks of `make check`: each rule reads documents of a `Site` and reports `Problem`s in Vietnamese."""

from __future__ import annotations

import difflib
import functools
import html.parser
import os
import posixpath
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from campaigns.links import suggest as suggest_entry  # the campaigns plugin's "did you mean" for its slugs
from campaigns.model import Campaign, Exemplar
from pelican.utils import get_date
from photos import lint as lint_photos  # the photos plugin owns the photo rules (file, alt, caption, credit)
from sanitize.policy import removed_parts, url_allowed  # the sanitize plugin owns the HTML allow-list

import vntext
from vncontent.errors import ContentError
from vncontent.reader import VietnameseMarkdownReader
from vntext import SLUG_RE, nfc, slugify, unique_slugs

from . import schedule
from .document import Document
from .problems import DRAFT_NOTE, ERROR, WARNING, Problem, sort_key
from .site import Site

STATUSES = ("published", "draft", "hidden")
KIND_NAMES = {"article": "bài viết", "page": "trang", "campaign": "phong trào", "exemplar": "điển hình"}
_LINK_RE = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFDEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
_CODE_SPAN_RE = re.compile(r"`+[^`]*`+")
_COMMENT_RE = re.compile(r"<!--.*?(-->|$)")
_TAG_RE = re.compile(r"</?[A-Za-z]")
# Markdown autolinks (<https://…>, <toa-soan@…>) are links, not HTML.
_AUTOLINK_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_WORD_RE = re.compile(r"[\w\u0300-\u036f]+")
# Site paths that are not content pages: never reported as broken links.
_UNCHECKED_PREFIXES = ("theme/", "feeds/", "pagefind/", "luu-tru/", "ban-nhap/")
_PAGINATION_RE = re.compile(r"(^|/)trang/\d+$")


class Report:
    """Collects problems; publication-only problems of a draft are warnings until it is published."""

    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, doc: Document, line: int | None, level: str, message: str, publish_only: bool = False) -> None:
        if publish_only and doc.is_draft and level == ERROR:
            level, message = WARNING, message + DRAFT_NOTE
        self.problems.append(Problem(os.fspath(doc.path), line or 1, level, message))


def suggest(value: str, candidates, always: bool = False) -> str:
    """ ' — ý bạn là “x”?' for a close candidate (compared as folded slugs); with `always`, else the nearest one."""
    key = slugify(value) or vntext.fold(value)
    keys = {slugify(c) or vntext.fold(c): c for c in candidates}
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.5)
    if close:
        return f" — ý bạn là “{keys[close[0]]}”?"
    if always and keys:
        nearest = max(keys, key=lambda k: difflib.SequenceMatcher(None, key, k).ratio())
        return f" — slug gần nhất là “{keys[nearest]}”"
    return ""


_DASHES_RE = re.compile(r"[-\u2010-\u2015\u2212]")


def section_key(name: str, marks: bool = True) -> tuple[str, ...]:
    """A section name without case, spacing and the kind of dash ("Nông nghiệp - Nông thôn" = "Nông nghiệp – Nông
    thôn"), and with `marks=False` without its marks too: what an editor means, whatever the keyboard typed."""
    text = nfc(name).lower() if marks else vntext.fold(name)
    return tuple(_DASHES_RE.sub(" ", text).split())


# --- reading the fields --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def parse_date(value: str) -> datetime | None:
    """A date as Pelican reads it (ISO first, the common case, then Pelican's own parser), in local time."""
    value = value.strip()
    try:
        return vntext.to_local(datetime.fromisoformat(value))
    except ValueError:
        pass
    try:
        return vntext.to_local(get_date(value))
    except (ValueError, OverflowError):
        return None


def _is_iso(value: str) -> bool:
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def assign_slugs(site: Site, report: Report) -> None:
    for doc in site.documents:
        if doc.error:
            continue
        explicit = doc.get("slug").strip()
        if explicit:
            if SLUG_RE.match(explicit):
                doc.slug = explicit
            else:
                report.add(doc, doc.line("slug"), ERROR,
                           f"slug “{explicit}” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang"
                           f" (ví dụ “{slugify(explicit) or 'ten-bai'}”)")
        elif doc.get("title").strip():
            doc.slug = slugify(doc.get("title"))
            if not doc.slug:
                report.add(doc, doc.line("title"), ERROR, "không tạo được slug từ tiêu đề; hãy thêm dòng “Slug:”")


# --- rules on one document -----------------------------------------------------------------------------------


def check_readable(doc: Document, report: Report) -> None:
    if doc.error:
        report.add(doc, doc.error.line, ERROR, doc.error.message)


def check_nfc(doc: Document, report: Report) -> None:
    if doc.raw == nfc(doc.raw):
        return
    for number, line in enumerate(doc.raw.splitlines(), start=1):
        if line != nfc(line):
            word = next((w for w in _WORD_RE.findall(line) if w != nfc(w)), line.strip())
            report.add(doc, number, WARNING,
                       f"chữ “{nfc(word)}” không ở dạng Unicode dựng sẵn (NFC), thường do sao chép từ Word/PDF: "
                       "trang web tự chuẩn hóa, nhưng hãy gõ lại hoặc lưu tệp ở dạng NFC để tìm kiếm, so sánh đúng")


def check_hidden_characters(doc: Document, report: Report) -> None:
    if not vntext.dropped_characters(doc.raw):
        return
    for number, line in enumerate(doc.raw.splitlines(), start=1):
        found = vntext.dropped_characters(line)
        if found:
            codes = ", ".join(f"U+{ord(ch):04X}" for ch in found)
            report.add(doc, number, WARNING,
                       f"dòng có ký tự ẩn hoặc ký tự điều khiển ({codes}), thường do sao chép từ web hay Word: trang "
                       "web tự bỏ đi khi đăng, nhưng hãy xóa khỏi tệp")


def check_required(doc: Document, report: Report, settings: dict) -> None:
    title = " ".join(doc.get("title").split())
    if not title:
        report.add(doc, doc.line("title"), ERROR, "thiếu tiêu đề: thêm dòng “Title: ...” ở đầu tệp")
    if doc.kind != "article":
        return
    longest = settings.get("CHECKER_TITLE_MAX", 110)
    if len(title) > longest:
        report.add(doc, doc.line("title"), WARNING,
                   f"tiêu đề dài {len(title)} ký tự (nên tới {longest}): máy tìm kiếm, Google Tin tức và mạng xã hội "
                   "sẽ cắt bớt; hãy viết gọn hơn")
    sections = settings.get("SECTIONS", [])
    if not doc.get("date").strip():
        report.add(doc, doc.line("date"), ERROR, "thiếu ngày đăng: thêm dòng “Date: 2026-11-27 08:30” (giờ Việt Nam)")
    category = doc.get("category").strip()
    if not category:
        report.add(doc, doc.line("category"), ERROR,
                   "thiếu chuyên mục: thêm dòng “Category: ...” với một trong các chuyên mục: " + ", ".join(sections))
    elif nfc(category) not in sections:
        same = [name for name in sections if section_key(name) == section_key(category)]
        if same:  # only the dash, spacing or case differ: say which, since both look alike on screen
            report.add(doc, doc.line("category"), ERROR, f"chuyên mục “{category}” phải viết đúng như trong danh "
                       f"sách: “{same[0]}” (chép lại tên này; chú ý dấu gạch dài “–”)")
        else:
            hint = suggest(category, sections) or " (các chuyên mục: " + ", ".join(sections) + ")"
            report.add(doc, doc.line("category"), ERROR, f"chuyên mục “{category}” không có trong danh sách{hint}")
    if not (doc.get("author").strip() or doc.get("authors").strip()):
        report.add(doc, doc.line("author"), ERROR, "thiếu tác giả: thêm dòng “Author: Họ Tên”")
    low, high = settings.get("CHECKER_SAPO_LENGTH", (80, 400))
    summary = " ".join(doc.get("summary").split())
    if not summary:
        report.add(doc, doc.line("summary"), ERROR,
                   f"thiếu sapo: thêm dòng “Summary: ...” (đoạn dẫn {low}–{high} ký tự)", publish_only=True)
    elif summary != "…" and not low <= len(summary) <= high:
        word = "ngắn" if len(summary) < low else "dài"
        report.add(doc, doc.line("summary"), ERROR,
                   f"sapo quá {word}: {len(summary)} ký tự, cần từ {low} đến {high} ký tự", publish_only=True)
    status = doc.status
    if status not in STATUSES:
        report.add(doc, doc.line("status"), ERROR,
                   f"trạng thái “{doc.get('status')}” không hợp lệ: dùng “draft” (bản nháp) hoặc “published” (đăng)")


def check_placeholders(doc: Document, report: Report) -> None:
    for key, found in doc.fields.items():
        if found.value.strip() == "…":
            report.add(doc, found.line, ERROR, f"chưa điền trường “{key.capitalize()}” (còn dấu “…” của mẫu)",
                       publish_only=True)


def check_dates(doc: Document, report: Report, settings: dict) -> None:
    if doc.kind != "article":
        return
    earliest = parse_date(str(settings.get("CHECKER_DATE_MIN", "1945-01-01")))
    latest = schedule.now(settings) + timedelta(days=int(settings.get("CHECKER_DATE_MAX_DAYS_AHEAD", 366)))
    dates = {}
    for key, what in (("date", "ngày đăng"), ("modified", "ngày cập nhật")):
        value = doc.get(key).strip()
        if not value:
            continue
        moment = parse_date(value)
        if moment is None:
            report.add(doc, doc.line(key), ERROR,
                       f"không hiểu {what} “{value}”: hãy viết dạng năm-tháng-ngày giờ:phút, ví dụ 2026-11-27 08:30")
            continue
        if not _is_iso(value):
            report.add(doc, doc.line(key), WARNING,
                       f"{what} “{value}” không viết theo dạng năm-tháng-ngày; trang web hiểu là "
                       f"{vntext.format_datetime(moment)}: hãy viết {moment:%Y-%m-%d %H:%M} cho chắc")
        if moment < earliest:
            report.add(doc, doc.line(key), ERROR,
                       f"{what} “{value}” trước năm {earliest.year}: hãy kiểm tra lại năm")
        elif moment > latest:
            report.add(doc, doc.line(key), ERROR,
                       f"{what} “{value}” xa hơn {(latest - schedule.now(settings)).days} ngày so với hôm nay: "
                       "hãy kiểm tra lại năm (bài hẹn giờ chỉ đặt trong vòng một năm)")
        dates[key] = moment
    if "date" in dates and "modified" in dates and dates["modified"] < dates["date"]:
        report.add(doc, doc.line("modified"), WARNING, "ngày cập nhật (Modified) sớm hơn ngày đăng (Date)")


def check_body(doc: Document, report: Report) -> None:
    if doc.kind in ("article", "page") and not doc.body_text().strip():
        report.add(doc, min(doc.body_line, max(1, len(doc.text.splitlines()))), ERROR,
                   "bài chưa có nội dung: viết nội dung sau dòng trống dưới phần thông tin đầu bài", publish_only=True)


_PHOTO_HINT_RE = re.compile(r"!\[|^(cover|portrait)\s*:", re.IGNORECASE | re.MULTILINE)


def _photo_paragraphs(doc: Document) -> str:
    """The file with only its header and the paragraphs holding an image, other lines blanked (same line numbers):
    the photo rules need nothing else, and Markdown on a whole long article is most of the checker's time."""
    lines = doc.text.splitlines()
    header = doc.body_line - 1
    kept = lines[:header]
    block: list[str] = []
    for line in [*lines[header:], ""]:
        if line.strip():
            block.append(line)
            continue
        has_image = any("![" in b for b in block)
        kept.extend(block if has_image else [""] * len(block))
        kept.append("")
        block = []
    return "\n".join(kept[: len(lines)]) + "\n"


def check_photos(doc: Document, report: Report, content: Path) -> None:
    if not _PHOTO_HINT_RE.search(doc.text):  # no photo, nothing to lint (and no Markdown run)
        return
    # Headers and completeness only (decode=False): decoding every photo is the build's job, and too slow here.
    text = _photo_paragraphs(doc)
    for line, level, message in lint_photos(text, os.fspath(doc.path), content_root=content, decode=False):
        severity = ERROR if str(level).lower() in ("error", "lỗi", ERROR) else WARNING
        report.add(doc, line, severity, message)


def body_lines(doc: Document) -> list[tuple[int, str]]:
    """(line number, text) of body lines outside fenced code, with code spans and comments removed."""
    if doc.prose is None:
        doc.prose = list(_prose_lines(doc))
    return doc.prose


def _prose_lines(doc: Document):
    fenced = False
    in_comment = False
    for offset, line in enumerate(doc.body):
        if _FENCE_RE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if in_comment:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_comment = False
        if "<!--" in line:
            line = _COMMENT_RE.sub(lambda m: "" if m.group(1) else "\x00", line)
            if "\x00" in line:
                in_comment = True
                line = line.split("\x00", 1)[0]
        yield doc.body_line + offset, _CODE_SPAN_RE.sub("", line) if "`" in line else line


def check_raw_html(doc: Document, report: Report, settings: dict) -> None:
    hosts = settings.get("SANITIZE_IFRAME_HOSTS")
    for number, line in body_lines(doc):
        if "<" not in line or not _TAG_RE.search(line):
            continue
        line = _AUTOLINK_RE.sub("", line)
        parts = removed_parts(line, hosts) if hosts else removed_parts(line)
        for part in parts:
            report.add(doc, number, WARNING, f"mã HTML “{part}” sẽ bị trang web loại bỏ khi đăng (không an toàn)")


# Elements whose end tag may be left out (HTML's own rules) or that have none: never reported as unclosed.
_NO_END_TAG = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp",
    "colgroup", "caption",
}  # fmt: skip
# HTML elements an editor may write; anything else in angle brackets (a Markdown autolink <https://…>, an e-mail
# address) is not a tag.
_ELEMENTS = {
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "big", "blockquote", "button", "center",
    "cite", "code", "data", "del", "details", "dfn", "dialog", "div", "dl", "em", "fieldset", "figcaption", "figure",
    "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "i", "iframe", "ins", "kbd", "label",
    "legend", "main", "mark", "nav", "noscript", "object", "ol", "picture", "pre", "q", "s", "samp", "script",
    "section", "select", "small", "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "template",
    "textarea", "time", "tt", "u", "ul", "var", "video",
}  # fmt: skip


class _TagBalance(html.parser.HTMLParser):
    """Open elements of the raw HTML in a body, fed line by line: (tag, line) of each one left open, and of each
    end tag that closes nothing."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.line = 0
        self.open: list[tuple[str, int]] = []
        self.unclosed: list[tuple[str, int]] = []
        self.stray: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        if tag in _ELEMENTS and tag not in _NO_END_TAG:
            self.open.append((tag, self.line))

    def handle_endtag(self, tag):
        if tag not in _ELEMENTS or tag in _NO_END_TAG:
            return
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                self.unclosed.extend(self.open[depth + 1 :])  # `<div><b></div>`: the <b> was never closed
                del self.open[depth:]
                return
        self.stray.append((tag, self.line))


_MULTILINE_SPAN_RE = re.compile(r"(`+)[\s\S]*?\1")


def _html_lines(doc: Document) -> list[tuple[int, str]]:
    """The prose lines where raw HTML counts: without indented code blocks (Markdown shows those as code) and
    without code spans that run over a line break (`body_lines` removes those within one line)."""
    kept: list[tuple[int, str]] = []
    previous_blank, in_code = True, False
    for number, line in body_lines(doc):
        if not line.strip():
            previous_blank = True
            kept.append((number, line))
            continue
        if line.startswith(("    ", "\t")) and (previous_blank or in_code):
            in_code, previous_blank = True, False
            continue
        in_code = previous_blank = False
        kept.append((number, line))
    joined = "\n".join(line for _, line in kept)
    if "`" in joined:  # a span's line breaks stay, so every line keeps its number
        joined = _MULTILINE_SPAN_RE.sub(lambda m: "\n" * m.group(0).count("\n"), joined)
        kept = [(number, line) for (number, _), line in zip(kept, joined.split("\n"), strict=True)]
    return kept


def check_html_balance(doc: Document, report: Report) -> None:
    """Raw HTML left open makes Markdown treat the rest of the article as HTML: its photos, bold and links then
    show as raw text. Reported where the element opens."""
    lines = _html_lines(doc)
    if not any("<" in line and _TAG_RE.search(line) for _, line in lines):
        return
    parser = _TagBalance()
    for number, line in lines:
        parser.line = number
        parser.feed(line + "\n")
    parser.close()
    for tag, number in sorted([*parser.unclosed, *parser.open], key=lambda item: item[1]):
        report.add(doc, number, ERROR, f"thẻ HTML <{tag}> không được đóng (thiếu </{tag}>): phần sau của bài sẽ "
                   "hiện sai", publish_only=True)
    for tag, number in parser.stray:
        report.add(doc, number, WARNING, f"thẻ đóng </{tag}> không có thẻ mở tương ứng")


# --- rules across documents ----------------------------------------------------------------------------------


def check_unique_slugs(site: Site, report: Report) -> None:
    for kind, name in KIND_NAMES.items():
        groups: dict[str, list[Document]] = {}
        for doc in site.of_kind(kind):
            if doc.slug:
                groups.setdefault(doc.slug, []).append(doc)
        for slug, docs in groups.items():
            if len(docs) < 2:
                continue
            for doc in docs:
                others = ", ".join(_relative(site, d) for d in docs if d is not doc)
                report.add(doc, doc.line("slug", doc.line("title")), ERROR,
                           f"hai {name} trùng slug “{slug}”: {_relative(site, doc)} và {others}; "
                           "hãy đổi tiêu đề hoặc thêm dòng “Slug:” khác cho một bài")


def _relative(site: Site, doc: Document) -> str:
    try:
        return doc.path.relative_to(site.content).as_posix()
    except ValueError:
        return os.fspath(doc.path)


def check_references(site: Site, report: Report) -> None:
    campaigns = site.slugs("campaign")
    exemplars = site.slugs("exemplar")
    articles = site.slugs("article")
    targets = {
        "campaigns": (campaigns, "phong trào thi đua", "content/campaigns"),
        "exemplars": (exemplars, "điển hình", "content/exemplars"),
        "related": (articles, "bài viết", "content/articles"),
    }
    for doc in site.documents:
        if doc.error or doc.kind not in ("article", "exemplar"):
            continue
        for key, (known, what, folder) in targets.items():
            if key not in doc.fields or (doc.kind == "exemplar" and key != "campaigns"):
                continue
            for item in doc.fields[key].items():
                target = known.get(item)
                if target is None and not SLUG_RE.match(item) and slugify(item) in known:
                    report.add(doc, doc.line(key), ERROR,
                               f"“{item}” không phải slug: hãy viết “{slugify(item)}” (tên tệp, không dấu)",
                               publish_only=True)
                elif target is None:
                    near = None
                    if key != "related":
                        near = suggest_entry(item, [_Entry(d.slug, d.get("title")) for d in known.values()])
                    hint = f" — ý bạn là “{near.slug}” ({near.title})?" if near else suggest(item, known, always=True)
                    report.add(doc, doc.line(key), ERROR,
                               f"không có {what} nào có slug “{item}” (trong {folder}){hint}", publish_only=True)
                elif target is doc:
                    report.add(doc, doc.line(key), WARNING, "bài tự liệt kê chính nó trong “Related:”")
                elif target.is_draft and not doc.is_draft:
                    report.add(doc, doc.line(key), WARNING,
                               f"{what} “{item}” đang là bản nháp: bạn đọc chưa thấy nó")


class _Entry:
    """What `campaigns.links.suggest` compares: a slug and a title."""

    def __init__(self, slug: str, title: str):
        self.slug, self.title = slug, title


ENTRY_CLASSES = {"campaign": Campaign, "exemplar": Exemplar}


def check_entries(site: Site, report: Report) -> None:
    """Campaign and exemplar fields (document, dates, scope, stage, kind, awards...) by the campaigns plugin's own
    parser, so `make check` and the build agree; it stops at the first problem of a file."""
    reader = None
    for doc in site.documents:
        entry_class = ENTRY_CLASSES.get(doc.kind)
        if entry_class is None or doc.error or not doc.get("title").strip():
            continue
        reader = reader or VietnameseMarkdownReader(site.settings)
        try:
            content, metadata = reader.read(os.fspath(doc.path))
            entry_class(content, metadata, settings=site.settings, source_path=os.fspath(doc.path),
                        context={}).parse()
        except ContentError as error:
            report.add(doc, error.line, ERROR, error.message)


def _format_url(pattern: str, **values) -> str | None:
    try:
        return pattern.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def _url_key(url: str) -> str:
    path = unquote(url).strip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")].rstrip("/")
    return path


class UrlIndex:
    """The site paths the content produces (published and draft), as keys without slashes at the ends."""

    def __init__(self, site: Site):
        settings = site.settings
        self.published: dict[str, Document | None] = {}
        self.drafts: dict[str, Document] = {}
        self.by_doc: dict[int, str] = {}
        tags, authors = set(), set()
        for doc in site.documents:
            if doc.error or not doc.slug:
                continue
            url = None
            if doc.kind == "article":
                moment = parse_date(doc.get("date"))
                if moment is not None:
                    url = _format_url(settings["ARTICLE_URL"], date=moment, slug=doc.slug)
                    draft_url = _format_url(settings.get("DRAFT_URL", ""), date=moment, slug=doc.slug)
                    if doc.is_draft and draft_url:
                        self.drafts[_url_key(draft_url)] = doc
                tags.update(doc.fields["tags"].items() if "tags" in doc.fields else [])
                authors.update(doc.fields["author"].items() if "author" in doc.fields else [])
            elif doc.kind == "page":
                url = _format_url(settings["PAGE_URL"], slug=doc.slug)
            elif doc.kind == "campaign":
                url = _format_url(settings.get("CAMPAIGN_URL", "phong-trao/{slug}/"), slug=doc.slug)
            elif doc.kind == "exemplar":
                url = _format_url(settings.get("EXEMPLAR_URL", "dien-hinh/{slug}/"), slug=doc.slug)
            if url is None:
                continue
            self.by_doc[id(doc)] = url
            if doc.is_draft:
                self.drafts[_url_key(url)] = doc
            else:
                self.published[_url_key(url)] = doc
        for pattern, names in (
            ("CATEGORY_URL", settings.get("SECTIONS", [])),
            ("TAG_URL", tags),
            ("AUTHOR_URL", authors),
        ):
            for slug in unique_slugs(names).values():
                url = _format_url(settings.get(pattern, ""), slug=slug)
                if url:
                    self.published[_url_key(url)] = None
        for key in ("CAMPAIGNS_URL", "EXEMPLARS_URL", "HONOUR_ROLL_URL", "SEARCH_URL", "FEEDS_PAGE_URL",
                    "CATEGORIES_SAVE_AS", "TAGS_SAVE_AS", "AUTHORS_SAVE_AS", "ARCHIVES_SAVE_AS"):
            if settings.get(key):
                self.published[_url_key(settings[key])] = None
        self.published[""] = None

    def unchecked(self, key: str) -> bool:
        last = key.rsplit("/", 1)[-1]
        has_other_extension = "." in last and not last.endswith(".html")
        return key.startswith(_UNCHECKED_PREFIXES) or bool(_PAGINATION_RE.search(key)) or has_other_extension


def check_links(site: Site, report: Report) -> None:
    urls = UrlIndex(site)
    by_path = {d.path: d for d in site.documents}  # paths below the resolved content folder
    hosts = {h.lower() for h in site.settings.get("CHECKER_SITE_HOSTS", [])}
    for doc in site.documents:
        if doc.error:
            continue
        base_url = urls.by_doc.get(id(doc), "")
        for number, line in body_lines(doc):
            if "](" not in line and "]:" not in line:
                continue
            targets = [m.group(1) for m in _LINK_RE.finditer(line)]
            ref = _REFDEF_RE.match(line)
            if ref:
                targets.append(ref.group(1))
            for target in targets:
                _check_link(site, doc, number, target, base_url, urls, by_path, hosts, report)


def _check_link(site, doc, number, target, base_url, urls, by_path, hosts, report) -> None:
    placeholder = re.match(r"^\{(\w+)\}(.*)$", target)
    if placeholder:
        what, rest = placeholder.groups()
        path = unquote(urlsplit(rest).path)
        if what in ("filename", "static", "attach"):
            base = site.content if path.startswith("/") else doc.path.parent
            file = (base / path.lstrip("/")).resolve()
            if not file.is_file():
                names = [_relative(site, d) for d in site.documents]
                report.add(doc, number, ERROR, f"liên kết “{target}” trỏ tới tệp không tồn tại"
                           f"{suggest(Path(path).stem, [Path(n).stem for n in names])}", publish_only=True)
            elif what == "filename" and file in by_path and by_path[file].is_draft and not doc.is_draft:
                report.add(doc, number, WARNING, f"liên kết “{target}” trỏ tới bài đang là bản nháp")
        elif what == "category":
            sections = site.settings.get("SECTIONS", [])
            if nfc(path) not in sections and slugify(path) not in site.section_slugs().values():
                report.add(doc, number, ERROR, f"liên kết “{target}”: không có chuyên mục “{path}”"
                           f"{suggest(path, sections)}", publish_only=True)
        return
    if not url_allowed(target):
        report.add(doc, number, WARNING, f"liên kết “{target}” dùng giao thức không an toàn: trang web sẽ bỏ liên kết "
                   "này khi đăng")
        return
    parts = urlsplit(target)
    if parts.scheme in ("mailto", "tel") or target.startswith("#"):
        return
    if parts.scheme or parts.netloc:
        if parts.netloc.lower() not in hosts:
            return
        path = parts.path
    elif parts.path.startswith("/"):
        path = parts.path
    elif parts.path.endswith(".md"):
        report.add(doc, number, ERROR,
                   f"liên kết “{target}” trỏ thẳng tới tệp Markdown: hãy viết “{{filename}}{parts.path}”",
                   publish_only=True)
        return
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname("/" + base_url), parts.path))
    key = _url_key(path)
    if key in urls.published or urls.unchecked(key):
        return
    if key in urls.drafts:
        if not doc.is_draft:
            report.add(doc, number, WARNING, f"liên kết “{target}” trỏ tới bài đang là bản nháp")
        return
    close = difflib.get_close_matches(key, list(urls.published), n=1, cutoff=0.6)
    hint = f" — ý bạn là “/{close[0]}{'/' if close[0] and '.' not in close[0] else ''}”?" if close else ""
    report.add(doc, number, ERROR, f"liên kết “{target}” không dẫn tới trang nào của báo{hint}", publish_only=True)


# --- all together --------------------------------------------------------------------------------------------


def check(site: Site, only: set[Path] | None = None) -> list[Problem]:
    """Every problem of the site (or of the files in `only`), sorted by file and line."""
    report = Report()
    assign_slugs(site, report)
    settings = site.settings
    for doc in site.documents:
        if doc.error:
            check_readable(doc, report)
            continue
        check_nfc(doc, report)
        check_hidden_characters(doc, report)
        check_required(doc, report, settings)
        check_placeholders(doc, report)
        check_dates(doc, report, settings)
        check_body(doc, report)
        check_photos(doc, report, site.content)
        check_raw_html(doc, report, settings)
        check_html_balance(doc, report)
    check_unique_slugs(site, report)
    check_entries(site, report)
    check_references(site, report)
    check_links(site, report)
    problems = report.problems
    if only is not None:
        wanted = {Path(p).resolve() for p in only}
        problems = [p for p in problems if Path(p.path).resolve() in wanted]
    return sorted(set(problems), key=sort_key)
