"""The guide annotated with a run's verdicts (guide_annote.html).

The guide's whole text in its order, cut into sentences (a line of the guide is a paragraph, a list item,
a screenshot's label or a table row; a paragraph is cut after « . », « ! » or « ? »). Each rule of the
catalogue is placed at the sentences its ``citation`` covers, in the guide's step the rule belongs to
when the words occur in several steps; a sentence carrying rules takes the colour of its most worrying
verdict, a sentence carrying none stays plain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from ..catalogue import RACINE, REFERENTIELS
from . import COULEURS, pire

GUIDE = RACINE / "guide" / "000_e499a90fb70f94b2.txt"
_FIN_DE_PHRASE = re.compile(r"(?<=[.!?])\s+(?=\S)")
_NUMERO_D_ETAPE = re.compile(r"^([1-4])\.$")
_GRAS = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Phrase:
    debut: int
    fin: int
    texte: str
    regles: list[str] = field(default_factory=list)


@dataclass
class Ligne:
    """A line of the guide: its sentences, and what kind of line it is."""

    genre: str  # « titre » (a step's number and title, a heading in capitals), « liste », « tableau », « texte »
    phrases: list[Phrase]


def lire_guide(chemin: Path = GUIDE) -> str:
    return chemin.read_text(encoding="utf-8")


def decouper(texte: str) -> list[Ligne]:
    """The guide's non-empty lines, each cut into sentences, with their offsets in ``texte``."""
    lignes, position = [], 0
    for brute in texte.splitlines(keepends=True):
        debut_ligne, position = position, position + len(brute)
        contenu = brute.rstrip("\r\n")
        if not contenu.strip():
            continue
        decalage = len(contenu) - len(contenu.lstrip())
        corps = contenu.strip()
        apres_un_numero = bool(lignes) and _NUMERO_D_ETAPE.match(lignes[-1].phrases[0].texte) is not None
        if corps.startswith("- "):
            genre = "liste"
        elif "\t" in corps:
            genre = "tableau"
        elif apres_un_numero or _NUMERO_D_ETAPE.match(corps) or (corps.upper() == corps and any(c.isalpha() for c in corps)):
            genre = "titre"
        else:
            genre = "texte"
        phrases, depart = [], 0
        morceaux = [corps] if genre == "tableau" else _FIN_DE_PHRASE.split(corps)
        for morceau in morceaux:
            ici = corps.index(morceau, depart)
            depart = ici + len(morceau)
            absolu = debut_ligne + decalage + ici
            phrases.append(Phrase(absolu, absolu + len(morceau), morceau))
        lignes.append(Ligne(genre, phrases))
    return lignes


def sections(texte: str) -> list[tuple[int, int, int]]:
    """(step, start, end) of each of the guide's four steps, from its number alone on a line (« 2. »);
    step 0 is what comes before the first."""
    debuts = [(0, 0)] + [(int(m[1]), m.start()) for m in re.finditer(r"^([1-4])\.[ \t]*$", texte, flags=re.M)]
    return [(etape, debut, debuts[i + 1][1] if i + 1 < len(debuts) else len(texte))
            for i, (etape, debut) in enumerate(debuts)]


def situer(citation: str, etape: int, texte: str) -> tuple[int, int] | None:
    """Where ``citation`` stands in the guide (white space folded): in the rule's own step when the words
    occur in several, else their first occurrence; None when the guide does not have these words."""
    mots = citation.split()
    if not mots:
        return None
    occurrences = [(m.start(), m.end()) for m in re.finditer(r"\s+".join(map(re.escape, mots)), texte)]
    if not occurrences:
        return None
    for numero, debut, fin in sections(texte):
        if numero == etape:
            dans_l_etape = [o for o in occurrences if debut <= o[0] < fin]
            if dans_l_etape:
                return dans_l_etape[0]
    return occurrences[0]


def annoter(regles: list[dict], texte: str) -> tuple[list[Ligne], list[str]]:
    """The guide's lines with each rule at the sentences its citation covers; and the rules whose citation
    is not in the guide (a « contrat » rule may quote our contract's words rather than the guide's)."""
    lignes = decouper(texte)
    phrases = [p for ligne in lignes for p in ligne.phrases]
    hors_du_guide = []
    for regle in regles:
        place = situer(regle.get("citation", ""), regle.get("etape", 0), texte)
        couvertes = [p for p in phrases if place and p.debut < place[1] and place[0] < p.fin]
        for p in couvertes:
            p.regles.append(regle["id"])
        if not couvertes:
            hors_du_guide.append(regle["id"])
    return lignes, hors_du_guide


_RADIOS = {escape('<input type="radio"/>'): "○", escape('<input checked="" type="radio"/>'): "●"}


def en_html(texte: str) -> Markup:
    """A sentence of the guide, escaped, its « **bold** » shown bold, the screenshot's radio buttons drawn and
    its table's columns apart."""
    html = _GRAS.sub(lambda m: f"<strong>{m[1]}</strong>", str(escape(texte)))
    for source, rendu in _RADIOS.items():
        html = html.replace(source, rendu)
    return Markup(html.replace("\t", '<span class="colonne"> │ </span>'))


def contexte(donnees: dict, texte: str) -> dict:
    """What guide_annote.html shows: the guide's lines, each annotated sentence with its rules and the
    colour of its most worrying verdict."""
    regles = {r["id"]: r for r in donnees.get("regles", [])}
    # a referential's rules (RGAA, ASVS) quote it, not the guide: the report has their sections
    lignes, hors_du_guide = annoter([r for r in regles.values() if r.get("source") not in REFERENTIELS], texte)
    comptes = {"phrases": 0, "annotees": 0}
    for ligne in lignes:
        for p in ligne.phrases:
            comptes["phrases"] += 1
            comptes["annotees"] += bool(p.regles)
    return {"lignes": lignes, "regles": regles, "hors_du_guide": hors_du_guide, "comptes": comptes,
            "couleur_de": lambda p: COULEURS.get(pire(regles[i]["verdict"] for i in p.regles), "#444"),
            "verdict_de": lambda p: pire(regles[i]["verdict"] for i in p.regles), "en_html": en_html}
