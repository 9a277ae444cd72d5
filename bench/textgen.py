"""Deterministic Vietnamese articles for benchmarks and scale tests, written as the site's Markdown files.

The text is assembled from phrases we wrote ourselves, so it needs no corpus; `from_corpus` reuses the
shared corpus instead when a benchmark wants real prose.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from pelicanconf import SECTIONS

SUBJECTS = [
    "Ủy ban nhân dân tỉnh", "Hội Nông dân huyện Tân Lập", "Đoàn Thanh niên xã An Phú", "Sở Giáo dục và Đào tạo",
    "Hợp tác xã Nông nghiệp Bình Minh", "Bệnh viện Đa khoa tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Công an huyện Sơn Đông",
    "Trường Trung học phổ thông Lê Quý Đôn", "Ban Thi đua – Khen thưởng tỉnh", "Ngân hàng Chính sách xã hội",
    "Liên đoàn Lao động tỉnh", "Mặt trận Tổ quốc Việt Nam tỉnh", "người dân thôn Đồng Tâm",
]
VERBS = [
    "phát động phong trào", "tổng kết phong trào", "biểu dương", "khen thưởng", "triển khai kế hoạch",
    "đẩy mạnh", "hỗ trợ", "nhân rộng mô hình", "sơ kết", "trao tặng bằng khen cho", "ra quân hưởng ứng",
]
OBJECTS = [
    "thi đua yêu nước", "xây dựng nông thôn mới", "chuyển đổi số", "giảm nghèo bền vững", "điển hình tiên tiến",
    "dân vận khéo", "khởi nghiệp sáng tạo", "bảo vệ môi trường", "an toàn giao thông", "sản xuất lúa hữu cơ",
    "chăm sóc sức khỏe ban đầu", "xây dựng trường học thân thiện", "phát triển du lịch cộng đồng",
    "hiến máu tình nguyện", "cải cách hành chính", "trồng rừng phòng hộ", "nước sạch nông thôn",
]
PLACES = [
    "xã An Phú", "huyện Tân Lập", "thị xã Sơn Đông", "phường Bắc Hà", "xã Thượng Lâm", "huyện Lâm Sơn",
    "thành phố Sơn Hà", "xã Hòa Bình", "xã Đông Thành", "huyện Mường Khê",
]
CLAUSES = [
    "với sự tham gia của hàng nghìn đoàn viên, hội viên", "góp phần hoàn thành các chỉ tiêu kinh tế – xã hội",
    "tạo sức lan tỏa mạnh mẽ trong cộng đồng", "theo kế hoạch đã được phê duyệt từ đầu năm",
    "nhận được sự đồng tình, ủng hộ của nhân dân", "trong bối cảnh còn nhiều khó khăn về nguồn lực",
    "qua đó nâng cao đời sống vật chất và tinh thần của người dân", "với tổng kinh phí hơn {n} tỷ đồng",
    "thu hút {n} lượt người tham gia", "vượt {n}% so với kế hoạch",
]
TAGS = [
    "thi đua", "khen thưởng", "nông thôn mới", "chuyển đổi số", "giảm nghèo", "điển hình tiên tiến", "giáo dục",
    "y tế", "thanh niên", "phụ nữ", "môi trường", "du lịch", "hợp tác xã", "dân vận khéo", "an sinh xã hội",
]
AUTHORS = ["Hoàng Huy", "Minh Thư", "Quang Vinh", "Thu Hà", "Đức Anh", "Lan Phương"]


@dataclass
class GeneratedArticle:
    title: str
    date: datetime
    section: str
    tags: list[str]
    author: str
    summary: str
    paragraphs: list[str]
    slug: str
    extra: dict[str, str] = field(default_factory=dict)

    def markdown(self) -> str:
        head = [
            f"Title: {self.title}",
            f"Date: {self.date:%Y-%m-%d %H:%M}",
            f"Category: {self.section}",
            f"Tags: {', '.join(self.tags)}",
            f"Author: {self.author}",
            f"Summary: {self.summary}",
            f"Slug: {self.slug}",
        ]
        head += [f"{key}: {value}" for key, value in self.extra.items()]
        return "\n".join(head) + "\n\n" + "\n\n".join(self.paragraphs) + "\n"


def _sentence(rng: random.Random) -> str:
    clause = rng.choice(CLAUSES).format(n=rng.randint(2, 95))
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} tại {rng.choice(PLACES)}, {clause}."
    return text[0].upper() + text[1:]


def generate(n: int, seed: int = 2026, words_per_article: int = 600, start: datetime | None = None
             ) -> Iterator[GeneratedArticle]:
    """`n` articles, one every few hours backwards from `start`; the same seed gives the same text."""
    rng = random.Random(seed)
    moment = start or datetime(2026, 11, 20, 8, 0)
    for index in range(n):
        moment -= timedelta(minutes=rng.randint(30, 600))
        topic = rng.choice(OBJECTS)
        place = rng.choice(PLACES)
        title = f"{place[0].upper()}{place[1:]} {rng.choice(VERBS)} {topic} (bài {index + 1})"
        paragraphs, words = [], 0
        while words < words_per_article:
            paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        yield GeneratedArticle(
            title=title,
            date=moment,
            section=rng.choice(SECTIONS),
            tags=rng.sample(TAGS, rng.randint(2, 4)),
            author=rng.choice(AUTHORS),
            summary=_sentence(rng),
            paragraphs=paragraphs,
            slug=f"bai-{index + 1:06d}",
        )


def from_corpus(path: str | Path, n: int, start: datetime | None = None) -> Iterator[GeneratedArticle]:
    """`n` articles from the shared corpus (repeated with new slugs and titles when n is larger)."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    moment = start or datetime(2026, 11, 20, 8, 0)
    rng = random.Random(7)
    for index in range(n):
        row = rows[index % len(rows)]
        lap = index // len(rows)
        moment -= timedelta(minutes=rng.randint(20, 300))
        title = row["title"] if lap == 0 else f"{row['title']} (kỳ {lap + 1})"
        yield GeneratedArticle(
            title=title,
            date=moment,
            section=row["section"],
            tags=[],
            author=rng.choice(AUTHORS),
            summary=row["sapo"] or row["body"][:200],
            paragraphs=row["body"].split("\n\n"),
            slug=f"bai-{index + 1:06d}",
        )


def write_site(articles, content_dir: str | Path) -> int:
    """Write articles as `articles/YYYY-MM/<slug>.md` under content_dir; returns how many were written."""
    root = Path(content_dir) / "articles"
    count = 0
    for article in articles:
        folder = root / f"{article.date:%Y-%m}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{article.slug}.md").write_text(article.markdown(), encoding="utf-8")
        count += 1
    return count


CAMPAIGN_STAGES = ["đang phát động", "đã sơ kết", "đã tổng kết"]
FIELDS = ["nông nghiệp", "giáo dục", "y tế", "công nghiệp", "văn hóa", "an ninh", "dân vận"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Hà", "Đinh"]
GIVEN = ["Văn An", "Thị Hoa", "Minh Châu", "Quốc Việt", "Thị Lan", "Văn Sinh", "Đức Toàn", "Thu Trang", "Hải Nam"]


def _photo_pool(folder: Path, count: int) -> list[Path]:
    """`count` small JPEG photos (Pillow), made once; articles link to them so the pipeline dedups by hash."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    pool = []
    for index in range(count):
        path = folder / f"anh-{index:03d}.jpg"
        if not path.exists():
            rng = random.Random(index)
            image = Image.new("RGB", (1600, 1067), (rng.randint(60, 200), rng.randint(90, 200), rng.randint(60, 160)))
            draw = ImageDraw.Draw(image)
            for _ in range(12):
                x, y = rng.randint(0, 1500), rng.randint(0, 1000)
                colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
                draw.rectangle([x, y, x + rng.randint(50, 400), y + rng.randint(50, 300)], fill=colour)
            image.save(path, "JPEG", quality=80)
        pool.append(path)
    return pool


def write_archive(
    n: int,
    content_dir: str | Path,
    photo_share: float = 0.4,
    campaigns: int = 12,
    exemplars: int = 60,
    corpus: str | Path | None = None,
    seed: int = 2026,
) -> dict[str, int]:
    """A newspaper archive of `n` articles with campaigns, exemplars, tags and photos on a share of articles.

    Text comes from the corpus when given (repeated with new slugs and titles), else from `generate`. Photos
    come from a pool of 40 generated JPEGs hard-linked beside the articles, so a benchmark measures the site,
    not the photo encoder (which `bench_photos` measures on its own).
    """
    content = Path(content_dir)
    rng = random.Random(seed)
    pool = _photo_pool(content.parent / "photo-pool", 40)
    campaign_slugs = [f"phong-trao-{i + 1:02d}" for i in range(campaigns)]
    exemplar_slugs = [f"dien-hinh-{i + 1:03d}" for i in range(exemplars)]
    for folder in ("campaigns", "exemplars", "pages"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for index, slug in enumerate(campaign_slugs):
        photo = content / "campaigns" / f"{slug}.jpg"
        if not photo.exists():
            photo.hardlink_to(pool[index % len(pool)])
        (content / "campaigns" / f"{slug}.md").write_text(
            f"Title: Phong trào thi đua số {index + 1}: {OBJECTS[index % len(OBJECTS)]}\nSlug: {slug}\n"
            f"Document: Kế hoạch số {index + 10}/KH-UBND\nIssuer: Ủy ban nhân dân tỉnh Sơn Hà\n"
            f"Document_date: 2015-01-{index % 28 + 1:02d}\nStart: 2015-02-01\nScope: toàn tỉnh\n"
            f"Stage: {CAMPAIGN_STAGES[index % 3]}\nGoals: Hoàn thành các chỉ tiêu đề ra\n    Nhân rộng điển hình\n"
            f"Cover: {slug}.jpg\nCover_caption: Hoạt động của phong trào.\nCover_credit: Ảnh: PV\n\n"
            f"{_sentence(rng)} {_sentence(rng)}\n",
            encoding="utf-8",
        )
    for index, slug in enumerate(exemplar_slugs):
        photo = content / "exemplars" / f"{slug}.jpg"
        if not photo.exists():
            photo.hardlink_to(pool[(index + 7) % len(pool)])
        person = index % 3 != 0
        if person:
            name = f"{FAMILY[index % len(FAMILY)]} {GIVEN[index % len(GIVEN)]}"
        else:
            name = f"Tập thể {PLACES[index % len(PLACES)]} {index}"
        (content / "exemplars" / f"{slug}.md").write_text(
            f"Title: {name}\nSlug: {slug}\nKind: {'cá nhân' if person else 'tập thể'}\n"
            f"Unit: {SUBJECTS[index % len(SUBJECTS)]}\nCommune: xã An Phú\nDistrict: huyện Tân Lập\n"
            f"Field: {FIELDS[index % len(FIELDS)]}\nAchievements: Hoàn thành xuất sắc nhiệm vụ\n"
            f"Awards: Bằng khen của Chủ tịch UBND tỉnh | {2010 + index % 16} | Chủ tịch UBND tỉnh Sơn Hà\n"
            f"Portrait: {slug}.jpg\nPortrait_caption: {name}.\nPortrait_credit: Ảnh: PV\n"
            f"Campaigns: {campaign_slugs[index % len(campaign_slugs)]}\n\n{_sentence(rng)}\n",
            encoding="utf-8",
        )
    source = from_corpus(corpus, n) if corpus else generate(n, seed=seed)
    photos = 0
    root = content / "articles"
    for article in source:
        folder = root / f"{article.date:%Y-%m}"
        folder.mkdir(parents=True, exist_ok=True)
        if not article.tags:
            article.tags = rng.sample(TAGS, rng.randint(1, 3))
        if rng.random() < 0.25:
            article.extra["Campaigns"] = rng.choice(campaign_slugs)
        if rng.random() < 0.15:
            article.extra["Exemplars"] = rng.choice(exemplar_slugs)
        if rng.random() < photo_share:
            photo = pool[rng.randrange(len(pool))]
            target = folder / photo.name
            if not target.exists():
                target.hardlink_to(photo)
            article.extra["Cover"] = photo.name
            article.paragraphs.insert(
                1, f"![{article.title}]({photo.name})\n{article.summary}\n*Ảnh: {rng.choice(AUTHORS)}*"
            )
            photos += 1
        (folder / f"{article.slug}.md").write_text(article.markdown(), encoding="utf-8")
    return {"articles": n, "campaigns": campaigns, "exemplars": exemplars, "articles-with-photos": photos}
