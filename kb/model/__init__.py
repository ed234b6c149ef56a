"""The domain model: the JSON contract of records, and claims with their disagreements.

* :mod:`~kb.model.records`: store records turned into the objects users see;
* :mod:`~kb.model.claims`: comparing what sources claim, finding disagreements.
"""
