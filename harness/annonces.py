"""What a page announces: a sentence that says it, not a word found anywhere in the page.

« La page n'annonce pas X » looks for the announcement X: the guide's sentence (in the wordings the profile accepts
for it) or a sentence that says the same in other words (``AUTRES_FORMULATIONS``, in French, the guide's language).
A page telling a second user « son gestionnaire principal garde les droits de modification » names the role
without giving it to the user: it does not announce « vous en êtes le gestionnaire principal »."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable

from .libelles import COMPTE_ACTIF

GESTIONNAIRE_PRINCIPAL = "gestionnaire principal"
ANNONCE_GESTIONNAIRE = "vous en êtes le gestionnaire principal"

# Words that may stand between a verb and what it gives the user (« vous êtes désormais le … »).
_ADVERBES = r"(?:(?:desormais|maintenant|donc|aussi|bien|automatiquement|alors|ainsi|deja) )*"
_ARTICLE = r"(?:(?:le|la|l'|son|sa|leur|un|une|celui de|celle de) ?)?(?:(?:seule?|unique|premier|premiere) )?"

# Per guide sentence: the term its other wordings are built on (its wordings come from the profile too, as
# ``{terme}``), and the sentences, on folded text, that say the same thing to the user. Negations (« vous n'êtes
# pas le … ») and third persons (« son gestionnaire principal … », « le gestionnaire principal validera … ») do not
# match: each pattern gives the role, or the state, to « vous ».
AUTRES_FORMULATIONS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    ANNONCE_GESTIONNAIRE: (GESTIONNAIRE_PRINCIPAL, (
        r"\bvous (?:en |y )?(?:etes|devenez|deviendrez|serez|restez|demeurez) " + _ADVERBES + _ARTICLE + "{terme}",
        r"\bvous avez " + _ADVERBES + r"(?:le role|la qualite|le statut|les droits|le profil) (?:de |d')"
        + _ARTICLE + "{terme}",
        r"\bvous avez ete " + _ADVERBES + r"(?:designee?|nommee?|enregistree?|declaree?) (?:comme |en tant que )?"
        + _ARTICLE + "{terme}",
        r"\ben tant que " + _ARTICLE + r"{terme} ?,? vous\b",
        r"\bvotre (?:role|statut|profil) (?:: ?|est " + _ADVERBES + r"(?:: ?)?)" + _ARTICLE + "{terme}",
    )),
    COMPTE_ACTIF: (None, (
        r"\bvotre compte (?:utilisateur )?(?:est|a ete) " + _ADVERBES + r"(?:actif|active|activee)\b",
    )),
}

_FIN_DE_PHRASE = re.compile(r"[.!?;]\s|[.!?;]$")


def plier(texte: str) -> tuple[str, list[int]]:
    """``texte`` case-, accent- and apostrophe-folded, and for each folded character the index of the character
    of ``texte`` it comes from: a match in the folded text is quoted in the page's own words."""
    plie, origine = [], []
    for i, c in enumerate(texte):
        c = {"\u2019": "'", "\u02bc": "'", "\u00a0": " "}.get(c, c)
        for d in unicodedata.normalize("NFKD", c).casefold():
            if not unicodedata.combining(d):
                plie.append(d)
                origine.append(i)
    return "".join(plie), origine


def phrase_autour(texte: str, debut: int | str, fin: int | None = None) -> str:
    """The sentence of ``texte`` that holds ``texte[debut:fin]`` (or the first occurrence of ``debut``)."""
    if isinstance(debut, str):
        debut, fin = texte.index(debut), texte.index(debut) + len(debut)
    avant = [m.end() for m in _FIN_DE_PHRASE.finditer(texte, 0, debut)]
    apres = _FIN_DE_PHRASE.search(texte, fin)
    return texte[avant[-1] if avant else 0: apres.start() + 1 if apres else len(texte)].strip()


def annonce(texte: str, phrase: str, formes: Callable[[str], Iterable[str]]) -> str | None:
    """The sentence of ``texte`` (a page's text) that announces ``phrase`` — holds one of its wordings
    (``formes(phrase)``: the profile's, the guide's by default) or says it in other words (``AUTRES_FORMULATIONS``,
    built on the wordings of its term) —, None when no sentence does."""
    plie, origine = plier(texte)
    cle = _cle(phrase)
    motifs = [re.escape(plier(f)[0]) for f in formes(cle) if f.strip()]
    terme, autres = AUTRES_FORMULATIONS.get(cle, (None, ()))
    if autres:
        termes = "|".join(re.escape(plier(t)[0]) for t in {terme, *formes(terme)} if t) if terme else ""
        motifs += [a.replace("{terme}", f"(?:{termes})") for a in autres]
    for motif in motifs:
        trouve = re.search(motif, plie)
        if trouve:
            return phrase_autour(texte, origine[trouve.start()], origine[trouve.end() - 1] + 1)
    return None


def _cle(phrase: str) -> str:
    """The key of ``AUTRES_FORMULATIONS`` that ``phrase`` names (case and accents apart), else ``phrase``."""
    return next((cle for cle in AUTRES_FORMULATIONS if plier(cle)[0] == plier(phrase)[0]), phrase)
