"""Template checks: which references a Jinja template makes that a typed context does not provide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from afsprakengen.templatecheck.infer import TemplateSyntaxProblem, UnknownRef, find_unknown_refs


@dataclass(frozen=True)
class IndicatorCtx:
    naam: str
    eenheid: str


@dataclass(frozen=True)
class AfspraakCtx:
    code: str
    tekst: Markup
    indicator: IndicatorCtx | None
    jaren: tuple[int, ...]
    extra: dict[str, Any]

    @property
    def titel(self) -> str:
        return f"{self.code}: {self.tekst}"


@dataclass(frozen=True)
class ThemaCtx:
    naam: str
    afspraken: tuple[AfspraakCtx, ...]


@dataclass(frozen=True)
class Context:
    gemeente: str
    datum: date
    themas: tuple[ThemaCtx, ...]
    paar: tuple[str, int]
    los: Any


ENV = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
ENV.filters["datum"] = lambda d: str(d)


def refs(source: str) -> list[UnknownRef]:
    return find_unknown_refs(source, Context, ENV)


def paths(source: str) -> list[str]:
    return [ref.path for ref in refs(source)]


CORRECT = """\
{{ gemeente|upper }} {{ datum|datum }} {{ datum.year }}
{% for t in themas %}{{ loop.index }}. {{ t.naam }}
  {% for a in t.afspraken if a.indicator is not none %}
    {{ a.code }} {{ a.titel }} {{ a.tekst|safe }} {{ a.indicator.eenheid }} {{ a['code'] }}
    {% for j in a.jaren %}{{ j }}{% if not loop.last %}, {% endif %}{% endfor %}
    {{ a.extra.wat.dan.ook }}
  {% else %}geen afspraken
  {% endfor %}
  {% set eerste = t.afspraken|first %}{{ eerste.code }} {{ (t.afspraken|sort(attribute='code')|last).titel }}
{% endfor %}
{% set tekst, getal = paar %}{{ tekst.lower() }}
{{ los.wat.dan.ook }} {{ themas[0].naam }} {{ themas|length }} {{ themas|map(attribute='naam')|join(', ') }}
{% macro regel(x, y=gemeente) %}{{ x }}{{ y }}{{ varargs }}{% endmacro %}{{ regel(1) }}
{% set ns = namespace(n=0) %}{% set ns.n = ns.n + 1 %}
{% with g = gemeente %}{{ g.title() }}{% endwith %}
{% if onbekend is defined %}{{ onbekend.iets }}{% endif %}{{ gemeente if gemeente is defined else 'x' }}
{{ range(3)|list }} {{ (themas|selectattr('naam')|first).afspraken|length }}
"""


def test_a_correct_template_has_no_unknown_refs() -> None:
    assert refs(CORRECT) == []


def test_a_misspelt_top_level_name_is_reported_with_a_suggestion() -> None:
    assert refs("Gemeente {{ gemeete }}") == [
        UnknownRef("gemeete", 1, "Gemeente {{ gemeete }}", "'gemeete' is not in the context (did you mean 'gemeente'?)")
    ]


def test_a_misspelt_attribute_inside_nested_loops_names_the_path_line_and_fix() -> None:
    source = (
        "{% for t in themas %}\n"
        "{% for a in t.afspraken %}\n"
        "Afspraak {{ a.code }} meet in {{ a.indicator.eenhed }} per jaar, te beginnen in het eerste jaar van de\n"
        "{% endfor %}{% endfor %}"
    )
    [ref] = refs(source)
    assert ref.path == "a.indicator.eenhed"
    assert ref.line == 3
    assert ref.reason == "'IndicatorCtx' has no field 'eenhed' (did you mean 'eenheid'?)"
    assert "{{ a.indicator.eenhed }}" in ref.snippet
    assert len(ref.snippet) <= 60
    assert "\n" not in ref.snippet


@pytest.mark.parametrize(
    "source",
    [
        "{% for t in themas %}{% for a in t.afspraken %}{{ a.titel.upper() }}{% endfor %}{% endfor %}",
        "{% for t in themas %}{{ loop.index }}{{ loop.first }}{{ loop.length }}{{ loop.revindex0 }}{% endfor %}",
        "{% for t in themas %}{% set x = t.naam %}{{ x.upper() }}{% endfor %}",
        "{% for t in themas %}{% for a in t.afspraken %}{{ a['code'] }}{% endfor %}{% endfor %}",
        "{% for t in themas %}{% else %}{{ gemeente }}{% endfor %}",
    ],
    ids=["property", "loop", "set-from-attribute", "getitem", "for-else"],
)
def test_known_references(source: str) -> None:
    assert refs(source) == []


@pytest.mark.parametrize(
    ("source", "path", "reason"),
    [
        (
            "{% for t in themas %}{{ t.naam|replace('x', t.naaam) }}{% endfor %}",
            "t.naaam",
            "'ThemaCtx' has no field 'naaam' (did you mean 'naam'?)",
        ),
        (
            "{% for t in themas %}{{ t.afspraken|selectattr('indicatr')|list }}{% endfor %}",
            "t.afspraken|selectattr('indicatr')",
            "'AfspraakCtx' has no field 'indicatr' (did you mean 'indicator'?)",
        ),
        (
            "{{ themas|map(attribute='afspraken.cod')|list }}",
            "themas|map('afspraken.cod')",
            "'afspraken' is a list, which has no attribute 'cod'",
        ),
        (
            "{% for t in themas %}{% for a in t.afspraken %}{{ a['cdoe'] }}{% endfor %}{% endfor %}",
            "a['cdoe']",
            "'AfspraakCtx' has no field 'cdoe' (did you mean 'code'?)",
        ),
        (
            "{{ themas.naam }}",
            "themas.naam",
            "'themas' is a list, which has no attribute 'naam' (loop over it to reach the fields of its items)",
        ),
        (
            "{% set x = gemeente %}{{ x.upperr() }}",
            "x.upperr",
            "'str' has no attribute 'upperr' (did you mean 'upper'?)",
        ),
        ("{{ paar[1].naam }}", "paar[1].naam", "'int' has no attribute 'naam'"),
        (
            "{% for t in themas %}{{ loop.indx }}{% endfor %}",
            "loop.indx",
            "'LoopContext' has no attribute 'indx' (did you mean 'index'?)",
        ),
        ("{{ gemeente|uper }}", "gemeente|uper", "there is no filter named 'uper' (did you mean 'upper'?)"),
        (
            "{{ 1 if gemeente is defind }}",
            "gemeente is defind",
            "there is no test named 'defind' (did you mean 'defined'?)",
        ),
    ],
    ids=[
        "filter-argument",
        "selectattr",
        "map-dotted",
        "getitem",
        "list",
        "str-method",
        "tuple-position",
        "loop",
        "filter-name",
        "test-name",
    ],
)
def test_unknown_references(source: str, path: str, reason: str) -> None:
    assert [(ref.path, ref.reason) for ref in refs(source)] == [(path, reason)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{% for t in themas %}{% set x = t.naam %}{% endfor %}{{ x }}{{ t }}", ["x", "t"]),
        ("{% if foo is defined %}{{ foo.bar }}{% else %}{{ foo }}{% endif %}{{ foo }}", ["foo"]),
        ("{% if bar is undefined %}-{% else %}{{ bar }}{% endif %}{{ onbekend|default('') }}", []),
        ("{% macro m(x) %}{{ x.wat }}{{ y }}{% endmacro %}{% call m(1) %}{{ caller }}{{ z }}{% endcall %}", ["y", "z"]),
        ("{% with a = themas[0] %}{{ a.naam }}{{ a.nm }}{% endwith %}{{ a }}", ["a.nm", "a"]),
        ("{% set t %}{{ gemeente }}{% endset %}{{ t.upper() }}{{ t.xx }}", ["t.xx"]),
    ],
    ids=["loop-scope", "defined-guard", "undefined-and-default", "macro-and-call", "with", "set-block"],
)
def test_scopes_and_guards(source: str, expected: list[str]) -> None:
    assert paths(source) == expected


def test_each_path_is_reported_once_per_line_sorted_by_line() -> None:
    source = "{{ x }}\n{{ y }} {{ x }} {{ y }}\n{{ los.a }}{{ gemeente.q.r }}"
    assert [(ref.path, ref.line) for ref in refs(source)] == [("x", 1), ("y", 2), ("x", 2), ("gemeente.q", 3)]


def test_the_snippet_shows_the_text_around_the_reference_on_a_long_line() -> None:
    source = "a " * 100 + "{{ gemeentee }}" + "\n   b\t" * 3 + " z" * 100
    [ref] = refs(source)
    assert "{{ gemeentee }}" in ref.snippet
    assert "  " not in ref.snippet
    assert len(ref.snippet) <= 60


def test_a_syntax_error_gives_the_line() -> None:
    with pytest.raises(TemplateSyntaxProblem) as caught:
        refs("{{ gemeente }}\n{% for t in themas %}\n{{ t.naam }")
    assert caught.value.line == 3
    assert caught.value.message
