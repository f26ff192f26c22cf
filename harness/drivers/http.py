"""HTTP driver: requests + lxml, a browser without JavaScript.

It keeps the current page's document as an lxml tree and edits that tree when
the step fills a field, so that submitting a form sends exactly what a browser
without JavaScript would send (HTML "constructing the entry list"): every
successful control including hidden inputs and CSRF tokens, the submit button's
own name=value, to the form's action resolved against the page URL.

The page model (roles, names, labels, groups) is harness/drivers/page.py.
"""
from __future__ import annotations

import codecs
import re
import time
from typing import Mapping
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

import requests

from fixtures.clients import SessionHttp

from .base import (ActionImpossible, Cookie, ElementIntrouvable, Libelle, Origines, ReponseTropVolumineuse, Session,
                   Vocabulaire, guide_label, present, resolve_label, sans_controles)
from .page import (BUTTON_INPUTS, HEADINGS, accessible_name, aria_options, aria_widget, buttons, control_kind,
                   description_of, fields, find_term, fold, form_owner, groups, input_type_of, inventory, is_choice,
                   is_disabled, is_rendered, links, missing_message, names_of, option_text, own_name, parse_html,
                   role_of, section_titles, seen_label, select_choices, text_of)

TIMEOUT = 30
# What the harness reads of one answer: beyond, a clear error instead of memory spent on a hostile body.
LIMITE_REPONSE = 5 * 1024 * 1024
MAX_REDIRECTIONS = 20  # as browsers (Chromium stops at 20)
BLOC = 64 * 1024

def entry_list(form, submitter=None) -> list[tuple[str, str]]:
    """Successful controls of ``form`` in tree order (HTML "constructing the entry list")."""
    root = form.getroottree().getroot()
    form_id = form.get("id")
    controls = []
    for el in root.iter("input", "select", "textarea", "button"):
        owner = form_owner(el)
        if owner is form or (form_id and el.get("form") == form_id):
            controls.append(el)
    entries: list[tuple[str, str]] = []
    for el in controls:
        name = el.get("name")
        if not name or is_disabled(el):
            continue
        if any(a.tag == "datalist" for a in el.iterancestors()):
            continue
        typ = input_type_of(el)
        if el.tag == "button" or typ in BUTTON_INPUTS:
            if el is not submitter:
                continue
            if typ == "image":
                entries += [(f"{name}.x", "0"), (f"{name}.y", "0")]
            else:
                entries.append((name, el.get("value") or ""))
            continue
        if typ in ("checkbox", "radio"):
            if el.get("checked") is not None:
                entries.append((name, el.get("value") if el.get("value") is not None else "on"))
            continue
        if typ == "file":
            continue
        if el.tag == "select":
            options = list(el.iter("option"))
            chosen = [o for o in options if o.get("selected") is not None]
            if not chosen and el.get("multiple") is None:
                enabled = [o for o in options if o.get("disabled") is None]
                chosen = enabled[:1]
            for o in chosen:
                if o.get("disabled") is None:
                    entries.append((name, o.get("value") if o.get("value") is not None else fold(o.text_content())))
            continue
        if el.tag == "textarea":
            entries.append((name, (el.text or "").replace("\r\n", "\n")))
            continue
        entries.append((name, el.get("value") or ""))
    return entries


class _SessionDeConfiance(SessionHttp):
    """A session whose ``verify`` wins over $REQUESTS_CA_BUNDLE and $CURL_CA_BUNDLE (requests lets them override a
    session's own setting: psf/requests#3829)."""

    def merge_environment_settings(self, url, proxies, stream, verify, cert):
        return super().merge_environment_settings(url, proxies, stream, self.verify if verify is None else verify,
                                                  cert)


def session_http(confiance: str | None = None) -> requests.Session:
    """A requests session that verifies HTTPS against ``confiance`` (PEM certificates) when given, else against the
    system's authorities: never without verifying."""
    if not confiance:
        return SessionHttp()
    session = _SessionDeConfiance()
    session.verify = confiance
    return session


class HttpDriver:
    """The Driver protocol over plain HTTP (requests) and static HTML (lxml)."""

    canal = "http"

    def __init__(self, session: requests.Session | None = None, labels: Vocabulaire | Mapping | None = None,
                 timeout: float = TIMEOUT, *, origines: Origines | None = None, limite: int = LIMITE_REPONSE):
        self.session_http = session or SessionHttp()
        self.origines = origines  # None: any origin (the drivers' own tests); else links, redirects, forms stay there
        self.limite = limite
        self.labels = Vocabulaire.de(labels)
        self.etape: str | None = None
        self.timeout = timeout
        self._url = ""
        self._status: int | None = None
        self._html = ""
        self.root = parse_html("")
        self._inventaire: tuple | None = None  # (the page's tree, its inventory)
        self.history: list[tuple[str, str, int]] = []  # (method, url, status)
        self.rewritten, self.occurrences = False, 0
        self._reecriture: tuple[str, str, bool, int | None] | None = None
        self.altered = False
        self._alteration: tuple[bool, dict[str, str]] | None = None
        self._headers: Mapping[str, str] = {}
        self.set_cookies: list[str] = []  # every Set-Cookie header line received, in order (redirects included)
        self.duree = 0.0  # seconds the last page took to answer (its redirects included)
        self._derniere_soumission: tuple | None = None  # what the last form sent: replay_last_submission

    # ------------------------------------------------------------ navigation
    def _envoyer(self, method: str, url: str, quoi: str, *, headers: dict | None = None, data=None, files=None,
                 cle: str | None = None) -> None:
        """Send one request and follow its redirects by hand, each within the allowed origins, reading at most
        ``limite`` bytes of each answer; load the page it ends on."""
        historique: list[tuple[str, str, int]] = []
        self.duree = 0.0
        for _ in range(MAX_REDIRECTIONS + 1):
            if self.origines is not None:
                self.origines.exiger(url, quoi, cle=cle, page=self.etape)
            response = self.session_http.request(method, url, headers=headers, data=data, files=files,
                                                 timeout=self.timeout, allow_redirects=False, stream=True)
            # every Set-Cookie line of every hop, and how long the implementation took (until each hop's headers)
            getlist = getattr(getattr(response.raw, "headers", None), "getlist", None)
            self.set_cookies += getlist("Set-Cookie") if getlist else []
            self.duree += response.elapsed.total_seconds()
            cible = response.headers.get("Location") if response.is_redirect else None
            if cible is None:
                return self._load(response, self._lire(response), historique)
            response.close()  # a redirect's body is not read
            historique.append((method, response.url, response.status_code))
            url = urljoin(response.url, cible.encode("latin-1", errors="replace").decode("utf-8", errors="replace")).split("#")[0]
            quoi = f"la redirection ({response.status_code}) de {sans_controles(response.url)[:300]}"
            if response.status_code == 303 and method != "HEAD" or (
                    response.status_code in (301, 302) and method == "POST"):
                method, data, files = "GET", None, None  # as browsers do (and requests)
                headers = {k: v for k, v in (headers or {}).items() if k.lower() != "content-type"}
        raise ReponseTropVolumineuse(f"Plus de {MAX_REDIRECTIONS} redirections à la suite depuis {quoi} : le harnais "
                                     f"arrête là (une boucle ?).", page=self.etape)

    def _lire(self, response: requests.Response) -> bytes:
        """The answer's body, ``limite`` bytes at most and within the timeout, else a clear error."""
        fin = time.monotonic() + self.timeout
        morceaux, taille = [], 0
        try:
            for morceau in response.iter_content(BLOC):
                taille += len(morceau)
                if taille > self.limite:
                    raise ReponseTropVolumineuse(
                        f"La réponse de {sans_controles(response.url)[:300]} dépasse {self.limite // (1024 * 1024)} Mo : "
                        f"le harnais ne la lit pas au-delà.", page=self.etape)
                if time.monotonic() > fin:
                    raise ReponseTropVolumineuse(
                        f"La réponse de {sans_controles(response.url)[:300]} n'est pas arrivée en entier en "
                        f"{self.timeout:g} s ({taille} octets reçus) : le harnais ne l'attend pas plus.", page=self.etape)
                morceaux.append(morceau)
        finally:
            response.close()
        return b"".join(morceaux)

    def _load(self, response: requests.Response, contenu: bytes, historique: list[tuple[str, str, int]]) -> None:
        self.history.extend(historique)
        self.history.append((response.request.method or "GET", response.url, response.status_code))
        self._headers = response.headers
        self._url = response.url
        self._status = response.status_code
        content_type = response.headers.get("Content-Type", "")
        match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
        if match:
            charset = match.group(1)
        else:
            meta = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", contenu[:4096], re.I)
            charset = meta.group(1).decode("ascii") if meta else "utf-8"
        try:
            if not codecs.lookup(charset)._is_text_encoding:
                raise LookupError(charset)  # "base64", "zlib"…: not a charset, whatever the page says
            self._html = contenu.decode(charset, errors="replace")
        except (LookupError, UnicodeError, ValueError):
            self._html = contenu.decode("utf-8", errors="replace")
        self.root = parse_html(self._html)

    def open(self, url: str) -> None:
        self.etape = None  # another page: the steps say which it is
        self._envoyer("GET", url, "L'adresse ouverte")

    def url(self) -> str:
        return self._url

    def status(self) -> int | None:
        return self._status

    def headers(self) -> Mapping[str, str]:
        """The last response's HTTP headers (case-insensitive names)."""
        return self._headers

    def session(self) -> Session:
        host = urlsplit(self._url).hostname or ""
        cookies = []
        for c in self.session_http.cookies:
            domain = c.domain.lstrip(".")
            if not c.domain_specified and domain == host + ".local":  # http.cookiejar's name for a dotless host
                domain = host
            cookies.append(Cookie(name=c.name, value=c.value or "", domain=domain, path=c.path or "/",
                                  secure=bool(c.secure), http_only=c.has_nonstandard_attr("HttpOnly"),
                                  host_only=not c.domain_specified, expires=c.expires))
        return Session(url=self._url, cookies=tuple(cookies))

    def adopt(self, session: Session) -> None:
        self.set_session_cookies(session)
        self.open(session.url)

    def set_session_cookies(self, session: Session) -> None:
        """Forget this driver's cookies and take ``session``'s (a copy kept earlier, another driver's)."""
        self.session_http.cookies.clear()
        for c in session.cookies:
            rest = {"HttpOnly": None} if c.http_only else {}
            # http.cookiejar names a dotless host "host.local"
            domain = (c.domain + ".local" if "." not in c.domain else c.domain) if c.host_only else "." + c.domain
            self.session_http.cookies.set(c.name, c.value, domain=domain,
                                          path=c.path, secure=c.secure, expires=c.expires, rest=rest)

    def title(self) -> str:
        found = self.root.find(".//title")
        return fold(found.text_content()) if found is not None else ""

    def _headings(self):
        out = []
        for el in self.root.iter():
            if not isinstance(el.tag, str) or not is_rendered(el):
                continue
            if el.get("role") == "heading":
                out.append((int(el.get("aria-level") or 2), el))
            elif el.tag in HEADINGS and el.get("role") in (None, "heading"):
                out.append((int(el.tag[1]), el))
        return out

    def heading(self) -> str:
        for level, el in self._headings():
            if level == 1:
                return text_of(el)
        raise ElementIntrouvable(
            f"Titre <h1> introuvable sur la page {self._url}. Titres présents : "
            + (", ".join(f"« {self._text(e)} »" for _, e in self._headings()) or "aucun") + ".")

    def headings(self) -> list[str]:
        return [text_of(el) for _, el in self._headings()]

    def section_titles(self) -> list[str]:
        return section_titles(self.root)

    def inventory(self) -> dict[str, list[str]]:
        # Read again only for another page: what a page offers does not change while the harness fills it (its
        # values do, not its fields, labels or buttons), and the steps ask it of each page several times (which
        # page this is, then what it lacks).
        if self._inventaire is None or self._inventaire[0] is not self.root:
            self._inventaire = (self.root, inventory(self.root))
        return self._inventaire[1]

    @staticmethod
    def _text(el) -> str:
        return text_of(el)

    def text(self) -> str:
        body = self.root.find(".//body")
        return text_of(body if body is not None else self.root)

    def html(self) -> str:
        return self._html

    # ------------------------------------------------------------ lookup
    def _scope(self, group: str | None):
        return self._group(group) if group else self.root

    def _libelle(self, key: str) -> Libelle:
        return resolve_label(self.labels, key, self.etape)

    def _find_field(self, label: str, group: str | None = None, *, kinds: set[str] | None = None):
        libelle = self._libelle(label)
        scope = self._scope(group)
        for el in fields(scope):
            if kinds and control_kind(el) not in kinds:
                continue
            if any(libelle.correspond(name) for name in names_of(el)):
                return el
        raise ElementIntrouvable(self._missing("champs", libelle), cle=label, page=self.etape)

    def _missing(self, kind: str, libelle: Libelle, also=()) -> str:
        return missing_message(kind, libelle, self._url, self.root, also)

    def _group(self, group: str):
        libelle = self._libelle(group)
        for el in groups(self.root):
            if any(libelle.correspond(name) for name in names_of(el)):
                return el
        raise ElementIntrouvable(self._missing("groupes", libelle), cle=group, page=self.etape)

    def _choices(self, scope) -> list:
        return [el for el in scope.iter() if is_choice(el) and is_rendered(el)]

    def _find_choice(self, label: str, group: str | None = None):
        libelle = self._libelle(label)
        for el in self._choices(self._scope(group)):
            if any(libelle.correspond(name) for name in names_of(el)):
                return el
        raise ElementIntrouvable(self._missing("champs", libelle), cle=label, page=self.etape)

    def _sans_script(self, el, label: str) -> None:
        """An ARIA widget (or a toggle button) has no form field: a client without JavaScript cannot operate it."""
        if aria_widget(el) or el.get("aria-pressed") is not None:
            raise ActionImpossible(f"« {label} » est un contrôle dessiné par un script (role={role_of(el)}"
                                   + (", aria-pressed" if el.get("aria-pressed") is not None else "")
                                   + f") sur la page {self._url} : sans JavaScript, il ne s'actionne pas et n'envoie "
                                   f"aucun champ de formulaire.", cle=label, page=self.etape)

    @staticmethod
    def _checked(el) -> bool:
        if el.tag == "input":
            return el.get("checked") is not None
        return (el.get("aria-checked") or el.get("aria-pressed")) == "true"

    # ------------------------------------------------------------ fields
    def has_field(self, label: str) -> bool:
        return present(self._find_field, label)

    def _editable_or_raise(self, el, label: str) -> None:
        if is_disabled(el) or el.get("readonly") is not None:
            raise ActionImpossible(f"Le champ « {label} » n'est pas modifiable (désactivé ou en lecture seule) "
                                   f"sur la page {self._url}.", cle=label, page=self.etape)

    def fill(self, label: str, value: str) -> None:
        el = self._find_field(label)
        typ = control_kind(el)
        if typ in ("checkbox", "radio"):
            raise ActionImpossible(f"« {label} » est une case ({typ}) : utiliser set_checked/choose.", cle=label, page=self.etape)
        self._editable_or_raise(el, label)
        self._sans_script(el, label)
        if el.tag == "select":
            self._select_option(el, label, value)
        elif el.tag == "textarea":
            for child in list(el):
                el.remove(child)
            el.text = value
        else:
            maxlength = el.get("maxlength")
            if maxlength and maxlength.isdigit():
                value = value[: int(maxlength)]  # as a user typing in a browser would be stopped
            el.set("value", value)

    def value(self, label: str) -> str | None:
        try:
            el = self._find_field(label)
        except ElementIntrouvable:
            return find_term(self.root, self._libelle(label))
        if aria_widget(el):
            return text_of(el)  # what the combobox shows
        if el.tag == "select":
            chosen = [o for o in el.iter("option") if o.get("selected") is not None]
            if not chosen:
                chosen = list(el.iter("option"))[:1]
            return option_text(chosen[0]) if chosen else ""
        if el.tag == "textarea":
            return el.text or ""
        return el.get("value") or ""

    def is_editable(self, label: str) -> bool:
        el = self._find_field(label)
        return not is_disabled(el) and el.get("readonly") is None and el.get("aria-readonly") != "true"

    def _marker(self, el) -> bool:
        return "*" in (seen_label(el) or fold(el.get("aria-label")))

    def is_required(self, label: str) -> bool:
        el = self._find_field(label)
        flagged = el.get("required") is not None or el.get("aria-required") == "true"
        return flagged and self._marker(el)

    def required_marker_not_colour_only(self, label: str) -> bool:
        return self._marker(self._find_field(label))

    def description(self, label: str) -> str:
        return description_of(self._find_field(label))

    def error(self, label: str) -> str | None:
        el = self._find_field(label)
        return description_of(el) if el.get("aria-invalid") == "true" else None

    def errors(self) -> dict[str, str]:
        out = {}
        for el in self.root.xpath("//*[@aria-invalid='true']"):
            out[guide_label(self.labels, own_name(el), self.etape)] = description_of(el)
        return out

    def input_type(self, label: str) -> str:
        return control_kind(self._find_field(label))

    # ------------------------------------------------------------ choices
    def is_checked(self, label: str, group: str | None = None) -> bool:
        return self._checked(self._find_choice(label, group))

    def set_checked(self, label: str, checked: bool, group: str | None = None) -> None:
        el = self._find_choice(label, group)
        if is_disabled(el) or any(a.get("aria-disabled") == "true" for a in (el, *el.iterancestors())):
            raise ActionImpossible(f"La case « {label} » est désactivée sur la page {self._url}.", cle=label, page=self.etape)
        self._sans_script(el, label)
        if not checked and input_type_of(el) == "radio" and self._checked(el):
            raise ActionImpossible(f"La case « {label} » ne se décoche pas sur la page {self._url} : une option "
                                   f"d'un groupe se décoche en choisissant une autre.", cle=label, page=self.etape)
        if checked:
            if input_type_of(el) == "radio":
                self._uncheck_radio_group(el)
            el.set("checked", "checked")
        elif el.get("checked") is not None:
            del el.attrib["checked"]

    def _uncheck_radio_group(self, radio) -> None:
        owner, name = form_owner(radio), radio.get("name")
        for other in self.root.iter("input"):
            if input_type_of(other) == "radio" and other.get("name") == name and form_owner(other) is owner:
                if other.get("checked") is not None:
                    del other.attrib["checked"]

    def choose(self, group: str, option: str) -> None:
        self.set_checked(option, True, group=group)

    def chosen(self, group: str) -> str | None:
        # a group's choice: its checked radio or its pressed toggle button (an OUI/NON pair)
        for el in self._choices(self._group(group)):
            if control_kind(el) != "checkbox" and self._checked(el):
                return guide_label(self.labels, own_name(el), self.etape)
        return None

    def group_options(self, group: str) -> list[str]:
        return [guide_label(self.labels, own_name(el), self.etape) for el in self._choices(self._group(group))]

    def has_group(self, group: str) -> bool:
        return present(self._group, group)

    def select_options(self, label: str) -> list[str]:
        el = self._find_field(label, kinds={"select"})
        if aria_widget(el):
            return [text_of(o) for o in aria_options(el)]
        return [option_text(o) for o in select_choices(el)]

    def _select_option(self, el, label: str, option: str) -> None:
        libelle = self._libelle(option)
        for o in el.iter("option"):
            if libelle.correspond(option_text(o)) or (o.get("value") == option):
                if el.get("multiple") is None:
                    for other in el.iter("option"):
                        other.attrib.pop("selected", None)
                o.set("selected", "selected")
                return
        raise ElementIntrouvable(
            f"Option « {option} » introuvable dans la liste « {label} » sur la page {self._url}. Options : "
            + ", ".join(f"« {option_text(o)} »" for o in el.iter("option")) + ".", cle=option, page=self.etape)

    def select(self, label: str, option: str) -> None:
        el = self._find_field(label, kinds={"select"})
        self._editable_or_raise(el, label)
        self._sans_script(el, label)
        self._select_option(el, label, option)

    # ------------------------------------------------------------ buttons, links
    def _button(self, name: str):
        libelle = self._libelle(name)
        return next((el for el in buttons(self.root) if libelle.correspond(accessible_name(el))), None)

    def _link(self, name: str):
        libelle = self._libelle(name)
        return next((el for el in links(self.root) if libelle.correspond(accessible_name(el))), None)

    def has_button(self, name: str) -> bool:
        return self._button(name) is not None

    def has_link(self, name: str) -> bool:
        return self._link(name) is not None

    def base_url(self) -> str:
        base = self.root.find(".//base[@href]")
        return urljoin(self._url, base.get("href")) if base is not None else self._url

    def click(self, name: str) -> None:
        button = self._button(name)
        if button is not None:
            if button.tag == "a" and button.get("href") is not None:
                return self._follow(button)
            return self._press(button, name)
        link = self._link(name)
        if link is not None:
            return self._follow(link)
        raise ElementIntrouvable(self._missing("boutons", self._libelle(name), also=("liens",)), cle=name, page=self.etape)

    def _follow(self, link) -> None:
        href = link.get("href") or ""
        if href.startswith("#") or href.lower().startswith("javascript:"):
            raise ActionImpossible(f"Le lien « {text_of(link)} » ne mène à aucune page sans JavaScript "
                                   f"(href « {href} ») sur la page {self._url}.", cle=guide_label(
                                       self.labels, text_of(link), self.etape), page=self.etape)
        target = urljoin(self.base_url(), href).split("#")[0]
        self._envoyer("GET", target, f"Le lien « {text_of(link)} » de la page {self._url}", headers={"Referer": self._url},
                      cle=guide_label(self.labels, text_of(link), self.etape))

    def _press(self, button, name: str) -> None:
        typ = (button.get("type") or "submit").lower() if button.tag == "button" else input_type_of(button)
        if is_disabled(button):
            raise ActionImpossible(f"Le bouton « {name} » est désactivé sur la page {self._url}.", cle=name, page=self.etape)
        if typ not in ("submit", "image"):
            raise ActionImpossible(f"Le bouton « {name} » (type {typ}) n'a aucun effet sans JavaScript "
                                   f"sur la page {self._url} : il devrait envoyer un formulaire.", cle=name, page=self.etape)
        form = form_owner(button)
        if form is None:
            raise ActionImpossible(f"Le bouton « {name} » n'appartient à aucun formulaire sur la page {self._url}.", cle=name, page=self.etape)
        self.submit(form, button)

    def submit(self, form, submitter=None) -> None:
        """Submit ``form`` as a browser without JavaScript would."""
        def attr(name: str, default: str = "") -> str:
            if submitter is not None and submitter.get("form" + name) is not None:
                return submitter.get("form" + name)
            return form.get(name) or default

        method = attr("method", "get").lower()
        action = urljoin(self.base_url(), attr("action") or self._url).split("#")[0]
        enctype = attr("enctype", "application/x-www-form-urlencoded").lower()
        data = entry_list(form, submitter)
        if self._reecriture:
            avant, apres, entiere, rang = self._reecriture
            trouves = [i for i, (_, v) in enumerate(data) if (v == avant if entiere else avant in v)]
            if trouves:
                choisis = set(trouves if rang is None else trouves[rang:][:1])
                data = [(k, v.replace(avant, apres) if i in choisis else v) for i, (k, v) in enumerate(data)]
                self.rewritten, self.occurrences, self._reecriture = True, len(trouves), None
        headers = {"Referer": self._url}
        if self._alteration is not None and method == "post":
            sans_caches, en_tetes = self._alteration
            if sans_caches:
                caches = {el.get("name") for el in form.iter("input")
                          if (el.get("type") or "").lower() == "hidden" and el.get("name")}
                data = [(k, v) for k, v in data if k not in caches]
            headers.update(en_tetes)
            self.altered, self._alteration = True, None
        if method == "dialog":
            return
        self._derniere_soumission = (method, action, enctype, data, headers)
        self._send(method, action, enctype, data, headers)

    def _send(self, method: str, action: str, enctype: str, data: list[tuple[str, str]], headers: dict) -> None:
        quoi = f"L'envoi du formulaire de la page {self._url} (action « {action} »)"
        if method != "post":
            parts = urlsplit(action)
            return self._envoyer("GET", urlunsplit(parts._replace(query=urlencode(data))), quoi, headers=headers)
        if enctype == "multipart/form-data":
            return self._envoyer("POST", action, quoi, files=[(k, (None, v)) for k, v in data], headers=headers)
        if enctype == "text/plain":
            body = "".join(f"{k}={v}\r\n" for k, v in data).encode("utf-8")
            return self._envoyer("POST", action, quoi, data=body, headers={**headers, "Content-Type": "text/plain"})
        self._envoyer("POST", action, quoi, data=urlencode(data, encoding="utf-8"),
                      headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})

    def replay_last_submission(self, session: Session | None = None, replace: tuple[str, str] | None = None) -> None:
        """Send the last form submission again, as it went (a replayed request): with ``session``'s cookies in
        place of this driver's when given; ``replace`` = (old, new) swaps a value typed in what it carries."""
        if self._derniere_soumission is None:
            raise ActionImpossible("Aucun formulaire n'a encore été envoyé : rien à renvoyer.", page=self.etape)
        method, action, enctype, data, headers = self._derniere_soumission
        if replace:
            data = [(k, v.replace(*replace)) for k, v in data]
        if session is not None:
            self.set_session_cookies(session)
        self._send(method, action, enctype, data, headers)

    def rewrite_next_submission(self, typed: str, sent: str, *, whole: bool = False,
                                occurrence: int | None = None) -> None:
        """The next form submitted carrying ``typed`` carries ``sent`` instead (as the browser driver does: only
        whole values with ``whole``, only the n-th value carrying it with ``occurrence``)."""
        self.rewritten, self.occurrences, self._reecriture = False, 0, (typed, sent, whole, occurrence)

    def alter_next_submission(self, *, drop_hidden: bool = False, headers: Mapping[str, str] | None = None) -> None:
        """The next form posted goes without its hidden fields (``drop_hidden``) and with these extra request
        headers (an ``Origin`` of another site…): what a forged cross-site post looks like. ``altered`` then tells
        whether it happened."""
        self.altered, self._alteration = False, (drop_hidden, dict(headers or {}))

    # ------------------------------------------------------------ roles
    def has_role(self, role: str, name: str | None = None) -> bool:
        libelle = self._libelle(name) if name else None
        for el in self.root.iter():
            if not isinstance(el.tag, str) or role_of(el) != role or not is_rendered(el):
                continue
            if libelle is None or libelle.correspond(accessible_name(el)):
                return True
        return False

    def image_alt(self, label: str) -> str | None:
        el = self._find_field(label)
        scope = form_owner(el)
        scope = self.root if scope is None else scope
        avant = apres = None
        vu = False
        for node in scope.iter():
            if node is el:
                vu = True
            elif (node.tag == "img" or node.get("role") == "img") and is_rendered(node):
                if not vu:
                    avant = node
                elif apres is None:
                    apres = node
        image = avant if avant is not None else apres
        return None if image is None else accessible_name(image)

    def visible_label(self, label: str) -> str:
        el = self._find_field(label)
        return seen_label(el) or fold(el.get("placeholder"))

    def close(self) -> None:
        self.session_http.close()
