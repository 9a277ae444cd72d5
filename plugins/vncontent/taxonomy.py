"""Site-wide slug rules: one slug per article, distinct slugs for names that differ only in marks."""

from __future__ import annotations

from vntext import unique_slugs

from .errors import ContentError


def check_unique_slugs(contents, kind: str = "bài viết") -> None:
    """Raise ContentError naming both files when two contents share a slug."""
    seen: dict[str, object] = {}
    for item in sorted(contents, key=lambda c: c.source_path):
        first = seen.setdefault(item.slug, item)
        if first is not item:
            line = getattr(item, "source_lines", {}).get("slug") or getattr(item, "source_lines", {}).get("title")
            raise ContentError(
                item.source_path,
                line,
                f"hai {kind} trùng slug “{item.slug}”: {first.source_path} và {item.source_path}; "
                "hãy đổi tiêu đề hoặc thêm dòng “Slug:” khác cho một bài",
            )


def assign_taxonomy_slugs(contents) -> None:
    """Give categories, tags and authors slugs from `vntext.unique_slugs` (set before Pelican groups them)."""
    for attribute in ("category", "tags", "authors"):
        wrappers = []
        for item in contents:
            value = getattr(item, attribute, None)
            if value is None:
                continue
            wrappers.extend(value if isinstance(value, list) else [value])
        slugs = unique_slugs(w.name for w in wrappers)
        for wrapper in wrappers:
            wrapper.slug = slugs[wrapper.name]
