"""The rule catalogue (features/regles.toml): one entry per rule of the guide, and per requirement of the
referentials beside it (RGAA 4.1, OWASP ASVS 4.0.3)."""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from . import asvs, rgaa

RACINE = Path(__file__).resolve().parent.parent
CATALOGUE = RACINE / "features" / "regles.toml"

ETAPES = {
    0: "Règles transverses",
    1: "Étape 1 — Identifiez-vous",
    2: "Étape 2 — Complétez les informations demandées",
    3: "Étape 3 — Ouvrez vos espaces de travail",
    4: "Étape 4 — Activez votre compte utilisateur",
    5: "Après l'activation",
    6: "Accessibilité (RGAA 4.1)",
    7: "Sécurité (OWASP ASVS 4.0.3)",
}
NATURES = ("explicite", "implicite")


@dataclass(frozen=True)
class Referentiel:
    """A standard beside the guide whose requirements the catalogue checks: its rules have its name as source and
    as level, list the requirements they check under ``cle``, and their scenarios carry them as tags
    ``etiquette`` + number. They get verdicts like any rule, in a section of the report of their own, and gate the
    run only when the profile says ``[<source>] bloquante = true``; they never change a rule of the guide."""

    source: str                    # the catalogue's source and level, the profile's table, the scenarios' marker
    nom: str                       # « RGAA 4.1 »
    du_nom: str                    # « du RGAA 4.1 », « de l'OWASP ASVS 4.0.3 »
    etape: int                     # the catalogue's step of its rules (ETAPES: the report's section title)
    cle: str                       # the catalogue key listing a rule's requirements
    forme: re.Pattern              # a requirement's number
    etiquette: str                 # the scenarios' tag prefix: « RGAA_ » + « 11.1 »
    exigences: Mapping[str, str]   # each requirement's wording, in the standard's words
    exigence: str                  # what the standard calls a requirement, in French (« critère »)
    presentation: str              # the report's sentence on why it is checked though the guide does not say it

    @property
    def titre(self) -> str:
        return ETAPES[self.etape]

    def tri(self, numero: str) -> tuple[int, ...]:
        """Sort key of a requirement's number (« 11.10 » after « 11.9 »)."""
        return tuple(int(n) for n in numero.split("."))


RGAA = Referentiel(
    source="accessibilite", nom="RGAA 4.1", du_nom="du RGAA 4.1", etape=6, cle="criteres",
    forme=re.compile(r"^\d{1,2}\.\d{1,2}$"), etiquette="RGAA_", exigences=rgaa.CRITERES, exigence="critère",
    presentation="Ces critères ne viennent pas du guide : le RGAA 4.1 s'impose aux sites publics.")
ASVS = Referentiel(
    source="securite", nom="OWASP ASVS 4.0.3", du_nom="de l'OWASP ASVS 4.0.3", etape=7, cle="exigences",
    forme=re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}$"), etiquette="ASVS_", exigences=asvs.EXIGENCES,
    exigence="exigence",
    presentation="Ces exigences ne viennent pas du guide, qui ne dit presque rien de la sécurité : l'OWASP ASVS "
                 "4.0.3 est ce qu'une équipe de recette attend d'un parcours de création de compte (énumération, "
                 "jetons, sessions, CSRF, en-têtes, saisies malveillantes).")
# The standards beside the guide, by source.
REFERENTIELS = {r.source: r for r in (RGAA, ASVS)}

# Where a rule comes from (docs/SOURCES.md): a sentence of the guide, a reading chosen in docs/AMBIGUITES.md, only
# our contract (docs/CONTRACT.md), or a requirement of a referential (REFERENTIELS: RGAA 4.1, the law for a French
# public-sector site; OWASP ASVS 4.0.3, what a QA team checks of an account creation). Only the guide gates the
# verdict; a referential gates only when the implementation's profile asks for it ([<source>] bloquante,
# docs/PROFILES.md).
SOURCES = ("guide", "lecture", "contrat", *REFERENTIELS)
# The level each source implies.
NIVEAU_DE_LA_SOURCE = {"guide": "obligatoire", "lecture": "informatif", "contrat": "informatif",
                       **{s: s for s in REFERENTIELS}}
NIVEAUX = tuple(dict.fromkeys(NIVEAU_DE_LA_SOURCE.values()))


class CatalogueInvalide(ValueError):
    """features/regles.toml is unreadable or an entry is wrong."""


@dataclass(frozen=True)
class Regle:
    id: str
    etape: int
    titre: str
    citation: str
    nature: str
    niveau: str
    source: str = "guide"
    ambiguite: int | None = None  # the entry of docs/AMBIGUITES.md a « lecture » rule depends on
    capacites: tuple[str, ...] = ()
    exigences: tuple[str, ...] = ()  # the requirements of its referential a rule checks (RGAA « 11.1 », ASVS « 4.2.2 »)

    @property
    def informatif(self) -> bool:
        return self.niveau == "informatif"

    @property
    def referentiel(self) -> Referentiel | None:
        """The referential of a rule that checks one (RGAA, ASVS), None for a rule of the guide, a reading or the
        contract."""
        return REFERENTIELS.get(self.source)


def lire_toml(chemin: Path, erreur: type[Exception], quoi: str) -> dict:
    """Parse a TOML file of the harness; ``erreur`` with a French message naming the file when it cannot."""
    try:
        return tomllib.loads(chemin.read_text(encoding="utf-8"))
    except OSError as exc:
        raise erreur(f"{quoi} « {chemin} » illisible : {exc.strerror or exc}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise erreur(f"{chemin} : TOML invalide ({exc}).") from None


def charger_catalogue(chemin: str | Path = CATALOGUE) -> dict[str, Regle]:
    """Rules by id, in the catalogue's order."""
    chemin = Path(chemin)
    donnees = lire_toml(chemin, CatalogueInvalide, "Catalogue des règles")
    regles: dict[str, Regle] = {}
    for rang, entree in enumerate(donnees.get("regle", []), start=1):
        ident = entree.get("id")
        ou = f"{chemin}, règle n° {rang}" + (f" ({ident})" if ident else "")
        for cle in ("id", "etape", "titre", "citation", "nature", "niveau", "source"):
            if cle not in entree:
                raise CatalogueInvalide(f"{ou} : la clé « {cle} » manque.")
        if ident in regles:
            raise CatalogueInvalide(f"{ou} : l'identifiant « {ident} » est déjà utilisé.")
        if entree["etape"] not in ETAPES:
            raise CatalogueInvalide(f"{ou} : « etape » doit valoir de 0 à {max(ETAPES)}, pas {entree['etape']!r}.")
        if entree["nature"] not in NATURES:
            raise CatalogueInvalide(f"{ou} : « nature » doit être explicite ou implicite, pas {entree['nature']!r}.")
        if entree["niveau"] not in NIVEAUX:
            raise CatalogueInvalide(f"{ou} : « niveau » doit être {_ou(NIVEAUX)}, pas {entree['niveau']!r}.")
        if entree["source"] not in SOURCES:
            raise CatalogueInvalide(f"{ou} : « source » doit être {_ou(SOURCES)}, pas {entree['source']!r}.")
        ambiguite = entree.get("ambiguite")
        if entree["source"] == "lecture":
            if ambiguite is None:
                raise CatalogueInvalide(f"{ou} : une règle de source « lecture » doit donner la clé « ambiguite » "
                                        "(le numéro de l'entrée de docs/AMBIGUITES.md).")
            if type(ambiguite) is not int or ambiguite < 1:
                raise CatalogueInvalide(f"{ou} : « ambiguite » doit être un numéro d'entrée de docs/AMBIGUITES.md "
                                        f"(entier positif), pas {ambiguite!r}.")
        elif ambiguite is not None:
            raise CatalogueInvalide(f"{ou} : la clé « ambiguite » ne va qu'avec source = \"lecture\", "
                                    f"pas avec source = {entree['source']!r}.")
        attendu = NIVEAU_DE_LA_SOURCE[entree["source"]]
        if entree["niveau"] != attendu:
            raise CatalogueInvalide(f"{ou} : une règle de source « {entree['source']} » doit avoir le niveau "
                                    f"« {attendu} », pas {entree['niveau']!r} (seul le guide bloque le verdict ; "
                                    "un référentiel, quand le profil le demande).")
        exigences = _exigences(entree, ou)
        regles[ident] = Regle(id=ident, etape=entree["etape"], titre=entree["titre"], citation=entree["citation"],
                              nature=entree["nature"], niveau=entree["niveau"], source=entree["source"],
                              ambiguite=ambiguite, capacites=tuple(entree.get("capacites", ())),
                              exigences=exigences)
    return regles


def _ou(mots) -> str:
    mots = list(mots)
    return ", ".join(mots[:-1]) + " ou " + mots[-1]


def _exigences(entree: dict, ou: str) -> tuple[str, ...]:
    """The requirements a referential's rule checks (under its referential's key); no other rule lists any."""
    referentiel = REFERENTIELS.get(entree["source"])
    for autre in REFERENTIELS.values():
        if autre is not referentiel and autre.cle in entree:
            raise CatalogueInvalide(f"{ou} : la clé « {autre.cle} » (ce qu'une règle vérifie {autre.du_nom}) ne "
                                    f"va qu'avec source = \"{autre.source}\", pas avec source = "
                                    f"{entree['source']!r}.")
    if referentiel is None:
        return ()
    exigences = entree.get(referentiel.cle)
    exemple = next(iter(referentiel.exigences))
    if not exigences:
        raise CatalogueInvalide(f"{ou} : une règle de source « {referentiel.source} » doit donner la clé "
                                f"« {referentiel.cle} » (ce qu'elle vérifie {referentiel.du_nom}, par exemple "
                                f"[\"{exemple}\"]).")
    if not isinstance(exigences, list) or not all(isinstance(e, str) and referentiel.forme.match(e)
                                                  for e in exigences):
        raise CatalogueInvalide(f"{ou} : « {referentiel.cle} » doit être une liste ({referentiel.exigence}s "
                                f"{referentiel.du_nom} comme « {exemple} »), pas {exigences!r}.")
    return tuple(exigences)


def version_du_catalogue(chemin: str | Path = CATALOGUE) -> str:
    """The catalogue's version: its number of rules and the first 12 hex digits of its SHA-256 (two runs judged by
    the same rules say the same), or why it cannot be read."""
    chemin = Path(chemin)
    try:
        regles = charger_catalogue(chemin)
    except CatalogueInvalide as exc:
        return f"illisible ({exc})"
    return f"{len(regles)} règles, empreinte {hashlib.sha256(chemin.read_bytes()).hexdigest()[:12]}"
