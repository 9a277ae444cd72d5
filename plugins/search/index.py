"""Write the static search index: a manifest, term shards and one small file per document.

Layout under the index folder (SEARCH_INDEX_PATH, by default ``tim-kiem/chi-muc/``):

- ``index.json``: version, shard count, number of documents, the section names, one section letter per document
  and the years as runs, so filters and counts need no other file;
- ``s/<k>.json``: the postings of every term whose FNV-1a hash modulo the shard count is k:
  ``{"term": [gap, weight, gap, weight, ...]}`` (document ids ascending, as gaps);
- ``d/<id>.json``: title, url, section, date and plain text of one document, for the result list and snippets.

Document ids follow date, newest first, so ties between equally good results go to the newest.

A site build keeps the index in its cache folder and hard-links it into the output (`publish`): a rebuild in which
a few documents changed rewrites only their document files and the shards holding terms whose weight changed.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import pickle
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from incremental.writer import open_for_writing

from .text import add_terms, fnv1a, fnv1a_many

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


FORMAT = 3


def _json(data, sort_keys: bool = False) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)


def _shard_json(shard: dict) -> str:
    # Terms in code point order: a shard patched by a rebuild reads byte for byte like one written from scratch.
    return _json({term: flat if isinstance(flat, list) else flat.tolist() for term, flat in shard.items()},
                 sort_keys=True)


def _doc_json(rec: Record) -> str:
    text = "\n".join(part for part in (rec.summary, rec.text) if part)[:MAX_TEXT]
    if rec.keywords:  # tags are indexed, so the snippet may need to show them
        text += "\nChủ đề: " + ", ".join(rec.keywords.splitlines())
    return _json({"t": rec.title, "u": rec.url, "s": rec.section, "d": rec.date_text, "i": rec.iso, "x": text})


def _fields(rec: Record) -> tuple:
    return (rec.title, rec.url, rec.section, rec.text, rec.summary, rec.date_text, rec.iso, rec.year, rec.sort_key,
            rec.keywords)


def source_digest(docs: list[Record]) -> str:
    """Digest of everything the index is made from: an unchanged site keeps its index as it is."""
    digest = hashlib.sha1(f"format {FORMAT}".encode())
    for rec in docs:
        digest.update(_json(_fields(rec)).encode("utf-8"))
    return digest.hexdigest()[:16]


def record_key(rec: Record) -> str:
    """The key of a document's index terms in a term cache: the digest of the text they are made from."""
    return hashlib.sha1(
        "\x00".join((str(FORMAT), rec.title, rec.summary, rec.keywords, rec.text)).encode("utf-8")
    ).hexdigest()


def record_terms(rec: Record, cache: dict | None = None, key: str | None = None) -> Counter:
    """The weighted index keys of one document; `cache` (by `record_key`) spares rebuilds the work."""
    if cache is not None:
        key = key or record_key(rec)
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


def shard_count_for(terms: int) -> int:
    count = 16
    while count * TERMS_PER_SHARD < terms and count < MAX_SHARDS:
        count *= 2
    return count


def _decode(flat: list[int]) -> dict[int, int]:
    entries, doc = {}, 0
    for position in range(0, len(flat), 2):
        doc += flat[position]
        entries[doc] = flat[position + 1]
    return entries


def _encode(entries: dict[int, int]) -> list[int]:
    flat, last = [], 0
    for doc in sorted(entries):
        flat += (doc - last, entries[doc])
        last = doc
    return flat


def _manifest(docs: list[Record], src: str, shards: int) -> dict:
    sections: list[str] = []
    letters = []
    year_runs: list[list[int]] = []
    for rec in docs:
        if rec.section not in sections:
            sections.append(rec.section)
        letters.append(SECTION_CODES[sections.index(rec.section)])
        if year_runs and year_runs[-1][0] == rec.year:
            year_runs[-1][1] += 1
        else:
            year_runs.append([rec.year, 1])
    return {
        "v": src[:12],  # cache-busting for the shard and document files
        "src": src,
        "shards": shards,
        "n": len(docs),
        "sections": sections,
        "sec": "".join(letters),
        "years": year_runs,
    }


def _all_shards(counters: Iterable[Counter]) -> tuple[int, int, Iterator[tuple[int, dict]]]:
    """Every shard from scratch: (shard count, term count, the shards in order as (number, {term: postings})),
    each posting list [gap, weight, gap, weight, ...] with document ids ascending.

    The documents' keys are consumed one at a time into three integer columns (term id, document, weight), then
    sorted by term in one stable sort: a dictionary operation per (key, document), about 12 million at 10,000
    articles, took most of a cold build's index time."""
    vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    term_id = vocabulary.__getitem__  # a new term gets the next id
    term_parts, weight_parts, sizes = [], [], []
    for counter in counters:
        size = len(counter)
        term_parts.append(np.fromiter(map(term_id, counter), np.int32, size))
        # Capped at once: a byte per entry, where the posting lists need it.
        weight_parts.append(np.minimum(np.fromiter(counter.values(), np.int64, size), MAX_WEIGHT).astype(np.uint8))
        sizes.append(size)
    terms = np.concatenate(term_parts) if term_parts else np.zeros(0, np.int32)
    weights = np.concatenate(weight_parts) if weight_parts else np.zeros(0, np.uint8)
    del term_parts, weight_parts
    order = np.argsort(terms, kind="stable")  # stable: each term's documents stay ascending
    offsets = np.zeros(len(vocabulary) + 1, np.int64)
    np.cumsum(np.bincount(terms, minlength=len(vocabulary)), out=offsets[1:])
    del terms
    flat = np.empty(2 * len(order), np.int32)
    flat[1::2] = weights[order]
    del weights
    docs = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order]
    del order
    gaps = flat[0::2]
    gaps[1:] = docs[1:] - docs[:-1]
    firsts = offsets[:-1]  # every term has a posting: its first gap is the document id itself
    gaps[firsts] = docs[firsts]
    del docs
    names = list(vocabulary)
    count = shard_count_for(len(names))
    shard_of = fnv1a_many(names) % count if names else np.zeros(0, np.int64)
    by_shard = np.argsort(shard_of, kind="stable")
    bounds = np.searchsorted(shard_of[by_shard], np.arange(count + 1))
    ends = (2 * offsets).tolist()

    def shards() -> Iterator[tuple[int, dict]]:
        for number in range(count):
            ids = by_shard[bounds[number]:bounds[number + 1]].tolist()
            yield number, {names[i]: flat[ends[i]:ends[i + 1]] for i in ids}

    return count, len(names), shards()


def _patched_shards(out: Path, state: dict, changes: list[tuple[int, dict, Counter]]) -> tuple[dict[int, dict], int]:
    """The shards a few changed documents touch, patched from the previous build's files; the new term count.

    `changes` holds (document id, its previous keys, its keys now). Only terms whose capped weight changed in some
    changed document are rewritten; every other posting is kept as the file has it.
    """
    edits: dict[str, dict[int, int]] = {}
    for doc_id, before, now in changes:
        for term, weight in now.items():
            weight = min(weight, MAX_WEIGHT)
            old = before.get(term)
            if old is None or min(old, MAX_WEIGHT) != weight:
                edits.setdefault(term, {})[doc_id] = weight
        for term in before:
            if term not in now:
                edits.setdefault(term, {})[doc_id] = 0
    count = state["shards"]
    by_shard: dict[int, list[str]] = {}
    for term in edits:
        by_shard.setdefault(fnv1a(term) % count, []).append(term)
    terms = state["terms"]
    shards = {}
    for number, shard_terms in by_shard.items():
        shard = json.loads((out / "s" / f"{number}.json").read_text(encoding="utf-8"))
        for term in shard_terms:
            flat = shard.get(term)
            entries = _decode(flat) if flat else {}
            existed = bool(entries)
            for doc_id, weight in edits[term].items():
                if weight:
                    entries[doc_id] = weight
                else:
                    entries.pop(doc_id, None)
            if entries:
                shard[term] = _encode(entries)
            else:
                shard.pop(term, None)
            terms += bool(entries) - existed
        shards[number] = shard
    return shards, terms


def _write(path: Path, body: str) -> None:
    """Write a file as the incremental writer writes pages: created in place when new (nothing links to it yet),
    otherwise replaced through a temporary file and a rename, so a hard link to the old one keeps the old bytes. A
    file left half-written by a stopped build is not trusted: `build_index` removes the state and the manifest
    before writing starts."""
    with open_for_writing(str(path), "utf-8") as out:
        out.write(body)


def _load_state(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            state = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("format") == FORMAT else {}


def _save_state(path: Path, state: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def index_files(out_dir: str | Path) -> list[str]:
    """The files of the index in `out_dir` (relative paths), as the manifest there describes them."""
    out = Path(out_dir)
    manifest = json.loads((out / "index.json").read_text(encoding="utf-8"))
    return (["index.json"] + [f"s/{k}.json" for k in range(manifest["shards"])]
            + [f"d/{i}.json" for i in range(manifest["n"])])


def build_index(records: list[Record], out_dir: str | Path, term_cache: dict | None = None,
                state_path: str | Path | None = None) -> dict:
    """Write the index of `records` into `out_dir`; return figures about it.

    Every file is replaced (temporary file + rename), never written into, and only when its bytes change; files
    of a previous, larger index are deleted. When the index already there was made from the same records, nothing
    is written. With `state_path` (where the build records what each file holds) and a `term_cache`, a rebuild in
    which a few documents changed in place patches only the shards holding terms whose weight changed; any other
    change rebuilds every shard. Either way the files are byte-identical to an index written from scratch.
    `term_cache` ends holding the keys of exactly the indexed documents (and is synced if it has `sync()`).
    """
    out = Path(out_dir)
    docs = sorted(records, key=lambda r: r.sort_key, reverse=True)
    if len(docs) > 1 and len({r.section for r in docs}) > len(SECTION_CODES):
        raise ValueError("too many sections for the search index")
    src = source_digest(docs)
    state_path = Path(state_path) if state_path is not None else None
    state = _load_state(state_path)
    try:
        previous = json.loads((out / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    if state and state.get("src") != previous.get("src"):
        state = {}  # the folder is not the one the state describes
    if previous.get("src") == src and (out / "s").is_dir() and (out / "d").is_dir():
        return {"documents": len(docs), "unchanged": True, "patched": False, "cache_changed": False}
    (out / "s").mkdir(parents=True, exist_ok=True)
    (out / "d").mkdir(exist_ok=True)

    keys = [record_key(rec) for rec in docs]
    files: dict[str, tuple[str, int]] = dict(state.get("files", {}))
    changes = None
    if state and term_cache is not None and len(state["keys"]) == len(docs):
        changed = [i for i, (old, new) in enumerate(zip(state["keys"], keys, strict=True)) if old != new]
        if len(changed) <= max(16, len(docs) // 20):
            olds = [term_cache.get(state["keys"][i]) for i in changed]
            if all(old is not None for old in olds):
                changes = [(i, old, record_terms(docs[i], term_cache, keys[i]))
                           for i, old in zip(changed, olds, strict=True)]
    patched = False
    shards: dict[int, dict] = {}
    if changes is not None:
        shards, terms = _patched_shards(out, state, changes)
        patched = shard_count_for(terms) == state["shards"]
        if patched:
            shard_count = state["shards"]
    if not patched:
        counters = (record_terms(rec, term_cache, key) for rec, key in zip(docs, keys, strict=True))
        shard_count, terms, shard_items = _all_shards(counters)
    else:
        shard_items = iter(sorted(shards.items()))
    manifest = _manifest(docs, src, shard_count)

    if state_path is not None:
        # Until the new state is saved, no build may patch these files (a build stopped half-way starts afresh).
        state_path.unlink(missing_ok=True)
    # Nor may a build trust them as they are: the manifest, written last, says what the folder holds.
    (out / "index.json").unlink(missing_ok=True)
    wanted = {"index.json"} | {f"s/{k}.json" for k in range(shard_count)} | {f"d/{i}.json" for i in range(len(docs))}
    written = 0
    sizes: dict[str, int] = {}

    def emit(name: str, body: str) -> None:
        """Write one file now (nothing holds every body at once) unless it already has these bytes."""
        nonlocal written
        data = body.encode("utf-8")
        sizes[name] = len(data)
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if files.get(name, (None,))[0] == digest and (out / name).is_file():
            return
        _write(out / name, body)
        files[name] = (digest, len(data))
        written += 1

    for number, shard in shard_items:
        emit(f"s/{number}.json", _shard_json(shard))
    del shard_items
    for doc_id, rec in enumerate(docs):
        emit(f"d/{doc_id}.json", _doc_json(rec))
    emit("index.json", _json(manifest))
    removed = 0
    for folder in ("s", "d"):
        for path in (out / folder).iterdir():
            name = f"{folder}/{path.name}"
            if name not in wanted:
                path.unlink()
                files.pop(name, None)
                removed += 1
    files = {name: value for name, value in files.items() if name in wanted}

    cache_changed = False
    if term_cache is not None:
        live = set(keys)
        stale = [key for key in list(term_cache) if key not in live]
        for key in stale:
            del term_cache[key]
        cache_changed = bool(stale) or any(key not in state.get("keys", ()) for key in live) or not state
        if hasattr(term_cache, "sync"):  # a persistent cache (`TermCache`, `shelve`): its writes are kept now
            term_cache.sync()
    if state_path is not None:
        _save_state(state_path, {"format": FORMAT, "src": src, "keys": keys, "shards": shard_count, "terms": terms,
                                 "files": files})
    shard_sizes = [files[f"s/{k}.json"][1] for k in range(shard_count)]
    return {
        "unchanged": False,
        "patched": patched,
        "cache_changed": cache_changed,
        "documents": len(docs),
        "terms": terms,
        "shards": shard_count,
        "files_written": written,
        "files_removed": removed,
        "shard_bytes": sum(shard_sizes),
        "largest_shard_bytes": max(shard_sizes, default=0),
        "document_bytes": sum(sizes[f"d/{i}.json"] for i in range(len(docs))),
        "manifest_bytes": sizes["index.json"],
    }


def publish(store: str | Path, target: str | Path) -> dict:
    """Make `target` hold the index in `store`: hard links (copies across file systems), each put in place by a
    rename; files already linked are left alone and files that are not part of the index are deleted."""
    store, target = Path(store), Path(target)
    names = index_files(store)
    linked = 0
    for folder in ("s", "d"):
        (target / folder).mkdir(parents=True, exist_ok=True)
    for name in names:
        source, destination = store / name, target / name
        try:
            os.link(source, destination)  # a fresh output folder: nothing to replace
            linked += 1
            continue
        except FileExistsError:
            if os.path.samestat(os.stat(source), os.stat(destination)):
                continue
        except OSError:
            pass
        temp = destination.with_name(f".tmp-{os.getpid()}-{destination.name}")
        try:
            os.link(source, temp)
        except OSError:
            shutil.copyfile(source, temp)
            os.chmod(temp, 0o644)
        os.replace(temp, destination)
        linked += 1
    wanted = set(names)
    removed = 0
    for path in sorted(target.rglob("*"), reverse=True):
        name = path.relative_to(target).as_posix()
        if path.is_dir():
            if name not in ("s", "d") and not any(path.iterdir()):
                path.rmdir()
        elif name not in wanted:
            path.unlink()
            removed += 1
    return {"linked": linked, "removed": removed}
