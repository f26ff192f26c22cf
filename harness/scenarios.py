"""pytest-bdd glue: which test is a scenario, its Gherkin tags, what its report carries, and whether a failure
is its preparation's (« préparation impossible ») or its subject's (docs/ARCHITECTURE.md)."""
from __future__ import annotations

from typing import Any

import pytest

from .preuves import CONSTATS_ITEM, PREPARATION_ITEM, PREUVES_ITEM, RAPPORTS_ITEM

PAS_EN_ECHEC = pytest.StashKey[tuple]()  # (keyword type, text) of the scenario's failed Gherkin step


def gabarit(fonction: Any):
    """The pytest-bdd scenario template behind a test function, None for an ordinary test."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry
    try:
        return scenario_wrapper_template_registry.get(fonction)
    except TypeError:  # not weak-referenceable: not a scenario
        return None


def est_scenario(item: pytest.Item) -> bool:
    return gabarit(getattr(item, "obj", None)) is not None


def tags(item: pytest.Item) -> list[str]:
    """The scenario's Gherkin tags, its rule's and its feature's."""
    modele = gabarit(getattr(item, "obj", None))
    tous = set(getattr(modele, "tags", ()) or ())
    for parent in (getattr(modele, "feature", None), getattr(modele, "rule", None)):
        tous |= set(getattr(parent, "tags", ()) or ())
    return sorted(tous)


def classer_echec(exception: BaseException, pas: tuple[str, str] | None, etiquettes: list[str]) -> dict | None:
    """Whether a failure is the preparation's (the scenario then is « préparation impossible »), as a dict for the
    report; None when it is the subject's (its rule is then non conforme) or a bug of the harness.

    Preparation: a PreparationImpossible anywhere (a preparation inside a Quand or an Alors); any check failing in
    a Soit step; in a Quand step, an element missing or refusing the action. Unless a rule of the scenario's own
    is the one in cause (the element's, the step's that did not go on): then what failed is its subject."""
    from .drivers.base import ActionImpossible, ElementIntrouvable
    from .preparation import Ecart, PreparationImpossible, impossibilite

    if not isinstance(exception, AssertionError):
        return None
    type_du_pas, texte = pas or ("", "")
    if isinstance(exception, PreparationImpossible):
        impossible = exception
    elif type_du_pas == "given":
        impossible = impossibilite(exception)
    elif (type_du_pas == "when" and isinstance(exception, (ElementIntrouvable, ActionImpossible))
          and not isinstance(exception, Ecart)):
        impossible = impossibilite(exception)
    else:
        return None
    if set(impossible.regles) & set(etiquettes):
        return None
    return {"cause": impossible.cause, "regles": list(impossible.regles), "detail": impossible.detail,
            "pas": f"{type_du_pas} {texte}".strip(), "message": str(impossible)}


def etapes(modele, exemple: dict, pas: tuple[str, str] | None) -> tuple[list[dict], int | None]:
    """The scenario's Gherkin steps as they ran (an outline's rendered with its example row), and the index of the
    step that failed or could not go on (pytest-bdd's ``pas``: its type and text), None when none did."""
    try:
        rendus = modele.render(exemple).steps
    except Exception:  # noqa: BLE001 - a template pytest-bdd cannot render: its steps as written
        rendus = list(getattr(modele, "steps", ()))
    liste = [{"mot_cle": s.keyword.strip(), "texte": s.name, "ligne": s.line_number} for s in rendus]
    index = next((i for i, s in enumerate(rendus) if pas and (s.type, s.name) == tuple(pas)), None)
    return liste, index


def annoter_rapport(item: pytest.Item, call: pytest.CallInfo, rep: pytest.TestReport) -> None:
    """What a scenario's report carries to the verdict (``rep.chorus``, sent to the xdist controller with it); a
    preparation that could not go on turns the report « skipped », with its root cause."""
    scenario = gabarit(getattr(item, "obj", None))
    if scenario is None:
        return
    item.stash.setdefault(RAPPORTS_ITEM, {})[rep.when] = rep
    callspec = getattr(item, "callspec", None)
    data: dict[str, Any] = {
        "scenario": scenario.name, "fonctionnalite": getattr(scenario.feature, "name", ""),
        "fichier": getattr(scenario.feature, "rel_filename", ""), "tags": tags(item),
        "canal": callspec.params.get("canal") if callspec else None,
        # an outline's example row (column -> value): the report names the case by its values
        "exemple": dict(callspec.params.get("_pytest_bdd_example") or {}) if callspec else {},
    }
    if call.excinfo is not None and rep.failed:
        data["exception"] = call.excinfo.typename
        data["message"] = call.excinfo.exconly()[:4000]
        if rep.when == "call":
            impossible = classer_echec(call.excinfo.value, item.stash.get(PAS_EN_ECHEC, None), data["tags"])
            if impossible is not None:
                data["preparation"] = impossible
                # Not verified, nothing failed: pytest, JUnit and Cucumber say « skipped », with the root cause.
                rep.outcome = "skipped"
                rep.longrepr = (str(item.path), item.location[1] or 0,
                                f"non vérifié — {impossible['message'][:2000]}")
                item.stash[PREPARATION_ITEM] = True
    if item.stash.get(CONSTATS_ITEM, None):
        data["constats"] = [c[:1000] for c in item.stash[CONSTATS_ITEM][:50]]
    if rep.when == "teardown":
        data["preuves"] = {k: v for k, v in item.stash.get(PREUVES_ITEM, {}).items()
                           if isinstance(v, str)}
        data["ligne"] = getattr(scenario, "line_number", 0)
        data["etapes"], data["pas_en_echec"] = etapes(scenario, data["exemple"], item.stash.get(PAS_EN_ECHEC, None))
    from pytest_bdd.reporting import test_report_context_registry
    contexte = test_report_context_registry.get(rep)
    if contexte is not None:  # pytest-bdd issue 679: carried to the xdist controller with the report
        data["bdd"] = {"scenario": contexte.scenario, "name": contexte.name}
    rep.chorus = data
