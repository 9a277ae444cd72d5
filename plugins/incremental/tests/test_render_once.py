"""`once(macro, item, ...)` renders a macro once per item and arguments, with the same markup as calling it."""

from incremental import render_once
from jinja2 import DictLoader, Environment

TEMPLATES = {
    "card.html": "{% macro card(item, SITEURL) %}<a href=\"{{ SITEURL }}/{{ item.url }}\">{{ item.title|count }}</a>"
                 "{% endmacro %}",
    "list.html": '{% from "card.html" import card %}{% for item in items %}'
                 "{{ once(card, item, SITEURL) if once is defined else card(item, SITEURL) }}{% endfor %}",
}


class Article:
    def __init__(self, title, url):
        self.title, self.url = title, url


def environment(with_once: bool, counter: list) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)

    def count(text):
        counter.append(text)
        return text

    env.filters["count"] = count
    if with_once:
        env.globals["once"] = render_once.once
    return env


def test_same_markup_and_one_render_per_item_and_depth():
    render_once.reset()
    items = [Article("Thi đua <yêu nước>", "a.html"), Article("Điển hình", "b.html")]
    plain_calls, cached_calls = [], []
    plain = environment(False, plain_calls).get_template("list.html")
    cached = environment(True, cached_calls).get_template("list.html")
    for siteurl in ("..", "..", "../..", ".."):
        assert cached.render(items=items, SITEURL=siteurl) == plain.render(items=items, SITEURL=siteurl)
    assert "&lt;yêu nước&gt;" in plain.render(items=items, SITEURL="..")
    assert len(plain_calls) == 2 * 5
    assert len(cached_calls) == 2 * 2  # two items, two page depths
    render_once.reset()
    cached.render(items=items, SITEURL="..")
    assert len(cached_calls) == 2 * 2 + 2  # a new build renders again
