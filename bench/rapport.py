"""The figures as a table, each beside its target from issue 7."""
from __future__ import annotations

from . import CIBLES


def _s(v: float | None, chiffres: int = 2) -> str:
    return "—" if v is None else f"{v:.{chiffres}f} s"


def _ms(v: float | None) -> str:
    return "—" if v is None else f"{v * 1000:.1f} ms"


def _occ(o: dict | None) -> str:
    if not o:
        return "?"
    return f"{o.get('cpu_pct')} % (loadavg {o.get('loadavg')})"


def _etat(valeur: float | None, cible: float) -> str:
    if valeur is None:
        return ""
    return "✓ tenu" if valeur <= cible else "✗ dépassé"


class Tableau:
    def __init__(self) -> None:
        self.lignes: list[str] = []

    def titre(self, texte: str) -> None:
        self.lignes += ["", texte]

    def ligne(self, mesure: str, valeur: str, cible: str = "", etat: str = "") -> None:
        self.lignes.append(f"  {mesure:<60} {valeur:>16}   {cible:<10} {etat}")

    def note(self, texte: str) -> None:
        self.lignes.append(f"      {texte}")

    def texte(self) -> str:
        return "\n".join(self.lignes)


def _mediane_mur(executions: list[dict]) -> float | None:
    """Median wall time of the runs that gave a verdict."""
    murs = sorted(r["mur_s"] for r in executions if "erreur" not in r)
    if not murs:
        return None
    milieu = len(murs) // 2
    return murs[milieu] if len(murs) % 2 else (murs[milieu - 1] + murs[milieu]) / 2


def rendre(f: dict) -> str:
    t = Tableau()
    m = f["machine"]
    t.lignes += [
        "=" * 100,
        "Banc d'essai du harnais de conformité Chorus Pro (make bench)",
        f"Date : {m['date']}",
        f"Machine : {m['nproc']} cœurs (nproc), {m['cpu']}, {m['memoire_gio']} Gio de mémoire ; {m['systeme']} ; "
        f"Python {m['python']} ; Playwright {m['playwright']} ; {m['chromium']}",
        f"Occupation de la machine par d'autres au départ : CPU {_occ(f.get('charge_depart'))}"
        + ("  ⚠ machine occupée : chiffres bruités" if ((f.get("charge_depart") or {}).get("cpu_pct") or 0) > 20
           else ""),
        "CPU occupé juste avant chaque mesure (tous processus) : " + ", ".join(f"{k} CPU {_occ(v)}" for k, v in (f.get("charges") or {}).items()),
        f"Options : {f.get('options')}",
        "=" * 100,
        f"  {'Mesure':<60} {'Valeur':>16}   {'Cible':<10} État",
    ]

    d = f.get("demarrage")
    if d:
        t.titre(f"1. Démarrage (médiane de {d['repetitions']})")
        t.ligne("3 serveurs l'un après l'autre (comme le greffon)", _s(d["serveurs_sequentiel"]["mediane"]))
        t.ligne("3 serveurs en parallèle (ports choisis d'avance)", _s(d["serveurs_parallele"]["mediane"]))
        c = d["chromium"]
        t.ligne("Chromium : pilote Playwright + lancement + 1er contexte", _s(c["total"]["mediane"]))
        t.note(f"pilote {_s(c['pilote_playwright']['mediane'])}, lancement {_s(c['lancement']['mediane'])}, "
               f"premier contexte et page {_s(c['premier_contexte']['mediane'])}")
        t.ligne("Démarrage total (serveurs comme le greffon + Chromium)", _s(d["total_s"]),
                f"≤ {CIBLES['demarrage_s']:g} s", _etat(d["total_s"], CIBLES["demarrage_s"]))

    s = f.get("suite")
    if s:
        t.titre("2. Suite complète (chorus-conformance --rapports DIR, de la commande au verdict)")
        for nom, cle in (("en série (-n 0)", "serie"), ("par défaut (-n 2, pytest-xdist)", "n2")):
            for i, r in enumerate(s.get(cle, [])):
                etiquette = f"suite {nom}" + (f" (exécution {i + 1})" if len(s[cle]) > 1 else "")
                if "erreur" in r:
                    t.ligne(etiquette, f"code {r['code']}", f"≤ {CIBLES['suite_s']:g} s", "✗ " + r["erreur"][:60])
                    continue
                t.ligne(etiquette, _s(r["mur_s"], 1), f"≤ {CIBLES['suite_s']:g} s", _etat(r["mur_s"], CIBLES["suite_s"]))
                if r.get("cpu_s") is not None:
                    t.ligne("  CPU (secondes, tous les processus)", _s(r["cpu_s"], 1), f"≤ {CIBLES['suite_cpu_s']:g} s",
                            _etat(r["cpu_s"], CIBLES["suite_cpu_s"]))
                t.note(f"code {r['code']} — {(r.get('resume') or '').rstrip('.')} — pytest {_s(r.get('pytest_s'), 1)}, "
                       f"greffon (configure → verdict) {_s(r.get('duree_totale_plugin_s'), 1)}")
            med = _mediane_mur(s.get(cle, []))
            if len(s.get(cle, [])) > 1 and med is not None:
                t.ligne(f"suite {nom} : médiane de {len(s[cle])}", _s(med, 1), f"≤ {CIBLES['suite_s']:g} s",
                        _etat(med, CIBLES["suite_s"]))
                cpus = sorted(r["cpu_s"] for r in s[cle] if "erreur" not in r and r.get("cpu_s") is not None)
                if cpus:
                    cpu = cpus[len(cpus) // 2] if len(cpus) % 2 else (cpus[len(cpus) // 2 - 1] + cpus[len(cpus) // 2]) / 2
                    t.ligne(f"suite {nom} : CPU, médiane de {len(cpus)}", _s(cpu, 1), f"≤ {CIBLES['suite_cpu_s']:g} s",
                            _etat(cpu, CIBLES["suite_cpu_s"]))
        serie = next((r for r in s.get("serie", []) if "canaux" in r), None)
        if serie:
            hors = serie["mur_s"] - sum(c["somme_s"] for c in serie["canaux"].values())
            for canal, c in serie["canaux"].items():
                issues = ", ".join(f"{n} {k}" for k, n in c["issues"].items())
                t.ligne(f"items sur le canal {canal}", f"{c['items']}", "", issues)
                moy, med = c["duree"].get("moyenne"), c["duree"].get("mediane")
                cible = f"≤ {CIBLES['http_scenario_s']:g} s moy." if canal == "http" else ""
                t.ligne(f"  coût par scénario {canal} (moyenne / médiane)",
                        f"{_s(moy, 3)} / {_s(med, 3)}", cible,
                        _etat(moy, CIBLES["http_scenario_s"]) if canal == "http" else "")
                t.note(f"Σ des scénarios {canal} : {_s(c['somme_s'], 1)} (série)")
            t.ligne("hors scénarios (mur − Σ durées, série)", _s(hors, 1))
            t.note("démarrage de l'interpréteur et de pytest, collecte, services, vérification préalable, "
                   "rapports, arrêt")
            t.note("le 1er scénario navigateur paie le lancement de Chromium ; les plus lents (série) : " + " ; ".join(
                f"{x['duree']:.2f} s {x['canal']} « {x['scenario'][:50]} »" for x in serie["plus_lents"][:3]))
        n2 = next((r for r in s.get("n2", []) if "canaux" in r), None)
        if n2 and n2.get("repartition_cpu_s"):
            rep = n2["repartition_cpu_s"]
            t.ligne("où va le CPU (exécution par défaut n° 1, /proc)", _s(sum(rep.values()), 1), "",
                    f"(tout compris : {_s(n2.get('cpu_s'), 1)})")
            for sorte, cpu in rep.items():
                t.ligne(f"  {sorte}", _s(cpu, 1))
        if n2:
            t.note("-n 2, coût par scénario (moyenne) : " + ", ".join(
                f"{canal} {_s(c['duree'].get('moyenne'), 3)}" for canal, c in n2["canaux"].items()))
        alt = s.get("alternatif")
        if alt and alt.get("serie"):
            murs = ", ".join(_s(r["mur_s"], 1) if "erreur" not in r else f"code {r['code']}" for r in alt["serie"])
            med = _mediane_mur(alt["serie"])
            t.ligne(f"suite en série avec {alt['chromium']} ({len(alt['serie'])} exécution(s))", _s(med, 1),
                    f"≤ {CIBLES['suite_s']:g} s", _etat(med, CIBLES["suite_s"]))
            t.note(f"CHORUS_CHROMIUM={alt['chromium']} (paquet Debian chromium, le navigateur complet) ; exécutions : {murs}")
        m_serie, m_n2 = _mediane_mur(s.get("serie", [])), _mediane_mur(s.get("n2", []))
        if m_serie is not None and m_n2 is not None:
            rapide = "série" if m_serie <= m_n2 else "-n 2 (le défaut)"
            t.ligne("le plus rapide des deux ici", rapide, "", f"(médianes : série {m_serie:.0f} s, -n 2 {m_n2:.0f} s)")
        rg = s.get("rapports")
        if rg:
            t.ligne("génération des rapports (verdict.json + rapport.html)", _ms(rg["duree"]["mediane"]))
            t.note("non enregistrée par le greffon : rejouée ici depuis verdict.json (bilan des règles, "
                   f"JSON, HTML de {rg['rapport_html_octets'] // 1024} Kio) ; JUnit et Cucumber non compris")
    elif f.get("options", {}).get("sans_suite"):
        t.titre("2. Suite complète : non mesurée (--sans-suite)")

    o = f.get("surcout")
    if o:
        t.titre(f"3. Surcoût du harnais : parcours complet (T_PARCOURS_COMPLET, navigateur), {o['n']} fois chacun")
        t.ligne("script Playwright nu (bench/bare_playwright.py), médiane", _s(o["bare"].get("mediane")))
        t.note(f"min {_s(o['bare'].get('min'))}, max {_s(o['bare'].get('max'))} ; médiane par bloc : "
               + ", ".join(_s(x) for x in o["bare_par_bloc"]))
        t.ligne("scénario du harnais (duree de verdict.json), médiane", _s(o["harnais"].get("mediane")))
        ph = o["harnais_phases"]
        t.note(f"min {_s(o['harnais'].get('min'))}, max {_s(o['harnais'].get('max'))} ; médiane par session : "
               + ", ".join(_s(x) for x in o["harnais_par_bloc"]))
        t.note(f"phases pytest (médianes) : préparation {_s(ph['setup'].get('mediane'), 3)}, "
               f"appel {_s(ph['call'].get('mediane'), 3)}, démontage {_s(ph['teardown'].get('mediane'), 3)}")
        if o.get("harnais_echecs") or o.get("harnais_code"):
            t.note(f"⚠ code {o['harnais_code']}, échecs : {o['harnais_echecs']}")
        t.ligne("rapport des médianes harnais / nu", "—" if o["ratio"] is None else f"{o['ratio']:.2f} ×",
                f"≤ {CIBLES['surcout_ratio']:g} ×", _etat(o["ratio"], CIBLES["surcout_ratio"]))
        st = o.get("sans_traces")
        if st:
            t.ligne("  harnais sans aucune trace (--traces jamais), médiane",
                    _s(st["durees"].get("mediane")), "", "" if st["ratio"] is None else f"({st['ratio']:.2f} ×)")
            t.note("ce que coûte la trace légère (actions, console, réseau) enregistrée par défaut pour garder "
                   "celle des échecs ; les captures d'écran ne sont prises qu'en cas d'échec")
        t.note(f"chacun : contexte de navigateur neuf, lancement de Chromium exclu ; nu et harnais en "
               f"alternance ({o.get('blocs', 1) + 1} blocs nus, {o.get('blocs', 1)} sessions du harnais de "
               f"{', '.join(_s(x, 1) for x in o['harnais_mur_s'])} de mur, 1re répétition de chacune écartée)")

    b = f.get("debit")
    if b:
        t.titre("4. Débit de l'implémentation de référence seule (HTTP, requests + lxml, clients = processus)")
        for p in b["paliers"]:
            t.ligne(f"{p['clients']} client(s), {p['duree_s']:.0f} s : inscriptions complètes / s",
                    f"{p['par_seconde']:.1f} /s", "", f"({p['inscriptions']} inscriptions"
                    + (f", {p['nb_erreurs']} erreurs : {p['erreurs'][:1]}" if p["nb_erreurs"] else "") + ")")
        premier = b["paliers"][0]
        etapes = premier["etapes"]
        total = sum(etapes[e]["moyenne"] for e in b["etapes_ordre"] if e in etapes)
        t.titre(f"   Où passe le temps d'une inscription ({premier['clients']} client, moyenne par requête, "
                f"part du total {_ms(total)}) ; médiane à {b['paliers'][-1]['clients']} clients")
        dernier = b["paliers"][-1]["etapes"]
        for e in b["etapes_ordre"]:
            if e not in etapes:
                continue
            quoi = b["etapes_quoi"].get(e, "")
            t.ligne(f"  {e}" + (f" ({quoi})" if quoi else ""),
                    f"{_ms(etapes[e]['moyenne'])} {100 * etapes[e]['moyenne'] / total:4.0f} %", "",
                    f"{_ms(dernier.get(e, {}).get('mediane'))} à {b['paliers'][-1]['clients']}")
        a = b["argon2_s"]
        t.note(f"argon2id, un hachage ici : {_ms(a['mode_test'])} avec les paramètres du mode test de "
               f"reference_impl, {_ms(a['defaut'])} avec ceux d'argon2-cffi par défaut (hors mode test)")

    x = f.get("axe")
    if x:
        t.titre("5. axe-core sur chaque page du parcours (canal navigateur, en série, sans puis avec A_AXE)")
        for i, p in enumerate(x.get("executions", [])):
            t.ligne(f"scénarios A_AXE / autres scénarios du navigateur (exécution {i + 1})",
                    f"{100 * p['part']:.1f} %" if p["part"] is not None else "—", f"≤ {100 * x['cible']:g} %",
                    _etat(p["part"], x["cible"]))
            t.note(f"{p['scenarios_axe']} scénarios A_AXE : {_s(p['axe_s'], 1)} ; autres scénarios du navigateur : "
                   f"{_s(p['autres_s'], 1)}")
        if "surcout_mur" in x:
            t.ligne("canal navigateur de la commande au verdict, avec / sans A_AXE (médianes)",
                    f"+{100 * x['surcout_mur']:.1f} %", f"≤ {100 * x['cible']:g} %", _etat(x["surcout_mur"], x["cible"]))
            t.note(f"sans : {_s(x['mur_sans_s'], 1)} ; avec : {_s(x['mur_avec_s'], 1)}")

    r = f.get("distant")
    if r:
        t.titre("6. Navigateur distant (playwright run-server sur cette machine) contre Chromium local, canal navigateur")
        t.ligne("coût par scénario, local (médiane des moyennes)", _s(r.get("local_scenario_s"), 3))
        t.ligne("coût par scénario, distant (médiane des moyennes)", _s(r.get("distant_scenario_s"), 3), "",
                "" if r.get("ratio") is None else f"({r['ratio']:.2f} ×, {1000 * r['surcout_par_scenario_s']:+.0f} ms)")
        t.note(f"sélection {' '.join(r['selection'])} ; mur local {_s(r.get('local_mur_s'), 1)}, distant "
               f"{_s(r.get('distant_mur_s'), 1)} ; CPU local {_s(r.get('local_cpu_s'), 1)}, distant "
               f"{_s(r.get('distant_cpu_s'), 1)} (le serveur de navigateurs hors du compte : il ne finit pas avec la "
               f"commande) ; codes local {r['local_codes']}, distant {r['distant_codes']}")

    mu = f.get("mutants")
    if mu:
        t.titre("7. make mutants (" + ("--rapide : le sous-ensemble de la CI" if mu["rapide"] else "toutes les fautes, "
                                       "témoin sans faute compris") + ")")
        cible = "" if mu["rapide"] else f"≤ {CIBLES['mutants_s']:g} s"
        t.ligne("durée, de la commande au taux de destruction", _s(mu["mur_s"], 0), cible,
                "" if mu["rapide"] else _etat(mu["mur_s"], CIBLES["mutants_s"]))
        t.ligne("  CPU (secondes, tous les processus)", _s(mu["cpu_s"], 0))
        t.note(f"code {mu['code']} — {mu['taux'] or mu.get('erreur')}")

    t.lignes.append("=" * 100)
    return t.texte()
