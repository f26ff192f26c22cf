#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine: Debian's Chromium
# (browsers cannot be downloaded here), a virtual environment and the packages.
# Idempotent: a second run costs a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

chromium="${CHORUS_CHROMIUM:-/usr/bin/chromium}"
# Debian's chromium by default; CHORUS_CHROMIUM=/usr/bin/chromium-headless-shell asks for Debian's headless
# shell instead (the browser Playwright itself uses for headless runs; about twice as fast here).
paquet=chromium
[ "$(basename "$chromium")" = "chromium-headless-shell" ] && paquet=chromium-headless-shell
if [ ! -x "$chromium" ]; then
    echo "setup: installation de Chromium (paquet Debian « $paquet »)…"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$paquet" >/dev/null
fi

stamp="$VENV/.installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "setup: environnement virtuel $VENV et paquets…"
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e .
    touch "$stamp"
fi
