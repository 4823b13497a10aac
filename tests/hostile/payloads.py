"""Hostile Jinja payloads for a user's template, each with part of the located message it must give (None: renders)."""

from __future__ import annotations

X = "'</w:t></w:r><w:r><w:t>INJ'"
"""A text that, if it came out as raw XML, would start a run of its own (text 'INJ')."""

REFUSED = "is refused"
TOO_LARGE = "a number or range is too large"
INTERNALS = "it tries to reach Python internals"
LOAD = "a template cannot load other templates"
SLOW = "longer than the time limit"
MISSING = "it uses a field the context does not have ('nosuchfield' is undefined)"

PAYLOADS: tuple[tuple[str, str | None], ...] = (
    # resources
    ("{{ range(10**9)|list }}", TOO_LARGE),
    ("{{ 'a'*10**9 }}", "repeating a text of 1 characters 1,000,000,000 times is refused"),
    ("{{ [1]*10**9 }}", "repeating a list of 1 items"),
    ("{{ 'x'|center(10**9) }}", "the number 1000000000 is refused as a width"),
    ("{{ 'x'|indent(10**9) }}", "the number 1000000000 is refused as a width"),
    ("{{ 'x'.ljust(10**9) }}", "the number 1000000000 is refused as a width"),
    ("{{ 'x'.zfill(10**9) }}", "the number 1000000000 is refused as a width"),
    ("{{ '%*d'|format(10**9, 1) }}", "the number 1000000000 is refused as a width"),
    ("{{ '%1000000000d'|format(1) }}", "a width or precision over"),
    ("{{ '%1000000000d' % 1 }}", "a width or precision over"),
    ("{{ '{:>1000000000}'.format(1) }}", "a width or precision over"),
    ("{{ [1,2]|batch(10**9, 0)|list }}", "the number 1000000000 is refused"),
    ("{{ [1,2]|slice(10**9)|list }}", "the number 1000000000 is refused"),
    (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "a text of 16,777,216 characters is refused",
    ),
    (
        "{% set l = ['x'] %}{% for i in range(40) %}{{ l.append(l[-1] ~ l[-1]) or '' }}{% endfor %}",
        "a text of 16,777,216 characters is refused",
    ),
    ("{{ ('x'*9999999)|replace('', 'yy') }}", "replacing in a text of 9,999,999 characters"),
    ("{{ 10**100000 }}", "10 ** 100000 is refused (a number of more than 4,000 digits)"),
    ("{{ 9**(9**9) }}", "is refused (a number of more than 4,000 digits)"),
    ("{{ ('9'*5000)|int }}", None),  # Jinja's int filter gives 0 for what it cannot read
    ("{{ 10.0**1000 }}", TOO_LARGE),
    ("{{ lipsum(n=10**6) }}", "lipsum(n=1000000, min=20, max=100) is refused"),
    ("{{ lipsum(1, max=10**9) }}", "is refused (n at most 100)"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", SLOW),
    ("{% for i in range(100000) %}{{ 'x' * 1000000 }}{% endfor %}", "MB of XML"),
    ("{% macro m(n) %}{{ m(n+1) }}{% endmacro %}{{ m(1) }}", "a macro calls itself without end"),
    ("{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(" + X + ") }}", None),
    ("{% macro m() %}{{ caller() }}{% endmacro %}{% call m() %}{{ " + X + " }}{% endcall %}", None),
    # loading other templates
    ("{% include 'x.docx' %}", "{% include %} is refused: " + LOAD),
    ("{% import 'x' as y %}", "{% import %} is refused: " + LOAD),
    ("{% extends 'x' %}", "{% extends %} is refused: " + LOAD),
    ("{% from 'x' import y %}", "{% from … import %} is refused: " + LOAD),
    ("{% include ['a', 'b'] ignore missing %}", "{% include %} is refused"),
    # our filters on the wrong type
    ("{{ 'x'|datum }}", "the filter datum needs a date, not 'x' (str)"),
    ("{{ 2027|datum }}", "the filter datum needs a date, not 2027 (int)"),
    ("{{ 1|termijn }}", "the filter termijn needs a termijn such as 2027, 2027-Q2 or 2027-06-30, not 1 (int)"),
    ("{{ '2027-13-45'|termijn }}", "the filter termijn needs a termijn"),
    ("{{ '2027-Q5'|termijn }}", "the filter termijn needs a termijn"),
    ("{{ 'abc'|euro }}", "the filter euro needs a number below 1e+15, not 'abc' (str)"),
    ("{{ true|euro }}", "the filter euro needs a number"),
    ("{{ (10**20)|euro }}", "the filter euro needs a number below 1e+15, not 100000000000000000000 (int)"),
    ("{{ 'x'|procent }}", "the filter procent needs a number"),
    ("{{ (10**400)|getal }}", "the filter getal needs a number below 1e+15 or a text, not a number of 401 digits"),
    ("{{ (1e308*10)|getal }}", "the filter getal needs a number"),
    ("{{ 5|opsomming }}", "the filter opsomming needs a list, not 5 (int)"),
    ("{{ none|datum }}", "the filter datum needs a date, not None"),
    # Python errors in the template's own code
    ("{{ 1/0 }}", "it divides by zero"),
    ("{{ 1//0 }}", "it divides by zero"),
    ("{{ 1 % 0 }}", "it divides by zero"),
    ("{{ [].pop() }}", "IndexError: pop from empty list"),
    ("{{ [][5] }}", "it uses a field the context does not have"),
    ("{{ {}.pop('x') }}", "KeyError"),
    ("{{ 'x'|int(base=99) }}", None),
    ("{{ 'x'.encode('utf-8', 'nonsense')|string }}", None),
    ("{{ '%d' % 'x' }}", "a value cannot be used this way (TypeError"),
    ("{{ 1 + 'a' }}", "a value cannot be used this way (TypeError"),
    ("{{ 'a' < 1 }}", "a value cannot be used this way (TypeError"),
    # the sandbox (the known server-side template injection list)
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", INTERNALS),
    ("{{ cycler.__init__.__globals__.os }}", INTERNALS),
    ("{{ joiner.__init__.__globals__ }}", INTERNALS),
    ("{{ namespace.__init__.__globals__ }}", INTERNALS),
    ("{{ lipsum.__globals__['os'] }}", INTERNALS),
    ("{{ self._TemplateReference__context }}", INTERNALS),
    ("{{ ''|attr('__class__') }}", INTERNALS),
    ("{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f') }}", INTERNALS),
    ("{{ '{0.__class__}'.format(1) }}", INTERNALS),
    ("{{ range.__self__ }}", "it uses a field the context does not have ('function object' has no attribute"),
    ("{{ [1]|map(attribute='__class__')|list }}", "access to attribute '__class__' of 'int' object is unsafe"),
    ("{{ config.items() }}", "it uses a field the context does not have"),
    ("{{ request.application }}", "it uses a field the context does not have"),
    # raw XML from a template: text, never XML
    ("{{ " + X + "|safe }}", None),
    ("{% autoescape false %}{{ " + X + " }}{% endautoescape %}", None),
    ("{% filter striptags %}{{ " + X + " }}{% endfilter %}", None),
    ("{% filter safe %}{{ " + X + " }}{% endfilter %}", None),
    ("{% set s %}{{ " + X + " }}{% endset %}{{ s|striptags }}", None),
    ("{{ (" + X + "|forceescape)|safe }}", None),
    ("{{ 'http://x.nl'|urlize }}", None),
    ("{{ lipsum(1) }}", None),
    ("{{ " + X + "|e|replace('&lt;', '<') }}", None),
    ("{{ ('&lt;w:t&gt;INJ'|safe).unescape() }}", "('str object' has no attribute 'unescape')"),
    ("{{ " + X + "|wordwrap(5) }}", None),
    # a missing field fails wherever it is named, also inside a literal, a filter, a test or a call
    ("{{ [nosuchfield] }}", MISSING),
    ("{{ (nosuchfield,) }}", MISSING),
    ("{{ {'k': nosuchfield} }}", MISSING),
    ("{{ {nosuchfield: 1} }}", MISSING),
    ("{{ [nosuchfield]|length }}", MISSING),
    ("{% for x in [1, nosuchfield] %}{{ loop.index }}{% endfor %}", MISSING),
    ("{{ nosuchfield|pprint }}", MISSING),
    ("{{ nosuchfield|tojson }}", MISSING),
    ("{{ nosuchfield is none }}", MISSING),
    ("{{ dict(k=nosuchfield) }}", MISSING),
    ("{{ nosuchfield|default('given') }}{{ nosuchfield is defined }}", None),  # asking whether it is there is fine
)
