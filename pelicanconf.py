"""Pelican settings for local preview (`make html`, `make devserver`): relative URLs, drafts visible."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Our plugins import each other (`import vntext`), so their folder is on the path.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

AUTHOR = "Báo Sơn Hà"
SITENAME = "Báo Sơn Hà"
SITESUBTITLE = "Thi đua yêu nước – Điển hình tiên tiến"
SITE_DESCRIPTION = (
    "Tin tức phong trào thi đua yêu nước, điển hình tiên tiến và đời sống kinh tế – xã hội tỉnh Sơn Hà."
)
PUBLISHER = "Báo Sơn Hà – Ban Thi đua – Khen thưởng tỉnh Sơn Hà"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Editors' photos are never copied as they are (they carry EXIF and GPS); the photo plugin publishes
# cleaned derivatives instead.
STATIC_PATHS = []
IGNORE_FILES = [".#*", "*.jpg", "*.jpeg", "*.png", "*.webp", "PHOTOS.md", "README.md"]

TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
LOCALE = ("C.UTF-8", "C")  # Vietnamese dates come from vntext, never from the OS locale.
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
DEFAULT_PAGINATION = 12
# Every listing is paginated, so no page grows with the archive.
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None, "period_archives": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
# The home page's address is the site root (its canonical), so "Trang trước" on page 2 leads to "/", not to a
# second address "/index.html".
INDEX_URL = ""

# Sections (Pelican categories) in the order the site shows them; `make check` accepts only these.
SECTIONS = [
    "Thi đua – Khen thưởng",
    "Điển hình tiên tiến",
    "Kinh tế",
    "Xã hội",
    "Nông nghiệp – Nông thôn",
    "Giáo dục – Y tế",
]
DEFAULT_CATEGORY = "Xã hội"

# One language only: two articles with one slug are an error, never "translations".
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}.html"
ARTICLE_SAVE_AS = ARTICLE_URL
DRAFT_URL = "ban-nhap/{slug}.html"
DRAFT_SAVE_AS = DRAFT_URL
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "chu-de/{slug}/"
TAG_SAVE_AS = "chu-de/{slug}/index.html"
TAGS_SAVE_AS = "chu-de/index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = "tac-gia/{slug}/index.html"
AUTHORS_SAVE_AS = "tac-gia/index.html"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "luu-tru/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""

# Preview shows the editor's drafts on a page of their own.
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "drafts"]
DRAFTS_SAVE_AS = "ban-nhap/index.html"
TEMPLATE_PAGES = {"404.html": "404.html"}

THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
# Plugins in the order their signals must run. Every one is a package in plugins/.
# seo runs after incremental: its sitemap lists the pages left once incremental has removed stale ones.
# `sanitize` stays LAST: it cleans the body HTML after every other plugin has touched it.
PLUGINS = [
    "vncontent", "checker", "campaigns", "photos", "feeds", "related", "incremental", "search", "neighbours", "seo",
    "fingerprint", "sanitize",
]  # fmt: skip

# --- per-plugin settings: each plugin adds its block below, under its own heading ---

# --- incremental (plugins/incremental) ---
INCREMENTAL = True
# A cold archive's articles are read by two processes when more than 200 need reading (incremental/parallel_read.py).
INCREMENTAL_PARALLEL_READ = True
# Templates whose pages are skipped when their fingerprint is unchanged; the others always re-render.
INCREMENTAL_TEMPLATES = ["article", "page", "category", "tag", "author", "period_archives", "index",
                         "campaign", "exemplar"]

# --- theme (theme/) ---
# Zalo documents only its JavaScript share button; this plain share address works without the SDK (see README).
SHARE_ZALO_URL = "https://sp.zalo.me/share_inline?url="

# --- seo (plugins/seo) ---
# Absolute address for canonical links, Open Graph and sitemaps when SITEURL is relative (preview builds).
SEO_SITEURL = "https://baosonha.vn"
# Output files kept out of search engines and sitemaps: the 404 page, drafts, and the search page (its results are
# other pages of the site).
SEO_NOINDEX = ["404.html", "ban-nhap/*", "tim-kiem/index.html"]
SEO_DEFAULT_IMAGE = {"src": "theme/img/social-default.png", "width": 1200, "height": 630, "type": "image/png",
                     "alt": "Báo Sơn Hà – Thi đua yêu nước, điển hình tiên tiến"}
SEO_LOGO = {"src": "theme/img/logo.png", "width": 600, "height": 60}
SEO_SITEMAP_MAX_URLS = 50_000
SEO_NEWS_MAX_URLS = 1_000
SEO_NEWS_DAYS = 2
# Google News sitemap window: None counts SEO_NEWS_DAYS back from the newest article (reproducible builds);
# "build" from the build time; an ISO date-time ("2026-11-20T00:00+07:00") from then.
SEO_NEWS_NOW = None

# --- photos (plugins/photos) ---
# Derivative widths (never upscaled), modern formats offered before the JPEG fallback, encoder qualities (a very
# detailed 960 px news photo stays near 110 KB in JPEG, less in WebP and AVIF), list thumbnails (1x; a 2x is made
# too), the social image.
PHOTOS_WIDTHS = [480, 960, 1600]
PHOTOS_FORMATS = ["avif", "webp"]
PHOTOS_QUALITY = {"jpeg": 75, "webp": 72, "avif": 55}
PHOTOS_THUMB_SIZE = [360, 240]
PHOTOS_SOCIAL_SIZE = [1200, 630]
# `sizes` of body photos, photo groups and list thumbnails (match the theme's column widths).
PHOTOS_SIZES = {
    "single": "(min-width: 48rem) 44rem, 100vw",
    "group": "(min-width: 48rem) 22rem, 100vw",
    "thumb": "(min-width: 48rem) 12rem, 8rem",
}
PHOTOS_OUTPUT_DIR = "anh"
# Derivatives by content hash + settings: a rebuild with unchanged photos does no image work.
PHOTOS_CACHE_PATH = str(ROOT / ".cache" / "photos")
PHOTOS_PIXEL_LIMIT = 60_000_000  # larger images are refused (decompression bombs)
PHOTOS_WORKERS = None  # processes for new photos; None = all cores

# --- related (plugins/related) ---
# "Có thể bạn quan tâm" and "Tin cùng chuyên mục" under each article. `make bench-related` ranks with these same
# values (plugins/related/defaults.py explains each one).
RELATED_COUNT = 5
SAME_SECTION_COUNT = 6
# RELATED_WEIGHTS and RELATED_TEXT (field weights, shared campaigns/tags, recency, LSA) keep the defaults of
# plugins/related/defaults.py, which explains each; set them here only to change them. Two of them are editorial
# choices, so they are spelled out: a mild preference for recent articles that only decides between near-equal
# candidates (an article a year older keeps 95 % of its lead over the article's average candidate, not of its whole
# score), and text similarity that weighs broad topics above fine ones (the latent cosine averaged over the leading
# 100, 50, 25, 12, 6 and 3 directions).
RELATED_WEIGHTS = {"recency": 0.1, "half_life_days": 365.0, "recency_margin": True}
RELATED_TEXT = {"latent_scales": True}

# Editors write Markdown only.
READERS = {"rst": None, "htm": None, "html": None}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        # `align` attributes instead of inline styles (the Content-Security-Policy forbids inline styles).
        "markdown.extensions.tables": {"use_align_attribute": True},
    },
    "output_format": "html5",
}

# Addresses shared by plugins and templates (campaigns, exemplars, search, feeds). `{slug}` and `{format}`
# ("rss" or "atom") are filled in by whoever writes or links the file.
CAMPAIGN_URL = "phong-trao/{slug}/"
CAMPAIGNS_URL = "phong-trao/"
EXEMPLAR_URL = "dien-hinh/{slug}/"
EXEMPLARS_URL = "dien-hinh/"
HONOUR_ROLL_URL = "bang-vang/"
SEARCH_URL = "tim-kiem/"
FEEDS_PAGE_URL = "tin-rss/"
FEED_PATHS = {
    "site": "feeds/tin-moi.{format}.xml",
    "category": "feeds/chuyen-muc/{slug}.{format}.xml",
    "tag": "feeds/chu-de/{slug}.{format}.xml",
    "campaign": "feeds/phong-trao/{slug}.{format}.xml",
    "exemplar": "feeds/dien-hinh/{slug}.{format}.xml",
}

# --- search (plugins/search) ---
# The results page is SEARCH_URL; the index the reader's browser fetches lives under it.
SEARCH_SAVE_AS = SEARCH_URL + "index.html"
SEARCH_INDEX_PATH = SEARCH_URL + "chi-muc/"

# Pelican's own feeds are off in every build: the feeds plugin writes them (block "feeds" below).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# --- checker (plugins/checker) ---
# `make check`: the sapo (Summary) length range in characters, the earliest date an article may carry and how far
# ahead it may be scheduled, and the hosts whose links are internal links.
CHECKER_SAPO_LENGTH = (80, 400)
# Longer titles are cut in search results, Google News and link previews: a warning, not an error.
CHECKER_TITLE_MAX = 110
CHECKER_DATE_MIN = "1945-01-01"
CHECKER_DATE_MAX_DAYS_AHEAD = 366
CHECKER_SITE_HOSTS = ["baosonha.vn", "www.baosonha.vn"]
# `make devserver` turns this on: the checker's report is printed after every rebuild.
CHECKER_REPORT_ON_BUILD = False
# The site clock (scheduling, `make check`'s date range) is the real time unless the environment variable
# SITE_NOW ("2026-12-01 06:00", local time) says otherwise.

# --- feeds (plugins/feeds) ---
# Every feed is written with feedgen at the FEED_PATHS above, in preview and publish builds alike, with the
# "Tin RSS" page (FEEDS_PAGE_URL) and one OPML file. Links inside feeds are absolute: in the preview they point at
# `make serve`; publishconf.py sets FEED_DOMAIN = SITEURL.
FEED_DOMAIN = "http://127.0.0.1:8000"
# Authority of the `tag:` URIs that identify entries and feeds. Never change it: readers would see every article
# as new. It is not SITEURL, so a new domain or a staging address keeps the ids.
FEEDS_ID_AUTHORITY = "baosonha.vn,2026"
FEEDS_MAX_ITEMS = {"site": 50, "category": 20, "tag": 20, "campaign": 20, "exemplar": 20}
FEEDS_OPML_PATH = "feeds/bao-son-ha.opml"
FEEDS_PAGE_SAVE_AS = "tin-rss/index.html"

MENU_SECTIONS = SECTIONS
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False

# Rebuilds are incremental (plugins/incremental): the output folder is kept, and reading is cached.
DELETE_OUTPUT_DIRECTORY = False
CACHE_PATH = str(ROOT / ".cache" / "pelican")
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
# The reading cache is rewritten at every build: uncompressed it is a few times larger but costs no gzip level 9.
GZIP_CACHE = False

# --- campaigns (plugins/campaigns) ---
# Campaign and exemplar files (Markdown, read like articles); their pages, indexes, facet pages and honour roll.
CAMPAIGN_PATHS = ["campaigns"]
EXEMPLAR_PATHS = ["exemplars"]
CAMPAIGN_SAVE_AS = "phong-trao/{slug}/index.html"
CAMPAIGNS_SAVE_AS = "phong-trao/index.html"
EXEMPLAR_SAVE_AS = "dien-hinh/{slug}/index.html"
EXEMPLARS_SAVE_AS = "dien-hinh/index.html"
# Static pages narrowing the exemplars by one facet: linh-vuc (field), dia-ban (district), loai (kind), nam (year).
EXEMPLAR_FACET_URL = "dien-hinh/{facet}/{slug}/"
EXEMPLAR_FACET_SAVE_AS = "dien-hinh/{facet}/{slug}/index.html"
HONOUR_ROLL_SAVE_AS = "bang-vang/index.html"
# The place named in the structured data of campaign and exemplar pages.
CAMPAIGNS_REGION = "tỉnh Sơn Hà"
# A campaign's and an exemplar's news are paginated like the other listings (phong-trao/<slug>/trang/2/).
PAGINATED_TEMPLATES = {**PAGINATED_TEMPLATES, "campaign": None, "exemplar": None}
# The indexes, facet pages and honour roll take part in incremental builds too (each page is given, as `shown`,
# the plain data it shows from other entries, for its fingerprint).
INCREMENTAL_TEMPLATES = [*INCREMENTAL_TEMPLATES, "campaigns", "exemplars", "honour_roll"]

# --- sanitize (plugins/sanitize) ---
# Every `{{ ... }}` in our templates is HTML-escaped; only sanitised body HTML (`content`) is output with `|safe`.
# auto_reload off: each build makes a new environment anyway, and Jinja would otherwise stat every template
# file on every include of every page (a tenth of an archive's build time).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True,
                     "auto_reload": False}
# Video embeds (<iframe>) in articles are kept only from these hosts and their subdomains (https only). Keep
# deploy/nginx.conf's `frame-src` in step with this list.
SANITIZE_IFRAME_HOSTS = ["youtube-nocookie.com", "truyenhinh.sonha.gov.vn"]
