"""Cross-links between articles, campaigns and exemplars, with "did you mean" help for unknown slugs."""

from __future__ import annotations

import difflib

from vncontent.errors import ContentError
from vntext import fold, slugify

from .model import parse_refs


def _key(text: str) -> str:
    """Comparison key: diacritics folded, punctuation and spaces as single dashes ("Dân vận khéo" -> "dan-van-kheo")."""
    return slugify(fold(text))


def suggest(ref: str, entries) -> object | None:
    """The entry whose slug or title is closest to `ref` once diacritics are folded, or None if none is close."""
    wanted = _key(ref)
    if not wanted:
        return None
    best, best_score = None, 0.0
    for entry in entries:
        for candidate in (entry.slug, _key(entry.title)):
            if candidate == wanted:
                return entry
            score = difflib.SequenceMatcher(None, wanted, candidate).ratio()
            # A title containing the whole reference ("nong-thon-moi" in its title) is close too.
            if len(wanted) >= 6 and wanted in candidate:
                score = max(score, 0.8)
            if score > best_score:
                best, best_score = entry, score
    return best if best_score >= 0.6 else None


def resolve(refs, index: dict, what: str, path: str, all_entries) -> list:
    """Entries named by `refs` [(slug, line)], or a ContentError on the first unknown slug, with a suggestion."""
    found = []
    for ref, line in refs:
        entry = index.get(ref)
        if entry is None:
            message = f"không có {what} nào có slug “{ref}”"
            near = suggest(ref, all_entries)
            if near is not None:
                message += f"; có phải “{near.slug}” ({near.title})?"
            else:
                known = ", ".join(sorted(e.slug for e in all_entries)) or "(chưa có)"
                message += f"; các slug hiện có: {known}"
            raise ContentError(path, line or 1, message)
        found.append(entry)
    return found


def link_exemplars(exemplars, campaigns, all_campaigns) -> None:
    """Resolve each exemplar's `Campaigns:` and list the exemplar on those campaigns."""
    index = {c.slug: c for c in all_campaigns}
    for exemplar in exemplars:
        named = resolve(exemplar.slug_refs("campaigns"), index, "phong trào", exemplar.source_path, all_campaigns)
        exemplar.campaign_list = [c for c in named if c.status == "published"]
        for campaign in exemplar.campaign_list:
            campaign.exemplars.append(exemplar)


def link_articles(articles, published, all_campaigns, all_exemplars) -> None:
    """Set `article.campaign_list` / `exemplar_list` on every article; published ones go on the entries' news."""
    campaign_index = {c.slug: c for c in all_campaigns}
    exemplar_index = {e.slug: e for e in all_exemplars}
    published_ids = {id(a) for a in published}
    for article in articles:
        lines = getattr(article, "source_lines", None) or article.metadata.get("source_lines") or {}
        path = article.source_path
        campaigns = resolve(
            parse_refs(article.metadata.get("campaigns"), lines.get("campaigns")),
            campaign_index,
            "phong trào",
            path,
            all_campaigns,
        )
        exemplars = resolve(
            parse_refs(article.metadata.get("exemplars"), lines.get("exemplars")),
            exemplar_index,
            "điển hình",
            path,
            all_exemplars,
        )
        article.campaign_list = [c for c in campaigns if c.status == "published"]
        article.exemplar_list = [e for e in exemplars if e.status == "published"]
        if id(article) in published_ids:
            for entry in (*article.campaign_list, *article.exemplar_list):
                entry.articles.append(article)
    for entry in (*all_campaigns, *all_exemplars):
        entry.articles.sort(key=lambda a: a.date, reverse=True)
