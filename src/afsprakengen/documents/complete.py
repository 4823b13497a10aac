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
        return (error(Location(shown), f"{output}: the rendered document is not whole ({exc}); it is not written"),)
    promise = getattr(context, "promised", None)
    missing = [what for what, texts in (promise() if promise else ()) if any(t not in text for t in texts)]
    return tuple(
        error(Location(shown), f"{output}: the document does not show {what}; it is not written") for what in missing
    )
