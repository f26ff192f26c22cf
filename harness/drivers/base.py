"""The driver interface: what steps may ask of a channel (browser or HTTP).

A driver knows HTML, ARIA and HTTP; it knows no rule of the guide. Every
element is named by the guide's French wording (a *label key*); the driver maps
a key through the profile's label overrides, then finds the element by its
accessible role and name (see docs/CONTRACT.md §1). A driver raises
``ElementIntrouvable`` when an element cannot be found, never returns a guess.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping, Protocol, Sequence, runtime_checkable
from urllib.parse import urlsplit


class ElementIntrouvable(AssertionError):
    """An element named by the guide is not on the page; ``cle``: the guide's wording looked for, ``page``: the
    page of the journey the driver was told it is on."""

    def __init__(self, message: str, cle: str | None = None, page: str | None = None) -> None:
        super().__init__(message)
        self.cle, self.page = cle, page


class ActionImpossible(AssertionError):
    """The element is there but refuses the action (read-only field, button without effect)."""

    def __init__(self, message: str, cle: str | None = None, page: str | None = None) -> None:
        super().__init__(message)
        self.cle, self.page = cle, page


class HorsOrigine(ActionImpossible):
    """A link, a redirect, a form's action or a mail's link leads out of the implementation's origins: a finding,
    never a request the harness sends. ``url``: where it led."""

    def __init__(self, message: str, url: str, cle: str | None = None, page: str | None = None) -> None:
        super().__init__(message, cle=cle, page=page)
        self.url = url


class ReponseTropVolumineuse(ActionImpossible):
    """The implementation's answer is larger than the harness reads (LIMITE_REPONSE), or took longer to send."""


# C0 and C1 control characters, DEL (white space aside): what an implementation's text must not bring to a terminal
# (ANSI escape sequences start with ESC) or to an XML report (XML 1.0 forbids most of them).
_CONTROLES = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def sans_controles(texte: str) -> str:
    """``texte`` with every control character shown as U+FFFD: printable anywhere, still visibly altered."""
    return _CONTROLES.sub("\ufffd", texte or "")


def origine(url: str) -> str | None:
    """The origin of an http(s) URL (scheme://host[:port], the default port left out, lower case), None for any
    other URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    hote = parts.hostname.lower()
    if ":" in hote:
        hote = f"[{hote}]"
    defaut = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{hote}" + (f":{port}" if port not in (None, defaut) else "")


class Origines:
    """Where a driver may go: the implementation's origin and those its profile allows (``[origines]
    autorisees``). Anything else a page leads to is refused with ``HorsOrigine``, not requested."""

    def __init__(self, urls: Sequence[str]) -> None:
        self.permises = tuple(dict.fromkeys(o for o in map(origine, urls) if o))
        if not self.permises:
            raise ValueError(f"aucune origine http(s) dans {list(urls)!r}")

    def permet(self, url: str) -> bool:
        return origine(url) in self.permises

    def exiger(self, url: str, quoi: str, *, cle: str | None = None, page: str | None = None,
               suivie: bool = False) -> None:
        """Raise HorsOrigine unless ``url`` is on an allowed origin; ``quoi`` says what led there; ``suivie``: the
        browser went there already (a server's redirect, which Playwright cannot intercept)."""
        if not self.permet(url):
            suite = ("Le navigateur a suivi cette redirection du serveur (Playwright ne peut pas intercepter une "
                     "redirection) : la page obtenue n'est pas jugée" if suivie else "Le harnais ne la suit pas")
            raise HorsOrigine(f"{quoi} mène hors de l'implémentation : « {sans_controles(url)[:300]} » "
                              f"(origines permises : {', '.join(self.permises)}). {suite} ; si cette origine fait "
                              f"partie de l'implémentation, ajoutez-la à [origines] autorisees du profil.",
                              url, cle=cle, page=page)

    def motif_hors(self) -> re.Pattern[str]:
        """A regex matching any http(s)/ws(s) URL off these origins, for Playwright's routing (matched by the
        browser's side: requests on the origins are never paused)."""
        def js(texte: str) -> str:  # escaped for JavaScript's RegExp too (re.escape's "\-" is not)
            return re.sub(r"([.^$*+?()\[\]{}|\\/])", r"\\\1", texte)
        # a page's WebSocket to its own host (ws:// beside http://) stays on the origin
        permises = "|".join(js(o) for p in self.permises for o in (p, "ws" + p[len("http"):]))
        return re.compile(rf"^(?!(?:{permises})(?:[/?#]|$))(?:https?|wss?)://", re.IGNORECASE)


def normalise(text: str) -> str:
    """Fold white space, typographic apostrophes and case, for name comparison."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


# Required and optional markers after a label's words: « * », « (obligatoire) », « (optionnel) », « (facultatif) »,
# or the bare word after a space or a dash. Written for Python's re and JavaScript's RegExp alike (Playwright).
_MOT_MARQUEUR = r"(?:obligatoire|optionnel(?:le)?|facultati(?:f|ve))"
_MARQUEUR = (rf"(?:\s*(?:\*|\(\s*{_MOT_MARQUEUR}\s*\)|\[\s*{_MOT_MARQUEUR}\s*\])"
             rf"|[\s,\-\u2013\u2014]+{_MOT_MARQUEUR}|\s*:)")
_MARQUEURS = rf"{_MARQUEUR}*\s*"


def accessible_name_pattern(label: str, *, prefix: bool = False) -> re.Pattern[str]:
    """Regex matching an accessible name equal to ``label``.

    Ignores case, surrounding white space, a trailing ``:`` and the required or
    optional markers after the words (``*``, « (obligatoire) », « (optionnel) »,
    a trailing « obligatoire » / « optionnel »), in any order. Exact otherwise:
    « Nom » does not match « Nom de naissance ». With ``prefix``, the name need
    only start with the label (for the guide's long consent sentence).
    """
    words = [re.escape(w) for w in normalise(label).split(" ")]
    body = r"\s+".join(words).replace("'", "['\u2019\u02bc]")
    tail = r".*" if prefix else _MARQUEURS
    return re.compile(rf"^\s*{body}{tail}$", re.IGNORECASE | re.DOTALL)


_FIN_MARQUEE = re.compile(rf"{_MARQUEUR}+\s*$", re.IGNORECASE)


def sans_marqueurs(name: str) -> str:
    """``name`` without its trailing required or optional markers and ``:`` (what ``accessible_name_pattern``
    ignores), white space folded: the words a name is compared on."""
    name = re.sub(r"\s+", " ", name or "").strip()
    return _FIN_MARQUEE.sub("", name).strip()


def present(find, *args) -> bool:
    """Whether ``find(*args)`` finds its element: the drivers' has_* checks."""
    try:
        find(*args)
        return True
    except ElementIntrouvable:
        return False


def name_matches(name: str, label: str, *, prefix: bool = False) -> bool:
    return bool(accessible_name_pattern(label, prefix=prefix).match(normalise(name)))


ELLIPSES = ("\u2026", "...")


def _forme(wording: str) -> tuple[str, bool]:
    """(wording, prefix?): a wording ending in "…" or "..." matches any name that starts with it (the guide's
    long consent sentence is named by its beginning)."""
    for ellipsis in ELLIPSES:
        if wording.rstrip().endswith(ellipsis):
            return wording.rstrip()[: -len(ellipsis)].rstrip(), True
    return wording, False


class Vocabulaire:
    """The wordings an implementation uses for what the harness looks for, from its profile's ``[libelles]``.

    ``commun`` maps a guide wording (a field's label, a button, a heading, a text) to one or several accepted
    wordings on every page; ``pages`` maps a page of the journey (identification, informations, espaces,
    activation, lien, connexion, compte…) to overrides that win on that page only. A wording nobody maps is
    looked for as the guide writes it."""

    def __init__(self, commun: Mapping[str, str | Sequence[str]] | None = None,
                 pages: Mapping[str, Mapping[str, str | Sequence[str]]] | None = None) -> None:
        def formes(valeur) -> tuple[str, ...]:
            return (valeur,) if isinstance(valeur, str) else tuple(valeur)
        self.commun = {cle: formes(v) for cle, v in (commun or {}).items()}
        self.pages = {page: {cle: formes(v) for cle, v in table.items()} for page, table in (pages or {}).items()}

    @classmethod
    def de(cls, labels: "Vocabulaire | Mapping | None") -> "Vocabulaire":
        return labels if isinstance(labels, Vocabulaire) else cls(labels or {})

    def remplacants(self, page: str | None = None) -> dict[str, tuple[str, ...]]:
        """Every override in force on ``page``: guide wording -> accepted wordings."""
        return {**self.commun, **self.pages.get(page or "", {})}

    def formes(self, cle: str, page: str | None = None) -> tuple[str, ...]:
        return self.remplacants(page).get(cle, (cle,))

    def remplace(self, cle: str, page: str | None = None) -> tuple[str, ...] | None:
        """The wordings the profile gives instead of the guide's ``cle`` on ``page``, None when it keeps it."""
        formes = self.remplacants(page).get(cle)
        return None if formes is None or formes == (cle,) else formes

    def sans(self, cle: str) -> "Vocabulaire":
        """The same wordings, but ``cle`` looked for as the guide writes it, on every page."""
        return Vocabulaire({k: v for k, v in self.commun.items() if k != cle},
                           {page: {k: v for k, v in table.items() if k != cle} for page, table in self.pages.items()})

    def __bool__(self) -> bool:
        return bool(self.commun or any(self.pages.values()))


@dataclass(frozen=True)
class Libelle:
    """What a driver looks for in place of the guide's ``cle``: one or several wordings, each exact or a prefix."""

    cle: str
    formes: tuple[tuple[str, bool], ...]

    def correspond(self, name: str) -> bool:
        return any(name_matches(name, wording, prefix=prefix) for wording, prefix in self.formes)

    @property
    def motif(self) -> re.Pattern[str]:
        """One regex matching any of the wordings (for Playwright's name= lookups)."""
        if len(self.formes) == 1:
            return accessible_name_pattern(self.formes[0][0], prefix=self.formes[0][1])
        corps = "|".join(f"(?:{accessible_name_pattern(w, prefix=p).pattern})" for w, p in self.formes)
        return re.compile(corps, re.IGNORECASE | re.DOTALL)

    @property
    def cherche(self) -> str:
        """The wordings looked for, for messages: « A » ou « B »."""
        return " » ou « ".join(w + ("…" if p else "") for w, p in self.formes)

    @property
    def remplace(self) -> bool:
        return [w for w, _ in self.formes] != [_forme(self.cle)[0]]


def resolve_label(labels: "Vocabulaire | Mapping | None", key: str, page: str | None = None) -> Libelle:
    """Map a guide wording through the profile's overrides (on ``page`` when given)."""
    formes = Vocabulaire.de(labels).formes(key, page)
    return Libelle(cle=key, formes=tuple(_forme(w) for w in formes))


def guide_label(labels: "Vocabulaire | Mapping | None", name: str, page: str | None = None) -> str:
    """Inverse of the overrides: the guide's wording for a name found on the page."""
    cleaned = sans_marqueurs(name)
    for key, formes in Vocabulaire.de(labels).remplacants(page).items():
        for wording in formes:
            text, prefix = _forme(wording)
            if name_matches(cleaned, text, prefix=prefix):
                return key
    return cleaned


@dataclass(frozen=True)
class Cookie:
    """A cookie as a driver hands it to another: ``domain`` without its leading dot; ``host_only`` when the
    server set no Domain attribute (the cookie goes back to that host only)."""

    name: str
    value: str
    domain: str
    path: str = "/"
    secure: bool = False
    http_only: bool = False
    host_only: bool = True
    expires: float | None = None


@dataclass(frozen=True)
class Session:
    """Where a driver stands (its page's URL and its cookies), for another driver to go on from there."""

    url: str
    cookies: tuple[Cookie, ...] = ()


@runtime_checkable
class Driver(Protocol):
    """One channel to the implementation. ``canal`` is "navigateur" or "http"."""

    canal: str
    labels: Vocabulaire
    etape: str | None  # the page of the journey the steps say is shown: which of the profile's wordings apply

    # navigation
    def open(self, url: str) -> None:
        """Load an absolute URL (start page from the profile, link from a mail)."""
    def url(self) -> str: ...
    def status(self) -> int | None:
        """HTTP status of the last main-document response."""
    def title(self) -> str: ...
    def heading(self) -> str:
        """Text of the page's <h1>."""
    def headings(self) -> list[str]:
        """Texts of every h1..h6, in order."""
    def section_titles(self) -> list[str]:
        """Titles of the page's sections, in order: headings, fieldset legends, names of named regions
        (section/region with aria-label or aria-labelledby), table captions."""
    def inventory(self) -> dict[str, list[str]]:
        """Accessible names of what the page offers, one read: "champs", "groupes", "boutons", "liens",
        "informations" (dt/dd terms)."""
    def text(self) -> str:
        """Visible text of the page, white space folded."""
    def html(self) -> str:
        """Current document source, for evidence and the '[ND]' checks."""
    def session(self) -> Session:
        """The current page's URL and the cookies the implementation set."""
    def adopt(self, session: Session) -> None:
        """Forget this driver's cookies, take ``session``'s and open its page: go on where another driver stopped."""

    # form fields, by label
    def has_field(self, label: str) -> bool:
        """A visible form control with that label exists."""
    def fill(self, label: str, value: str) -> None: ...
    def value(self, label: str) -> str | None:
        """Current value of the field labelled ``label``, else of a dt/dd pair; None if neither."""
    def is_editable(self, label: str) -> bool:
        """Visible, enabled and not read-only."""
    def is_required(self, label: str) -> bool:
        """required/aria-required set AND a '*' in the label's visible text."""
    def required_marker_not_colour_only(self, label: str) -> bool:
        """The required marker is visible text ('*'), not a colour alone."""
    def description(self, label: str) -> str:
        """Accessible description (aria-describedby text) of the field, '' if none."""
    def error(self, label: str) -> str | None:
        """Error message of the field: its description when aria-invalid='true', else None."""
    def errors(self) -> dict[str, str]:
        """Every field in error on the page: label text -> message."""
    def input_type(self, label: str) -> str: ...

    # check boxes, radios, selects
    def is_checked(self, label: str, group: str | None = None) -> bool: ...
    def set_checked(self, label: str, checked: bool, group: str | None = None) -> None: ...
    def choose(self, group: str, option: str) -> None:
        """Select the radio (or press the toggle button) ``option`` inside the group named ``group``, as a user
        does: clicked where the user clicks, the state then checked (ActionImpossible when it does not change)."""
    def chosen(self, group: str) -> str | None:
        """Label of the checked radio (or pressed toggle button) in the group, None when none is."""
    def group_options(self, group: str) -> list[str]:
        """Labels of the radios/check boxes/switches/toggle buttons inside the group (native or ARIA), in order."""
    def has_group(self, group: str) -> bool: ...
    def select_options(self, label: str) -> list[str]:
        """Option texts of the <select> (or ARIA combobox/listbox) labelled ``label`` (empty placeholder
        excluded)."""
    def select(self, label: str, option: str) -> None: ...

    # buttons, links, other roles
    def has_button(self, name: str) -> bool: ...
    def has_link(self, name: str) -> bool: ...
    def click(self, name: str) -> None:
        """Activate the button or link ``name`` and wait for the resulting page."""
    def has_role(self, role: str, name: str | None = None) -> bool:
        """An element of ARIA role ``role`` (and accessible name) exists, e.g. ('meter', 'Complexité du mot de passe')."""
    def image_alt(self, label: str) -> str | None:
        """Text alternative of the image that goes with the field ``label`` (the nearest image before it in its
        form, else the first after it): "" when it has none, None when no image goes with the field."""
    def visible_label(self, label: str) -> str:
        """The field's label as a user sees it: aria-labelledby's or its <label>s' text, else its placeholder;
        never aria-label (a name no one sees)."""

    # what the page sends
    def rewrite_next_submission(self, typed: str, sent: str, *, whole: bool = False,
                                occurrence: int | None = None) -> None:
        """The next request the page sends carrying ``typed`` carries ``sent`` instead (JSON, form-encoded or
        multipart bodies): a client that skips the page's script. ``whole``: only values that are ``typed``
        entirely; ``occurrence``: only the n-th value carrying it (0 the first, -1 the last). ``rewritten`` then
        tells whether it happened, ``occurrences`` how many values carried ``typed``."""

    def close(self) -> None: ...


# The browser's own constraint validation (required, type=email, pattern, minlength…) refused a submission: its
# message is the browser's, in the browser's language, not the implementation's wording.
DU_NAVIGATEUR = " (message du navigateur : validation HTML de la page, dans la langue de Chromium)"


def message_du_navigateur(message: str) -> str:
    return message + DU_NAVIGATEUR


def est_du_navigateur(message: str | None) -> bool:
    """``message`` (a driver's error()) is the browser's own, not the implementation's."""
    return bool(message) and message.endswith(DU_NAVIGATEUR)
