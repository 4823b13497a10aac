"""Compare two versions of a cycle's prestatieafspraken: per theme what was added, removed, changed and moved."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from afsprakengen import dutch
from afsprakengen.documents.prestatieafspraken.context import SOORT_AFSPRAAK
from afsprakengen.model import Afspraak, DossierModel, Prestatieafspraken, Value
from afsprakengen.rounds.worddiff import Segment, word_diff

FieldKind = Literal["value", "text", "markdown"]
Kind = Literal["added", "removed", "changed", "moved"]
KIND_ORDER: tuple[Kind, ...] = ("added", "removed", "changed", "moved")


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between the versions."""

    field: str
    """Where it is in the YAML, e.g. `tekst`, `indicator.streefwaarde`, `doorkijk.2029`, `wederkerigheid[woonstad]`."""
    label: str
    """The Dutch name of the field for documents, e.g. 'Streefwaarde' or 'Doorkijk 2029'."""
    old: str | None
    """The old value as people read it (party names, '2e kwartaal 2027'); None when the old version has none."""
    new: str | None
    kind: FieldKind = "value"
    """`text` (a title) or `markdown` (tekst, inleiding, ...): `words` holds the word diff; `value`: old -> new."""
    words: tuple[Segment, ...] = ()

    @property
    def is_text(self) -> bool:
        """Whether the change is shown as a word diff."""
        return self.kind != "value"


@dataclass(frozen=True)
class AfspraakDiff:
    """An agreement (matched by code) that is new, gone, changed, or moved to another theme."""

    kind: Kind
    code: str
    titel: str
    """The new title (the old one for a removed agreement)."""
    changes: tuple[FieldChange, ...] = ()
    """The fields that differ; for an added agreement every field it has (old None)."""
    moved_from: str | None = None
    """The theme code in the old version, for a moved agreement."""
    moved_to: str | None = None
    """The theme code in the new version, for a moved agreement."""


@dataclass(frozen=True)
class ThemaDiff:
    """The differences within one theme."""

    code: str
    naam: str
    old_naam: str | None
    """The theme's name in the old dossier when it was renamed; None otherwise."""
    afspraken: tuple[AfspraakDiff, ...]
    """Added, removed, changed and moved-in agreements, in that order, each in document order."""
    moved_out: tuple[AfspraakDiff, ...]
    """Agreements that moved from this theme to another (each also listed, as moved, under its new theme)."""
    unchanged: tuple[str, ...]
    """Codes of the agreements that are the same in both versions."""

    @property
    def has_changes(self) -> bool:
        """Whether anything in this theme differs."""
        return bool(self.afspraken or self.moved_out or self.old_naam)


@dataclass(frozen=True)
class Counts:
    """How many agreements were added, removed, changed, moved and left unchanged."""

    added: int
    removed: int
    changed: int
    moved: int
    unchanged: int


@dataclass(frozen=True)
class Diff:
    """Everything that differs between two versions of a cycle's prestatieafspraken."""

    document: tuple[FieldChange, ...]
    """Changes outside the agreements: versie, status, datum, inleiding, wederkerigheid, voorbehouden, ..."""
    themas: tuple[ThemaDiff, ...]
    """Every theme with agreements in either version: the new dossier's order, then themes only the old one has."""

    def counts(self) -> Counts:
        """The numbers for the summary line."""
        kinds = [a.kind for t in self.themas for a in t.afspraken]
        unchanged = sum(len(t.unchanged) for t in self.themas)
        return Counts(
            kinds.count("added"), kinds.count("removed"), kinds.count("changed"), kinds.count("moved"), unchanged
        )

    @property
    def has_changes(self) -> bool:
        """Whether the versions differ at all."""
        return bool(self.document) or any(t.has_changes for t in self.themas)

    def theme_name(self, code: str) -> str:
        """The name of a theme in this diff (its code when it has none)."""
        return next((t.naam for t in self.themas if t.code == code), code)


@dataclass(frozen=True)
class Side:
    """One version's agreements, with the names its dossier gives to themes and parties."""

    pa: Prestatieafspraken
    themas: dict[str, str]
    """Theme names by code, in the dossier's order."""
    partijen: dict[str, str]
    """Party names by id."""


def side_of(m: DossierModel, pa: Prestatieafspraken) -> Side:
    """The side of a diff that a dossier's prestatieafspraken make."""
    return Side(pa, {t.code: t.naam for t in m.dossier.themas}, {p.id: p.naam for p in m.dossier.partijen})


def diff_versions(old: Side, new: Side) -> Diff:
    """The differences from old to new; agreements are matched by their code."""
    return Diff(tuple(_document_changes(old, new)), tuple(_theme_diffs(old, new)))


# --- word diff ----------------------------------------------------------------------------------------------------


# --- fields -------------------------------------------------------------------------------------------------------

Getter = Callable[[Afspraak, dict[str, str]], str | None]
Names = tuple[dict[str, str], dict[str, str]]
"""Party names by id in the old and in the new dossier."""


@dataclass(frozen=True)
class _Field:
    """A field of an agreement: its YAML path, Dutch label, whether it is text, and its readable value."""

    path: str
    label: str
    kind: FieldKind
    value: Getter


def _joined_or_none(items: Iterable[str]) -> str | None:
    return ", ".join(items) or None


def _indicator(name: str) -> Getter:
    def value(a: Afspraak, _: dict[str, str]) -> str | None:
        found = getattr(a.indicator, name) if a.indicator is not None else None
        return None if found is None else readable(found)

    return value


AFSPRAAK_FIELDS: tuple[_Field, ...] = (
    _Field("titel", "Titel", "text", lambda a, _: a.titel),
    _Field("tekst", "Tekst", "markdown", lambda a, _: a.tekst),
    _Field("soort", "Soort", "value", lambda a, _: SOORT_AFSPRAAK[a.soort]),
    _Field("trekker", "Trekker", "value", lambda a, names: names.get(a.trekker, a.trekker) if a.trekker else None),
    _Field("betrokken", "Betrokken", "value", lambda a, names: dutch.opsomming(names.get(p, p) for p in a.betrokken)),
    _Field("doelen", "Doelen", "value", lambda a, _: _joined_or_none(a.doelen)),
    _Field("activiteiten", "Activiteiten", "value", lambda a, _: _joined_or_none(a.activiteiten)),
    _Field("termijn", "Termijn", "value", lambda a, _: dutch.termijn(a.termijn) if a.termijn else None),
    _Field("indicator.naam", "Indicator", "text", _indicator("naam")),
    _Field("indicator.eenheid", "Eenheid", "value", _indicator("eenheid")),
    _Field("indicator.eenheid_enkelvoud", "Eenheid (enkelvoud)", "value", _indicator("eenheid_enkelvoud")),
    _Field("indicator.streefwaarde", "Streefwaarde", "value", _indicator("streefwaarde")),
    _Field("indicator.richting", "Richting", "value", _indicator("richting")),
    _Field("indicator.bron", "Bron", "value", _indicator("bron")),
)
"""The fields compared per agreement, in the order they are reported; the doorkijk follows per year."""


def readable(value: Value) -> str:
    """A number the Dutch way (1.234,5); text as it is."""
    return dutch.getal(value)


def change(path: str, label: str, old: str | None, new: str | None, kind: FieldKind = "value") -> FieldChange | None:
    """The change of one field, or None when old and new are the same (empty text counts as absent)."""
    old, new = old or None, new or None
    if old == new:
        return None
    words = word_diff(old or "", new or "") if kind != "value" else ()
    return FieldChange(path, label, old, new, kind, words)


def _keyed(
    path: Callable[[str], str],
    label: Callable[[str], str],
    old: dict[str, str],
    new: dict[str, str],
    kind: FieldKind,
) -> Iterator[FieldChange]:
    """Changes of items matched by key (a year, a party, a subject): new's order, then keys only old has."""
    for key in dict.fromkeys([*new, *old]):
        found = change(path(key), label(key), old.get(key), new.get(key), kind)
        if found is not None:
            yield found


def agreement_changes(old: Afspraak | None, new: Afspraak, names: Names) -> tuple[FieldChange, ...]:
    """The fields that differ between two versions of an agreement (old None: the agreement is new)."""
    found = [
        change(f.path, f.label, f.value(old, names[0]) if old else None, f.value(new, names[1]), f.kind)
        for f in AFSPRAAK_FIELDS
    ]
    outlook = _keyed(lambda y: f"doorkijk.{y}", lambda y: f"Doorkijk {y}", _outlook(old), _outlook(new), "value")
    return tuple(c for c in (*found, *outlook) if c is not None)


def _outlook(a: Afspraak | None) -> dict[str, str]:
    return {str(year): readable(value) for year, value in sorted(a.doorkijk.items())} if a else {}


# --- the document around the agreements ---------------------------------------------------------------------------


def _document_changes(old: Side, new: Side) -> Iterator[FieldChange]:
    for path, label, get, kind in DOCUMENT_FIELDS:
        found = change(path, label, get(old.pa, old.partijen), get(new.pa, new.partijen), kind)
        if found is not None:
            yield found
    shown = {**old.partijen, **new.partijen}
    for path, label, items, kind in KEYED_DOCUMENT_FIELDS:
        yield from _keyed(_item_path(path), _item_label(label, shown), items(old.pa), items(new.pa), kind)


DocGetter = Callable[[Prestatieafspraken, dict[str, str]], str | None]
DOCUMENT_FIELDS: tuple[tuple[str, str, DocGetter, FieldKind], ...] = (
    ("jaar", "Jaar", lambda pa, _: str(pa.jaar), "value"),
    ("versie", "Versie", lambda pa, _: pa.versie, "value"),
    ("status", "Status", lambda pa, _: pa.status, "value"),
    ("datum", "Datum", lambda pa, _: dutch.datum(pa.datum), "value"),
    ("partijen", "Partijen", lambda pa, names: dutch.opsomming(names.get(p, p) for p in pa.partijen), "value"),
    ("ondertekening.plaats", "Plaats van ondertekening", lambda pa, _: _signing(pa)[0], "value"),
    ("ondertekening.datum", "Datum van ondertekening", lambda pa, _: _signing(pa)[1], "value"),
    ("inleiding", "Inleiding", lambda pa, _: pa.inleiding, "markdown"),
    ("grondslag", "Grondslag", lambda pa, _: pa.grondslag, "markdown"),
    ("monitoring", "Monitoring en evaluatie", lambda pa, _: pa.monitoring, "markdown"),
    ("voorbehouden", "Voorbehouden", lambda pa, _: "\n\n".join(v.strip() for v in pa.voorbehouden), "markdown"),
)
"""The document's own fields (path, Dutch label, readable value, kind), in report order."""

ItemsGetter = Callable[[Prestatieafspraken], dict[str, str]]
KEYED_DOCUMENT_FIELDS: tuple[tuple[str, str, ItemsGetter, FieldKind], ...] = (
    ("wederkerigheid", "Wederkerigheid", lambda pa: {w.partij: w.tekst for w in pa.wederkerigheid}, "markdown"),
    (
        "niet_afgesproken",
        "Niet afgesproken",
        lambda pa: {n.onderwerp: n.toelichting or "–" for n in pa.niet_afgesproken},
        "markdown",
    ),
    ("kerncijfers", "Kerncijfer", lambda pa: {k.naam: _figure(k.waarde, k.eenheid) for k in pa.kerncijfers}, "value"),
    ("begrippen", "Begrip", lambda pa: {b.term: b.uitleg for b in pa.begrippen}, "text"),
)
"""Lists of the document whose items are matched by a key (party id, subject, name, term)."""


def _item_path(prefix: str) -> Callable[[str], str]:
    return lambda key: f"{prefix}[{key}]"


def _item_label(label: str, shown: dict[str, str]) -> Callable[[str], str]:
    return lambda key: f"{label}: {shown.get(key, key)}"


def _signing(pa: Prestatieafspraken) -> tuple[str | None, str | None]:
    """Place and readable date of signing, each None when not set."""
    signing = pa.ondertekening
    if signing is None:
        return None, None
    return signing.plaats, dutch.datum(signing.datum) if signing.datum else None


def _figure(value: Value, unit: str | None) -> str:
    return f"{readable(value)} {unit}" if unit else readable(value)


# --- themes and agreements ----------------------------------------------------------------------------------------


def _theme_diffs(old: Side, new: Side) -> Iterator[ThemaDiff]:
    old_by_code = {a.code: a for a in old.pa.afspraken}
    new_by_code = {a.code: a for a in new.pa.afspraken}
    used = {a.thema for a in (*old.pa.afspraken, *new.pa.afspraken)}
    for code in dict.fromkeys([*new.themas, *old.themas, *sorted(used)]):
        if code not in used:
            continue
        naam = new.themas.get(code) or old.themas.get(code) or code
        renamed = old.themas.get(code) if code in new.themas and old.themas.get(code, naam) != naam else None
        yield _theme_diff(code, naam, renamed, old, new, (old_by_code, new_by_code))


def _theme_diff(
    code: str, naam: str, renamed: str | None, old: Side, new: Side, by_code: tuple[dict[str, Afspraak], ...]
) -> ThemaDiff:
    names: Names = (old.partijen, new.partijen)
    entries: list[AfspraakDiff] = []
    unchanged: list[str] = []
    for a in (a for a in new.pa.afspraken if a.thema == code):
        before = by_code[0].get(a.code)
        changes = agreement_changes(before, a, names)
        if before is None:
            entries.append(AfspraakDiff("added", a.code, a.titel, changes))
        elif before.thema != code:
            entries.append(AfspraakDiff("moved", a.code, a.titel, changes, before.thema, code))
        elif changes:
            entries.append(AfspraakDiff("changed", a.code, a.titel, changes))
        else:
            unchanged.append(a.code)
    moved_out: list[AfspraakDiff] = []
    for a in (a for a in old.pa.afspraken if a.thema == code):
        after = by_code[1].get(a.code)
        if after is None:
            entries.append(AfspraakDiff("removed", a.code, a.titel))
        elif after.thema != code:
            moved_out.append(AfspraakDiff("moved", a.code, after.titel, (), code, after.thema))
    entries.sort(key=lambda e: KIND_ORDER.index(e.kind))
    return ThemaDiff(code, naam, renamed, tuple(entries), tuple(moved_out), tuple(unchanged))
