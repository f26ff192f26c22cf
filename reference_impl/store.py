"""Every read and write of the database, as plain parameterised SQL."""
from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from dataclasses import dataclass

from .choices import ESPACES
from .faults import fault


def sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- structures and services -------------------------------------------------

def find_structure_by_siret(db: sqlite3.Connection, siret: str) -> sqlite3.Row | None:
    return db.execute("SELECT * FROM structure WHERE siret = ? ORDER BY id LIMIT 1", (siret,)).fetchone()


def get_structure(db: sqlite3.Connection, structure_id: int) -> sqlite3.Row:
    return db.execute("SELECT * FROM structure WHERE id = ?", (structure_id,)).fetchone()


def services_of(db: sqlite3.Connection, structure_id: int) -> list[sqlite3.Row]:
    return db.execute("SELECT * FROM service WHERE structure_id = ? ORDER BY nom", (structure_id,)).fetchall()


def add_service(db: sqlite3.Connection, siret: str, nom: str) -> int | None:
    """Add a service to the structure of ``siret``; None if there is none."""
    structure = find_structure_by_siret(db, siret)
    if structure is None:
        return None
    db.execute("INSERT OR IGNORE INTO service (structure_id, nom) VALUES (?, ?)", (structure["id"], nom))
    row = db.execute("SELECT id FROM service WHERE structure_id = ? AND nom = ?", (structure["id"], nom)).fetchone()
    return row["id"]


# --- users -------------------------------------------------------------------

def find_user_by_login(db: sqlite3.Connection, adresse: str) -> sqlite3.Row | None:
    return db.execute("SELECT * FROM utilisateur WHERE adresse_connexion = ?", (adresse,)).fetchone()


def find_user_by_contact(db: sqlite3.Connection, adresse: str) -> sqlite3.Row | None:
    """Only for the seeded fault connexion_par_adresse_contact: the wrong column."""
    return db.execute("SELECT * FROM utilisateur WHERE adresse_contact = ? ORDER BY id LIMIT 1", (adresse,)).fetchone()


def get_user(db: sqlite3.Connection, user_id: int) -> sqlite3.Row | None:
    return db.execute("SELECT * FROM utilisateur WHERE id = ?", (user_id,)).fetchone()


@dataclass
class NewAccount:
    user_id: int
    gestionnaire_principal: bool


def create_account(db: sqlite3.Connection, *, adresse_connexion: str, adresse_contact: str, nom: str,
                   prenom: str, consentement: bool, siret: str, structure: dict,
                   rattachement: str, service_ids: list[int]) -> NewAccount | None:
    """Create the inactive user, and the structure if the SIRET has none.

    Returns None when the login address already has an account. The check and
    the inserts run in one write transaction so that two sign-ups of the same
    SIRET cannot both create its structure.
    """
    now = time.time()
    db.execute("BEGIN IMMEDIATE")
    try:
        if find_user_by_login(db, adresse_connexion) is not None:
            db.execute("ROLLBACK")
            return None
        existing = None if fault("structure_dupliquee") else find_structure_by_siret(db, siret)
        if existing is None:
            structure_id = db.execute(
                "INSERT INTO structure (siret, raison_sociale, libelle, adresse, complement_adresse_1,"
                " complement_adresse_2, code_postal, ville, pays, non_diffusible, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (siret, structure["raison_sociale"], structure["libelle"], structure["adresse"],
                 structure["complement_adresse_1"], structure["complement_adresse_2"],
                 structure["code_postal"], structure["ville"], structure["pays"],
                 int(structure["non_diffusible"]), now),
            ).lastrowid
            premier = True
            rattachement, service_ids = "structure", []
        else:
            structure_id = existing["id"]
            premier = False
        principal = premier or fault("second_gestionnaire_principal")
        role = "gestionnaire_principal" if principal else "utilisateur"
        if fault("sec_sql_concatene"):
            # The hurried version writes the names into the SQL text: an apostrophe breaks the statement.
            user_id = db.execute(
                "INSERT INTO utilisateur (adresse_connexion, adresse_contact, nom, prenom, consentement_enquete,"
                f" structure_id, role, rattachement, created_at) VALUES (?, ?, '{nom}', '{prenom}', ?, ?, ?, ?, ?)",
                (adresse_connexion, adresse_contact, int(consentement), structure_id, role, rattachement, now),
            ).lastrowid
        else:
            user_id = db.execute(
                "INSERT INTO utilisateur (adresse_connexion, adresse_contact, nom, prenom, consentement_enquete,"
                " structure_id, role, rattachement, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (adresse_connexion, adresse_contact, nom, prenom, int(consentement), structure_id, role,
                 rattachement, now),
            ).lastrowid
        db.executemany(
            "INSERT INTO utilisateur_service (utilisateur_id, service_id)"
            " SELECT ?, id FROM service WHERE id = ? AND structure_id = ?",
            [(user_id, service_id, structure_id) for service_id in service_ids],
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return NewAccount(user_id, principal)


def user_services(db: sqlite3.Connection, user_id: int) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT service.* FROM service JOIN utilisateur_service ON service.id = utilisateur_service.service_id"
        " WHERE utilisateur_service.utilisateur_id = ? ORDER BY service.nom",
        (user_id,),
    ).fetchall()


def set_espaces(db: sqlite3.Connection, user_id: int, choix: dict[str, bool]) -> None:
    db.executemany(
        "INSERT INTO utilisateur_espace (utilisateur_id, espace, actif) VALUES (?, ?, ?)"
        " ON CONFLICT (utilisateur_id, espace) DO UPDATE SET actif = excluded.actif",
        [(user_id, key, int(actif)) for key, actif in choix.items()],
    )


def get_espaces(db: sqlite3.Connection, user_id: int) -> dict[str, bool]:
    rows = db.execute("SELECT espace, actif FROM utilisateur_espace WHERE utilisateur_id = ?", (user_id,))
    stored = {row["espace"]: bool(row["actif"]) for row in rows}
    return {espace.key: stored.get(espace.key, False) for espace in ESPACES}


def set_consentement(db: sqlite3.Connection, user_id: int, consentement: bool) -> None:
    db.execute("UPDATE utilisateur SET consentement_enquete = ? WHERE id = ?", (int(consentement), user_id))


def set_password(db: sqlite3.Connection, user_id: int, password_hash: str) -> None:
    db.execute("UPDATE utilisateur SET mot_de_passe_hash = ? WHERE id = ?", (password_hash, user_id))


def activate(db: sqlite3.Connection, user_id: int, link_id: int, *, password_hash: str, question: str,
             reponse_hash: str) -> bool:
    """Activate the account and use up its links; False if the link was used meanwhile."""
    now = time.time()
    db.execute("BEGIN IMMEDIATE")
    try:
        if not (fault("lien_reutilisable") or fault("sec_jeton_rejouable")):
            used = db.execute(
                "UPDATE lien_activation SET used_at = ? WHERE id = ? AND used_at IS NULL", (now, link_id)
            ).rowcount
            if not used:
                db.execute("ROLLBACK")
                return False
            # The account is active: its other pending links are spent too.
            db.execute("UPDATE lien_activation SET used_at = ? WHERE utilisateur_id = ? AND used_at IS NULL",
                       (now, user_id))
        db.execute(
            "UPDATE utilisateur SET actif = 1, mot_de_passe_hash = ?, question_secrete = ?, reponse_hash = ?,"
            " activated_at = ? WHERE id = ?",
            (password_hash, question, reponse_hash, now, user_id),
        )
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return True


# --- activation links --------------------------------------------------------

def issue_link(db: sqlite3.Connection, user_id: int) -> str:
    """A new random token for the user, which replaces the pending ones; only its sha256 is stored."""
    token = secrets.token_urlsafe(32)
    if fault("sec_jeton_previsible"):
        # The hurried version builds the token from what it has at hand: the account and the time.
        token = f"{user_id:06d}{int(time.time() * 1000):x}"
    if not fault("sec_ancien_lien_valide"):
        db.execute("DELETE FROM lien_activation WHERE utilisateur_id = ? AND used_at IS NULL", (user_id,))
    db.execute("INSERT INTO lien_activation (utilisateur_id, token_sha256, issued_at) VALUES (?, ?, ?)",
               (user_id, sha256(token), time.time()))
    return token


def find_link(db: sqlite3.Connection, token: str) -> sqlite3.Row | None:
    return db.execute("SELECT * FROM lien_activation WHERE token_sha256 = ?", (sha256(token),)).fetchone()


def age_links(db: sqlite3.Connection, adresse: str, minutes: float) -> int:
    """Move the issue time of the address's pending links into the past (test control)."""
    return db.execute(
        "UPDATE lien_activation SET issued_at = issued_at - ? WHERE used_at IS NULL AND utilisateur_id IN"
        " (SELECT id FROM utilisateur WHERE adresse_connexion = ?)",
        (minutes * 60, adresse),
    ).rowcount


# --- captcha -----------------------------------------------------------------

CAPTCHA_MAX_AGE_SECONDS = 3600


def new_captcha(db: sqlite3.Connection, reponse: str) -> str:
    now = time.time()
    db.execute("DELETE FROM captcha WHERE created_at < ?", (now - CAPTCHA_MAX_AGE_SECONDS,))
    captcha_id = secrets.token_urlsafe(16)
    db.execute("INSERT INTO captcha (id, reponse, created_at) VALUES (?, ?, ?)", (captcha_id, reponse, now))
    return captcha_id


def captcha_answer(db: sqlite3.Connection, captcha_id: str | None) -> str | None:
    if not captcha_id:
        return None
    row = db.execute("SELECT reponse FROM captcha WHERE id = ? AND created_at >= ?",
                     (captcha_id, time.time() - CAPTCHA_MAX_AGE_SECONDS)).fetchone()
    return row["reponse"] if row else None


def drop_captcha(db: sqlite3.Connection, captcha_id: str | None) -> None:
    db.execute("DELETE FROM captcha WHERE id = ?", (captcha_id,))
