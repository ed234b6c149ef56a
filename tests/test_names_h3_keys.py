"""The fast name keys of kb.names.normalize against their rules as written, on generated
texts: skeleton_of_fold against skeleton_plain (texts dense in the letters the rules
rewrite), fold against fold_plain (every ASCII character, and texts that are not ASCII)."""

import random

from kb.names.normalize import fold, fold_plain, skeleton, skeleton_of_fold, skeleton_plain


def _texts(n: int, alphabet: str, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(n)]


def test_fast_skeleton_is_the_plain_one_on_folded_texts():
    # every pair a rule rewrites (ou oo ee ei ie ey gh kh w ph), repeats, spaces, digits
    for t in _texts(4000, "aeiouyghkwpfhsnt e0", 1) + _texts(1000, "eiouy ", 2):
        assert skeleton_of_fold(t) == skeleton_plain(t), t


def test_fast_skeleton_is_the_plain_one_on_any_text():
    # not folded: capitals, line breaks (a vowel after one is kept), tabs, accents
    for t in _texts(3000, "aeioOUEyY\n\tghkwph éß", 3):
        assert skeleton_of_fold(t) == skeleton_plain(t), repr(t)


def test_known_skeletons():
    for a, b in [("Massoud", "Masoud"), ("Saeed", "Saeid"), ("Rouhollah", "Ruhollah"),
                 ("Mojahedin", "Mujahedin")]:
        assert skeleton(a) == skeleton(b) == skeleton_plain(fold(a))
    assert skeleton_of_fold("massoud rajavi") == "msdrjv"
    assert skeleton_of_fold("") == "" and skeleton_of_fold("a") == "a"


def test_fast_fold_is_the_plain_one():
    ascii_chars = "".join(chr(c) for c in range(128))
    for t in _texts(4000, ascii_chars, 4) + _texts(1000, "aé’‘ʼ-‐ Ü\u00a0ßİK/.", 5):
        assert fold(t) == fold_plain(t), repr(t)
    assert fold("Hanif-nejad") == "hanifnejad" and fold("PMOI/MEK") == "pmoi mek"
    assert fold("Eje'i") == "ejei" and fold("  Rouhollah\tKhomeini ") == "rouhollah khomeini"
