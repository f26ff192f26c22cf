"""What the plugin knows in one pytest process (controller, xdist worker or single process), kept in the
config's stash: the profile, the seed, the services' addresses, the results collected."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .profile import Profil

ETAT = pytest.StashKey["Etat"]()


class ErreurDuHarnais(RuntimeError):
    """A fixture of the harness could not give what it promises (services down, browser not launched)."""


@dataclass
class Etat:
    """What the plugin knows in this process (controller, worker or single process)."""

    profil: Profil
    graine: int
    id_run: str
    rapports: Path
    url_implementation: str | None = None
    faute: str | None = None
    services: dict[str, Any] | None = None  # URLs shared with the workers
    services_partages: dict[str, Any] | None = None  # fakes started by ``plusieurs``, neither started nor stopped here
    processus: list = field(default_factory=list)
    temporaire: str | None = None
    conformite: bool = False
    preflight: str | None = None  # message when the preflight failed
    resultats: dict[str, dict] = field(default_factory=dict)  # nodeid -> phases, controller side
    debut: str = ""
    top: float = field(default_factory=time.monotonic)
    bilan: Any = None
    attendus: list = field(default_factory=list)
    bac_a_sable: bool = True  # Chromium keeps its sandbox (False: --sans-bac-a-sable, said in every report)
    https: bool = False  # the bundled reference served over HTTPS (--https), with a throw-away CA
    confiance: str | None = None  # PEM certificates an implementation served over HTTPS is trusted by
    exiger_tout: bool = False  # --exiger-tout: a rule that could gate left « non vérifié » fails the run

    def partage(self) -> dict[str, Any]:
        return {"graine": self.graine, "id_run": self.id_run, "services": self.services}


def etat_de(config: pytest.Config) -> Etat:
    return config.stash[ETAT]


def est_travailleur(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def est_controleur_xdist(config: pytest.Config) -> bool:
    return not est_travailleur(config) and getattr(config.option, "dist", "no") not in (None, "no")


def services_de(config: pytest.Config) -> dict[str, Any]:
    etat = etat_de(config)
    if etat.services is None:
        raise ErreurDuHarnais("Erreur du harnais : les services (faux Sirene, capture SMTP, implémentation) ne sont "
                              "pas démarrés. Lancez la suite de conformité (chorus-conformance, ou pytest sur "
                              "steps/) pour que le greffon les démarre.")
    return etat.services


def version_du_harnais() -> str:
    try:
        from importlib.metadata import version
        return version("chorus-conformance")
    except Exception:  # not installed: running from the tree
        return "0+arbre"
