"""Pelican's Markdown reader, reading NFC text and giving every article a Vietnamese slug."""

from __future__ import annotations

import logging

from markdown import Markdown
from pelican.readers import MarkdownReader

from vntext import SLUG_RE, slugify

from .errors import ContentError
from .source import decode_source, metadata_lines

logger = logging.getLogger(__name__)


class VietnameseMarkdownReader(MarkdownReader):
    """Reads Markdown as strict UTF-8 in NFC; metadata gets `source_lines` and a slug from the title."""

    def read(self, source_path):
        try:
            return self._read(source_path)
        except ContentError as error:
            # Pelican reports a failed file without the exception's text: say it here, in the editor's terms.
            logger.error("%s", error)
            raise

    def _read(self, source_path):
        self._source_path = source_path
        with open(source_path, "rb") as handle:
            text = decode_source(handle.read(), source_path)
        self._md = Markdown(**self.settings["MARKDOWN"])
        # Our Markdown extensions report errors against this file.
        self._md.source_path = source_path
        content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        lines = metadata_lines(text)
        metadata["source_lines"] = lines
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
