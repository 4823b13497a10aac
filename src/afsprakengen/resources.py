"""Locate the files shipped with the package (schemas, templates) in a wheel or a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder `name` (schemas or templates): inside the installed package, else at the checkout's root."""
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name


def schema_path(kind: str) -> Path:
    """The JSON Schema file of an input kind."""
    return resource_dir("schemas") / f"{kind}.schema.json"
