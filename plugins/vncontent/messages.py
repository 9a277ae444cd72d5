"""Pelican's own lines about a failed build, in the editors' terms: Vietnamese, and no Python traceback for a
problem in their files.

When an editor's file stops a build, our plugins raise `ContentError` ("bai.md:26: lỗi: …"), or log it and Pelican's
`--fatal errors` turns the log line into a RuntimeError. Pelican then ends with a CRITICAL line carrying the whole
traceback, and says "Could not process …" in English for a file its reader gave up on. These filters rewrite those
records in place: the message is kept (or translated) and the traceback dropped. Any other exception is a bug, not
an editor's mistake, and keeps its traceback; `pelican --debug` still prints every traceback.
"""

from __future__ import annotations

import logging

from .errors import ContentError

__all__ = ["install"]

FATAL_TEXT = "Warning or error encountered"  # pelican.log.FatalLogger's RuntimeError


class _EditorMessages(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "pelican.generators" and record.msg == "Could not process %s":
            record.msg = "bỏ qua tệp %s vì lỗi ở trên"
        elif record.levelno == logging.CRITICAL and record.exc_info:
            error = record.exc_info[1]
            if isinstance(error, ContentError):
                record.msg, record.args, record.exc_info = "%s", (str(error),), None
            elif isinstance(error, RuntimeError) and str(error) == FATAL_TEXT:
                record.msg, record.args, record.exc_info = "dừng dựng trang vì lỗi ở trên", (), None
        return True


_FILTER = _EditorMessages()


def install() -> None:
    """Attach the filters (once) to the loggers Pelican reports a failed build with."""
    for name in ("pelican", "pelican.generators"):
        logging.getLogger(name).addFilter(_FILTER)  # addFilter ignores a filter already there
