"""Pelican articles as ranking `Item`s: plain text of the HTML, sapo, tags and the raw metadata slugs."""

from __future__ import annotations

from lxml import html as lxml_html

from .ranking import Item

__all__ = ["html_text", "item_from_article", "metadata_slugs"]


def html_text(markup: str | None) -> str:
    """Text content of an HTML fragment (captions and credits included), parsed by lxml."""
    if not markup or not markup.strip():
        return ""
    return lxml_html.fragment_fromstring(markup, create_parent="div").text_content()


def metadata_slugs(value) -> tuple[str, ...]:
    """Slugs of a `Campaigns:` / `Exemplars:` / `Related:` line ("a, b" or a list), in order, without repeats."""
    if value is None:
        return ()
    parts = value if isinstance(value, list | tuple) else str(value).split(",")
    slugs: list[str] = []
    for part in parts:
        slug = str(getattr(part, "slug", part)).strip()
        if slug and slug not in slugs:
            slugs.append(slug)
    return tuple(slugs)


def item_from_article(article) -> Item:
    metadata = article.metadata
    category = getattr(article, "category", None)
    return Item(
        key=article.slug,
        title=str(article.title),
        date=article.date,
        # The reader's HTML as written, before Pelican rewrites links in it.
        body=html_text(getattr(article, "_content", None)),
        sapo=html_text(metadata.get("summary")),
        section=category.name if category is not None else None,
        tags=tuple(tag.name for tag in getattr(article, "tags", None) or ()),
        campaigns=metadata_slugs(metadata.get("campaigns")),
        exemplars=metadata_slugs(metadata.get("exemplars")),
        pinned=metadata_slugs(metadata.get("related")),
    )
