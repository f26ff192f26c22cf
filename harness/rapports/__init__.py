"""The HTML reports, built from Jinja2 templates (``gabarits/``) with autoescape.

The report of a run (``harness/report.py``: rapport.html), the guide annotated with the run's verdicts
(``guide.py``: guide_annote.html) and two runs side by side (``comparaison.py``: ``chorus-conformance
comparer``). Everything the implementation wrote (messages, saved pages) is escaped; a saved page is
shown only through an inert preview (``apercu_inerte``): its scripts never run from a report.
"""
from __future__ import annotations

import base64
import os
import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

COULEURS = {
    "conforme": "#18753c", "non conforme": "#ce0500", "non vérifié": "#6a6a6a", "informatif": "#0063cb",
    "non conforme (attendu)": "#b34000", "attendu mais conforme": "#ce0500",
}
ISSUES = {"réussi": "#18753c", "échoué": "#ce0500", "non vérifié": "#6a6a6a", "préparation impossible": "#6a6a6a",
          "erreur du harnais": "#7a0000"}
SOURCES = {"guide": "une phrase du guide (bloquante)",
           "lecture": "une lecture d'un passage ambigu du guide (docs/AMBIGUITES.md ; informe, ne bloque pas)",
           "contrat": "le contrat du harnais, pas le guide (docs/CONTRACT.md ; informe, ne bloque pas)",
           "accessibilite": "un critère du RGAA 4.1, pas le guide (bloque seulement si le profil le demande : "
                            "[accessibilite] bloquante)",
           "securite": "une exigence de l'OWASP ASVS 4.0.3, pas le guide (bloque seulement si le profil le demande : "
                       "[securite] bloquante)"}
# The order of the steps in the reports: the guide's steps, then the transverse rules.
ORDRE_DU_GUIDE = (1, 2, 3, 4, 5, 0)
# From the most to the least worrying: a sentence of the guide carrying several rules takes the colour of
# its most worrying verdict.
GRAVITE = ("non conforme", "attendu mais conforme", "non vérifié", "non conforme (attendu)", "informatif", "conforme")

# « E1_X — attendu : … ; constaté : … », the wording of the harness's checks (harness/preparation.py Ecart).
_ATTENDU_CONSTATE = re.compile(r"attendu\s*:\s*(?P<attendu>.*?)\s*;\s*constaté\s*:\s*(?P<constate>.*)", re.S)
# the exception's name pytest puts first (« harness.preparation.Ecart: », « AssertionError: »)
_PREFIXE_EXCEPTION = re.compile(r"^(?:(?:[a-z_]\w*\.)+[A-Z]\w*|[A-Z]\w*(?:Error|Exception)): ")
# No script, no handler, no request, no form sent, no <base>: what a page the implementation served may do once
# saved as evidence (``page_inerte``) and in its preview (``apercu_inerte``).
CSP_INERTE = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"
# Written before the page's own bytes: whatever follows (the page's doctype, its <html> and <head> tags), an HTML
# parser puts this policy first in <head>, so it governs everything the page holds.
_ENTETE_INERTE = ('<!doctype html><meta http-equiv="Content-Security-Policy" content="{csp}">'
                  '<meta charset="utf-8"><!-- page enregistrée inerte par le harnais ; telle que reçue ensuite, '
                  'ses scripts changés en blocs de données et ses http-equiv neutralisés -->\n')
# A tag's name and an attribute's name are never written with character references: every script element and
# every http-equiv of the page is found by its literal name. A script's first ``type`` attribute wins: a data block.
_SCRIPT = re.compile(r"<script(?=[\s/>])", re.IGNORECASE)
_HTTP_EQUIV = re.compile(r"http-equiv", re.IGNORECASE)


def badge(texte: str, couleurs: dict[str, str] = COULEURS) -> Markup:
    return Markup('<span class="badge" style="background:{}">{}</span>').format(couleurs.get(texte, "#444"), texte)


def pire(verdicts) -> str:
    """The most worrying of ``verdicts`` (GRAVITE's order)."""
    presents = set(verdicts)
    return next((v for v in GRAVITE if v in presents), "conforme")


def ecart(message: str) -> dict[str, str]:
    """What a failure saw against what was expected, from its message; the message itself when it does
    not say (an element missing, a harness error)."""
    texte = _PREFIXE_EXCEPTION.sub("", (message or "").strip(), count=1)
    trouve = _ATTENDU_CONSTATE.search(texte)
    if trouve:
        return {"attendu": trouve["attendu"].strip(), "constate": trouve["constate"].strip().split("\n")[0]}
    return {"attendu": "", "constate": texte.split("\n")[0]}


def nom_du_cas(scenario: dict) -> str:
    """A scenario outline's case named by its example values (« … : sans @ »), not by « <cas> »."""
    nom = scenario.get("scenario", "")
    for colonne, valeur in (scenario.get("exemple") or {}).items():
        nom = nom.replace(f"<{colonne}>", str(valeur))
    return nom


def page_inerte(html: str) -> str:
    """A page the implementation served, made inert to keep as evidence: opened later (from the report, or
    straight from the disk), it runs none of its scripts and event handlers (the policy first in <head>, and
    each <script> turned into a data block), sends nothing and does not redirect (its ``http-equiv`` renamed:
    no refresh); its markup is otherwise as received."""
    corps = _HTTP_EQUIV.sub("data-inerte-http-equiv", _SCRIPT.sub('<script type="text/x-inerte"', html or ""))
    return _ENTETE_INERTE.format(csp=CSP_INERTE) + corps


def apercu_inerte(page: Path) -> Path:
    """An inert preview of a page the implementation served (evidence): its source shown in a sandboxed
    frame without scripts, under a Content-Security-Policy « default-src 'none' », and as text. The saved
    page itself is never linked from a report. Written once, beside the page."""
    apercu = page.with_name(page.stem + ".apercu.html")
    if apercu.is_file():
        return apercu
    source = page.read_text(encoding="utf-8", errors="replace")
    apercu.write_text(environnement().get_template("apercu.html").render(
        page=page.name, source=source, csp=CSP_INERTE), encoding="utf-8")
    return apercu


def preuves(scenario: dict, dossier: Path, avec_images: bool = True) -> list[dict]:
    """The evidence of a scenario, as the templates show it: an inert preview of each saved page, each
    screenshot (embedded as a data URI when ``avec_images``), each Playwright trace."""
    out = []
    for nom, chemin in sorted((scenario.get("preuves") or {}).items()):
        fichier = Path(chemin)
        if not fichier.is_file():
            continue
        suffixe = fichier.suffix.lower()
        if suffixe == ".png":
            if avec_images:
                out.append({"genre": "image", "nom": nom,
                            "donnees": "data:image/png;base64," + base64.b64encode(fichier.read_bytes()).decode()})
            else:
                out.append({"genre": "lien", "nom": nom, "quoi": "capture d'écran",
                            "lien": os.path.relpath(fichier, dossier)})
        elif suffixe in (".html", ".htm"):
            out.append({"genre": "lien", "nom": nom, "lien": os.path.relpath(apercu_inerte(fichier), dossier),
                        "quoi": "page reçue, aperçu inerte (scripts bloqués) et source"})
        else:
            quoi = "trace Playwright (npx playwright show-trace)" if suffixe == ".zip" else "fichier"
            out.append({"genre": "lien", "nom": nom, "quoi": quoi, "lien": os.path.relpath(fichier, dossier)})
    return out


_ENV: Environment | None = None


def environnement() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = Environment(loader=PackageLoader("harness.rapports", "gabarits"), autoescape=True,
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        _ENV.filters.update(badge=badge, issue=lambda t: badge(t, ISSUES), nom_du_cas=nom_du_cas, ecart=ecart)
        _ENV.globals.update(COULEURS=COULEURS, SOURCES=SOURCES)
    return _ENV


def ecrire(chemin: Path, gabarit: str, **contexte) -> Path:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(environnement().get_template(gabarit).render(**contexte), encoding="utf-8")
    return chemin
