"""The default templates' compiled form shipped in templates/: up to date, used when it fits, ignored when not."""

from __future__ import annotations

import ast
import hashlib
import lzma
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from jinja2 import meta

from afsprakengen.cache import Cache
from afsprakengen.documents.kinds import KINDS
from afsprakengen.resources import resource_dir
from afsprakengen.word import compiled, shipped
from afsprakengen.word.compiled import compile_afresh, compiled_template, stored_form
from afsprakengen.word.shipped import Fingerprint, Shipped, fingerprint, fitting, read_shipped, shipped_bytes

_WORD = Path(shipped.__file__).parent
_DEFAULTS = [resource_dir("templates") / kind.template for kind in KINDS]


def test_the_shipped_artifact_is_up_to_date() -> None:
    stored = read_shipped(shipped.shipped_path())
    assert stored is not None, "run: make templates"
    assert stored.fingerprint.code == fingerprint().code, "the compiling code changed; run: make templates"
    digests = {hashlib.sha256(path.read_bytes()).hexdigest() for path in _DEFAULTS}
    assert set(stored.templates) == digests, "a default template changed; run: make templates"
    if stored.fingerprint.libraries != fingerprint().libraries:  # another Python or library versions than shipped
        assert fitting(shipped.shipped_path()) == {}
        return
    assert fitting(shipped.shipped_path()) == stored.templates
    for path in _DEFAULTS:
        fresh = stored_form(compile_afresh(path.read_bytes()))
        assert stored.templates[fresh.digest] == fresh, f"{path.name}: run: make templates"


def _counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every compile from now on, by digest; the process's own templates forgotten first."""
    compiles: list[str] = []
    real = compiled._compile

    def counting(digest: str, data: bytes, cache: Cache | None) -> compiled.CompiledTemplate:
        compiles.append(digest)
        return real(digest, data, cache)

    monkeypatch.setattr(compiled, "_COMPILED", {})
    monkeypatch.setattr(compiled, "_compile", counting)
    return compiles


def _ship(monkeypatch: pytest.MonkeyPatch, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    monkeypatch.setattr(shipped, "shipped_path", lambda: path)


def test_a_default_template_in_a_fitting_artifact_is_not_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = resource_dir("templates") / "kalender.docx"
    _ship(monkeypatch, tmp_path / "compiled.pickle.xz", shipped_bytes([template.read_bytes()]))
    fresh = compile_afresh(template.read_bytes())
    compiles = _counting_compiles(monkeypatch)
    loaded = compiled_template(template, Cache(tmp_path / "cache"))
    assert compiles == []
    assert loaded.parts == fresh.parts and loaded.body.source == fresh.body.source
    assert loaded.body.template is not None and loaded.body.python == fresh.body.python
    assert [s.source for s in loaded.stories] == [s.source for s in fresh.stories]
    for ours, theirs in zip(loaded.stories, fresh.stories, strict=True):
        assert ours.template is not None and theirs.template is not None
        names = meta.find_undeclared_variables(compiled.environment().parse(ours.source))
        story_data = {name: f"<{name}> & co" for name in names}
        assert ours.template.render(story_data) == theirs.template.render(story_data)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda fp: Fingerprint("other code", fp.libraries),
        lambda fp: Fingerprint(fp.code, "other libraries"),
    ],
    ids=["other-code", "other-libraries"],
)
def test_an_artifact_of_another_installation_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: object
) -> None:
    template = resource_dir("templates") / "kalender.docx"
    good = pickle.loads(lzma.decompress(shipped_bytes([template.read_bytes()])))
    assert isinstance(good, Shipped) and callable(spoil)
    stale = replace(good, fingerprint=spoil(good.fingerprint))
    _ship(monkeypatch, tmp_path / "stale.pickle.xz", lzma.compress(pickle.dumps(stale)))
    fresh = compile_afresh(template.read_bytes())
    compiles = _counting_compiles(monkeypatch)
    assert compiled_template(template).parts == fresh.parts
    assert compiles == [hashlib.sha256(template.read_bytes()).hexdigest()]


def test_a_damaged_or_missing_artifact_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = resource_dir("templates") / "kalender.docx"
    for name, data in (("damaged.pickle.xz", b"not xz at all"), ("pickle.xz", lzma.compress(pickle.dumps({})))):
        _ship(monkeypatch, tmp_path / name, data)
        compiles = _counting_compiles(monkeypatch)
        assert compiled_template(template).body.template is not None
        assert len(compiles) == 1
    monkeypatch.setattr(shipped, "shipped_path", lambda: tmp_path / "missing.pickle.xz")
    compiles = _counting_compiles(monkeypatch)
    compiled_template(template)
    assert len(compiles) == 1


def test_an_edited_template_is_compiled_not_taken_from_the_artifact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = resource_dir("templates") / "kalender.docx"
    _ship(monkeypatch, tmp_path / "compiled.pickle.xz", shipped_bytes([template.read_bytes()]))
    edited = tmp_path / "kalender.docx"
    edited.write_bytes(resource_dir("templates").joinpath("geschilpunten.docx").read_bytes())
    compiles = _counting_compiles(monkeypatch)
    compiled_template(edited)
    assert compiles == [hashlib.sha256(edited.read_bytes()).hexdigest()]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    names |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return {name for name in names if name.startswith("afsprakengen.")}


def test_the_fingerprint_covers_every_module_the_compile_goes_through() -> None:
    """What word/ code a compile runs is hashed; cache.py (storage), dutch.py and resources.py are not code a
    compile runs (the filters' names are in the fingerprint, their code runs only when a document renders)."""
    outside = {"afsprakengen.cache", "afsprakengen.dutch", "afsprakengen.resources"}
    seen, todo = set(), ["afsprakengen.word.compiled", "afsprakengen.word.shipped"]
    while todo:
        module = todo.pop()
        if module in seen or module in outside:
            continue
        seen.add(module)
        todo.extend(_imported_modules(_WORD.parent / (module.removeprefix("afsprakengen.").replace(".", "/") + ".py")))
    assert {f"afsprakengen.word.{name.removesuffix('.py')}" for name in shipped.COMPILING_CODE} == seen
