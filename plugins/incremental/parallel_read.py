"""Read a cold archive's articles on two cores: a forked helper reads files from the end of the list while Pelican
reads from the start, and hands over what it read through Pelican's own reader cache.

Only the reader's work moves (Markdown to HTML and our checks of the source, about half of reading a cold archive):
Pelican still makes every article, sends every signal and logs in this process. A file the helper could not read
cleanly (an error, or anything logged at warning level or above) is left to Pelican, which reads it again and
reports it as usual; so is every file if the helper dies. Nothing changes with the reader cache off, on one core, or
when few files need reading (a rebuild finds almost all of them in the cache).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue

from pelican.readers import _filter_discardable_metadata
from pelican.utils import file_suffix

logger = logging.getLogger(__name__)

MIN_FILES = 200  # below this a second process costs more than it saves; INCREMENTAL_PARALLEL_READ_MIN overrides
CHUNK = 8  # files the helper claims at once (one lock and one message per chunk)
_FREE, _OURS, _HELPERS = 0, 1, 2
_DONE = "done"


def can_fork() -> bool:
    """A second core to run on, and fork (a child inherits what the build holds without pickling it). Also asked by
    the search index's background process."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return cores > 1 and "fork" in multiprocessing.get_all_start_methods()


class _WarningFlag(logging.Handler):
    """In the helper: records that something was logged, instead of printing it (Pelican prints it on its read)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.raised = False

    def emit(self, record):
        self.raised = True


def _help(readers, paths: list[str], claims, lock, results_queue) -> None:
    """The helper process: claim files from the end of `paths`, read them, send {path: (content, metadata) or None}."""
    flag = _WarningFlag()
    root = logging.getLogger()
    root.handlers[:] = [flag]  # every logger propagates to the root here; Pelican's handlers are gone
    for named in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(named, logging.Logger):
            named.handlers[:] = []
            named.propagate = True
    position = len(paths) - 1
    try:
        while True:
            chunk = []
            with lock:
                while position >= 0 and len(chunk) < CHUNK:
                    if claims[position] == _FREE:
                        claims[position] = _HELPERS
                        chunk.append(position)
                    position -= 1
            if not chunk:
                break
            results = {}
            for index in chunk:
                path = paths[index]
                flag.raised = False
                try:
                    content, metadata = readers.readers[file_suffix(path)].read(path)
                    metadata = _filter_discardable_metadata(metadata)
                except Exception:
                    results[path] = None
                else:
                    results[path] = None if flag.raised else (content, metadata)
            results_queue.put(results)  # a feeder thread sends it: reading goes on while Pelican is not receiving
    finally:
        results_queue.put(_DONE)
        results_queue.close()
        results_queue.join_thread()


class ParallelRead:
    """Started before Pelican reads the first article; `take(path)` is what the helper read, or None."""

    def __init__(self, readers, paths: list[str]):
        context = multiprocessing.get_context("fork")
        self._index = {path: number for number, path in enumerate(paths)}
        self._lock = context.Lock()
        self._claims = context.RawArray("b", len(paths))
        self._queue = context.Queue()
        self._process = context.Process(target=_help, args=(readers, paths, self._claims, self._lock, self._queue),
                                        daemon=True)
        self._process.start()
        self._received: dict[str, tuple | None] = {}
        self._dead = False

    def take(self, path: str):
        number = self._index.get(path)
        if number is None:
            return None
        with self._lock:
            claim = self._claims[number]
            if claim == _FREE:
                self._claims[number] = _OURS
                return None
        if claim == _OURS:
            return None
        while path not in self._received and not self._dead:
            try:
                results = self._queue.get(timeout=1)
            except queue.Empty:
                self._dead = not self._process.is_alive()  # killed: Pelican reads what it had claimed
                continue
            if results == _DONE:
                self._dead = True
            else:
                self._received.update(results)
        return self._received.pop(path, None)

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._queue.close()
        self._queue.cancel_join_thread()


def start(generator) -> ParallelRead | None:
    """A helper for the articles `generator` is about to read, when it is worth one."""
    settings = generator.settings
    readers = generator.readers
    # Results go through the reader cache: with caching off (CACHE_CONTENT, or the generator level) there is no way in.
    caching = getattr(readers, "_cache_data_policy", False)
    if not settings.get("INCREMENTAL_PARALLEL_READ", True) or not caching or not can_fork():
        return None
    paths = []
    for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]):
        path = os.path.abspath(os.path.join(generator.path, name))
        if file_suffix(path) in readers.readers and readers.get_cached_data(path, None) is None:
            paths.append(path)
    if len(paths) < settings.get("INCREMENTAL_PARALLEL_READ_MIN", MIN_FILES):
        return None
    helper = ParallelRead(readers, paths)
    original = readers.get_cached_data

    def get_cached_data(filename, default=None):
        data = helper.take(filename)
        if data is None:
            return original(filename, default)
        readers.cache_data(filename, data)  # as if Pelican had read it: the next build finds it in the cache
        return data

    readers.get_cached_data = get_cached_data
    logger.debug("parallel read: a helper process reads up to %d of %d articles", len(paths) // 2, len(paths))
    return helper
