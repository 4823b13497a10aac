"""The DrawingML chart part (`c:chartSpace`) of a bar chart: categories, series with their colours, axes, legend."""

from __future__ import annotations

from afsprakengen.documents.common import Chart, Series
from afsprakengen.word.brand import ACCENT, FONT
from afsprakengen.word.mdruns import escape, quoteattr

CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_NS = (
    f'xmlns:c="{CHART_NS}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
TEXT = "262626"
EDGE = "595959"
GRID = "D9D9D9"
TITLE = str(ACCENT)
SHEET = "Blad1"
"""The sheet the references name; the document has no workbook, Word and LibreOffice show the cached values."""
_CAT_AX, _VAL_AX = 111111111, 222222222


def chart_space_xml(chart: Chart) -> bytes:
    """The chart part of `chart`: the same bytes for the same chart."""
    title = _title(chart.title, 1050, TITLE, bold=True) if chart.title else ""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace {_NS}>'
        '<c:date1904 val="0"/><c:lang val="nl-NL"/><c:roundedCorners val="0"/>'
        f'<c:chart>{title}<c:autoTitleDeleted val="{0 if chart.title else 1}"/>'
        f"<c:plotArea><c:layout/>{_bar_chart(chart)}{_category_axis(chart)}{_value_axis(chart)}"
        f"{_no_fill()}</c:plotArea>"
        f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f"{_no_fill()}{_text(800, TEXT)}</c:chartSpace>"
    )
    return xml.encode("utf-8")


def _bar_chart(chart: Chart) -> str:
    series = "".join(_series(i, s, chart) for i, s in enumerate(chart.series))
    overlap = '<c:overlap val="100"/>' if chart.stacked else ""
    return (
        f'<c:barChart><c:barDir val="{"bar" if chart.horizontal else "col"}"/>'
        f'<c:grouping val="{"stacked" if chart.stacked else "clustered"}"/><c:varyColors val="0"/>'
        f'{series}<c:gapWidth val="60"/>{overlap}<c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/></c:barChart>'
    )


def _series(index: int, series: Series, chart: Chart) -> str:
    column = _column(index + 1)
    count = len(chart.categories)
    name = _str_ref(f"{SHEET}!${column}$1", (series.name,))
    categories = _str_ref(f"{SHEET}!$A$2:$A${count + 1}", chart.categories)
    points = "".join(f'<c:pt idx="{i}"><c:v>{_number(v)}</c:v></c:pt>' for i, v in enumerate(series.values))
    values = (
        f"<c:numRef><c:f>{SHEET}!${column}$2:${column}${count + 1}</c:f><c:numCache><c:formatCode>General"
        f'</c:formatCode><c:ptCount val="{len(series.values)}"/>{points}</c:numCache></c:numRef>'
    )
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/><c:tx>{name}</c:tx>'
        f'<c:spPr>{_fill(series)}{_line(EDGE)}</c:spPr><c:invertIfNegative val="0"/>{_labels(series, chart)}'
        f"<c:cat>{categories}</c:cat><c:val>{values}</c:val></c:ser>"
    )


def _labels(series: Series, chart: Chart) -> str:
    """Each bar's value on it: in the middle of a stacked segment on its colour (zeros hidden), else at its end."""
    box = f"<c:spPr><a:solidFill><a:srgbClr val={quoteattr(series.colour)}/></a:solidFill></c:spPr>"
    position = "ctr" if chart.stacked else "outEnd"
    shows = "".join(
        f'<c:show{what} val="{int(what == "Val")}"/>'
        for what in ("LegendKey", "Val", "CatName", "SerName", "Percent", "BubbleSize")
    )
    return (
        f'<c:dLbls><c:numFmt formatCode="{_label_format(chart)}" sourceLinked="0"/>{box if chart.stacked else ""}'
        f'{_text(800, TEXT)}<c:dLblPos val="{position}"/>{shows}</c:dLbls>'
    )


def _category_axis(chart: Chart) -> str:
    orientation = "maxMin" if chart.horizontal else "minMax"
    return (
        f'<c:catAx><c:axId val="{_CAT_AX}"/><c:scaling><c:orientation val="{orientation}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"l" if chart.horizontal else "b"}"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:spPr>{_line(EDGE)}</c:spPr>{_text(850, TEXT)}<c:crossAx val="{_VAL_AX}"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )


def _value_axis(chart: Chart) -> str:
    """Counts from 0 with light gridlines; below horizontal bars (the categories run top-down, so it crosses at max)."""
    title = _title(chart.value_axis, 800, TEXT) if chart.value_axis else ""
    whole = _integral(chart)
    unit = '<c:majorUnit val="1"/>' if whole and _longest(chart) <= 12 else ""
    return (
        f'<c:valAx><c:axId val="{_VAL_AX}"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"b" if chart.horizontal else "l"}"/>'
        f"<c:majorGridlines><c:spPr>{_line(GRID)}</c:spPr></c:majorGridlines>{title}"
        f'<c:numFmt formatCode="{"0" if whole else "General"}" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{_text(800, TEXT)}<c:crossAx val="{_CAT_AX}"/>'
        f'<c:crosses val="{"max" if chart.horizontal else "autoZero"}"/><c:crossBetween val="between"/>{unit}'
        "</c:valAx>"
    )


def _title(text: str, size: int, colour: str, *, bold: bool = False) -> str:
    run = f'<a:rPr lang="nl-NL" sz="{size}" b="{int(bold)}">{_solid(colour)}</a:rPr>'
    return (
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{_run_props(size, colour, bold)}</a:pPr>"
        f'<a:r>{run}<a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
    )


def _text(size: int, colour: str) -> str:
    return (
        f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{_run_props(size, colour)}</a:pPr>"
        '<a:endParaRPr lang="nl-NL"/></a:p></c:txPr>'
    )


def _run_props(size: int, colour: str, bold: bool = False) -> str:
    return f'<a:defRPr sz="{size}" b="{int(bold)}">{_solid(colour)}<a:latin typeface="{FONT}"/></a:defRPr>'


def _fill(series: Series) -> str:
    if not series.pattern:
        return _solid(series.colour)
    return (
        f"<a:pattFill prst={quoteattr(series.pattern)}><a:fgClr><a:srgbClr val={quoteattr(EDGE)}/></a:fgClr>"
        f"<a:bgClr><a:srgbClr val={quoteattr(series.colour)}/></a:bgClr></a:pattFill>"
    )


def _solid(colour: str) -> str:
    return f"<a:solidFill><a:srgbClr val={quoteattr(colour)}/></a:solidFill>"


def _line(colour: str) -> str:
    return f'<a:ln w="6350">{_solid(colour)}</a:ln>'


def _no_fill() -> str:
    return "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"


def _str_ref(ref: str, texts: tuple[str, ...]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{escape(t)}</c:v></c:pt>' for i, t in enumerate(texts))
    return f'<c:strRef><c:f>{ref}</c:f><c:strCache><c:ptCount val="{len(texts)}"/>{points}</c:strCache></c:strRef>'


def _column(n: int) -> str:
    """The spreadsheet column of index n (0 is A)."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _integral(chart: Chart) -> bool:
    return all(float(v).is_integer() for s in chart.series for v in s.values)


def _longest(chart: Chart) -> float:
    """The longest bar: the largest sum per category when stacked, else the largest value."""
    if chart.stacked:
        return max((sum(column) for column in zip(*(s.values for s in chart.series), strict=True)), default=0)
    return max((v for s in chart.series for v in s.values), default=0)


def _label_format(chart: Chart) -> str:
    """Stacked: whole numbers or one decimal, zero shows nothing (an empty third section); clustered: every value
    as it is (a target of 80 stays 80 beside a realised 84.1, and a realised 0 shows)."""
    if not chart.stacked:
        return "General"
    return "0;-0;;@" if _integral(chart) else "0.0;-0.0;;@"


def _number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))
