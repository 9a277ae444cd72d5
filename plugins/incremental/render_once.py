"""`once(macro, item, ...)`: a Jinja global that renders a list item's macro once per build for the same arguments.

An article shows up in many lists: the related and same-section boxes of a dozen other articles, its section, tag,
author and month pages. Its card or list item is the same markup each time for one page depth (relative URLs
differ by depth), so the theme calls `{{ once(card, item, SITEURL) }}` instead of `{{ card(item, SITEURL) }}` and
the macro runs once per article and depth. A macro imported without context sees only its arguments, so its output
is a function of them; articles do not change while pages are written. The cache is emptied when a build starts.
"""

from __future__ import annotations

from markupsafe import Markup

_rendered: dict[tuple, Markup] = {}
_alive: list = []


def once(macro, item, *args) -> Markup:
    key = (id(macro), id(item), args)
    html = _rendered.get(key)
    if html is None:
        html = _rendered[key] = Markup(macro(item, *args))
        _alive.append((macro, item))  # keeps the ids from being reused while the cache holds them
    return html


def reset(*_) -> None:
    _rendered.clear()
    _alive.clear()


def add_global(generator) -> None:
    generator.env.globals["once"] = once
