"""`new`: a starter dossier in the user's names that passes `check`, every field explained in Dutch comments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template

from afsprakengen.files import WriteError, write_atomic
from afsprakengen.problems import Location, Problem, error
from afsprakengen.starter.schemas import export_schemas, tailored_schemas
from afsprakengen.starter.slugs import initials, party_id

_SKELETON = Path(__file__).resolve().parent / "skeleton"
_SIGNATORY = {"gemeente": "wethouder Wonen", "woningcorporatie": "directeur-bestuurder"}


class _Skeleton(Template):
    delimiter = "@"


@dataclass(frozen=True)
class NewRequest:
    """The folder to create and the names the dossier is written in."""

    target: Path
    gemeente: str
    jaar: int
    corporaties: tuple[str, ...] = ()
    huurdersorganisaties: tuple[str, ...] = ()
    today: date = date(2026, 1, 1)


@dataclass(frozen=True)
class Party:
    """A party of the starter dossier: its id (derived from the name), name and soort."""

    id: str
    naam: str
    soort: str


@dataclass(frozen=True)
class NewResult:
    """The files written, or the problems that stopped `new` before it wrote anything."""

    written: tuple[Path, ...]
    problems: tuple[Problem, ...] = ()


def new_dossier(request: NewRequest) -> NewResult:
    """Write the starter dossier into an empty or new folder; nothing is written when a problem is found."""
    parties = _parties(request)
    problems = (*_target_problems(request.target), *_name_problems(request, parties))
    if problems:
        return NewResult((), problems)
    files = _files(request, parties)
    written: list[Path] = []
    for relative, text in files.items():
        path = request.target / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(text.encode("utf-8"), path)
        except (OSError, WriteError) as exc:
            return NewResult(tuple(written), (error(Location(str(path)), str(exc)),))
        written.append(path)
    exported = export_schemas(request.target, tailored_schemas(request.target))
    return NewResult((*written, *exported.written), exported.problems)


def _parties(request: NewRequest) -> tuple[Party, ...]:
    """The gemeente, the corporations and the tenants' organisations, each with an id from its name."""
    gemeente = request.gemeente.strip()
    naam = gemeente if gemeente.lower().startswith("gemeente ") else f"Gemeente {gemeente}"
    named = [(naam, "gemeente")]
    named += [(n.strip(), "woningcorporatie") for n in request.corporaties]
    named += [(n.strip(), "huurdersorganisatie") for n in request.huurdersorganisaties]
    return tuple(Party(party_id(n), n, soort) for n, soort in named)


def _target_problems(target: Path) -> tuple[Problem, ...]:
    """Refuse a target that is a file or a folder with something in it (nothing there is ever overwritten)."""
    where = Location(str(target))
    if target.exists() and not target.is_dir():
        return (error(where, "this is a file, not a folder: give a new or empty folder for the dossier"),)
    if target.is_dir() and any(target.iterdir()):
        return (error(where, "this folder is not empty: give a new or empty folder, so nothing is overwritten"),)
    return ()


def _name_problems(request: NewRequest, parties: tuple[Party, ...]) -> tuple[Problem, ...]:
    """A name without a letter or digit, with a line break, or two names that give the same id."""
    where = Location(str(request.target))
    problems = [
        error(where, f"the name {json.dumps(p.naam, ensure_ascii=False)} has no letter or digit to make an id of")
        for p in parties
        if not p.id or not party_id(request.gemeente)
    ]
    problems += [
        error(where, f"the name {json.dumps(p.naam, ensure_ascii=False)} has a line break or control character")
        for p in parties
        if not p.naam.isprintable()
    ]
    ids = [p.id for p in parties]
    problems += [
        error(where, f"two parties get the id '{i}' from their names: give them names that differ in letters")
        for i in sorted({i for i in ids if i and ids.count(i) > 1})
    ]
    if not 1000 <= request.jaar <= 9999:
        problems.append(error(where, f"--jaar {request.jaar}: give a year of four digits, such as 2027"))
    return tuple(problems)


def _files(request: NewRequest, parties: tuple[Party, ...]) -> dict[str, str]:
    """Every file of the starter dossier, by its path in the dossier, as text."""
    j = request.jaar
    years = {"jaar": str(j), "jaarvoor": str(j - 1), **{f"jaarplus{n}": str(j + n) for n in range(1, 5)}}
    corporations = [p for p in parties if p.soort == "woningcorporatie"]
    codes = _activity_codes(corporations)
    gemeente = request.gemeente.strip()
    names = {
        "gemeente": gemeente,
        "gemeente_yaml": _quoted(gemeente),
        "titel": _quoted(f"Woonvisie {gemeente}"),
        **years,
    }
    files = {
        "dossier.yaml": _fill("dossier.yaml", partijen="".join(_party_block(p) for p in parties), **names),
        "woonvisie.yaml": _fill("woonvisie.yaml", **names),
    }
    for corporation, code in zip(corporations, codes, strict=True):
        fields = {**names, "naam": corporation.naam, "id": corporation.id, "code": code}
        files[f"{j}/bod-{corporation.id}.yaml"] = _fill("bod.yaml", **fields)
    files[f"{j}/prestatieafspraken.yaml"] = _fill(
        "prestatieafspraken.yaml",
        partijen=", ".join(p.id for p in parties),
        trekker=(corporations or parties)[0].id,
        activiteiten=f"    activiteiten: [{', '.join(codes)}]  # optioneel: de activiteiten uit de biedingen van {j}\n"
        if codes
        else "",
        streefwaarde=str(10 * max(1, len(codes))),
        datum=request.today.isoformat(),
        **names,
    )
    return files


def _activity_codes(corporations: list[Party]) -> list[str]:
    """One activity code per corporation (its initials, the theme, a number), unique in the cycle."""
    codes: list[str] = []
    for corporation in corporations:
        stem = initials(corporation.naam)
        code = f"{stem}-BESCH-01"
        n = 2
        while code in codes:
            code, n = f"{stem}{n}-BESCH-01", n + 1
        codes.append(code)
    return codes


def _party_block(party: Party) -> str:
    """A party's entry in dossier.yaml, its optional fields as comments."""
    functie = _SIGNATORY.get(party.soort, "voorzitter")
    return _fill("partij.yaml", id=party.id, naam=_quoted(party.naam), soort=party.soort, functie=functie)


def _fill(name: str, **fields: str) -> str:
    """A skeleton file with its @fields filled in."""
    return _Skeleton((_SKELETON / name).read_text(encoding="utf-8")).substitute(fields)


def _quoted(text: str) -> str:
    """A name as a YAML scalar: double quoted (JSON's quoting, which YAML reads the same)."""
    return json.dumps(text, ensure_ascii=False)
