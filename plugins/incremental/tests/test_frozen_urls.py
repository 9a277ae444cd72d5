"""URLs and output paths formatted field by field and remembered give exactly what Pelican's own formatting gives."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from incremental import frozen_urls
from pelican.contents import Article, Page
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Author, Category

PATTERNS = [
    "{date:%Y}/{date:%m}/{slug}.html",
    "{category}/{slug}/",
    "{author}/{lang}/{slug}.html",
    "{path}",
    "{date:%d-%m-%Y}/{title}.html",
    "{date.year}/{slug}",
    "tin-tuc/{slug}",
    "static.html",
]


def make(cls, settings, **metadata):
    base = {"title": "Thi đua yêu nước", "slug": "thi-dua-yeu-nuoc",
            "date": datetime.datetime(2026, 3, 9, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))}
    base.update(metadata)
    base["category"] = Category("Thi đua", settings)
    base["author"] = Author("Phóng viên Sơn Hà", settings)
    return cls("<p>nội dung</p>", metadata=base, settings=settings, source_path=f"{settings['PATH']}/bai/a.md")


def pelican_value(content, key):
    """What Pelican 4.12 gives without our change (its original method, called directly)."""
    klass = {"Article": "article", "Page": None}[type(content).__name__]
    if content.status == "draft":
        klass = "draft" if isinstance(content, Article) else "draft_page"
    return frozen_urls._ORIGINAL_EXPAND(content, key, klass)


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("cls", [Article, Page])
def test_same_as_pelican(pattern, cls, tmp_path):
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path), "ARTICLE_URL": pattern, "ARTICLE_SAVE_AS": pattern,
                "PAGE_URL": pattern, "PAGE_SAVE_AS": pattern}
    content = make(cls, settings)
    assert content.url == pelican_value(content, "url")
    assert content.save_as == pelican_value(content, "save_as")


def test_remembered_by_the_values_it_used(tmp_path):
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path), "ARTICLE_URL": "{date:%Y}/{slug}.html"}
    article = make(Article, settings)
    assert article.url == "2026/thi-dua-yeu-nuoc.html"
    assert vars(article)["_frozen_expanded"]  # formatted by our code, not Pelican's
    # Before URLs are frozen a plugin may still change what the pattern uses: the next access sees it.
    article.slug = "dien-hinh-tien-tien"
    assert article.url == "2026/dien-hinh-tien-tien.html"
    article.date = datetime.datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert article.url == "2025/dien-hinh-tien-tien.html"
    # A date equal in time but in another zone formats differently: not the same remembered value.
    settings["ARTICLE_URL"] = "{date:%H}/{slug}.html"
    before = article.url
    article.date = article.date.astimezone(datetime.UTC)
    assert article.url != before
    assert article.url == pelican_value(article, "url")


def test_errors_and_unusual_patterns_as_in_pelican(tmp_path):
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path)}
    article = make(Article, settings)
    for pattern, error in (("{missing}/{slug}", KeyError), ("{}/{slug}", IndexError), ("{0}", IndexError)):
        settings["ARTICLE_URL"] = pattern
        with pytest.raises(error) as ours:
            article.url  # noqa: B018
        with pytest.raises(error) as theirs:
            pelican_value(article, "url")
        assert str(ours.value) == str(theirs.value)
    settings["ARTICLE_URL"] = "{date:{fmt}}"
    settings_article = make(Article, settings, fmt="%Y")
    assert settings_article.url == pelican_value(settings_article, "url") == "2026"
