"""Default settings of the related plugin; pelicanconf.py repeats them under its `related` heading.

The site and the benchmark both read the settings through `settings_from`, so they rank with the same values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULTS: dict[str, Any] = {
    # Links in "Có thể bạn quan tâm" and in "Tin cùng chuyên mục".
    "RELATED_COUNT": 5,
    "SAME_SECTION_COUNT": 6,
    # Score of a candidate = text similarity + shared metadata, then a mild preference for recent articles.
    "RELATED_WEIGHTS": {
        # How many times one syllable of the title / sapo counts against one of the body.
        "title": 3.0,
        "sapo": 2.0,
        "body": 1.0,
        # Added to the text cosine (0..1) for each campaign, exemplar or tag the two articles share.
        "campaign": 0.5,
        "exemplar": 0.5,
        "tag": 0.15,
        # Recency: an article `half_life_days` older than the newest one keeps (1 - recency / 2) of its score, or with
        # `recency_margin` of its lead over the mean score of the article's candidates. The best candidates' scores
        # lie close together: a factor on the whole score let age displace a quarter of the links of the benchmark
        # corpus (dates unrelated to the text there), a factor on the lead about 5 %: a mild preference that decides
        # between near-equals.
        "recency": 0.1,
        "half_life_days": 365.0,
        "recency_margin": True,
    },
    # How text becomes vectors (general rules for Vietnamese, not fitted to any one archive).
    "RELATED_TEXT": {
        "bigrams": True,  # syllable pairs: "thi đua", "điển hình"
        "stop_words": True,  # drop function words (stopwords.py) as single syllables
        "numbers": False,  # numbers (2005, 1,5) as terms
        "saturation": "bm25",  # "bm25", "log" (1 + log tf) or "raw"
        "k1": 1.2,
        "b": 0.75,
        "max_df": 0.25,  # terms in more than this share of the articles say nothing about a topic
        "min_df": 2,  # terms of one article only cannot link two articles
        "workers": 0,  # processes for the text pass of a large archive (0 = one per core)
        # Who is compared with whom (linear in the archive; see neighbours.py): each article asks with its
        # `query_terms` strongest terms, each term answers with its `posting_docs` strongest articles, and the best
        # `candidates` answers are scored exactly.
        "query_terms": 128,
        "posting_docs": 32,
        "candidates": 20,
        # Latent semantic analysis (latent.py): text similarity = (1 - latent_share) x cosine of the TF-IDF rows +
        # latent_share x cosine in the space of the `latent_dims` strongest SVD directions (0 = exact terms only).
        # 100 directions is the classic LSA choice; a few power iterations make the randomized SVD accurate.
        "latent_share": 0.5,
        "latent_dims": 100,
        "latent_iterations": 4,
        # The SVD is fitted on at most this many articles spread over the archive, and every article is projected
        # on it: a few thousand articles already hold the archive's topics, and the cost stays linear.
        "latent_sample": 5000,
        "latent_candidates": 20,  # nearest articles in the latent space added to the candidates (exact search)
        # The latent cosine is the mean of the cosines over the leading 100, 50, 25, 12, 6 and 3 directions (latent.py:
        # no one granularity of topic fits every pair, so each halving of the scale counts alike); False = one cosine
        # over all `latent_dims` directions.
        "latent_scales": True,
        # Pseudo-relevance feedback in the latent space (Rocchio): each article's point moves towards the mean of its
        # `feedback_docs` nearest ones, with this weight (0 = off).
        "feedback_docs": 10,
        "feedback_weight": 0.5,
    },
}


def settings_from(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """Our settings from a Pelican settings mapping (or a settings module's globals), defaults filled in."""
    settings = settings or {}
    result: dict[str, Any] = {}
    for key, default in DEFAULTS.items():
        value = settings.get(key, default)
        result[key] = {**default, **value} if isinstance(default, dict) else value
    return result
