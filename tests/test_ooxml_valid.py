"""Every document we produce is valid OOXML for an independent validator (openxml-audit), so Word never repairs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator  # type: ignore[import-untyped]

from tests.sampledossier import SAMPLE
from tests.test_diff import ROUND_TWO, run_diff, two_rounds

SAMPLE_BUILDS = ((), ("--only", "kalender", "--year", "2027"))

ALLOWED: frozenset[tuple[str, str]] = frozenset()
"""(part, description) of a validator false positive we accept, each with a comment why. None so far."""


def findings(document: Path) -> list[str]:
    """The validator's errors on a document, outside the allow-list, as 'part path: description'."""
    result = OpenXmlValidator().validate(document)
    return [
        f"{e.part_uri} {e.path}: {e.description}" for e in result.errors if (e.part_uri, e.description) not in ALLOWED
    ]


def test_every_sample_document_is_valid(sample_out: Path) -> None:
    documents = sorted(sample_out.glob("*.docx"))
    assert len(documents) == 16  # the 15 documents of a build and the kalender
    assert {d.name: findings(d) for d in documents} == {d.name: [] for d in documents}


def test_the_diff_documents_are_valid(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = two_rounds(tmp_path / "repo", SAMPLE, "voorbeeldstad", ROUND_TWO, ("r1", "r2"))
    overview, redline = tmp_path / "wijzigingsoverzicht.docx", tmp_path / "redline.docx"
    result = run_diff(
        f"r1:{repo}/voorbeeldstad/2027",
        f"r2:{repo}/voorbeeldstad/2027",
        "--docx",
        str(overview),
        "--redline",
        str(redline),
    )
    assert result.exit_code == 0, result.output
    assert {"overview": findings(overview), "redline": findings(redline)} == {"overview": [], "redline": []}


def test_the_validator_sees_the_defects_we_fixed(tmp_path: Path) -> None:
    """A document with two w:tblLook in one table (what drop_header and the card tables once wrote) is reported."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    table._tbl.tblPr.append(table._tbl.tblPr.makeelement(qn("w:tblLook"), {}))
    table._tbl.tblPr.append(table._tbl.tblPr.makeelement(qn("w:tblLook"), {}))
    path = tmp_path / "broken.docx"
    document.save(str(path))
    assert any("Unexpected element 'tblLook'" in f for f in findings(path))
