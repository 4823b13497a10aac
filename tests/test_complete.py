"""A document is read back before it is written: cut short, or lacking what its context promised, it is not written."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from afsprakengen.documents.accessible import verified
from afsprakengen.documents.complete import completeness_problems, promise_problems
from afsprakengen.problems import Problem
from afsprakengen.word.readback import body_text
from tests.casefolders import BASE
from tests.sampledossier import run_build

CODES = ("WZ-01", "DUUR-01")


def _dossier(tmp_path: Path, inleiding: str | None = None) -> Path:
    dossier = tmp_path / "dossier"
    shutil.copytree(BASE, dossier)
    if inleiding is not None:
        path = dossier / "2027" / "prestatieafspraken.yaml"
        text = path.read_text(encoding="utf-8")
        assert "inleiding: De afspraken voor 2027.\n" in text
        path.write_text(text.replace("De afspraken voor 2027.", inleiding), encoding="utf-8")
    return dossier


def test_a_template_that_leaves_out_the_agreements_and_signatures_writes_nothing(tmp_path: Path) -> None:
    template = tmp_path / "kaal.docx"
    document = docx.Document()
    document.add_heading("{{ titel }}", 1)
    document.core_properties.title = "Kaal"
    document.core_properties.language = "nl-NL"
    document.save(str(template))
    out = tmp_path / "out"
    result = run_build(_dossier(tmp_path), out, "--template", f"prestatieafspraken={template}")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "does not show" in line]
    assert (
        f"{template}:1:1: error: prestatieafspraken-2027.docx: the document does not show agreement WZ-01; "
        "it is not written" in lines
    )
    assert any("does not show the signature of" in line for line in lines), lines
    assert not out.exists() or not any(out.iterdir())  # the whole set or nothing


def test_a_document_with_a_broken_part_is_not_whole() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body><w:p><w:t>cut")
    (problem,) = completeness_problems(buffer.getvalue(), "t.docx", "a.docx", None)
    assert problem.format().startswith("t.docx:1:1: error: a.docx: the rendered document is not whole (")


def test_an_11_mb_text_field_is_refused_by_check_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_build(_dossier(tmp_path, "x" * 11_000_000), out)
    assert result.exit_code == 1
    assert "dossier/2027/prestatieafspraken.yaml:1:1: error: the file is 10.5 MiB; the limit is 5 MiB" in result.output
    assert not out.exists()


def test_a_long_text_field_is_rendered_completely_with_everything_after_it(tmp_path: Path) -> None:
    long = " ".join(["lang"] * 3_990) + " EINDE"  # just under the 20,000 characters of a text: all of it
    out = tmp_path / "out"
    result = run_build(_dossier(tmp_path, long), out, "--only", "prestatieafspraken")
    assert result.exit_code == 0, result.output
    text = body_text((out / "prestatieafspraken-2027.docx").read_bytes())
    assert long in text
    assert all(code in text[text.index("EINDE") :] for code in CODES)


class _Promises:
    def promised(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return (("agreement WZ-01", ("WZ-01",)), ("agreement WZ-02", ("WZ-02",)), ("the signature", ("J. de Vries",)))


def test_a_promised_text_counts_as_shown_inside_a_word_or_across_words_and_is_missing_only_when_absent() -> None:
    text = "Afspraak (WZ-01): nultredenwoningen\nGetekend: J. de Vries\nWZ-020 is een andere afspraak"
    problems = promise_problems(text, "t.docx", "a.docx", _Promises())
    assert problems == ()  # "WZ-02" is inside "WZ-020": shown, as `in` has always counted it
    assert [p.message for p in promise_problems(text.replace("020", "03"), "t.docx", "a.docx", _Promises())] == [
        "a.docx: the document does not show agreement WZ-02; it is not written"
    ]


def test_a_broken_document_is_reported_once_as_not_whole_and_not_read_for_accessibility() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/styles.xml", "<w:styles xmlns:w='x'/>")
        package.writestr("word/document.xml", "<w:document xmlns:w='x'><w:body><w:p><w:t>cut")
    (problem,) = verified(buffer.getvalue(), "t.docx", "a.docx", _Promises())
    assert problem.format().startswith("t.docx:1:1: error: a.docx: the rendered document is not whole (")


def test_a_document_that_passed_is_not_read_back_again_with_the_cache_and_one_that_failed_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import afsprakengen.documents.accessible as accessible

    dossier, out = _dossier(tmp_path), tmp_path / "out"
    assert run_build(dossier, out, "--only", "prestatieafspraken").exit_code == 0
    calls: list[str] = []
    real = accessible.verified

    def counted(data: bytes, shown: str, output: str, context: object) -> tuple[Problem, ...]:
        calls.append(output)
        return real(data, shown, output, context)

    monkeypatch.setattr(accessible, "verified", counted)
    assert run_build(dossier, out, "--only", "prestatieafspraken").exit_code == 0
    assert calls == []  # the same documents passed before: taken from the cache
    document = docx.Document()
    document.add_heading("{{ titel }}", 1)
    document.core_properties.title = "Kaal"
    document.save(str(tmp_path / "kaal.docx"))
    for _ in range(2):  # refused, and refused again: a failure is never kept
        result = run_build(
            dossier, out, "--only", "prestatieafspraken", "--template", f"prestatieafspraken={tmp_path / 'kaal.docx'}"
        )
        assert result.exit_code == 1 and "does not show agreement WZ-01" in result.output
    assert len(calls) == 4
    assert run_build(dossier, out, "--only", "prestatieafspraken", "--no-cache").exit_code == 0
    assert len(calls) == 6  # without the cache every document is read back


def _package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def test_a_part_read_back_before_is_not_parsed_again_and_a_broken_one_is_still_refused() -> None:
    from afsprakengen.word import readback

    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    settings = b"<w:settings " + w + b'><w:zoom w:percent="100"/></w:settings>'
    body = b"<w:document " + w + b"/>"
    first = readback.read_back(_package({"word/document.xml": body, "word/settings.xml": settings}))
    again = readback.read_back(_package({"word/document.xml": body, "word/settings.xml": settings}))
    assert again.roots["word/settings.xml"] is first.roots["word/settings.xml"]
    assert again.roots["word/document.xml"] is not first.roots["word/document.xml"]  # the body: always parsed
    broken = settings.replace(b"/></w:settings>", b"></w:settings>")
    with pytest.raises(readback.UnreadableDocument):
        readback.read_back(_package({"word/document.xml": body, "word/settings.xml": broken}))
    for i in range(readback._SEEN_MOST + 10):
        readback._parsed("word/x.xml", b"<x n='%d'/>" % i)
    assert len(readback._seen) == readback._SEEN_MOST
