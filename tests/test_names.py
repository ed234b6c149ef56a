"""Name keys and name resolution, with the corpus's spelling variants."""

import pytest

from kb.names import fold, skeleton, split_compound, words
from kb.query import KB, Ambiguous, Unknown

from conftest import MINI

VARIANTS = [
    ("Masoud Rajavi", "Massoud Rajavi"),
    ("Hanif-nejad", "Hanifnejad"),
    ("Saeed Mohsen", "Saeid Mohsen"),
    ("Rouhollah Khomeini", "Ruhollah Khomeini"),
    ("Mojahedin", "Mujahedin"),
    ("Qassem Soleimani", "Ghasem Soleimani"),
]


@pytest.mark.parametrize("a,b", VARIANTS)
def test_transliterations_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("  Éje'i ") == "ejei"
    assert fold("PMOI/MEK") == "pmoi mek"
    assert fold("Hanif-nejad") == fold("HANIFNEJAD")
    assert words("People's Mojahedin Organization of Iran") == ["peoples", "mojahedin", "organization", "iran"]
    assert split_compound("PMOI / MEK") == ["PMOI", "MEK"]


def test_different_names_stay_apart():
    assert skeleton("Rajavi") != skeleton("Rajabi")


@pytest.fixture
def mini():
    kb = KB(path=MINI)
    yield kb
    kb.close()


@pytest.mark.parametrize("name,expected", [
    ("Massoud Rajavi", "massoud-rajavi"),
    ("masoud rajavi", "massoud-rajavi"),
    ("MASSOUD RAJAVI", "massoud-rajavi"),
    ("Hanif-nejad", "mohammad-hanifnejad"),
    ("Mohammad Hanif nejad", "mohammad-hanifnejad"),
    ("Rouhollah Khomeini", "ruhollah-khomeini"),
    ("Ruhollah Khomeini", "ruhollah-khomeini"),
    ("MEK", "mek"), ("PMOI", "mek"), ("pmoi/mek", "mek"), ("MEK / PMOI", "mek"),
    ("Mujahedin", "mek"), ("Mojahedin", "mek"),
    ("maryam-rajavi", "maryam-rajavi"),
])
def test_resolution_accepts_variants(mini, name, expected):
    assert mini.resolve(name)["id"] == expected


def test_ambiguous_name_lists_candidates(mini):
    with pytest.raises(Ambiguous) as err:
        mini.resolve("Rajavi")
    assert {c["id"] for c in err.value.candidates} == {"massoud-rajavi", "maryam-rajavi"}


def test_unknown_name_suggests_nearest(mini):
    with pytest.raises(Unknown) as err:
        mini.resolve("Masood Rajabi")
    assert "Massoud Rajavi" in err.value.suggestions[:2]


def test_unknown_name_with_nothing_near(mini):
    with pytest.raises(Unknown):
        mini.resolve("Zzyzx Qwerty")


SHIPPED = [
    ("Massoud Rajavi", "massoud-rajavi"), ("Masoud Rajavi", "massoud-rajavi"),
    ("Hanif-nejad", "mohammad-hanifnejad"), ("Hanifnejad", "mohammad-hanifnejad"),
    ("Saeed Mohsen", "saeed-mohsen"), ("Saeid Mohsen", "saeed-mohsen"),
    ("Rouhollah Khomeini", "ruhollah-khomeini"), ("Ruhollah Khomeini", "ruhollah-khomeini"),
    ("Mojahedin", "mek"), ("Mujahedin-e Khalq", "mek"), ("MEK", "mek"), ("PMOI", "mek"),
    ("PMOI/MEK", "mek"), ("MEK Iran", "mek"), ("NCRI", "ncri"), ("IRGC", "irgc"),
]


@pytest.mark.parametrize("name,expected", SHIPPED)
def test_shipped_knowledge_base_resolves_corpus_spellings(name, expected):
    kb = KB()
    try:
        assert kb.resolve(name)["id"] == expected
    finally:
        kb.close()


def test_near_transliteration_resolves_without_guessing_between_people(mini):
    assert mini.resolve("Massud Rajavy")["id"] == "massoud-rajavi"
