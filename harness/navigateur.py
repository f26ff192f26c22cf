"""Which Chromium the browser channel launches, and with what (no browser download on these machines)."""
from __future__ import annotations

import os
from typing import Any

import pytest

from .etat import ErreurDuHarnais
from .profile import Implementation

# Debian's headless shell for headless runs (the build Playwright itself uses headless; the suite runs in about
# half the time), Debian's full Chromium for headed runs; --chromium or CHORUS_CHROMIUM overrides both.
CHROMIUM_HEADLESS = "/usr/bin/chromium-headless-shell"
CHROMIUM_HEADED = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def arguments_chromium(config: pytest.Config) -> dict:
    """Chromium's launch arguments: the local Chromium (no browser download here)."""
    headed = config.getoption("--headed", default=False)
    args: dict[str, Any] = {
        "headless": not headed,
        "executable_path": (config.getoption("--chromium") or os.environ.get("CHORUS_CHROMIUM")
                            or (CHROMIUM_HEADED if headed else CHROMIUM_HEADLESS)),
        "args": list(CHROMIUM_ARGS),
    }
    slowmo = config.getoption("--slowmo", default=0)
    if slowmo:
        args["slow_mo"] = slowmo
    return args


def navigateur_distant(config: pytest.Config) -> str | None:
    """The WebSocket endpoint of a Playwright browser server (``playwright run-server``, ``launch_server``) to
    connect to instead of launching Chromium here: --navigateur-distant, else $CHORUS_NAVIGATEUR_DISTANT."""
    return config.getoption("--navigateur-distant", default=None) or os.environ.get("CHORUS_NAVIGATEUR_DISTANT") or None


def options_de_connexion(config: pytest.Config) -> dict | None:
    """pytest-playwright's ``connect_options`` for a remote browser (it then connects instead of launching,
    sending our launch arguments, which a server started with --unsafe honours: the local Chromium's path)."""
    distant = navigateur_distant(config)
    if not distant:
        return None
    return {"endpoint": distant, "timeout": 30_000,
            "headers": {"x-playwright-launch-options": options_de_lancement_distant(config)}}


def options_de_lancement_distant(config: pytest.Config) -> str:
    """Our launch arguments as a browser server reads them (JSON, the protocol's camelCase names)."""
    import json

    def camel(nom: str) -> str:
        tete, *reste = nom.split("_")
        return tete + "".join(m.title() for m in reste)
    return json.dumps({camel(k): v for k, v in arguments_chromium(config).items()})


def lancer(playwright, config: pytest.Config):
    """A Chromium for the harness's own use (the preflight's): connected to the remote server when one is given,
    else launched here."""
    distant = options_de_connexion(config)
    if distant:
        return playwright.chromium.connect(distant.pop("endpoint"), **distant)
    return playwright.chromium.launch(**arguments_chromium(config))


class NavigateurDeSonde:
    """A Chromium of its own for the preflight (before pytest-playwright starts its own), closed after it."""

    def __init__(self, config: pytest.Config, implementation: Implementation) -> None:
        from playwright.sync_api import sync_playwright

        from .drivers.browser import BrowserDriver
        self.playwright = sync_playwright().start()
        try:
            self.navigateur = lancer(self.playwright, config)
        except Exception as exc:
            self.playwright.stop()
            raise ErreurDuHarnais(f"Erreur du harnais : Chromium n'a pas pu être lancé pour la vérification préalable "
                                  f"({type(exc).__name__} : {str(exc)[:300]}).") from exc
        self.driver = BrowserDriver(self.navigateur.new_context().new_page(), implementation.libelles,
                                    owns_context=True)

    def fermer(self) -> None:
        try:
            self.navigateur.close()
        finally:
            self.playwright.stop()
