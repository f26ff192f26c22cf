"""Self-contained HTML conformance report, in French, built from the verdict data (verdict.json).

No network: inline CSS, screenshots embedded as data URIs, traces and saved
pages linked by relative paths.
"""
from __future__ import annotations

import base64
import json
import os
from html import escape
from pathlib import Path

from .catalogue import ETAPES

ORDRE_ETAPES = (1, 2, 3, 4, 5, 0)
COULEURS = {
    "conforme": "#18753c", "non conforme": "#ce0500", "non vérifié": "#6a6a6a", "informatif": "#0063cb",
    "non conforme (attendu)": "#b34000", "attendu mais conforme": "#ce0500",
}
ISSUES = {"réussi": "#18753c", "échoué": "#ce0500", "non vérifié": "#6a6a6a", "préparation impossible": "#6a6a6a",
          "erreur du harnais": "#7a0000"}
SOURCES = {"guide": "une phrase du guide (bloquante)",
           "lecture": "une lecture d'un passage ambigu du guide (docs/AMBIGUITES.md ; informe, ne bloque pas)",
           "contrat": "le contrat du harnais, pas le guide (docs/CONTRACT.md ; informe, ne bloque pas)"}

CSS = """
body{font-family:Marianne,Arial,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#161616;line-height:1.45}
h1{font-size:1.8rem}h2{margin-top:2.5rem;border-bottom:2px solid #000091;color:#000091}
.resume{font-size:1.2rem;padding:1rem;border-left:.5rem solid;background:#f6f6f6}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.25rem;color:#fff;font-size:.85rem;white-space:nowrap}
.regle{margin:1rem 0;padding:.5rem 1rem;border:1px solid #ddd;border-radius:.3rem}
.regle h3{margin:.2rem 0;font-size:1.05rem}blockquote{margin:.4rem 0;padding:.2rem .8rem;border-left:3px solid #bbb;color:#3a3a3a;font-style:italic}
pre{white-space:pre-wrap;background:#fff4f4;padding:.5rem;font-size:.85rem;max-height:25rem;overflow:auto}
img.capture{max-width:100%;border:1px solid #999;margin:.3rem 0}.petit{color:#555;font-size:.9rem}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dl.meta dt{font-weight:bold}
"""


def _badge(texte: str, couleurs: dict[str, str]) -> str:
    return f'<span class="badge" style="background:{couleurs.get(texte, "#444")}">{escape(texte)}</span>'


def _preuves(preuves: dict[str, str], dossier: Path) -> str:
    morceaux = []
    for nom, chemin in sorted(preuves.items()):
        fichier = Path(chemin)
        if not fichier.exists():
            continue
        if fichier.suffix.lower() == ".png":
            donnees = base64.b64encode(fichier.read_bytes()).decode()
            morceaux.append(f'<figure><img class="capture" alt="Capture d\'écran au moment de l\'échec ({escape(nom)})" '
                            f'src="data:image/png;base64,{donnees}"><figcaption class="petit">{escape(nom)}</figcaption></figure>')
        else:
            lien = os.path.relpath(fichier, dossier)
            quoi = "trace Playwright (npx playwright show-trace)" if fichier.suffix == ".zip" else "page reçue"
            morceaux.append(f'<li><a href="{escape(lien)}">{escape(nom)}</a> — {quoi}</li>')
    liens = "".join(m for m in morceaux if m.startswith("<li>"))
    images = "".join(m for m in morceaux if not m.startswith("<li>"))
    return images + (f"<ul>{liens}</ul>" if liens else "")


def rendre(donnees: dict, dossier: Path) -> str:
    """The HTML page for the verdict data; ``dossier`` is where the page will be written (relative links)."""
    impl = donnees.get("implementation", {})
    scenarios = {s["nodeid"]: s for s in donnees.get("scenarios", [])}
    couleur = "#18753c" if donnees.get("code") == 0 else "#ce0500"
    comptes = donnees.get("comptes", {})
    parties = [
        "<!doctype html><html lang='fr'><head><meta charset='utf-8'>",
        "<title>Rapport de conformité — Créer un compte en quelques clics</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Rapport de conformité : « Créer un compte en quelques clics » (Chorus Pro)</h1>",
        f"<p class='resume' style='border-color:{couleur}'><strong>{escape(donnees.get('resume', ''))}</strong>"
        f"<br><span class='petit'>Code de sortie {donnees.get('code')}</span></p>",
        "<dl class='meta'>",
        f"<dt>Implémentation</dt><dd>{escape(impl.get('nom') or '')} {escape(impl.get('version') or '')}</dd>",
        f"<dt>Adresse</dt><dd>{escape(impl.get('url') or '')}</dd>",
    ]
    if impl.get("faute_injectee"):
        parties.append(f"<dt>Faute injectée</dt><dd>{escape(impl['faute_injectee'])}</dd>")
    parties += [
        f"<dt>Harnais</dt><dd>{escape(str(donnees.get('harnais', '')))}</dd>",
        f"<dt>Date</dt><dd>{escape(str(donnees.get('date', '')))}</dd>",
        f"<dt>Graine Faker</dt><dd>{escape(str(donnees.get('graine', '')))} "
        f"<span class='petit'>(rejouer : --faker-seed {escape(str(donnees.get('graine', '')))})</span></dd>",
        "</dl>",
        "<h2>Synthèse</h2><table><tr><th>Verdict</th><th>Règles</th></tr>",
        *(f"<tr><td>{_badge(k, COULEURS)}</td><td>{n}</td></tr>" for k, n in sorted(comptes.items())),
        "</table>",
    ]
    erreurs = [s for s in scenarios.values() if s["issue"] == "erreur du harnais"]
    if erreurs:
        parties.append("<h2>Erreurs du harnais</h2><p>Ces scénarios n'ont pas pu s'exécuter ; le verdict n'est pas fiable "
                       "tant qu'elles demeurent.</p>")
        for s in erreurs:
            parties.append(f"<p><strong>{escape(s['scenario'])}</strong> ({escape(s.get('canal') or '')})</p>"
                           f"<pre>{escape(s.get('message') or '')}</pre>")
    causes = donnees.get("causes", [])
    if causes:
        parties.append("<h2>Préparations impossibles</h2><p>Ces scénarios n'ont pas pu être amenés jusqu'à ce qu'ils "
                       "observent : leurs règles sont « non vérifié », jamais non conformes pour autant. Chaque cause "
                       "est nommée une fois.</p><table><tr><th>Cause</th><th>Scénarios</th><th>Règle en cause</th>"
                       "<th>Règles non vérifiées par elle</th></tr>")
        for c in causes:
            parties.append(f"<tr><td>{escape(c['cause'])}</td><td>{len(c['scenarios'])}</td>"
                           f"<td>{escape(', '.join(c['regles_en_cause']) or '—')}</td>"
                           f"<td class='petit'>{escape(', '.join(c['regles_touchees']))}</td></tr>")
        parties.append("</table>")
    if donnees.get("preflight"):
        parties.append(f"<h2>Vérification préalable</h2><pre>{escape(donnees['preflight'])}</pre>")
    regles = donnees.get("regles", [])
    for etape in ORDRE_ETAPES:
        de_l_etape = [r for r in regles if r["etape"] == etape]
        if not de_l_etape:
            continue
        parties.append(f"<h2>{escape(ETAPES[etape])}</h2>")
        for r in de_l_etape:
            parties.append(f"<section class='regle' id='{escape(r['id'])}'><h3>{_badge(r['verdict'], COULEURS)} "
                           f"{escape(r['id'])} — {escape(r['titre'])}</h3>")
            parties.append(f"<blockquote>{escape(r['citation'])}</blockquote>")
            source = SOURCES.get(r.get("source", ""), "")
            parties.append((f"<p class='petit'>Source : {escape(source)}</p>" if source else "")
                           + f"<p class='petit'>Niveau : {escape(r['niveau'])}"
                           + (f" — {escape(r['detail'])}" if r.get("detail") else "") + "</p>")
            if r["scenarios"]:
                parties.append("<table><tr><th>Scénario</th><th>Canal</th><th>Résultat</th><th>Durée</th></tr>")
                for nodeid in r["scenarios"]:
                    s = scenarios.get(nodeid, {"scenario": nodeid, "issue": "?", "canal": "", "duree": 0})
                    attendu = f"<br><span class='petit'>échec attendu : {escape(s['attendu'])}</span>" if s.get("attendu") else ""
                    parties.append(f"<tr><td>{escape(s['scenario'])}{attendu}</td><td>{escape(s.get('canal') or '')}</td>"
                                   f"<td>{_badge(s['issue'], ISSUES)}</td><td>{s.get('duree', 0):.1f} s</td></tr>")
                    if s["issue"] in ("échoué", "erreur du harnais", "préparation impossible") or (
                            s["issue"] == "non vérifié" and s.get("message")):
                        preuve = _preuves(s.get("preuves", {}), dossier) if s["issue"] != "non vérifié" else ""
                        parties.append(f"<tr><td colspan='4'><pre>{escape(s.get('message') or '')}</pre>{preuve}</td></tr>")
                parties.append("</table>")
            parties.append("</section>")
    orphelins = donnees.get("sans_regle", [])
    if orphelins:
        parties.append("<h2>Scénarios sans règle du catalogue</h2><ul>"
                       + "".join(f"<li>{escape(n)} : {escape(scenarios.get(n, {}).get('issue', ''))}</li>" for n in orphelins)
                       + "</ul>")
    inutilises = donnees.get("attendus_inutilises", [])
    if inutilises:
        parties.append("<h2>Échecs attendus sans scénario correspondant</h2><ul>"
                       + "".join(f"<li>{escape(a.get('regle') or a.get('scenario') or '')} : {escape(a.get('raison', ''))}</li>"
                                 for a in inutilises) + "</ul>")
    parties.append("</body></html>")
    return "\n".join(parties)


def ecrire_rapport(donnees: dict, bilan=None, chemin: Path | str = "reports/rapport.html") -> Path:
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(rendre(donnees, chemin.parent.resolve()), encoding="utf-8")
    return chemin


def depuis_json(verdict_json: Path | str, chemin: Path | str | None = None) -> Path:
    """Rebuild the HTML report from a verdict.json."""
    verdict_json = Path(verdict_json)
    donnees = json.loads(verdict_json.read_text(encoding="utf-8"))
    return ecrire_rapport(donnees, None, chemin or verdict_json.with_name("rapport.html"))
