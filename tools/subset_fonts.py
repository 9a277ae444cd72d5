"""Subset Be Vietnam Pro (PyPI `fontpkg-be-vietnam-pro`) to Latin + Vietnamese WOFF2 files for the theme.

Run `python tools/subset_fonts.py` after upgrading the font package; the output in theme/static/fonts/ is
committed (two weights, a few dozen KB each) so a build needs no font tools.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import fontpkg_be_vietnam_pro
from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "theme" / "static" / "fonts"
PACKAGE = Path(fontpkg_be_vietnam_pro.__file__).parent

# Basic Latin, Latin-1, general punctuation, the Vietnamese letters and tone marks (as Google Fonts splits them).
UNICODES = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2191,"
    "U+2193,U+2212,U+2215,U+FEFF,U+FFFD,"
    "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,"
    "U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB"
)
WEIGHTS = {"Regular": "be-vietnam-pro-400.woff2", "Bold": "be-vietnam-pro-700.woff2"}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for style, name in WEIGHTS.items():
        source = PACKAGE / "files" / f"BeVietnamPro-{style}.ttf"
        subset.main([
            str(source),
            f"--unicodes={UNICODES}",
            "--flavor=woff2",
            "--layout-features=kern,liga,calt,ccmp,locl,mark,mkmk",
            "--no-hinting",
            "--desubroutinize",
            f"--output-file={OUT / name}",
        ])
        print(f"{name}: {(OUT / name).stat().st_size} bytes")
    licence = next((p for p in PACKAGE.rglob("*") if p.name.upper().startswith(("OFL", "LICENSE"))), None)
    if licence is not None:
        shutil.copyfile(licence, OUT / "OFL.txt")


if __name__ == "__main__":
    main()
