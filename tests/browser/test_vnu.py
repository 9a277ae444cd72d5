"""The Nu HTML Checker (npm `vnu-jar`, run with Java) reports no error on any generated page: every page of the
production build and the pages only the preview build has (drafts); the other preview pages differ from their
production twins only in relative addresses."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.browser.support import VNU_JAR

pytestmark = pytest.mark.browser


def test_every_page_is_valid_html(vnu, demo_site, demo_site_published):
    published = {p.relative_to(demo_site_published) for p in demo_site_published.rglob("*.html")}
    preview_only = [p for p in demo_site.rglob("*.html") if p.relative_to(demo_site) not in published]
    assert any("ban-nhap" in p.parts for p in preview_only)
    result = subprocess.run(
        # C1-only JIT and the serial GC halve the checker's CPU time on a short run
        ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU_JAR),
         "--errors-only", "--skip-non-html", "--format", "json", str(demo_site_published), *map(str, preview_only)],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)  # no output at all is a failure too
    messages = report["messages"]
    errors = [f'{m.get("url", "")}:{m.get("lastLine", "")}: {m.get("message")}' for m in messages
              if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert errors == [], "\n".join(errors[:30])
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(published) > 50
