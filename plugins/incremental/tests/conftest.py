import pytest

from bench.textgen import generate, write_site


@pytest.fixture
def small_site(tmp_path):
    """A 40-article site of generated Vietnamese text, with an empty pages folder."""
    content = tmp_path / "content"
    write_site(generate(40, words_per_article=120), content)
    (content / "pages").mkdir()
    return content
