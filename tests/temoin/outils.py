"""A small form-filling client for the témoin's tests: fields found by their (wrapping) label."""
from __future__ import annotations

import random
import re

import lxml.html
from stdnum import luhn


def plie(texte: str | None) -> str:
    return re.sub(r"\s+", " ", (texte or "").replace("\u00a0", " ")).strip()


def nom_du_libelle(texte: str) -> str:
    return re.sub(r"[\s*:]+$", "", plie(texte)).replace(" *", "").strip()


def siret_neuf(rng: random.Random | None = None) -> str:
    rng = rng or random.Random()
    while True:
        siren = f"{rng.randint(10_000_000, 89_999_999):08d}"
        siren += luhn.calc_check_digit(siren)
        nic = f"{rng.randint(1, 9999):04d}"
        siret = siren + nic + luhn.calc_check_digit(siren + nic)
        if not siret.startswith("356000000"):
            return siret


class Page:
    def __init__(self, reponse) -> None:
        self.reponse = reponse
        self.statut = reponse.status_code
        self.url = str(reponse.url)
        self.html = reponse.text
        self.doc = lxml.html.document_fromstring(self.html or "<html></html>")

    # -------------------------------------------------------------- reading
    @property
    def h1(self) -> str:
        titres = self.doc.xpath("//h1")
        assert len(titres) == 1, f"{len(titres)} h1 sur {self.url}"
        return plie(titres[0].text_content())

    @property
    def texte(self) -> str:
        corps = self.doc.find(".//body")
        for s in (corps if corps is not None else self.doc).iter("script", "style"):
            s.drop_tree()
        return plie((corps if corps is not None else self.doc).text_content())

    def libelle(self, el) -> str:
        parent = el.getparent()
        while parent is not None and parent.tag != "label":
            parent = parent.getparent()
        if parent is None:
            if el.get("aria-labelledby"):
                return plie(" ".join(self.doc.get_element_by_id(i).text_content()
                                     for i in el.get("aria-labelledby").split()))
            return plie(el.get("aria-label"))
        morceaux = [parent.text or ""]
        for enfant in parent:
            if enfant is not el and enfant.tag not in ("input", "select", "textarea"):
                morceaux.append(enfant.text_content())
            morceaux.append(enfant.tail or "")
        return nom_du_libelle("".join(morceaux))

    def champs(self, groupe: str | None = None) -> list:
        racine = self.groupe(groupe) if groupe else self.doc
        return [el for el in racine.iter("input", "select", "textarea")
                if (el.get("type") or "text") not in ("hidden", "submit", "button")]

    def champ(self, libelle: str, groupe: str | None = None):
        trouves = [el for el in self.champs(groupe) if self.libelle(el) == libelle]
        assert len(trouves) == 1, (f"champ « {libelle} » : {len(trouves)} trouvé(s) sur {self.url} ; "
                                   f"présents : {[self.libelle(e) for e in self.champs(groupe)]}")
        return trouves[0]

    def a_champ(self, libelle: str) -> bool:
        return any(self.libelle(el) == libelle for el in self.champs())

    def groupes(self) -> dict[str, object]:
        out = {}
        for el in self.doc.iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag == "fieldset":
                legende = el.find("legend")
                out[nom_du_libelle(legende.text_content() if legende is not None else "")] = el
            elif el.get("role") in ("group", "radiogroup"):
                out[self.libelle(el)] = el
        return out

    def groupe(self, nom: str):
        groupes = self.groupes()
        assert nom in groupes, f"groupe « {nom} » absent ; présents : {list(groupes)}"
        return groupes[nom]

    def valeur(self, libelle: str) -> str:
        return self.champ(libelle).get("value") or ""

    def coche(self, libelle: str, groupe: str | None = None) -> bool:
        return self.champ(libelle, groupe).get("checked") is not None

    def erreur(self, libelle: str, groupe_: bool = False) -> str | None:
        if not (libelle in self.groupes() if groupe_ else self.a_champ(libelle)):
            return None  # the page moved on: no error shown
        el = self.groupe(libelle) if groupe_ else self.champ(libelle)
        if el.get("aria-invalid") != "true":
            return None
        return self.description(el)

    def description(self, el) -> str:
        return plie(" ".join(self.doc.get_element_by_id(i).text_content()
                             for i in (el.get("aria-describedby") or "").split()))

    def termes(self) -> dict[str, str]:
        out = {}
        for dt in self.doc.iter("dt"):
            dd = dt.getnext()
            if dd is not None and dd.tag == "dd":
                out[plie(dt.text_content())] = plie(dd.text_content())
        return out

    def boutons(self) -> list[str]:
        return [plie(b.text_content()) for b in self.doc.iter("button")]

    def liens(self) -> dict[str, str]:
        return {plie(a.text_content()): a.get("href") for a in self.doc.iter("a") if a.get("href")}


class Client:
    """Keeps the current page; fills and submits its forms like a browser without JavaScript."""

    def __init__(self, http) -> None:
        self.http = http
        self.page: Page | None = None
        self._saisies: dict = {}

    def ouvrir(self, chemin: str) -> Page:
        self.page = Page(self.http.get(chemin))
        self._saisies = {}
        return self.page

    def remplir(self, libelle: str, valeur: str) -> None:
        el = self.page.champ(libelle)
        self._saisies[id(el)] = (el, valeur)

    def cocher(self, libelle: str, coche: bool = True, groupe: str | None = None) -> None:
        el = self.page.champ(libelle, groupe)
        if coche:
            if el.get("type") == "radio":
                for autre in self.page.doc.iter("input"):
                    if autre.get("type") == "radio" and autre.get("name") == el.get("name"):
                        autre.attrib.pop("checked", None)
            el.set("checked", "checked")
        else:
            el.attrib.pop("checked", None)

    def choisir(self, libelle: str, option: str) -> None:
        el = self.page.champ(libelle)
        for o in el.iter("option"):
            o.attrib.pop("selected", None)
            if plie(o.text_content()) == option or o.get("value") == option:
                o.set("selected", "selected")

    def valider(self, bouton: str) -> Page:
        cible = [b for b in self.page.doc.iter("button") if plie(b.text_content()) == bouton]
        assert cible, f"bouton « {bouton} » absent de {self.page.url} ; présents : {self.page.boutons()}"
        form = cible[0]
        while form.tag != "form":
            form = form.getparent()
        donnees = []
        for el in form.iter("input", "select", "textarea"):
            nom = el.get("name")
            if not nom or el.get("disabled") is not None:
                continue
            typ = el.get("type") or "text"
            if id(el) in self._saisies:
                donnees.append((nom, self._saisies[id(el)][1]))
            elif typ in ("checkbox", "radio"):
                if el.get("checked") is not None:
                    donnees.append((nom, el.get("value") or "on"))
            elif el.tag == "select":
                choisies = [o for o in el.iter("option") if o.get("selected") is not None]
                donnees.append((nom, (choisies[0] if choisies else next(el.iter("option"))).get("value") or ""))
            elif typ not in ("submit", "button"):
                donnees.append((nom, el.get("value") or ""))
        action = form.get("action") or self.page.url
        formulaire: dict[str, list[str]] = {}
        for nom, valeur in donnees:
            formulaire.setdefault(nom, []).append(valeur)
        self.page = Page(self.http.post(action, data=formulaire))
        self._saisies = {}
        return self.page
