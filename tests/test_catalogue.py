"""The rule catalogue (features/regles.toml) against the guide and the feature files.

Fails when a rule has no scenario, a scenario cites a rule that does not exist
or has no channel, a rule's fields are missing or invalid, an id is used twice,
a guide rule's citation (explicit or implicit) is not in the guide word for word
(white space folded), a « lecture » rule names no entry of docs/AMBIGUITES.md, a
rule is obligatoire without resting on the guide (or rests on the guide and does
not gate), or an informative rule's scenarios are not marked @informatif; a referential's rule (source
« accessibilite », RGAA 4.1; « securite », OWASP ASVS 4.0.3) names no known requirement, or its scenarios do not
carry exactly its requirements' tags (@RGAA_n.m, @ASVS_n.m.p), or cite a rule of the guide; an accessibility
scenario runs over HTTP.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

from harness.catalogue import CatalogueInvalide, charger_catalogue
from harness.asvs import EXIGENCES
from harness.rgaa import AXE_VERS_RGAA, CRITERES

RACINE = Path(__file__).resolve().parent.parent
FEATURES = RACINE / "features"
CATALOGUE = FEATURES / "regles.toml"
GUIDE_NOM = "000_e499a90fb70f94b2.txt"
GUIDES = [Path(os.environ["CHORUS_GUIDE"])] if os.environ.get("CHORUS_GUIDE") else [
    RACINE / "guide" / GUIDE_NOM, RACINE.parent / "shared" / "guide" / GUIDE_NOM,
]

ID_REGLE = re.compile(r"^(E[1-5]|T|A|S)_[A-Z0-9]+(?:_[A-Z0-9]+)*$")
PREFIXE_ETAPE = {"E1": 1, "E2": 2, "E3": 3, "E4": 4, "E5": 5, "T": 0, "A": 6, "S": 7}
CHAMPS = {"id": str, "etape": int, "titre": str, "citation": str, "nature": str, "niveau": str, "source": str}
NATURES = {"explicite", "implicite"}


@dataclass(frozen=True)
class Ref:
    """A referential beside the guide, read here again (harness/catalogue.py has its own reading)."""

    cle: str                   # the catalogue key of its rules' requirements
    exigences: dict            # its requirements' wordings (harness/rgaa.py, harness/asvs.py)
    tag: re.Pattern            # its scenarios' requirement tags
    citation: str              # what its rules' citations start with
    adjectif: str              # « d'accessibilité »
    navigateur_seul: bool      # its scenarios run in the browser only


REFERENTIELS = {
    "accessibilite": Ref("criteres", CRITERES, re.compile(r"^RGAA_(\d{1,2}\.\d{1,2})$"), "RGAA 4.1",
                         "d'accessibilité", True),
    "securite": Ref("exigences", EXIGENCES, re.compile(r"^ASVS_(\d{1,2}\.\d{1,2}\.\d{1,2})$"), "OWASP ASVS 4.0.3",
                    "de sécurité", False),
}
NIVEAUX = {"obligatoire", "informatif", *REFERENTIELS}
SOURCES = {"guide", "lecture", "contrat", *REFERENTIELS}
NIVEAU_DE_LA_SOURCE = {"guide": "obligatoire", "lecture": "informatif", "contrat": "informatif",
                       **{s: s for s in REFERENTIELS}}
AMBIGUITES = RACINE / "docs" / "AMBIGUITES.md"
CAPACITES = {"navigateur", "http", "horloge", "services", "compte", "sessions", "nouveau_lien"}
CANAUX = {"navigateur", "http"}
FICHIERS = ["00_transverse.feature", "01_identification.feature", "02_informations.feature",
            "03_espaces_de_travail.feature", "04_activation.feature", "05_apres_activation.feature",
            "07_accessibilite.feature", "08_securite.feature", "09_securite_comptes.feature"]


@dataclass(frozen=True)
class Scenario:
    fichier: str
    ligne: int
    nom: str
    tags: frozenset[str]

    @property
    def ou(self) -> str:
        return f"{self.fichier}:{self.ligne} « {self.nom} »"


def _regles_brutes() -> list[dict]:
    return tomllib.loads(CATALOGUE.read_text(encoding="utf-8")).get("regle", [])


def _scenarios() -> list[Scenario]:
    """Every scenario of features/, with the tags it inherits from its feature and rule."""
    out = []
    for chemin in sorted(FEATURES.glob("*.feature")):
        document = Parser().parse(TokenScanner(chemin.read_text(encoding="utf-8")))
        feature = document["feature"]
        herites = {t["name"].lstrip("@") for t in feature["tags"]}

        def parcourt(enfants, tags_parents):
            for enfant in enfants:
                if "rule" in enfant:
                    regle = enfant["rule"]
                    parcourt(regle["children"], tags_parents | {t["name"].lstrip("@") for t in regle["tags"]})
                elif "scenario" in enfant:
                    s = enfant["scenario"]
                    tags = tags_parents | {t["name"].lstrip("@") for t in s["tags"]}
                    out.append(Scenario(chemin.name, s["location"]["line"], s["name"], frozenset(tags)))

        parcourt(feature["children"], herites)
    return out


def _guide() -> str:
    for chemin in GUIDES:
        if chemin.is_file():
            return chemin.read_text(encoding="utf-8")
    pytest.skip(f"guide introuvable ({', '.join(map(str, GUIDES))}) ; indiquez-le avec CHORUS_GUIDE")


def _plie(texte: str) -> str:
    return re.sub(r"\s+", " ", texte).strip()


def numeros_d_ambiguite(texte: str) -> set[int]:
    """The entry numbers of docs/AMBIGUITES.md's table (rows « | n° | … »)."""
    return {int(n) for n in re.findall(r"^\|\s*(\d+)\s*\|", texte, flags=re.M)}


def erreurs_de_source(regles: list[dict], guide: str, ambiguites: set[int]) -> list[str]:
    """What is wrong with the rules' sources: a guide rule whose citation is not in the guide, a
    « lecture » rule without a known ambiguity, a level that does not follow from the source."""
    erreurs = []
    for r in regles:
        source, ident = r.get("source"), r.get("id")
        if source not in SOURCES:
            erreurs.append(f"{ident} : source « {source} » hors {sorted(SOURCES)}")
            continue
        attendu = NIVEAU_DE_LA_SOURCE[source]
        if r.get("niveau") != attendu:
            erreurs.append(f"{ident} : source « {source} » mais niveau « {r.get('niveau')} » (attendu « {attendu} »)")
        if source == "guide" and _plie(r.get("citation", "")) not in _plie(guide):
            erreurs.append(f"{ident} : règle du guide dont la citation est introuvable mot pour mot dans le guide : "
                           f"« {r.get('citation')} »")
        if source == "lecture" and r.get("ambiguite") not in ambiguites:
            erreurs.append(f"{ident} : règle de lecture dont l'ambiguïté n° {r.get('ambiguite')} n'existe pas "
                           "dans docs/AMBIGUITES.md")
        if source != "lecture" and "ambiguite" in r:
            erreurs.append(f"{ident} : « ambiguite » sur une règle de source « {source} »")
        for nom, ref in REFERENTIELS.items():
            exigences = r.get(ref.cle, [])
            if source == nom:
                inconnues = [e for e in exigences if e not in ref.exigences]
                if not exigences or inconnues:
                    erreurs.append(f"{ident} : règle {ref.adjectif} sans exigence connue du {ref.citation} "
                                   f"({ref.cle} {exigences} ; inconnues : {inconnues})")
                if not r.get("citation", "").startswith(ref.citation):
                    erreurs.append(f"{ident} : règle {ref.adjectif} dont la citation ne cite pas le {ref.citation}")
            elif exigences:
                erreurs.append(f"{ident} : « {ref.cle} » sur une règle de source « {source} »")
    return erreurs


REGLES = _regles_brutes()
IDS = {r.get("id") for r in REGLES}
SCENARIOS = _scenarios()


def test_les_fichiers_suivent_les_etapes_du_guide():
    presents = sorted(p.name for p in FEATURES.glob("*.feature"))
    manquants = [f for f in FICHIERS if f not in presents]
    assert not manquants, f"fichiers de fonctionnalités manquants : {manquants}"
    for nom in presents:
        premiere = (FEATURES / nom).read_text(encoding="utf-8").splitlines()[0].strip()
        assert premiere == "# language: fr", f"{nom} doit commencer par « # language: fr »"


@pytest.mark.parametrize("regle", REGLES, ids=lambda r: str(r.get("id")))
def test_une_regle_a_tous_ses_champs(regle):
    for cle, type_ in CHAMPS.items():
        assert isinstance(regle.get(cle), type_), f"{regle.get('id')} : « {cle} » manque ou n'est pas un {type_.__name__}"
        if type_ is str:
            assert regle[cle].strip(), f"{regle['id']} : « {cle} » est vide"
    assert ID_REGLE.match(regle["id"]), f"{regle['id']} : identifiant hors format (E1_… à E5_…, T_…, majuscules)"
    prefixe = regle["id"].split("_")[0]
    assert PREFIXE_ETAPE[prefixe] == regle["etape"], \
        f"{regle['id']} : le préfixe {prefixe} veut l'étape {PREFIXE_ETAPE[prefixe]}, pas {regle['etape']}"
    assert regle["nature"] in NATURES, f"{regle['id']} : nature « {regle['nature']} » hors {sorted(NATURES)}"
    assert regle["niveau"] in NIVEAUX, f"{regle['id']} : niveau « {regle['niveau']} » hors {sorted(NIVEAUX)}"
    capacites = regle.get("capacites", [])
    assert isinstance(capacites, list) and set(capacites) <= CAPACITES, \
        f"{regle['id']} : capacités {capacites} hors {sorted(CAPACITES)}"
    assert regle["source"] in SOURCES, f"{regle['id']} : source « {regle['source']} » hors {sorted(SOURCES)}"
    if regle["source"] == "lecture":
        assert isinstance(regle.get("ambiguite"), int), f"{regle['id']} : une règle de lecture donne « ambiguite »"
    inconnues = set(regle) - set(CHAMPS) - {"capacites", "ambiguite"} - {r.cle for r in REFERENTIELS.values()}
    assert not inconnues, f"{regle['id']} : clés inconnues {sorted(inconnues)}"


def test_les_identifiants_sont_uniques():
    vus: dict[str, int] = {}
    for regle in REGLES:
        vus[regle.get("id")] = vus.get(regle.get("id"), 0) + 1
    doublons = sorted(i for i, n in vus.items() if n > 1)
    assert not doublons, f"identifiants utilisés plusieurs fois : {doublons}"


# A referential's rule quotes it, not the guide (erreurs_de_source checks it names its referential).
@pytest.mark.parametrize("regle", [r for r in REGLES if (r.get("nature") == "explicite" or r.get("source") == "guide")
                                   and r.get("source") not in REFERENTIELS], ids=lambda r: r["id"])
def test_une_citation_explicite_ou_du_guide_est_dans_le_guide(regle):
    assert _plie(regle["citation"]) in _plie(_guide()), \
        f"{regle['id']} : citation introuvable mot pour mot dans le guide : « {regle['citation']} »"


def test_les_sources_du_catalogue_sont_coherentes():
    """Guide rules quote the guide and gate; lecture rules name an existing ambiguity; lecture
    and contrat rules are informatif."""
    ambiguites = numeros_d_ambiguite(AMBIGUITES.read_text(encoding="utf-8"))
    assert ambiguites, "docs/AMBIGUITES.md : aucune entrée numérotée trouvée"
    erreurs = erreurs_de_source(REGLES, _guide(), ambiguites)
    assert not erreurs, "\n".join(erreurs)


def test_le_chargeur_applique_les_memes_regles():
    """harness/catalogue.py loads the catalogue with the same invariant."""
    regles = charger_catalogue(CATALOGUE)
    assert {r.id for r in regles.values()} == IDS
    for r in regles.values():
        assert (r.niveau == "obligatoire") == (r.source == "guide"), r.id
        assert (r.niveau in REFERENTIELS) == (r.source in REFERENTIELS) == bool(r.exigences), r.id
        assert r.niveau == r.source or r.source not in REFERENTIELS, r.id
        assert (r.ambiguite is not None) == (r.source == "lecture"), r.id


# ----------------------------------------------------------------- the checks above can fail

GUIDE_MINI = "Pour être accepté, votre mot de passe doit comporter au minimum 12 caractères\n"
AMBIGUITES_MINI = "| n° | Ambiguïté | Lecture | Règles |\n| --- | --- | --- | --- |\n| 2 | accents | … | … |\n"


def _regle(**cles) -> dict:
    base = {"id": "E4_MDP_LONGUEUR", "etape": 4, "titre": "t", "nature": "implicite", "niveau": "obligatoire",
            "source": "guide", "citation": "votre mot de passe doit comporter au minimum 12 caractères"}
    return {**base, **cles}


@pytest.mark.parametrize("regle, attendu", [
    (_regle(), None),
    (_regle(citation="au minimum 8 caractères"), "introuvable mot pour mot"),
    (_regle(niveau="informatif"), "niveau « informatif »"),
    (_regle(source="lecture", niveau="informatif", ambiguite=2), None),
    (_regle(source="lecture", niveau="informatif", ambiguite=99), "n° 99 n'existe pas"),
    (_regle(source="lecture", niveau="informatif"), "n° None n'existe pas"),
    (_regle(source="lecture", niveau="obligatoire", ambiguite=2), "niveau « obligatoire »"),
    (_regle(source="contrat", niveau="informatif", citation="n'importe quoi"), None),
    (_regle(source="contrat", niveau="obligatoire"), "niveau « obligatoire »"),
    (_regle(source="contrat", niveau="informatif", ambiguite=2), "« ambiguite » sur une règle de source"),
    (_regle(source="norme", niveau="informatif"), "hors"),
    (_regle(source="accessibilite", niveau="accessibilite", citation="RGAA 4.1, critère 11.1", criteres=["11.1"]),
     None),
    (_regle(source="accessibilite", niveau="obligatoire", citation="RGAA 4.1, critère 11.1", criteres=["11.1"]),
     "niveau « obligatoire »"),
    (_regle(source="accessibilite", niveau="accessibilite", citation="RGAA 4.1", criteres=["99.1"]),
     "sans exigence connue du RGAA 4.1"),
    (_regle(source="accessibilite", niveau="accessibilite", citation="WCAG 2.1", criteres=["11.1"]),
     "ne cite pas le RGAA 4.1"),
    (_regle(criteres=["11.1"]), "« criteres » sur une règle de source « guide »"),
    (_regle(source="securite", niveau="securite", citation="OWASP ASVS 4.0.3, V4.2.2", exigences=["4.2.2"]), None),
    (_regle(source="securite", niveau="informatif", citation="OWASP ASVS 4.0.3, V4.2.2", exigences=["4.2.2"]),
     "niveau « informatif »"),
    (_regle(source="securite", niveau="securite", citation="OWASP ASVS 4.0.3", exigences=["9.9.9"]),
     "sans exigence connue du OWASP ASVS 4.0.3"),
    (_regle(source="securite", niveau="securite", citation="ASVS 5.0", exigences=["4.2.2"]),
     "ne cite pas le OWASP ASVS 4.0.3"),
    (_regle(source="securite", niveau="securite", citation="OWASP ASVS 4.0.3", exigences=["4.2.2"],
            criteres=["11.1"]), "« criteres » sur une règle de source « securite »"),
    (_regle(exigences=["4.2.2"]), "« exigences » sur une règle de source « guide »"),
], ids=["guide-ok", "guide-citation-absente", "guide-informatif", "lecture-ok", "lecture-ambiguite-inconnue",
        "lecture-sans-ambiguite", "lecture-obligatoire", "contrat-ok", "contrat-obligatoire",
        "contrat-avec-ambiguite", "source-inconnue", "accessibilite-ok", "accessibilite-obligatoire",
        "accessibilite-critere-inconnu", "accessibilite-sans-rgaa", "guide-avec-criteres", "securite-ok",
        "securite-informatif", "securite-exigence-inconnue", "securite-sans-asvs", "securite-avec-criteres",
        "guide-avec-exigences"])
def test_les_controles_de_source_peuvent_echouer(regle, attendu):
    erreurs = erreurs_de_source([regle], GUIDE_MINI, numeros_d_ambiguite(AMBIGUITES_MINI))
    if attendu is None:
        assert erreurs == []
    else:
        assert len(erreurs) == 1 and attendu in erreurs[0], erreurs


def _toml(regle: dict) -> str:
    return "[[regle]]\n" + "".join(f"{k} = {v!r}\n".replace("'", '"') for k, v in regle.items())


@pytest.mark.parametrize("regle, attendu", [
    (_regle(source="lecture", niveau="informatif"), "« ambiguite »"),
    (_regle(source="lecture", niveau="informatif", ambiguite="deux"), "entier positif"),
    (_regle(source="contrat", niveau="informatif", ambiguite=2), "ne va qu'avec"),
    (_regle(source="contrat"), "doit avoir le niveau « informatif »"),
    (_regle(niveau="informatif"), "doit avoir le niveau « obligatoire »"),
    (_regle(source="norme"), "« source » doit être guide, lecture, contrat, accessibilite ou securite"),
    ({k: v for k, v in _regle().items() if k != "source"}, "la clé « source » manque"),
    (_regle(source="accessibilite", niveau="accessibilite"), "la clé « criteres »"),
    (_regle(source="accessibilite", niveau="informatif", criteres=["11.1"]), "le niveau « accessibilite »"),
    (_regle(source="accessibilite", niveau="accessibilite", criteres=["onze"]), "une liste (critères du RGAA 4.1"),
    (_regle(criteres=["11.1"]), "la clé « criteres »"),
    (_regle(source="securite", niveau="securite"), "la clé « exigences »"),
    (_regle(source="securite", niveau="securite", exigences=["V4.2.2"]), "une liste (exigences de l'OWASP ASVS"),
    (_regle(source="securite", niveau="obligatoire", exigences=["4.2.2"]), "le niveau « securite »"),
    (_regle(source="accessibilite", niveau="accessibilite", criteres=["11.1"], exigences=["4.2.2"]),
     "la clé « exigences »"),
], ids=["lecture-sans-ambiguite", "ambiguite-texte", "ambiguite-hors-lecture", "contrat-obligatoire",
        "guide-informatif", "source-inconnue", "source-absente", "accessibilite-sans-criteres",
        "accessibilite-informatif", "accessibilite-critere-mal-forme", "guide-avec-criteres",
        "securite-sans-exigences", "securite-exigence-mal-formee", "securite-obligatoire",
        "accessibilite-avec-exigences"])
def test_le_chargeur_refuse_un_mauvais_catalogue(tmp_path, regle, attendu):
    chemin = tmp_path / "regles.toml"
    chemin.write_text(_toml(regle), encoding="utf-8")
    with pytest.raises(CatalogueInvalide) as erreur:
        charger_catalogue(chemin)
    assert attendu in str(erreur.value) and "E4_MDP_LONGUEUR" in str(erreur.value) and str(chemin) in str(erreur.value)


def test_le_chargeur_accepte_un_bon_catalogue(tmp_path):
    chemin = tmp_path / "regles.toml"
    chemin.write_text(_toml(_regle()) + _toml(_regle(id="E4_MDP_CLASSES", source="lecture", niveau="informatif",
                                                     ambiguite=2)), encoding="utf-8")
    regles = charger_catalogue(chemin)
    assert regles["E4_MDP_LONGUEUR"].source == "guide" and regles["E4_MDP_LONGUEUR"].ambiguite is None
    assert regles["E4_MDP_CLASSES"].ambiguite == 2 and regles["E4_MDP_CLASSES"].informatif


def test_chaque_regle_a_un_scenario():
    citees = {t for s in SCENARIOS for t in s.tags}
    sans = [r["id"] for r in REGLES if r["id"] not in citees]
    assert not sans, f"règles sans scénario : {sans}"


def test_un_scenario_cite_des_regles_existantes():
    erreurs = []
    for s in SCENARIOS:
        regles = {t for t in s.tags if ID_REGLE.match(t)}
        if not regles:
            erreurs.append(f"{s.ou} ne cite aucune règle")
        for inconnue in sorted(regles - IDS):
            erreurs.append(f"{s.ou} cite la règle inconnue {inconnue}")
    assert not erreurs, "\n".join(erreurs)


def test_un_scenario_a_un_canal():
    sans = [s.ou for s in SCENARIOS if not s.tags & CANAUX]
    assert not sans, "scénarios sans @navigateur ni @http :\n" + "\n".join(sans)


def test_les_etiquettes_sont_connues():
    """Tags are rule ids, channels, @informatif or @necessite_<capacité>."""
    erreurs = []
    for s in SCENARIOS:
        for tag in sorted(s.tags):
            connu = (tag in IDS or tag in CANAUX or tag == "informatif" or tag in REFERENTIELS
                     or (tag.startswith("necessite_") and tag[len("necessite_"):] in CAPACITES)
                     or any(r.tag.match(tag) and r.tag.match(tag)[1] in r.exigences for r in REFERENTIELS.values()))
            if not connu:
                erreurs.append(f"{s.ou} : étiquette @{tag} inconnue")
    assert not erreurs, "\n".join(erreurs)


def test_informatif_si_et_seulement_si_la_regle_l_est():
    niveau = {r["id"]: r["niveau"] for r in REGLES}
    erreurs = []
    for s in SCENARIOS:
        regles = [t for t in s.tags if t in niveau]
        informatives = [r for r in regles if niveau[r] == "informatif"]
        if informatives and "informatif" not in s.tags:
            erreurs.append(f"{s.ou} vérifie {informatives} (informatives) sans @informatif")
        if "informatif" in s.tags and len(informatives) != len(regles):
            erreurs.append(f"{s.ou} est @informatif mais vérifie des règles obligatoires")
    assert not erreurs, "\n".join(erreurs)


def test_les_capacites_des_regles_sont_exigees_par_leurs_scenarios():
    """The harness skips every scenario of a rule whose capabilities are missing: so each scenario
    of the rule must need them (@necessite_…), or the rule must not list them."""
    capacites = {r["id"]: set(r.get("capacites", [])) - CANAUX for r in REGLES}
    erreurs = []
    for s in SCENARIOS:
        exigees = {t[len("necessite_"):] for t in s.tags if t.startswith("necessite_")}
        for regle in (t for t in s.tags if t in capacites):
            if capacites[regle] - exigees:
                erreurs.append(f"{s.ou} : {regle} demande {sorted(capacites[regle] - exigees)} "
                               "sans l'étiquette @necessite_ correspondante")
    assert not erreurs, "\n".join(erreurs)


def test_les_noms_de_scenario_sont_uniques_par_fichier():
    """pytest-bdd garde un seul scénario par nom dans un fichier : un doublon serait perdu sans bruit."""
    vus: dict[tuple[str, str], str] = {}
    doublons = []
    for s in SCENARIOS:
        cle = (s.fichier, s.nom)
        if cle in vus:
            doublons.append(f"{s.ou} (déjà ligne {vus[cle]})")
        vus[cle] = str(s.ligne)
    assert not doublons, "\n".join(doublons)


# ----------------------------------------------------------------- referentials (RGAA 4.1, OWASP ASVS 4.0.3)

SOURCE = {r["id"]: r["source"] for r in REGLES}
EXIGENCES_DE = {r["id"]: set(r.get(REFERENTIELS[r["source"]].cle, [])) if r["source"] in REFERENTIELS else set()
                for r in REGLES}
CRITERES_DE = {r: e for r, e in EXIGENCES_DE.items() if SOURCE[r] == "accessibilite"}


def erreurs_de_referentiel(scenarios: list[Scenario], source: str) -> list[str]:
    """A referential's scenario cites its rules only (a finding never touches a guide rule's verdict), is tagged
    with its source (@accessibilite, @securite) and carries only its rules' requirements as tags (@RGAA_n.m,
    @ASVS_n.m.p); an accessibility scenario runs in the browser only; each requirement of a rule is carried by one
    of its scenarios; no other scenario carries the referential's tags."""
    ref = REFERENTIELS[source]
    erreurs, portes = [], {r: set() for r, s in SOURCE.items() if s == source}
    for s in scenarios:
        regles = {t for t in s.tags if t in SOURCE}
        siennes = {r for r in regles if SOURCE[r] == source}
        exigences = {ref.tag.match(t)[1] for t in s.tags if ref.tag.match(t)}
        if not siennes:
            if exigences or source in s.tags:
                erreurs.append(f"{s.ou} : étiquettes {ref.adjectif} sans règle {ref.adjectif}")
            continue
        if regles - siennes:
            erreurs.append(f"{s.ou} : un scénario {ref.adjectif} cite des règles du guide {sorted(regles - siennes)}")
        if ref.navigateur_seul and ("http" in s.tags or "navigateur" not in s.tags):
            erreurs.append(f"{s.ou} : un scénario {ref.adjectif} se vérifie dans le navigateur seul (@navigateur)")
        if source not in s.tags:
            erreurs.append(f"{s.ou} : un scénario {ref.adjectif} porte l'étiquette @{source}")
        permis = set().union(*(EXIGENCES_DE[r] for r in siennes))
        if not exigences or exigences - permis:
            erreurs.append(f"{s.ou} : exigences {sorted(exigences)} au lieu de celles de {sorted(siennes)} "
                           f"({sorted(permis)})")
        for r in siennes:
            portes[r] |= exigences
    for r, vus in portes.items():
        if EXIGENCES_DE[r] - vus:
            erreurs.append(f"{r} : aucun scénario ne porte les exigences {sorted(EXIGENCES_DE[r] - vus)}")
    return erreurs


@pytest.mark.parametrize("source", sorted(REFERENTIELS))
def test_les_scenarios_d_un_referentiel_portent_ses_exigences(source):
    erreurs = erreurs_de_referentiel(SCENARIOS, source)
    assert not erreurs, "\n".join(erreurs)


def test_axe_couvre_les_criteres_de_sa_regle():
    """A_AXE's criteria are the ones harness/rgaa.py maps axe-core's rules to."""
    assert CRITERES_DE["A_AXE"] == set(AXE_VERS_RGAA.values())


def _scenario(*tags: str) -> Scenario:
    return Scenario("07_accessibilite.feature", 1, "s", frozenset(tags))


@pytest.mark.parametrize("tags, attendu", [
    (("accessibilite", "A_CAPTCHA", "navigateur", "RGAA_1.4", "RGAA_1.5"), None),
    (("accessibilite", "A_CAPTCHA", "navigateur", "RGAA_1.4"), "aucun scénario ne porte les exigences ['1.5']"),
    (("accessibilite", "A_CAPTCHA", "E2_CAPTCHA_ALTERNATIVE", "navigateur", "RGAA_1.4", "RGAA_1.5"),
     "cite des règles du guide"),
    (("accessibilite", "A_CAPTCHA", "navigateur", "http", "RGAA_1.4", "RGAA_1.5"), "dans le navigateur seul"),
    (("A_CAPTCHA", "navigateur", "RGAA_1.4", "RGAA_1.5"), "@accessibilite"),
    (("accessibilite", "A_CAPTCHA", "navigateur", "RGAA_1.4", "RGAA_1.5", "RGAA_11.1"), "au lieu de celles de"),
    (("E2_CAPTCHA_ALTERNATIVE", "navigateur", "RGAA_1.4"), "sans règle d'accessibilité"),
], ids=["ok", "critere-manquant", "regle-du-guide", "http", "sans-etiquette", "critere-etranger", "rgaa-hors"])
def test_les_controles_d_accessibilite_peuvent_echouer(tags, attendu):
    autres = [_scenario("accessibilite", r, "navigateur", *(f"RGAA_{c}" for c in CRITERES_DE[r]))
              for r in CRITERES_DE if r != "A_CAPTCHA"]
    if "A_CAPTCHA" not in tags:
        autres.append(_scenario("accessibilite", "A_CAPTCHA", "navigateur", "RGAA_1.4", "RGAA_1.5"))
    erreurs = erreurs_de_referentiel([*autres, _scenario(*tags)], "accessibilite")
    if attendu is None:
        assert erreurs == []
    else:
        assert erreurs and any(attendu in e for e in erreurs), erreurs
