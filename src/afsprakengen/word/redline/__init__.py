"""Redline: the newer of two rendered documents with every difference from the older as a Word tracked change."""

from afsprakengen.word.redline.merge import redline

__all__ = ["redline"]
