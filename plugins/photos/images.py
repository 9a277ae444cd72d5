"""Pillow work on one photo: open it safely, orient it, convert it to sRGB 8-bit RGB and write every derivative.

Everything here runs in worker processes; errors come back as `PhotoError` with a Vietnamese message (the caller
adds the article file and line). Published files carry no metadata: no EXIF, no GPS, no XMP, no ICC profile (pixels
are converted to sRGB, which is what an untagged image means on the web).
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .config import EXTENSION, PhotoConfig

Image.LOAD_TRUNCATED_IMAGES = False
SWAPPING_ORIENTATIONS = {5, 6, 7, 8}
_SRGB = None


class PhotoError(Exception):
    """A photo that cannot be published; the message is Vietnamese, for the editor."""


def _srgb_profile():
    global _SRGB
    if _SRGB is None:
        _SRGB = ImageCms.createProfile("sRGB")
    return _SRGB


def open_checked(path: str | os.PathLike, pixel_limit: int) -> Image.Image:
    """Open the header only; refuse what is not an image and anything over the pixel limit."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except FileNotFoundError:
        raise PhotoError("không tìm thấy tệp ảnh") from None
    except IsADirectoryError:
        raise PhotoError("đường dẫn ảnh là một thư mục, không phải tệp ảnh") from None
    except UnidentifiedImageError:
        raise PhotoError("tệp không phải là ảnh (Pillow không nhận ra định dạng)") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(f"ảnh quá lớn (trên {pixel_limit / 1e6:g} megapixel): có thể là “bom giải nén”") from None
    except (OSError, SyntaxError, ValueError):
        raise PhotoError("tệp ảnh bị hỏng: Pillow không đọc được phần đầu tệp") from None
    width, height = image.size
    if width * height > pixel_limit:
        image.close()
        raise PhotoError(
            f"ảnh quá lớn: {width}×{height} = {width * height / 1e6:.1f} megapixel, vượt giới hạn "
            f"{pixel_limit / 1e6:g} megapixel (có thể là “bom giải nén”); hãy thu nhỏ ảnh trước khi đưa lên"
        )
    if width < 1 or height < 1:
        raise PhotoError("ảnh có kích thước bằng 0")
    return image


_TRUNCATED = "tệp ảnh bị hỏng hoặc không đầy đủ (bị cắt cụt khi chép hay tải lên?): hãy chép lại ảnh gốc"
_JPEG_END = b"\xff\xd9"


def _jpeg_scan_start(data: bytes) -> int:
    """Offset of the first start-of-scan marker of the main image, walking the segments (so an EXIF thumbnail,
    a whole JPEG inside a segment, is skipped); len(data) when there is none."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            # Stray bytes between segments (some cameras and editors write them; libjpeg skips them too).
            at = data.find(b"\xff", at)
            if at < 0:
                return len(data)
            continue
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
        elif marker == 0xDA:
            return at
        elif marker in (0x00, 0x01) or 0xD0 <= marker <= 0xD8:  # no length: junk "FF 00", TEM, RSTn, SOI
            at += 2
        else:
            at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return len(data)


def check_complete(path: str | os.PathLike, pixel_limit: int) -> None:
    """`open_checked`, then whether the file holds all of its image data, without decoding the pixels (that is
    the build's job; `make check` runs this on every photo of the site).

    A JPEG must have its end marker after the start of its image data: inside that data a 0xFF byte is only
    followed by 0x00 or a restart marker, so the end marker cannot occur there by chance, and data after it (a
    phone's motion-photo video) does not matter. A PNG must have every chunk whole, with its CRC, up to IEND
    (Pillow's `verify`). Other formats are rare for photos and are decoded in full."""
    image = open_checked(path, pixel_limit)
    try:
        if image.format in ("JPEG", "MPO"):
            with open(path, "rb") as handle:
                data = handle.read()
            if data.find(_JPEG_END, _jpeg_scan_start(data)) < 0:
                raise PhotoError(_TRUNCATED)
        elif image.format == "PNG":
            image.verify()
        else:
            image.load()
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        raise PhotoError(_TRUNCATED) from None
    finally:
        image.close()


def oriented_size(image: Image.Image) -> tuple[int, int]:
    """The size the reader sees, after the EXIF orientation is applied."""
    width, height = image.size
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block is dropped anyway
        orientation = 1
    return (height, width) if orientation in SWAPPING_ORIENTATIONS else (width, height)


def _needed_scale(size: tuple[int, int], cfg: PhotoConfig) -> float:
    """The smallest scale of the oriented original from which every derivative can still be made."""
    width, height = size
    scale = min(1.0, max(cfg.widths) / width)
    tw, th = cfg.thumb_size
    scale = max(scale, min(1.0, max(2 * tw / width, 2 * th / height)))
    sw, sh = cfg.social_size
    scale = max(scale, min(1.0, max(sw / width, sh / height)))
    return min(1.0, scale)


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent pixels over white (photos are shown on a white page; JPEG has no alpha)."""
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    background.alpha_composite(rgba)
    return background.convert("RGB")


def to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Any Pillow mode (CMYK, 16-bit, palette, grey, with alpha) to 8-bit sRGB RGB, honouring an ICC profile."""
    mode = image.mode
    if mode.startswith("I;16") or mode == "I":
        image = image.convert("I") if mode != "I" else image
        image = image.point(lambda v: v * (1 / 256)).convert("L")
    elif mode in ("F", "1"):
        image = image.convert("L")
    elif mode in ("P", "PA"):
        has_alpha = mode == "PA" or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    if image.mode in ("RGBA", "LA", "La", "RGBa"):
        image = _flatten(image)
        # Flattening keeps the pixel values of the source colour space; the profile still applies below.
    if icc and image.mode in ("RGB", "L", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(
                image, source, _srgb_profile(), outputMode="RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            image = image.convert("RGB")  # an unusable profile: treat the pixels as sRGB
    if image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {}
    return image


def load(path: str | os.PathLike, cfg: PhotoConfig) -> Image.Image:
    """Decode the photo (at a reduced JPEG scale when that loses nothing), oriented, sRGB, without metadata."""
    image = open_checked(path, cfg.pixel_limit)
    try:
        size = oriented_size(image)
        icc = image.info.get("icc_profile")
        if image.format == "JPEG":
            scale = _needed_scale(size, cfg)
            width, height = image.size
            image.draft(image.mode, (math.ceil(width * scale), math.ceil(height * scale)))
        try:
            image.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise PhotoError(_TRUNCATED) from None
        if getattr(image, "n_frames", 1) > 1:
            image.seek(0)
        try:
            transposed = ImageOps.exif_transpose(image)
        except Exception:  # unreadable EXIF: keep the pixels as stored
            transposed = image
        return to_srgb(transposed, icc)
    finally:
        image.close()


def derivative_widths(width: int, cfg: PhotoConfig) -> list[int]:
    """The widths made for a photo `width` pixels wide: never upscaled, the original width when it is smaller."""
    widths = [w for w in cfg.widths if w <= width]
    if width < max(cfg.widths) and width not in widths:
        widths.append(width)
    return widths


def thumb_sizes(width: int, height: int, cfg: PhotoConfig) -> list[tuple[int, int]]:
    """1x and 2x list thumbnails (cropped to the thumbnail shape), never upscaled."""
    tw, th = cfg.thumb_size
    result = []
    for density in (1, 2):
        w, h = tw * density, th * density
        fit = min(1.0, width / w, height / h)
        size = (max(1, round(w * fit)), max(1, round(h * fit)))
        if size not in result:
            result.append(size)
    return result


def _encode(image: Image.Image, fmt: str, cfg: PhotoConfig) -> bytes:
    buffer = io.BytesIO()
    quality = cfg.quality[fmt]
    if fmt == "jpeg":
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0")
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality, method=3)
    elif fmt == "avif":
        image.save(buffer, "AVIF", quality=quality, speed=9, max_threads=1, subsampling="4:2:0")
    else:  # pragma: no cover - config.from_settings refuses other formats
        raise ValueError(fmt)
    return buffer.getvalue()


def make_derivatives(source: str | os.PathLike, key: str, cfg: PhotoConfig, cache_dir: str | os.PathLike) -> dict:
    """Write every derivative of `source` into `cache_dir/<key>/` (atomically: a temp dir renamed at the end) and
    return its manifest. Raises PhotoError."""
    final = Path(cache_dir) / key
    image = load(source, cfg)
    width, height = image.size
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=cache_dir))
    files: dict[str, int] = {}
    formats = ["jpeg", *cfg.formats]

    def write(name: str, data: bytes) -> None:
        (tmp / name).write_bytes(data)
        files[name] = len(data)

    try:
        widths = []
        for w in sorted(derivative_widths(width, cfg), reverse=True):
            h = max(1, round(height * w / width))
            resized = image if (w, h) == image.size else image.resize((w, h), Image.LANCZOS, reducing_gap=3.0)
            for fmt in formats:
                write(f"{key}-{w}.{EXTENSION[fmt]}", _encode(resized, fmt, cfg))
            widths.append([w, h])
        thumbs = []
        for tw, th in thumb_sizes(width, height, cfg):
            thumb = ImageOps.fit(image, (tw, th), Image.LANCZOS, centering=(0.5, 0.4))
            for fmt in formats:
                write(f"{key}-t{tw}.{EXTENSION[fmt]}", _encode(thumb, fmt, cfg))
            thumbs.append([tw, th])
        social = ImageOps.fit(image, tuple(cfg.social_size), Image.LANCZOS, centering=(0.5, 0.4))
        write(f"{key}-og.jpg", _encode(social, "jpeg", cfg))
        manifest = {
            "key": key,
            "width": width,
            "height": height,
            "widths": sorted(widths),
            "thumbs": sorted(thumbs),
            "social": list(cfg.social_size),
            "formats": formats,
            "files": files,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        try:
            os.rename(tmp, final)
        except OSError:
            if not (final / "manifest.json").exists():  # another build made it meanwhile: theirs is the same
                raise
            shutil.rmtree(tmp, ignore_errors=True)
        return manifest
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
