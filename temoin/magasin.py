"""In-memory store guarded by one lock: structures, users, activation links, sessions.

Nothing survives the process (the témoin is a witness for tests, not a product).
Every public method takes the lock, so concurrent requests see consistent data.
"""
from __future__ import annotations

import copy
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Structure:
    siret: str
    raison: str
    libelle: str = ""
    adresse: str = ""
    complement1: str = ""
    complement2: str = ""
    code_postal: str = ""
    ville: str = ""
    pays: str = ""
    non_diffusible: bool = False
    services: list[str] = field(default_factory=list)
    gestionnaire: str | None = None  # login of the main administrator


@dataclass
class Utilisateur:
    login: str
    contact: str
    nom: str
    prenom: str
    siret: str
    role: str  # "gestionnaire" | "utilisateur"
    rattachement: str  # "structure" | "services"
    services: list[str] = field(default_factory=list)
    consentement: bool = False
    espaces: dict[str, bool] = field(default_factory=dict)
    espaces_valides: bool = False
    actif: bool = False
    empreinte: str | None = None
    question: str | None = None
    reponse: str | None = None


@dataclass
class Lien:
    jeton: str
    login: str
    emis_le: float
    utilise: bool = False


class Magasin:
    def __init__(self, *, scrypt_n: int = 2 ** 14) -> None:
        self._verrou = threading.Lock()
        self._structures: dict[str, Structure] = {}
        self._utilisateurs: dict[str, Utilisateur] = {}
        self._liens: dict[str, Lien] = {}
        self._sessions: dict[str, dict] = {}
        self._scrypt_n = scrypt_n

    # ---------------------------------------------------------------- sessions
    def nouvelle_session(self) -> str:
        sid = secrets.token_urlsafe(24)
        with self._verrou:
            self._sessions[sid] = {}
        return sid

    def session(self, sid: str | None) -> dict | None:
        with self._verrou:
            donnees = self._sessions.get(sid or "")
            return copy.deepcopy(donnees) if donnees is not None else None

    def enregistrer_session(self, sid: str, donnees: dict) -> None:
        with self._verrou:
            self._sessions[sid] = copy.deepcopy(donnees)

    # ---------------------------------------------------------------- structures
    def structure(self, siret: str) -> Structure | None:
        with self._verrou:
            s = self._structures.get(siret)
            return copy.deepcopy(s) if s else None

    def ajouter_service(self, siret: str, nom: str) -> bool:
        with self._verrou:
            s = self._structures.get(siret)
            if s is None:
                return False
            if nom not in s.services:
                s.services.append(nom)
            return True

    def inscrire(self, utilisateur: Utilisateur, structure: Structure) -> Utilisateur:
        """Creates the (inactive) user; creates the structure when the SIRET has none.

        Decided under the lock: of two first users racing on one SIRET, one only
        becomes the main administrator, the other joins the whole structure.
        """
        with self._verrou:
            existante = self._structures.get(structure.siret)
            u = copy.deepcopy(utilisateur)
            if existante is None:
                s = copy.deepcopy(structure)
                s.gestionnaire = u.login
                self._structures[s.siret] = s
                u.role, u.rattachement, u.services = "gestionnaire", "structure", []
            else:
                u.role = "utilisateur"
                if u.rattachement not in ("structure", "services"):
                    u.rattachement, u.services = "structure", []
            self._utilisateurs[u.login] = u
            return copy.deepcopy(u)

    # ---------------------------------------------------------------- users
    def utilisateur(self, login: str) -> Utilisateur | None:
        with self._verrou:
            u = self._utilisateurs.get(login)
            return copy.deepcopy(u) if u else None

    def modifier(self, login: str, **valeurs) -> None:
        with self._verrou:
            u = self._utilisateurs[login]
            for cle, valeur in valeurs.items():
                setattr(u, cle, copy.deepcopy(valeur))

    # ---------------------------------------------------------------- passwords
    def empreinte(self, mdp: str) -> str:
        sel = secrets.token_bytes(16)
        h = hashlib.scrypt(mdp.encode("utf-8", "surrogatepass"), salt=sel, n=self._scrypt_n, r=8, p=1)
        return f"scrypt${self._scrypt_n}${sel.hex()}${h.hex()}"

    @staticmethod
    def verifie(mdp: str, empreinte: str | None) -> bool:
        if not empreinte:
            return False
        _, n, sel, h = empreinte.split("$")
        calcul = hashlib.scrypt(mdp.encode("utf-8", "surrogatepass"), salt=bytes.fromhex(sel), n=int(n), r=8, p=1)
        return hmac.compare_digest(calcul.hex(), h)

    def activer(self, jeton: str, empreinte: str, question: str, reponse: str) -> bool:
        """Single use, decided under the lock."""
        with self._verrou:
            lien = self._liens.get(jeton)
            if lien is None or lien.utilise:
                return False
            lien.utilise = True
            u = self._utilisateurs[lien.login]
            u.actif, u.empreinte, u.question, u.reponse = True, empreinte, question, reponse
            return True

    # ---------------------------------------------------------------- links
    def nouveau_lien(self, login: str) -> Lien:
        lien = Lien(secrets.token_urlsafe(32), login, time.time())
        with self._verrou:
            self._liens[lien.jeton] = lien
        return copy.deepcopy(lien)

    def lien(self, jeton: str) -> Lien | None:
        with self._verrou:
            lien = self._liens.get(jeton)
            return copy.deepcopy(lien) if lien else None

    def vieillir(self, login: str, minutes: float) -> int:
        with self._verrou:
            n = 0
            for lien in self._liens.values():
                if lien.login == login and not lien.utilise:
                    lien.emis_le -= minutes * 60
                    n += 1
            return n
