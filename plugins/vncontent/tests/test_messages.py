"""Pelican's lines about a failed build: an editor's mistake without traceback, a bug with it."""

from __future__ import annotations

import logging
import sys

from vncontent import messages
from vncontent.errors import ContentError


def _record(name: str, level: int, msg: str, args: tuple, error: BaseException | None) -> logging.LogRecord:
    exc_info = None
    if error is not None:
        try:
            raise error
        except BaseException:
            exc_info = sys.exc_info()
    return logging.LogRecord(name, level, __file__, 1, msg, args, exc_info)


def test_content_errors_lose_the_traceback_and_bugs_keep_it():
    messages.install()
    messages.install()  # twice: still one filter
    pelican = logging.getLogger("pelican")
    assert pelican.filters.count(messages._FILTER) == 1

    editor = _record("pelican", logging.CRITICAL, "%s: %s", ("ContentError", "x"), ContentError("a.md", 3, "hỏng"))
    assert messages._FILTER.filter(editor)
    assert editor.getMessage() == "a.md:3: lỗi: hỏng" and editor.exc_info is None

    fatal = _record("pelican", logging.CRITICAL, "%s: %s", ("RuntimeError", "x"), RuntimeError(messages.FATAL_TEXT))
    messages._FILTER.filter(fatal)
    assert fatal.getMessage() == "dừng dựng trang vì lỗi ở trên" and fatal.exc_info is None

    bug = _record("pelican", logging.CRITICAL, "%s: %s", ("KeyError", "'x'"), KeyError("x"))
    messages._FILTER.filter(bug)
    assert bug.getMessage() == "KeyError: 'x'" and bug.exc_info is not None

    skipped = _record("pelican.generators", logging.ERROR, "Could not process %s", ("bai.md",), None)
    messages._FILTER.filter(skipped)
    assert skipped.getMessage() == "bỏ qua tệp bai.md vì lỗi ở trên"
