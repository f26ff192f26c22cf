"""chorus-conformance's own help and version: in French, and a run's folder is left as it was."""
import os
import subprocess
import sys

import pytest

from harness.catalogue import RACINE
from harness.cli import arguments, valeur_d_option


def commande(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "harness.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(RACINE)}, timeout=120)


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--aide"], ["-n", "0", "--help"], ["--version"], ["-V"],
                                  ["--aide-pytest"]])
def test_help_and_version_leave_the_reports_untouched(tmp_path, args):
    rapports = tmp_path / "reports"
    (rapports / "pages").mkdir(parents=True)
    (rapports / "verdict.json").write_text('{"code": 1, "resume": "NON CONFORME"}', encoding="utf-8")
    (rapports / "pages" / "p.html").write_text("<p>preuve</p>", encoding="utf-8")
    avant = sorted((p.relative_to(tmp_path), p.read_bytes() if p.is_file() else b"") for p in tmp_path.rglob("*"))
    proc = commande(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    apres = sorted((p.relative_to(tmp_path), p.read_bytes() if p.is_file() else b"") for p in tmp_path.rglob("*"))
    assert apres == avant
    if "--aide-pytest" in args:
        assert "--profil=PROFIL.toml" in proc.stdout and "Harnais de conformité Chorus Pro" in proc.stdout
    elif args[-1] in ("--version", "-V"):
        lignes = proc.stdout.splitlines()
        assert lignes[0].startswith("chorus-conformance ") and "pytest" not in lignes[0]
        assert lignes[1].startswith("catalogue des règles : ") and " règles, empreinte " in lignes[1]
        assert lignes[2].startswith("Playwright ")
    else:
        assert proc.stdout.startswith("Usage : chorus-conformance")
        assert "usage: pytest" not in proc.stdout and "show this help message" not in proc.stdout
        for option in ("--profil", "--url-implementation", "--canal", "--rapports", "--attendus", "--diagnostic",
                       "--graine", "-n N", "--sans-bac-a-sable", "--https"):
            assert option in proc.stdout
        # options first, then the subcommands, then what is left to pytest
        assert proc.stdout.index("--https") < proc.stdout.index("Sous-commandes") < proc.stdout.index(
            "Toute autre option est passée à pytest") < proc.stdout.index("--aide-pytest")


def test_the_catalogue_version_follows_its_content(tmp_path):
    from harness.catalogue import CATALOGUE, version_du_catalogue
    copie = tmp_path / "regles.toml"
    copie.write_bytes(CATALOGUE.read_bytes())
    assert version_du_catalogue(copie) == version_du_catalogue()
    copie.write_bytes(CATALOGUE.read_bytes() + b"\n# une ligne de plus\n")
    assert version_du_catalogue(copie) != version_du_catalogue()
    copie.write_text("pas du toml = = =", encoding="utf-8")
    assert version_du_catalogue(copie).startswith("illisible")


def test_an_option_given_twice_takes_the_last_value_as_pytest_does():
    assert valeur_d_option(["--rapports", "a", "--rapports", "b"], "--rapports") == "b"
    assert valeur_d_option(["--rapports=a", "--rapports", "b"], "--rapports") == "b"
    assert valeur_d_option(["--rapports", "a"], "--rapports") == "a"
    assert valeur_d_option(["-k", "x"], "--rapports") is None
    # make conformance ARGS="--rapports X": every output goes to X, Playwright's included
    args = arguments(["--rapports", "reports", "--rapports", "/tmp/x"])
    assert "--output=/tmp/x/playwright" in args


def test_set_aside_moves_only_a_run_s_own_outputs(tmp_path):
    from harness.dossier import mettre_de_cote
    assert mettre_de_cote(tmp_path) is None  # no earlier run: nothing said, nothing moved
    (tmp_path / "verdict.json").write_text('{"date": "2026-12-01T10:00:00+00:00", "resume": "CONFORME : tout"}',
                                           encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "autre.txt").write_text("x", encoding="utf-8")
    ligne = mettre_de_cote(tmp_path)
    assert "contenait l'exécution du 2026-12-01T10:00:00+00:00 (CONFORME)" in ligne and "remplace" not in ligne
    assert (tmp_path / "precedente" / "verdict.json").exists() and (tmp_path / "precedente" / "pages").is_dir()
    assert (tmp_path / "autre.txt").exists() and not (tmp_path / "verdict.json").exists()
    (tmp_path / "verdict.json").write_text("{pas du json", encoding="utf-8")
    ligne = mettre_de_cote(tmp_path)
    assert "verdict.json illisible" in ligne and "qui remplace celle qui y était" in ligne
    assert not (tmp_path / "precedente" / "pages").exists()


ANGLAIS = ("usage:", "positional arguments", "optional arguments", "show this help message", "the following",
           "invalid", "expected one argument", "unrecognized")


@pytest.mark.parametrize("sous_commande", [["comparer"], ["plusieurs"], ["fusionner"], ["--diagnostic"]])
def test_each_subcommand_speaks_french_in_its_help_and_its_errors(tmp_path, sous_commande):
    aide = commande(*sous_commande, "--aide", cwd=tmp_path)
    assert aide.returncode == 0 and aide.stdout.startswith("Usage : chorus-conformance"), aide.stdout + aide.stderr
    assert "options:" in aide.stdout and "affiche cette aide et sort" in aide.stdout
    assert not [mot for mot in ANGLAIS if mot in aide.stdout.lower()], aide.stdout
    assert not (tmp_path / "reports").exists()
    if sous_commande != ["--diagnostic"]:
        erreur = commande(*sous_commande, "--option-inconnue", cwd=tmp_path)
        assert erreur.returncode == 3, erreur.stderr
        assert "erreur :" in erreur.stderr and not [m for m in ANGLAIS if m in erreur.stderr.lower()], erreur.stderr


def test_argparse_s_own_messages_in_french():
    from harness.ligne_de_commande import en_francais
    assert en_francais("the following arguments are required: A, B") == "arguments obligatoires manquants : A, B"
    assert en_francais("argument --n: invalid int value: 'x'") == "--n : valeur invalide 'x' (attendu : un nombre entier)"
    assert en_francais("argument --a: not allowed with argument --b") == "--a ne peut pas être donné avec --b"
    assert en_francais("un message du harnais") == "un message du harnais"


def test_the_options_have_french_names_and_keep_their_former_ones():
    from harness.cli import _partage
    assert _partage(["--part", "1/2"])[:4] == _partage(["--shard", "1/2"])[:4] == ["--splits", "2", "--group", "1"]
    from harness.plusieurs import graine_de_base
    assert graine_de_base(["--graine", "7", "-x"]) == graine_de_base(["--faker-seed=7", "-x"]) == (7, ["-x"])
