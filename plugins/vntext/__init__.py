"""Vietnamese text core: NFC normalisation, slugs, folding keys, syllables and dates.

Pure functions only, no Pelican imports: every plugin of the site uses this one module for Vietnamese text,
so slugs, search keys and dates agree everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from unidecode import unidecode

__all__ = [
    "SLUG_RE",
    "TZ",
    "clean_text",
    "dropped_characters",
    "fold",
    "format_date",
    "format_datetime",
    "format_month",
    "iso_datetime",
    "nfc",
    "normalize_tones",
    "slugify",
    "syllables",
    "telex",
    "to_local",
    "unique_slugs",
]

# zoneinfo finds this through the `tzdata` package where the OS has no zone files.
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX_LENGTH = 80

# Combining marks that carry a tone (huyền, sắc, hỏi, ngã, nặng).
_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_VOWELS = set("aăâeêioôơuưy")
# Vowels that already carry a quality mark; the tone always sits on one of them.
_MARKED_VOWELS = set("ăâêôơư")
# Open syllables whose tone position differs between the old ("hoà") and new ("hòa") style.
_AMBIGUOUS_CLUSTERS = {"oa", "oe", "uy"}
# Control characters other than tab and newline never belong in content, nor do bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069): in a Vietnamese text they only serve to disguise one.
# Nor do the invisible characters pasted from web pages and Word (soft hyphen, zero-width space, word joiner, a
# byte-order mark inside the text): unseen, they split a word for search and slugs ("kiểm\u200bthử"). The
# zero-width (non-)joiners U+200C/U+200D stay: emoji sequences need them.
_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_SYLLABLE_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the one form the site stores and compares."""
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """NFC-normalise and drop control characters (keeping tab and newline), bidi overrides and invisible
    characters (`_CONTROL_RE`)."""
    return nfc(_CONTROL_RE.sub("", text))  # dropped first: a mark after a dropped character must compose


def dropped_characters(text: str) -> list[str]:
    """The characters `clean_text` drops from `text`, each once, in order of appearance."""
    return list(dict.fromkeys(_CONTROL_RE.findall(text)))


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


def _split_tone(syllable: str) -> tuple[str, str]:
    """Return (syllable without its tone mark, tone mark or '') keeping quality marks (â, ơ, ư...)."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONES and not tone:
            tone = ch
        elif ch not in _TONES:
            kept.append(ch)
    return nfc("".join(kept)), tone


def _canonical_syllable(syllable: str) -> str:
    """Move the tone of an old-style open syllable (hoà, thuỷ, uý) to the new-style vowel (hòa, thủy, úy)."""
    base, tone = _split_tone(syllable)
    if not tone:
        return syllable
    lower = base.lower()
    start = 0
    # In "qu" and "gi" + vowel, the u / i belong to the consonant.
    if lower.startswith("qu") or (lower.startswith("gi") and len(lower) > 2 and lower[2] in _VOWELS):
        start = 2
    while start < len(lower) and lower[start] not in _VOWELS:
        start += 1
    end = start
    while end < len(lower) and lower[end] in _VOWELS:
        end += 1
    cluster = lower[start:end]
    if cluster not in _AMBIGUOUS_CLUSTERS or end != len(lower):
        return syllable
    target = start  # new style: the first vowel of oa / oe / uy
    return nfc(base[:target] + nfc(base[target] + tone) + base[target + 1 :])


def normalize_tones(text: str) -> str:
    """NFC text with old-style tone placement (hoà, thuỷ) rewritten to the new style (hòa, thủy).

    Only the open oa/oe/uy syllables are touched: they are the only ones where the two styles differ.
    """
    text = nfc(text)
    return _WORD_RE.sub(lambda m: _canonical_syllable(m.group(0)), text)


def fold(text: str) -> str:
    """Matching key: lower case, every mark removed, đ -> d; NFD and NFC input fold alike."""
    return _strip_marks(nfc(text)).lower()


def _ascii_words(text: str) -> str:
    folded = fold(text)
    # Letters that are not Vietnamese (ß, ø, Chinese...) get unidecode's transliteration.
    if not folded.isascii():
        folded = unidecode(folded).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def _truncate_slug(slug: str, limit: int = SLUG_MAX_LENGTH) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut.strip("-")


def slugify(text: str) -> str:
    """URL slug: "Đẩy nhanh tiến độ" -> "day-nhanh-tien-do". Empty when the text has no letter or digit."""
    return _truncate_slug(_ascii_words(text))


_TELEX_VOWELS = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}


def telex(text: str) -> str:
    """Lossless ASCII spelling of Vietnamese as typed with Telex: "nhà thờ" -> "nhaf thowf"."""
    out = []
    for word in re.split(r"(\W+)", nfc(text).lower()):
        if not word or not word[0].isalnum():
            out.append(word)
            continue
        base, tone = _split_tone(word)
        spelled = "".join(_TELEX_VOWELS.get(ch, ch) for ch in base)
        out.append(spelled + _TONES.get(tone, ""))
    return "".join(out)


def unique_slugs(names) -> dict[str, str]:
    """Map each distinct name to a slug, keeping names that differ only in marks apart.

    Names equal after NFC, tone placement and case folding are one name. When two different names share a plain slug
    ("nhà thờ" / "nhà thơ" -> "nha-tho"), each of them gets its Telex slug ("nhaf-thowf" / "nhaf-thow"),
    which stays readable to anyone who types Vietnamese.
    """
    by_key: dict[str, list[str]] = {}
    # Each distinct name once: a site's tags and sections repeat on every article (60,000 names, a few hundred
    # distinct, at 10,000 articles).
    for name in dict.fromkeys(names):
        by_key.setdefault(normalize_tones(name).casefold(), []).append(name)
    groups: dict[str, list[str]] = {}
    for key in by_key:
        groups.setdefault(slugify(key), []).append(key)
    result: dict[str, str] = {}
    for plain, keys in groups.items():
        spelled = {key: _truncate_slug(_ascii_words(telex(key))) for key in keys}
        # Names that differ only in punctuation ("Kinh tế", "Kinh tế!") spell alike: they are one name.
        distinct = len(set(spelled.values())) > 1
        for key in keys:
            for name in by_key[key]:
                result[name] = spelled[key] if distinct else plain
    return result


def syllables(text: str) -> list[str]:
    """Split text into syllables (and numbers such as 1,5 or 2.000), dropping punctuation; NFC, case kept."""
    return _SYLLABLE_RE.findall(nfc(text))


_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def to_local(moment: datetime) -> datetime:
    """The moment in Asia/Ho_Chi_Minh; a naive datetime is taken to be local time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=TZ)
    return moment.astimezone(TZ)


def format_date(moment: datetime) -> str:
    """ "09/01/2025" """
    # datetime's own strftime: Pelican's SafeDatetime overrides it with a much slower one (same output here).
    return datetime.strftime(to_local(moment), "%d/%m/%Y")


def format_datetime(moment: datetime) -> str:
    """ "Thứ Năm, 09/01/2025 - 08:30", weekday names without any OS locale."""
    local = to_local(moment)
    return f"{_WEEKDAYS[local.weekday()]}, {datetime.strftime(local, '%d/%m/%Y - %H:%M')}"


def format_month(moment: datetime) -> str:
    """ "Tháng 1/2025" for archive headings."""
    local = to_local(moment)
    return f"Tháng {local.month}/{local.year}"


def iso_datetime(moment: datetime) -> str:
    """ISO 8601 with the +07:00 offset, for <time datetime>, feeds and JSON-LD."""
    return to_local(moment).isoformat(timespec="seconds")
