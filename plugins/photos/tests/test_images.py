"""The Pillow pipeline on real files: sizes, formats, orientation, colour, odd modes, no metadata, bad inputs."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from photos.config import PhotoConfig
from photos.images import PhotoError, check_complete, derivative_widths, make_derivatives
from photos.tests.imagekit import GPS_IFD, camera_photo, exif_with_gps, swapped_rgb_profile

SMALL = PhotoConfig(widths=(120, 240), thumb_size=(60, 40), social_size=(120, 63))


def derive(tmp_path: Path, image_path: Path, cfg: PhotoConfig = SMALL) -> tuple[dict, Path]:
    manifest = make_derivatives(image_path, "k" * 20, cfg, tmp_path / "cache")
    return manifest, tmp_path / "cache" / ("k" * 20)


def assert_clean(path: Path) -> None:
    """No EXIF (so no GPS), no XMP, no ICC profile: nothing but pixels."""
    with Image.open(path) as image:
        assert not image.getexif(), f"{path.name} keeps EXIF"
        for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"):
            assert key not in image.info, f"{path.name} keeps {key}"
        assert image.mode == "RGB"
    raw = path.read_bytes()
    assert b"Exif\0" not in raw and b"GPS" not in raw and b"icc" not in raw.lower()[:4096]


def test_camera_photo_derivatives(tmp_path):
    source = tmp_path / "camera.jpg"
    camera_photo(4000, 3000).save(source, quality=92, exif=exif_with_gps(1))
    with Image.open(source) as check:
        assert check.getexif().get_ifd(GPS_IFD), "the test photo must carry GPS"
    cfg = PhotoConfig()
    manifest, folder = derive(tmp_path, source, cfg)
    assert manifest["widths"] == [[480, 360], [960, 720], [1600, 1200]]
    expected = {"AVIF": "avif", "WEBP": "webp", "JPEG": "jpg"}
    for width, height in manifest["widths"]:
        for fmt, ext in expected.items():
            path = folder / f"{'k' * 20}-{width}.{ext}"
            with Image.open(path) as image:
                assert image.format == fmt
                assert image.size == (width, height)
            assert_clean(path)
    jpeg_960 = folder / f"{'k' * 20}-960.jpg"
    assert jpeg_960.stat().st_size < 150_000, jpeg_960.stat().st_size
    assert (folder / f"{'k' * 20}-960.avif").stat().st_size < jpeg_960.stat().st_size
    with Image.open(folder / f"{'k' * 20}-og.jpg") as social:
        assert social.size == (1200, 630) and social.format == "JPEG"
    for (width, height), name in zip(manifest["thumbs"], ("t360", "t720"), strict=True):
        with Image.open(folder / f"{'k' * 20}-{name}.jpg") as thumb:
            assert thumb.size == (width, height) == (int(name[1:]), int(name[1:]) * 2 // 3)
        assert_clean(folder / f"{'k' * 20}-{name}.avif")
    assert_clean(folder / f"{'k' * 20}-og.jpg")
    on_disk = {p.name: p.stat().st_size for p in folder.iterdir() if p.name != "manifest.json"}
    assert on_disk == manifest["files"]
    assert json.loads((folder / "manifest.json").read_text())["key"] == "k" * 20


def test_never_upscaled(tmp_path):
    source = tmp_path / "small.png"
    camera_photo(300, 200).save(source)
    assert derivative_widths(300, PhotoConfig()) == [300]
    assert derivative_widths(1200, PhotoConfig()) == [480, 960, 1200]
    manifest, folder = derive(tmp_path, source, PhotoConfig())
    assert manifest["widths"] == [[300, 200]]
    assert sorted(p.name.split("-")[1] for p in folder.glob("*.jpg")) == ["300.jpg", "og.jpg", "t300.jpg"]
    with Image.open(folder / f"{'k' * 20}-t300.jpg") as thumb:
        assert thumb.size == (300, 200)  # the thumbnail shape, at most the source's pixels


def test_exif_orientation_applied_and_gps_gone(tmp_path):
    image = Image.new("RGB", (300, 200), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 150, 200))  # stored: left half red, right half blue
    source = tmp_path / "rotated.jpg"
    image.save(source, quality=95, exif=exif_with_gps(6))  # 6: shown turned 90° clockwise
    manifest, folder = derive(tmp_path, source)
    assert (manifest["width"], manifest["height"]) == (200, 300)
    for ext in ("jpg", "webp", "avif"):
        path = folder / f"{'k' * 20}-120.{ext}"
        with Image.open(path) as out:
            out = out.convert("RGB")
            assert out.size == (120, 180)
            top, bottom = out.getpixel((60, 20)), out.getpixel((60, 160))
            assert top[0] > 200 and top[2] < 60, (ext, top)  # red is now on top
            assert bottom[2] > 200 and bottom[0] < 60, (ext, bottom)
        assert_clean(path)


def test_embedded_profile_converted_to_srgb(tmp_path):
    source = tmp_path / "profiled.jpg"
    Image.new("RGB", (200, 100), (200, 30, 30)).save(source, quality=95, icc_profile=swapped_rgb_profile())
    _, folder = derive(tmp_path, source)
    for ext in ("jpg", "webp", "avif"):
        path = folder / f"{'k' * 20}-120.{ext}"
        with Image.open(path) as out:
            r, g, b = out.convert("RGB").getpixel((60, 30))
        assert g > 170 and r < 70 and b < 70, (ext, (r, g, b))  # the profile's "red" is sRGB green
        assert_clean(path)


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("cmyk.jpg", lambda: Image.new("CMYK", (200, 100), (0, 255, 255, 0)), (237, 28, 36)),
        ("grey16.png", lambda: Image.new("I;16", (200, 100), 32896), (128, 128, 128)),
        ("grey.jpg", lambda: Image.new("L", (200, 100), 90), (90, 90, 90)),
        ("mono.png", lambda: Image.new("1", (200, 100), 1), (255, 255, 255)),
        ("rgba.png", lambda: Image.new("RGBA", (200, 100), (10, 20, 30, 0)), (255, 255, 255)),
        ("la.png", lambda: Image.new("LA", (200, 100), (0, 128)), (127, 127, 127)),
    ],
)
def test_modes(tmp_path, name, make, expected):
    source = tmp_path / name
    make().save(source)
    _, folder = derive(tmp_path, source)
    path = folder / f"{'k' * 20}-120.jpg"
    with Image.open(path) as out:
        assert out.mode == "RGB"
        pixel = out.getpixel((60, 30))
    assert all(abs(a - b) <= 40 for a, b in zip(pixel, expected, strict=True)), (name, pixel)
    assert_clean(path)


def test_palette_with_transparency(tmp_path):
    image = Image.new("P", (200, 100), 1)
    image.putpalette([0, 0, 0, 200, 0, 0] + [0] * 762)
    image.paste(0, (0, 0, 100, 100))
    source = tmp_path / "palette.png"
    image.save(source, transparency=0)
    _, folder = derive(tmp_path, source)
    with Image.open(folder / f"{'k' * 20}-120.jpg") as out:
        left, right = out.getpixel((20, 30)), out.getpixel((100, 30))
    assert min(left) > 230, left  # transparent: white, not black
    assert right[0] > 170 and right[1] < 50, right


def test_bad_files(tmp_path):
    good = tmp_path / "good.jpg"
    camera_photo(800, 600).save(good, quality=90)
    data = good.read_bytes()
    (tmp_path / "truncated.jpg").write_bytes(data[: len(data) // 2])
    (tmp_path / "text.jpg").write_bytes("không phải ảnh\n".encode() * 50)
    Image.new("1", (9000, 7000)).save(tmp_path / "bomb.png")  # 63 MP, a few kB on disk
    cases = {
        "truncated.jpg": "bị hỏng",
        "text.jpg": "không phải là ảnh",
        "bomb.png": "megapixel",
        "missing.jpg": "không tìm thấy",
    }
    for name, message in cases.items():
        with pytest.raises(PhotoError, match=message):
            make_derivatives(tmp_path / name, "b" * 20, PhotoConfig(), tmp_path / "cache")
    cache = tmp_path / "cache"
    assert not cache.exists() or list(cache.iterdir()) == []  # nothing half-written, no temp folder left


def test_check_complete_finds_cut_files_without_decoding(tmp_path):
    """What `make check` runs on every photo: a whole JPEG (also progressive, with an EXIF thumbnail, or followed
    by other data) passes; the same file cut anywhere in its image data does not, nor does a cut PNG."""
    photo = camera_photo(800, 600)
    thumbnail = io.BytesIO()
    photo.resize((160, 120)).save(thumbnail, "JPEG")
    exif = Image.Exif()
    exif[0x0112] = 1
    variants = {
        "plain.jpg": {"quality": 90},
        "progressive.jpg": {"quality": 90, "progressive": True},
        # A whole JPEG (with its own end marker) inside an APP segment, before the main image's data.
        "app-jpeg.jpg": {"quality": 90, "exif": exif.tobytes(), "extra": thumbnail.getvalue()},
    }
    variants["stray-bytes.jpg"] = {"quality": 90, "stray": b"\x00\x00\xff\x00"}
    for name, options in variants.items():
        buffer = io.BytesIO()
        extra = options.pop("extra", None)
        stray = options.pop("stray", None)
        photo.save(buffer, "JPEG", **options)
        data = buffer.getvalue()
        if extra is not None:
            assert len(extra) < 65_000
            segment = b"\xff\xe5" + (len(extra) + 2).to_bytes(2, "big") + extra  # APP5 holding a JPEG
            data = data[:2] + segment + data[2:]
        if stray is not None:  # junk after the APP0 segment, which libjpeg (and so Pillow) skips
            app0_end = 4 + int.from_bytes(data[4:6], "big")
            data = data[:app0_end] + stray + data[app0_end:]
            with Image.open(io.BytesIO(data)) as decoded:
                decoded.load()
        whole = tmp_path / name
        whole.write_bytes(data)
        check_complete(whole, PhotoConfig().pixel_limit)
        (tmp_path / f"trailer-{name}").write_bytes(data + b"\x00" * 100 + b"ftypmp42")  # motion photo
        check_complete(tmp_path / f"trailer-{name}", PhotoConfig().pixel_limit)
        for cut in (0.3, 0.6, 0.95):
            broken = tmp_path / f"cut-{cut}-{name}"
            broken.write_bytes(data[: int(len(data) * cut)])
            with pytest.raises(PhotoError, match="cắt cụt"):
                check_complete(broken, PhotoConfig().pixel_limit)
    png = tmp_path / "whole.png"
    photo.save(png)
    check_complete(png, PhotoConfig().pixel_limit)
    cut_png = tmp_path / "cut.png"
    cut_png.write_bytes(png.read_bytes()[: png.stat().st_size // 2])
    with pytest.raises(PhotoError, match="cắt cụt"):
        check_complete(cut_png, PhotoConfig().pixel_limit)
