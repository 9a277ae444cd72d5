import shutil
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build

DEMO_CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo site built once per test session with the preview settings (pelicanconf.py)."""
    output = tmp_path_factory.mktemp("demo-site")
    build(DEMO_CONTENT, output)
    return output


@pytest.fixture(scope="session")
def demo_site_published(tmp_path_factory) -> Path:
    """The demo site built once per test session with the production settings (publishconf.py)."""
    output = tmp_path_factory.mktemp("demo-site-published")
    build(DEMO_CONTENT, output, conf="publishconf.py")
    return output


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the demo content, for tests that break or add files."""
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target
