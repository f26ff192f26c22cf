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

# The DSFR witness's assets (temoin_dsfr/): the State's design system from npm, never from a CDN. Skipped when
# installed from the same lock; the package's preinstall script (a project generator) is not wanted (.npmrc).
dsfr=temoin_dsfr
if [ ! -d "$dsfr/node_modules/@gouvfr/dsfr/dist" ] || [ "$dsfr/package-lock.json" -nt "$dsfr/node_modules/.package-lock.json" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "setup: installation de npm (paquet Debian) pour les fichiers du DSFR du témoin temoin_dsfr/…"
        SUDO=""
        [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null; } || {
            echo "setup: npm n'a pas pu être installé : le témoin DSFR (temoin_dsfr/) a besoin de @gouvfr/dsfr." >&2
            echo "setup: installez Node.js et npm (Debian : apt-get install npm), puis relancez make setup." >&2
            exit 1
        }
    fi
    echo "setup: fichiers du DSFR (npm ci dans $dsfr/)…"
    (cd "$dsfr" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
