"""The house style's plain values, shared by the templates (python-docx) and the charts (no python-docx)."""

from __future__ import annotations

FONT = "Calibri"
"""The house font; LibreOffice uses its metric twin Carlito, so pages fall as in Word."""
ACCENT = "1F4E79"
"""The house accent colour (headings, chart titles), as RRGGBB."""
