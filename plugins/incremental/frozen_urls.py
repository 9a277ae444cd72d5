"""Compute each content's URL and output path once per build instead of on every template access.

Pelican formats `url` and `save_as` from the settings on each access (date formatting, path joins); an
archive's listing pages read them hundreds of thousands of times. Once every generator has read its content,
nothing changes a content's slug, date or category, so the first answer is kept until the build ends.
"""

from __future__ import annotations

from pelican.contents import Content

_ORIGINAL = {name: getattr(Content, name) for name in ("url", "save_as")}
_frozen = False


def _cached(name: str):
    compute = _ORIGINAL[name].fget
    slot = f"_frozen_{name}"

    def getter(self):
        if not _frozen:
            return compute(self)
        try:
            return self.__dict__[slot]
        except KeyError:
            value = self.__dict__[slot] = compute(self)
            return value

    return property(getter, _ORIGINAL[name].fset, _ORIGINAL[name].fdel, _ORIGINAL[name].__doc__)


for _name in _ORIGINAL:
    setattr(Content, _name, _cached(_name))


def freeze() -> None:
    global _frozen
    _frozen = True


def thaw() -> None:
    """Start of the next build: compute again (the devserver builds again in the same process)."""
    global _frozen
    _frozen = False
