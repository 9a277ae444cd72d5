"""The Pelican generator: reads content/campaigns and content/exemplars, links them with the articles, writes pages."""

from __future__ import annotations

import logging

from pelican.generators import Generator

from vncontent.taxonomy import check_unique_slugs

from . import facets, jsonld
from .links import link_articles, link_exemplars
from .model import Campaign, Exemplar

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CAMPAIGN_PATHS": ["campaigns"],
    "EXEMPLAR_PATHS": ["exemplars"],
    "CAMPAIGN_URL": "phong-trao/{slug}/",
    "CAMPAIGN_SAVE_AS": "phong-trao/{slug}/index.html",
    "CAMPAIGNS_URL": "phong-trao/",
    "CAMPAIGNS_SAVE_AS": "phong-trao/index.html",
    "EXEMPLAR_URL": "dien-hinh/{slug}/",
    "EXEMPLAR_SAVE_AS": "dien-hinh/{slug}/index.html",
    "EXEMPLARS_URL": "dien-hinh/",
    "EXEMPLARS_SAVE_AS": "dien-hinh/index.html",
    "EXEMPLAR_FACET_URL": "dien-hinh/{facet}/{slug}/",
    "EXEMPLAR_FACET_SAVE_AS": "dien-hinh/{facet}/{slug}/index.html",
    "HONOUR_ROLL_URL": "bang-vang/",
    "HONOUR_ROLL_SAVE_AS": "bang-vang/index.html",
    "CAMPAIGNS_REGION": "tỉnh Sơn Hà",
}


class CampaignsGenerator(Generator):
    """Campaign and exemplar pages, their indexes, facet pages and the honour roll."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("readers_cache_name", "CampaignsGenerator-Readers")
        super().__init__(*args, **kwargs)
        for key, value in DEFAULTS.items():
            self.settings.setdefault(key, value)
            self.context.setdefault(key, self.settings[key])
        templates = self.settings.setdefault("PAGINATED_TEMPLATES", {})
        templates.setdefault("campaign", None)
        templates.setdefault("exemplar", None)
        self.campaigns: list[Campaign] = []
        self.exemplars: list[Exemplar] = []

    def _read(self, paths, content_class):
        entries = []
        for path in sorted(self.get_files(paths)):
            entry = self.readers.read_file(
                base_path=self.path, path=path, content_class=content_class, context=self.context
            )
            entry.parse()
            if entry.status not in entry.allowed_statuses:
                raise entry.error("status", f"trạng thái “{entry.status}” không hợp lệ; chỉ dùng: published, draft")
            self.add_source_path(entry)
            entries.append(entry)
        kind = "phong trào" if content_class is Campaign else "điển hình"
        check_unique_slugs(entries, kind=kind)
        return entries

    def generate_context(self):
        all_campaigns = self._read(self.settings["CAMPAIGN_PATHS"], Campaign)
        all_exemplars = self._read(self.settings["EXEMPLAR_PATHS"], Exemplar)
        self.campaigns = facets.order_campaigns([c for c in all_campaigns if c.status == "published"])
        self.exemplars = facets.order_exemplars([e for e in all_exemplars if e.status == "published"])
        link_exemplars(all_exemplars, self.campaigns, all_campaigns)
        articles = [
            *self.context.get("articles", []),
            *self.context.get("drafts", []),
            *self.context.get("hidden_articles", []),
        ]
        link_articles(articles, self.context.get("articles", []), all_campaigns, all_exemplars)
        for campaign in self.campaigns:
            campaign.exemplars = facets.order_exemplars(campaign.exemplars)
        url, save_as = self.settings["EXEMPLAR_FACET_URL"], self.settings["EXEMPLAR_FACET_SAVE_AS"]
        self.exemplar_facets = facets.build_facets(self.exemplars, url, save_as)
        self.context["campaigns"] = self.campaigns
        self.context["exemplars"] = self.exemplars
        self.context["campaign_groups"] = facets.group_campaigns(self.campaigns)
        self.context["exemplar_facets"] = self.exemplar_facets
        self.readers.save_cache()

    def _write(self, writer, save_as, template, **kwargs):
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            **kwargs,
        )

    def generate_output(self, writer):
        # Every page also gets `shown`: plain data of what it shows from other campaigns and exemplars, so the
        # incremental writer's fingerprint changes whenever any of it does.
        siteurl = self.settings.get("SITEURL", "")
        region = self.settings["CAMPAIGNS_REGION"]
        facet_nav = [(f.facet, f.name, f.url, len(f.exemplars)) for vs in self.exemplar_facets.values() for f in vs]
        for campaign in self.campaigns:
            self._write(
                writer,
                campaign.save_as,
                campaign.template,
                paginated={"articles": campaign.articles},
                template_name="campaign",
                url=campaign.url,
                campaign=campaign,
                shown=[card_data(e) for e in campaign.exemplars],
                structured_data=jsonld.dumps(jsonld.campaign_data(campaign, siteurl, region)),
            )
        for exemplar in self.exemplars:
            self._write(
                writer,
                exemplar.save_as,
                exemplar.template,
                paginated={"articles": exemplar.articles},
                template_name="exemplar",
                url=exemplar.url,
                exemplar=exemplar,
                shown=[[(c.url, c.title, c.stage) for c in exemplar.campaign_list], facet_nav],
                structured_data=jsonld.dumps(jsonld.exemplar_data(exemplar, siteurl, region)),
            )
        self._write(
            writer,
            self.settings["CAMPAIGNS_SAVE_AS"],
            "campaigns",
            url=self.settings["CAMPAIGNS_URL"],
            shown=[(stage, [campaign_card_data(c) for c in items]) for stage, items in self.context["campaign_groups"]],
        )
        listings = [(None, self.settings["EXEMPLARS_SAVE_AS"], self.settings["EXEMPLARS_URL"], self.exemplars)]
        listings += [(v, v.save_as, v.url, v.exemplars) for values in self.exemplar_facets.values() for v in values]
        for value, save_as, url, listed in listings:
            self._write(
                writer,
                save_as,
                "exemplars",
                url=url,
                facet_value=value,
                listed_exemplars=listed,
                shown=[facet_nav, len(self.exemplars), [card_data(e) for e in listed]],
            )
        roll = facets.honour_roll(self.exemplars)
        self._write(
            writer,
            self.settings["HONOUR_ROLL_SAVE_AS"],
            "honour_roll",
            url=self.settings["HONOUR_ROLL_URL"],
            honour_roll=roll,
            shown=[
                (
                    year,
                    name,
                    [
                        (
                            h.exemplar.url,
                            h.exemplar.title,
                            h.exemplar.kind,
                            h.exemplar.unit,
                            h.exemplar.locality,
                            h.award.body,
                        )
                        for h in entries
                    ],
                )
                for year, groups in roll
                for name, entries in groups
            ],
        )


def card_data(exemplar) -> tuple:
    """What a list card shows of an exemplar: passed to the writer so an incremental build notices its changes."""
    thumb = getattr(exemplar.cover, "thumb", None) if exemplar.cover else None
    return (
        exemplar.url,
        exemplar.title,
        exemplar.kind,
        exemplar.field,
        exemplar.district,
        exemplar.unit,
        [tuple(a) for a in exemplar.awards],
        thumb,
    )


def campaign_card_data(campaign) -> tuple:
    """What a list card shows of a campaign (see `card_data`)."""
    thumb = getattr(campaign.cover, "thumb", None) if campaign.cover else None
    return (
        campaign.url,
        campaign.title,
        campaign.stage,
        campaign.start,
        campaign.end,
        campaign.scope,
        campaign.document,
        campaign.issuer,
        len(campaign.exemplars),
        len(campaign.articles),
        thumb,
    )
