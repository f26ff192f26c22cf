"""The reference implementation's throughput on its own: complete sign-ups per second over plain HTTP
(requests and a minimal form parser, no browser, no harness), with 1, 2, 4 concurrent clients, each
client a process, for a bounded time; and where the server's time goes, from timings around each
request (redirects followed by hand, so that each request is timed on its own).

Loopback only; every loop is bounded by a deadline."""
from __future__ import annotations

import multiprocessing as mp
import os
import random
import re
import time
import uuid
from collections import defaultdict
from urllib.parse import urljoin

import lxml.html
import requests

from .bare_playwright import siret_aleatoire
from .outils import resume
from .services import CAPTCHA, demarrer

DELAI = 30  # seconds, per request
MOT_DE_PASSE = "Chorus-Debit-2026!"

# The steps, in order: (name shown, what the server does in it)
ETAPES = [
    ("1 GET identification", ""),
    ("1 POST identification", "appel Sirene"),
    ("2 GET informations", "image du captcha"),
    ("2 POST informations", "compte créé"),
    ("3 GET espaces", ""),
    ("3 POST espaces", "envoi SMTP"),
    ("3 GET confirmation", ""),
    ("4 GET activation", ""),
    ("4 POST activation", "argon2id ×2"),
]
LECTURE_MAIL = "(client) lecture du courriel"


def _texte(el) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip().rstrip(":").rstrip("*").strip()


class Client:
    """A user without JavaScript: one requests session, forms read with lxml, every request timed."""

    def __init__(self, base: str, boite: str) -> None:
        self.base, self.boite = base.rstrip("/"), boite.rstrip("/")
        self.session = requests.Session()
        self.temps: dict[str, list[float]] = defaultdict(list)
        self.url = ""
        self.html = ""

    def _requete(self, nom: str, methode: str, url: str, data=None) -> requests.Response:
        debut = time.perf_counter()
        r = self.session.request(methode, url, data=data, allow_redirects=False, timeout=DELAI)
        self.temps[nom].append(time.perf_counter() - debut)
        if r.status_code >= 400:
            raise RuntimeError(f"{methode} {url} : HTTP {r.status_code}")
        self.url, self.html = url, r.text
        return r

    def get(self, nom: str, url: str) -> None:
        self._requete(nom, "GET", urljoin(self.base + "/", url))

    def soumettre(self, nom: str, valeurs_par_libelle: dict[str, str], suivante: str | None = None,
                  choix: dict[str, str] | None = None) -> None:
        """Fill the page's POST form (fields found by their <label>, radios by group legend and
        option label), submit it, then GET the page it redirects to, timed as ``suivante``."""
        doc = lxml.html.fromstring(self.html)
        form = next(f for f in doc.forms if (f.method or "").upper() == "POST")
        champs = dict(form.form_values())
        labels = {_texte(l).casefold(): l.get("for") for l in form.iter("label") if l.get("for")}
        par_id = {el.get("id"): el for el in form.iter("input", "select", "textarea") if el.get("id")}
        for libelle, valeur in valeurs_par_libelle.items():
            el = par_id[labels[libelle.casefold()]]
            if valeur is None:  # a <select>: its first non-empty option
                valeur = next(o.get("value") for o in el.iter("option") if o.get("value"))
            champs[el.get("name")] = valeur
        for groupe, option in (choix or {}).items():
            fieldset = next(fs for fs in form.iter("fieldset")
                            if fs.find("legend") is not None and _texte(fs.find("legend")) == groupe)
            for l in fieldset.iter("label"):
                if _texte(l) == option:
                    radio = par_id[l.get("for")]
                    champs[radio.get("name")] = radio.get("value")
        r = self._requete(nom, "POST", urljoin(self.url, form.action or self.url), data=champs)
        if r.is_redirect and suivante:
            self.get(suivante, r.headers["Location"])

    def erreurs(self) -> str:
        """The error messages of the current page (for the failure messages)."""
        try:
            doc = lxml.html.fromstring(self.html)
        except Exception:  # noqa: BLE001
            return ""
        return " ; ".join(_texte(e) for e in doc.find_class("erreur"))[:300]

    def lien(self, adresse: str, delai: float = 10.0) -> str:
        debut = time.perf_counter()
        limite = time.monotonic() + delai
        while True:
            messages = self.session.get(f"{self.boite}/messages", params={"to": adresse}, timeout=DELAI).json()
            if messages or time.monotonic() > limite:
                break
            time.sleep(0.01)
        if not messages:
            raise RuntimeError(f"aucun courriel pour {adresse}")
        self.session.delete(f"{self.boite}/messages", params={"to": adresse}, timeout=DELAI)
        self.temps[LECTURE_MAIL].append(time.perf_counter() - debut)
        return re.search(r"https?://\S+", messages[0]["text"]).group(0).rstrip(".,;:)")

    def inscription(self, adresse: str, siret: str) -> None:
        """The complete sign-up; raises unless the account ends up active."""
        self.session.cookies.clear()
        self.get("1 GET identification", "/")
        self.soumettre("1 POST identification",
                       {"Adresse électronique de connexion": adresse, "Numéro de SIRET": siret},
                       "2 GET informations")
        self.soumettre("2 POST informations",
                       {"Résaisissez votre adresse électronique de connexion": adresse, "Nom": "Dupont",
                        "Prénom": "Camille", "Entrez les caractères générés par l'image": CAPTCHA},
                       "3 GET espaces")
        if "Bienvenue" not in self.html:
            raise RuntimeError(f"étape 2 refusée ({self.url}) : {self.erreurs()}")
        self.soumettre("3 POST espaces", {}, "3 GET confirmation", choix={"Engagements": "OUI"})
        if "courriel d'activation est envoy" not in self.html:
            raise RuntimeError(f"étape 3 refusée ({self.url}) : {self.erreurs()}")
        self.get("4 GET activation", self.lien(adresse))
        self.soumettre("4 POST activation", {"Mot de passe": MOT_DE_PASSE, "Confirmation": MOT_DE_PASSE,
                                             "Question secrète": None, "Réponse": "Paris"})
        if "Votre compte est désormais actif" not in self.html:
            raise RuntimeError(f"activation refusée ({self.url}) : {self.erreurs()}")


def _travailleur(base: str, boite: str, duree: float, barriere, file, graine: int) -> None:
    client = Client(base, boite)
    rng = random.Random(graine)
    faites, erreurs, fins = 0, [], []
    try:
        barriere.wait(60)
    except Exception:  # noqa: BLE001
        file.put({"faites": 0, "erreurs": ["barrière"], "temps": {}, "fins": [], "debut": time.time()})
        return
    debut = time.time()
    limite = time.monotonic() + duree
    while time.monotonic() < limite:
        try:
            client.inscription(f"debit.{os.getpid()}.{uuid.uuid4().hex[:10]}@example.org", siret_aleatoire(rng))
            faites += 1
            fins.append(time.time())
        except Exception as exc:  # noqa: BLE001 - counted and reported
            erreurs.append(f"{type(exc).__name__}: {exc}"[:300])
            if len(erreurs) > 20:
                break
    file.put({"faites": faites, "erreurs": erreurs, "temps": dict(client.temps), "fins": fins, "debut": debut})


def charge(base: str, boite: str, clients: int, duree: float) -> dict:
    """``clients`` processes doing complete sign-ups for ``duree`` seconds (each finishes the sign-up
    it is in at the deadline)."""
    ctx = mp.get_context("spawn")
    barriere, file = ctx.Barrier(clients + 1), ctx.Queue()
    processus = [ctx.Process(target=_travailleur, args=(base, boite, duree, barriere, file, random.SystemRandom().randrange(2**62)),
                             daemon=True)
                 for i in range(clients)]
    for p in processus:
        p.start()
    barriere.wait(60)
    debut = time.time()
    resultats = [file.get(timeout=duree + 120) for _ in processus]
    for p in processus:
        p.join(30)
    faites = sum(r["faites"] for r in resultats)
    fin = max([f for r in resultats for f in r["fins"]] or [debut])
    ecoule = max(fin - debut, 1e-9)
    temps: dict[str, list[float]] = defaultdict(list)
    for r in resultats:
        for nom, valeurs in r["temps"].items():
            temps[nom].extend(valeurs)
    etapes = {nom: resume(v) for nom, v in temps.items()}
    for d in etapes.values():
        d.pop("valeurs", None)
    return {"clients": clients, "duree_s": round(ecoule, 2), "inscriptions": faites,
            "par_seconde": faites / ecoule if faites else 0.0,
            "erreurs": [e for r in resultats for e in r["erreurs"]][:5],
            "nb_erreurs": sum(len(r["erreurs"]) for r in resultats), "etapes": etapes}


def cout_argon2(n: int = 5) -> dict:
    """What one argon2id hash costs here: the reference implementation's test-mode parameters
    (reference_impl/__init__.py: time_cost=1, memory_cost=1024) and argon2-cffi's defaults."""
    from argon2 import PasswordHasher
    out = {}
    for nom, hasher in (("mode_test", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)),
                        ("defaut", PasswordHasher())):
        durees = []
        for _ in range(n):
            debut = time.perf_counter()
            hasher.hash(MOT_DE_PASSE)
            durees.append(time.perf_counter() - debut)
        out[nom] = resume(durees)["mediane"]
    return out


def mesurer(duree: float = 10.0, niveaux=(1, 2, 4)) -> dict:
    s = demarrer(parallele=True)
    try:
        Client(s.implementation, s.boite).inscription("debit.chauffe@example.org",
                                                      siret_aleatoire(random.Random()))  # warm-up
        paliers = [charge(s.implementation, s.boite, n, duree) for n in niveaux]
    finally:
        s.fermer()
    return {"paliers": paliers, "argon2_s": cout_argon2(), "etapes_ordre": [e for e, _ in ETAPES] + [LECTURE_MAIL],
            "etapes_quoi": dict(ETAPES)}


if __name__ == "__main__":
    import json
    print(json.dumps(mesurer(float(os.environ.get("DUREE", "3")), (1, 2)), indent=1, ensure_ascii=False))
