"""The one assertion helper of the steps, and the marker of preparations.

Every failed check reads « RÈGLE — attendu : … ; constaté : … » in French, so
the report says which rule of the guide failed, what the guide expects and what
the implementation did.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Union

from harness.drivers.base import ActionImpossible, ElementIntrouvable
from harness.preparation import Ecart, impossibilite

Constat = Union[str, Callable[[], str]]


def verifier(contexte, condition: Union[bool, Callable[[], bool]], attendu: str, constate: Constat = "",
             regle: str | None = None, cause: Constat | None = None,
             en_cause: Union[tuple[str, ...], Callable[[], tuple[str, ...]]] = ()) -> None:
    """Raise an ``Ecart`` (an AssertionError) naming the rule when ``condition`` is false.

    ``condition`` may be a callable that drives the page: an element the guide
    names and the page lacks (``ElementIntrouvable``) or an action the page
    refuses (``ActionImpossible``) is then the observed fact. ``constate`` may
    be a callable, evaluated only on failure. ``regle`` defaults to the rule
    ids the scenario is tagged with. ``cause`` and ``en_cause`` serve when the
    check belongs to a preparation (harness/preparation.py): the root cause
    without the scenario's data, and the rules that judge it (either may be a callable, evaluated on failure).
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
    if callable(cause):
        cause = cause()
    if callable(en_cause):
        en_cause = en_cause()
    ids = regle or " / ".join(getattr(contexte, "regles", None) or []) or "règle non indiquée"
    raise Ecart(ids, attendu, constate or "le contraire", cause, en_cause)


@contextmanager
def preparation(ou: str) -> Iterator[None]:
    """What runs inside brings the scenario to what it observes (inside a Quand or an Alors): a failure there
    is « préparation impossible », never a verdict on the scenario's rule. Soit steps need no such block: the
    plugin treats every failure of theirs this way."""
    try:
        yield
    except AssertionError as exc:
        raise impossibilite(exc, ou) from exc
