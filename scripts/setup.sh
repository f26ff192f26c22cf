#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine: Debian's Chromium
# (browsers cannot be downloaded here), a virtual environment and the packages.
# Idempotent: a second run costs a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

# Debian's chromium-headless-shell for headless runs (the default) and chromium for headed ones (--headed);
# CHORUS_CHROMIUM names another browser, installed by hand (or by its Debian package when it is one of these).
manquants=""
for chemin in /usr/bin/chromium-headless-shell /usr/bin/chromium; do
    [ -x "$chemin" ] || manquants="$manquants $(basename "$chemin")"
done
if [ -n "${CHORUS_CHROMIUM:-}" ] && [ ! -x "$CHORUS_CHROMIUM" ]; then
    echo "setup: CHORUS_CHROMIUM=$CHORUS_CHROMIUM n'est pas un exécutable ; les paquets Debian seront installés." >&2
fi
if [ -n "$manquants" ]; then
    echo "setup: installation de Chromium (paquets Debian :$manquants)…"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $manquants >/dev/null
fi

stamp="$VENV/.installed"
# The packages come from requirements.lock (every version pinned, every file's hash checked): next month's
# pytest-bdd, Playwright or Faker cannot change a verdict here. `make lock` refreshes it from pyproject.toml.
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
    echo "setup: environnement virtuel $VENV et paquets (requirements.lock)…"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q --require-hashes -r requirements.lock
    "$VENV/bin/python" -m pip install -q --no-deps -e .
    touch "$stamp"
fi
