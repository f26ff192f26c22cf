"""Every value the HTTP channel sends to prove that the server refuses it has its browser twin, which types an
allowed value and sends the forbidden one in its place (request rewriting, steps/reecriture.py): without it, a
rule the page's script checks is « non vérifié » on a front whose HTTP channel cannot be judged (``http = false``).

The inventory is read from the features themselves: a scenario tagged ``@http`` whose Alors is a refusal, and for
an outline each row refused (its first column: the case, the field). Its twin is a ``@navigateur`` scenario of the
same rule « … par le serveur, même quand la page a accepté la saisie » whose Examples (or the value its Quand step
quotes) hold the same cases. What has no twin says why, below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

FEATURES = Path(__file__).resolve().parents[1] / "features"
# The guide's features (00 to 06). Accessibility has no refusal; security's forged requests (no hidden fields,
# another Origin, control characters, oversized values) are OWASP ASVS's, judged over HTTP by their own mechanics.
GUIDE = re.compile(r"0[0-6]_.*\.feature$")
JUMEAU = "même quand la page a accepté la saisie"
REFUS = re.compile(r"\b(?:est|sont) refusée?s?\b|^(?:l'identification|mes informations|l'activation) est "
                   r"<verdict>$|^le mot de passe est <verdict>$")
REGLE = re.compile(r"@([A-Z]\d?_[A-Z0-9_]+)$")

# Forbidden values sent over HTTP that have no browser twin, and why.
SANS_JUMEAU = {
    ("E1_SIRET_INCONNU", None): "un SIRET bien formé mais inconnu : seul le serveur (l'INSEE) le sait, aucun script "
                                "de la page ne peut l'arrêter avant lui",
    ("E1_SIRET_FERME", None): "un établissement fermé : seul le serveur (l'INSEE) le sait",
    ("E1_ADRESSE_SERT_CONNEXION", None): "la connexion ne se juge que sur le serveur (le compte, son mot de passe)",
    ("E5_COMPTE_INUTILISABLE_AVANT_ACTIVATION", None): "la connexion ne se juge que sur le serveur",
    ("E5_MAUVAIS_MOT_DE_PASSE", None): "la connexion ne se juge que sur le serveur",
    ("E5_REFUS_SANS_INDICE", None): "la connexion ne se juge que sur le serveur",
    ("E4_QUESTION_SECRETE", "question secrète"): "une liste envoie la valeur de l'option choisie, que les pilotes ne "
                                                 "lisent pas (ils en donnent le texte) : elle ne peut pas encore "
                                                 "être retirée de la requête",
}


@dataclass
class Scenario:
    fichier: str
    nom: str
    tags: set[str]
    quand: list[str]
    alors: list[str]
    lignes: list[dict[str, str]]

    @property
    def regles(self) -> set[str]:
        return {m.group(1) for t in self.tags if (m := REGLE.match(t))}


def scenarios() -> list[Scenario]:
    trouves = []
    for chemin in sorted(c for c in FEATURES.glob("*.feature") if GUIDE.match(c.name)):
        document = Parser().parse(TokenScanner(chemin.read_text(encoding="utf-8")))
        enfants = list(document["feature"]["children"])
        while enfants:
            enfant = enfants.pop(0)
            if "rule" in enfant:
                enfants[:0] = enfant["rule"]["children"]
                continue
            if "scenario" not in enfant:
                continue
            s = enfant["scenario"]
            mots, quand, alors = None, [], []
            for etape in s["steps"]:
                mots = etape["keywordType"] if etape["keywordType"] != "Conjunction" else mots
                (quand if mots == "Action" else alors if mots == "Outcome" else []).append(etape["text"])
            lignes = []
            for exemples in s.get("examples", []):
                entete = [c["value"] for c in exemples["tableHeader"]["cells"]]
                lignes += [dict(zip(entete, (c["value"] for c in ligne["cells"]))) for ligne in exemples["tableBody"]]
            trouves.append(Scenario(chemin.name, s["name"], {t["name"] for t in s["tags"]}, quand, alors, lignes))
    return trouves


def cas_refuses(s: Scenario) -> set[str | None]:
    """The cases an HTTP scenario sends to be refused: an outline's rows refused (their first column), else None."""
    if not any(REFUS.search(a) for a in s.alors):
        return set()
    if not s.lignes:
        return {None}
    return {next(iter(ligne.values())).casefold() for ligne in s.lignes
            if not ligne.get("verdict") or ligne["verdict"].startswith("refus")}


def cas_du_jumeau(s: Scenario) -> set[str | None]:
    if s.lignes:
        return {next(iter(ligne.values())).casefold() for ligne in s.lignes}
    return {None} | {v.casefold() for q in s.quand for v in re.findall(r'"([^"]+)"', q)}


def inventaire() -> tuple[dict[tuple[str, str | None], str], dict[tuple[str, str | None], list[str]]]:
    """(every rule's case refused over HTTP → its scenario, every such case → its browser twins)."""
    tous = scenarios()
    envoyes = {(regle, cas): s.nom for s in tous if "@http" in s.tags for regle in s.regles for cas in cas_refuses(s)}
    jumeaux: dict[tuple[str, str | None], list[str]] = {}
    for s in tous:
        if "@navigateur" in s.tags and "@http" not in s.tags and JUMEAU in s.nom:
            for regle in s.regles:
                for cas in cas_du_jumeau(s):
                    jumeaux.setdefault((regle, cas), []).append(s.nom)
    return envoyes, jumeaux


def test_the_inventory_reads_the_features():
    """The reading finds what it must: an outline's refused rows only, a plain scenario's refusal, the twins."""
    envoyes, jumeaux = inventaire()
    assert ("E4_MDP_CLASSES", "12 caractères : majuscules") in envoyes
    assert ("E4_MDP_CLASSES", "12 caractères : majuscules, minuscules et chiffres") not in envoyes  # accepté
    assert ("E2_RESAISIE_CONCORDANTE", None) in envoyes and ("E2_RESAISIE_CONCORDANTE", None) in jumeaux
    assert ("E1_ADRESSE_FORMAT", "sous-domaines") not in envoyes
    assert ("E3_DEFAUT_FACTURES_EMISES", None) not in envoyes
    assert ("E1_ADRESSE_FORMAT", "sans @") in jumeaux


def test_every_value_refused_over_http_has_its_browser_twin():
    envoyes, jumeaux = inventaire()
    manquants = sorted(f"{regle} « {cas or '—'} » ({nom})" for (regle, cas), nom in envoyes.items()
                       if (regle, cas) not in jumeaux and (regle, cas) not in SANS_JUMEAU)
    assert manquants == [], "sans jumeau de réécriture dans le navigateur :\n" + "\n".join(manquants)


def test_every_exemption_is_still_needed():
    envoyes, jumeaux = inventaire()
    perimees = sorted(k for k in SANS_JUMEAU if k not in envoyes or k in jumeaux)
    assert perimees == [], perimees
