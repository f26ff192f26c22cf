"""Browser driver: Playwright (Chromium), elements found by role and accessible name only."""
from __future__ import annotations

import time
from typing import Mapping

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from .base import ActionImpossible, ElementIntrouvable, accessible_name_pattern, guide_label, name_matches, present, resolve_label
from .http import find_term, fold, missing_message, parse_html

TIMEOUT_MS = 10_000
# How long a click may take to start a navigation (a JavaScript handler may submit late).
NAVIGATION_START_S = 0.5

# Label text as a user sees it: aria-labelledby, aria-label, then the <label>s (control's own text left out).
LABEL_JS = r"""
(el) => {
  const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  if (ids.length) return ids.map(i => { const n = document.getElementById(i); return n ? n.textContent : ''; }).join(' ');
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  const texts = [];
  for (const label of (el.labels || [])) {
    const copy = label.cloneNode(true);
    copy.querySelectorAll('input,select,textarea,button').forEach(c => c.remove());
    const visible = label.innerText;  // layout-aware; the copy is only used when the label wraps the control
    texts.push(label.contains(el) ? copy.textContent : visible);
  }
  return texts.join(' ');
}
"""
DESCRIPTION_JS = r"""
(el) => {
  const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  const text = ids.map(i => { const n = document.getElementById(i); return n ? n.textContent : ''; }).join(' ');
  return text.trim() ? text : (el.getAttribute('aria-description') || '');
}
"""
TYPE_JS = r"""(el) => el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : el.tagName.toLowerCase()"""
FIELD_JS = r"""(el) => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && !(el.tagName === 'INPUT' && ['hidden', 'submit', 'button', 'reset', 'image'].includes((el.getAttribute('type') || '').toLowerCase()))"""
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
# One round trip for a whole candidate list: [is a form control, is visible] per element, visible as Playwright
# judges it (rendered, visibility not hidden, non-empty box).
PICK_JS = ("(els) => els.map(el => { const field = (" + FIELD_JS + ")(el);"
           " const box = el.getBoundingClientRect();"
           " const shown = (el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : true)"
           " && box.width > 0 && box.height > 0;"
           " return [field, shown]; })")
EDITABLE_KIND_JS = "(el) => [(" + TYPE_JS + ")(el), !el.disabled && !el.readOnly]"
ALTS_JS = r"""() => Array.from(document.images).map(i => i.getAttribute('alt') || '')"""


class BrowserDriver:
    """The Driver protocol over a Playwright page."""

    canal = "navigateur"

    def __init__(self, page: Page, labels: Mapping[str, str] | None = None, *, owns_context: bool = False,
                 timeout_ms: int = TIMEOUT_MS):
        self.page = page
        self.labels = dict(labels or {})
        self.owns_context = owns_context
        self._status: int | None = None
        self._navigations = 0  # main-frame navigation requests started
        self._committed = 0    # main-frame navigations committed
        self.page_timeout_s = timeout_ms / 1000
        page.set_default_timeout(timeout_ms)
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_navigated)

    # ------------------------------------------------------------ events
    def _main_frame_navigation(self, request) -> bool:
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except PlaywrightError:
            return False

    def _on_request(self, request) -> None:
        if self._main_frame_navigation(request):
            self._navigations += 1

    def _on_response(self, response) -> None:
        if self._main_frame_navigation(response.request):
            self._status = response.status

    def _on_navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self._committed += 1

    # ------------------------------------------------------------ navigation
    def open(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        if response is not None:
            self._status = response.status

    def url(self) -> str:
        return self.page.url

    def status(self) -> int | None:
        return self._status

    def title(self) -> str:
        return fold(self.page.title())

    def heading(self) -> str:
        h1 = self.page.get_by_role("heading", level=1)
        if h1.count() == 0:
            raise ElementIntrouvable(f"Titre <h1> introuvable sur la page {self.page.url}. Titres présents : "
                                     + (", ".join(f"« {h} »" for h in self.headings()) or "aucun") + ".")
        return fold(h1.first.inner_text())

    def headings(self) -> list[str]:
        return [fold(t) for t in self.page.get_by_role("heading").all_inner_texts()]

    def text(self) -> str:
        return fold(self.page.locator("body").inner_text())

    def html(self) -> str:
        return self.page.content()

    # ------------------------------------------------------------ lookup
    def _missing(self, kind: str, key: str, wording: str, also=()) -> str:
        try:
            root = parse_html(self.page.content())
        except PlaywrightError:
            root = None
        return missing_message(kind, key, wording, self.page.url, root, also)

    @staticmethod
    def _first_visible(locator: Locator) -> Locator | None:
        for i, (_, shown) in enumerate(locator.evaluate_all(PICK_JS)):
            if shown:
                return locator.nth(i)
        return None

    def _group(self, group: str) -> Locator:
        wording, prefix = resolve_label(self.labels, group)
        pattern = accessible_name_pattern(wording, prefix=prefix)
        found = self._first_visible(self.page.get_by_role("group", name=pattern)
                                    .or_(self.page.get_by_role("radiogroup", name=pattern)))
        if found is None:
            raise ElementIntrouvable(self._missing("groupes", group, wording))
        return found

    def _field(self, label: str, group: str | None = None, *, choice: bool = False) -> Locator:
        wording, prefix = resolve_label(self.labels, label)
        pattern = accessible_name_pattern(wording, prefix=prefix)
        scope = self._group(group) if group else self.page
        candidates = scope.get_by_label(pattern)
        # get_by_label also finds non-form elements named by aria-label: keep form controls.
        flags = candidates.evaluate_all(PICK_JS)
        found = [i for i, (field, _) in enumerate(flags) if field]
        visible = [i for i in found if flags[i][1]]
        if visible:
            return candidates.nth(visible[0])
        if choice and found:  # radios/check boxes visually replaced by a styled label
            return candidates.nth(found[0])
        raise ElementIntrouvable(self._missing("champs", label, wording))

    # ------------------------------------------------------------ fields
    def has_field(self, label: str) -> bool:
        return present(self._field, label)

    def fill(self, label: str, value: str) -> None:
        field = self._field(label)
        kind, editable = field.evaluate(EDITABLE_KIND_JS)
        if kind in ("checkbox", "radio"):
            raise ActionImpossible(f"« {label} » est une case ({kind}) : utiliser set_checked/choose.")
        if not editable:
            raise ActionImpossible(f"Le champ « {label} » n'est pas modifiable (désactivé ou en lecture seule) "
                                   f"sur la page {self.page.url}.")
        if kind == "select":
            self._select(field, label, value)
        else:
            field.fill(value)

    def value(self, label: str) -> str | None:
        try:
            field = self._field(label)
        except ElementIntrouvable:
            wording, prefix = resolve_label(self.labels, label)
            return find_term(parse_html(self.page.content()), wording, prefix)
        if field.evaluate(TYPE_JS) == "select":
            for text, _, selected in field.evaluate(SELECT_OPTIONS_JS):
                if selected:
                    return fold(text)
            return ""
        return field.input_value()

    def is_editable(self, label: str) -> bool:
        field = self._field(label)
        return field.is_editable() and not field.evaluate(READONLY_JS)

    def is_required(self, label: str) -> bool:
        field = self._field(label)
        return bool(field.evaluate(REQUIRED_JS)) and "*" in field.evaluate(LABEL_VISIBLE_JS)

    def required_marker_not_colour_only(self, label: str) -> bool:
        return "*" in self._field(label).evaluate(LABEL_VISIBLE_JS)

    def description(self, label: str) -> str:
        return fold(self._field(label).evaluate(DESCRIPTION_JS))

    def error(self, label: str) -> str | None:
        field = self._field(label)
        if field.get_attribute("aria-invalid") != "true":
            return None
        return fold(field.evaluate(DESCRIPTION_JS))

    def errors(self) -> dict[str, str]:
        out = {}
        invalid = self.page.locator('[aria-invalid="true"]')
        for i in range(invalid.count()):
            item = invalid.nth(i)
            out[guide_label(self.labels, fold(item.evaluate(LABEL_JS)))] = fold(item.evaluate(DESCRIPTION_JS))
        return out

    def input_type(self, label: str) -> str:
        return self._field(label).evaluate(TYPE_JS)

    # ------------------------------------------------------------ choices
    def is_checked(self, label: str, group: str | None = None) -> bool:
        return self._field(label, group, choice=True).is_checked()

    def set_checked(self, label: str, checked: bool, group: str | None = None) -> None:
        field = self._field(label, group, choice=True)
        if not field.is_enabled():
            raise ActionImpossible(f"La case « {label} » est désactivée sur la page {self.page.url}.")
        field.set_checked(checked, force=not field.is_visible())

    def choose(self, group: str, option: str) -> None:
        self.set_checked(option, True, group=group)

    def _choices(self, group: str) -> list[tuple[str, bool]]:
        handle = self._group(group)
        out = []
        boxes = handle.get_by_role("radio").or_(handle.get_by_role("checkbox"))
        for i in range(boxes.count()):
            box = boxes.nth(i)
            if box.evaluate(FIELD_JS):
                out.append((guide_label(self.labels, fold(box.evaluate(LABEL_JS))), box.is_checked()))
        return out

    def chosen(self, group: str) -> str | None:
        handle = self._group(group)
        radios = handle.get_by_role("radio")
        for i in range(radios.count()):
            if radios.nth(i).is_checked():
                return guide_label(self.labels, fold(radios.nth(i).evaluate(LABEL_JS)))
        return None

    def group_options(self, group: str) -> list[str]:
        return [name for name, _ in self._choices(group)]

    def has_group(self, group: str) -> bool:
        return present(self._group, group)

    def select_options(self, label: str) -> list[str]:
        field = self._field(label)
        if field.evaluate(TYPE_JS) != "select":
            raise ElementIntrouvable(f"« {label} » n'est pas une liste de choix sur la page {self.page.url}.")
        return [fold(text) for text, value, _ in field.evaluate(SELECT_OPTIONS_JS) if value != ""]

    def _select(self, field: Locator, label: str, option: str) -> None:
        wording, prefix = resolve_label(self.labels, option)
        options = field.evaluate(SELECT_OPTIONS_JS)
        for index, (text, value, _) in enumerate(options):
            if name_matches(text, wording, prefix=prefix) or value == option:
                field.select_option(index=index)
                return
        raise ElementIntrouvable(
            f"Option « {option} » introuvable dans la liste « {label} » sur la page {self.page.url}. Options : "
            + ", ".join(f"« {fold(t)} »" for t, _, _ in options) + ".")

    def select(self, label: str, option: str) -> None:
        field = self._field(label)
        if field.evaluate(TYPE_JS) != "select":
            raise ElementIntrouvable(f"« {label} » n'est pas une liste de choix sur la page {self.page.url}.")
        if not field.is_enabled():
            raise ActionImpossible(f"La liste « {label} » est désactivée sur la page {self.page.url}.")
        self._select(field, label, option)

    # ------------------------------------------------------------ buttons, links
    def _named(self, role: str, name: str) -> Locator | None:
        wording, prefix = resolve_label(self.labels, name)
        return self._first_visible(self.page.get_by_role(role, name=accessible_name_pattern(wording, prefix=prefix)))

    def has_button(self, name: str) -> bool:
        return self._named("button", name) is not None

    def has_link(self, name: str) -> bool:
        return self._named("link", name) is not None

    def click(self, name: str) -> None:
        target = self._named("button", name) or self._named("link", name)
        if target is None:
            wording, _ = resolve_label(self.labels, name)
            raise ElementIntrouvable(self._missing("boutons", name, wording, also=("liens",)))
        started, committed = self._navigations, self._committed
        target.click()
        self._wait_for_page(started, committed)

    def _wait_for_page(self, started: int, committed: int) -> None:
        """Wait for the page a click leads to; a click that navigates nowhere (native validation) returns."""
        deadline = time.monotonic() + NAVIGATION_START_S
        while self._navigations == started and time.monotonic() < deadline:
            self.page.wait_for_timeout(25)
        if self._navigations == started:
            return
        deadline = time.monotonic() + self.page_timeout_s
        while self._committed == committed and time.monotonic() < deadline:
            self.page.wait_for_timeout(25)
        self.page.wait_for_load_state("load")

    # ------------------------------------------------------------ roles
    def has_role(self, role: str, name: str | None = None) -> bool:
        if name is None:
            return self.page.get_by_role(role).count() > 0
        return self._named(role, name) is not None

    def image_alts(self) -> list[str]:
        return [fold(a) for a in self.page.evaluate(ALTS_JS)]

    def close(self) -> None:
        if self.owns_context:
            try:
                self.page.context.close()
            except PlaywrightError:
                pass
