"""schema.org structured data for campaign and exemplar pages, serialised safely for a <script> element."""

from __future__ import annotations

import json


def dumps(data: dict) -> str:
    """JSON that cannot end its <script> element early nor open a comment: <, > and & are \\u-escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def absolute(siteurl: str, url: str) -> str:
    """Absolute address when the site has one; a root-relative path in a preview build without SITEURL."""
    if siteurl.startswith(("http://", "https://")):
        return f"{siteurl.rstrip('/')}/{url}"
    return f"/{url}"


def _image(entry, siteurl: str) -> str | None:
    cover = getattr(entry, "cover", None)
    social = getattr(cover, "social", None) if cover else None
    if isinstance(social, dict) and social.get("src"):
        return absolute(siteurl, social["src"])
    return None


def exemplar_data(exemplar, siteurl: str, region: str) -> dict:
    """`Person` (cá nhân) or `Organization` (tập thể) with `award`, address and unit."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person" if exemplar.is_person else "Organization",
        "name": exemplar.title,
        "url": absolute(siteurl, exemplar.url),
        "award": [f"{a.name} {a.year} ({a.body})" for a in exemplar.awards],
        "address": {
            "@type": "PostalAddress",
            "addressLocality": exemplar.locality,
            "addressRegion": region,
            "addressCountry": "VN",
        },
    }
    if exemplar.description:
        data["description"] = exemplar.description
    if exemplar.is_person:
        data["affiliation"] = {"@type": "Organization", "name": exemplar.unit}
    elif exemplar.unit and exemplar.unit != exemplar.title:
        data["alternateName"] = exemplar.unit
    if exemplar.field:
        data["knowsAbout"] = exemplar.field
    image = _image(exemplar, siteurl)
    if image:
        data["image"] = image
    return data


def campaign_data(campaign, siteurl: str, region: str) -> dict:
    """The campaign page as a `CollectionPage` (the news and exemplars of one campaign): its period
    (`temporalCoverage`, open-ended while the campaign runs), the province (`spatialCoverage`), the issuing body
    (`sourceOrganization`), the launching document (`isBasedOn`) and the exemplars it honours (`mentions`).

    Not an `Event`: a campaign runs for years with no venue, and search engines read `Event` as something one
    attends (their event results then ask for an address and a ticketed time)."""
    period = campaign.start.date().isoformat() + "/" + (campaign.end.date().isoformat() if campaign.end else "..")
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": campaign.title,
        "url": absolute(siteurl, campaign.url),
        "inLanguage": "vi",
        "temporalCoverage": period,
        "spatialCoverage": {"@type": "AdministrativeArea", "name": region},
        "sourceOrganization": {"@type": "Organization", "name": campaign.issuer},
        "isBasedOn": {
            "@type": "CreativeWork",
            "name": campaign.document,
            "datePublished": campaign.document_date.date().isoformat(),
            "publisher": {"@type": "Organization", "name": campaign.issuer},
        },
    }
    if campaign.description:
        data["description"] = campaign.description
    image = _image(campaign, siteurl)
    if image:
        data["image"] = image
    if campaign.exemplars:
        data["mentions"] = [
            {
                "@type": "Person" if e.is_person else "Organization",
                "name": e.title,
                "url": absolute(siteurl, e.url),
            }
            for e in campaign.exemplars
        ]
    return data
