"""Which Chromium the browser channel launches, and with what (no browser download on these machines)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .etat import ETAT, ErreurDuHarnais
from .profile import Implementation
from .services import HOTE, port_libre
from .tls import empreintes_spki

# Debian's headless shell for headless runs (the build Playwright itself uses headless; the suite runs in about
# half the time), Debian's full Chromium for headed runs; --chromium or CHORUS_CHROMIUM overrides both.
CHROMIUM_HEADLESS = "/usr/bin/chromium-headless-shell"
CHROMIUM_HEADED = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
# Chromium keeps its sandbox (the implementation's pages run in it) unless told otherwise, explicitly: where the
# machine cannot give it one (Chromium refuses to start sandboxed as root), --sans-bac-a-sable or this variable.
SANS_BAC_A_SABLE = "CHORUS_SANS_BAC_A_SABLE"
AVIS_SANS_BAC_A_SABLE = ("bac à sable désactivé : Chromium s'exécute sans son bac à sable (--sans-bac-a-sable), les "
                         "pages de l'implémentation ne sont pas isolées du système")


def bac_a_sable(config: pytest.Config) -> bool:
    """Whether Chromium keeps its sandbox: yes, unless --sans-bac-a-sable or CHORUS_SANS_BAC_A_SABLE=1."""
    variable = os.environ.get(SANS_BAC_A_SABLE, "").strip().lower() in ("1", "oui", "true", "yes")
    return not (config.getoption("--sans-bac-a-sable", default=False) or variable)


def sandbox_impossible(config: pytest.Config) -> str | None:
    """Why Chromium cannot start sandboxed here, before it is tried: None when it can (or does not run here)."""
    if not bac_a_sable(config) or navigateur_distant(config) or os.geteuid() != 0:
        return None
    return ("Chromium refuse de garder son bac à sable quand il est lancé par root (« Running as root without "
            "--no-sandbox is not supported »), et le harnais ne l'en prive pas sans qu'on le lui dise.\n"
            "Comment corriger : lancez le harnais sous un utilisateur non privilégié (Chromium y garde son bac à "
            "sable), ou, sur une machine qui ne le permet pas, passez --sans-bac-a-sable (ou CHORUS_SANS_BAC_A_SABLE=1) "
            ": le terminal, le rapport et verdict.json diront « bac à sable désactivé ».")


def expliquer_lancement(config: pytest.Config, exc: Exception) -> str:
    """The French message of a Chromium that did not start: its sandbox refused, or anything else."""
    pourquoi = sandbox_impossible(config)
    if pourquoi or "sandbox" in str(exc).lower() and bac_a_sable(config):
        return "Erreur du harnais : Chromium n'a pas pu être lancé avec son bac à sable. " + (
            pourquoi or f"({type(exc).__name__} : {str(exc)[:300]}) Sur une machine qui ne le permet pas, passez "
                        f"--sans-bac-a-sable (ou CHORUS_SANS_BAC_A_SABLE=1).")
    return (f"Erreur du harnais : Chromium n'a pas pu être lancé ({type(exc).__name__} : {str(exc)[:500]}). "
            f"Donnez son chemin par --chromium ou CHORUS_CHROMIUM.")


# Every browser context the harness opens: a French user's (navigator.language, Accept-Language, formats). Debian's
# Chromium ships its own texts in English only (locales/en-US.pak): its validation messages stay English.
CONTEXTE_FRANCAIS = {"locale": "fr-FR"}


def arguments_chromium(config: pytest.Config) -> dict:
    """Chromium's launch arguments: the local Chromium (no browser download here), sandboxed unless told not to
    be (Playwright passes --no-sandbox itself when ``chromium_sandbox`` is false)."""
    headed = config.getoption("--headed", default=False)
    args: dict[str, Any] = {
        "headless": not headed,
        "executable_path": (config.getoption("--chromium") or os.environ.get("CHORUS_CHROMIUM")
                            or (CHROMIUM_HEADED if headed else CHROMIUM_HEADLESS)),
        "args": list(CHROMIUM_ARGS) + arguments_de_confiance(config),
        "chromium_sandbox": bac_a_sable(config),
    }
    slowmo = config.getoption("--slowmo", default=0)
    if slowmo:
        args["slow_mo"] = slowmo
    return args


def arguments_de_confiance(config: pytest.Config) -> list[str]:
    """An implementation served over HTTPS by a CA the system does not know (--https, --certificats-de-confiance):
    Chromium accepts the public keys of exactly those certificates, and no other certificate error."""
    services = config.stash[ETAT].services if ETAT in config.stash else None
    confiance = (services or {}).get("confiance")
    return [f"--ignore-certificate-errors-spki-list={','.join(empreintes_spki(confiance))}"] if confiance else []


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
            raise ErreurDuHarnais(expliquer_lancement(config, exc) + " (vérification préalable)") from exc
        self.driver = BrowserDriver(self.navigateur.new_context(**CONTEXTE_FRANCAIS).new_page(),
                                    implementation.libelles,
                                    owns_context=True, origines=implementation.origines)

    def fermer(self) -> None:
        try:
            self.navigateur.close()
        finally:
            self.playwright.stop()


def demarrer_serveur_de_navigateurs(journaux: Path, processus: list) -> str:
    """A Playwright browser server (``playwright run-server --unsafe``: it honours each run's launch arguments, the
    same Chromium a local run launches); its WebSocket address. Node is started directly, as Playwright's own
    command does, so that the process stopped at the end is the server itself, not a wrapper that leaves it behind."""
    from playwright._impl._driver import compute_driver_executable, get_driver_env

    from fixtures.clients import start_process

    node, cli = compute_driver_executable()
    argv = [node, cli, "run-server", "--host", HOTE, "--port", str(port_libre()), "--unsafe"]
    p, ligne = start_process(argv, "Listening on", 60, journaux / "serveur_de_navigateurs.log", env=get_driver_env())
    processus.append(p)
    return ligne.split()[-1]
