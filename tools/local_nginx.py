"""Run deploy/nginx.conf on 127.0.0.1 with a given site folder: for tests/test_nginx.py and bench/bench_nginx.py.

The deployed configuration is used as it is, with only its machine-specific directives replaced (listen addresses,
paths of the site, logs, pid and certificate). Each replaced directive must occur exactly once, so a change to
deploy/ that this no longer matches fails loudly instead of going untested.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def find_nginx() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def substitute(text: str, replacements: dict[str, str]) -> str:
    for old, new in replacements.items():
        if text.count(old) != 1:
            raise AssertionError(f"deploy config changed: {old!r} found {text.count(old)} times")
        text = text.replace(old, new)
    return text


def make_certificate(folder: Path) -> tuple[Path, Path] | None:
    """A throw-away self-signed certificate for 127.0.0.1, or None without openssl."""
    if shutil.which("openssl") is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def write_config(site_root: Path, base: Path, port: int, tls_port: int | None) -> Path:
    """deploy/nginx.conf and baosonha-site.conf, localised into `base`; returns the main file."""
    main = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    temp_paths = "".join(f"    {kind}_temp_path {base}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi"))
    temp_paths += "".join(f"    {kind}_temp_path {base}/{kind};\n" for kind in ("uwsgi", "scgi"))
    replacements = {
        "user www-data;": "user root;" if os.geteuid() == 0 else "",
        "pid /run/nginx.pid;": f"pid {base}/nginx.pid;",
        "error_log /var/log/nginx/error.log warn;": f"error_log {base}/error.log warn;",
        "access_log /var/log/nginx/access.log;": f"access_log {base}/access.log;\n{temp_paths}",
        "        listen 80;\n": f"        listen 127.0.0.1:{port};\n",
        "        listen [::]:80;\n": "",
    }
    certificate = make_certificate(base) if tls_port else None
    if certificate:
        replacements |= {
            "        listen 443 ssl http2;\n": f"        listen 127.0.0.1:{tls_port} ssl http2;\n",
            "        listen [::]:443 ssl http2;\n": "",
            "/etc/ssl/baosonha/fullchain.pem": str(certificate[0]),
            "/etc/ssl/baosonha/privkey.pem": str(certificate[1]),
        }
    else:  # the TLS block cannot start without a certificate: drop it
        start = main.index("    server {\n        listen 443")
        main = main[:start] + main[main.index("    }\n", start) + 6 :]
    if not BROTLI_MODULE.exists():
        replacements |= {f"load_module {BROTLI_MODULE};": "", "    brotli_static on;\n": ""}
    site = (DEPLOY / "baosonha-site.conf").read_text(encoding="utf-8")
    (base / "baosonha-site.conf").write_text(
        substitute(site, {"root /srv/baosonha/output;": f"root {site_root};"}), encoding="utf-8"
    )
    conf = base / "nginx.conf"
    conf.write_text(substitute(main, replacements), encoding="utf-8")
    return conf


@contextlib.contextmanager
def running_nginx(site_root: Path, base: Path, tls: bool = True):
    """Start nginx (foreground, our own process) on free 127.0.0.1 ports; yields {port, tls_port}; stops it."""
    nginx = find_nginx()
    if nginx is None:
        raise RuntimeError("nginx is not installed")
    base.mkdir(parents=True, exist_ok=True)
    port = free_port()
    tls_port = free_port() if tls else None
    conf = write_config(site_root, base, port, tls_port)
    if tls_port and f"listen 127.0.0.1:{tls_port} ssl" not in conf.read_text(encoding="utf-8"):
        tls_port = None
    common = [nginx, "-c", str(conf), "-p", str(base), "-e", str(base / "error.log")]
    check = subprocess.run([*common, "-t"], capture_output=True, text=True)
    if check.returncode != 0:
        raise AssertionError(f"nginx -t failed:\n{check.stderr}")
    process = subprocess.Popen([*common, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"nginx did not start: {(base / 'error.log').read_text()}") from None
                time.sleep(0.05)
        yield {"port": port, "tls_port": tls_port}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
