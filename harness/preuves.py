"""Evidence of a failed (or not verified) scenario: each driver's last page, browser screenshots, light
Playwright traces, pytest-playwright's own output; kept only when the scenario did not pass."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from .etat import etat_de
from .rapports import page_inerte

RAPPORTS_ITEM = pytest.StashKey[dict]()      # when -> the scenario's TestReport
PREUVES_ITEM = pytest.StashKey[dict]()       # label -> file; "_drivers": the scenario's drivers
PREPARATION_ITEM = pytest.StashKey[bool]()   # the scenario's preparation was impossible (its evidence is kept)
CONSTATS_ITEM = pytest.StashKey[list]()      # what the scenario observed (« en-tête X : valeur »), kept even when it
                                             # passed: the evidence of a conforme verdict


def constats_du_scenario(item: pytest.Item) -> list[str]:
    """The scenario's observations, which its steps append to (fixture ``constats``)."""
    return item.stash.setdefault(CONSTATS_ITEM, [])


def slug(nodeid: str) -> str:
    try:
        from pytest_playwright.pytest_playwright import _truncate_file_name
        from slugify import slugify
        return _truncate_file_name(slugify(nodeid))
    except ImportError:  # pragma: no cover - pytest-playwright always brings both
        return hashlib.sha256(nodeid.encode()).hexdigest()[:16]


def drivers_du_scenario(item: pytest.Item) -> list:
    """The drivers made for the scenario (its channel's, a second user's, its preparations'), in order."""
    return item.stash.setdefault(PREUVES_ITEM, {}).setdefault("_drivers", [])


def a_echoue(request: pytest.FixtureRequest) -> bool:
    """Whether the scenario failed so far (its setup or call reports), or could not be prepared: what decides
    which evidence is kept."""
    return (any(r.failed for r in request.node.stash.get(RAPPORTS_ITEM, {}).values())
            or request.node.stash.get(PREPARATION_ITEM, False))


def traces_legeres(config: pytest.Config) -> bool:
    """Our own traces, unless pytest-playwright's --tracing already records them."""
    return config.getoption("--traces") != "jamais" and config.getoption("--tracing", "off") == "off"


def arreter_les_traces(request: pytest.FixtureRequest, drivers: list) -> None:
    """Stop each browser context's trace; keep it (evidence) only when the scenario failed."""
    if not traces_legeres(request.config):
        return
    echec = a_echoue(request)
    dossier = etat_de(request.config).rapports / "traces"
    for rang, d in enumerate(drivers, start=1):
        page = getattr(d, "page", None)
        if page is None:
            continue
        chemin = dossier / f"{slug(request.node.nodeid)}-{rang}.zip"
        try:
            page.context.tracing.stop(path=str(chemin) if echec else None)
        except Exception:  # the context may be gone (or never traced): the trace is lost, the verdict is not
            continue
        if echec:
            request.node.stash.setdefault(PREUVES_ITEM, {})[f"trace {rang}"] = str(chemin)


def garder_les_pages(request: pytest.FixtureRequest, drivers: list) -> None:
    """On failure, keep each driver's last page beside the reports (evidence for the HTTP channel too), and a
    screenshot of each browser page (unless pytest-playwright's --screenshot already takes them)."""
    if not a_echoue(request):
        return
    dossier = etat_de(request.config).rapports / "pages"
    dossier.mkdir(parents=True, exist_ok=True)
    base = slug(request.node.nodeid)
    for rang, driver in enumerate(drivers, start=1):
        try:
            html = driver.html()
        except Exception:  # the browser may be gone already
            continue
        chemin = dossier / f"{base}-{rang}.html"
        chemin.write_text(page_inerte(html), encoding="utf-8", errors="replace")
        preuves = request.node.stash.setdefault(PREUVES_ITEM, {})
        preuves[f"page {rang} ({driver.url()})"] = str(chemin)
        page = getattr(driver, "page", None)
        if page is not None and request.config.getoption("--screenshot", "off") == "off":
            capture = dossier / f"{base}-{rang}.png"
            try:
                page.screenshot(path=str(capture), timeout=5000)
            except Exception:  # the page may be gone: the saved source stands alone
                continue
            preuves[f"capture {rang}"] = str(capture)


def preuves_playwright(config: pytest.Config, resultat) -> None:
    """pytest-playwright's own files of the scenario (its --screenshot, --video, --tracing output)."""
    try:
        sortie = Path(config.getoption("--output")).resolve()
    except ValueError:
        return
    dossier = sortie / slug(resultat.nodeid)
    if dossier.is_dir():
        for fichier in sorted(dossier.iterdir()):
            resultat.preuves[fichier.name] = str(fichier)
