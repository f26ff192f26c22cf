"""The account-security checks' own logic (steps/securite_comptes.py) and the HTTP driver's mechanics they use:
tokens read from links, the estimate of their randomness, the revealing gap between two series of durations, a
form sent again."""
from __future__ import annotations

import secrets

import pytest
import requests

from harness.drivers.http import HttpDriver
from steps.securite_comptes import alphabet, defauts_des_jetons, ecart_revelateur, jetons

from .site import Site

BASE = "https://chorus.example/activation/"


def test_tokens_are_what_changes_between_links():
    liens = [f"{BASE}{t}?source=courriel" for t in ("abc123", "xyz789", "k0l1m2")]
    assert jetons(liens) == ["abc123", "xyz789", "k0l1m2"]


@pytest.mark.parametrize("echantillon, taille", [
    (["0123", "9876"], 10), (["0a9f", "ffe1"], 16), (["abz9", "q0r1"], 36), (["aZ09", "Qr5t"], 62),
    (["a-Z_", "b0c1"], 64), (["a b!", "c#d$"], 95),
])
def test_the_smallest_usual_alphabet(echantillon, taille):
    assert alphabet(echantillon) == taille


def test_random_tokens_have_no_defect():
    assert defauts_des_jetons([secrets.token_urlsafe(32) for _ in range(6)]) == []
    assert defauts_des_jetons([secrets.token_hex(16) for _ in range(6)]) == []  # 128 bits in hexadecimal


def test_short_repeated_or_clock_based_tokens_are_defects():
    assert any("moins de 64" in d for d in defauts_des_jetons([secrets.token_hex(4) for _ in range(6)]))
    assert any("se répètent" in d for d in defauts_des_jetons(["a" * 43, "a" * 43, secrets.token_urlsafe(32)]))
    # an account number and a clock in milliseconds, the way a hurried implementation builds a token
    horloge = [f"{compte:06d}{1767225600000 + decalage:x}" for compte, decalage in
               ((41, 0), (41, 1700), (41, 3900), (42, 5200), (42, 6100), (42, 9800))]
    defauts = defauts_des_jetons(jetons([BASE + t for t in horloge]))
    assert any("position" in d for d in defauts) and any("bits estimés" in d for d in defauts)


def test_a_gap_is_revealing_beyond_100_ms_and_one_and_a_half_times():
    assert ecart_revelateur([1.02, 1.1, 0.98, 1.05, 1.0], [0.03, 0.05, 0.2, 0.04, 0.02])[0]
    # load spikes on either side move no median that far
    assert not ecart_revelateur([0.06, 0.3, 0.04, 0.05, 0.07], [0.05, 0.04, 0.25, 0.06, 0.05])[0]
    # a large relative gap on tiny durations is noise, not a leak
    assert not ecart_revelateur([0.02, 0.021, 0.019], [0.006, 0.005, 0.007])[0]
    # a large absolute gap on long durations is not 1.5 times
    assert not ecart_revelateur([1.30, 1.31, 1.29], [1.15, 1.16, 1.14])[0]


@pytest.fixture(scope="module")
def site():
    with Site() as served:
        yield served


def test_the_last_submission_sent_again_with_a_value_swapped(site):
    d = HttpDriver(requests.Session())
    try:
        d.open(site.url + "/formulaire")
        d.fill("Nom", "Dupont-secret")
        d.click("Valider")
        assert d.duree > 0
        premier = site.last_post()
        d.replay_last_submission(replace=("Dupont-secret", "Martin-autre"))
        second = site.last_post()
        assert second is not premier and second["path"] == premier["path"] == "/envoyer"
        assert ("nom", "Martin-autre") in second["fields"] and ("nom", "Dupont-secret") in premier["fields"]
        assert [k for k, _ in second["fields"]] == [k for k, _ in premier["fields"]]  # the same form, hidden fields too
    finally:
        d.close()


def test_nothing_to_send_again_before_a_form_was_sent(site):
    d = HttpDriver(requests.Session())
    try:
        d.open(site.url + "/formulaire")
        with pytest.raises(AssertionError, match="rien à renvoyer"):
            d.replay_last_submission()
    finally:
        d.close()


def test_session_cookies_taken_from_a_kept_session(site):
    d = HttpDriver(requests.Session())
    try:
        d.open(site.url + "/session/ouvrir")
        gardee = d.session()
        d.open(site.url + "/session/ancien")
        assert "ancien" in d.text()
        d.set_session_cookies(gardee)
        d.open(site.url + "/session/etat")
        assert "etape" in d.text() and "ancien" not in d.text()
    finally:
        d.close()
