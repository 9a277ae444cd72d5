"""The photo settings (PHOTOS_* in pelicanconf) with their defaults, and the fingerprint that keys the cache."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Bump when the pipeline changes what it writes: every cached derivative is then made again.
PIPELINE_VERSION = 2

MODERN_FORMATS = ("avif", "webp")
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSION = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


@dataclass(frozen=True)
class PhotoConfig:
    widths: tuple[int, ...] = (480, 960, 1600)
    formats: tuple[str, ...] = ("avif", "webp")  # offered before the JPEG fallback, in this order
    quality: dict = field(default_factory=lambda: {"jpeg": 75, "webp": 72, "avif": 55})
    thumb_size: tuple[int, int] = (360, 240)
    social_size: tuple[int, int] = (1200, 630)
    pixel_limit: int = 60_000_000
    sizes: dict = field(
        default_factory=lambda: {
            "single": "(min-width: 48rem) 44rem, 100vw",
            "group": "(min-width: 48rem) 22rem, 100vw",
            "thumb": "(min-width: 48rem) 12rem, 8rem",
        }
    )
    output_dir: str = "anh"
    cache_path: str = ".cache/photos"
    workers: int | None = None  # None: all cores

    def fingerprint(self) -> str:
        """What changes the derivatives' bytes (not where they go, not how many workers make them)."""
        relevant = {
            "version": PIPELINE_VERSION,
            "widths": list(self.widths),
            "formats": list(self.formats),
            "quality": self.quality,
            "thumb": list(self.thumb_size),
            "social": list(self.social_size),
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]

    def to_dict(self) -> dict:
        return asdict(self)


def from_settings(settings: dict) -> PhotoConfig:
    """Read PHOTOS_* settings (missing ones take the defaults); a relative cache path is taken from the cwd."""
    default = PhotoConfig()
    formats = tuple(f.lower() for f in settings.get("PHOTOS_FORMATS", default.formats))
    unknown = [f for f in formats if f not in MODERN_FORMATS]
    if unknown:
        raise ValueError(f"PHOTOS_FORMATS: unknown format(s) {unknown}; use {list(MODERN_FORMATS)}")
    quality = {**default.quality, **settings.get("PHOTOS_QUALITY", {})}
    sizes = {**default.sizes, **settings.get("PHOTOS_SIZES", {})}
    cache = Path(settings.get("PHOTOS_CACHE_PATH", default.cache_path)).expanduser()
    return PhotoConfig(
        widths=tuple(sorted(int(w) for w in settings.get("PHOTOS_WIDTHS", default.widths))),
        formats=formats,
        quality=quality,
        thumb_size=tuple(settings.get("PHOTOS_THUMB_SIZE", default.thumb_size)),
        social_size=tuple(settings.get("PHOTOS_SOCIAL_SIZE", default.social_size)),
        pixel_limit=int(settings.get("PHOTOS_PIXEL_LIMIT", default.pixel_limit)),
        sizes=sizes,
        output_dir=str(settings.get("PHOTOS_OUTPUT_DIR", default.output_dir)).strip("/"),
        cache_path=str(cache.resolve()),
        workers=settings.get("PHOTOS_WORKERS", default.workers),
    )
