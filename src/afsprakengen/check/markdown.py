"""Every markdown text of the dossier made into Word paragraphs as build does, so check refuses what build cannot."""

from __future__ import annotations

from collections.abc import Iterator

from afsprakengen import model
from afsprakengen.cache import Cache, key_of
from afsprakengen.check.texts import Place
from afsprakengen.model import DossierModel
from afsprakengen.problems import Problem, error
from afsprakengen.word.mdtext import bullet_item

CACHE_KIND = "markdown-texts"
LAST_KIND = "markdown-texts-of-file"
"""Per file, the outcome of each text it had when it was last checked: after an edit only the new texts convert."""


def convertible(m: DossierModel, cache: Cache | None = None) -> list[Problem]:
    """Each markdown text becomes Word paragraphs (no image, no control character, lists at most nine deep).

    The texts of a file are converted once and kept in this process for build; with a cache, a file whose texts
    are unchanged is not converted again.
    """
    by_file: dict[str, list[tuple[Place, str]]] = {}
    for place, text in markdown_texts(m):
        by_file.setdefault(place[0].doc.display, []).append((place, text))
    problems = []
    for file, texts in by_file.items():
        for index, message in _messages(file, tuple(text for _, text in texts), cache):
            (src, sub), _ = texts[index]
            problems.append(error(src.at(*sub), f"this text cannot be made into Word paragraphs: {message}"))
    return problems


def _messages(file: str, texts: tuple[str, ...], cache: Cache | None) -> tuple[tuple[int, str], ...]:
    """By position, why texts cannot be converted; from the cache when it has seen these texts (or some of them)."""
    key = key_of(CACHE_KIND, *texts)
    stored = cache.get(CACHE_KIND, key) if cache is not None else None
    if isinstance(stored, tuple):
        return stored
    last = cache.get(LAST_KIND, key_of(LAST_KIND, file)) if cache is not None else None
    known: dict[str, str | None] = last if isinstance(last, dict) else {}
    outcomes: dict[str, str | None] = {}
    found = []
    for i, text in enumerate(texts):
        digest = key_of(text)
        if digest not in outcomes:
            outcomes[digest] = known[digest] if digest in known else _problem(text)
        message = outcomes[digest]
        if message is not None:
            found.append((i, message))
    if cache is not None:
        cache.put(CACHE_KIND, key, tuple(found))
        cache.put(LAST_KIND, key_of(LAST_KIND, file), outcomes)
    return tuple(found)


def _problem(text: str) -> str | None:
    """Why a text cannot be converted, or None; the conversion is kept in this process for build."""
    from afsprakengen.word.markdown import markdown_problem  # markdown-it loads only when texts are new

    problem = markdown_problem(text)
    return str(problem) if problem else None


def markdown_texts(m: DossierModel) -> Iterator[tuple[Place, str]]:
    """Every markdown text the documents show, as they convert it, at the field it comes from.

    The place is an item and the path below it: a Location is made only for a text that gets a message.
    """
    yield from _dossier(m.dossier)
    for wv in m.alle_woonvisies():
        yield from _woonvisie(wv)
    for c in m.cycli:
        for bod in c.bods:
            yield from _bod(bod)
        if c.prestatieafspraken is not None:
            yield from _prestatieafspraken(c.prestatieafspraken)
        if c.evaluatie is not None:
            yield from _evaluatie(c.evaluatie)
        if c.overleg is not None:
            yield from _overleg(c.overleg)
        for v in c.voortgang:
            yield from _voortgang(v)


def _fields(src: model.Src, item: object, *names: str) -> Iterator[tuple[Place, str]]:
    """The named text fields of an item that are set (a str; False, True and None are no text)."""
    for name in names:
        value = getattr(item, name)
        if isinstance(value, str):
            yield (src, (name,)), value


def _items(src: model.Src, name: str, items: object) -> Iterator[tuple[Place, str]]:
    """A list field whose items the documents show as one bullet list, each item as its bullet."""
    if isinstance(items, tuple):
        for i, item in enumerate(items):
            yield (src, (name, i)), bullet_item(item)


_LEGAL = ("looptijd", "bijzondere_omstandigheden", "rechtsopvolging", "geschillen")


def _dossier(d: model.Dossier) -> Iterator[tuple[Place, str]]:
    for p in d.partijen:
        yield from _fields(p.src, p, "rol")
    for thema in d.themas:
        yield from _fields(thema.src, thema, "omschrijving")
    texts = d.instellingen.standaardteksten
    if texts is not None:
        for name in _LEGAL:
            value = getattr(texts, name)
            if isinstance(value, str):
                yield (d.src, ("instellingen", "standaardteksten", name)), value
        if isinstance(texts.overwegingen, tuple):
            for i, item in enumerate(texts.overwegingen):
                yield (d.src, ("instellingen", "standaardteksten", "overwegingen", i)), bullet_item(item)


def _woonvisie(wv: model.Woonvisie) -> Iterator[tuple[Place, str]]:
    yield from _fields(wv.src, wv, "inleiding")
    if wv.bron is not None:
        yield (wv.src, ("bron",)), f"<{wv.bron}>"  # shown as a link, as the woonvisie-uittreksel does
    for t in wv.themas:
        yield from _fields(t.src, t, "ambitie")
        for d in t.doelen:
            yield from _fields(d.src, d, "toelichting")


def _bod(bod: model.Bod) -> Iterator[tuple[Place, str]]:
    yield from _fields(bod.src, bod, "inleiding")
    for a in bod.activiteiten:
        yield from _fields(a.src, a, "omschrijving")
    for r in bod.reactie_huurders:
        yield from _fields(r.src, r, "tekst")
    if bod.voorraadontwikkeling is not None:
        yield from _fields(bod.voorraadontwikkeling.src, bod.voorraadontwikkeling, "toelichting")
    if bod.huurbeleid is not None:
        yield from _fields(bod.huurbeleid.src, bod.huurbeleid, "tekst")


def _prestatieafspraken(pa: model.Prestatieafspraken) -> Iterator[tuple[Place, str]]:
    yield from _fields(pa.src, pa, "comparitie", "inleiding", "grondslag", "monitoring", *_LEGAL)
    yield from _items(pa.src, "overwegingen", pa.overwegingen)
    yield from _items(pa.src, "voorbehouden", pa.voorbehouden)
    for a in pa.afspraken:
        yield from _fields(a.src, a, "tekst")
    for w in pa.wederkerigheid:
        yield from _fields(w.src, w, "tekst")
    for i, n in enumerate(pa.niet_afgesproken):
        if n.toelichting is not None:
            yield (pa.src, ("niet_afgesproken", i, "toelichting")), n.toelichting
    for i, b in enumerate(pa.begrippen):
        yield (pa.src, ("begrippen", i, "uitleg")), b.uitleg


def _evaluatie(ev: model.Evaluatie) -> Iterator[tuple[Place, str]]:
    yield from _fields(ev.src, ev, "samenvatting", "conclusies")
    yield from _items(ev.src, "input_volgende_cyclus", ev.input_volgende_cyclus)
    for r in ev.evaluaties:
        yield from _fields(r.src, r, "toelichting", "vervolg_toelichting")
    for inv in ev.investeringen:
        yield from _fields(inv.src, inv, "toelichting")


def _overleg(ov: model.Overlegtrajecten) -> Iterator[tuple[Place, str]]:
    for t in ov.corporaties:
        yield from _fields(t.verzoek.src, t.verzoek, "tekst")
        for g in t.geschilpunten:
            yield from _fields(g.src, g, "omschrijving")
            for s in g.standpunten:
                yield from _fields(s.src, s, "standpunt")


def _voortgang(v: model.Voortgang) -> Iterator[tuple[Place, str]]:
    yield from _fields(v.src, v, "samenvatting")
    for r in v.afspraken:
        yield from _fields(r.src, r, "toelichting")
