"""Theme files get content-hashed names; the built pages link to the hashed copy, which exists and is identical."""

import re

from fingerprint.names import hashed_name


def test_hashed_name_changes_with_content_only():
    a = hashed_name("css/site.css", b"body{}")
    assert re.fullmatch(r"css/site\.[0-9a-f]{10}\.css", a)
    assert hashed_name("css/site.css", b"body{}") == a
    assert hashed_name("css/site.css", b"body{ }") != a
    assert hashed_name("js/tim-kiem.min.js", b"x").startswith("js/tim-kiem.min.")
