"""What the accessibility steps ask of the browser channel's page: axe-core's findings, the form controls and
their labels as assistive technologies get them, the groups of choices, the live regions, and the keyboard
(Tab, Shift+Tab, Space, Enter, arrows) with where the focus goes and whether it shows.

Mechanics over a BrowserDriver's Playwright page; no criterion is judged here (steps/accessibilite.py does).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Locator

from .base import ElementIntrouvable
from .browser import FIELD_JS, LABEL_JS, LABEL_SEEN_JS, REQUIRED_JS, SHOWN_JS, BrowserDriver
from .page import fold

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_FR = json.loads((Path(__file__).parent / "axe" / "fr.json").read_text(encoding="utf-8"))
# WCAG 2.1 A and AA, which RGAA 4.1 follows; axe's « best practices » are not criteria.
AXE_OPTIONS = {"resultTypes": ["violations"], "runOnly": {"type": "tag",
                                                          "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
AXE_RUN_JS = """async ([locale, options]) => {
  if (locale && !window.__chorus_axe_fr) { axe.configure({locale: locale}); window.__chorus_axe_fr = true; }
  const r = await axe.run(document, options);
  return r.violations.map(v => ({regle: v.id, impact: v.impact || '', aide: v.help, url: v.helpUrl,
    elements: v.nodes.map(n => ({cible: n.target.join(' '), html: n.html.slice(0, 300),
                                 resume: (n.failureSummary || '').slice(0, 500)}))}));
}"""

# Every form control a user fills (hidden fields and buttons left out), as assistive technologies get it.
CHAMPS_JS = ("() => Array.from(document.querySelectorAll('input, select, textarea')).filter(el => ("
             + FIELD_JS + ")(el) && (" + SHOWN_JS + ")(el)).map(el => ({"
             " etiquette: ((" + LABEL_JS + ")(el) || el.getAttribute('title') || '').trim(),"
             " visible: (Array.from(el.labels || []).length || el.getAttribute('aria-labelledby'))"
             "   ? (" + LABEL_SEEN_JS + ")(el) : '',"
             " aria_label: el.getAttribute('aria-label') || '',"
             " genre: el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : el.tagName.toLowerCase(),"
             " requis: (" + REQUIRED_JS + ")(el),"
             " autocomplete: el.getAttribute('autocomplete'),"
             " nom: el.getAttribute('name') || ''}))")

# Radios sharing a name, check boxes sharing a name (more than one), ARIA choices sharing their nearest container
# (radios, toggle buttons; check boxes and switches in a group, as independent ones share no name): each set (more
# than one, radios aside), the labels of its choices and the group that holds them all (a fieldset with its legend,
# an element of role group/radiogroup with its name).
GROUPES_JS = ("() => { const sets = new Map(), conteneurs = new Map();"
              " document.querySelectorAll('input[type=radio], input[type=checkbox]').forEach(el => {"
              "   if (!el.name) return; const k = el.type + ':' + el.name;"
              "   if (!sets.has(k)) sets.set(k, []); sets.get(k).push(el); });"
              " document.querySelectorAll('[role=radio], [role=checkbox], [role=switch], [aria-pressed]')"
              " .forEach(el => {"
              "   if (el.tagName === 'INPUT' || !el.getClientRects().length) return;"
              "   const groupe = el.closest('fieldset, [role=group], [role=radiogroup]');"
              "   if (!groupe && ['checkbox', 'switch'].includes(el.getAttribute('role'))) return;"
              "   const c = groupe || el.parentElement;"
              "   if (!conteneurs.has(c)) conteneurs.set(c, conteneurs.size);"
              "   const k = (el.getAttribute('role') === 'radio' ? 'aria-radio:' : 'aria:') + conteneurs.get(c);"
              "   if (!sets.has(k)) sets.set(k, []); sets.get(k).push(el); });"
              " const nomDuGroupe = g => { if (g.tagName === 'FIELDSET') { const l = g.querySelector(':scope > legend');"
              "     return l ? l.textContent : ''; }"
              "   const ids = (g.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);"
              "   if (ids.length) return ids.map(i => { const n = document.getElementById(i); return n ? n.textContent : ''; }).join(' ');"
              "   return g.getAttribute('aria-label') || ''; };"
              " const out = [];"
              " for (const [k, els] of sets) { if (/^(checkbox|aria):/.test(k) && els.length < 2) continue;"
              "   let g = els[0].parentElement;"
              "   while (g && !(g.matches('fieldset, [role=group], [role=radiogroup]') && els.every(e => g.contains(e))))"
              "     g = g.parentElement;"
              "   out.push({choix: els.map(e => ((" + LABEL_JS + ")(e)"
              "     || (e.tagName === 'INPUT' ? '' : e.textContent)).trim()),"
              "     groupe: g ? nomDuGroupe(g).trim() : null}); }"
              " return out; }")

# The element that has the focus: what it is, its name, whether it is in error, whether the focus shows on it
# (an outline or a shadow drawn, as the browser's own focus ring is), and the text it holds (an error summary).
FOCUS_JS = ("(cible) => { const el = document.activeElement;"
            " if (!el || el === document.body || el === document.documentElement) return {aucun: true, cible: false};"
            " const s = getComputedStyle(el);"
            " const contour = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;"
            " const ombre = s.boxShadow && s.boxShadow !== 'none';"
            " const boite = el.getBoundingClientRect();"
            " const nom = ((" + LABEL_JS + ")(el) || el.getAttribute('aria-label') || el.innerText || el.value || '').trim();"
            " const same = window.__chorus_focus === el; window.__chorus_focus = el;"
            " return {aucun: false, cible: el === cible, meme: same, nom: nom.slice(0, 120),"
            "  balise: el.tagName.toLowerCase(), type: (el.getAttribute('type') || '').toLowerCase(),"
            "  role: el.getAttribute('role') || '', invalide: el.getAttribute('aria-invalid') === 'true',"
            "  alerte: el.matches('[role=alert], [role=alert] *') || !!el.querySelector('[role=alert]'),"
            "  visible: (contour || !!ombre) && boite.width > 0 && boite.height > 0,"
            "  texte: (el.innerText || '').slice(0, 400)}; }")

# Live regions (role status/alert/log, an <output>: a status, aria-live polite/assertive), not hidden from assistive
# technologies.
REGIONS_VIVANTES_JS = ("() => Array.from(document.querySelectorAll('[role=status], [role=alert], [role=log], "
                       "output, [aria-live]')).filter(el => (el.getAttribute('aria-live') || 'polite') !== 'off'"
                       " && !el.closest('[aria-hidden=true]')).map(el => (el.textContent || '').trim())")

# The elements that show a level (gauges, progress bars, statuses, <output>s), shown and not hidden from assistive
# technologies: [their role, their accessible name (aria-labelledby, aria-label, their <label>s, title)]. None of
# these roles takes its name from its content.
INDICATEURS_JS = ("() => Array.from(document.querySelectorAll('meter, progress, output, [role=meter], "
                  "[role=progressbar], [role=status]')).filter(el => (" + SHOWN_JS + ")(el)"
                  " && !el.closest('[aria-hidden=true]')).map(el => [el.getAttribute('role') || "
                  "({METER: 'meter', PROGRESS: 'progressbar', OUTPUT: 'status'}[el.tagName] || ''),"
                  " ((" + LABEL_JS + ")(el) || el.getAttribute('title') || '').trim()])")

# The links, buttons and audio elements that go with a field's image (a captcha): in the smallest ancestor of the
# field that holds an image, the field itself left out.
AUTOUR_DE_L_IMAGE_JS = ("(el) => { let c = el.parentElement;"
                        " while (c && !c.querySelector('img, [role=img]')) { if (c === el.form) return null; c = c.parentElement; }"
                        " if (!c) return null;"
                        " const autres = Array.from(c.querySelectorAll('a[href], button, audio, [role=button]'))"
                        "   .filter(e => e !== el && !(e.type === 'submit' && e.form === el.form && !c.contains(e.form)));"
                        " return autres.map(e => e.tagName === 'AUDIO' ? 'audio' : (e.innerText || e.getAttribute('aria-label') || '').trim()); }")


@dataclass
class Deplacement:
    """Where Tab (or Shift+Tab) took the focus on its way to an element: each stop, whether it reached the
    element, and the stop the focus could not leave (a keyboard trap), if any."""

    atteint: bool
    arrets: list[dict] = field(default_factory=list)
    piege: dict | None = None


# axe-core and its French texts, as a script every page of a browser context runs when it loads (before its own).
AXE_INIT_JS = (AXE_JS + "\n;if (window.axe) { axe.configure({locale: " + json.dumps(AXE_FR, ensure_ascii=False)
               + "}); window.__chorus_axe_fr = true; }")


def axe_a_chaque_page(driver: BrowserDriver) -> None:
    """From now on, every page the driver's browser context loads brings axe-core with it: sent to the browser
    once, instead of 500 kB evaluated again on each page (measured: 0.8 s saved on a ten-page journey)."""
    driver.page.context.add_init_script(AXE_INIT_JS)


def axe(driver: BrowserDriver) -> list[dict]:
    """axe-core's violations on the page shown (WCAG 2.1 A/AA), its texts in French: per axe rule, its id, impact,
    help, help URL and the elements (CSS target, HTML, what fails)."""
    page = driver.page
    pret = page.evaluate("() => typeof window.axe !== 'object' ? 0 : window.__chorus_axe_fr ? 2 : 1")
    if not pret:
        page.evaluate(AXE_JS)
    return page.evaluate(AXE_RUN_JS, [None if pret == 2 else AXE_FR, AXE_OPTIONS])


def champs(driver: BrowserDriver) -> list[dict]:
    """Every visible form control: its label as assistive technologies get it (« etiquette »: labels,
    aria-labelledby, aria-label, title), the label a user sees (« visible »), its kind, required or not, its
    autocomplete attribute (None when absent), its name."""
    return [dict(c, etiquette=fold(c["etiquette"]), visible=fold(c["visible"])) for c in driver.page.evaluate(CHAMPS_JS)]


def groupes_de_choix(driver: BrowserDriver) -> list[dict]:
    """Every set of radios (or of several check boxes) sharing a name, of ARIA choices sharing a container: its
    choices' labels and the name of the group holding them all (None when no fieldset or group holds them, '' when
    that group has no name)."""
    return [dict(g, choix=[fold(c) for c in g["choix"]], groupe=None if g["groupe"] is None else fold(g["groupe"]))
            for g in driver.page.evaluate(GROUPES_JS)]


def langue(driver: BrowserDriver) -> str:
    """The page's default language (« lang » of <html>), '' when absent."""
    return driver.page.evaluate("() => document.documentElement.getAttribute('lang') || ''").strip()


def regions_vivantes(driver: BrowserDriver) -> list[str]:
    """The texts of the page's live regions, in order."""
    return [fold(t) for t in driver.page.evaluate(REGIONS_VIVANTES_JS)]


def indicateurs(driver: BrowserDriver) -> list[tuple[str, str]]:
    """The page's gauges, progress bars and statuses as assistive technologies get them: (role, accessible name)."""
    return [(role, fold(nom)) for role, nom in driver.page.evaluate(INDICATEURS_JS)]


def autour_de_l_image(driver: BrowserDriver, label: str) -> list[str] | None:
    """The links, buttons (their names) and audio elements (« audio ») beside the image that goes with the field
    ``label``; None when no image goes with it."""
    return driver._inspect(label)[0].evaluate(AUTOUR_DE_L_IMAGE_JS)


def autocomplete(driver: BrowserDriver, label: str) -> str | None:
    """The field's autocomplete attribute, None when absent."""
    return driver._inspect(label)[0].get_attribute("autocomplete")


def focus(driver: BrowserDriver) -> dict:
    """The element that has the focus (``aucun`` when none but the document)."""
    return driver.page.evaluate(FOCUS_JS, None)


def _cible(driver: BrowserDriver, nom: str, groupe: str | None = None) -> Locator:
    """The field labelled ``nom`` (in the group ``groupe``), else the button or link named ``nom`` (the profile's
    wordings apply)."""
    for trouver in (driver._inspect, driver._choice):  # a field, else a choice (a radio hidden under its label…)
        try:
            return trouver(nom, groupe)[0]
        except ElementIntrouvable:
            pass
    motif = driver._libelle(nom).motif
    trouve = driver._first_visible(driver.page.get_by_role("button", name=motif)
                                   .or_(driver.page.get_by_role("link", name=motif)))
    if trouve is None:
        raise ElementIntrouvable(driver._missing("champs", driver._libelle(nom), also=("boutons", "liens")),
                                 cle=nom, page=driver.etape)
    return trouve


def tabuler(driver: BrowserDriver, nom: str, *, arriere: bool = False, groupe: str | None = None,
            max_arrets: int = 80) -> Deplacement:
    """Press Tab (Shift+Tab with ``arriere``) until the element ``nom`` (of the group ``groupe``) has the focus, at
    most ``max_arrets`` times. Each stop is recorded (``focus``); a stop the key does not leave is a trap and ends the walk."""
    cible = _cible(driver, nom, groupe).element_handle()
    touche = "Shift+Tab" if arriere else "Tab"
    deplacement = Deplacement(atteint=False)
    driver.page.evaluate("() => { window.__chorus_focus = document.activeElement; }")
    if driver.page.evaluate(FOCUS_JS, cible)["cible"]:
        deplacement.atteint = True
        return deplacement
    for _ in range(max_arrets):
        driver.page.keyboard.press(touche)
        arret = driver.page.evaluate(FOCUS_JS, cible)
        deplacement.arrets.append(arret)
        if arret["cible"]:
            deplacement.atteint = True
            return deplacement
        if arret["meme"] and not arret["aucun"]:
            deplacement.piege = arret  # the key does not take the focus anywhere else
            return deplacement
    return deplacement


def taper(driver: BrowserDriver, texte: str) -> None:
    """Type ``texte`` in the element that has the focus, key by key."""
    driver.page.keyboard.type(texte)


def appuyer(driver: BrowserDriver, touche: str, *, page_suivante: bool = False) -> None:
    """Press ``touche`` (« Enter », « Space », « ArrowDown »…) on the element that has the focus; with
    ``page_suivante`` (a button's Enter), wait for the page it leads to."""
    if page_suivante:
        driver.press(touche)
    else:
        driver.page.keyboard.press(touche)
