"""The rule catalogue (features/regles.toml): one entry per rule of the guide."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

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
}
NATURES = ("explicite", "implicite")
NIVEAUX = ("obligatoire", "informatif", "accessibilite")
# Where a rule comes from (docs/SOURCES.md): a sentence of the guide, a reading chosen in
# docs/AMBIGUITES.md, only our contract (docs/CONTRACT.md), or a criterion of RGAA 4.1 (the law for a French
# public-sector site, not the guide). Only the guide gates the verdict; accessibility gates only when the
# implementation's profile asks for it ([accessibilite] bloquante, docs/PROFILES.md).
SOURCES = ("guide", "lecture", "contrat", "accessibilite")
# The level each source implies.
NIVEAU_DE_LA_SOURCE = {"guide": "obligatoire", "lecture": "informatif", "contrat": "informatif",
                       "accessibilite": "accessibilite"}
CRITERE_RGAA = re.compile(r"^\d{1,2}\.\d{1,2}$")


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
    criteres: tuple[str, ...] = ()  # the RGAA 4.1 criteria (« 11.1 ») an « accessibilite » rule checks

    @property
    def informatif(self) -> bool:
        return self.niveau == "informatif"

    @property
    def accessibilite(self) -> bool:
        return self.source == "accessibilite"


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
            raise CatalogueInvalide(f"{ou} : « etape » doit valoir de 0 à 6, pas {entree['etape']!r}.")
        if entree["nature"] not in NATURES:
            raise CatalogueInvalide(f"{ou} : « nature » doit être explicite ou implicite, pas {entree['nature']!r}.")
        if entree["niveau"] not in NIVEAUX:
            raise CatalogueInvalide(f"{ou} : « niveau » doit être obligatoire, informatif ou accessibilite, "
                                    f"pas {entree['niveau']!r}.")
        if entree["source"] not in SOURCES:
            raise CatalogueInvalide(f"{ou} : « source » doit être guide, lecture, contrat ou accessibilite, "
                                    f"pas {entree['source']!r}.")
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
                                    "l'accessibilité, quand le profil le demande).")
        criteres = entree.get("criteres", [])
        if (entree["source"] == "accessibilite") != bool(criteres):
            raise CatalogueInvalide(f"{ou} : la clé « criteres » (les critères RGAA 4.1 vérifiés, par exemple "
                                    "[\"11.1\"]) est exigée d'une règle de source « accessibilite », et d'elle seule.")
        if not isinstance(criteres, list) or not all(isinstance(c, str) and CRITERE_RGAA.match(c) for c in criteres):
            raise CatalogueInvalide(f"{ou} : « criteres » doit être une liste de critères RGAA « n.m », "
                                    f"pas {criteres!r}.")
        regles[ident] = Regle(id=ident, etape=entree["etape"], titre=entree["titre"], citation=entree["citation"],
                              nature=entree["nature"], niveau=entree["niveau"], source=entree["source"],
                              ambiguite=ambiguite, capacites=tuple(entree.get("capacites", ())),
                              criteres=tuple(criteres))
    return regles
