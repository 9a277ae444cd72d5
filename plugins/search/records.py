"""Turn Pelican articles, campaigns and exemplars into search records (real diacritics, plain text)."""

from __future__ import annotations

from datetime import date, datetime

import vntext
from vntext.html import html_text

from .index import Record

CAMPAIGN_SECTION = "Phong trào thi đua"
EXEMPLAR_SECTION = "Gương điển hình"
def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "label"):  # an award of an exemplar
        return _text(value.label)
    if isinstance(value, list | tuple):
        return "\n".join(_text(v) for v in value)
    return html_text(value, lines=True) if "<" in str(value) else vntext.clean_text(str(value))


def _dated(record: Record, moment) -> Record:
    if isinstance(moment, datetime):
        record.date_text = vntext.format_date(moment)
        record.iso = vntext.iso_datetime(moment)
        record.sort_key = record.iso
    elif isinstance(moment, date):
        record.date_text = moment.strftime("%d/%m/%Y")
        record.iso = moment.isoformat()
        record.sort_key = record.iso
    year = year_of(moment)
    if year is not None:
        record.year = year
    return record


def year_of(moment) -> int | None:
    """The year a record is filed under (local time for a datetime), as the search page's year filter offers it."""
    if isinstance(moment, datetime):
        return vntext.to_local(moment).year
    if isinstance(moment, date):
        return moment.year
    return None


def extra_moment(obj):
    """The date a campaign or exemplar page is filed under: its start, else its date, else its document's date."""
    return _first(obj, "start", "date", "document_date")


def article_record(article) -> Record:
    record = Record(
        title=vntext.clean_text(article.title),
        url=article.url,
        section=article.category.name,
        summary=_text(getattr(article, "summary", "")),
        text=_text(article.content),
        keywords="\n".join(vntext.clean_text(t.name) for t in getattr(article, "tags", None) or []),
    )
    return _dated(record, article.date)


def _first(obj, *names):
    for name in names:
        value = getattr(obj, name, None)
        if value:
            return value
    return None


def extra_record(obj, section: str) -> Record:
    """A campaign or exemplar page (objects of the campaigns plugin; read by duck typing)."""
    parts = [_first(obj, "content", "body", "text")]
    for name in ("document", "issuer", "scope", "stage", "goals", "unit", "commune", "district", "field",
                 "achievements", "kind", "awards"):
        value = getattr(obj, name, None)
        if isinstance(value, str | list | tuple):
            parts.append(value)
    record = Record(
        title=vntext.clean_text(str(obj.title)),
        url=obj.url,
        section=section,
        # Only a written summary: Pelican's automatic one repeats the start of the text.
        summary=_text((getattr(obj, "metadata", None) or {}).get("summary", "")),
        text="\n".join(t for t in (_text(p) for p in parts) if t),
        # What the page is ("Gương điển hình", "Phong trào thi đua"): a reader searching "điển hình" means them too.
        keywords=section,
    )
    record = _dated(record, extra_moment(obj))
    # Campaigns and exemplars lead the list when their dates tie with articles: they are the site's subject.
    record.sort_key = record.sort_key or "0000"
    return record


def collect(context: dict) -> list[Record]:
    """Every published article, campaign and exemplar in a Pelican context."""
    records = [article_record(a) for a in context.get("articles", [])]
    records += [extra_record(c, CAMPAIGN_SECTION) for c in context.get("campaigns", []) or []]
    records += [extra_record(e, EXEMPLAR_SECTION) for e in context.get("exemplars", []) or []]
    return records
