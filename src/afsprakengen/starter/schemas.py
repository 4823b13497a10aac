"""The shipped JSON Schemas copied into a dossier's .schemas/ folder, and each file's modeline pointing at them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from afsprakengen.files import WriteError, write_atomic
from afsprakengen.load.dossierfiles import find_files
from afsprakengen.problems import Location, Problem, error
from afsprakengen.resources import resource_dir

SCHEMA_FOLDER = ".schemas"
_LANGUAGE_SERVER = "# yaml-language-server:"
MODELINE = f"{_LANGUAGE_SERVER} $schema="


@dataclass(frozen=True)
class ExportResult:
    """The files written (schemas, and dossier files whose modeline changed), or the problems that stopped it."""

    written: tuple[Path, ...]
    problems: tuple[Problem, ...] = ()


def export_schemas(root: Path, tailored: Mapping[str, str] | None = None) -> ExportResult:
    """Copy every shipped schema into root/.schemas/ and point each dossier file's modeline at its schema.

    `tailored` (file name -> JSON text, from `schemas_export.dossier_schemas`) replaces a shipped schema by one
    that knows the dossier's party ids, theme codes and goal codes.
    """
    target = root / SCHEMA_FOLDER
    try:
        target.mkdir(exist_ok=True)
    except OSError as exc:
        return ExportResult((), (error(Location(str(target)), f"cannot create the folder: {exc.strerror or exc}"),))
    written: list[Path] = []
    for schema in sorted(resource_dir("schemas").glob("*.schema.json")):
        data = tailored[schema.name].encode("utf-8") if tailored and schema.name in tailored else schema.read_bytes()
        failed = _write(data, target / schema.name, written)
        if failed:
            return ExportResult(tuple(written), failed)
    for found in find_files(root, str(root)).files:
        text = _with_modeline(found.path, modeline(found.path.parent, root, found.kind))
        failed = _write(text.encode("utf-8"), found.path, written) if text is not None else ()
        if failed:
            return ExportResult(tuple(written), failed)
    return ExportResult(tuple(written))


def tailored_schemas(root: Path) -> dict[str, str] | None:
    """The schemas with the dossier's own party ids, theme codes and goal codes, or None when it has errors."""
    from afsprakengen.check.dossier import check_dossier
    from afsprakengen.schemas_export import dossier_schemas, names_of

    checked = check_dossier(root, str(root), date.today())
    return dossier_schemas(names_of(checked.model)) if checked.model is not None and not checked.errors else None


def modeline(folder: Path, root: Path, kind: str) -> str:
    """The yaml-language-server comment for a file in `folder`, relative to it, naming the schema of its kind."""
    relative = Path(os.path.relpath(root / SCHEMA_FOLDER, folder)).as_posix()
    return f"{MODELINE}{relative}/{kind}.schema.json"


def _with_modeline(path: Path, line: str) -> str | None:
    """The file's text with `line` as its modeline (in place of an old one, else first); None: no change."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # `check` reports a file it cannot read; the modeline waits until it can
    first, _, rest = text.partition("\n")
    if first.rstrip("\r") == line:
        return None
    if first.startswith(_LANGUAGE_SERVER):
        return f"{line}\n{rest}"
    return f"{line}\n{text}"


def _write(data: bytes, target: Path, written: list[Path]) -> tuple[Problem, ...]:
    """Write a file atomically (added to `written`), or the problem at it; a file with these bytes stays as it is."""
    try:
        if target.is_file() and target.read_bytes() == data:
            return ()
        write_atomic(data, target)
    except (WriteError, OSError) as exc:
        return (error(Location(str(target)), str(exc)),)
    written.append(target)
    return ()
