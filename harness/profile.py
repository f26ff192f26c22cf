"""Implementation profiles (TOML): where the implementation is and what it offers.

See docs/PROFILES.md. ``charger_profil(path)`` validates the file and raises
``ProfilInvalide`` with a French message naming the offending key.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urljoin, urlsplit

from .catalogue import REFERENTIELS
from .drivers.base import Origines, Vocabulaire, origine
from .libelles import PAGES, pages_confondues

CAPACITES = ("navigateur", "http", "horloge", "services", "compte", "sessions", "nouveau_lien")
CAPTCHA_PAR_DEFAUT = "TEST-CAPTCHA"
DUREE_LIEN_PAR_DEFAUT = 60
# The idle time after which a session must be closed (ASVS 4.0.3 3.3.2, level 2: 30 minutes of inactivity), and
# how many wrong answers in a row must be enough to slow down or block the next one (2.2.1 allows up to 100 an
# hour: a profile may declare more than 10).
DUREE_SESSION_PAR_DEFAUT = 30
TENTATIVES_PAR_DEFAUT = 10


class ProfilInvalide(ValueError):
    """The profile file is missing, unreadable or wrong; the message says which key."""


@dataclass(frozen=True)
class Profil:
    nom: str = "implémentation de référence (intégrée)"
    version: str = ""
    url_base: str | None = None
    demarrage: str = "/"
    connexion: str = "/connexion"
    nouveau_lien: str = "/activation/nouveau-lien"
    libelles: Vocabulaire = field(default_factory=Vocabulaire)
    capacites: frozenset[str] = frozenset(CAPACITES)
    captcha_reponse: str = CAPTCHA_PAR_DEFAUT
    duree_validite_lien_minutes: int = DUREE_LIEN_PAR_DEFAUT
    duree_session_inactive_minutes: int = DUREE_SESSION_PAR_DEFAUT
    tentatives_avant_blocage: int = TENTATIVES_PAR_DEFAUT
    sirene_port: int | None = None
    smtp_port: int | None = None
    attendus: Path | None = None
    chemin: Path | None = None
    # the referentials whose findings make the run non conforme: [accessibilite] bloquante (RGAA 4.1),
    # [securite] bloquante (OWASP ASVS 4.0.3)
    referentiels_bloquants: frozenset[str] = frozenset()
    origines_autorisees: tuple[str, ...] = ()  # [origines] autorisees: other origins the drivers may follow
    exiger_tout: bool = False  # a rule that could gate left « non vérifié » makes the run fail (release gates)


@dataclass(frozen=True)
class Implementation:
    """What the steps know of the implementation under test (fixture ``implementation``)."""

    nom: str
    version: str
    url_base: str
    demarrage: str
    connexion: str
    captcha_reponse: str
    duree_validite_lien_minutes: int
    capacites: frozenset[str]
    libelles: Vocabulaire
    nouveau_lien: str = ""  # the page asking for a new activation link by address (docs/CONTRACT.md §3.4)
    duree_session_inactive_minutes: int = DUREE_SESSION_PAR_DEFAUT
    tentatives_avant_blocage: int = TENTATIVES_PAR_DEFAUT
    origines_autorisees: tuple[str, ...] = ()
    # PEM certificates to trust when the implementation is served over HTTPS (--https, --certificats-de-confiance);
    # None: the system's authorities
    confiance: str | None = None

    @property
    def origines(self) -> Origines:
        """Where the drivers may go: the implementation's origin, its start, login and new-link pages' (a profile
        may put them elsewhere) and the profile's [origines] autorisees; any other is a finding, never requested."""
        return Origines((self.url_base, self.demarrage, self.connexion, self.nouveau_lien) + self.origines_autorisees)

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on the implementation (an absolute URL is kept)."""
        return urljoin(self.url_base.rstrip("/") + "/", path.lstrip("/")) if not urlsplit(path).scheme else path

    @classmethod
    def depuis_profil(cls, profil: Profil, url_base: str, confiance: str | None = None) -> "Implementation":
        base = url_base.rstrip("/")
        def absolu(chemin: str) -> str:
            return chemin if urlsplit(chemin).scheme else base + "/" + chemin.lstrip("/")
        return cls(nom=profil.nom, version=profil.version, url_base=base,
                   demarrage=absolu(profil.demarrage), connexion=absolu(profil.connexion),
                   captcha_reponse=profil.captcha_reponse,
                   duree_validite_lien_minutes=profil.duree_validite_lien_minutes,
                   capacites=profil.capacites, libelles=profil.libelles,
                   nouveau_lien=absolu(profil.nouveau_lien),
                   duree_session_inactive_minutes=profil.duree_session_inactive_minutes,
                   tentatives_avant_blocage=profil.tentatives_avant_blocage,
                   origines_autorisees=profil.origines_autorisees, confiance=confiance)


CLES = {
    "": {"nom", "version", "url_base", "attendus", "exiger_tout", "pages", "libelles", "capacites", "test", "services",
         *REFERENTIELS, "origines"},
    **{source: {"bloquante"} for source in REFERENTIELS},
    "origines": {"autorisees"},
    "pages": {"demarrage", "connexion", "nouveau_lien"},
    "test": {"captcha_reponse", "duree_validite_lien_minutes", "duree_session_inactive_minutes",
             "tentatives_avant_blocage"},
    "services": {"sirene_port", "smtp_port"},
    "capacites": set(CAPACITES),
}


def _type(valeur: Any) -> str:
    return {str: "texte", bool: "booléen", int: "entier", float: "nombre", dict: "table", list: "liste"}.get(
        type(valeur), type(valeur).__name__)


def _exige(valeur: Any, attendu: type, cle: str, fichier: str) -> Any:
    if attendu is int and isinstance(valeur, bool) or not isinstance(valeur, attendu):
        nom = {str: "un texte", bool: "un booléen (true/false)", int: "un entier", dict: "une table"}[attendu]
        raise ProfilInvalide(f"{fichier} : la clé « {cle} » doit être {nom}, pas {_type(valeur)} ({valeur!r}).")
    return valeur


def _url_http(valeur: str, cle: str, fichier: str) -> str:
    parts = urlsplit(valeur)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ProfilInvalide(f"{fichier} : la clé « {cle} » doit être une URL http(s) absolue "
                             f"(par exemple « http://127.0.0.1:8000 »), pas « {valeur} ».")
    return valeur.rstrip("/")


def _chemin_page(valeur: str, cle: str, fichier: str) -> str:
    if not (valeur.startswith("/") or urlsplit(valeur).scheme in ("http", "https")):
        raise ProfilInvalide(f"{fichier} : la clé « {cle} » doit être un chemin commençant par « / » "
                             f"ou une URL absolue, pas « {valeur} ».")
    return valeur


def _port(valeur: Any, cle: str, fichier: str) -> int:
    _exige(valeur, int, cle, fichier)
    if not 1 <= valeur <= 65535:
        raise ProfilInvalide(f"{fichier} : la clé « {cle} » doit être un port entre 1 et 65535, pas {valeur}.")
    return valeur


def _formes(valeur: Any, ou: str, fichier: str) -> str | list[str]:
    """One wording or a non-empty list of them, none empty."""
    formes = [valeur] if isinstance(valeur, str) else valeur
    if not isinstance(formes, list) or not formes or not all(isinstance(f, str) for f in formes):
        raise ProfilInvalide(f"{fichier} : {ou} doit être un texte ou une liste de textes, pas {_type(valeur)} "
                             f"({valeur!r}).")
    if any(not f.strip() for f in formes):
        raise ProfilInvalide(f"{fichier} : {ou} contient un libellé vide.")
    return valeur


def lire_libelles(table: Mapping[str, Any], fichier: str = "profil") -> Vocabulaire:
    """``[libelles]``: guide wording = wording or [wordings]; ``[libelles.<page>]`` tables win on that page."""
    commun, pages = {}, {}
    for cle, valeur in table.items():
        if isinstance(valeur, dict):
            if cle not in PAGES:
                raise ProfilInvalide(f"{fichier} : la table [libelles.{cle}] ne nomme aucune page du parcours "
                                     f"(pages : {', '.join(PAGES)}).")
            pages[PAGES[cle]] = {c: _formes(v, f"le libellé remplaçant « {c} » de [libelles.{cle}]", fichier)
                                 for c, v in valeur.items()}
        else:
            commun[cle] = _formes(valeur, f"le libellé remplaçant « {cle} » (clé libelles)", fichier)
    vocabulaire = Vocabulaire(commun, pages)
    # Before any scenario: wordings that leave the journey unable to tell where it is would block every scenario.
    confusions = pages_confondues(vocabulaire)
    if confusions:
        raise ProfilInvalide(f"{fichier} : " + " ; ".join(confusions))
    return vocabulaire


def lire_profil(donnees: Mapping[str, Any], fichier: str = "profil", dossier: Path | None = None) -> Profil:
    """Validate the parsed TOML ``donnees``; ``dossier`` resolves a relative ``attendus`` path."""
    for section, permises in CLES.items():
        table = donnees if section == "" else donnees.get(section, {})
        if section:
            _exige(table, dict, section, fichier)
        for cle in table:
            if cle not in permises:
                nom = f"{section}.{cle}" if section else cle
                connues = ", ".join(sorted(permises))
                raise ProfilInvalide(f"{fichier} : clé inconnue « {nom} » (clés permises"
                                     f"{' dans [' + section + ']' if section else ''} : {connues}).")
    if "nom" not in donnees:
        raise ProfilInvalide(f"{fichier} : la clé « nom » est obligatoire (le nom de l'implémentation).")
    nom = _exige(donnees["nom"], str, "nom", fichier).strip()
    if not nom:
        raise ProfilInvalide(f"{fichier} : la clé « nom » ne doit pas être vide.")
    version = str(_exige(donnees.get("version", ""), str, "version", fichier))
    url_base = donnees.get("url_base")
    if url_base is not None:
        url_base = _url_http(_exige(url_base, str, "url_base", fichier), "url_base", fichier)
    pages = donnees.get("pages", {})
    demarrage = _chemin_page(_exige(pages.get("demarrage", "/"), str, "pages.demarrage", fichier),
                             "pages.demarrage", fichier)
    connexion = _chemin_page(_exige(pages.get("connexion", "/connexion"), str, "pages.connexion", fichier),
                             "pages.connexion", fichier)
    nouveau_lien = _chemin_page(_exige(pages.get("nouveau_lien", "/activation/nouveau-lien"), str,
                                       "pages.nouveau_lien", fichier), "pages.nouveau_lien", fichier)
    libelles = lire_libelles(_exige(donnees.get("libelles", {}), dict, "libelles", fichier), fichier)
    capacites = set(CAPACITES)
    for cle, valeur in donnees.get("capacites", {}).items():
        if _exige(valeur, bool, f"capacites.{cle}", fichier) is False:
            capacites.discard(cle)
    if not capacites & {"navigateur", "http"}:
        raise ProfilInvalide(f"{fichier} : les clés « capacites.navigateur » et « capacites.http » sont toutes "
                             f"deux à false : aucun canal ne peut vérifier l'implémentation.")
    test = donnees.get("test", {})
    captcha = _exige(test.get("captcha_reponse", CAPTCHA_PAR_DEFAUT), str, "test.captcha_reponse", fichier)
    duree = _exige(test.get("duree_validite_lien_minutes", DUREE_LIEN_PAR_DEFAUT), int,
                   "test.duree_validite_lien_minutes", fichier)
    if duree <= 0:
        raise ProfilInvalide(f"{fichier} : la clé « test.duree_validite_lien_minutes » doit être un entier "
                             f"strictement positif, pas {duree}.")
    declares = {}
    for cle, defaut in (("duree_session_inactive_minutes", DUREE_SESSION_PAR_DEFAUT),
                        ("tentatives_avant_blocage", TENTATIVES_PAR_DEFAUT)):
        declares[cle] = _exige(test.get(cle, defaut), int, f"test.{cle}", fichier)
        if declares[cle] <= 0:
            raise ProfilInvalide(f"{fichier} : la clé « test.{cle} » doit être un entier strictement positif, "
                                 f"pas {declares[cle]}.")
    services = donnees.get("services", {})
    sirene_port = _port(services["sirene_port"], "services.sirene_port", fichier) if "sirene_port" in services else None
    smtp_port = _port(services["smtp_port"], "services.smtp_port", fichier) if "smtp_port" in services else None
    bloquants = frozenset(source for source in REFERENTIELS if _exige(
        donnees.get(source, {}).get("bloquante", False), bool, f"{source}.bloquante", fichier))
    autorisees = donnees.get("origines", {}).get("autorisees", [])
    if not isinstance(autorisees, list):
        raise ProfilInvalide(f"{fichier} : la clé « origines.autorisees » doit être une liste d'URL http(s), pas "
                             f"{_type(autorisees)} ({autorisees!r}).")
    origines = tuple(origine(_url_http(_exige(o, str, "origines.autorisees", fichier), "origines.autorisees", fichier))
                     for o in autorisees)
    attendus = None
    if "attendus" in donnees:
        attendus = Path(_exige(donnees["attendus"], str, "attendus", fichier))
        if not attendus.is_absolute() and dossier is not None:
            attendus = dossier / attendus
    exiger_tout = _exige(donnees.get("exiger_tout", False), bool, "exiger_tout", fichier)
    return Profil(nom=nom, version=version, url_base=url_base, demarrage=demarrage, connexion=connexion,
                  nouveau_lien=nouveau_lien, **declares, libelles=libelles, capacites=frozenset(capacites), captcha_reponse=captcha,
                  duree_validite_lien_minutes=duree, sirene_port=sirene_port, smtp_port=smtp_port,
                  attendus=attendus, referentiels_bloquants=bloquants, origines_autorisees=origines,
                  exiger_tout=exiger_tout)


def charger_profil(chemin: str | Path) -> Profil:
    """Read and validate a profile file."""
    chemin = Path(chemin)
    try:
        texte = chemin.read_bytes()
    except OSError as exc:
        raise ProfilInvalide(f"Profil « {chemin} » illisible : {exc.strerror or exc}.") from None
    try:
        donnees = tomllib.loads(texte.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfilInvalide(f"{chemin} : ce n'est pas du TOML valide ({exc}).") from None
    profil = lire_profil(donnees, str(chemin), chemin.resolve().parent)
    return Profil(**{**profil.__dict__, "chemin": chemin})
