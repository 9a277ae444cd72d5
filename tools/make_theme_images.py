"""Draw the theme's brand images with Pillow: the 1200x630 default social image, the publisher logo (600x60) used in
JSON-LD,. Run `python tools/make_theme_images.py`; the PNGs are committed."""

from __future__ import annotations

from pathlib import Path

import fontpkg_be_vietnam_pro
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "theme" / "static" / "img"
FONTS = Path(fontpkg_be_vietnam_pro.__file__).parent / "files"
BRAND = (163, 18, 27)
DARK = (124, 13, 20)
PAPER = (255, 255, 255)
GOLD = (242, 201, 76)


def font(size: int, weight: str = "Bold") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"BeVietnamPro-{weight}.ttf"), size)


def save(image: Image.Image, name: str) -> None:
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(OUT / name, optimize=True)
    print(name, (OUT / name).stat().st_size, "bytes")


def social() -> None:
    image = Image.new("RGB", (1200, 630), BRAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 520, 1200, 630), fill=DARK)
    draw.rectangle((80, 150, 96, 390), fill=GOLD)
    draw.text((130, 140), "Báo Sơn Hà", font=font(120), fill=PAPER)
    draw.text((134, 300), "Thi đua yêu nước – Điển hình tiên tiến", font=font(44, "Regular"), fill=PAPER)
    draw.text((80, 552), "Ban Thi đua – Khen thưởng tỉnh Sơn Hà", font=font(34, "Regular"), fill=PAPER)
    save(image, "social-default.png")


def logo() -> None:
    image = Image.new("RGB", (600, 60), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 10, 60), fill=BRAND)
    draw.text((24, 2), "Báo Sơn Hà", font=font(44), fill=BRAND)
    save(image, "logo.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    social()
    logo()



if __name__ == "__main__":
    main()
