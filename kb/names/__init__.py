"""Names: the keys that make two spellings one name, and the resolution order.

* :mod:`~kb.names.normalize`: fold, skeleton and word keys of a name, slugs;
* :mod:`~kb.names.resolve`: which entities a typed name stands for.
"""

from .normalize import STOPWORDS, fold, keys, skeleton, skeleton_of_fold, slugify, split_compound, strip_accents, words

__all__ = ["STOPWORDS", "fold", "keys", "skeleton", "skeleton_of_fold", "slugify", "split_compound", "strip_accents", "words"]
