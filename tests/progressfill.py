"""The sample's 2026 monitor workbook filled in as the corporations would (openpyxl), for two peildata.

`python -m tests.progressfill` makes the sample's progress reports through the round trip: export 2026, fill in
the figures of 31 March, import them as 2026/voortgang-2026-03-31.yaml; export again (now pre-filled from March),
fill in the figures of 30 June, keep that workbook as samples/monitor-2026-ingevuld.xlsx and import it as
2026/voortgang-2026-06-30.yaml.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from afsprakengen.check.dossier import check_dossier
from afsprakengen.monitor.export import export_monitor
from afsprakengen.monitor.importer import Imported, ImportRequest, import_monitor
from tests.sampledossier import SAMPLE

Fill = dict[str, tuple[str | float | None, str, str | None]]
"""Per agreement code: realisatie, status, toelichting."""

MARCH: Fill = {
    "BESCH-01": (18, "gerealiseerd", "De eerste 18 woningen van Parkzicht zijn opgeleverd."),
    "BESCH-02": (0, "gerealiseerd", "De bouw van de starterswoningen begint in mei."),
    "BESCH-05": (0, "vertraagd", "De flexwoningen wachten op een aansluiting op het elektriciteitsnet."),
    "BETAAL-01": (82, "gerealiseerd", None),
    "BETAAL-02": (120, "gerealiseerd", None),
    "DUUR-01": (35, "gerealiseerd", None),
    "DUUR-05": ("concept gereed", "deels gerealiseerd", "De netbeheerder heeft het concept nog niet getekend."),
    "WZ-01": (6, "gerealiseerd", None),
    "WZ-05": ("vergunning aangevraagd", "deels gerealiseerd", None),
    "SAMEN-01": (1, "gerealiseerd", None),
}
JUNE: Fill = {
    "BESCH-01": (41, "gerealiseerd", "Parkzicht is opgeleverd; de Lindelaan volgt in het najaar."),
    "BESCH-02": (4, "gerealiseerd", None),
    "BESCH-03": (19, "deels gerealiseerd", "Minder ouderen verhuisden dan verwacht; de verhuiscoach start in juli."),
    "BESCH-05": (0, "niet gerealiseerd", "Zonder netaansluiting komen de flexwoningen er in 2026 niet."),
    "BETAAL-01": (81, "gerealiseerd", None),
    "BETAAL-02": (230, "gerealiseerd", None),
    "DUUR-01": (84, "gerealiseerd", None),
    "DUUR-05": ("ondertekend op 12 juni 2026", "gerealiseerd", None),
    "WZ-01": (14, "gerealiseerd", None),
    "WZ-05": ("vergunning verleend", "vertraagd", "De aanvullende stikstofberekening kost drie maanden."),
    "WZ-10": (5, "gerealiseerd", None),
    "SAMEN-01": (2, "gerealiseerd", None),
}
MARCH_DAY, JUNE_DAY = date(2026, 3, 31), date(2026, 6, 30)
WORKBOOK = SAMPLE.parent / "monitor-2026-ingevuld.xlsx"


def exported(dossier: Path, year: int) -> bytes:
    """The monitor workbook of `year` as `monitor export` writes it."""
    result = check_dossier(dossier, "voorbeeldstad", JUNE_DAY)
    assert result.model is not None, [p.format() for p in result.problems]
    data = export_monitor(result.model, year, "voorbeeldstad")
    assert isinstance(data, bytes)
    return data


def fill(data: bytes, values: Fill, target: Path) -> Path:
    """The workbook `data` with the Afspraken rows of `values` filled in (realisatie, status, toelichting)."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Afspraken"]
    assert isinstance(ws, Worksheet)
    for row in range(2, ws.max_row + 1):
        code = ws[f"A{row}"].value
        if code in values:
            ws[f"I{row}"], ws[f"J{row}"], ws[f"K{row}"] = values[str(code)]
    wb.save(target)
    return target


def import_progress(workbook: Path, dossier: Path, peildatum: date) -> Imported:
    """`monitor import WORKBOOK DOSSIER --as voortgang --peildatum PEILDATUM`."""
    request = ImportRequest(workbook, workbook.name, dossier, "voorbeeldstad", peildatum, peildatum=peildatum)
    return import_monitor(request)


def main() -> None:
    """Make the sample's two progress reports of 2026 and keep the June workbook."""
    march = fill(exported(SAMPLE, 2026), MARCH, WORKBOOK.with_name("monitor-2026-03.xlsx"))
    print(import_progress(march, SAMPLE, MARCH_DAY))
    march.unlink()
    print(import_progress(fill(exported(SAMPLE, 2026), JUNE, WORKBOOK), SAMPLE, JUNE_DAY))


if __name__ == "__main__":
    main()
