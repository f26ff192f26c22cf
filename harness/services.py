"""The services a conformance run needs: the Sirene fake, the SMTP capture and (unless a URL is given) the bundled
reference implementation, each a process that prints READY; free ports; the reference's command line, shared
with the seeded-fault matrix (mutants/) and the bench."""
from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .catalogue import RACINE

SIRENE_CLE = "chorus-conformance"
DELAI_DEMARRAGE = 60
HOTE = "127.0.0.1"


def port_libre() -> int:
    """A TCP port free on the loopback now (the OS's choice)."""
    with socket.socket() as s:
        s.bind((HOTE, 0))
        return s.getsockname()[1]


def commande_reference(port: int, base_de_donnees: str | Path, sirene_url: str, smtp_port: int, *,
                       sirene_cle: str = SIRENE_CLE, smtp_hote: str = HOTE, validite_minutes: int = 60,
                       captcha: str | None = None, faute: str | None = None, python: str | None = None) -> list[str]:
    """The command line that starts the bundled reference implementation in test mode on ``port``."""
    argv = [python or sys.executable, "-m", "reference_impl", "--host", HOTE, "--port", str(port),
            "--database", str(base_de_donnees), "--sirene-url", sirene_url, "--sirene-key", sirene_cle,
            "--smtp-host", smtp_hote, "--smtp-port", str(smtp_port), "--public-url", f"http://{HOTE}:{port}",
            "--link-validity-minutes", str(validite_minutes), "--test-mode"]
    if captcha is not None:
        argv += ["--captcha-answer", captcha]
    if faute:
        argv += ["--fault", faute]
    return argv


def environnement() -> dict[str, str]:
    """The environment of the services' processes: the project's root importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(RACINE), *filter(None, [env.get("PYTHONPATH")])])
    return env


def demarre_implementation_integree(etat) -> bool:
    return etat.faute is not None or not (etat.url_implementation or etat.profil.url_base)


def demarrer_services(etat) -> None:
    """Start the Sirene fake, the SMTP capture and, unless a URL is given, the reference implementation; their
    addresses go to ``etat.services`` (shared with the xdist workers)."""
    from fixtures.clients import start_process

    journaux = etat.rapports / "journaux"
    journaux.mkdir(parents=True, exist_ok=True)
    env = environnement()
    py = sys.executable

    def lance(argv: list[str], journal: str) -> str:
        processus, ligne = start_process(argv, "READY", DELAI_DEMARRAGE, journaux / journal, env=env, cwd=RACINE)
        etat.processus.append(processus)
        return ligne

    profil = etat.profil
    ligne = lance([py, "-m", "fixtures.fake_sirene", "--host", HOTE, "--port", str(profil.sirene_port or 0)],
                  "fake_sirene.log")
    sirene = ligne.split()[1]
    ligne = lance([py, "-m", "fixtures.smtp_capture", "--host", HOTE,
                   "--smtp-port", str(profil.smtp_port or 0), "--http-port", "0"], "smtp_capture.log")
    smtp, boite = ligne.split()[1], ligne.split()[2]
    smtp_parts = urlsplit(smtp)
    if demarre_implementation_integree(etat):
        etat.temporaire = tempfile.mkdtemp(prefix="chorus-reference-")
        port = port_libre()
        argv = commande_reference(port, os.path.join(etat.temporaire, "reference.sqlite"), sirene, smtp_parts.port,
                                  smtp_hote=smtp_parts.hostname, validite_minutes=profil.duree_validite_lien_minutes,
                                  captcha=profil.captcha_reponse, faute=etat.faute, python=py)
        implementation = lance(argv, "reference_impl.log").split()[1]
    else:
        implementation = etat.url_implementation or profil.url_base
    etat.services = {"sirene": sirene, "smtp": smtp, "smtp_hote": smtp_parts.hostname,
                     "smtp_port": smtp_parts.port, "boite": boite, "implementation": implementation.rstrip("/")}


def arreter_services(etat) -> None:
    from fixtures.clients import stop_process

    while etat.processus:
        stop_process(etat.processus.pop())
    if etat.temporaire:
        shutil.rmtree(etat.temporaire, ignore_errors=True)
        etat.temporaire = None
