"""Binds the step modules and the scenario state for pytest-bdd.

The step definitions are imported here so that every feature sees them; the
``contexte`` fixture is the scenario's state (steps/contexte.py).
"""
from __future__ import annotations

import pytest

from harness.catalogue import charger_catalogue
from steps.accessibilite import *  # noqa: F401,F403
from steps.activation import *  # noqa: F401,F403
from steps.apres_activation import *  # noqa: F401,F403
from steps.communs import *  # noqa: F401,F403
from steps.contexte import Contexte
from steps.erreurs import *  # noqa: F401,F403
from steps.espaces import *  # noqa: F401,F403
from steps.identification import *  # noqa: F401,F403
from steps.informations import *  # noqa: F401,F403
from steps.proprietes import *  # noqa: F401,F403
from steps.reecriture import *  # noqa: F401,F403
from steps.securite import *  # noqa: F401,F403
from steps.securite_comptes import *  # noqa: F401,F403

_REGLES = set(charger_catalogue())


@pytest.fixture
def contexte(request, canal, implementation, donnees, sirene, boite_mail, controles, driver, nouveau_driver,
             constats):
    """The scenario's state; ``regles`` are the rule ids it is tagged with, for the failure messages."""
    regles = [m.name for m in request.node.iter_markers() if m.name in _REGLES]
    return Contexte(regles=list(dict.fromkeys(regles)), canal=canal, implementation=implementation,
                    donnees=donnees, sirene=sirene, boite_mail=boite_mail, controles=controles,
                    driver=driver, nouveau_driver=nouveau_driver, constats=constats)
