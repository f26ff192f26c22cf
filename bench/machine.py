"""The machine the figures were measured on."""
from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys


def _modele_cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for ligne in f:
                if ligne.lower().startswith("model name"):
                    return ligne.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "inconnu"


def _memoire_gio() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for ligne in f:
                if ligne.startswith("MemTotal:"):
                    return round(int(ligne.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _chromium(chemin: str) -> str:
    try:
        return subprocess.run([chemin, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def _stat() -> tuple[int, int]:
    with open("/proc/stat", encoding="utf-8") as f:
        valeurs = [int(x) for x in f.readline().split()[1:]]
    return sum(valeurs), valeurs[3] + (valeurs[4] if len(valeurs) > 4 else 0)  # total, idle + iowait


def occupation(duree: float = 1.0) -> dict:
    """How busy the machine is now: CPU used over ``duree`` seconds (all cores, in %), and loadavg."""
    import time
    try:
        t0, i0 = _stat()
        time.sleep(duree)
        t1, i1 = _stat()
        cpu = round(100 * (1 - (i1 - i0) / max(t1 - t0, 1)), 1)
    except OSError:
        cpu = None
    return {"cpu_pct": cpu, "loadavg": round(os.getloadavg()[0], 2)}


def decrire(chromium: str = "/usr/bin/chromium-headless-shell") -> dict:
    try:
        from importlib.metadata import version
        playwright = version("playwright")
    except Exception:  # noqa: BLE001
        playwright = "?"
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": _modele_cpu(),
        "memoire_gio": _memoire_gio(),
        "systeme": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "playwright": playwright,
        "chromium": _chromium(chromium),
    }
