"""The one assertion helper of the steps.

Every failed check reads « RÈGLE — attendu : … ; constaté : … » in French, so
the report says which rule of the guide failed, what the guide expects and what
the implementation did.
"""
from __future__ import annotations

from typing import Callable, Union

from harness.drivers.base import ActionImpossible, ElementIntrouvable

Constat = Union[str, Callable[[], str]]


def verifier(contexte, condition: Union[bool, Callable[[], bool]], attendu: str, constate: Constat = "",
             regle: str | None = None) -> None:
    """Raise an AssertionError naming the rule when ``condition`` is false.

    ``condition`` may be a callable that drives the page: an element the guide
    names and the page lacks (``ElementIntrouvable``) or an action the page
    refuses (``ActionImpossible``) is then the observed fact. ``constate`` may
    be a callable, evaluated only on failure. ``regle`` defaults to the rule
    ids the scenario is tagged with.
    """
    try:
        ok = condition() if callable(condition) else bool(condition)
    except (ElementIntrouvable, ActionImpossible) as exc:
        ok, constate = False, str(exc)
    if ok:
        return
    if callable(constate):
        try:
            constate = constate()
        except (ElementIntrouvable, ActionImpossible) as exc:
            constate = str(exc)
    ids = regle or " / ".join(getattr(contexte, "regles", None) or []) or "règle non indiquée"
    raise AssertionError(f"{ids} — attendu : {attendu} ; constaté : {constate or 'le contraire'}")
