"""The three servers the harness runs (Sirene fake, SMTP capture, reference implementation), started
the way ``harness/services.py`` starts them, for the benchmark's own use."""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from fixtures.clients import start_process, stop_process
from harness import services
from harness.services import HOTE, port_libre  # noqa: F401 (the bench's modules use them from here)

RACINE = Path(__file__).resolve().parent.parent
CAPTCHA = "TEST-CAPTCHA"
CLE_SIRENE = "chorus-bench"


def environnement() -> dict[str, str]:
    env = services.environnement()
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


@dataclass
class Services:
    """Running servers and their addresses."""

    dossier: Path
    sirene: str = ""            # API base …/api-sirene/3.11
    smtp_port: int = 0
    boite: str = ""             # HTTP API of the SMTP capture
    implementation: str = ""
    processus: dict = field(default_factory=dict)  # name -> Popen
    duree_demarrage: float = 0.0

    @property
    def sirene_port(self) -> int:
        return urlsplit(self.sirene).port or 0

    def arreter(self, *noms: str) -> None:
        for nom in (noms or list(self.processus)):
            p = self.processus.pop(nom, None)
            if p is not None:
                stop_process(p)

    def fermer(self) -> None:
        self.arreter()
        shutil.rmtree(self.dossier, ignore_errors=True)


def _argv_sirene(port: int) -> list[str]:
    return [sys.executable, "-m", "fixtures.fake_sirene", "--host", HOTE, "--port", str(port)]


def _argv_smtp(port: int) -> list[str]:
    return [sys.executable, "-m", "fixtures.smtp_capture", "--host", HOTE, "--smtp-port", str(port),
            "--http-port", "0"]


def _argv_implementation(port: int, dossier: Path, sirene: str, smtp_port: int) -> list[str]:
    return services.commande_reference(port, dossier / "reference.sqlite", sirene, smtp_port, sirene_cle=CLE_SIRENE,
                                       captcha=CAPTCHA)


def _lancer(argv: list[str], journal: Path):
    return start_process(argv, "READY", 60, journal, env=environnement(), cwd=RACINE)


def demarrer_fakes(s: Services, sirene_port: int = 0, smtp_port: int = 0) -> None:
    """(Re)start the two fakes, on the given ports (0: free ports), in parallel."""
    with ThreadPoolExecutor(2) as pool:
        f1 = pool.submit(_lancer, _argv_sirene(sirene_port), s.dossier / "fake_sirene.log")
        f2 = pool.submit(_lancer, _argv_smtp(smtp_port), s.dossier / "smtp_capture.log")
        (p1, l1), (p2, l2) = f1.result(), f2.result()
    s.processus["sirene"], s.processus["smtp"] = p1, p2
    s.sirene = l1.split()[1]
    s.smtp_port = urlsplit(l2.split()[1]).port
    s.boite = l2.split()[2]


def demarrer(parallele: bool = True) -> Services:
    """Start the three servers; ``duree_demarrage`` is the time until all three printed READY.

    ``parallele``: free ports chosen first, the three started at once. Otherwise as
    ``harness/plugin.py`` does today: Sirene, then the SMTP capture, then the implementation
    (which needs their ports)."""
    s = Services(dossier=Path(tempfile.mkdtemp(prefix="chorus-bench-")))
    debut = time.perf_counter()
    try:
        if parallele:
            ps, pm, pi = port_libre(), port_libre(), port_libre()
            sirene = f"http://{HOTE}:{ps}/api-sirene/3.11"
            with ThreadPoolExecutor(3) as pool:
                f1 = pool.submit(_lancer, _argv_sirene(ps), s.dossier / "fake_sirene.log")
                f2 = pool.submit(_lancer, _argv_smtp(pm), s.dossier / "smtp_capture.log")
                f3 = pool.submit(_lancer, _argv_implementation(pi, s.dossier, sirene, pm),
                                 s.dossier / "reference_impl.log")
                resultats = {}
                for nom, f in (("sirene", f1), ("smtp", f2), ("implementation", f3)):
                    try:
                        resultats[nom] = f.result()
                    except Exception:
                        for p, _ in resultats.values():
                            stop_process(p)
                        raise
            for nom, (p, _) in resultats.items():
                s.processus[nom] = p
            s.sirene = resultats["sirene"][1].split()[1]
            s.smtp_port = urlsplit(resultats["smtp"][1].split()[1]).port
            s.boite = resultats["smtp"][1].split()[2]
            s.implementation = resultats["implementation"][1].split()[1]
        else:
            for nom, argv in (("sirene", _argv_sirene(0)), ("smtp", _argv_smtp(0))):
                p, ligne = _lancer(argv, s.dossier / f"{nom}.log")
                s.processus[nom] = p
                if nom == "sirene":
                    s.sirene = ligne.split()[1]
                else:
                    s.smtp_port, s.boite = urlsplit(ligne.split()[1]).port, ligne.split()[2]
            pi = port_libre()
            p, ligne = _lancer(_argv_implementation(pi, s.dossier, s.sirene, s.smtp_port),
                               s.dossier / "reference_impl.log")
            s.processus["implementation"] = p
            s.implementation = ligne.split()[1]
        s.duree_demarrage = time.perf_counter() - debut
        return s
    except Exception:
        s.fermer()
        raise
