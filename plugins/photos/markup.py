"""The HTML of a photo: `<figure>` with one `<picture>` per photo and a `<figcaption>` whose credit is its own
element. Built as ElementTree elements, so the Markdown extension and the lead-photo partial share one shape."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markupsafe import Markup

from .config import MIME

# Body HTML is written before Pelican knows where the page goes; this token stands for the path to the site root
# and is replaced per page (see `resolve_urls`).
URL_TOKEN = "__PHOTOS_ROOT__/"
DEFAULT_WIDTH = 960


def srcset(candidates, prefix: str) -> str:
    return ", ".join(f"{prefix}{url} {width}w" for url, width, _ in candidates)


def picture(photo, alt: str, sizes: str, prefix: str, lead: bool = False) -> ET.Element:
    element = ET.Element("picture")
    for fmt in photo.modern_formats():
        ET.SubElement(element, "source", type=MIME[fmt], srcset=srcset(photo.candidates(fmt), prefix), sizes=sizes)
    src, width, height = photo.default("jpeg", DEFAULT_WIDTH)
    img = ET.SubElement(element, "img")
    img.set("src", prefix + src)
    img.set("srcset", srcset(photo.candidates("jpeg"), prefix))
    img.set("sizes", sizes)
    img.set("width", str(width))
    img.set("height", str(height))
    img.set("alt", alt)
    if lead:
        img.set("fetchpriority", "high")
    else:
        img.set("loading", "lazy")
        img.set("decoding", "async")
    return element


def figure_shell(count: int, lead: bool) -> ET.Element:
    classes = ["photo"]
    if count > 1:
        classes.append("photo-group")
    if lead:
        classes.append("photo-lead")
    return ET.Element("figure", {"class": " ".join(classes)})


def figcaption(parent: ET.Element, caption: str, in_photo: str, credit: str) -> ET.Element | None:
    """Caption, "Trong ảnh: ..." and credit as three elements (texts may hold inline Markdown in the body)."""
    if not (caption or in_photo or credit):
        return None
    element = ET.SubElement(parent, "figcaption")
    for css, text in (("photo-caption", caption), ("photo-people", in_photo), ("photo-credit", credit)):
        if text:
            ET.SubElement(element, "span", {"class": css}).text = text
    return element


def lead_figure(photo, alt: str, caption: str, in_photo: str, credit: str, sizes: str, prefix: str) -> Markup:
    """The lead photo above an article body (plain-text caption): fetchpriority=high, never lazy."""
    root = figure_shell(1, lead=True)
    root.append(picture(photo, alt, sizes, prefix, lead=True))
    figcaption(root, caption, in_photo, credit)
    return Markup(ET.tostring(root, encoding="unicode", method="html"))


def keys_in(html: str, output_dir: str = "anh") -> set[str]:
    """The photo keys whose derivatives a body HTML (still holding the root token) refers to."""
    pattern = re.escape(URL_TOKEN + output_dir) + r"/[0-9a-f]{2}/([0-9a-f]{20})-"
    return set(re.findall(pattern, html or ""))


def resolve_urls(html: str, root: str) -> str:
    """Replace the root token by `root` ("../../", "https://site/"...)."""
    return html.replace(URL_TOKEN, root) if html and URL_TOKEN in html else html
