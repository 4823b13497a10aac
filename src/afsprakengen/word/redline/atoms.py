"""Paragraph text as characters (atoms) with their run formatting, and runs made from them again."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Hashable
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element

from afsprakengen.word.redline.elements import canon, char_of
from afsprakengen.word.redline.tags import BOOKMARKS, IGNORED_IN_RUN, PPR, RPR, SPECIAL_CHARS, R, T


@dataclass(frozen=True)
class Atom:
    """One character of a paragraph with the run formatting it has (a tab or break keeps its element)."""

    char: str
    rpr: _Element | None
    key: Hashable
    special: _Element | None = None


@dataclass(frozen=True)
class PlainText:
    """A paragraph of plain runs as characters, with the bookmarks before and after its text."""

    atoms: list[Atom]
    leading: list[_Element]
    trailing: list[_Element]

    @property
    def text(self) -> str:
        return "".join(atom.char for atom in self.atoms)

    @staticmethod
    def of(p: _Element, keep_anchors: bool) -> PlainText | None:
        """None when the paragraph holds more than runs of text, tabs and breaks (or bookmarks inside its text)."""
        atoms: list[Atom] = []
        leading: list[_Element] = []
        trailing: list[_Element] = []
        for child in p:
            if child.tag in BOOKMARKS:
                if keep_anchors:
                    (trailing if atoms else leading).append(child)
                continue
            if child.tag in (PPR, qn("w:proofErr")):
                continue
            found = _run_atoms(child) if child.tag == R else None
            if found is None or (found and trailing):
                return None
            atoms.extend(found)
        return PlainText(atoms, leading, trailing)


def _run_atoms(run: _Element) -> list[Atom] | None:
    rpr = run.find(RPR)
    key = canon(rpr)
    atoms: list[Atom] = []
    for child in run:
        if child.tag == T:
            atoms.extend(Atom(char, rpr, key) for char in child.text or "")
        elif child.tag in SPECIAL_CHARS:
            atoms.append(Atom(char_of(child), rpr, key, child))
        elif child.tag not in IGNORED_IN_RUN:
            return None
    return atoms


def pair_key(old: Atom, new: Atom) -> tuple[Hashable, Hashable]:
    return new.key, old.key


def runs_of(atoms: list[Atom], deleted: bool = False) -> list[_Element]:
    return [run_of(list(group), deleted) for _, group in itertools.groupby(atoms, lambda atom: atom.key)]


def run_of(atoms: list[Atom], deleted: bool) -> _Element:
    """A w:r with the atoms' formatting and their text (w:delText when deleted), tabs and breaks."""
    run = OxmlElement("w:r")
    if atoms[0].rpr is not None:
        run.append(copy.deepcopy(atoms[0].rpr))
        for stale in run[0].findall(qn("w:rPrChange")):
            run[0].remove(stale)
    for special, group in itertools.groupby(atoms, lambda atom: atom.special):
        if special is not None:
            run.extend(copy.deepcopy(atom.special) for atom in group)
            continue
        text = OxmlElement("w:delText" if deleted else "w:t")
        text.text = "".join(atom.char for atom in group)
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(text)
    return run
