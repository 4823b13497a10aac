"""Cross-file rules: every reference resolves, codes are unique, years line up, final documents are signable."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import PurePosixPath

from afsprakengen.check.bodfigures import BOD_RULES
from afsprakengen.check.kaders import KADER_RULES
from afsprakengen.check.overleg import overleg_rules
from afsprakengen.check.regio import REGIO_RULES
from afsprakengen.check.scale import status_on_scale
from afsprakengen.check.voortgang import VOORTGANG_RULES
from afsprakengen.load.images import ImageError, read_image
from afsprakengen.model import Activiteit, Cyclus, DossierModel, Prestatieafspraken, Src
from afsprakengen.problems import Problem, did_you_mean, error

Rule = Callable[[DossierModel], Iterator[Problem]]


def _unknown(src: Src, sub: tuple[str | int, ...], value: str, what: str, known: Iterable[str]) -> Problem:
    """An error for a reference that does not resolve, with a 'did you mean' hint."""
    return error(src.at(*sub), f"'{value}' is not {what}{did_you_mean(value, list(known))}")


def _duplicates(items: Iterable[tuple[str, Src, tuple[str | int, ...]]], what: str) -> Iterator[Problem]:
    """An error for every repeat of a code, pointing back at the first one."""
    first: dict[str, Src] = {}
    for code, src, sub in items:
        if code in first:
            earlier = first[code].at(*sub)
            where = f"line {earlier.line}" if earlier.file == src.doc.display else f"{earlier.file}:{earlier.line}"
            yield error(src.at(*sub), what.format(code=code, where=where))
        else:
            first[code] = src


_TWICE = "{what} '{code}' is used twice (first at {where}); codes must be unique"


def unique_codes(m: DossierModel) -> Iterator[Problem]:
    """Party ids, theme codes, goal codes, activity codes per cycle and agreement codes per file are unique."""
    yield from _duplicates(((p.id, p.src, ("id",)) for p in m.dossier.partijen), _TWICE.replace("{what}", "party id"))
    themes = m.dossier.themas
    yield from _duplicates(((t.code, t.src, ("code",)) for t in themes), _TWICE.replace("{what}", "theme code"))
    twice_in_woonvisie = f"theme '{{code}}' appears twice in the {m.regime.naam} (first at {{where}})"
    for wv in m.alle_woonvisies():
        yield from _duplicates(((t.thema, t.src, ("thema",)) for t in wv.themas), twice_in_woonvisie)
    yield from _duplicates(((d.code, d.src, ("code",)) for d in m.doelen()), _TWICE.replace("{what}", "goal code"))
    for c in m.cycli:
        activities = ((a.code, a.src, ("code",)) for b in c.bods for a in b.activiteiten)
        yield from _duplicates(activities, _TWICE.replace("{what}", "activity code"))
        if c.prestatieafspraken:
            agreements = ((a.code, a.src, ("code",)) for a in c.prestatieafspraken.afspraken)
            yield from _duplicates(agreements, _TWICE.replace("{what}", "agreement code"))
        if c.evaluatie:
            entries = ((r.afspraak, r.src, ("afspraak",)) for r in c.evaluatie.evaluaties)
            evaluated_twice = "agreement {code} is evaluated twice (first at {where}); keep one entry per agreement"
            yield from _duplicates(entries, evaluated_twice)


def woonvisie_themes(m: DossierModel) -> Iterator[Problem]:
    """Every woonvisie theme is a theme of dossier.yaml."""
    themes = [t.code for t in m.dossier.themas]
    for t in m.woonvisie.themas:
        if t.thema not in themes:
            yield _unknown(t.src, ("thema",), t.thema, "a theme in dossier.yaml", themes)


def years_match_folders(m: DossierModel) -> Iterator[Problem]:
    """A file's `jaar` is the year of the folder it is in."""
    for c in m.cycli:
        docs = [*c.bods, c.prestatieafspraken, c.evaluatie]
        for d in docs:
            if d is not None and d.jaar != c.jaar:
                yield error(d.src.at("jaar"), f"jaar is {d.jaar}, but the file is in the folder {c.jaar}/")


def bod_references(m: DossierModel) -> Iterator[Problem]:
    """A bod belongs to a corporation named in its file name; its activities name known themes and goals."""
    corporations = [p.id for p in m.dossier.partijen if p.soort == "woningcorporatie"]
    for c in m.cycli:
        for bod in c.bods:
            expected = f"bod-{bod.corporatie}.yaml"
            if PurePosixPath(bod.src.doc.display).name != expected:
                yield error(
                    bod.src.at("corporatie"),
                    f"the corporatie is '{bod.corporatie}', so the file must be named {expected}",
                )
            party = m.partij(bod.corporatie)
            if party is not None and party.soort != "woningcorporatie":
                message = f"'{bod.corporatie}' is a {party.soort}; only a woningcorporatie makes a bod"
                yield error(bod.src.at("corporatie"), message)
            elif party is None:
                yield _unknown(
                    bod.src, ("corporatie",), bod.corporatie, "a woningcorporatie in dossier.yaml", corporations
                )
            yield from _activity_references(m, bod.activiteiten)
            for r in bod.reactie_huurders:
                yield from _party_refs(m, r.src, ("partij",), [r.partij])


def _activity_references(m: DossierModel, activities: Iterable[Activiteit]) -> Iterator[Problem]:
    for a in activities:
        yield from _theme_ref(m, a.src, a.thema)
        yield from _goal_refs(m, a.src, a.doelen)


def _theme_ref(m: DossierModel, src: Src, code: str) -> Iterator[Problem]:
    themes = [t.code for t in m.dossier.themas]
    if code not in themes:
        yield _unknown(src, ("thema",), code, "a theme in dossier.yaml", themes)


def _goal_refs(m: DossierModel, src: Src, codes: Iterable[str]) -> Iterator[Problem]:
    goals = [d.code for d in m.doelen()]
    for i, code in enumerate(codes):
        if code not in goals:
            yield _unknown(src, ("doelen", i), code, "a goal in woonvisie.yaml", goals)


def _party_refs(m: DossierModel, src: Src, sub: tuple[str | int, ...], ids: Iterable[str]) -> Iterator[Problem]:
    parties = [p.id for p in m.dossier.partijen]
    many = not (len(sub) == 1 and sub[0] in ("partij", "trekker"))
    for i, party in enumerate(ids):
        if party not in parties:
            yield _unknown(src, (*sub, i) if many else sub, party, "a party in dossier.yaml", parties)


def agreement_references(m: DossierModel) -> Iterator[Problem]:
    """Agreements name known parties, themes, goals and activities of the bods of their own year."""
    for c in m.cycli:
        pa = c.prestatieafspraken
        if pa is None:
            continue
        yield from _party_refs(m, pa.src, ("partijen",), pa.partijen)
        activities = [a.code for b in c.bods for a in b.activiteiten]
        for a in pa.afspraken:
            yield from _theme_ref(m, a.src, a.thema)
            yield from _party_refs(m, a.src, ("trekker",), [a.trekker] if a.trekker else [])
            yield from _party_refs(m, a.src, ("betrokken",), a.betrokken)
            yield from _goal_refs(m, a.src, a.doelen)
            for i, code in enumerate(a.activiteiten):
                if code not in activities:
                    what = f"an activity in the bods of {c.jaar}"
                    yield _unknown(a.src, ("activiteiten", i), code, what, activities)
        for w in pa.wederkerigheid:
            yield from _party_refs(m, w.src, ("partij",), [w.partij])


def outlook_years(m: DossierModel) -> Iterator[Problem]:
    """The doorkijk of an agreement covers exactly J+1, J+2 and J+3."""
    for c in m.cycli:
        if c.prestatieafspraken is None:
            continue
        expected = [c.jaar + 1, c.jaar + 2, c.jaar + 3]
        for a in c.prestatieafspraken.afspraken:
            if a.doorkijk and sorted(a.doorkijk) != expected:
                found = ", ".join(str(y) for y in sorted(a.doorkijk))
                want = ", ".join(str(y) for y in expected)
                yield error(
                    a.src.at("doorkijk"),
                    f"the doorkijk of {a.code} has the years {found}; it must have exactly {want}",
                )


def evaluation_references(m: DossierModel) -> Iterator[Problem]:
    """An evaluation names agreements of its own year; its follow-ups name agreements of J+2 where those exist."""
    for c in m.cycli:
        if c.evaluatie is None:
            continue
        if c.prestatieafspraken is None:
            yield error(c.evaluatie.src.at("jaar"), f"there is no {c.jaar}/prestatieafspraken.yaml to evaluate")
            continue
        own = [a.code for a in c.prestatieafspraken.afspraken]
        later = _agreement_codes(m.cyclus(c.jaar + 2))
        for r in c.evaluatie.evaluaties:
            if r.afspraak not in own:
                yield _unknown(r.src, ("afspraak",), r.afspraak, f"an agreement of {c.jaar}", own)
            for i, code in enumerate(r.vervolg_afspraken):
                if later is not None and code not in later:
                    what = f"an agreement of {c.jaar + 2}"
                    yield _unknown(r.src, ("vervolg_afspraken", i), code, what, later)


def evaluation_parties(m: DossierModel) -> Iterator[Problem]:
    """The parties that adopted an evaluation exist; its realised investments name each corporation once."""
    corporations = [p.id for p in m.dossier.partijen if p.soort == "woningcorporatie"]
    for c in m.cycli:
        ev = c.evaluatie
        if ev is None:
            continue
        if ev.vastgesteld is not None:
            yield from _party_refs(m, ev.src, ("vastgesteld", "partijen"), ev.vastgesteld.partijen)
        seen: set[str] = set()
        for inv in ev.investeringen:
            if inv.corporatie not in corporations:
                yield _unknown(
                    inv.src, ("corporatie",), inv.corporatie, "a woningcorporatie in dossier.yaml", corporations
                )
            elif inv.corporatie in seen:
                yield error(
                    inv.src.at("corporatie"), f"'{inv.corporatie}' has realised investments twice; keep one entry"
                )
            seen.add(inv.corporatie)


def evaluation_activities(m: DossierModel) -> Iterator[Problem]:
    """The activities an evaluation gives realised numbers for are activities of the bods of its year, each once."""
    for c in m.cycli:
        if c.evaluatie is None:
            continue
        codes = [a.code for b in c.bods for a in b.activiteiten]
        seen: set[str] = set()
        for r in c.evaluatie.activiteiten:
            if r.activiteit not in codes:
                yield _unknown(r.src, ("activiteit",), r.activiteit, f"an activity in a bod of {c.jaar}", codes)
            elif r.activiteit in seen:
                yield error(r.src.at("activiteit"), f"'{r.activiteit}' has a realised number twice; keep one entry")
            seen.add(r.activiteit)


def scale_codes(m: DossierModel) -> Iterator[Problem]:
    """The levels of the dossier's own traffic-light scale have unique codes."""
    src = m.dossier.src
    levels = (
        (n.code, Src(src.doc, (*src.path, "instellingen", "stoplicht", i)), ("code",))
        for i, n in enumerate(m.dossier.instellingen.stoplicht)
    )
    yield from _duplicates(
        levels, "traffic-light level '{code}' is defined twice (first at {where}); codes must be unique"
    )


def evaluation_statuses(m: DossierModel) -> Iterator[Problem]:
    """Every evaluation's status is on the dossier's traffic-light scale, with the explanation its level requires."""
    for c in m.cycli:
        for r in c.evaluatie.evaluaties if c.evaluatie else ():
            yield from status_on_scale(m, r.src, r.status, r.toelichting)


def _agreement_codes(cyclus: Cyclus | None) -> list[str] | None:
    if cyclus is None or cyclus.prestatieafspraken is None:
        return None
    return [a.code for a in cyclus.prestatieafspraken.afspraken]


def signable(m: DossierModel) -> Iterator[Problem]:
    """A definitief agreement set has a signing place and date, and a signatory for every party."""
    for c in m.cycli:
        pa = c.prestatieafspraken
        if pa is None or pa.status != "definitief":
            continue
        yield from _signing_place_and_date(pa)
        for i, party_id in enumerate(pa.partijen):
            party = m.partij(party_id)
            if party is not None and not party.ondertekenaars:
                yield error(
                    pa.src.at("partijen", i),
                    f"{party.naam} ('{party_id}') signs this definitief document "
                    "but has no ondertekenaars in dossier.yaml",
                )


def _signing_place_and_date(pa: Prestatieafspraken) -> Iterator[Problem]:
    signing = pa.ondertekening
    missing = [f for f in ("plaats", "datum") if signing is None or getattr(signing, f) is None]
    if missing:
        where = pa.src.at("ondertekening") if signing else pa.src.at("status")
        words = " and ".join(f"ondertekening.{f}" for f in missing)
        yield error(where, f"a definitief document needs {words} for the signature page")


def decisions(m: DossierModel) -> Iterator[Problem]:
    """Each decision a party signs on is of a signing party, once per party, and not after the signing date."""
    for c in m.cycli:
        pa = c.prestatieafspraken
        if pa is None:
            continue
        signed = pa.ondertekening.datum if pa.ondertekening else None
        seen: set[str] = set()
        for b in pa.besluiten:
            if b.partij not in pa.partijen:
                yield _unknown(b.src, ("partij",), b.partij, "a signing party of these agreements", pa.partijen)
            elif b.partij in seen:
                yield error(b.src.at("partij"), f"'{b.partij}' has a besluit twice; keep one per party")
            seen.add(b.partij)
            if signed is not None and b.datum > signed:
                yield error(
                    b.src.at("datum"),
                    f"the besluit of '{b.partij}' ({b.datum.isoformat()}) is after the signing date "
                    f"({signed.isoformat()}); a party signs on a decision it has already taken",
                )


def logo_files(m: DossierModel) -> Iterator[Problem]:
    """Every party logo is a PNG or JPEG file inside the dossier folder."""
    if m.map is None:
        return
    for p in m.dossier.partijen:
        if p.logo is not None:
            try:
                read_image(m.map, p.logo)
            except ImageError as exc:
                yield error(p.src.at("logo"), f"the logo of {p.naam}: {exc}")


def deadline_settings(m: DossierModel) -> Iterator[Problem]:
    """Every deadline setting is a real day of the year."""
    termijnen = m.dossier.instellingen.termijnen
    for name in ("woonvisie", "bod", "prestatieafspraken", "verantwoording", "evaluatie"):
        value: str = getattr(termijnen, name)
        month, day = (int(part) for part in value.split("-"))
        try:
            date(2023, month, day)
        except ValueError:
            where = m.dossier.src.at("instellingen", "termijnen", name)
            yield error(where, f"'{value}' is not a day of the year (MM-DD)")


def real_dates(m: DossierModel) -> Iterator[Problem]:
    """An agreement's termijn written as a date is a real date."""
    for c in m.cycli:
        for a in c.prestatieafspraken.afspraken if c.prestatieafspraken else ():
            if a.termijn and len(a.termijn) == 10:
                try:
                    date.fromisoformat(a.termijn)
                except ValueError:
                    yield error(a.src.at("termijn"), f"'{a.termijn}' is not a real date (JJJJ-MM-DD)")


RULES: tuple[Rule, ...] = (
    unique_codes,
    woonvisie_themes,
    years_match_folders,
    bod_references,
    agreement_references,
    outlook_years,
    evaluation_references,
    evaluation_parties,
    evaluation_activities,
    scale_codes,
    evaluation_statuses,
    signable,
    decisions,
    logo_files,
    deadline_settings,
    real_dates,
    *BOD_RULES,
    *REGIO_RULES,
    *KADER_RULES,
    overleg_rules,
    *VOORTGANG_RULES,
)
