"""Speed of check and build on a large generated dossier (run with `make bench`; never part of `make test`)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from afsprakengen.build import BuildRequest, build_dossier
from afsprakengen.check.dossier import check_dossier

BASE = Path(__file__).resolve().parent.parent / "tests" / "cases" / "base"
AGREEMENT = """  - code: WZ-{n:02d}
    thema: WZ
    titel: Nultredenwoningen project {n}
    tekst: |
      Thuis levert **{n}** nultredenwoningen op in project {n}, met:
      - een lift;
      - een [zorgsteunpunt](https://example.org/{n}).
    soort: resultaat
    trekker: thuis
    betrokken: [gemeente-teststad]
    doelen: [WZ-D1]
    termijn: 2027-Q4
    indicator:
      naam: Opgeleverde nultredenwoningen
      eenheid: woningen
      streefwaarde: {n}
    doorkijk: {{2028: 1, 2029: 2, 2030: 3}}
"""


@pytest.fixture(scope="module")
def large_dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large") / "d"
    shutil.copytree(BASE, root)
    pa = root / "2027" / "prestatieafspraken.yaml"
    head = pa.read_text(encoding="utf-8").split("afspraken:\n")[0]
    pa.write_text(head + "afspraken:\n" + "".join(AGREEMENT.format(n=n) for n in range(1, 5001)), encoding="utf-8")
    return root


def test_check_5000_agreements(benchmark: BenchmarkFixture, large_dossier: Path) -> None:
    result = benchmark.pedantic(check_dossier, args=(large_dossier, "d", date(2026, 11, 27)), rounds=3)
    assert result.errors == 0


def test_build_5000_agreements(benchmark: BenchmarkFixture, large_dossier: Path, tmp_path: Path) -> None:
    request = BuildRequest(large_dossier, "d", tmp_path, date(2026, 11, 27), (2027,), ("prestatieafspraken",))
    result = benchmark.pedantic(build_dossier, args=(request,), rounds=1, iterations=1)
    assert result.written
