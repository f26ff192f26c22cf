"""The page model both drivers read: an HTML document as an lxml tree and what a user (or assistive technology)
finds in it — roles, accessible names, labels, descriptions, groups, fields, buttons, links, dt/dd terms, section
titles — close enough to the browser's accessibility tree for the roles the contract uses (docs/CONTRACT.md §1).

The HTTP driver works on it; the browser driver uses it to say what *is* on a page when an element is missing.
"""
from __future__ import annotations

import re
from typing import Iterable

import lxml.html
from lxml import etree

from .base import Libelle, sans_controles, sans_marqueurs

FIELD_TAGS = {"input", "select", "textarea"}
NON_FIELD_INPUTS = {"hidden", "submit", "button", "reset", "image"}
BUTTON_INPUTS = {"submit", "button", "reset", "image"}
NOT_RENDERED = {"script", "style", "template", "head", "title", "meta", "link"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# Implicit ARIA roles, for has_role(); explicit role="" wins.
IMPLICIT_ROLES = {
    "meter": "meter", "progress": "progressbar", "output": "status", "fieldset": "group",
    "img": "img", "table": "table", "ul": "list", "ol": "list", "li": "listitem",
    "dt": "term", "dd": "definition", "nav": "navigation", "main": "main",
    "textarea": "textbox", "dialog": "dialog", "form": "form", "article": "article",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "button": "button", "tr": "row", "td": "cell", "th": "columnheader",
}
INPUT_ROLES = {
    "checkbox": "checkbox", "radio": "radio", "submit": "button", "button": "button",
    "reset": "button", "image": "button", "range": "slider", "number": "spinbutton",
    "search": "searchbox",
}
NAME_FROM_CONTENT = {"button", "link", "heading", "cell", "columnheader", "rowheader", "term",
                     "definition", "listitem", "option", "tab", "menuitem", "row", "tooltip",
                     "radio", "checkbox", "switch"}
# Roles of form controls a script draws on elements that are none (component libraries), and the native kind each
# stands for: a switch is a check box, a combobox or a listbox a list of choices.
WIDGET_KINDS = {"radio": "radio", "checkbox": "checkbox", "switch": "checkbox", "combobox": "select",
                "listbox": "select"}


# ---------------------------------------------------------------- HTML helpers

def fold(text: str | None) -> str:
    """The implementation's text, white space folded and control characters (an ANSI escape's ESC, NUL) shown as
    U+FFFD: what the steps compare, and what messages, terminals and XML reports may print."""
    return re.sub(r"\s+", " ", sans_controles((text or "").replace("\u00a0", " "))).strip()


def _hidden_self(el) -> bool:
    if not isinstance(el.tag, str):
        return False
    if el.tag in NOT_RENDERED or el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    return el.tag == "input" and (el.get("type") or "").lower() == "hidden"


def is_rendered(el) -> bool:
    """False when the element or an ancestor is hidden (hidden attribute, display:none, …)."""
    node = el
    while node is not None:
        if _hidden_self(node):
            return False
        node = node.getparent()
    return True


BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "section",
          "article", "header", "footer", "main", "nav", "form", "fieldset", "legend", "label",
          "h1", "h2", "h3", "h4", "h5", "h6", "option", "caption", "aside", "figure", "pre", "br"}


def text_of(el, *, skip=None, include_hidden: bool = False) -> str:
    """Rendered text of ``el`` (script/style and hidden parts left out), white space folded; ``skip``: an element
    left out, or a predicate telling which ones."""
    parts: list[str] = []
    sauter = skip if callable(skip) else (lambda node: node is skip)

    def walk(node):
        if not isinstance(node.tag, str) or sauter(node):
            return
        if not include_hidden and _hidden_self(node):
            return
        block = node.tag in BLOCKS
        if block:
            parts.append(" ")
        if node.tag == "img":
            parts.append(node.get("alt") or "")
        if node.text and node.tag not in ("select", "textarea"):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(" ")

    walk(el)
    return fold("".join(parts))


def by_id(root, ident: str):
    found = root.xpath("//*[@id=$i]", i=ident)
    return found[0] if found else None


def idrefs_text(root, refs: str | None, *, skip=None) -> str:
    texts = []
    for ident in (refs or "").split():
        target = by_id(root, ident)
        if target is not None:
            texts.append(text_of(target, include_hidden=True, skip=skip))
    return fold(" ".join(texts))


# A hint written inside a label or a legend (the DSFR's « fr-hint-text », « hint », « help-text »…): a class of
# which one dash- or underscore-separated part says so.
HINT_CLASS_PARTS = {"hint", "help", "helper", "aide"}


def description_part(el):
    """A predicate: whether a node inside ``el``'s label is part of its description rather than of its words — a
    hint (HINT_CLASS_PARTS) or what ``el``'s aria-describedby points to — or a control the label wraps."""
    described = set((el.get("aria-describedby") or "").split())

    def part(node) -> bool:
        if node is el or node.tag in FIELD_TAGS or node.tag == "button":
            return True
        if node.get("id") and node.get("id") in described:
            return True
        return any(HINT_CLASS_PARTS & set(re.split(r"[-_]", token)) for token in (node.get("class") or "").split())
    return part


def role_of(el) -> str | None:
    explicit = (el.get("role") or "").split()
    if explicit:
        return explicit[0]
    tag = el.tag
    if tag == "input":
        typ = (el.get("type") or "text").lower()
        if typ == "hidden":
            return None
        return INPUT_ROLES.get(typ, "textbox")
    if tag == "a":
        return "link" if el.get("href") is not None else None
    if tag == "select":
        return "listbox" if el.get("multiple") is not None else "combobox"
    if tag == "section" and (el.get("aria-label") or el.get("aria-labelledby")):
        return "region"
    return IMPLICIT_ROLES.get(tag)


def field_labels(el) -> list:
    """The <label> elements of a control: label[for=id] and the wrapping label."""
    root = el.getroottree().getroot()
    labels = []
    ident = el.get("id")
    if ident:
        labels.extend(root.xpath("//label[@for=$i]", i=ident))
    parent = el.getparent()
    while parent is not None:
        if parent.tag == "label" and parent.get("for") in (None, ident) and parent not in labels:
            labels.append(parent)
            break
        parent = parent.getparent()
    return labels


def hidden_from_names(inside):
    """A predicate: a node within ``inside`` that assistive technologies do not get (aria-hidden="true"), left
    out of the names computed from its content, as Chromium leaves it out."""
    return lambda node: node is not inside and node.get("aria-hidden") == "true"


def label_text(el, *, include_hidden: bool = False) -> str:
    """The control's label as its accessible name reads it (aria-labelledby, aria-label, then <label>)."""
    root = el.getroottree().getroot()
    if el.get("aria-labelledby"):
        return idrefs_text(root, el.get("aria-labelledby"))
    if el.get("aria-label"):
        return fold(el.get("aria-label"))
    texts = []
    for lab in field_labels(el):
        cache = hidden_from_names(lab)
        texts.append(text_of(lab, skip=lambda node: node is el or cache(node), include_hidden=include_hidden))
    return fold(" ".join(t for t in texts if t))


def seen_label(el) -> str:
    """The label a user sees, in its own words: aria-labelledby's text, else its <label>s' text (never aria-label),
    without its description (``description_part``)."""
    root = el.getroottree().getroot()
    part = description_part(el)
    if el.get("aria-labelledby"):
        return idrefs_text(root, el.get("aria-labelledby"), skip=part)
    return fold(" ".join(t for t in (text_of(lab, skip=part) for lab in field_labels(el)) if t))


def own_name(el) -> str:
    """The words of an element's accessible name, its description left out (``description_part``: a hint inside
    its label or legend, what aria-describedby points to): what a field, a group or a choice is compared on."""
    root = el.getroottree().getroot()
    part = description_part(el)
    if el.get("aria-labelledby"):
        return idrefs_text(root, el.get("aria-labelledby"), skip=part)
    if el.get("aria-label"):
        return fold(el.get("aria-label"))
    if el.tag in FIELD_TAGS:
        return seen_label(el) or fold(el.get("title"))
    if el.tag == "fieldset":
        legends = [c for c in el if c.tag == "legend"]
        return text_of(legends[0], skip=part) if legends else fold(el.get("title"))
    return accessible_name(el)


def names_of(el) -> tuple[str, ...]:
    """What a lookup compares a wording with: the element's own words, then its whole accessible name."""
    own, full = own_name(el), accessible_name(el)
    return (own,) if own == full else (own, full)


def accessible_name(el) -> str:
    """Accessible name, close enough to the browser's for the roles the contract uses."""
    root = el.getroottree().getroot()
    if el.get("aria-labelledby"):
        return idrefs_text(root, el.get("aria-labelledby"))
    if el.get("aria-label"):
        return fold(el.get("aria-label"))
    tag = el.tag
    if tag in FIELD_TAGS or tag in ("meter", "progress", "output", "button"):
        if tag == "input" and (el.get("type") or "").lower() in ("submit", "reset", "button"):
            return fold(el.get("value") or {"submit": "Envoyer", "reset": "Réinitialiser"}.get(
                (el.get("type") or "").lower(), ""))
        if tag == "input" and (el.get("type") or "").lower() == "image":
            return fold(el.get("alt") or el.get("value") or "")
        labelled = label_text(el)
        if labelled or tag != "button":
            return labelled or fold(el.get("title"))
    if tag == "fieldset":
        legends = [c for c in el if c.tag == "legend"]
        return text_of(legends[0], skip=hidden_from_names(legends[0])) if legends else fold(el.get("title"))
    if tag == "img":
        return fold(el.get("alt") or el.get("title"))
    if tag == "table":
        captions = [c for c in el if c.tag == "caption"]
        return text_of(captions[0], skip=hidden_from_names(captions[0])) if captions else ""
    if role_of(el) in NAME_FROM_CONTENT:
        return text_of(el, skip=hidden_from_names(el)) or fold(el.get("title"))
    return fold(el.get("title"))


def description_of(el) -> str:
    root = el.getroottree().getroot()
    text = idrefs_text(root, el.get("aria-describedby"))
    return text or fold(el.get("aria-description"))


def form_owner(el):
    root = el.getroottree().getroot()
    if el.get("form"):
        return by_id(root, el.get("form"))
    parent = el.getparent()
    while parent is not None:
        if parent.tag == "form":
            return parent
        parent = parent.getparent()
    return None


def is_disabled(el) -> bool:
    if el.get("disabled") is not None:
        return True
    child, parent = el, el.getparent()
    while parent is not None:
        if parent.tag == "fieldset" and parent.get("disabled") is not None:
            legends = [c for c in parent if c.tag == "legend"]
            if not (legends and child is legends[0]):
                return True
        child, parent = parent, parent.getparent()
    return False


def input_type_of(el) -> str:
    if el.tag == "input":
        return (el.get("type") or "text").lower()
    return el.tag


def aria_widget(el) -> bool:
    """A form control drawn by a script: the ARIA role of one on an element that is no form control."""
    return isinstance(el.tag, str) and el.tag not in FIELD_TAGS and role_of(el) in WIDGET_KINDS


def control_kind(el) -> str:
    """A control's kind: a native control's type, an ARIA widget's native counterpart (WIDGET_KINDS)."""
    return WIDGET_KINDS[role_of(el)] if aria_widget(el) else input_type_of(el)


def is_choice(el) -> bool:
    """What a user ticks or presses to choose: a radio, a check box, a switch, a toggle button (aria-pressed)."""
    return isinstance(el.tag, str) and (control_kind(el) in ("radio", "checkbox") or el.get("aria-pressed") is not None)


def aria_options(el) -> list:
    """The options of an ARIA combobox or listbox: of the listbox it controls or owns, else its own."""
    root = el.getroottree().getroot()
    ids = f"{el.get('aria-controls') or ''} {el.get('aria-owns') or ''}".split()
    lists = [el] if role_of(el) == "listbox" else [by_id(root, i) for i in ids]
    lists = [liste for liste in lists if liste is not None] or [e for e in el.iter() if role_of(e) == "listbox"]
    return [o for liste in lists for o in liste.iter() if isinstance(o.tag, str) and role_of(o) == "option"]


def fields(root) -> list:
    """Form controls a user can see: input (not hidden/buttons), select, textarea, and ARIA widgets."""
    out = []
    for el in root.iter():
        if el.tag in FIELD_TAGS:
            if el.tag == "input" and input_type_of(el) in NON_FIELD_INPUTS:
                continue
        elif not aria_widget(el):
            continue
        if is_rendered(el):
            out.append(el)
    return out


def groups(root) -> list:
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "fieldset" or role_of(el) in ("group", "radiogroup"):
            if is_rendered(el):
                out.append(el)
    return out


def buttons(root) -> list:
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "button" or (el.tag == "input" and input_type_of(el) in BUTTON_INPUTS) \
                or el.get("role") == "button":
            if is_rendered(el):
                out.append(el)
    return out


def links(root) -> list:
    return [el for el in root.iter("a") if el.get("href") is not None
            and el.get("role") in (None, "link") and is_rendered(el)]


def option_text(option) -> str:
    return fold(option.get("label") or option.text_content())


def select_choices(select) -> list:
    """The options of a <select>, without the empty placeholder."""
    return [o for o in select.iter("option")
            if (o.get("value") if o.get("value") is not None else option_text(o)) != ""]


def term_pairs(root) -> list[tuple[str, str]]:
    """Read-only information shown as dt/dd pairs or th/td rows, in document order."""
    pairs = []
    for dt in root.iter("dt"):
        node = dt.getnext()
        while node is not None and node.tag not in ("dd", "dt"):
            node = node.getnext()
        if node is not None and node.tag == "dd":
            pairs.append((text_of(dt), text_of(node)))
    for row in root.iter("tr"):
        cells = [c for c in row if c.tag in ("th", "td")]
        for i, cell in enumerate(cells[:-1]):
            if cell.tag == "th" and cells[i + 1].tag == "td":
                pairs.append((text_of(cell), text_of(cells[i + 1])))
    return pairs


def find_term(root, libelle: Libelle) -> str | None:
    for term, value in term_pairs(root):
        if libelle.correspond(term):
            return value
    return None


def inventory(root) -> dict[str, list[str]]:
    """Names of what is on the page, for the « introuvable » messages."""
    def names(elements, fn):
        seen = []
        for el in elements:
            name = sans_marqueurs(fn(el))
            if name and name not in seen:
                seen.append(name)
        return seen
    return {
        "champs": names(fields(root), own_name),
        "groupes": names(groups(root), own_name),
        "boutons": names(buttons(root), accessible_name),
        "liens": names(links(root), accessible_name),
        "informations": names(term_pairs(root), lambda p: p[0]),
    }


KIND_FR = {
    "champs": "Champ", "groupes": "Groupe", "boutons": "Bouton", "liens": "Lien",
    "informations": "Information",
}


def missing_message(kind: str, libelle: Libelle, url: str, root, also: Iterable[str] = ()) -> str:
    """« Champ « X » introuvable sur URL. Champs présents : « A », « B ». »"""
    what = f"{KIND_FR.get(kind, 'Élément')} « {libelle.cle} » introuvable sur la page {url or '(sans adresse)'}"
    if libelle.remplace:
        what += f" (libellé cherché d'après le profil : « {libelle.cherche} »)"
    inv = inventory(root) if root is not None else {}
    lines = [what + "."]
    for k in [kind, *also]:
        present = inv.get(k, [])
        label = {"champs": "Champs", "groupes": "Groupes", "boutons": "Boutons", "liens": "Liens",
                 "informations": "Informations (dt/dd)"}.get(k, k)
        lines.append(f"{label} présents : " + (", ".join(f"« {n} »" for n in present) or "aucun") + ".")
    return " ".join(lines)


def section_titles(root) -> list[str]:
    """Headings, fieldset legends, named regions' names and table captions, in document order."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not is_rendered(el):
            continue
        role = el.get("role")
        if role == "heading" or (el.tag in HEADINGS and role in (None, "heading")):
            out.append(text_of(el))
        elif el.tag in ("legend", "caption"):
            out.append(text_of(el))
        elif (el.tag == "section" or role in ("region", "group", "form")) and (
                el.get("aria-label") or el.get("aria-labelledby")):
            out.append(accessible_name(el))
    return [t for t in out if t]


def parse_html(text: str):
    try:
        return lxml.html.document_fromstring(text or "<html><body></body></html>")
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring("<html><body></body></html>")


# ---------------------------------------------------------------- form submission
