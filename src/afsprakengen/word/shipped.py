"""The default templates' compiled form, shipped with the package and used only where it exactly fits."""

from __future__ import annotations

import hashlib
import importlib.util
import lzma
import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from afsprakengen.resources import resource_dir
from afsprakengen.word.compiled import CompiledTemplate, compile_afresh, environment, storable, stored_form

SHIPPED_NAME = "compiled.pickle.xz"
"""The artifact's file in templates/, written by `make templates` (scripts/make_templates.py); xz, as the
templates share most of their parts (styles, numbering, theme)."""
_WORD = Path(__file__).resolve().parent
COMPILING_CODE = ("compiled.py", "environment.py", "sandbox.py", "assemble.py", "xml.py", "zipbounds.py", "shipped.py")
"""The modules of word/ whose code decides what a compile gives (the finalize runs on a template's constant text)."""
LIBRARIES = ("jinja2", "markupsafe", "docxtpl", "docx", "lxml")
"""The libraries a compile goes through; each is identified by its `__init__.py` (which carries its version)."""


@dataclass(frozen=True)
class Fingerprint:
    """What a compiled template depends on besides the template's bytes: our code, and Python with the libraries."""

    code: str
    libraries: str


@dataclass(frozen=True)
class Shipped:
    """The artifact: the fingerprint it was compiled under, and each default template's stored form by its digest."""

    fingerprint: Fingerprint
    templates: dict[str, CompiledTemplate]


def shipped_path() -> Path:
    """Where the artifact is: beside the default templates (in the wheel or the checkout)."""
    return resource_dir("templates") / SHIPPED_NAME


@lru_cache(maxsize=1)
def fingerprint() -> Fingerprint:
    """This installation's fingerprint: read once per process (a few small files, nothing imported)."""
    code = hashlib.sha256()
    for name in COMPILING_CODE:
        code.update(name.encode() + b"\0" + (_WORD / name).read_bytes())
    env = environment()
    code.update(repr((sorted(env.filters), sorted(env.tests))).encode())
    libraries = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}".encode())
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        libraries.update(name.encode() + b"\0" + (Path(origin).read_bytes() if origin else b"missing"))
    return Fingerprint(code.hexdigest(), libraries.hexdigest())


def read_shipped(path: Path) -> Shipped | None:
    """The artifact at path as it is, or None when it is missing or cannot be read."""
    try:
        stored = pickle.loads(lzma.decompress(path.read_bytes()))  # shipped with the package, trusted as its code
    except Exception:  # a missing or damaged artifact is only a slower start
        return None
    return stored if isinstance(stored, Shipped) else None


@lru_cache(maxsize=4)
def fitting(path: Path) -> dict[str, CompiledTemplate]:
    """The artifact's templates by digest if it was compiled under this installation's fingerprint, else none."""
    stored = read_shipped(path)
    if stored is None or stored.fingerprint != fingerprint():
        return {}
    return {d: t for d, t in stored.templates.items() if isinstance(t, CompiledTemplate) and t.digest == d}


def shipped_template(digest: str) -> CompiledTemplate | None:
    """The stored form of the default template with these bytes (by their sha256), if the artifact fits."""
    return fitting(shipped_path()).get(digest)


def shipped_bytes(templates: Iterable[bytes]) -> bytes:
    """The artifact of these templates compiled afresh now, under this installation's fingerprint."""
    compiled = (compile_afresh(data) for data in templates)
    pool: dict[bytes, bytes] = {}
    stored = {t.digest: _shared(stored_form(t), pool) for t in compiled if storable(t)}
    shipped = Shipped(fingerprint(), dict(sorted(stored.items())))
    return lzma.compress(pickle.dumps(shipped, protocol=pickle.HIGHEST_PROTOCOL))


def _shared(template: CompiledTemplate, pool: dict[bytes, bytes]) -> CompiledTemplate:
    """The template with each part another template has too (styles, theme) as the one object in `pool`, which
    pickle then stores once, so the artifact unpacks fast."""
    return replace(template, parts={name: pool.setdefault(data, data) for name, data in template.parts.items()})
