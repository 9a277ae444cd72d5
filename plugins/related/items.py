"""Pelican articles as ranking `Item`s: plain text of the HTML, sapo, tags and the raw metadata slugs."""

from __future__ import annotations

import hashlib

from lxml import html as lxml_html

from .ranking import Item

__all__ = ["html_text", "item_from_article", "metadata_slugs", "text_key"]


def html_text(markup: str | None) -> str:
    """Text content of an HTML fragment (captions and credits included), parsed by lxml."""
    if not markup or not markup.strip():
        return ""
    return lxml_html.fragment_fromstring(markup, create_parent="div").text_content()


def text_key(title: str, sapo_html: str | None, body_html: str | None) -> str:
    """Digest of what the text pass reads of one article (its sources, before HTML is turned into text)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in (title, sapo_html or "", body_html or ""):
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00\xff")
    return hasher.hexdigest()


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


def item_from_article(article, known_texts=()) -> Item:
    """The ranking's view of an article; its sapo and body are left empty when `known_texts` (a text pass cache)
    holds its `text_key`: the ranking will not read them."""
    metadata = article.metadata
    category = getattr(article, "category", None)
    # The reader's HTML as written, before Pelican rewrites links in it.
    body, sapo = getattr(article, "_content", None), metadata.get("summary")
    key = text_key(str(article.title), sapo, body)
    known = key in known_texts
    return Item(
        key=article.slug,
        title=str(article.title),
        date=article.date,
        body="" if known else html_text(body),
        sapo="" if known else html_text(sapo),
        text_key=key,
        section=category.name if category is not None else None,
        tags=tuple(tag.name for tag in getattr(article, "tags", None) or ()),
        campaigns=metadata_slugs(metadata.get("campaigns")),
        exemplars=metadata_slugs(metadata.get("exemplars")),
        pinned=metadata_slugs(metadata.get("related")),
    )
