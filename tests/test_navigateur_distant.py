"""The browser channel on a remote Playwright browser server (``playwright run-server``): the same scenarios give
the same verdict as with the local Chromium, conforme on the reference and the same rules non conformes with a
seeded fault."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fixtures.clients import stop_process
from harness.navigateur import demarrer_serveur_de_navigateurs

RACINE = Path(__file__).resolve().parents[1]
SELECTION = ["--canal", "navigateur", "-k", "lien or identification"]


@pytest.fixture(scope="module")
def serveur(tmp_path_factory):
    # Node started directly (harness.navigateur): stopping Playwright's wrapper script left the server running.
    processus: list = []
    yield demarrer_serveur_de_navigateurs(tmp_path_factory.mktemp("serveur"), processus)
    for p in processus:
        stop_process(p)


def _verdict(dossier: Path, *options: str) -> tuple[int, dict]:
    code = subprocess.run([sys.executable, "-m", "harness.cli", "--rapports", str(dossier), "--faker-seed", "7",
                           *SELECTION, *options], cwd=RACINE, capture_output=True, text=True, timeout=300).returncode
    return code, json.loads((dossier / "verdict.json").read_text(encoding="utf-8"))


def _en_echec(verdict: dict) -> set[str]:
    return {r["id"] for r in verdict["regles"] if r.get("en_echec")}


def test_remote_browser_gives_the_local_verdict(serveur, tmp_path):
    debut = time.monotonic()
    code, verdict = _verdict(tmp_path / "distant", "--navigateur-distant", serveur)
    assert code == 0, verdict["resume"]
    assert {s["canal"] for s in verdict["scenarios"] if s["issue"] == "réussi"} == {"navigateur"}
    assert time.monotonic() - debut < 120

    code_distant, distant = _verdict(tmp_path / "faute-distant", "--navigateur-distant", serveur,
                                     "--bundled-fault", "lien_sans_siret_sur_place")
    code_local, local = _verdict(tmp_path / "faute-local", "--bundled-fault", "lien_sans_siret_sur_place")
    assert code_distant == code_local == 1
    assert "E1_LIEN_SANS_SIRET" in _en_echec(distant)
    assert _en_echec(distant) == _en_echec(local)
