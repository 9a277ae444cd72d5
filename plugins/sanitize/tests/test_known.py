"""A rebuild skips cleaning fragments an earlier build found clean, and still cleans and reports dirty ones."""

import logging

from sanitize import _clean
from sanitize.known import KnownClean, fragment_key

CLEAN = "<p>Phong trào <strong>thi đua</strong> yêu nước.</p>"
DIRTY = '<p>Bài <img src="a.jpg" onerror="alert(1)"> có mã độc.</p><script>x()</script>'


def _build(path, caplog, source):
    # (a file name per build: Pelican's loggers drop a message repeated word for word)
    known = KnownClean(path)
    caplog.clear()
    out = [_clean(CLEAN, (), source, "nội dung", known), _clean(DIRTY, (), source, "nội dung", known)]
    known.save()
    warnings = [r.getMessage().replace(source, "FILE") for r in caplog.records if r.levelno == logging.WARNING]
    return out, warnings, known


def test_clean_fragments_are_remembered_dirty_ones_never(tmp_path, caplog):
    path = tmp_path / "sanitize-clean.pickle"
    first, first_warnings, known = _build(path, caplog, "bai-1.md")
    assert first[0] == CLEAN and "<script" not in first[1] and "onerror" not in first[1]
    assert known.live == {fragment_key(CLEAN, ())}
    second, second_warnings, known = _build(path, caplog, "bai-2.md")
    assert second == first and second_warnings == first_warnings and len(first_warnings) == 2
    assert fragment_key(CLEAN, ()) in known.previous
    # the iframe hosts are part of what a fragment was cleaned with
    assert fragment_key(CLEAN, ("www.youtube-nocookie.com",)) != fragment_key(CLEAN, ())
