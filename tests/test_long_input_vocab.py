"""The lower-case words of a document (kb.ingest.extract._lower_vocab) read from its
distinct stretches between white space: the same set as one search of the whole text."""

import random

from kb.ingest.extract import _LOWER_WORD, _lower_vocab


def test_same_words_as_the_whole_text_search():
    rnd = random.Random(9)
    alphabet = "ab-’' \n\tX1_é.,\x1c\u2028\u00a0"
    for _ in range(5000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        assert _lower_vocab(s) == set(_LOWER_WORD.findall(s)), repr(s)
    text = "the group's rock- n roll, don't stop; Tehran-based x-ray 1988-era a\u00a0b " * 300
    assert _lower_vocab(text) == set(_LOWER_WORD.findall(text))


def test_the_distinct_stretches_are_searched_once_together(monkeypatch):
    import kb.ingest.extract as X

    calls = []

    class Counting:
        def findall(self, s):
            calls.append(s)
            return _LOWER_WORD.findall(s)

    monkeypatch.setattr(X, "_LOWER_WORD", Counting())
    assert X._lower_vocab("the group said that its members were held " * 5000) == {
        "the", "group", "said", "that", "its", "members", "were", "held"}
    assert len(calls) == 1 and sorted(calls[0].split()) == sorted(
        {"the", "group", "said", "that", "its", "members", "were", "held"})
