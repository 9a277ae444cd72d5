"""Test images made with Pillow: camera-like photos, EXIF orientation and GPS, odd modes, an ICC profile."""

from __future__ import annotations

import struct

import numpy as np
from PIL import Image, ImageChops

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def camera_photo(width: int = 4000, height: int = 3000, seed: int = 0) -> Image.Image:
    """A photo-like RGB image: smooth colour fields, detail and sensor noise (compresses like a real photo, not
    like a flat drawing)."""
    rng = np.random.default_rng(seed)
    coarse = Image.fromarray(rng.integers(0, 255, (height // 120 + 2, width // 120 + 2, 3), dtype=np.uint8))
    fine = Image.fromarray(rng.integers(0, 255, (height // 12 + 2, width // 12 + 2, 3), dtype=np.uint8))
    base = Image.blend(coarse.resize((width, height), Image.BICUBIC), fine.resize((width, height), Image.BILINEAR),
                       0.25)
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 8) for _ in range(3)])
    return ImageChops.add(base, noise, scale=1.0, offset=-128)


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Camera maker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (21.0, 1.0, 30.0)
    gps[3] = "E"
    gps[4] = (105.0, 51.0, 12.0)
    return exif


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ " + b"\0" * 4 + _s15(x) + _s15(y) + _s15(z)


def swapped_rgb_profile() -> bytes:
    """An ICC v2 RGB matrix profile whose red and green primaries are sRGB's green and red: a pixel stored as red
    in this space is green in sRGB. Only a real colour conversion turns it green."""
    red, green, blue = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
    gamma = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, int(2.2 * 256)) + b"\0\0"
    text = b"swapped"
    desc = (b"desc" + b"\0" * 4 + struct.pack(">I", len(text) + 1) + text + b"\0" + struct.pack(">II", 0, 0)
            + struct.pack(">HB", 0, 0) + b"\0" * 67)
    tags = [
        (b"desc", desc),
        (b"wtpt", _xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz(*green)),
        (b"gXYZ", _xyz(*red)),
        (b"bXYZ", _xyz(*blue)),
        (b"rTRC", gamma),
        (b"gTRC", gamma),
        (b"bTRC", gamma),
        (b"cprt", b"text" + b"\0" * 4 + b"none\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        while len(body) % 4:
            body += b"\0"
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = struct.pack(">I4sI4s4s4s", size, b"\0" * 4, 0x02100000, b"mntr", b"RGB ", b"XYZ ")
    header += struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24
    header += struct.pack(">I", 0) + _s15(0.9642) + _s15(1.0) + _s15(0.8249)
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + data
