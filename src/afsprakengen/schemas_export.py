"""The shipped schemas made dossier-specific, so an editor completes the dossier's own party ids and codes."""

from __future__ import annotations

import json
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from afsprakengen.load.dossierfiles import INPUT_KINDS
from afsprakengen.model import DossierModel, stoplicht
from afsprakengen.resources import schema_path

# The kinds that refer to parties, themes and goals that dossier.yaml and woonvisie.yaml define.
_REFERRING = ("woonvisie", "bod", "prestatieafspraken", "evaluatie", "overleg")


@dataclass(frozen=True)
class DossierNames:
    """The ids and codes a dossier defines: party ids, theme codes (dossier.yaml), goal codes (woonvisie.yaml)."""

    partijen: tuple[str, ...]
    themas: tuple[str, ...]
    doelen: tuple[str, ...]
    statussen: tuple[str, ...] = ()
    """The codes of the dossier's traffic-light scale (`stoplicht.scale`)."""


def names_of(model: DossierModel) -> DossierNames:
    """The party ids, theme codes and goal codes of a checked dossier."""
    dossier, woonvisie = model.dossier, model.woonvisie
    goals = tuple(doel.code for thema in woonvisie.themas for doel in thema.doelen)
    scale = tuple(n.code for n in stoplicht.scale(model))
    return DossierNames(tuple(p.id for p in dossier.partijen), tuple(t.code for t in dossier.themas), goals, scale)


def dossier_schemas(names: DossierNames) -> dict[str, str]:
    """Every input kind's schema file name and JSON text, with the dossier's ids and codes as enums where
    a file refers to them (a party id, a theme code, the goals a `doelen` list names, a status on the dossier's
    traffic-light scale), so an editor offers them on completion and marks an unknown one; without names of a kind
    the shipped schema stays as it is."""
    exported = {}
    for kind in INPUT_KINDS:
        schema: dict[str, Any] = json.loads(schema_path(kind.name).read_text(encoding="utf-8"))
        if kind.name in _REFERRING:
            schema = with_enums(schema, names)
        exported[schema_path(kind.name).name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return exported


def with_enums(schema: dict[str, Any], names: DossierNames) -> dict[str, Any]:
    """A copy of a schema with enums of the dossier's party ids, theme codes, goal codes and traffic-light codes."""
    result = deepcopy(schema)
    defs = result.get("$defs", {})
    named = (("partij_id", names.partijen), ("thema_code", names.themas), ("stoplicht_code", names.statussen))
    for name, values in named:
        if name in defs and values:
            defs[name]["enum"] = list(values)
    if names.doelen:
        for node in _goal_lists(result):
            node["items"]["enum"] = list(names.doelen)
    return result


def _goal_lists(node: Any) -> list[dict[str, Any]]:
    """Every `doelen` property that is a list of codes (not woonvisie's list of goal objects)."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        goals = node.get("properties", {}).get("doelen")
        if isinstance(goals, dict) and goals.get("items", {}).get("$ref") == "#/$defs/code":
            found.append(goals)
        for value in node.values():
            found.extend(_goal_lists(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_goal_lists(item))
    return found
