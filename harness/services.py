"""The services a conformance run needs: the Sirene fake, the SMTP capture and (unless a URL is given) the bundled
reference implementation, each a process that prints READY; free ports; the reference's command line, shared
with the seeded-fault matrix (mutants/) and the bench."""
from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .catalogue import RACINE
from .tls import Certificats, certificats_de_test

SIRENE_CLE = "chorus-conformance"
DELAI_DEMARRAGE = 60
HOTE = "127.0.0.1"
CLES_DES_FAUX = ("sirene", "smtp", "smtp_hote", "smtp_port", "boite")


def port_libre() -> int:
    """A TCP port free on the loopback now (the OS's choice)."""
    with socket.socket() as s:
        s.bind((HOTE, 0))
        return s.getsockname()[1]


def commande_reference(port: int, base_de_donnees: str | Path, sirene_url: str, smtp_port: int, *,
                       sirene_cle: str = SIRENE_CLE, smtp_hote: str = HOTE, validite_minutes: int = 60,
                       captcha: str | None = None, faute: str | None = None, python: str | None = None,
                       https: Certificats | None = None) -> list[str]:
    """The command line that starts the bundled reference implementation in test mode on ``port``; over HTTPS
    with the certificate of ``https`` (harness.tls.certificats_de_test)."""
    schema = "https" if https else "http"
    argv = [python or sys.executable, "-m", "reference_impl", "--host", HOTE, "--port", str(port),
            "--database", str(base_de_donnees), "--sirene-url", sirene_url, "--sirene-key", sirene_cle,
            "--smtp-host", smtp_hote, "--smtp-port", str(smtp_port), "--public-url", f"{schema}://{HOTE}:{port}",
            "--link-validity-minutes", str(validite_minutes), "--test-mode"]
    if https:
        argv += ["--certfile", str(https.certificat), "--keyfile", str(https.cle)]
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


def demarrer_faux(journaux: Path, processus: list, sirene_port: int | None = None,
                  smtp_port: int | None = None) -> dict[str, Any]:
    """Start the Sirene fake and the SMTP capture (on these ports, else free ones), their logs in ``journaux``;
    each process goes to ``processus`` as soon as it runs, for whoever stops them. Their addresses."""
    from fixtures.clients import start_process

    journaux.mkdir(parents=True, exist_ok=True)

    def lance(argv: list[str], journal: str) -> str:
        p, ligne = start_process(argv, "READY", DELAI_DEMARRAGE, journaux / journal, env=environnement(), cwd=RACINE)
        processus.append(p)
        return ligne

    py = sys.executable
    sirene = lance([py, "-m", "fixtures.fake_sirene", "--host", HOTE, "--port", str(sirene_port or 0)],
                   "fake_sirene.log").split()[1]
    ligne = lance([py, "-m", "fixtures.smtp_capture", "--host", HOTE, "--smtp-port", str(smtp_port or 0),
                   "--http-port", "0"], "smtp_capture.log")
    smtp, boite = ligne.split()[1], ligne.split()[2]
    smtp_parts = urlsplit(smtp)
    return {"sirene": sirene, "smtp": smtp, "smtp_hote": smtp_parts.hostname, "smtp_port": smtp_parts.port,
            "boite": boite}


class ServicesPartagesInvalides(ValueError):
    """The shared fakes' file (--services-partages) is unreadable, incomplete, or at odds with the profile."""


def ecrire_services_partages(chemin: Path, faux: dict[str, Any]) -> None:
    chemin.write_text(json.dumps({k: faux[k] for k in CLES_DES_FAUX}, indent=2), encoding="utf-8")


def lire_services_partages(chemin: str | Path, sirene_port: int | None = None,
                           smtp_port: int | None = None) -> dict[str, Any]:
    """The addresses of fakes started by ``chorus-conformance plusieurs`` (its services.json), checked against the
    ports the profile fixes."""
    try:
        faux = json.loads(Path(chemin).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ServicesPartagesInvalides(f"--services-partages : « {chemin} » illisible ({exc}).") from None
    manquantes = [k for k in CLES_DES_FAUX if not isinstance(faux, dict) or k not in faux]
    if manquantes:
        raise ServicesPartagesInvalides(f"--services-partages : « {chemin} » ne donne pas {', '.join(manquantes)}.")
    ports = {"sirene_port": (sirene_port, urlsplit(faux["sirene"]).port), "smtp_port": (smtp_port, faux["smtp_port"])}
    for cle, (fixe, partage) in ports.items():
        if fixe is not None and fixe != partage:
            raise ServicesPartagesInvalides(f"le profil fixe [services] {cle} = {fixe}, mais les faux services "
                                            f"partagés ({chemin}) écoutent sur le port {partage}.")
    return faux


def demarrer_services(etat) -> None:
    """Start the Sirene fake and the SMTP capture (unless the run uses fakes shared by ``chorus-conformance
    plusieurs``: then it neither starts nor stops them) and, unless a URL is given, the reference implementation;
    their addresses go to ``etat.services`` (shared with the xdist workers)."""
    from fixtures.clients import start_process

    journaux = etat.rapports / "journaux"
    profil = etat.profil
    faux = etat.services_partages or demarrer_faux(journaux, etat.processus, profil.sirene_port, profil.smtp_port)
    confiance = str(Path(etat.confiance).resolve()) if etat.confiance else None
    if demarre_implementation_integree(etat):
        etat.temporaire = tempfile.mkdtemp(prefix="chorus-reference-")
        port = port_libre()
        https = certificats_de_test(Path(etat.temporaire) / "tls", HOTE) if etat.https else None
        if https:
            confiance = str(https.confiance)
        argv = commande_reference(port, os.path.join(etat.temporaire, "reference.sqlite"), faux["sirene"],
                                  faux["smtp_port"], smtp_hote=faux["smtp_hote"],
                                  validite_minutes=profil.duree_validite_lien_minutes,
                                  captcha=profil.captcha_reponse, faute=etat.faute, https=https)
        processus, ligne = start_process(argv, "READY", DELAI_DEMARRAGE, journaux / "reference_impl.log",
                                         env=environnement(), cwd=RACINE)
        etat.processus.append(processus)
        implementation = ligne.split()[1]
    else:
        implementation = etat.url_implementation or profil.url_base
    etat.services = {**{k: faux[k] for k in CLES_DES_FAUX}, "implementation": implementation.rstrip("/"),
                     "confiance": confiance}


def arreter_services(etat) -> None:
    from fixtures.clients import stop_process

    while etat.processus:
        stop_process(etat.processus.pop())
    if etat.temporaire:
        shutil.rmtree(etat.temporaire, ignore_errors=True)
        etat.temporaire = None
