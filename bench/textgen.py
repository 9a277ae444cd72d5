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

SECTIONS = [
    "Thi đua – Khen thưởng",
    "Điển hình tiên tiến",
    "Kinh tế",
    "Xã hội",
    "Nông nghiệp – Nông thôn",
    "Giáo dục – Y tế",
]
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
        title = f"{rng.choice(PLACES).capitalize()} {rng.choice(VERBS)} {topic} (bài {index + 1})"
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
