"""The context of the wijzigingsoverzicht: a diff of two versions of the prestatieafspraken, for the meeting."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from markdown_it.token import Token

from afsprakengen import dutch
from afsprakengen.rounds.compare import AfspraakDiff, Diff, FieldChange, ThemaDiff
from afsprakengen.rounds.versions import Version
from afsprakengen.rounds.worddiff import Segment, word_diff
from afsprakengen.word.mdparse import parse

PIECE_KINDS = {"equal": "gelijk", "delete": "weg", "insert": "nieuw"}
ENTRY_WORDS = {"added": "nieuw", "removed": "vervallen", "changed": "gewijzigd", "moved": "verplaatst"}
ONLY_MARKUP = "(alleen de opmaak is gewijzigd)"
ARROW = " → "


@dataclass(frozen=True)
class DeelCtx:
    """A piece of text: `gelijk` (unchanged), `weg` (deleted: struck through) or `nieuw` (inserted)."""

    soort: str
    tekst: str


@dataclass(frozen=True)
class AlineaCtx:
    """One paragraph of a change, as pieces."""

    delen: tuple[DeelCtx, ...]


@dataclass(frozen=True)
class WijzigingCtx:
    """One changed part (a field) with what changed in it, paragraph by paragraph (always at least one)."""

    onderdeel: str
    alineas: tuple[AlineaCtx, ...]


@dataclass(frozen=True)
class AfspraakWijzigingCtx:
    """An agreement that is new, has lapsed, changed, or moved to another theme."""

    code: str
    titel: str
    wat: str
    """'nieuw', 'vervallen', 'gewijzigd' or 'verplaatst van thema Beschikbaarheid'."""
    wijzigingen: tuple[WijzigingCtx, ...]
    """For a new agreement its content; otherwise the parts that changed."""


@dataclass(frozen=True)
class ThemaWijzigingCtx:
    """The changes within one theme."""

    code: str
    naam: str
    hernoemd: WijzigingCtx | None
    """The old name struck through and the new one, when the theme was renamed."""
    samenvatting: str
    """E.g. '1 nieuw, 2 gewijzigd en 5 ongewijzigd' or 'geen wijzigingen (8 afspraken)'."""
    afspraken: tuple[AfspraakWijzigingCtx, ...]
    verplaatst_naar: tuple[str, ...]
    """Agreements that moved out of this theme, e.g. 'BESCH-08 Verkoop → Betaalbaarheid'."""
    ongewijzigd: str
    """Codes of the unchanged agreements, e.g. 'WZ-02, WZ-03'; empty when there are none."""


@dataclass(frozen=True)
class VersieCtx:
    """One of the two versions compared."""

    label: str
    versie: str
    status: str
    datum: date


@dataclass(frozen=True)
class TellingCtx:
    """How many agreements are new, lapsed, changed, moved and unchanged."""

    nieuw: int
    vervallen: int
    gewijzigd: int
    verplaatst: int
    ongewijzigd: int


@dataclass(frozen=True)
class WijzigingsoverzichtCtx:
    """Everything the wijzigingsoverzicht template can use; versie, status and datum are the new version's."""

    titel: str
    gemeente: str
    jaar: int
    versie: str
    status: str
    concept: bool
    datum: date
    oud: VersieCtx
    nieuw: VersieCtx
    telling: TellingCtx
    gewijzigd: bool
    algemeen: tuple[WijzigingCtx, ...]
    """Changes outside the agreements: versie, datum, inleiding, wederkerigheid, ..."""
    themas: tuple[ThemaWijzigingCtx, ...]


def build_wijzigingsoverzicht(diff: Diff, old: Version, new: Version) -> WijzigingsoverzichtCtx:
    """The context of the wijzigingsoverzicht of a diff from old to new."""
    pa = new.afspraken
    c = diff.counts()
    return WijzigingsoverzichtCtx(
        titel=f"Wijzigingsoverzicht prestatieafspraken {new.jaar}",
        gemeente=new.model.dossier.gemeente.naam,
        jaar=new.jaar,
        versie=pa.versie,
        status=pa.status,
        concept=pa.status == "concept",
        datum=pa.datum,
        oud=_versie(old),
        nieuw=_versie(new),
        telling=TellingCtx(c.added, c.removed, c.changed, c.moved, c.unchanged),
        gewijzigd=diff.has_changes,
        algemeen=tuple(wijziging(f) for f in diff.document),
        themas=tuple(_thema(t, diff) for t in diff.themas),
    )


def _versie(v: Version) -> VersieCtx:
    pa = v.afspraken
    return VersieCtx(v.label, pa.versie, pa.status, pa.datum)


def _thema(t: ThemaDiff, diff: Diff) -> ThemaWijzigingCtx:
    renamed = None
    if t.old_naam:
        renamed = WijzigingCtx("Naam", (_scalar(t.old_naam, t.naam),))
    return ThemaWijzigingCtx(
        code=t.code,
        naam=t.naam,
        hernoemd=renamed,
        samenvatting=_theme_summary(t),
        afspraken=tuple(_afspraak(a, diff) for a in t.afspraken),
        verplaatst_naar=tuple(f"{a.code} {a.titel}{ARROW}{diff.theme_name(a.moved_to or '')}" for a in t.moved_out),
        ongewijzigd=", ".join(t.unchanged),
    )


def _theme_summary(t: ThemaDiff) -> str:
    if not t.afspraken and not t.moved_out:
        n = len(t.unchanged)
        return f"Geen wijzigingen in de afspraken ({n} {'afspraak' if n == 1 else 'afspraken'})."
    kinds = [a.kind for a in t.afspraken]
    parts = [f"{kinds.count(k)} {word}" for k, word in ENTRY_WORDS.items() if k in kinds]
    parts += [f"{len(t.moved_out)} naar een ander thema"] if t.moved_out else []
    parts += [f"{len(t.unchanged)} ongewijzigd"] if t.unchanged else []
    return dutch.opsomming(parts).capitalize() + "."


def _afspraak(a: AfspraakDiff, diff: Diff) -> AfspraakWijzigingCtx:
    wat = ENTRY_WORDS[a.kind]
    if a.kind == "moved":
        wat = f"verplaatst van thema {diff.theme_name(a.moved_from or '')}"
    if a.kind == "added":
        parts = tuple(_content(f) for f in a.changes if f.field != "titel")
    else:
        parts = tuple(wijziging(f) for f in a.changes)
    if a.kind == "moved":
        theme = _scalar(diff.theme_name(a.moved_from or ""), diff.theme_name(a.moved_to or ""))
        parts = (WijzigingCtx("Thema", (theme,)), *parts)
    return AfspraakWijzigingCtx(a.code, a.titel, wat, parts)


def _content(f: FieldChange) -> WijzigingCtx:
    """A field of a new agreement, shown as plain text (all of it is new)."""
    text = plain_text(f.new or "") if f.kind == "markdown" else f.new or ""
    return WijzigingCtx(f.label, _paragraphs((Segment("equal", text),)))


def wijziging(f: FieldChange) -> WijzigingCtx:
    """A changed field: old -> new for values, the word diff of the readable text for text fields."""
    if not f.is_text:
        return WijzigingCtx(f.label, (_scalar(f.old, f.new),))
    if f.kind == "text":
        return WijzigingCtx(f.label, _paragraphs(f.words))
    old, new = plain_text(f.old or ""), plain_text(f.new or "")
    if old == new:  # e.g. only **bold** added: the reader sees the same words
        return WijzigingCtx(f.label, (*_paragraphs((Segment("equal", new),)), _alinea(("gelijk", ONLY_MARKUP))))
    return WijzigingCtx(f.label, _paragraphs(word_diff(old, new)))


def _scalar(old: str | None, new: str | None) -> AlineaCtx:
    if old is None:
        return _alinea(("nieuw", new or ""))
    if new is None:
        return _alinea(("weg", old))
    return _alinea(("weg", old), ("gelijk", ARROW), ("nieuw", new))


def _alinea(*pieces: tuple[str, str]) -> AlineaCtx:
    return AlineaCtx(tuple(DeelCtx(kind, text) for kind, text in pieces))


def _paragraphs(segments: tuple[Segment, ...]) -> tuple[AlineaCtx, ...]:
    """The pieces split into paragraphs at line breaks; empty paragraphs dropped, at least one kept."""
    paragraphs: list[list[DeelCtx]] = [[]]
    for segment in segments:
        for i, piece in enumerate(segment.text.split("\n")):
            if i:
                paragraphs.append([])
            if piece:
                _add_piece(paragraphs[-1], DeelCtx(PIECE_KINDS[segment.op], piece))
    kept = tuple(AlineaCtx(tuple(p)) for p in paragraphs if "".join(d.tekst for d in p).strip())
    return kept or (AlineaCtx(()),)


def _add_piece(paragraph: list[DeelCtx], piece: DeelCtx) -> None:
    """Add a piece; a space keeps inserted words from running into the struck-through words just before them."""
    last = paragraph[-1] if paragraph else None
    joined = last is not None and last.soort == "weg" and piece.soort == "nieuw"
    if joined and last is not None and not last.tekst[-1].isspace() and not piece.tekst[0].isspace():
        paragraph.append(DeelCtx("gelijk", " "))
    paragraph.append(piece)


# --- markdown as the reader sees it -------------------------------------------------------------------------------


def plain_text(text: str) -> str:
    """Markdown as plain text: paragraphs, list items and table rows apart (a blank line between), markup dropped."""
    return "\n\n".join(_plain_lines(parse(text)))


def _plain_lines(tokens: list[Token]) -> Iterator[str]:
    marks: list[str] = []
    pending = ""
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            marks.append("–" if token.type == "bullet_list_open" else "#")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            marks.pop()
        elif token.type == "list_item_open":
            number = f"{token.info}." if marks[-1] == "#" else marks[-1]
            pending = "  " * (len(marks) - 1) + number + " "
        elif token.type == "inline":
            pending += _inline_text(token)
        elif token.type in ("th_close", "td_close"):
            pending += " | "
        elif token.type in ("paragraph_close", "heading_close", "tr_close", "code_block", "fence"):
            yield (pending + (token.content if token.type in ("code_block", "fence") else "")).rstrip(" |")
            pending = ""


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out)
