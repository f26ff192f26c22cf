"""Request rewriting (``Driver.rewrite_next_submission``) on both drivers: one value among several that carry the
same text, whole values only, and the body encodings a script sends (JSON keys left alone)."""
from __future__ import annotations

import json

from harness.drivers.browser import motifs_de_reecriture

from .test_drivers import _fill_required, drv, make, site  # noqa: F401 (the fixtures)


def _remplacer(corps: str, typed: str, sent: str, whole: bool, content_type: str) -> str:
    for motif, apres in motifs_de_reecriture(typed, sent, whole, content_type):
        if motif.search(corps):
            return motif.sub(lambda _: apres, corps)
    return corps


def test_only_the_last_value_carrying_the_text_is_rewritten(drv, site):
    _fill_required(drv)
    drv.fill("Nom", "Dupont")
    drv.fill("Prénom", "Dupont")
    drv.rewrite_next_submission("Dupont", "Durand", occurrence=-1)
    drv.click("Valider")
    champs = site.last_post()["fields"]
    assert drv.rewritten and drv.occurrences == 2
    assert ("nom", "Dupont") in champs and ("prenom", "Durand") in champs


def test_a_whole_value_is_rewritten_not_the_values_containing_it(drv, site):
    _fill_required(drv)
    drv.fill("Nom", "Jean-Pierre")
    drv.fill("Prénom", "Jean")
    drv.rewrite_next_submission("Jean", "", whole=True)
    drv.click("Valider")
    champs = site.last_post()["fields"]
    assert drv.rewritten and drv.occurrences == 1
    assert ("nom", "Jean-Pierre") in champs and ("prenom", "") in champs


def test_json_values_are_rewritten_and_keys_kept():
    corps = json.dumps({"services": ["services"], "rattachement": "services", "nom": "Zoé"}, ensure_ascii=False)
    apres = json.loads(_remplacer(corps, "services", "", True, "application/json"))
    assert apres == {"services": [""], "rattachement": "", "nom": "Zoé"}
    # a value that is not ASCII, as a script's JSON.stringify leaves it
    assert json.loads(_remplacer(corps, "Zoé", "Zoë", False, "application/json; charset=utf-8"))["nom"] == "Zoë"


def test_each_encoding_gets_its_own_replacement():
    """A password with an accent replaced in a form-encoded body is percent-encoded there, never JSON-escaped."""
    assert _remplacer("mdp=Abcdef123456&c=Abcdef123456", "Abcdef123456", "éé", False,
                      "application/x-www-form-urlencoded") == "mdp=%C3%A9%C3%A9&c=%C3%A9%C3%A9"
    partie = '--b\r\nContent-Disposition: form-data; name="n"\r\n\r\n3\r\n--b--\r\n'
    vide = partie.replace("\r\n3\r\n", "\r\n\r\n")
    assert _remplacer(partie, "3", "", True, "multipart/form-data; boundary=b") == vide
    assert _remplacer("a=13&b=3", "3", "", True, "application/x-www-form-urlencoded") == "a=13&b="
