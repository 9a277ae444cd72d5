"""Digests of HTML fragments a previous build found clean (the allow-list removed nothing), kept in the cache so a
rebuild does not clean unchanged bodies again. A digest covers the fragment, the iframe hosts, this policy's code
and nh3's version: any change to them makes every fragment new."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from importlib.metadata import version
from pathlib import Path

_POLICY = hashlib.blake2b(
    Path(__file__).with_name("policy.py").read_bytes() + version("nh3").encode(), digest_size=16
).digest()


def fragment_key(html: str, hosts: tuple[str, ...]) -> bytes:
    hasher = hashlib.blake2b(_POLICY, digest_size=16)
    hasher.update("\x00".join(hosts).encode("utf-8"))
    hasher.update(b"\x01")
    hasher.update(html.encode("utf-8", "surrogatepass"))
    return hasher.digest()


class KnownClean:
    """The set of clean fragments' keys: `previous` from the last build, `live` those this build met."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.previous: set[bytes] = set()
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            with open(self.path, "rb") as handle:
                data = pickle.load(handle)
            if isinstance(data, set):
                self.previous = data
        self.live: set[bytes] = set()

    def __contains__(self, key: bytes) -> bool:
        if key in self.previous:
            self.live.add(key)
            return True
        return False

    def add(self, key: bytes) -> None:
        self.live.add(key)

    def save(self) -> None:
        if self.live == self.previous:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(self.path.name + f".{os.getpid()}.part")
        with open(temp, "wb") as handle:
            pickle.dump(self.live, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, self.path)
