"""The demo site links its stylesheet by a content-hashed name (plugins/fingerprint), and that copy exists."""

import hashlib

from tests.sitebuild import ROOT, html_files, soup


def test_pages_link_the_fingerprinted_stylesheet(demo_site):
    source = (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:10]
    hashed = demo_site / "theme" / "css" / f"site.{digest}.css"
    assert hashed.read_bytes() == source
    for path in html_files(demo_site)[:20]:
        links = [link["href"] for link in soup(path).select('link[rel="stylesheet"]')]
        assert any(href.endswith(f"theme/css/site.{digest}.css") for href in links), (path, links)
