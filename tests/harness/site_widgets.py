"""Small pages of the controls real front ends draw, served over HTTP for both drivers' widget tests.

`/dsfr`: native inputs visually hidden under their labels or styled boxes, as the State's design system (DSFR)
draws them (fr-radio-group and fr-radio-rich, fr-checkbox-group, fr-segmented, fr-toggle), and a hand-made switch
whose input is not rendered at all; `/aria`: ARIA widgets drawn by a script as component libraries do (role=radio,
checkbox and switch with aria-checked, aria-pressed OUI/NON buttons, role=combobox with its listbox, one of them
drawn only while open). Each page has controls that cannot be changed (disabled, locked by their script).
"""
from __future__ import annotations

import html

from .petites_pages import PetitesPages

# What the DSFR's stylesheet does to its inputs (dsfr.css 1.x, reduced to what hides them): drawn by the label's
# ::before, the input transparent beneath the label (radios, segmented, toggle) or clipped to nothing (check boxes).
STYLE_DSFR = """
.fr-radio-group, .fr-checkbox-group, .fr-segmented__element, .fr-toggle { position: relative; margin: .5rem 0; }
.fr-radio-group input, .fr-segmented__element input, .fr-toggle input {
  position: absolute; top: 0; left: 0; width: 100%; height: 100%; margin: 0; opacity: 0; }
.fr-radio-group label, .fr-segmented__element label, .fr-toggle label {
  position: relative; z-index: 1; display: block; padding: .5rem 0 .5rem 2rem; background: #fff; }
.fr-radio-group label::before, .fr-checkbox-group label::before, .fr-toggle label::before {
  content: ""; position: absolute; left: 0; top: .5rem; width: 1.2rem; height: 1.2rem; border: 1px solid #000091; }
.fr-checkbox-group input { position: absolute; width: 1px; height: 1px; margin: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.fr-checkbox-group label { position: relative; display: block; padding: .5rem 0 .5rem 2rem; }
.fr-segmented__elements { display: flex; gap: 1rem; }
.interrupteur input { display: none; }
.interrupteur label::before { content: ""; display: inline-block; width: 2rem; height: 1rem; border-radius: .5rem;
  background: #ccc; margin-right: .5rem; }
.interrupteur input:checked + label::before { background: #000091; }
"""

DSFR = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>DSFR</title><style>""" + STYLE_DSFR + """</style></head>
<body><h1>Contrôles du DSFR</h1>
<form method="post" action="/envoyer">
 <fieldset class="fr-fieldset"><legend>Je me rattache à</legend>
  <div class="fr-radio-group fr-radio-rich"><input type="radio" id="r1" name="rattachement" value="structure">
   <label class="fr-label" for="r1">La structure (y compris l'ensemble des services de ma structure)</label>
   <div class="fr-radio-rich__img"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""></div></div>
  <div class="fr-radio-group fr-radio-rich"><input type="radio" id="r2" name="rattachement" value="services">
   <label class="fr-label" for="r2">Uniquement certains services</label></div>
 </fieldset>
 <fieldset class="fr-fieldset"><legend>Services</legend>
  <div class="fr-checkbox-group"><input type="checkbox" id="s1" name="services" value="achats">
   <label class="fr-label" for="s1">Service des achats</label></div>
  <div class="fr-checkbox-group"><input type="checkbox" id="s2" name="services" value="paie" checked>
   <label class="fr-label" for="s2">Service de la paie</label></div>
 </fieldset>
 <fieldset class="fr-segmented"><legend class="fr-segmented__legend">Factures émises</legend>
  <div class="fr-segmented__elements">
   <div class="fr-segmented__element"><input type="radio" id="fe-oui" name="factures_emises" value="1" checked>
    <label class="fr-label" for="fe-oui">OUI</label></div>
   <div class="fr-segmented__element"><input type="radio" id="fe-non" name="factures_emises" value="0">
    <label class="fr-label" for="fe-non">NON</label></div></div>
 </fieldset>
 <fieldset class="fr-segmented"><legend class="fr-segmented__legend">Engagements</legend>
  <div class="fr-segmented__elements">
   <div class="fr-segmented__element"><input type="radio" id="en-oui" name="engagements" value="1">
    <label class="fr-label" for="en-oui">OUI</label></div>
   <div class="fr-segmented__element"><input type="radio" id="en-non" name="engagements" value="0" checked>
    <label class="fr-label" for="en-non">NON</label></div></div>
 </fieldset>
 <fieldset class="fr-segmented" disabled><legend class="fr-segmented__legend">Espace verrouillé</legend>
  <div class="fr-segmented__elements">
   <div class="fr-segmented__element"><input type="radio" id="ev-oui" name="verrouille" value="1" checked>
    <label class="fr-label" for="ev-oui">OUI</label></div>
   <div class="fr-segmented__element"><input type="radio" id="ev-non" name="verrouille" value="0">
    <label class="fr-label" for="ev-non">NON</label></div></div>
 </fieldset>
 <div class="fr-toggle"><input type="checkbox" class="fr-toggle__input" id="nd" name="non_diffusible">
  <label class="fr-toggle__label" for="nd" data-fr-checked-label="Activé" data-fr-unchecked-label="Désactivé">Non
   diffusible INSEE</label></div>
 <div class="interrupteur"><input type="checkbox" id="lettre" name="lettre"><label for="lettre">Recevoir la lettre
  d'information</label></div>
 <div class="fr-checkbox-group"><input type="checkbox" id="fige" name="fige" onclick="return false">
  <label class="fr-label" for="fige">Case figée par la page</label></div>
 <button type="submit">Valider</button>
</form></body></html>
"""

# Component-library widgets: the state lives in aria-checked / aria-pressed / aria-selected, set by the script.
STYLE_ARIA = """
[role=radio], [role=checkbox], [role=switch], [role=combobox], [role=option] { cursor: pointer; display: block;
  padding: .4rem; margin: .2rem 0; border: 1px solid #666; }
[aria-checked=true], [aria-pressed=true], [aria-selected=true] { background: #000091; color: #fff; }
[role=listbox] { list-style: none; margin: 0; padding: 0; }
"""
SCRIPT_ARIA = r"""
const coche = (el, v) => el.setAttribute('aria-checked', v ? 'true' : 'false');
const actif = el => el.getAttribute('aria-disabled') !== 'true' && !el.hasAttribute('data-fige');
document.querySelectorAll('[role=radio]').forEach(r => r.addEventListener('click', () => {
  if (!actif(r)) return;
  r.closest('[role=radiogroup]').querySelectorAll('[role=radio]').forEach(o => coche(o, o === r)); }));
document.querySelectorAll('[role=checkbox], [role=switch]:not([data-clavier])').forEach(c => c.addEventListener('click',
  () => { if (actif(c)) coche(c, c.getAttribute('aria-checked') !== 'true'); }));
// answers the keyboard only: an overlay takes the pointer's clicks
document.querySelectorAll('[data-clavier]').forEach(c => c.addEventListener('keydown', ev => {
  if (ev.key === ' ' || ev.key === 'Enter') {
    ev.preventDefault(); coche(c, c.getAttribute('aria-checked') !== 'true'); } }));
document.querySelectorAll('[role=group] [aria-pressed]').forEach(b => b.addEventListener('click', () => {
  if (!actif(b)) return;
  b.closest('[role=group]').querySelectorAll('[aria-pressed]')
    .forEach(o => o.setAttribute('aria-pressed', o === b)); }));
// a combobox and its listbox: kept in the page (Question secrète) or drawn only while open (Pays de naissance)
function listeDeroulante(boite, options, garder) {
  let liste = document.getElementById(boite.getAttribute('aria-controls'));
  const fermer = () => { boite.setAttribute('aria-expanded', 'false');
    if (garder) liste.hidden = true; else if (liste) { liste.remove(); liste = null; } };
  const choisir = o => { liste.querySelectorAll('[role=option]').forEach(p => p.setAttribute('aria-selected', p === o));
    boite.textContent = o.textContent; boite.dataset.valeur = o.dataset.value; fermer(); };
  const ouvrir = () => {
    if (!garder) { liste = document.createElement('ul'); liste.id = boite.getAttribute('aria-controls');
      liste.setAttribute('role', 'listbox');
      options.forEach(t => { const li = document.createElement('li'); li.setAttribute('role', 'option');
        li.textContent = t; li.dataset.value = t; li.setAttribute('aria-selected', boite.textContent === t);
        liste.appendChild(li); });
      boite.after(liste); }
    liste.hidden = false; boite.setAttribute('aria-expanded', 'true');
    liste.querySelectorAll('[role=option]').forEach(o => o.addEventListener('click', () => choisir(o))); };
  boite.addEventListener('click', () => {
    if (boite.getAttribute('aria-disabled') === 'true') return;
    boite.getAttribute('aria-expanded') === 'true' ? fermer() : ouvrir(); });
}
listeDeroulante(document.getElementById('question'), [], true);
listeDeroulante(document.getElementById('pays'), ['France', 'Belgique'], false);
listeDeroulante(document.getElementById('langue'), ['Français'], false);
"""

ARIA = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>ARIA</title><style>""" + STYLE_ARIA + """</style></head>
<body><h1>Composants ARIA</h1>
<form>
 <p id="ratt">Je me rattache à</p>
 <div role="radiogroup" aria-labelledby="ratt">
  <div role="radio" tabindex="0" aria-checked="false">La structure (y compris l'ensemble des services de ma
   structure)</div>
  <div role="radio" tabindex="-1" aria-checked="false">Uniquement certains services</div>
 </div>
 <div role="group" aria-label="Services">
  <span role="checkbox" tabindex="0" aria-checked="false">Service des achats</span>
  <span role="checkbox" tabindex="0" aria-checked="true">Service de la paie</span>
 </div>
 <span id="nd">Non diffusible INSEE</span>
 <button type="button" role="switch" aria-checked="false" aria-labelledby="nd"><span>●</span></button>
 <table><tr><th id="fe">Factures émises</th><td><div role="group" aria-labelledby="fe">
   <button type="button" aria-pressed="true">OUI</button> <button type="button" aria-pressed="false">NON</button>
  </div></td></tr>
  <tr><th id="en">Engagements</th><td><div role="group" aria-labelledby="en">
   <button type="button" aria-pressed="false">OUI</button> <button type="button" aria-pressed="true">NON</button>
  </div></td></tr>
  <tr><th id="ev">Espace verrouillé</th><td><div role="group" aria-labelledby="ev">
   <button type="button" aria-pressed="true" disabled>OUI</button>
   <button type="button" aria-pressed="false" disabled>NON</button>
  </div></td></tr></table>
 <span id="ql">Question secrète</span>
 <div id="question" role="combobox" tabindex="0" aria-labelledby="ql" aria-haspopup="listbox" aria-expanded="false"
      aria-controls="questions">Choisissez une question</div>
 <ul id="questions" role="listbox" aria-labelledby="ql" hidden>
  <li role="option" aria-selected="false" data-value="animal">Nom de votre premier animal</li>
  <li role="option" aria-selected="false" data-value="ville">Ville de naissance</li>
 </ul>
 <span id="pl">Pays de naissance</span>
 <div id="pays" role="combobox" tabindex="0" aria-labelledby="pl" aria-haspopup="listbox" aria-expanded="false"
      aria-controls="pays-liste"></div>
 <span id="ll">Langue</span>
 <div id="langue" role="combobox" tabindex="0" aria-labelledby="ll" aria-haspopup="listbox" aria-expanded="false"
      aria-controls="langue-liste" aria-disabled="true">Français</div>
 <span id="iv">Interrupteur verrouillé</span>
 <button type="button" role="switch" aria-checked="true" aria-labelledby="iv" aria-disabled="true">●</button>
 <div role="checkbox" tabindex="0" aria-checked="false" data-fige>Case figée par la page</div>
 <div style="position: relative"><span id="ic">Interrupteur au clavier</span>
  <div role="switch" tabindex="0" aria-checked="false" aria-labelledby="ic" data-clavier>●</div>
  <div style="position: absolute; inset: 0"></div></div>
</form>
<script>""" + SCRIPT_ARIA + """</script>
</body></html>
"""

PAGES = {"/dsfr": DSFR, "/aria": ARIA}


def recu(champs: list[tuple[str, str]]) -> str:
    """The answer to a form posted anywhere: the fields it carried, as terms (dt/dd)."""
    termes = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in champs)
    return ("<!doctype html><html lang=fr><head><meta charset=utf-8><title>Reçu</title></head>"
            f"<body><h1>Reçu</h1><dl>{termes}</dl></body></html>")


def SiteWidgets() -> PetitesPages:  # noqa: N802 - a site like the others, used as ``with SiteWidgets() as site``
    """Serves the pages; a form posted anywhere answers with the fields it carried, kept in ``posts`` as pairs."""
    return PetitesPages(PAGES, par_defaut=recu, par_paires=True)
