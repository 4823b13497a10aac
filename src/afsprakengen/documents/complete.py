"""A rendered document read back before it is written: every part well-formed, and all its context promised in it."""

from __future__ import annotations

from afsprakengen.problems import Location, Problem, error


def completeness_problems(data: bytes, shown: str, output: str, context: object) -> tuple[Problem, ...]:
    """An error at the template (`shown`) when the document cannot be read back or lacks a promised text.

    A context promises texts through its `promised()` (the agreement codes and signatories of the
    prestatieafspraken, the activity codes of an activiteitenoverzicht): a document cut short, or a template
    that leaves them out, is never written.
    """
    from afsprakengen.word.readback import UnreadableDocument, body_text

    try:
        text = body_text(data)
    except UnreadableDocument as exc:
        return (not_whole(shown, output, exc),)
    return promise_problems(text, shown, output, context)


def not_whole(shown: str, output: str, exc: Exception) -> Problem:
    """The error for a rendered document that cannot be read back."""
    return error(Location(shown), f"{output}: the rendered document is not whole ({exc}); it is not written")


def promise_problems(text: str, shown: str, output: str, context: object) -> tuple[Problem, ...]:
    """An error at the template for each text the context promises that the body text does not hold."""
    promise = getattr(context, "promised", None)
    holds = _Holds(text)
    missing = [what for what, texts in (promise() if promise else ()) if not all(map(holds, texts))]
    return tuple(
        error(Location(shown), f"{output}: the document does not show {what}; it is not written") for what in missing
    )


class _Holds:
    """Whether a text occurs in the body text: a whole word of it is found in a set, anything else is searched.

    Searching thousands of codes through a body of megabytes one by one costs seconds; a code is nearly always a
    word of its own, and only the others are searched (the same answer as `t in text`, only sooner).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = frozenset(text.split())

    def __call__(self, wanted: str) -> bool:
        return wanted in self.words or wanted in self.text
