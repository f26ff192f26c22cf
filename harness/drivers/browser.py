"""Browser driver: Playwright (Chromium), elements found by role and accessible name only."""
from __future__ import annotations

import json
import re
import time
from typing import Mapping
from urllib.parse import quote, quote_plus

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import Locator, Page

from .base import (ActionImpossible, Cookie, ElementIntrouvable, Libelle, Origines, Session, Vocabulaire,
                   guide_label, message_du_navigateur, present, resolve_label, sans_controles)
from .page import HINT_CLASS_PARTS, find_term, fold, inventory, missing_message, parse_html, section_titles

TIMEOUT_MS = 10_000
# How long a click may take to start a navigation (a JavaScript handler may submit late).
NAVIGATION_START_S = 0.5
# A page whose script asks the server (fetch, XHR) is drawn once those requests are answered and none follows
# for this long; a page that asks nothing (server-rendered) is not waited for at all.
SCRIPT_CALME_S = 0.1
SCRIPT = ("fetch", "xhr")
# Every page counts the fetch/XHR requests its scripts start (window.__chorus_requetes), as they start, and notes
# when it is being left (window.__chorus_part): the
# browser's request events may come after the page's load event (with request routing on, a request is reported
# once the network layer has paused it), so a page that called fetch() before its load event would otherwise look
# like a page that asks the server nothing.
COMPTEUR_JS = """(() => { if (window.__chorus_requetes !== undefined) return;
  window.__chorus_requetes = 0; window.__chorus_en_vol = 0; window.__chorus_dernier = 0;
  const debut = () => { window.__chorus_requetes++; window.__chorus_en_vol++; window.__chorus_dernier = performance.now(); };
  const fin = () => { window.__chorus_en_vol = Math.max(0, window.__chorus_en_vol - 1);
                      window.__chorus_dernier = performance.now(); };
  const f = window.fetch;
  if (f) window.fetch = function () { debut(); const p = f.apply(this, arguments); p.then(fin, fin); return p; };
  const X = window.XMLHttpRequest;
  if (X) { const s = X.prototype.send;
    X.prototype.send = function () { debut(); this.addEventListener("loadend", fin); return s.apply(this, arguments); }; }
  window.addEventListener("beforeunload", () => { window.__chorus_part = true; }); })();"""
# What the page's scripts asked: requests started, still in flight, milliseconds since the last started or ended.
ETAT_JS = ("() => [window.__chorus_requetes || 0, window.__chorus_en_vol || 0, "
           "performance.now() - (window.__chorus_dernier || 0)]")
# The page is being left (its script called location.assign, submitted a form…): the navigation's request event
# may come later than the page's own answer was drawn, for the same reason.
PART_JS = "() => !!window.__chorus_part"
# A page drawn by a script may show an element a moment after it loaded or its requests were answered: a lookup
# that finds nothing is tried again until this long after the last navigation or request (never on a page that
# asks the server nothing).
SCRIPT_RENDU_S = 1.0

# The words of ``node`` (a label, a legend, what aria-labelledby points to) for the element ``el`` it names: its
# text without el's description (a hint: HINT_CLASS_PARTS; what el's aria-describedby points to), without the
# controls it wraps, and without what is not displayed unless ``tout`` (aria-labelledby's text counts whole).
MOTS_JS = r"""
(el, node, tout) => {
  const decrit = new Set((el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
  const indices = %s;
  const indice = c => (c.getAttribute('class') || '').split(/\s+/).some(t => t.split(/[-_]/).some(p => indices.includes(p)));
  const walk = n => {
    let out = '';
    for (const c of n.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) { out += c.data; continue; }
      if (c.nodeType !== Node.ELEMENT_NODE || c === el || (c.id && decrit.has(c.id)) || indice(c)
          || c.matches('input,select,textarea,button,script,style,template')) continue;
      const style = getComputedStyle(c);
      if (!tout && (style.display === 'none' || style.visibility === 'hidden')) continue;
      const bloc = !['inline', 'contents'].includes(style.display) ? ' ' : '';
      out += bloc + walk(c) + bloc;
    }
    return out;
  };
  return walk(node);
}
""" % json.dumps(sorted(HINT_CLASS_PARTS))
# Label text as a user reads it, in its own words (MOTS_JS): aria-labelledby, aria-label, then the <label>s.
LABEL_JS = r"""
(el) => {
  const mots = (""" + MOTS_JS + r""");
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  if (ids.length) return ids.map(i => { const n = document.getElementById(i); return n ? mots(el, n, true) : ''; }).join(' ');
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  return Array.from(el.labels || []).map(label => mots(el, label, false)).join(' ');
}
"""
DESCRIPTION_JS = r"""
(el) => {
  const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  const text = ids.map(i => { const n = document.getElementById(i); return n ? n.textContent : ''; }).join(' ');
  return text.trim() ? text : (el.getAttribute('aria-description') || '');
}
"""
ROLE_JS = r"""(el) => (el.getAttribute('role') || '').trim().split(/\s+/)[0]"""
# A form control a script draws (component libraries): the kind of native control its ARIA role stands for (a
# switch is a check box, a combobox or a listbox a list of choices) on an element that is no form control, else null.
WIDGET_JS = (r"""(el) => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) ? null : ({radio: 'radio', """
             r"""checkbox: 'checkbox', switch: 'checkbox', combobox: 'select', listbox: 'select'}[(""" + ROLE_JS
             + r""")(el)] || null)""")
TYPE_JS = (r"""(el) => (""" + WIDGET_JS + r""")(el) || (el.tagName === 'INPUT' ? (el.getAttribute('type') || """
           r"""'text').toLowerCase() : el.tagName.toLowerCase())""")
FIELD_JS = (r"""(el) => (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && !(el.tagName === 'INPUT' && """
            r"""['hidden', 'submit', 'button', 'reset', 'image']"""
            r""".includes((el.getAttribute('type') || '').toLowerCase())))"""
            r""" || !!(""" + WIDGET_JS + r""")(el)""")
# Checked as a user sees it: a native box's state, a widget's aria-checked, a toggle button's aria-pressed.
CHECKED_JS = (r"""(el) => el.tagName === 'INPUT' ? el.checked === true """
              r""": (el.getAttribute('aria-checked') || el.getAttribute('aria-pressed')) === 'true'""")
READONLY_JS = r"""(el) => el.readOnly === true || el.getAttribute('aria-readonly') === 'true'"""
REQUIRED_JS = r"""(el) => el.required === true || el.getAttribute('aria-required') === 'true'"""
# Visible label text including the marker, for the '*' checks (innerText skips display:none parts).
LABEL_VISIBLE_JS = r"""
(el) => {
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  if (ids.length) return ids.map(i => { const n = document.getElementById(i); return n ? n.innerText : ''; }).join(' ');
  const labels = Array.from(el.labels || []);
  if (labels.length) return labels.map(l => l.innerText).join(' ');
  return el.getAttribute('aria-label') || '';
}
"""
SELECT_OPTIONS_JS = r"""(el) => Array.from(el.options).map(o => [o.label || o.textContent, o.value, o.selected])"""
# A combobox's or listbox's option elements, where the page has them (in the listbox it controls or owns, or its
# own); none while a popup drawn only when open is closed.
OPTION_ELEMENTS_JS = r"""
(el) => {
  const ids = ((el.getAttribute('aria-controls') || '') + ' ' + (el.getAttribute('aria-owns') || '')).split(/\s+/);
  let lists = el.getAttribute('role') === 'listbox' ? [el] : ids.filter(Boolean).map(i => document.getElementById(i));
  lists = lists.filter(Boolean);
  if (!lists.length) lists = Array.from(el.querySelectorAll('[role=listbox]'));
  return lists.flatMap(l => Array.from(l.querySelectorAll('[role=option]')));
}
"""
# Per option: [text, value, selected].
ARIA_OPTIONS_JS = ("(el) => (" + OPTION_ELEMENTS_JS + ")(el).map(o => [o.getAttribute('aria-label') || o.textContent,"
                   " o.getAttribute('data-value') || o.getAttribute('value') || o.textContent,"
                   " o.getAttribute('aria-selected') === 'true'])")
# Visible as Playwright judges it: rendered, visibility not hidden, non-empty box.
SHOWN_JS = r"""
(el) => {
  const box = el.getBoundingClientRect();
  return (el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : true) && box.width > 0 && box.height > 0;
}
"""
# Per group (fieldset, role=group or radiogroup): [its name in its own words (MOTS_JS), is visible].
GROUP_NAMES_JS = r"""
(els) => els.map(el => {
  const mots = (""" + MOTS_JS + r""");
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  let name = '';
  if (ids.length) name = ids.map(i => { const n = document.getElementById(i); return n ? mots(el, n, true) : ''; }).join(' ');
  else if (el.getAttribute('aria-label')) name = el.getAttribute('aria-label');
  else if (el.tagName === 'FIELDSET') { const legend = el.querySelector(':scope > legend'); name = legend ? mots(el, legend, false) : ''; }
  return [name, (""" + SHOWN_JS + r""")(el)];
})
"""
# One round trip for a whole candidate list: [is a form control, is visible] per element.
PICK_JS = "(els) => els.map(el => [(" + FIELD_JS + ")(el), (" + SHOWN_JS + ")(el)])"
# One round trip for a field lookup: per candidate [is a form control, is visible, what the steps may ask of it].
FIELD_INFO_JS = ("(els) => els.map(el => { const field = (" + FIELD_JS + ")(el);"
                 " const shown = (" + SHOWN_JS + ")(el);"
                 " if (!field) return [false, shown, null];"
                 " const kind = (" + TYPE_JS + ")(el);"
                 " const disabled = el.matches(':disabled') || !!el.closest('[aria-disabled=\"true\"]');"
                 " return [true, shown, {kind: kind, disabled: disabled,"
                 " readonly: (" + READONLY_JS + ")(el),"
                 " required: (" + REQUIRED_JS + ")(el),"
                 " label_visible: (" + LABEL_VISIBLE_JS + ")(el),"
                 " description: (" + DESCRIPTION_JS + ")(el),"
                 " invalid: el.getAttribute('aria-invalid') === 'true',"
                 " checked: (" + CHECKED_JS + ")(el),"
                 " widget: !!(" + WIDGET_JS + ")(el),"
                 " value: (" + WIDGET_JS + ")(el) ? el.textContent : kind === 'select' ? null : el.value,"
                 " options: kind !== 'select' ? null : (" + WIDGET_JS + ")(el) ? (" + ARIA_OPTIONS_JS + ")(el)"
                 "   : (" + SELECT_OPTIONS_JS + ")(el)}]; })")
# Per form control: its label as a user reads it, the controls it wraps left out (LABEL_JS).
LABELS_JS = "(els) => els.map(el => (" + LABEL_JS + ")(el))"
# Per element: [its label as a user reads it, its accessible description].
LABEL_DESCRIPTION_JS = ("(els) => els.map(el => [(" + LABEL_JS + ")(el), (" + DESCRIPTION_JS + ")(el)])")
# What a user ticks or presses to choose: native boxes, ARIA radios, check boxes and switches, toggle buttons.
CHOICE_SELECTOR = ("input[type=radio i], input[type=checkbox i], [role=radio], [role=checkbox], [role=switch], "
                   "[aria-pressed]")
# Per choice: null when no one can operate it (hidden from everyone, or not rendered with no label rendered: a box
# whose input is display:none is still operated through its styled label), else [its label (a widget's own text
# when it has none), {kind: radio, checkbox or pressed, checked, disabled, shown}].
CHOICES_JS = ("(els) => els.map(el => {"
              " if (el.closest('[aria-hidden=\"true\"], [inert]')) return null;"
              " const native = el.tagName === 'INPUT';"
              " const labels = Array.from(el.labels || []).filter(l => l.getClientRects().length);"
              " const shown = (" + SHOWN_JS + ")(el) || labels.some(l => (" + SHOWN_JS + ")(l));"
              " if (!el.getClientRects().length && !(native && labels.length)) return null;"
              " const role = (" + ROLE_JS + ")(el);"
              " const kind = native ? (role === 'switch' ? 'checkbox' : el.type)"
              "   : role === 'radio' ? 'radio' : ['checkbox', 'switch'].includes(role) ? 'checkbox' : 'pressed';"
              " return [(" + LABEL_JS + ")(el) || (native ? '' : el.textContent), {kind: kind, native: native,"
              " checked: (" + CHECKED_JS + ")(el), shown: shown,"
              " disabled: el.matches(':disabled') || !!el.closest('[aria-disabled=\"true\"]')"
              "   || el.getAttribute('aria-readonly') === 'true'}]; })")
# Where a user clicks to reach a control: the control itself, else one of its labels (the DSFR draws its radios and
# check boxes in the label, over an input made transparent or clipped), at a point where nothing covers it (scrolled
# into view first); [x, y], or null when no such point (a link inside the label is never clicked).
POINT_JS = r"""
(el) => {
  const reaches = hit => !!hit && (hit === el || el.contains(hit) || hit.closest('label')?.control === el)
                         && !(hit.closest('a[href]') && !el.contains(hit.closest('a[href]')));
  for (const target of [el, ...Array.from(el.labels || [])]) {
    if (!target.getClientRects().length) continue;
    target.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
    const r = target.getBoundingClientRect(), y = r.top + r.height / 2;
    for (const x of [r.left + r.width / 2, r.left + Math.min(8, r.width / 2)]) {
      if (reaches(document.elementFromPoint(x, y))) return [x, y];
    }
  }
  return null;
}
"""
# Give the control the keyboard's focus; whether it took it (a control not rendered cannot have it).
TAKE_FOCUS_JS = "(el) => { el.focus(); return document.activeElement === el; }"
# Whether the control reaches the state ``want`` (already, or within a moment: the click's events may not have run
# yet, a script may draw the state on its next task), watched by a MutationObserver and the change and click events
# rather than polled.
WAIT_CHECKED_JS = ("(el, want) => new Promise(resolve => { const ok = () => (" + CHECKED_JS + ")(el) === want;"
                   " if (ok()) return resolve(true);"
                   " const fin = v => { obs.disconnect(); document.removeEventListener('change', voir, true);"
                   "   document.removeEventListener('click', voir, true); resolve(v); };"
                   " const voir = () => setTimeout(() => { if (ok()) fin(true); }, 0);"
                   " const obs = new MutationObserver(() => { if (ok()) fin(true); });"
                   " obs.observe(el, {attributes: true});"
                   " document.addEventListener('change', voir, true); document.addEventListener('click', voir, true);"
                   " setTimeout(() => fin(ok()), 150); })")
# A combobox's popup, open: its options as ARIA_OPTIONS_JS reads them once one is rendered (the popup may be drawn
# anywhere in the document, a moment after the click: watched ``ms`` milliseconds at most), else null.
WAIT_OPTIONS_JS = ("(el, ms) => new Promise(resolve => { const options = () => (" + ARIA_OPTIONS_JS + ")(el);"
                   " const shown = () => (" + OPTION_ELEMENTS_JS + ")(el).some(o => o.getClientRects().length);"
                   " if (shown()) return resolve(options());"
                   " const obs = new MutationObserver(() => {"
                   "   if (shown()) { obs.disconnect(); resolve(options()); } });"
                   " obs.observe(document.body, {attributes: true, childList: true, subtree: true});"
                   " setTimeout(() => { obs.disconnect(); resolve(shown() ? options() : null); }, ms); })")
# The ``index``-th option of a combobox or listbox (as ARIA_OPTIONS_JS counts them).
OPTION_JS = "(el, index) => (" + OPTION_ELEMENTS_JS + ")(el)[index]"
# Whether the combobox shows ``text`` as chosen (its option aria-selected, or its own text), within a moment.
WAIT_CHOSEN_JS = ("(el, text) => new Promise(resolve => { const plie = t => (t || '').replace(/\\s+/g, ' ').trim();"
                  " const ok = () => (" + ARIA_OPTIONS_JS + ")(el).some(o => o[2] && plie(o[0]) === plie(text))"
                  "   || plie(el.textContent).includes(plie(text));"
                  " if (ok()) return resolve(true);"
                  " const obs = new MutationObserver(() => { if (ok()) { obs.disconnect(); resolve(true); } });"
                  " obs.observe(document.body,"
                  "   {attributes: true, childList: true, subtree: true, characterData: true});"
                  " setTimeout(() => { obs.disconnect(); resolve(ok()); }, 150); })")
# Before a click: count the « invalid » events the browser fires when its constraint validation (required, type,
# pattern…) stops a submission; [the fetch/XHR requests the page started so far].
AVANT_LE_CLIC_JS = """() => { if (!window.__chorus_ecoute_invalide) { window.__chorus_ecoute_invalide = true;
    document.addEventListener('invalid', () => { window.__chorus_invalides++; }, true); }
  window.__chorus_invalides = 0; return window.__chorus_requetes || 0; }"""
# After it: [« invalid » events fired, fetch/XHR requests started, the page is being left].
APRES_LE_CLIC_JS = "() => [window.__chorus_invalides || 0, window.__chorus_requetes || 0, !!window.__chorus_part]"
# The browser's own message for a control it judges invalid, "" when it judges it valid.
MESSAGE_NATIF_JS = "(el) => (el.willValidate && !el.validity.valid) ? el.validationMessage : ''"
# Per control the browser judges invalid: [its label as a user reads it, the browser's message].
INVALIDES_NATIFS_JS = ("(els) => els.filter(el => el.willValidate && !el.validity.valid)"
                       ".map(el => [(" + LABEL_JS + ")(el), el.validationMessage])")
# The image that goes with a form control: the nearest before it in its form (else in the document), else the
# first after it; [found, its text alternative].
IMAGE_ALT_JS = r"""
(el) => {
  const scope = el.form || document.body;
  const images = Array.from(scope.querySelectorAll('img, [role="img"]')).filter(i => i.getClientRects().length);
  const avant = images.filter(i => i.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  const image = avant.length ? avant[avant.length - 1] : images.find(i => !avant.includes(i));
  if (!image) return [false, ''];
  return [true, image.tagName === 'IMG' ? (image.getAttribute('alt') || image.getAttribute('title') || '')
                                        : (image.getAttribute('aria-label') || '')];
}
"""
# The label a user sees, in its own words (MOTS_JS): aria-labelledby's text, the <label>s' text, else the
# placeholder; never aria-label, which no one sees.
LABEL_SEEN_JS = r"""
(el) => {
  const mots = (""" + MOTS_JS + r""");
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  if (ids.length) return ids.map(i => { const n = document.getElementById(i); return n ? mots(el, n, false) : ''; }).join(' ');
  const texts = Array.from(el.labels || []).map(label => mots(el, label, false));
  return texts.join(' ').trim() || el.getAttribute('placeholder') || '';
}
"""


class BrowserDriver:
    """The Driver protocol over a Playwright page."""

    canal = "navigateur"

    def __init__(self, page: Page, labels: Vocabulaire | Mapping | None = None, *, owns_context: bool = False,
                 timeout_ms: int = TIMEOUT_MS, origines: Origines | None = None):
        self.page = page
        self.origines = origines  # None: any origin (the drivers' own tests)
        self.refusees: list[tuple[str, str]] = []  # (resource type, URL) of requests off the origins, aborted
        self._navigation_refusee: str | None = None  # the last main-frame navigation aborted for its origin
        self._redirection_suivie: str | None = None  # a main-frame redirect off the origins, followed (see _on_request)
        self.labels = Vocabulaire.de(labels)
        self.etape: str | None = None
        self.rewritten, self.occurrences = False, 0
        self.refus_du_navigateur = False  # the last click's submission was refused by the browser's validation
        self.owns_context = owns_context
        self._status: int | None = None
        self._navigations = 0  # main-frame navigation requests started
        self._committed = 0    # main-frame navigations committed
        self._scripts = 0      # fetch/XHR requests started
        self._en_vol = 0       # fetch/XHR requests not answered yet
        self._dernier = 0.0    # when the last fetch/XHR started or ended (monotonic)
        self._navigue = 0.0    # when the last main-frame navigation committed (monotonic)
        self.page_timeout_s = timeout_ms / 1000
        page.set_default_timeout(timeout_ms)
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_navigated)
        page.on("requestfinished", self._on_script_done)
        page.on("requestfailed", self._on_script_done)
        page.add_init_script(COMPTEUR_JS)
        if origines is not None:
            # matched by the browser's side: a request on the origins is never paused for Python
            page.route(origines.motif_hors(), self._refuser)

    # ------------------------------------------------------------ events
    def _refuser(self, route, request) -> None:
        """A request off the allowed origins (a link, a redirect, a form's action, a script's fetch, an image…):
        aborted and recorded, never sent."""
        self.refusees.append((request.resource_type, request.url))
        if self._main_frame_navigation(request):
            self._navigation_refusee = request.url
        route.abort("blockedbyclient")

    def _hors_origine(self, quoi: str, cle: str | None = None) -> None:
        """Raise HorsOrigine when a main-frame navigation left the origins since they were reset: refused, or a
        server's redirect the browser followed."""
        if self.origines is None:
            return
        if self._navigation_refusee is not None:
            url, self._navigation_refusee = self._navigation_refusee, None
            self.origines.exiger(url, quoi, cle=cle, page=self.etape)
        if self._redirection_suivie is not None:
            url, self._redirection_suivie = self._redirection_suivie, None
            self.origines.exiger(url, quoi, cle=cle, page=self.etape, suivie=True)

    def _main_frame_navigation(self, request) -> bool:
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except PlaywrightError:
            return False

    def _on_request(self, request) -> None:
        if self.origines is not None and request.redirected_from is not None and not self.origines.permet(request.url):
            # Playwright's routing never sees a redirect's next request: it went out; noted, and a finding
            self.refusees.append((request.resource_type + " (redirection suivie)", request.url))
            if self._main_frame_navigation(request):
                self._redirection_suivie = request.url
        if self._main_frame_navigation(request):
            self._navigations += 1
        elif request.resource_type in SCRIPT:
            self._scripts += 1
            self._en_vol += 1
            self._dernier = time.monotonic()

    def _on_script_done(self, request) -> None:
        if request.resource_type in SCRIPT:
            self._en_vol = max(0, self._en_vol - 1)
            self._dernier = time.monotonic()

    def _on_response(self, response) -> None:
        if self._main_frame_navigation(response.request):
            self._status = response.status

    def _on_navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.refus_du_navigateur = False
            self._committed += 1
            self._navigue = time.monotonic()

    # ------------------------------------------------------------ navigation
    def open(self, url: str) -> None:
        self.etape = None  # another page: the steps say which it is
        scripts = self._scripts
        if self.origines is not None:
            self.origines.exiger(url, "L'adresse ouverte")
        self._navigation_refusee = self._redirection_suivie = None
        try:
            response = self.page.goto(url, wait_until="load")
        except PlaywrightError:
            self._hors_origine(f"La redirection depuis {sans_controles(url)[:300]}")
            raise
        self._hors_origine(f"La redirection depuis {sans_controles(url)[:300]}")
        if response is not None:
            self._status = response.status
        self._attendre_le_script(scripts)

    def url(self) -> str:
        return self.page.url

    def session(self) -> Session:
        cookies = tuple(Cookie(name=c["name"], value=c["value"], domain=c["domain"].lstrip("."), path=c["path"],
                               secure=c["secure"], http_only=c["httpOnly"], host_only=not c["domain"].startswith("."),
                               expires=None if c["expires"] < 0 else c["expires"])
                        for c in self.page.context.cookies())
        return Session(url=self.page.url, cookies=cookies)

    def adopt(self, session: Session) -> None:
        context = self.page.context
        context.clear_cookies()
        if session.cookies:
            context.add_cookies([{"name": c.name, "value": c.value, "path": c.path, "secure": c.secure,
                                  "httpOnly": c.http_only, "expires": -1 if c.expires is None else c.expires,
                                  # Playwright: a domain without a leading dot is a host-only cookie
                                  "domain": c.domain if c.host_only else "." + c.domain}
                                 for c in session.cookies])
        self.open(session.url)

    def status(self) -> int | None:
        return self._status

    def title(self) -> str:
        return fold(self.page.title())

    def heading(self) -> str:
        texts = self.page.get_by_role("heading", level=1).all_inner_texts()
        if not texts:
            raise ElementIntrouvable(f"Titre <h1> introuvable sur la page {self.page.url}. Titres présents : "
                                     + (", ".join(f"« {h} »" for h in self.headings()) or "aucun") + ".")
        return fold(texts[0])

    def headings(self) -> list[str]:
        return [fold(t) for t in self.page.get_by_role("heading").all_inner_texts()]

    def text(self) -> str:
        return fold(self.page.locator("body").inner_text())

    def html(self) -> str:
        return self.page.content()

    def _document(self):
        """The page's current DOM as an lxml tree (one round trip), None when the page is gone."""
        try:
            return parse_html(self.page.content())
        except PlaywrightError:
            return None

    def section_titles(self) -> list[str]:
        root = self._document()
        return section_titles(root) if root is not None else []

    def inventory(self) -> dict[str, list[str]]:
        root = self._document()
        return inventory(root) if root is not None else {}

    # ------------------------------------------------------------ lookup
    def _libelle(self, key: str) -> Libelle:
        return resolve_label(self.labels, key, self.etape)

    def _missing(self, kind: str, libelle: Libelle, also=()) -> str:
        return missing_message(kind, libelle, self.page.url, self._document(), also)

    @staticmethod
    def _first_visible(locator: Locator) -> Locator | None:
        for i, (_, shown) in enumerate(locator.evaluate_all(PICK_JS)):
            if shown:
                return locator.nth(i)
        return None

    def _encore(self, cherche):
        """``cherche()``, tried again on a page drawn by a script while it may still be drawing (requests in
        flight, or less than SCRIPT_RENDU_S since the last navigation or request), for page_timeout_s at most; once
        on any other page. The browser's request events and the page's own count (COMPTEUR_JS) are both read:
        with request routing on, the events of a request may come after the page has drawn its answer."""
        limite = time.monotonic() + self.page_timeout_s
        while True:
            try:
                return cherche()
            except ElementIntrouvable:
                if time.monotonic() >= limite:
                    raise
                recent = time.monotonic() - max(self._dernier, self._navigue) < SCRIPT_RENDU_S
                if not (self._scripts and (self._en_vol or recent)):
                    demandes, en_vol, depuis_ms = self._etat_de_la_page()
                    if not demandes or not (en_vol or depuis_ms < SCRIPT_RENDU_S * 1000):
                        raise
            self.page.wait_for_timeout(50)

    def _group(self, group: str) -> Locator:
        return self._encore(lambda: self._group_une_fois(group))

    def _group_une_fois(self, group: str) -> Locator:
        libelle = self._libelle(group)
        pattern = libelle.motif
        found = self._first_visible(self.page.get_by_role("group", name=pattern)
                                    .or_(self.page.get_by_role("radiogroup", name=pattern)))
        if found is None:  # a hint inside its legend: compared on its own words
            groupes = self.page.get_by_role("group").or_(self.page.get_by_role("radiogroup"))
            rang = next((i for i, (nom, shown) in enumerate(groupes.evaluate_all(GROUP_NAMES_JS))
                         if shown and libelle.correspond(fold(nom))), None)
            found = None if rang is None else groupes.nth(rang)
        if found is None:
            raise ElementIntrouvable(self._missing("groupes", libelle), cle=group, page=self.etape)
        return found

    def _inspect(self, label: str, group: str | None = None) -> tuple[Locator, dict]:
        return self._encore(lambda: self._inspect_une_fois(label, group))

    def _inspect_une_fois(self, label: str, group: str | None = None) -> tuple[Locator, dict]:
        """The form control labelled ``label`` and what it is (kind, state, label text, description,
        value…), read in one round trip with the lookup."""
        libelle = self._libelle(label)
        pattern = libelle.motif
        scope = self._group(group) if group else self.page
        candidates = scope.get_by_label(pattern)
        # get_by_label also finds non-form elements named by aria-label: keep form controls.
        flags = candidates.evaluate_all(FIELD_INFO_JS)
        found = [i for i, (field, _, _) in enumerate(flags) if field]
        if not found:
            # The label's own words (LABEL_JS): a hint inside it, or a <select> inside it, whose chosen option's text
            # the browser's accessible name includes ("Question secrète * : Choisissez…").
            controls = scope.locator("input, select, textarea")
            rangs = [i for i, nom in enumerate(controls.evaluate_all(LABELS_JS)) if libelle.correspond(fold(nom))]
            if rangs:
                candidates = controls.nth(rangs[0])
                flags = candidates.evaluate_all(FIELD_INFO_JS)
                found = [i for i, (field, _, _) in enumerate(flags) if field]
        visible = [i for i in found if flags[i][1]]
        if visible:
            return candidates.nth(visible[0]), dict(flags[visible[0]][2], shown=True)
        raise ElementIntrouvable(self._missing("champs", libelle), cle=label, page=self.etape)

    # ------------------------------------------------------------ fields
    def has_field(self, label: str) -> bool:
        return present(self._inspect, label)

    def fill(self, label: str, value: str) -> None:
        field, info = self._inspect(label)
        kind = info["kind"]
        if kind in ("checkbox", "radio"):
            raise ActionImpossible(f"« {label} » est une case ({kind}) : utiliser set_checked/choose.", cle=label, page=self.etape)
        if info["disabled"] or info["readonly"]:
            raise ActionImpossible(f"Le champ « {label} » n'est pas modifiable (désactivé ou en lecture seule) "
                                   f"sur la page {self.page.url}.", cle=label, page=self.etape)
        if kind == "select":
            self._select(field, label, value, info)
        else:
            field.fill(value)

    def paste(self, label: str, text: str) -> None:
        """Paste ``text`` into the field as a user would (the clipboard, then Ctrl+V): a page that blocks pasting
        leaves the field as it was."""
        field, info = self._inspect(label)
        if info["disabled"] or info["readonly"]:
            raise ActionImpossible(f"Le champ « {label} » n'est pas modifiable (désactivé ou en lecture seule) "
                                   f"sur la page {self.page.url}.", cle=label, page=self.etape)
        self.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        self.page.evaluate("texte => navigator.clipboard.writeText(texte)", text)
        field.fill("")
        field.focus()
        self.page.keyboard.press("Control+V")

    def value(self, label: str) -> str | None:
        try:
            _, info = self._inspect(label)
        except ElementIntrouvable:
            root = self._document()
            return find_term(root, self._libelle(label)) if root is not None else None
        if info["widget"]:
            return fold(info["value"])  # what the combobox shows
        if info["kind"] == "select":
            for text, _, selected in info["options"]:
                if selected:
                    return fold(text)
            return ""
        return info["value"]

    def is_editable(self, label: str) -> bool:
        info = self._inspect(label)[1]
        return not info["disabled"] and not info["readonly"]

    def is_required(self, label: str) -> bool:
        info = self._inspect(label)[1]
        return bool(info["required"]) and "*" in info["label_visible"]

    def required_marker_not_colour_only(self, label: str) -> bool:
        return "*" in self._inspect(label)[1]["label_visible"]

    def description(self, label: str) -> str:
        return fold(self._inspect(label)[1]["description"])

    def error(self, label: str) -> str | None:
        field, info = self._inspect(label)
        if info["invalid"]:
            return fold(info["description"])
        natif = field.evaluate(MESSAGE_NATIF_JS) if self.refus_du_navigateur else ""
        return message_du_navigateur(fold(natif)) if natif else None

    def errors(self) -> dict[str, str]:
        """The fields marked in error (aria-invalid), and after a submission the browser refused, the fields its
        constraint validation judges invalid, with its own message."""
        erreurs = {guide_label(self.labels, fold(name), self.etape): fold(message)
                   for name, message in self.page.locator('[aria-invalid="true"]').evaluate_all(LABEL_DESCRIPTION_JS)}
        if self.refus_du_navigateur:
            for name, message in self.page.locator("input, select, textarea").evaluate_all(INVALIDES_NATIFS_JS):
                erreurs.setdefault(guide_label(self.labels, fold(name), self.etape),
                                   message_du_navigateur(fold(message)))
        return erreurs

    def input_type(self, label: str) -> str:
        return self._inspect(label)[1]["kind"]

    # ------------------------------------------------------------ choices
    def _choice(self, label: str, group: str | None = None) -> tuple[Locator, dict]:
        return self._encore(lambda: self._choice_une_fois(label, group))

    def _choice_une_fois(self, label: str, group: str | None = None) -> tuple[Locator, dict]:
        """The radio, check box, switch or toggle button ``label`` (in ``group``) and its state, in one round trip
        with the lookup: a native input hidden under its label is found by that label."""
        libelle = self._libelle(label)
        boxes = (self._group(group) if group else self.page).locator(CHOICE_SELECTOR)
        found = [(i, choice[1]) for i, choice in enumerate(boxes.evaluate_all(CHOICES_JS))
                 if choice is not None and libelle.correspond(fold(choice[0]))]
        if not found:
            raise ElementIntrouvable(self._missing("champs", libelle), cle=label, page=self.etape)
        index, info = next(((i, info) for i, info in found if info["shown"]), found[0])
        return boxes.nth(index), info

    def _actionner(self, element, fait, touches: tuple[str, ...]) -> bool:
        """Operate ``element`` as a user does: a click where the user clicks to reach it (POINT_JS), else each key
        of ``touches`` with the focus on it; ``fait()`` tells whether it took."""
        point = element.evaluate(POINT_JS)
        if point is not None:
            self.page.mouse.click(*point)
            if fait():
                return True
        for touche in touches:
            if not element.evaluate(TAKE_FOCUS_JS):
                break
            self.page.keyboard.press(touche)
            if fait():
                return True
        return False

    def is_checked(self, label: str, group: str | None = None) -> bool:
        return self._choice(label, group)[1]["checked"]

    def set_checked(self, label: str, checked: bool, group: str | None = None) -> None:
        box, info = self._choice(label, group)
        if info["disabled"]:
            raise ActionImpossible(f"La case « {label} » est désactivée sur la page {self.page.url}.", cle=label, page=self.etape)
        if info["checked"] == checked:
            return
        if not checked and info["kind"] == "radio":
            raise ActionImpossible(f"La case « {label} » ne se décoche pas sur la page {self.page.url} : une option "
                                   f"d'un groupe se décoche en choisissant une autre.", cle=label, page=self.etape)
        # Enter would submit the form from a native box; a widget's script may answer either key
        touches = ("Space",) if info["native"] else ("Space", "Enter")
        box = box.element_handle()  # the lookup (its group's by role and name) resolved once for what follows
        if not self._actionner(box, lambda: box.evaluate(WAIT_CHECKED_JS, checked), touches):
            raise ActionImpossible(f"La case « {label} » ne se {'coche' if checked else 'décoche'} pas sur la page "
                                   f"{self.page.url} : ni le clic ni le clavier n'en changent l'état.",
                                   cle=label, page=self.etape)

    def choose(self, group: str, option: str) -> None:
        self.set_checked(option, True, group=group)

    def _choices(self, group: str) -> list[tuple[str, dict]]:
        return [(guide_label(self.labels, fold(choice[0]), self.etape), choice[1])
                for choice in self._group(group).locator(CHOICE_SELECTOR).evaluate_all(CHOICES_JS) if choice]

    def chosen(self, group: str) -> str | None:
        # a group's choice: its checked radio or its pressed toggle button (an OUI/NON pair)
        return next((name for name, info in self._choices(group) if info["checked"] and info["kind"] != "checkbox"),
                    None)

    def group_options(self, group: str) -> list[str]:
        return [name for name, _ in self._choices(group)]

    def has_group(self, group: str) -> bool:
        return present(self._group, group)

    def select_options(self, label: str) -> list[str]:
        field, info = self._inspect(label)
        if info["kind"] != "select":
            raise ElementIntrouvable(f"« {label} » n'est pas une liste de choix sur la page {self.page.url}.", cle=label, page=self.etape)
        options = info["options"]
        if info["widget"] and not options:  # a popup drawn only while open: opened, read, closed
            options = self._ouvrir(field) or []
            if field.evaluate(TAKE_FOCUS_JS):
                self.page.keyboard.press("Escape")
        return [fold(text) for text, value, _ in options if value != ""]

    def _ouvrir(self, field: Locator) -> list | None:
        """Open a combobox's popup as a user does; its options, None when it does not open."""
        ouvertes: list = []

        def ouvert() -> bool:
            ouvertes[:] = [field.evaluate(WAIT_OPTIONS_JS, 300)]
            return ouvertes[0] is not None
        return ouvertes[0] if self._actionner(field, ouvert, ("ArrowDown", "Enter")) else None

    def _select(self, field: Locator, label: str, option: str, info: dict) -> None:
        options = info["options"]
        if info["widget"]:  # its options are clicked in its popup: open unless it is
            options = field.evaluate(WAIT_OPTIONS_JS, 0) or self._ouvrir(field)
            if options is None:
                raise ActionImpossible(f"La liste « {label} » ne s'ouvre pas sur la page {self.page.url} : ni le "
                                       f"clic ni le clavier n'en montrent les options.", cle=label, page=self.etape)
        libelle = self._libelle(option)
        for index, (text, value, _) in enumerate(options):
            if libelle.correspond(fold(text)) or value == option:
                if not info["widget"]:
                    field.select_option(index=index)
                    return
                choix = field.evaluate_handle(OPTION_JS, index).as_element()
                if choix is None or not self._actionner(choix, lambda: field.evaluate(WAIT_CHOSEN_JS, text), ()):
                    raise ActionImpossible(f"L'option « {option} » de la liste « {label} » ne se choisit pas sur "
                                           f"la page {self.page.url}.", cle=option, page=self.etape)
                return
        raise ElementIntrouvable(
            f"Option « {option} » introuvable dans la liste « {label} » sur la page {self.page.url}. Options : "
            + ", ".join(f"« {fold(t)} »" for t, _, _ in options) + ".", cle=option, page=self.etape)

    def select(self, label: str, option: str) -> None:
        field, info = self._inspect(label)
        if info["kind"] != "select":
            raise ElementIntrouvable(f"« {label} » n'est pas une liste de choix sur la page {self.page.url}.", cle=label, page=self.etape)
        if info["disabled"]:
            raise ActionImpossible(f"La liste « {label} » est désactivée sur la page {self.page.url}.", cle=label, page=self.etape)
        self._select(field, label, option, info)

    # ------------------------------------------------------------ buttons, links
    def _premier_visible(self, locator: Locator, name: str) -> Locator:
        trouve = self._first_visible(locator)
        if trouve is None:
            raise ElementIntrouvable(name)
        return trouve

    def _named(self, role: str, name: str) -> Locator | None:
        try:
            return self._encore(lambda: self._premier_visible(
                self.page.get_by_role(role, name=self._libelle(name).motif), name))
        except ElementIntrouvable:
            return None

    def has_button(self, name: str) -> bool:
        return self._named("button", name) is not None

    def has_link(self, name: str) -> bool:
        return self._named("link", name) is not None

    def click(self, name: str) -> None:
        motif = self._libelle(name).motif
        try:
            target = self._encore(lambda: self._premier_visible(
                self.page.get_by_role("button", name=motif).or_(self.page.get_by_role("link", name=motif)), name))
        except ElementIntrouvable:
            target = None
        if target is None:
            raise ElementIntrouvable(self._missing("boutons", self._libelle(name), also=("liens",)), cle=name, page=self.etape)
        started, committed, scripts = self._navigations, self._committed, self._scripts
        self._navigation_refusee = self._redirection_suivie = None
        depuis = f"« {name} » sur la page {self.page.url}"
        demandes = self.page.evaluate(AVANT_LE_CLIC_JS)
        self.refus_du_navigateur = False
        try:
            target.click()
            if self._refusee_par_le_navigateur(started, scripts, demandes):
                # the browser refused to send the form and said why on its fields: no request will come
                self.refus_du_navigateur = True
                return
            self._wait_for_page(started, committed, scripts)
        except PlaywrightError:
            self._hors_origine(depuis, name)
            raise
        self._hors_origine(depuis, name)

    def press(self, key: str) -> None:
        """Press ``key`` on the element that has the focus (the keyboard's Enter or Space on a button) and wait for
        the page it leads to, as a click does."""
        started, committed, scripts = self._navigations, self._committed, self._scripts
        demandes = self.page.evaluate(AVANT_LE_CLIC_JS)
        self.refus_du_navigateur = False
        self.page.keyboard.press(key)
        if self._refusee_par_le_navigateur(started, scripts, demandes):
            self.refus_du_navigateur = True
            return
        self._wait_for_page(started, committed, scripts)

    def _attendre_le_script(self, scripts: int) -> None:
        """When the page's script asked the server since the count ``scripts`` (fetch, XHR), wait until every such
        request is answered and none follows for SCRIPT_CALME_S: the script has drawn what it got. Nothing to wait
        for on a page that asks nothing. The page's own count (COMPTEUR_JS) and the browser's request events are
        both read: either may be ahead of the other."""
        demandes, _, _ = self._etat_de_la_page()
        if self._scripts == scripts and not self._en_vol and not demandes:
            if not self._scripts:
                return  # neither this page nor any page of this driver asked the server: nothing to wait for
            fin = time.monotonic() + SCRIPT_CALME_S  # a script page: give its script a moment to ask
            while time.monotonic() < fin and self._scripts == scripts and not demandes:
                self.page.wait_for_timeout(20)
                demandes, _, _ = self._etat_de_la_page()
            if self._scripts == scripts and not self._en_vol and not demandes:
                return
        limite = time.monotonic() + self.page_timeout_s
        while time.monotonic() < limite:
            _, en_vol, depuis_ms = self._etat_de_la_page()
            if (not self._en_vol and time.monotonic() - self._dernier >= SCRIPT_CALME_S
                    and not en_vol and depuis_ms >= SCRIPT_CALME_S * 1000):
                return
            self.page.wait_for_timeout(20)  # lets Playwright deliver the events

    def _refusee_par_le_navigateur(self, started: int, scripts: int, demandes: int) -> bool:
        """The browser's constraint validation stopped the submission (it fired « invalid » events) and nothing
        went out since the counts ``started``, ``scripts`` and ``demandes`` (the page's own, which a script's fetch
        raises at once): no navigation, no fetch/XHR, the page not being left."""
        try:
            invalides, apres, part = self.page.evaluate(APRES_LE_CLIC_JS)
        except PlaywrightError:
            return False  # the page is gone: it was left
        return (invalides > 0 and not part and apres == demandes and self._navigations == started
                and self._scripts == scripts)

    def _etat_de_la_page(self) -> tuple[int, int, float]:
        """ETAT_JS on the page shown; a page being replaced counts as busy."""
        try:
            return tuple(self.page.evaluate(ETAT_JS))
        except PlaywrightError:
            return 1, 1, 0.0

    def _page_quittee(self) -> bool:
        """The page is being left (PART_JS), or already gone (its context destroyed by the navigation)."""
        try:
            return bool(self.page.evaluate(PART_JS))
        except PlaywrightError:
            return True

    def _wait_for_page(self, started: int, committed: int, scripts: int) -> None:
        """Wait for the page a click leads to; a click that leads nowhere (native validation) returns; a click
        whose script asks the server waits for the answer to be drawn, and for the page it may then load.
        Event-driven: the events seen so far are counted, the ones still to come are awaited."""
        if self._navigations == started and self._scripts == scripts:
            try:
                self.page.wait_for_event(
                    "request", predicate=lambda r: self._main_frame_navigation(r) or r.resource_type in SCRIPT,
                    timeout=NAVIGATION_START_S * 1000)
            except PlaywrightTimeoutError:
                pass
        if self._navigations == started:
            if self._scripts == scripts:
                return  # nothing went out
            self._attendre_le_script(scripts)
            if self._navigations == started and not self._page_quittee():
                return  # the script drew its answer on this page
        if self._committed == committed:
            try:
                self.page.wait_for_event("framenavigated", predicate=lambda frame: frame == self.page.main_frame,
                                         timeout=self.page_timeout_s * 1000)
            except PlaywrightTimeoutError:
                if self._committed == committed:
                    raise
        self.page.wait_for_load_state("load")
        self._attendre_le_script(scripts)

    # ------------------------------------------------------------ what the page sends
    def rewrite_next_submission(self, typed: str, sent: str, *, whole: bool = False,
                                occurrence: int | None = None) -> None:
        """The next request the page sends carrying ``typed`` (in a JSON, form-encoded or multipart body, or in
        the query of a GET form) carries ``sent`` instead: what a client that skips the page's script sends.
        ``whole``: only values that are ``typed`` entirely (a JSON string that is no key, a form field's value, a
        part), for a short value (a checkbox's « 3 ») that other values may contain; ``occurrence``: only the
        n-th value carrying it in the request (0 the first, -1 the last), every one when None.
        ``rewritten`` tells afterwards whether such a request went out, ``occurrences`` how many it carried."""
        self.rewritten, self.occurrences = False, 0

        def handler(route, request) -> None:
            if self.rewritten:  # once only (unrouting from inside a handler would drop its own change)
                return route.fallback()
            body, url = request.post_data, request.url
            base, _, requete = url.partition("?")
            if body:
                for motif, apres in motifs_de_reecriture(typed, sent, whole, request.headers.get("content-type", "")):
                    if motif.search(body):
                        return remplacer(route, motif, apres, body, lambda texte: {"post_data": texte})
            if request.method == "GET" and requete:
                for motif, apres in motifs_de_reecriture(typed, sent, whole, ""):
                    if motif.search(requete):
                        return remplacer(route, motif, apres, requete, lambda texte: {"url": f"{base}?{texte}"})
            route.fallback()

        def remplacer(route, motif, apres, texte, changement) -> None:
            # fallback, not continue: the origins' guard (routed first, so called last) still judges the request
            trouves = list(motif.finditer(texte))
            choisis = trouves if occurrence is None else trouves[occurrence:][:1]
            for m in reversed(choisis):
                texte = texte[:m.start()] + apres + texte[m.end():]
            self.rewritten, self.occurrences = True, len(trouves)
            route.fallback(**changement(texte))
        self.page.route("**/*", handler)

    # ------------------------------------------------------------ roles
    def has_role(self, role: str, name: str | None = None) -> bool:
        if name is None:
            return self.page.get_by_role(role).count() > 0
        return self._named(role, name) is not None

    def image_alt(self, label: str) -> str | None:
        trouvee, alt = self._inspect(label)[0].evaluate(IMAGE_ALT_JS)
        return fold(alt) if trouvee else None

    def visible_label(self, label: str) -> str:
        return fold(self._inspect(label)[0].evaluate(LABEL_SEEN_JS))

    def close(self) -> None:
        if self.owns_context:
            try:
                self.page.context.close()
            except PlaywrightError:
                pass


def motifs_de_reecriture(typed: str, sent: str, whole: bool, content_type: str) -> list[tuple[re.Pattern[str], str]]:
    """How ``typed`` shows in a body of ``content_type`` (JSON, form-encoded with « + » or « %20 », else raw as in
    multipart; a GET query is form-encoded), each with what replaces it there; ``whole`` matches only whole values
    (a JSON string that is no key, a form field's value, a part's content)."""
    type_ = content_type.split(";")[0].strip().lower()
    if type_.endswith("json"):
        cles = r'(?<=")', r'(?="(?!\s*:))'
        formes = [(json.dumps(typed)[1:-1], json.dumps(sent)[1:-1], *cles),
                  (json.dumps(typed, ensure_ascii=False)[1:-1], json.dumps(sent)[1:-1], *cles)]
    elif type_ in ("", "application/x-www-form-urlencoded"):
        formes = [(quote_plus(typed), quote_plus(sent), r"(?<==)", r"(?=&|$)"),
                  (quote(typed), quote(sent), r"(?<==)", r"(?=&|$)")]
    else:
        formes = [(typed, sent, r"(?<=\r\n\r\n)", r"(?=\r\n--)")]
    motifs = []
    for avant, apres, debut, fin in dict.fromkeys(formes):
        motifs.append((re.compile(f"{debut}{re.escape(avant)}{fin}" if whole else re.escape(avant)), apres))
    return motifs
