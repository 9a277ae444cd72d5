"""Static facet pages of the exemplar index, the campaigns index order and the honour roll (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vntext import fold, unique_slugs

from .model import CAMPAIGN_STAGES

# Facet name -> (path segment in the URL, heading, how to read the values of an exemplar)
FACETS = {
    "field": ("linh-vuc", "Lĩnh vực", lambda e: [e.field]),
    "district": ("dia-ban", "Địa bàn", lambda e: [e.district]),
    "kind": ("loai", "Loại", lambda e: [e.kind]),
    "year": ("nam", "Năm khen thưởng", lambda e: [str(y) for y in e.award_years]),
}


@dataclass
class FacetValue:
    facet: str  # "field", "district", "kind", "year"
    name: str  # what the reader sees: "nông nghiệp", "huyện Tân Lập", "cá nhân", "2024"
    slug: str
    url: str
    save_as: str
    exemplars: list = field(default_factory=list)

    @property
    def heading(self) -> str:
        return FACETS[self.facet][1]


def sort_key(text: str) -> tuple[str, str]:
    """Alphabetical order for Vietnamese names that a reader expects (marks ignored first, then kept)."""
    return (fold(text), text)


def build_facets(exemplars, url_pattern: str, save_as_pattern: str) -> dict[str, list[FacetValue]]:
    """Every facet with its values (and the exemplars having each value), in reading order."""
    facets: dict[str, list[FacetValue]] = {}
    for facet, (segment, _heading, values_of) in FACETS.items():
        names = sorted({v for e in exemplars for v in values_of(e) if v}, key=sort_key)
        if facet == "year":
            names.sort(reverse=True)
        slugs = unique_slugs(names)
        values = []
        for name in names:
            slug = slugs[name] or "khac"
            fmt = {"facet": segment, "slug": slug}
            members = [e for e in exemplars if name in values_of(e)]
            url, save_as = url_pattern.format(**fmt), save_as_pattern.format(**fmt)
            values.append(FacetValue(facet, name, slug, url, save_as, members))
        facets[facet] = values
    return facets


def order_exemplars(exemplars) -> list:
    return sorted(exemplars, key=lambda e: sort_key(e.title))


def order_campaigns(campaigns) -> list:
    """Active campaigns first, then by stage (sơ kết before tổng kết); newest start first within a stage."""
    by_start = sorted(campaigns, key=lambda c: (c.start, c.slug), reverse=True)
    return sorted(by_start, key=lambda c: CAMPAIGN_STAGES.index(c.stage))


def group_campaigns(campaigns) -> list[tuple[str, list]]:
    """[(stage, campaigns)] in the index's order, stages without a campaign left out."""
    ordered = order_campaigns(campaigns)
    return [
        (stage, [c for c in ordered if c.stage == stage])
        for stage in CAMPAIGN_STAGES
        if any(c.stage == stage for c in ordered)
    ]


@dataclass
class HonourEntry:
    award: object  # model.Award
    exemplar: object


def honour_roll(exemplars) -> list[tuple[int, list[tuple[str, list[HonourEntry]]]]]:
    """[(year, [(award name, [entries])])]: newest year first, awards alphabetically, recipients by name."""
    by_year: dict[int, dict[str, list[HonourEntry]]] = {}
    for exemplar in exemplars:
        for award in exemplar.awards:
            by_year.setdefault(award.year, {}).setdefault(award.name, []).append(HonourEntry(award, exemplar))
    roll = []
    for year in sorted(by_year, reverse=True):
        awards = by_year[year]
        groups = []
        for name in sorted(awards, key=sort_key):
            entries = sorted(awards[name], key=lambda h: (h.exemplar.kind != "tập thể", sort_key(h.exemplar.title)))
            groups.append((name, entries))
        roll.append((year, groups))
    return roll
