"""The columns of the monitor workbook's sheets, shared by the export and the import, and the lists they allow."""

from __future__ import annotations

from dataclasses import dataclass

VERVOLGEN = ("doorzetten", "bijstellen", "beëindigen", "nieuwe afspraak")
"""What happens next with an agreement (evaluatie.schema.json), the drop-down of the vervolg column."""

AFSPRAKEN = "Afspraken"
"""The sheet with one row per agreement."""
TOELICHTING = "Toelichting"
"""The sheet that explains the columns (and holds the jaarschijf)."""
YEAR_LABEL = "Jaarschijf"
"""The label in cell A1 of the Toelichting sheet; B1 holds the year the workbook was made for."""


@dataclass(frozen=True)
class Column:
    """One column: its header, whether it is to be filled in, its width bounds and what it explains."""

    key: str
    header: str
    fill: bool
    uitleg: str
    wrap: bool = False


AFSPRAAK_COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", False, "De code van de afspraak in prestatieafspraken.yaml. Niet wijzigen."),
    Column("thema", "Thema", False, "Het thema van de afspraak."),
    Column("titel", "Titel", False, "De titel van de afspraak.", wrap=True),
    Column("trekker", "Trekker", False, "De partij die de afspraak trekt."),
    Column("indicator", "Indicator", False, "Wat er gemeten wordt.", wrap=True),
    Column("streefwaarde", "Streefwaarde", False, "De afgesproken streefwaarde."),
    Column("eenheid", "Eenheid", False, "De eenheid van de streefwaarde en de realisatie."),
    Column("richting", "Richting", False, "minimaal (ten minste), maximaal (ten hoogste) of exact (precies)."),
    Column(
        "realisatie",
        "Realisatie",
        True,
        "Wat er gerealiseerd is, in de eenheid van de streefwaarde. Bij een getal als streefwaarde een getal.",
    ),
    Column("status", "Status", True, "Kies uit de lijst: de niveaus van het stoplicht, zie 'Stoplicht' hieronder."),
    Column("toelichting", "Toelichting", True, "Waarom de afspraak (niet) gehaald is: tekst.", wrap=True),
    Column("vervolg", "Vervolg", True, "Kies uit de lijst: " + ", ".join(VERVOLGEN) + "."),
)
"""The columns of the Afspraken sheet, in order."""


def activity_columns(year: int) -> tuple[Column, ...]:
    """The columns of a corporation's sheet: its activities, the numbers of its bod per year, the realised number."""
    planned = tuple(
        Column(f"aantal_{y}", f"Bod {y}", False, f"Het aantal dat de corporatie in haar bod voor {y} noemt.")
        for y in range(year, year + 5)
    )
    return (
        Column("code", "Code", False, "De code van de activiteit in het bod. Niet wijzigen."),
        Column("thema", "Thema", False, "Het thema van de activiteit."),
        Column("titel", "Titel", False, "De titel van de activiteit.", wrap=True),
        Column("eenheid", "Eenheid", False, "De eenheid van de aantallen."),
        *planned,
        Column("gerealiseerd", f"Gerealiseerd {year}", True, f"Het aantal dat in {year} echt gerealiseerd is."),
    )
