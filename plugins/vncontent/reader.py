"""Pelican's Markdown reader, reading NFC text and giving every article a Vietnamese slug.

Every problem in an editor's file becomes a ContentError naming the file and line; it is logged as an error
(Pelican only says "Could not process" otherwise), so a preview build goes on with the rest of the site and
`--fatal errors` stops a real one.
"""

from __future__ import annotations

import logging
import os

from markdown import Markdown
from pelican.readers import MarkdownReader, _filter_discardable_metadata

from vntext import SLUG_RE, slugify

from .errors import ContentError
from .source import MAX_SOURCE_BYTES, check_source_file, decode_source, metadata_lines, repeated_metadata

logger = logging.getLogger(__name__)

MAX_TAGS = 30  # per article; VNCONTENT_MAX_TAGS overrides
_DATE_FIELDS = {"date", "modified"}
_YEARS = range(1900, 2101)
# Fields with one value: written twice, Pelican would silently keep one or make a list of both.
SINGLE_FIELDS = {
    "title", "date", "modified", "category", "tags", "author", "authors", "summary", "slug", "status", "cover",
    "lang", "campaigns", "exemplars", "related",
}  # fmt: skip
# Fields that would let a file choose where it is written or how it is rendered (e.g. "Save_as: index.html" to
# replace the home page): addresses and templates are the site's decision, never an article's.
FORBIDDEN_FIELDS = {"save_as", "url", "template", "page_save_as", "article_save_as"}


class VietnameseMarkdownReader(MarkdownReader):
    """Reads Markdown as strict UTF-8 in NFC; metadata gets `source_lines` and a slug from the title."""

    # Pelican also calls process_metadata for default metadata, before any read().
    _source_path = None
    _lines: dict[str, int] = {}  # noqa: RUF012 (replaced per file, never mutated)
    _markdown: Markdown | None = None

    def read(self, source_path):
        try:
            return self._read(source_path)
        except ContentError as error:
            # Pelican reports a failed file without the exception's text: say it here, in the editor's terms.
            logger.error("%s", error)
            raise

    def _read(self, source_path):
        self._source_path = source_path
        self._lines = {}
        check_source_file(
            source_path, self.settings["PATH"], self.settings.get("VNCONTENT_MAX_BYTES", MAX_SOURCE_BYTES)
        )
        with open(source_path, "rb") as handle:
            text = decode_source(handle.read(), source_path)
        if not text.strip():
            raise ContentError(source_path, 1, "tệp rỗng: bài viết cần ít nhất dòng “Title: …” và nội dung")
        lines = metadata_lines(text)
        self._lines = lines
        for key, line in repeated_metadata(text).items():
            if key in SINGLE_FIELDS:
                raise ContentError(
                    source_path, line, f"trường “{key.capitalize()}” được viết hai lần (lần đầu ở dòng {lines[key]})"
                )
        # One Markdown instance per reader, reset for each file (what Markdown's docs recommend for many
        # documents): building one per file cost a fifth of reading an archive. Every extension we load,
        # ours included, registers for reset().
        if self._markdown is None:
            self._markdown = Markdown(**self.settings["MARKDOWN"])
        self._md = self._markdown
        self._md.reset()
        # Our Markdown extensions report errors against this file.
        self._md.source_path = source_path
        # Pelican's _parse_metadata takes the meta preprocessor out (sapo text is not metadata): put it back after.
        preprocessors = self._md.preprocessors
        meta = preprocessors["meta"] if "meta" in preprocessors else None  # noqa: SIM401 (a Registry, no .get)
        meta_priority = next((item.priority for item in preprocessors._priority if item.name == "meta"), None)
        try:
            content = self._md.convert(text)
            metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        except ContentError:
            raise
        except Exception as exc:
            raise ContentError(source_path, None, f"không đọc được Markdown ({type(exc).__name__}: {exc})") from exc
        finally:
            if meta is not None and "meta" not in preprocessors:
                preprocessors.register(meta, "meta", meta_priority)
        # Empty "Tags:" / "Authors:" come back as Pelican's discard marker: drop them as Pelican does later.
        metadata = _filter_discardable_metadata(metadata)
        metadata["source_lines"] = lines
        self._check_limits(metadata)
        slug = metadata.get("slug")
        if slug is not None:
            if not SLUG_RE.match(str(slug)):
                raise ContentError(
                    source_path,
                    lines.get("slug"),
                    f"slug “{slug}” không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang",
                )
        elif metadata.get("title"):
            slug = slugify(str(metadata["title"]))
            if not slug:
                raise ContentError(
                    source_path, lines.get("title"), "không tạo được slug từ tiêu đề; hãy thêm dòng “Slug:”"
                )
            metadata["slug"] = slug
        return content, metadata

    def process_metadata(self, name, value):
        line = self._lines.get(name.lower())
        if name.lower() in FORBIDDEN_FIELDS:
            raise ContentError(
                self._source_path, line, f"không được dùng trường “{name}”: địa chỉ và khuôn trang do hệ thống đặt"
            )
        try:
            result = super().process_metadata(name, value)
        except ContentError:
            raise
        except Exception as exc:
            if name.lower() in _DATE_FIELDS:
                message = f"ngày giờ “{value}” của trường “{name}” không hợp lệ; hãy viết dạng 2026-11-19 10:30"
            else:
                message = f"giá trị “{value}” của trường “{name}” không hợp lệ ({exc})"
            raise ContentError(self._source_path, line, message) from exc
        if name.lower() in _DATE_FIELDS and getattr(result, "year", None) not in _YEARS:
            raise ContentError(self._source_path, line, f"ngày “{value}” nằm ngoài khoảng năm 1900–2100")
        return result

    def _is_article(self) -> bool:
        relative = os.path.relpath(self._source_path, self.settings["PATH"]).replace(os.sep, "/")
        return any(relative.startswith(folder.rstrip("/") + "/") for folder in self.settings["ARTICLE_PATHS"] if folder)

    def _check_limits(self, metadata):
        if "title" not in metadata:
            raise ContentError(self._source_path, 1, "thiếu dòng “Title: …” (tiêu đề) ở đầu tệp")
        if not str(metadata["title"]).strip():
            raise ContentError(self._source_path, self._lines.get("title"), "tiêu đề (“Title:”) trống")
        if "date" not in metadata and self._is_article():
            raise ContentError(self._source_path, 1, "bài viết thiếu dòng “Date: …” (ví dụ “Date: 2026-11-19 10:30”)")
        for key, label in (
            ("category", "chuyên mục"),
            ("tags", "chủ đề"),
            ("author", "tác giả"),
            ("authors", "tác giả"),
        ):
            value = metadata.get(key)
            for item in value if isinstance(value, list) else [value] if value is not None else []:
                if not slugify(str(item)):
                    raise ContentError(
                        self._source_path,
                        self._lines.get(key),
                        f"{label} “{item}” không có chữ cái hay chữ số nào, không tạo được địa chỉ trang",
                    )
        tags = metadata.get("tags") or []
        limit = self.settings.get("VNCONTENT_MAX_TAGS", MAX_TAGS)
        if len(tags) > limit:
            raise ContentError(
                self._source_path,
                self._lines.get("tags"),
                f"quá nhiều chủ đề ({len(tags)}, tối đa {limit}): hãy giữ vài chủ đề chính",
            )
