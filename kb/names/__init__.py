"""Names: the keys that make two spellings one name, the resolution order, and the
name finder for any English text.

* :mod:`~kb.names.normalize`: fold, skeleton and word keys of a name, slugs;
* :mod:`~kb.names.resolve`: which entities a typed name stands for;
* the name finder (:mod:`~kb.names.find`, loaded only where names are found):
  :mod:`~kb.names.tokens` (segmentation), :mod:`~kb.names.candidates`,
  :mod:`~kb.names.filters`, :mod:`~kb.names.typing`, :mod:`~kb.names.linking`,
  with its word lists (:mod:`~kb.names.lexicon`) and place gazetteer
  (:mod:`~kb.names.gazetteer`).
"""

from .normalize import STOPWORDS, fold, keys, skeleton, skeleton_of_fold, slugify, split_compound, strip_accents, words

__all__ = ["STOPWORDS", "fold", "keys", "skeleton", "skeleton_of_fold", "slugify", "split_compound", "strip_accents", "words"]
