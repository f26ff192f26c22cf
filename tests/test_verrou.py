"""requirements.lock: what `make setup` installs, every version pinned with its hashes; pyproject.toml's
requirements are its only source (`make lock`), and what runs here is what it pins."""
from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

RACINE = Path(__file__).resolve().parents[1]


def epingles() -> dict[str, tuple[str, int]]:
    """name -> (pinned version, number of hashes) of every package of the lock."""
    texte = (RACINE / "requirements.lock").read_text(encoding="utf-8")
    out = {}
    for bloc in re.split(r"\n(?=[A-Za-z0-9])", texte):
        trouve = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(\S+)", bloc)
        if trouve:
            out[canonicalize_name(trouve[1])] = (trouve[2], len(re.findall(r"--hash=sha256:[0-9a-f]{64}", bloc)))
    return out


def test_every_locked_package_is_pinned_with_its_hashes():
    lock = epingles()
    assert len(lock) > 30
    assert not [nom for nom, (_, hashes) in lock.items() if hashes == 0]


def test_every_requirement_of_pyproject_is_locked_within_its_bounds():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = epingles()
    hors = []
    for texte in projet["dependencies"]:
        exigence = Requirement(texte)
        nom = canonicalize_name(exigence.name)
        if nom not in lock or not exigence.specifier.contains(lock[nom][0], prereleases=True):
            hors.append((texte, lock.get(nom)))
    assert not hors, f"requirements.lock ne suit plus pyproject.toml : lancez « make lock » ({hors})"


def test_setup_installs_the_lock_and_the_locked_versions_are_what_runs():
    setup = (RACINE / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in setup and "--no-deps -e ." in setup
    differents = []
    for nom, (epingle, _) in epingles().items():
        try:
            installe = version(nom)
        except PackageNotFoundError:
            continue  # a dependency of another platform or Python (its marker excludes this one)
        if installe != epingle:
            differents.append((nom, installe, epingle))
    assert not differents, f"installé ≠ requirements.lock (make setup) : {differents}"
