"""The DSFR witness as a process wired to the project's fakes, and the harness run on it with its profile."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from fixtures.clients import start_process, stop_process

RACINE = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(RACINE)}
PROFIL = RACINE / "profiles" / "temoin_dsfr.toml"
FAUTES = tomllib.loads((Path(__file__).with_name("fautes.toml")).read_text(encoding="utf-8"))["faute"]


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def commande(port: int, sirene: int, smtp: int, *options: str) -> list[str]:
    url = f"http://127.0.0.1:{port}"
    return [sys.executable, "-m", "temoin_dsfr", "--host", "127.0.0.1", "--port", str(port),
            "--sirene-url", f"http://127.0.0.1:{sirene}/api-sirene/3.11", "--sirene-key", "k",
            "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp), "--public-url", url, *options]


@contextmanager
def temoin_dsfr(dossier: Path, *options: str) -> Iterator[tuple[str, int, int]]:
    """The witness on a free port, pointed at fakes on two other free ports (the harness starts them)."""
    port, sirene, smtp = port_libre(), port_libre(), port_libre()
    dossier.mkdir(parents=True, exist_ok=True)
    processus, _ = start_process(commande(port, sirene, smtp, *options), "READY", 30, dossier / "temoin_dsfr.log",
                                 env=ENV, cwd=RACINE)
    try:
        yield f"http://127.0.0.1:{port}", sirene, smtp
    finally:
        stop_process(processus)


def profil(dossier: Path, url: str, sirene: int, smtp: int) -> Path:
    """The repository's profile, pointed at this process and these fake ports (as a vendor would edit it)."""
    texte = PROFIL.read_text(encoding="utf-8")
    texte = re.sub(r"(?m)^sirene_port = \d+$", f"sirene_port = {sirene}", texte)
    texte = re.sub(r"(?m)^smtp_port = \d+$", f"smtp_port = {smtp}", texte)
    texte = texte.replace('version = "', f'url_base = "{url}"\nversion = "', 1)
    chemin = dossier / PROFIL.name
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def juger(dossier: Path, faute: str | None = None, *options: str) -> dict:
    """Start the witness (in test mode, with ``faute``), run chorus-conformance on it, return verdict.json plus the
    run's terminal output (``sortie``) and exit code."""
    argv = ["--test-mode", "--captcha-answer", "TEST-CAPTCHA"] + (["--faute", faute] if faute else [])
    with temoin_dsfr(dossier, *argv) as (url, sirene, smtp):
        rapports = dossier / "rapports"
        sortie = subprocess.run(
            [sys.executable, "-m", "harness.cli", "--profil", str(profil(dossier, url, sirene, smtp)),
             "--rapports", str(rapports), "--faker-seed", "2026", *options],
            cwd=RACINE, env=ENV, capture_output=True, text=True, timeout=1500)
    chemin = rapports / "verdict.json"
    assert chemin.exists(), sortie.stdout[-3000:] + sortie.stderr[-3000:]
    verdict = json.loads(chemin.read_text(encoding="utf-8"))
    # a preflight that failed (exit code 2) or a harness error judged no rule: say why
    assert "regles" in verdict, f"code {sortie.returncode} : " + sortie.stdout[-2500:]
    verdict["sortie"] = sortie.stdout
    verdict["code_de_sortie"] = sortie.returncode
    return verdict
