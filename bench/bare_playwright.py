"""The complete sign-up (identification → informations → espaces → activation mail → activation →
active account) as a bare Playwright script: plain sync Playwright, the guide's labels, the mail read
from the SMTP capture's HTTP API with requests. No pytest, no pytest-bdd, no harness code.

    python -m bench.bare_playwright --url http://127.0.0.1:PORT --boite http://127.0.0.1:PORT2 [-n 3]

The benchmark compares its time with the harness's scenario ``T_PARCOURS_COMPLET`` (browser channel).
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import time
import uuid

import requests
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium-headless-shell"  # the harness's default for headless runs
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CAPTCHA = "TEST-CAPTCHA"
MOT_DE_PASSE = "Chorus-Bench-2026!"


def _cle_luhn(chiffres: list[int]) -> int:
    """The digit that makes ``chiffres`` + it Luhn-valid."""
    total = 0
    for i, c in enumerate(reversed(chiffres)):
        c = c * 2 if i % 2 == 0 else c
        total += c - 9 if c > 9 else c
    return (10 - total % 10) % 10


def siret_aleatoire(rng: random.Random) -> str:
    """A valid SIRET (Luhn-valid SIREN, then Luhn-valid SIRET; never La Poste's SIREN): the fake
    Sirene serves a diffusible active establishment for any valid SIRET it does not know, and a
    fresh one means a new structure."""
    while True:
        siren = [rng.randrange(1, 10)] + [rng.randrange(10) for _ in range(7)]
        siren.append(_cle_luhn(siren))
        corps = siren + [rng.randrange(10) for _ in range(4)]
        siret = "".join(map(str, corps + [_cle_luhn(corps)]))
        if not siret.startswith("356000000"):
            return siret


def _nom(libelle: str) -> re.Pattern:
    """The accessible name ``libelle`` exactly (a trailing "*" of required fields allowed)."""
    return re.compile(rf"^\s*{re.escape(libelle)}\s*\*?\s*:?\s*$", re.IGNORECASE)


def champ(page: Page, libelle: str):
    """The field labelled ``libelle``."""
    return page.get_by_label(_nom(libelle))


def lien_d_activation(boite: str, adresse: str, delai: float = 10.0) -> str:
    limite = time.monotonic() + delai
    while True:
        messages = requests.get(f"{boite}/messages", params={"to": adresse}, timeout=10).json()
        if messages:
            return re.search(r"https?://\S+", messages[0]["text"]).group(0).rstrip(".,;:)")
        if time.monotonic() > limite:
            raise AssertionError(f"aucun courriel pour {adresse} en {delai} s")
        time.sleep(0.1)


def inscription(page: Page, url: str, boite: str, adresse: str, siret: str) -> None:
    """The four steps of the guide on ``page``; raises if the account does not end up active."""
    titre = page.get_by_role("heading", level=1)
    # 1. Identifiez-vous
    page.goto(url + "/")
    champ(page, "Adresse électronique de connexion").fill(adresse)
    champ(page, "Numéro de SIRET").fill(siret)
    page.get_by_role("button", name="Valider").click()
    # 2. Complétez les informations demandées
    expect(titre).to_contain_text("informations")
    champ(page, "Résaisissez votre adresse électronique de connexion").fill(adresse)
    champ(page, "Nom").fill("Dupont")
    champ(page, "Prénom").fill("Camille")
    champ(page, "Entrez les caractères générés par l'image").fill(CAPTCHA)
    page.get_by_role("button", name="Valider").click()
    # 3. Ouvrez vos espaces de travail
    expect(titre).to_contain_text("Bienvenue")
    page.get_by_role("group", name="Engagements", exact=True).get_by_label("OUI", exact=True).check()
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("Votre compte est créé et un courriel d'activation est envoyé")).to_be_visible()
    # 4. Activez votre compte utilisateur (the link of the mail)
    page.goto(lien_d_activation(boite, adresse))
    expect(titre).to_contain_text("Activation du compte utilisateur")
    champ(page, "Mot de passe").fill(MOT_DE_PASSE)
    champ(page, "Confirmation").fill(MOT_DE_PASSE)
    page.get_by_role("combobox", name=_nom("Question secrète")).select_option(index=1)
    champ(page, "Réponse").fill("Paris")
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_text("Votre compte est désormais actif")).to_be_visible()


def une_inscription(browser: Browser, url: str, boite: str, rng: random.Random | None = None) -> float:
    """One sign-up in a fresh browser context; seconds from the context's creation to its closing."""
    rng = rng or random.Random()
    adresse = f"bare.{uuid.uuid4().hex[:12]}@example.org"
    debut = time.perf_counter()
    context = browser.new_context()
    try:
        inscription(context.new_page(), url.rstrip("/"), boite.rstrip("/"), adresse, siret_aleatoire(rng))
    finally:
        context.close()
    return time.perf_counter() - debut


def lancer_chromium(playwright, chemin: str = CHROMIUM) -> Browser:
    return playwright.chromium.launch(executable_path=chemin, args=CHROMIUM_ARGS, headless=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the implementation's base URL")
    parser.add_argument("--boite", required=True, help="the SMTP capture's HTTP URL")
    parser.add_argument("-n", type=int, default=1)
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args(argv)
    with sync_playwright() as p:
        browser = lancer_chromium(p, args.chromium)
        durees = [une_inscription(browser, args.url, args.boite) for _ in range(args.n)]
        browser.close()
    print(" ".join(f"{d:.3f}" for d in durees), f"médiane {statistics.median(durees):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
