"""The lead (cover) photo of an article, campaign or exemplar: `obj.cover`, the object templates and feeds use."""

from __future__ import annotations

import os
import weakref
import xml.etree.ElementTree as ET

from markupsafe import Markup

from . import markup
from .config import MIME

# render_thumb's answers, by cover (a cover lives as long as the build that made it).
_THUMBS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

# Metadata naming the lead photo, and the prefix of its caption/credit/alt fields.
COVER_FIELDS = ("cover", "portrait")


class Cover:
    """`.alt`, `.caption`, `.credit`, `.in_photo`, `.thumb`, `.social`, `.enclosure` (URLs site-relative, no leading
    slash) and `.html`, the lead figure for the object's own page; `render(SITEURL)` / `render_thumb(SITEURL)`
    give the HTML for a page at any depth. `.in_body` is true when the body already shows the photo (then the lead
    partial shows nothing)."""

    def __init__(self, photo, alt: str, caption: str, credit: str, in_photo: str, in_body: bool, cfg, root: str):
        self.photo = photo
        self.alt = alt
        self.caption = caption
        self.credit = credit
        self.in_photo = in_photo
        self.in_body = in_body
        self._cfg = cfg
        self._root = root  # the path from the object's own page to the site root, ending in "/"
        self.width = photo.width
        self.height = photo.height
        self.social = photo.social()
        self.enclosure = photo.enclosure()
        src, width, height = photo.default("jpeg", target=cfg.thumb_size[0], thumb=True)
        self.thumb = {
            "src": src,
            "srcset": markup.srcset(photo.candidates("jpeg", thumb=True), ""),
            "sizes": cfg.sizes["thumb"],
            "width": width,
            "height": height,
            "sources": [
                {"type": MIME[f], "srcset": markup.srcset(photo.candidates(f, thumb=True), "")}
                for f in photo.modern_formats()
            ],
        }

    def render(self, siteurl: str | None = None) -> Markup:
        """The lead figure; `siteurl` as templates have it (SITEURL), or None for the object's own page."""
        prefix = self._root if siteurl is None else f"{siteurl}/"
        return markup.lead_figure(self.photo, self.alt, self.caption, self.in_photo, self.credit,
                                  self._cfg.sizes["single"], prefix)

    @property
    def html(self) -> Markup:
        """The lead figure with URLs right for the object's own page (elsewhere use `render(SITEURL)`)."""
        return self.render()

    def render_thumb(self, siteurl: str | None = None, css_class: str = "thumb", sizes: str | None = None,
                     lead: bool = False) -> Markup:
        """A `<picture>` for lists (related news, section pages): lazy, or, for a list's lead story (`lead`),
        loaded first with `fetchpriority="high"`; `sizes` overrides the thumbnail's layout hint."""
        # A cover is listed on many pages (related news, sections, tags, archives) at a few depths: each variant
        # is built once per build. Kept off the instance, whose attributes are what incremental fingerprints read.
        variants = _THUMBS.setdefault(self, {})
        key = (siteurl, css_class, sizes, lead)
        if key not in variants:
            variants[key] = self._thumb_html(siteurl, css_class, sizes, lead)
        return variants[key]

    def _thumb_html(self, siteurl, css_class, sizes, lead) -> Markup:
        prefix = self._root if siteurl is None else f"{siteurl}/"
        photo = self.photo
        sizes = sizes or self.thumb["sizes"]
        element = ET.Element("picture", {"class": css_class})
        for fmt in photo.modern_formats():
            ET.SubElement(element, "source", type=MIME[fmt],
                          srcset=markup.srcset(photo.candidates(fmt, thumb=True), prefix), sizes=sizes)
        ET.SubElement(element, "img", {
            "src": prefix + self.thumb["src"],
            "srcset": markup.srcset(photo.candidates("jpeg", thumb=True), prefix),
            "sizes": sizes,
            "width": str(self.thumb["width"]),
            "height": str(self.thumb["height"]),
            "alt": self.alt,
            **({"fetchpriority": "high"} if lead else {"loading": "lazy", "decoding": "async"}),
        })
        return Markup(ET.tostring(element, encoding="unicode", method="html"))

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"<Cover {self.photo.key} {os.path.basename(self.photo.path)}>"


def _meta_text(metadata: dict, key: str) -> str:
    value = metadata.get(key)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    return " ".join(str(value).split())


def cover_name(metadata: dict) -> tuple[str | None, str | None]:
    """(field, file name) of the lead photo named in `metadata` (lower-case keys), or (None, None)."""
    for field in COVER_FIELDS:
        value = metadata.get(field)
        if isinstance(value, str) and value.strip():
            return field, value.strip()
    return None, None
