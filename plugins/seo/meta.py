"""Page metadata for search engines and social networks: absolute URLs, meta description, JSON-LD."""

from __future__ import annotations

import json

import vntext
from vntext.html import html_text

DESCRIPTION_MAX = 200


def absolute_url(base: str, path: str) -> str:
    """`base` (https://host[/prefix]) joined with a site-relative path such as `2026/04/a.html` or `theme/x.png`.

    `index.html` at the end is dropped, so the canonical address of a folder page ends with `/`.
    """
    if path.startswith(("http://", "https://")):
        return path
    path = path.lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return base.rstrip("/") + "/" + path


def description(html: str, limit: int = DESCRIPTION_MAX) -> str:
    """Meta description from the sapo: plain text, cut at a word boundary with "…" beyond `limit` characters."""
    text = html_text(html)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def json_ld(data: dict) -> str:
    """JSON for a <script type="application/ld+json">: Vietnamese kept readable, `<`, `>` and `&` escaped so no
    string can close the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def breadcrumb_list(items: list[tuple[str, str]]) -> dict:
    """schema.org BreadcrumbList from (name, absolute URL) pairs, outermost first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(items, start=1)
        ],
    }


def publisher(name: str, url: str, logo: dict) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": name,
        "url": url,
        "logo": {"@type": "ImageObject", "url": logo["src"], "width": logo["width"], "height": logo["height"]},
    }


def news_article(
    *,
    url: str,
    headline: str,
    description: str,
    image: dict,
    published,
    modified,
    authors: list[tuple[str, str]],
    section: str,
    keywords: list[str],
    publisher_data: dict,
) -> dict:
    """schema.org NewsArticle as Google reads it: dates in ISO 8601 with the +07:00 offset, absolute URLs."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline,
        "description": description,
        "image": [{"@type": "ImageObject", "url": image["src"], "width": image["width"], "height": image["height"]}],
        "datePublished": vntext.iso_datetime(published),
        "dateModified": vntext.iso_datetime(modified or published),
        "author": [{"@type": "Person", "name": name, "url": link} for name, link in authors],
        "publisher": publisher_data,
        "articleSection": section,
        "inLanguage": "vi",
    }
    if keywords:
        data["keywords"] = keywords
    return data
