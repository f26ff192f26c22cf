"""The channels a scenario runs on, and how a driver of each is made: one registry, so that adding a channel is
one entry, not an if/else in every place that makes a driver."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from .etat import ErreurDuHarnais
from .profile import Implementation


def _navigateur(request: pytest.FixtureRequest, implementation: Implementation, premier: bool):
    """The scenario's page (pytest-playwright) or a page of a new browser context, with our light traces."""
    from .drivers.browser import BrowserDriver
    from .navigateur import expliquer_lancement
    from .preuves import traces_legeres
    try:
        page = request.getfixturevalue("page") if premier else request.getfixturevalue("new_context")().new_page()
    except Exception as exc:  # the steps ask for drivers while running: say whose fault it is
        raise ErreurDuHarnais(expliquer_lancement(request.config, exc)) from exc
    if traces_legeres(request.config):
        # Actions, console and network cost nothing measurable; DOM snapshots ~10 % of a browser scenario, the
        # screencast and the sources ~25 % more: the failure's screenshot and saved page stand in for them.
        instantanes = request.config.getoption("--traces") == "instantanes"
        page.context.tracing.start(title=request.node.nodeid, snapshots=instantanes, screenshots=False,
                                   sources=False)
    return BrowserDriver(page, implementation.libelles, origines=implementation.origines)


def _http(request: pytest.FixtureRequest, implementation: Implementation, premier: bool):
    """A new plain-HTTP session (no JavaScript)."""
    from .drivers.http import HttpDriver, session_http
    return HttpDriver(session_http(implementation.confiance), implementation.libelles,
                      origines=implementation.origines)


# channel name -> (request, implementation, first of the scenario?) -> Driver
CANAUX: dict[str, Callable[[pytest.FixtureRequest, Implementation, bool], Any]] = {
    "navigateur": _navigateur,
    "http": _http,
}


def creer_driver(request: pytest.FixtureRequest, canal: str, implementation: Implementation, *,
                 premier: bool = False):
    return CANAUX[canal](request, implementation, premier)
