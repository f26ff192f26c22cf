"""Preparation and subject: what a failure says about the scenario's rule.

A scenario has a *preparation* (its Soit/Étant donné steps, and the journey that
brings it to the page it observes) and a *subject* (its action and its Alors).
Only a failure in the subject makes the scenario's rule non conforme. A failure
in the preparation makes the scenario « non vérifié — préparation impossible »,
with a root cause that names the page, the element and the rule that judges it,
worded the same way for every scenario it blocks, so that the report names it
once (web-platform-tests' PRECONDITION_FAILED, the OpenID suite's INTERRUPTED).
"""
from __future__ import annotations

from .drivers.base import ActionImpossible, ElementIntrouvable
from .libelles import COUVERTURE


class Ecart(AssertionError):
    """A check of the steps failed: « RÈGLE — attendu : … ; constaté : … »; ``cause``: the same fact worded
    without the scenario's own data, when the check belongs to a preparation; ``en_cause``: the rules that
    judge what the check found missing (a step of the journey that does not go on: that step's own rule)."""

    def __init__(self, regle: str, attendu: str, constate: str, cause: str | None = None,
                 en_cause: tuple[str, ...] = ()) -> None:
        super().__init__(f"{regle} — attendu : {attendu} ; constaté : {constate}")
        self.regle, self.attendu, self.constate = regle, attendu, constate
        self.cause = cause or attendu
        self.en_cause = tuple(en_cause)


class PreparationImpossible(AssertionError):
    """The scenario could not be brought to what it observes. ``cause``: the root cause, the same text for every
    scenario it blocks; ``regles``: the rules that judge the element or the step in cause."""

    def __init__(self, cause: str, detail: str = "", regles: tuple[str, ...] = ()) -> None:
        texte = f"préparation impossible : {cause}"
        if regles:
            texte += f" (règle en cause : {', '.join(regles)})"
        super().__init__(texte + (f" — {detail}" if detail and detail != cause else ""))
        self.cause, self.detail, self.regles = cause, detail, tuple(regles)


def cause_element(exc: ElementIntrouvable | ActionImpossible) -> str:
    """« à l'étape « informations » : « Raison Sociale » n'est pas modifiable », without the page's URL."""
    ou = f"page « {exc.page} »" if exc.page else "page"
    quoi = f"« {exc.cle} »" if exc.cle else "un élément"
    if isinstance(exc, ElementIntrouvable):
        return f"{ou} : {quoi} introuvable"
    return f"{ou} : {quoi} refuse l'action ({str(exc).split(' sur la page ')[0]})"


def impossibilite(exc: BaseException, ou: str = "") -> PreparationImpossible:
    """The PreparationImpossible that a failure ``exc`` raised while preparing (``ou``: which preparation)."""
    if isinstance(exc, PreparationImpossible):
        return exc
    # A missing element and a failed check already name their root cause: the same words whichever preparation
    # met it, so that the verdict names it once; ``ou`` only situates a failure that names nothing.
    if isinstance(exc, (ElementIntrouvable, ActionImpossible)):
        return PreparationImpossible(cause_element(exc), str(exc), COUVERTURE.get(exc.cle or "", ()))
    if isinstance(exc, Ecart):
        return PreparationImpossible(exc.cause, f"constaté : {exc.constate}", exc.en_cause)
    prefixe = f"{ou} — " if ou else ""
    premiere_ligne = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return PreparationImpossible(prefixe + premiere_ligne[:300], str(exc))
