"""deploy/nginx.conf on a real nginx (Debian's package) serving the published demo on 127.0.0.1: security headers,
precompressed brotli/gzip, cache lifetimes, content types of feeds and the site's 404 page."""

from __future__ import annotations

import gzip
import http.client
import shutil
import ssl

import brotli
import pytest

from tests.sitebuild import ROOT
from tools.local_nginx import BROTLI_MODULE, find_nginx, running_nginx
from tools.precompress import precompress

NGINX = find_nginx()

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (Debian: apt-get install -y nginx libnginx-mod-http-brotli-static)"
)


@pytest.fixture(scope="module")
def server(demo_site_published, tmp_path_factory):
    base = tmp_path_factory.mktemp("nginx")
    root = base / "output"
    shutil.copytree(demo_site_published, root)
    # A photo derivative as the photos plugin writes them (content-hashed folder), and the other typed files.
    photo = next((ROOT / "content").rglob("*.jpg"))
    (root / "anh" / "3f9a0c1d2e").mkdir(parents=True)
    shutil.copyfile(photo, root / "anh" / "3f9a0c1d2e" / "800.jpg")
    (root / "site.webmanifest").write_text('{"name": "Báo Sơn Hà"}', encoding="utf-8")
    (root / "tin-rss.opml").write_text('<?xml version="1.0"?><opml version="2.0"></opml>', encoding="utf-8")
    precompress(root, brotli_quality=5)  # quicker than make publish's 11; same files
    article = next(p for p in sorted(root.glob("20*/*/*.html")) if p.stat().st_size > 2048)
    with running_nginx(root, base / "nginx") as ports:
        yield {**ports, "root": root, "article": "/" + article.relative_to(root).as_posix()}


def get(server, path, encoding=None, tls=False):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection("127.0.0.1", server["tls_port"], timeout=10, context=context)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", server["port"], timeout=10)
    headers = {"Accept-Encoding": encoding} if encoding else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def check_security_headers(response):
    csp = response.getheader("Content-Security-Policy")
    assert csp and "default-src 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval'" not in csp.replace("wasm-unsafe-eval'", "")
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert response.getheader("Server") == "nginx"  # no version


def test_home_page_headers(server):
    response, body = get(server, "/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert body == (server["root"] / "index.html").read_bytes()
    check_security_headers(response)
    assert response.getheader("Cache-Control") == "public, max-age=300"
    assert response.getheader("Strict-Transport-Security") is None  # only over TLS


@pytest.mark.parametrize(
    ("encoding", "decode"),
    [
        ("br", brotli.decompress),
        ("gzip", gzip.decompress),
        ("gzip, deflate, br", brotli.decompress),
        (None, lambda data: data),
    ],
)
def test_article_is_served_precompressed(server, encoding, decode):
    if encoding and "br" in encoding and not BROTLI_MODULE.exists():
        pytest.skip("Debian's libnginx-mod-http-brotli-static is not installed: gzip only")
    response, body = get(server, server["article"], encoding)
    assert response.status == 200
    original = (server["root"] / server["article"].lstrip("/")).read_bytes()
    expected = {"br": "br", "gzip": "gzip", "gzip, deflate, br": "br", None: None}[encoding]
    assert response.getheader("Content-Encoding") == expected
    assert decode(body) == original
    if expected:
        assert len(body) < len(original) / 2
    assert "Accept-Encoding" in (response.getheader("Vary") or "")
    check_security_headers(response)


def test_feed_types(server):
    feeds = sorted((server["root"] / "feeds").rglob("*.xml"))
    assert any(p.name.endswith(".rss.xml") for p in feeds) and any(p.name.endswith(".atom.xml") for p in feeds)
    for path in feeds[:6]:
        response, body = get(server, "/" + path.relative_to(server["root"]).as_posix(), "gzip")
        kind = "rss" if path.name.endswith(".rss.xml") else "atom"
        assert response.status == 200
        assert response.getheader("Content-Type") == f"application/{kind}+xml; charset=utf-8"
        assert response.getheader("Cache-Control") == "public, max-age=300"
        assert gzip.decompress(body) == path.read_bytes()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/site.webmanifest", "application/manifest+json; charset=utf-8"),
        ("/tin-rss.opml", "text/x-opml; charset=utf-8"),
    ],
)
def test_other_types(server, path, content_type):
    response, _ = get(server, path)
    assert response.status == 200
    assert response.getheader("Content-Type") == content_type


def test_fingerprinted_assets_are_cached_for_a_year(server):
    stylesheets = list((server["root"] / "theme" / "css").glob("site.*.css"))
    assert len(stylesheets) == 1, "the fingerprint plugin writes theme/css/site.<hash>.css"
    for path, content_type in [
        ("/" + stylesheets[0].relative_to(server["root"]).as_posix(), "text/css; charset=utf-8"),
        ("/anh/3f9a0c1d2e/800.jpg", "image/jpeg"),
    ]:
        response, _ = get(server, path)
        assert response.status == 200
        assert response.getheader("Content-Type") == content_type
        assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
        check_security_headers(response)
    # The unhashed name still works, but is not cached for long.
    response, _ = get(server, "/theme/css/site.css")
    assert response.status == 200 and "immutable" not in response.getheader("Cache-Control")


def test_missing_page_gets_the_sites_404(server):
    response, body = get(server, "/2026/01/bai-khong-ton-tai.html")
    assert response.status == 404
    assert body == (server["root"] / "404.html").read_bytes()
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    check_security_headers(response)
    for hidden in ("/.git/config", "/.env"):
        response, _ = get(server, hidden)
        assert response.status == 404
    # A folder with no index page (an article URL cut back to its month): the same Vietnamese 404, not nginx's 403.
    for folder in ("/2026/", "/anh/", "/theme/"):
        response, body = get(server, folder)
        assert (response.status, body) == (404, (server["root"] / "404.html").read_bytes()), folder


def test_folder_redirect_keeps_the_readers_scheme_and_host(server):
    """"/chu-de" -> "/chu-de/": a relative Location, so a reader behind the TLS proxy stays on https and its host."""
    response, _ = get(server, "/chu-de")
    assert response.status == 301 and response.getheader("Location") == "/chu-de/"


def test_tls_block_adds_hsts(server):
    if server["tls_port"] is None:
        pytest.skip("openssl is missing: no certificate for the TLS server block")
    response, body = get(server, server["article"], "br", tls=True)
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=63072000; includeSubDomains"
    check_security_headers(response)
    original = (server["root"] / server["article"].lstrip("/")).read_bytes()
    assert brotli.decompress(body) == original


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def preview_server(demo_site, tmp_path_factory):
    """The preview build (relative addresses, so every request stays on this server) behind the same config."""
    base = tmp_path_factory.mktemp("nginx-preview")
    root = base / "output"
    shutil.copytree(demo_site, root)
    article = next(p for p in sorted(root.glob("20*/*/*.html")) if p.stat().st_size > 2048)
    with running_nginx(root, base / "nginx", tls=False) as ports:
        yield {**ports, "root": root, "article": "/" + article.relative_to(root).as_posix()}


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install -y chromium)")
def test_theme_runs_under_the_csp_in_chromium(preview_server, tmp_path):
    """Real Chromium loads pages through nginx with its Content-Security-Policy: no violation is reported."""
    from playwright.sync_api import sync_playwright

    server = preview_server
    root = server["root"]
    # A missing page at the top level: the preview's relative addresses resolve from there (publish's are absolute).
    paths = ["/", server["article"], "/khong-co-trang-nay.html"]
    for pattern in ("phong-trao/*/index.html", "dien-hinh/*/index.html", "chuyen-muc/*/index.html"):
        paths += ["/" + p.relative_to(root).as_posix() for p in sorted(root.glob(pattern))[:1]]
    violations, errors = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in paths:
            response = page.goto(f"http://127.0.0.1:{server['port']}{path}", wait_until="load")
            assert response.status == (404 if "khong-co" in path else 200), path
            assert "unsafe-inline" not in response.headers["content-security-policy"]
            # The stylesheet really applied (a blocked one leaves the browser's default body margin of 8px).
            assert page.evaluate("getComputedStyle(document.body).margin") != "8px", path
        page.goto(f"http://127.0.0.1:{server['port']}{server['article']}", wait_until="load")
        page.screenshot(path=str(tmp_path / "article.png"))
        browser.close()
    assert violations == [], violations
    assert errors == [], errors
