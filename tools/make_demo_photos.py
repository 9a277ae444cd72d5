#!/usr/bin/env python3
"""Generate clearly labelled placeholder photos for the demo content.

Reads every .md file under content/, collects the images it references
(Markdown image lines, ``Cover:`` and ``Portrait:`` metadata) and draws each
missing JPEG beside the .md file: a simple illustrative scene (sky, hills,
field, buildings, trees, people-like figures) whose palette and layout are
derived deterministically from the file name, with the label "ẢNH MINH HỌA"
and the file name written in Be Vietnam Pro.

Output is deterministic: the same file name always gives the same bytes.

Usage:
    pip install pillow fontpkg-be-vietnam-pro
    python tools/make_demo_photos.py [--force] [CONTENT_DIR]
"""
from __future__ import annotations

import argparse
import colorsys
import hashlib
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
LANDSCAPE = (1600, 1067)
PORTRAIT = (1067, 1600)
WIDE = (2400, 1600)
MAX_BYTES = 200 * 1024

IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)\s*\)")
META_RE = re.compile(r"^(Cover|Portrait|Kind)\s*:\s*(.+?)\s*$", re.IGNORECASE)


# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------
def find_font_dir() -> Path:
    try:
        from importlib import resources

        base = Path(str(resources.files("fontpkg_be_vietnam_pro")))
    except Exception as exc:  # pragma: no cover - depends on environment
        sys.exit(f"fontpkg-be-vietnam-pro is not installed ({exc}); "
                 "run: pip install fontpkg-be-vietnam-pro")
    fonts = sorted(base.rglob("BeVietnamPro-*.ttf"))
    if not fonts:
        sys.exit(f"no Be Vietnam Pro TTF files found under {base}")
    return fonts[0].parent


def load_font(font_dir: Path, style: str, size: int) -> ImageFont.FreeTypeFont:
    path = font_dir / f"BeVietnamPro-{style}.ttf"
    if not path.exists():
        path = next(iter(sorted(font_dir.glob("BeVietnamPro-*.ttf"))))
    return ImageFont.truetype(str(path), size)


# --------------------------------------------------------------------------
# Collecting references
# --------------------------------------------------------------------------
def referenced_images(md: Path) -> list[tuple[str, str]]:
    """Return [(image name, role)] referenced by one Markdown file."""
    text = md.read_text(encoding="utf-8")
    header, _, _ = text.partition("\n\n")
    refs: list[tuple[str, str]] = []
    kind = ""
    for line in header.splitlines():
        m = META_RE.match(line)
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2)
        if key == "kind":
            kind = value.lower()
        else:
            refs.append((value, key))
    for m in IMAGE_RE.finditer(text):
        refs.append((m.group(1), "inline"))
    out = []
    for name, role in refs:
        if re.match(r"^[a-z]+://", name) or name.startswith("/"):
            continue
        if role == "portrait" and kind.startswith("cá nhân"):
            role = "portrait-person"
        out.append((name, role))
    return out


def size_for(path: Path, role: str) -> tuple[int, int]:
    if role == "portrait-person":
        return PORTRAIT
    if path.parent.name == "campaigns" and role == "cover":
        return WIDE
    return LANDSCAPE


# --------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------
def hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, max(0, min(1, s)), max(0, min(1, v)))
    return int(r * 255), int(g * 255), int(b * 255)


def lerp(c1, c2, t):
    return tuple(int(a + (b - a) * t) for a, b in zip(c1, c2, strict=True))


def vgradient(draw, box, top, bottom):
    x0, y0, x1, y1 = box
    h = max(1, y1 - y0)
    for i in range(h):
        draw.line([(x0, y0 + i), (x1, y0 + i)], fill=lerp(top, bottom, i / h))


def draw_scene(name: str, size: tuple[int, int]) -> Image.Image:
    seed = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    rnd = random.Random(seed)
    w, h = size
    img = Image.new("RGB", size)
    d = ImageDraw.Draw(img)

    hue = rnd.random()  # accent hue (buildings, hills)
    sky_hue = rnd.uniform(0.52, 0.62) if rnd.random() < 0.75 else rnd.uniform(0.02, 0.10)
    ground_hue = rnd.uniform(0.14, 0.33)
    horizon = int(h * rnd.uniform(0.42, 0.58))

    # Sky and sun
    sky_top = hsv(sky_hue, 0.55, 0.85)
    sky_bottom = hsv(sky_hue - 0.03, 0.18, 0.98)
    vgradient(d, (0, 0, w, horizon), sky_top, sky_bottom)
    sr = int(min(w, h) * rnd.uniform(0.05, 0.09))
    sx, sy = int(w * rnd.uniform(0.1, 0.9)), int(horizon * rnd.uniform(0.2, 0.55))
    d.ellipse([sx - sr, sy - sr, sx + sr, sy + sr], fill=hsv(0.12, 0.45, 1.0))
    for _ in range(rnd.randint(2, 4)):  # clouds
        cx, cy = rnd.randint(0, w), int(horizon * rnd.uniform(0.1, 0.5))
        for j in range(4):
            r = int(min(w, h) * rnd.uniform(0.03, 0.06))
            ox = cx + j * r - 2 * r
            d.ellipse([ox - r, cy - r // 2 - r // 3, ox + r, cy + r // 2], fill=(250, 250, 252))

    # Hills (two layers)
    for layer in range(2):
        col = hsv(ground_hue + 0.08 + 0.04 * layer, 0.30 + 0.15 * layer, 0.62 - 0.12 * layer)
        pts = [(0, horizon)]
        steps = 7
        for i in range(steps + 1):
            x = int(w * i / steps)
            y = horizon - int(h * rnd.uniform(0.05, 0.18) / (layer + 1))
            pts.append((x, y))
        pts.append((w, horizon))
        d.polygon(pts, fill=col)

    # Field: horizontal bands of paddies, wider towards the viewer
    ground_top = hsv(ground_hue, 0.50, 0.72)
    ground_bottom = hsv(ground_hue - 0.02, 0.65, 0.48)
    y = horizon
    band = max(6, h // 60)
    k = 0
    while y < h:
        t = (y - horizon) / max(1, h - horizon)
        col = lerp(ground_top, ground_bottom, t)
        if k % 2:
            col = tuple(max(0, c - 14) for c in col)
        d.rectangle([0, y, w, y + band], fill=col)
        y += band
        band = int(band * 1.25) + 1
        k += 1

    # Buildings along the horizon
    x = rnd.randint(0, w // 8)
    while x < w:
        bw = int(w * rnd.uniform(0.05, 0.10))
        bh = int(h * rnd.uniform(0.07, 0.20))
        if rnd.random() < 0.55:
            wall = hsv(hue + rnd.uniform(-0.1, 0.1), 0.15, rnd.uniform(0.80, 0.95))
            roof = hsv(0.02 + rnd.uniform(0, 0.06), 0.6, 0.6)
            d.rectangle([x, horizon - bh, x + bw, horizon + 4], fill=wall)
            d.polygon([(x - bw // 10, horizon - bh), (x + bw // 2, horizon - bh - bh // 3),
                       (x + bw + bw // 10, horizon - bh)], fill=roof)
            win = hsv(hue + 0.55, 0.3, 0.55)
            for wy in range(horizon - bh + bh // 6, horizon - bh // 5, max(8, bh // 4)):
                for wx in range(x + bw // 6, x + bw - bw // 6, max(8, bw // 3)):
                    d.rectangle([wx, wy, wx + max(4, bw // 8), wy + max(4, bh // 10)], fill=win)
        else:  # tree
            tr = int(min(w, h) * rnd.uniform(0.025, 0.05))
            trunk = (110, 80, 55)
            d.rectangle([x + tr - tr // 5, horizon - tr, x + tr + tr // 5, horizon + 4], fill=trunk)
            d.ellipse([x, horizon - 3 * tr, x + 2 * tr, horizon - tr // 2],
                      fill=hsv(ground_hue + 0.05, 0.60, 0.42))
        x += bw + rnd.randint(w // 60, w // 12)

    # People-like figures in the foreground
    n = rnd.randint(3, 7)
    base = int(h * rnd.uniform(0.80, 0.90))
    for i in range(n):
        px = int(w * (i + 1) / (n + 1) + rnd.uniform(-w / 30, w / 30))
        scale = h * rnd.uniform(0.13, 0.19)
        py = base + int(rnd.uniform(-h * 0.03, h * 0.03))
        body = hsv(rnd.random(), 0.55, 0.75)
        head_r = int(scale * 0.13)
        bw2 = int(scale * 0.20)
        d.rounded_rectangle([px - bw2, py - int(scale * 0.72), px + bw2, py],
                            radius=bw2, fill=body)
        d.ellipse([px - head_r, py - int(scale * 0.72) - 2 * head_r - 4,
                   px + head_r, py - int(scale * 0.72) - 4], fill=(236, 200, 170))
        if rnd.random() < 0.5:  # conical hat
            hy = py - int(scale * 0.72) - 2 * head_r - 4
            d.polygon([(px - int(head_r * 1.8), hy + head_r // 2), (px, hy - head_r),
                       (px + int(head_r * 1.8), hy + head_r // 2)], fill=(235, 220, 170))
    return img


def draw_label(img: Image.Image, name: str, font_dir: Path) -> None:
    w, h = img.size
    d = ImageDraw.Draw(img, "RGBA")
    big = load_font(font_dir, "Bold", max(28, int(min(w, h) * 0.075)))
    small = load_font(font_dir, "Medium", max(16, int(min(w, h) * 0.030)))
    title = "ẢNH MINH HỌA"
    tb = d.textbbox((0, 0), title, font=big)
    nb = d.textbbox((0, 0), name, font=small)
    pad = int(min(w, h) * 0.03)
    box_w = max(tb[2] - tb[0], nb[2] - nb[0]) + 2 * pad
    box_h = (tb[3] - tb[1]) + (nb[3] - nb[1]) + 3 * pad
    x0 = (w - box_w) // 2
    y0 = int(h * 0.08)
    d.rounded_rectangle([x0, y0, x0 + box_w, y0 + box_h], radius=pad,
                        fill=(20, 24, 32, 190))
    d.text(((w - (tb[2] - tb[0])) // 2 - tb[0], y0 + pad - tb[1]), title,
           font=big, fill=(255, 255, 255, 255))
    d.text(((w - (nb[2] - nb[0])) // 2 - nb[0], y0 + 2 * pad + (tb[3] - tb[1]) - nb[1]),
           name, font=small, fill=(255, 214, 102, 255))


def save_jpeg(img: Image.Image, path: Path) -> int:
    for quality in (80, 72, 64, 56):
        img.save(path, "JPEG", quality=quality, progressive=True, optimize=True)
        size = path.stat().st_size
        if size <= MAX_BYTES:
            return size
    return size


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("content", nargs="?", default=str(ROOT / "content"))
    ap.add_argument("--force", action="store_true", help="redraw existing files too")
    args = ap.parse_args(argv)

    content = Path(args.content)
    font_dir = find_font_dir()
    wanted: dict[Path, str] = {}
    for md in sorted(content.rglob("*.md")):
        for name, role in referenced_images(md):
            target = (md.parent / name).resolve()
            if target.suffix.lower() not in (".jpg", ".jpeg"):
                continue
            if wanted.get(target) != "portrait-person":
                wanted[target] = role
    made = 0
    total = 0
    for target, role in sorted(wanted.items()):
        if target.exists() and not args.force:
            total += target.stat().st_size
            continue
        img = draw_scene(target.name, size_for(target, role))
        draw_label(img, target.name, font_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        size = save_jpeg(img, target)
        total += size
        made += 1
        print(f"{target.relative_to(content.resolve().parent)}  {img.size[0]}x{img.size[1]}  {size} B")
    print(f"{len(wanted)} images referenced, {made} created, {total} bytes in total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
