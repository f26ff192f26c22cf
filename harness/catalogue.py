"""The rule catalogue (features/regles.toml): one entry per rule of the guide."""
from __future__ import annotations

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
}
NATURES = ("explicite", "implicite")
NIVEAUX = ("obligatoire", "informatif")
# Where a rule comes from (docs/SOURCES.md): a sentence of the guide, a reading chosen in
# docs/AMBIGUITES.md, or only our contract (docs/CONTRACT.md). Only the guide gates the verdict.
SOURCES = ("guide", "lecture", "contrat")


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

    @property
    def informatif(self) -> bool:
        return self.niveau == "informatif"


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
            raise CatalogueInvalide(f"{ou} : « etape » doit valoir de 0 à 5, pas {entree['etape']!r}.")
        if entree["nature"] not in NATURES:
            raise CatalogueInvalide(f"{ou} : « nature » doit être explicite ou implicite, pas {entree['nature']!r}.")
        if entree["niveau"] not in NIVEAUX:
            raise CatalogueInvalide(f"{ou} : « niveau » doit être obligatoire ou informatif, pas {entree['niveau']!r}.")
        if entree["source"] not in SOURCES:
            raise CatalogueInvalide(f"{ou} : « source » doit être guide, lecture ou contrat, pas {entree['source']!r}.")
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
        attendu = "obligatoire" if entree["source"] == "guide" else "informatif"
        if entree["niveau"] != attendu:
            raise CatalogueInvalide(f"{ou} : une règle de source « {entree['source']} » doit avoir le niveau "
                                    f"« {attendu} », pas {entree['niveau']!r} (seul le guide bloque le verdict).")
        regles[ident] = Regle(id=ident, etape=entree["etape"], titre=entree["titre"], citation=entree["citation"],
                              nature=entree["nature"], niveau=entree["niveau"], source=entree["source"],
                              ambiguite=ambiguite, capacites=tuple(entree.get("capacites", ())))
    return regles
