"""SQLite: structures, their services, users, activation links and sessions. One connection, one lock: the
witness serves a test suite, not a crowd."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time

SCHEMA = """
CREATE TABLE IF NOT EXISTS structure (
    id INTEGER PRIMARY KEY, siret TEXT UNIQUE NOT NULL, raison_sociale TEXT NOT NULL, libelle TEXT,
    adresse TEXT, complement1 TEXT, complement2 TEXT, code_postal TEXT, ville TEXT, pays TEXT,
    non_diffusible INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS service (
    id INTEGER PRIMARY KEY, structure_id INTEGER NOT NULL REFERENCES structure(id), nom TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS utilisateur (
    id INTEGER PRIMARY KEY, adresse_connexion TEXT UNIQUE NOT NULL, adresse_contact TEXT NOT NULL,
    nom TEXT NOT NULL, prenom TEXT NOT NULL, consentement INTEGER NOT NULL, structure_id INTEGER NOT NULL,
    gestionnaire_principal INTEGER NOT NULL, rattachement TEXT NOT NULL, services TEXT NOT NULL DEFAULT '[]',
    espaces TEXT NOT NULL DEFAULT '{}', mot_de_passe TEXT, question TEXT, reponse TEXT,
    actif INTEGER NOT NULL DEFAULT 0, echecs INTEGER NOT NULL DEFAULT 0, bloque_jusqua REAL NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS lien (
    empreinte TEXT PRIMARY KEY, utilisateur_id INTEGER NOT NULL, emis_le REAL NOT NULL,
    utilise INTEGER NOT NULL DEFAULT 0, remplace INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS session (
    id TEXT PRIMARY KEY, donnees TEXT NOT NULL, derniere_activite REAL NOT NULL);
"""


def empreinte(jeton: str) -> str:
    """Links and sessions are stored by their SHA-256: the database never holds a usable token."""
    return hashlib.sha256(jeton.encode()).hexdigest()


class Stockage:
    def __init__(self, chemin: str) -> None:
        self._db = sqlite3.connect(chemin, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._verrou = threading.Lock()
        with self._verrou:
            self._db.executescript(SCHEMA)

    def lignes(self, sql: str, *args) -> list[sqlite3.Row]:
        with self._verrou:
            return self._db.execute(sql, args).fetchall()

    def ligne(self, sql: str, *args) -> sqlite3.Row | None:
        resultat = self.lignes(sql, *args)
        return resultat[0] if resultat else None

    def executer(self, sql: str, *args) -> int:
        with self._verrou:
            return self._db.execute(sql, args).lastrowid

    # ---------------------------------------------------------------- sessions
    def session(self, ident: str, inactivite_max: float) -> dict | None:
        row = self.ligne("SELECT * FROM session WHERE id = ?", empreinte(ident))
        if row is None:
            return None
        if time.time() - row["derniere_activite"] > inactivite_max:
            self.supprimer_session(ident)
            return None
        return json.loads(row["donnees"])

    def enregistrer_session(self, ident: str, donnees: dict) -> None:
        self.executer("INSERT OR REPLACE INTO session (id, donnees, derniere_activite) VALUES (?, ?, ?)",
                      empreinte(ident), json.dumps(donnees), time.time())

    def supprimer_session(self, ident: str) -> None:
        self.executer("DELETE FROM session WHERE id = ?", empreinte(ident))

    def vieillir_sessions(self, adresse: str, minutes: float) -> int:
        n = 0
        for row in self.lignes("SELECT id, donnees FROM session"):
            if json.loads(row["donnees"]).get("compte") == adresse:
                self.executer("UPDATE session SET derniere_activite = derniere_activite - ? WHERE id = ?",
                              minutes * 60, row["id"])
                n += 1
        return n

    # ---------------------------------------------------------------- structures and users
    def structure(self, siret: str) -> sqlite3.Row | None:
        return self.ligne("SELECT * FROM structure WHERE siret = ?", siret)

    def services(self, structure_id: int) -> list[sqlite3.Row]:
        return self.lignes("SELECT * FROM service WHERE structure_id = ? ORDER BY id", structure_id)

    def utilisateur(self, adresse: str) -> sqlite3.Row | None:
        return self.ligne("SELECT * FROM utilisateur WHERE adresse_connexion = ?", adresse)

    def utilisateur_par_id(self, ident: int) -> sqlite3.Row | None:
        return self.ligne("SELECT * FROM utilisateur WHERE id = ?", ident)

    # ---------------------------------------------------------------- activation links
    def nouveau_lien(self, utilisateur_id: int, jeton: str) -> None:
        """A new link replaces every link sent before it."""
        self.executer("UPDATE lien SET remplace = 1 WHERE utilisateur_id = ?", utilisateur_id)
        self.executer("INSERT INTO lien (empreinte, utilisateur_id, emis_le) VALUES (?, ?, ?)",
                      empreinte(jeton), utilisateur_id, time.time())

    def lien(self, jeton: str) -> sqlite3.Row | None:
        return self.ligne("SELECT * FROM lien WHERE empreinte = ?", empreinte(jeton))
