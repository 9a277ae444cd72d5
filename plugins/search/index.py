"""Write the static search index: a manifest, term shards and one small file per document.

Layout under the index folder (SEARCH_INDEX_PATH, by default ``tim-kiem/chi-muc/``):

- ``index.json``: version, shard count, number of documents, the section names, one section letter per document
  and the years as runs, so filters and counts need no other file;
- ``s/<k>.json``: the postings of every term whose FNV-1a hash modulo the shard count is k:
  ``{"term": [gap, weight, gap, weight, ...]}`` (document ids ascending, as gaps);
- ``d/<id>.json``: title, url, section, date and plain text of one document, for the result list and snippets.

Document ids follow date, newest first, so ties between equally good results go to the newest.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from .text import add_terms, fnv1a

TITLE_WEIGHT = 5
SUMMARY_WEIGHT = 2
MAX_WEIGHT = 99
TERMS_PER_SHARD = 64
# More files than this would only slow builds and deploys; shards grow instead.
MAX_SHARDS = 4096
MAX_TEXT = 20000
SECTION_CODES = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@dataclass
class Record:
    """One searchable document: what readers see (real diacritics) and what is indexed."""

    title: str
    url: str
    section: str
    text: str = ""
    summary: str = ""
    date_text: str = ""  # "09/01/2025", empty when the document has no date
    iso: str = ""
    year: int = 0
    sort_key: str = ""  # ISO date; newest first
    keywords: str = ""  # tags: indexed like the sapo, never shown


def _dump(path: Path, data) -> int:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(body, encoding="utf-8")
    return len(body.encode("utf-8"))


FORMAT = 2


def source_digest(docs: list[Record]) -> str:
    """Digest of everything the index is made from: an unchanged site keeps its index as it is."""
    digest = hashlib.sha1(f"format {FORMAT}".encode())
    for rec in docs:
        digest.update(json.dumps(asdict(rec), ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]


def record_terms(rec: Record, cache: dict | None = None) -> Counter:
    """The weighted index keys of one document; `cache` (by the text's digest) spares rebuilds the work."""
    key = None
    if cache is not None:
        key = hashlib.sha1(
            "\x00".join((str(FORMAT), rec.title, rec.summary, rec.keywords, rec.text)).encode("utf-8")
        ).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return cached
    counter: Counter = Counter()
    add_terms(counter, rec.title, TITLE_WEIGHT)
    add_terms(counter, rec.summary, SUMMARY_WEIGHT)
    add_terms(counter, rec.keywords, SUMMARY_WEIGHT)
    add_terms(counter, rec.text, 1)
    if cache is not None:
        cache[key] = counter
    return counter


def build_index(records: list[Record], out_dir: str | Path, term_cache: dict | None = None) -> dict:
    """Write the index of `records` into `out_dir` (replacing it); return figures about it.

    When the index already there was made from the same records, nothing is written (incremental builds).
    """
    out = Path(out_dir)
    docs = sorted(records, key=lambda r: r.sort_key, reverse=True)
    src = source_digest(docs)
    try:
        previous = json.loads((out / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    if previous.get("src") == src and (out / "s").is_dir() and (out / "d").is_dir():
        return {"documents": len(docs), "unchanged": True}
    if out.exists():
        shutil.rmtree(out)
    (out / "s").mkdir(parents=True)
    (out / "d").mkdir()
    if len(docs) > 1 and len({r.section for r in docs}) > len(SECTION_CODES):
        raise ValueError("too many sections for the search index")

    # term -> [gap, weight, gap, weight, ...] and the last document id of each term, built in one pass.
    postings: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    sections: list[str] = []
    section_letters = []
    year_runs: list[list[int]] = []
    doc_bytes = 0
    for doc_id, rec in enumerate(docs):
        counter = record_terms(rec, term_cache)
        for term, weight in counter.items():
            flat = postings.get(term)
            if flat is None:
                postings[term] = [doc_id, min(weight, MAX_WEIGHT)]
            else:
                flat += (doc_id - last[term], min(weight, MAX_WEIGHT))
            last[term] = doc_id
        if rec.section not in sections:
            sections.append(rec.section)
        section_letters.append(SECTION_CODES[sections.index(rec.section)])
        if year_runs and year_runs[-1][0] == rec.year:
            year_runs[-1][1] += 1
        else:
            year_runs.append([rec.year, 1])
        text = "\n".join(part for part in (rec.summary, rec.text) if part)[:MAX_TEXT]
        if rec.keywords:  # tags are indexed, so the snippet may need to show them
            text += "\nChủ đề: " + ", ".join(rec.keywords.splitlines())
        doc_bytes += _dump(out / "d" / f"{doc_id}.json", {
            "t": rec.title, "u": rec.url, "s": rec.section, "d": rec.date_text, "i": rec.iso, "x": text,
        })

    shard_count = 16
    while shard_count * TERMS_PER_SHARD < len(postings) and shard_count < MAX_SHARDS:
        shard_count *= 2
    shards: list[dict] = [{} for _ in range(shard_count)]
    for term, flat in postings.items():
        shards[fnv1a(term) % shard_count][term] = flat
    shard_bytes = 0
    largest = 0
    for number, shard in enumerate(shards):
        size = _dump(out / "s" / f"{number}.json", shard)
        shard_bytes += size
        largest = max(largest, size)
    manifest = {
        "v": src[:12],  # cache-busting for the shard and document files
        "src": src,
        "shards": shard_count,
        "n": len(docs),
        "sections": sections,
        "sec": "".join(section_letters),
        "years": year_runs,
    }
    manifest_bytes = _dump(out / "index.json", manifest)
    return {
        "unchanged": False,
        "documents": len(docs),
        "terms": len(postings),
        "shards": shard_count,
        "shard_bytes": shard_bytes,
        "largest_shard_bytes": largest,
        "document_bytes": doc_bytes,
        "manifest_bytes": manifest_bytes,
    }
