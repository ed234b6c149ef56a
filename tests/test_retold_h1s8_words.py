"""A stored event's words read in one pass (:func:`kb.ingest.dedupe.text_words`, its path for
two ASCII texts whose words have all been met) are those :func:`kb.ingest.dedupe.content_words`
gives the title and the summary read apart: stems, stopwords and short words aside, the kinds
of event each tells (a kind told only by the summary is not the title's)."""

from __future__ import annotations

import random

from kb.ingest import dedupe
from kb.ingest.dedupe import content_words, text_words

PAIRS = [
    ("Rockets fell on Abadan", "The council met in Tehran."),        # a kind in the title only
    ("Council met", "Gunmen stormed the embassy; three were killed."),  # kinds in the summary only
    ("Attack on the port", "Missiles struck the port again"),        # the same kind in both
    ("Won't stop: the mayor's men", "well-known co-operative `quoted' text"),  # joiners
    ("the that with", "from which there"),                           # stopwords only
    ("a an to", "of in"),                                            # short words only
    ("Strike 1988", "1,200 workers struck on 12 May 1988"),          # digits
    ("Tehran", "Tehran Tehran"),                                     # the same words
]


def _apart(title: str, summary: str):
    tw = content_words(title)
    return tw, (tw | content_words(summary) if summary else tw)


def test_words_read_together_are_those_read_apart():
    r = random.Random(8)
    vocab = ("attack attacked rockets killed shot executed arrested detained protest marched the with "
             "council Tehran 1988 dies died abc it's co-op WORKERS Strikes").split()
    pairs = PAIRS + [(" ".join(r.choices(vocab, k=r.randrange(1, 6))), " ".join(r.choices(vocab, k=r.randrange(1, 14))))
                     for _ in range(300)]
    for title, summary in pairs:
        dedupe._FINAL.clear()
        first = text_words(title, summary)   # words not met yet: read apart
        again = text_words(title, summary)   # every word met: read together
        assert first == again == _apart(title, summary), (title, summary)
        assert type(again[0]) is frozenset and type(again[1]) is frozenset


def test_a_kind_the_summary_tells_is_not_the_titles():
    text_words("Council met", "Gunmen stormed the embassy")  # every word met
    title, both = text_words("Council met", "Gunmen stormed the embassy")
    assert "~attack" in both and "~attack" not in title
    title, both = text_words("Rockets fell", "The council met")
    assert "~attack" in title and "~attack" in both


def test_a_text_not_ascii_is_read_apart():
    for title, summary in [("Kämpfe in Zürich", "rockets fell"), ("Rockets", "Protesters in Zürich marched")]:
        assert text_words(title, summary) == _apart(title, summary)
