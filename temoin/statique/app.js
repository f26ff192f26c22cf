// Témoin, --front js: the page's HTML is an empty shell; this script renders each step's form, sends it as JSON
// to /api/… and shows the next step or the errors. The server checks every rule; the checks made here (SIRET
// check digits, the re-typed address, a service chosen, password length and confirmation) only spare a round
// trip. Every text comes from /api/textes (textes.py).
(function () {
  "use strict";

  var app = document.getElementById("app");
  var T = null;          // the texts of the page's language
  var MINUTES = 60;      // validity of an activation link

  // ------------------------------------------------------------------ DOM helpers
  function h(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "texte") el.textContent = v;
      else if (k === "valeur") el.value = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    });
    ajouter(el, Array.prototype.slice.call(arguments, 2));
    return el;
  }
  function ajouter(el, enfants) {
    enfants.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      if (Array.isArray(c)) ajouter(el, c);
      else el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }
  function fmt(gabarit, params) {
    return String(gabarit).replace(/\{(\w+)\}/g, function (m, k) { return k in params ? params[k] : m; });
  }
  function etoile() { return [" ", h("abbr", {"class": "etoile", title: T.obligatoire}, "*")]; }
  function idDe(cle) { return "err-" + cle.replace(/[^A-Za-z0-9_-]/g, "_"); }

  // ------------------------------------------------------------------ API
  function api(methode, chemin, corps) {
    var options = {method: methode, credentials: "same-origin", headers: {"Accept": "application/json"}};
    if (corps !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(corps);
    }
    return fetch(chemin, options).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (d) {
        return {statut: r.status, ok: r.ok, d: d};
      });
    });
  }
  function aller(suite) { window.location.assign(suite); }

  // ------------------------------------------------------------------ page frame
  function cadre(titre, etape, titreDePage) {
    document.title = (titreDePage || titre) + (etape ? " (" + fmt(T.etape, {n: etape}) + ")" : "") + " · " + T.site;
    if (!document.querySelector("header.bandeau")) {
      document.body.insertBefore(h("header", {"class": "bandeau"}, h("span", {"class": "marque"}, T.site),
        etape ? h("span", {"class": "etape"}, fmt(T.etape, {n: etape})) : null), app);
      document.body.insertBefore(h("footer", {"class": "pied"}, h("a", {href: "/aide"}, T.aide)), app.nextSibling);
    }
    app.textContent = "";
    app.appendChild(h("h1", {}, titre));
    var alertes = h("div", {"class": "alertes"});
    app.appendChild(alertes);
    return alertes;
  }

  // A form whose fields are known by the API's keys; errors are shown next to them.
  function Formulaire(attrs) {
    this.el = h("form", attrs || {});
    this.cibles = {};     // key -> {elements: [...], ancre: element the message goes in, surErreur: fn(bool)}
    this.alertes = null;  // where the summary goes
    // no novalidate: the browser's own checks (required, type=email) stay, as in the HTML variant
  }
  Formulaire.prototype.cible = function (cle, elements, ancre, surErreur) {
    elements.forEach(function (el) {
      var d = el.getAttribute("aria-describedby");
      if (d) el.setAttribute("data-decrit", d);
    });
    this.cibles[cle] = {elements: elements, ancre: ancre, surErreur: surErreur};
  };
  Formulaire.prototype.effacer = function () {
    var f = this;
    Object.keys(f.cibles).forEach(function (cle) {
      var c = f.cibles[cle];
      c.elements.forEach(function (el) {
        el.removeAttribute("aria-invalid");
        var d = el.getAttribute("data-decrit");
        if (d) el.setAttribute("aria-describedby", d); else el.removeAttribute("aria-describedby");
      });
      var m = document.getElementById(idDe(cle));
      if (m) m.parentNode.removeChild(m);
      c.ancre.classList.remove("en-erreur");
      if (c.surErreur) c.surErreur(false);
    });
    if (f.alertes) f.alertes.textContent = "";
  };
  Formulaire.prototype.montrer = function (erreurs) {
    var f = this, horsChamp = [], n = 0, premier = null;
    f.effacer();
    Object.keys(erreurs || {}).forEach(function (cle) {
      var c = f.cibles[cle];
      if (!c) { horsChamp.push(erreurs[cle]); return; }
      n += 1;
      c.elements.forEach(function (el) {
        el.setAttribute("aria-invalid", "true");
        el.setAttribute("aria-describedby", idDe(cle));
      });
      c.ancre.appendChild(h("p", {"class": "erreur", id: idDe(cle)}, erreurs[cle]));
      c.ancre.classList.add("en-erreur");
      if (c.surErreur) c.surErreur(true);
      var champ = c.elements.filter(function (el) {
        return el.matches("input, select, textarea, [role=combobox]");
      })[0];
      if (champ && (!premier || (premier.compareDocumentPosition(champ) & Node.DOCUMENT_POSITION_PRECEDING))) {
        premier = champ;
      }
    });
    if (f.alertes) {
      if (n) f.alertes.appendChild(h("p", {"class": "alerte", role: "alert"}, fmt(T.err_resume, {n: n})));
      horsChamp.forEach(function (m) { f.alertes.appendChild(h("p", {"class": "alerte", role: "alert"}, m)); });
    }
    if (premier) premier.focus();
  };
  Formulaire.prototype.panne = function () {
    this.effacer();
    if (this.alertes) this.alertes.appendChild(h("p", {"class": "alerte", role: "alert"}, T.err_requete));
  };
  // Sends the form's JSON; on 422 shows the errors (values kept: nothing is re-rendered), else hands over.
  Formulaire.prototype.envoyer = function (methode, chemin, corps, apres) {
    var f = this;
    f.el.setAttribute("aria-busy", "true");
    return api(methode, chemin, corps).then(function (r) {
      f.el.removeAttribute("aria-busy");
      if (r.statut === 422 && r.d.erreurs) { f.montrer(r.d.erreurs); if (apres) apres(r); return; }
      if (r.d && r.d.suite) { aller(r.d.suite); return; }
      if (apres) apres(r); else if (!r.ok) f.panne();
    }, function () { f.el.removeAttribute("aria-busy"); f.panne(); });
  };

  // A text field inside its label: "Libellé * : <input>", and its error message after the label.
  function champ(f, cle, libelle, valeur, options) {
    options = options || {};
    var attrs = {type: options.type || "text", required: !!options.requis, autocomplete: options.autocomplete,
                 inputmode: options.inputmode, readonly: !!options.readonly, "aria-describedby": options.decrit,
                 "data-cle": cle, autocapitalize: options.autocapitalize};
    var input = h("input", attrs);
    input.setAttribute("value", valeur || "");
    var bloc = h("div", {"class": "champ"}, h("label", {}, libelle, options.requis ? etoile() : null, " : ", input));
    f.cible(cle, [input], bloc, options.surErreur);
    return bloc;
  }
  function caseACocher(f, cle, libelle, coche, options) {
    options = options || {};
    var input = h("input", {type: "checkbox", checked: !!coche, disabled: !!options.desactive, "data-cle": cle});
    var bloc = h("div", {"class": "case"}, h("label", {}, input, " ", libelle));
    f.cible(cle, [input], bloc);
    return bloc;
  }
  function valeur(f, cle) { return f.cibles[cle].elements[0].value; }
  function coche(f, cle) { return f.cibles[cle].elements[0].checked; }

  // The eight workspaces, each a pair of toggle buttons OUI/NON (aria-pressed) in a group named by its row's
  // header, as component libraries draw a segmented control: no form field, the script reads the pressed one.
  function ouiNon(idTitre, actif, cle) {
    var boutons = [[true, T.oui], [false, T.non]].map(function (b) {
      return h("button", {type: "button", "class": "bascule", "aria-pressed": actif === b[0] ? "true" : "false",
                          "data-actif": b[0] ? "1" : "0"}, b[1]);
    });
    boutons.forEach(function (b) {
      b.addEventListener("click", function () {
        boutons.forEach(function (autre) { autre.setAttribute("aria-pressed", autre === b ? "true" : "false"); });
      });
    });
    return h("div", {role: "group", "aria-labelledby": idTitre, "class": "oui-non", "data-cle": cle}, boutons);
  }
  function tableauEspaces(f, espaces) {
    var corps = h("tbody");
    espaces.forEach(function (e, i) {
      var idTitre = "espace-" + (i + 1);
      var groupe = ouiNon(idTitre, e.actif, e.cle);
      f.cible("espaces." + e.cle, [groupe], groupe);
      corps.appendChild(h("tr", {}, h("th", {scope: "row", id: idTitre}, e.nom), h("td", {}, e.descriptif),
        h("td", {}, groupe)));
    });
    return h("table", {"class": "espaces"}, h("caption", {}, T.e3_caption),
      h("thead", {}, h("tr", {}, h("th", {scope: "col"}, T.col_espace), h("th", {scope: "col"}, T.col_descriptif),
        h("th", {scope: "col"}, T.col_activation))), corps);
  }
  function choixEspaces(f, espaces) {
    var choix = {};
    espaces.forEach(function (e) {
      var presse = f.cibles["espaces." + e.cle].elements[0].querySelector('[aria-pressed="true"]');
      choix[e.cle] = presse ? presse.getAttribute("data-actif") === "1" : null;
    });
    return choix;
  }

  // ------------------------------------------------------------------ client-side checks (conveniences)
  function compacteSiret(s) { return (s || "").replace(/[ .\u00a0]/g, ""); }
  function luhn(chiffres) {
    var total = 0;
    for (var rang = 0; rang < chiffres.length; rang++) {
      var n = +chiffres.charAt(chiffres.length - 1 - rang);
      if (rang % 2) { n *= 2; if (n > 9) n -= 9; }
      total += n;
    }
    return total % 10 === 0;
  }
  function cleSiretValide(siret) {
    var ok;
    if (siret.indexOf("356000000") === 0 && siret !== "35600000000048") {
      var somme = 0;
      for (var i = 0; i < siret.length; i++) somme += +siret.charAt(i);
      ok = somme % 5 === 0;
    } else {
      ok = luhn(siret);
    }
    return ok && luhn(siret.slice(0, 9));
  }
  function longueur(texte) { return Array.from(texte.normalize ? texte.normalize("NFC") : texte).length; }
  function familles(mdp) {
    var vues = {};
    Array.from(mdp).forEach(function (c) {
      if (c >= "A" && c <= "Z") vues.maj = 1;
      else if (c >= "a" && c <= "z") vues.min = 1;
      else if (c >= "0" && c <= "9") vues.chiffre = 1;
      else vues.special = 1;
    });
    return Object.keys(vues).length;
  }
  function force(mdp) {
    if (!mdp) return 0;
    var n = familles(mdp);
    return Math.min(4, longueur(mdp) >= 12 ? n : Math.max(1, n - 1));
  }

  // ------------------------------------------------------------------ step 1
  function identification() {
    var alertes = cadre(T.e1_h1, 1);
    var f = new Formulaire({"class": "carte"});
    f.alertes = alertes;
    ajouter(f.el, [
      h("h2", {}, T.e1_h2),
      h("p", {}, T.e1_intro),
      champ(f, "login", T.l_login, "", {type: "email", requis: true, autocomplete: "email"}),
      champ(f, "siret", T.l_siret, "", {requis: true, inputmode: "numeric", autocomplete: "off"}),
      h("p", {}, h("a", {href: "/inscription/sans-siret"}, T.lien_sans_siret)),
      h("p", {"class": "note"}, T.e1_mail),
      h("p", {"class": "actions"}, h("button", {type: "submit"}, T.valider))
    ]);
    f.el.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var siret = compacteSiret(valeur(f, "siret"));
      if (/^[0-9]{14}$/.test(siret) && !cleSiretValide(siret)) {
        f.montrer({siret: T.err_siret_cle});
        return;
      }
      f.envoyer("POST", "/api/identification", {login: valeur(f, "login"), siret: valeur(f, "siret")});
    });
    app.appendChild(f.el);
  }

  function sansSiret() {
    cadre(T.e1_h1, 1);
    ajouter(app, [
      h("h2", {}, T.ss_h2),
      h("p", {}, T.ss_intro),
      h("ul", {}, T.ss_types.map(function (t) { return h("li", {}, t); })),
      h("p", {}, T.ss_fin),
      h("p", {}, h("a", {href: "/inscription"}, T.retour_accueil))
    ]);
  }

  // ------------------------------------------------------------------ step 2
  function informations(d) {
    var alertes = cadre(T.e2_h1, 2);
    var v = d.valeurs;
    var f = new Formulaire({});
    f.alertes = alertes;
    var ok = h("p", {"class": "ok", id: "contact-ok"}, T.contact_valide);
    var image = h("img", {src: d.captcha, alt: T.captcha_alt, width: "160", height: "52"});
    var perso = h("fieldset", {"class": "carte"},
      h("legend", {}, T.e2_perso),
      h("p", {"class": "note"}, T.e2_perso_note),
      champ(f, "contact", T.l_contact, v.contact, {type: "email", requis: true, autocomplete: "email",
        decrit: "contact-ok", surErreur: function (enErreur) { ok.hidden = enErreur; }}),
      ok,
      champ(f, "resaisie", T.l_resaisie, "", {type: "email", requis: true, autocomplete: "email"}),
      champ(f, "nom", T.l_nom, "", {requis: true, autocomplete: "family-name"}),
      champ(f, "prenom", T.l_prenom, "", {requis: true, autocomplete: "given-name"}),
      caseACocher(f, "consentement", T.l_consentement, v.consentement),
      h("div", {"class": "captcha"}, image,
        champ(f, "captcha", T.l_captcha, "", {requis: true, autocomplete: "off", autocapitalize: "characters"}),
        h("p", {"class": "note"}, h("a", {href: "/aide"}, T.captcha_autre))));

    var masquee = v.non_diffusible && !d.indisponible;
    var structure = h("section", {"aria-labelledby": "titre-structure", "class": "carte"},
      h("div", {id: "titre-structure", "class": "titre-bloc"}, T.e2_structure),
      h("p", {"class": "note"}, T.e2_structure_note),
      d.indisponible ? h("p", {"class": "avertissement", role: "status"}, T.insee_indisponible) : null,
      h("dl", {"class": "lecture"}, h("dt", {}, T.l_identifiant), h("dd", {}, d.siret)),
      champ(f, "raison", T.l_raison, v.raison, {requis: true, readonly: d.raison_figee}),
      champ(f, "libelle", T.l_libelle, v.libelle),
      masquee ? h("p", {"class": "note"}, T.non_diffusible_note) : [
        champ(f, "adresse", T.l_adresse, v.adresse, {autocomplete: "address-line1"}),
        champ(f, "complement1", T.l_complement1, v.complement1, {autocomplete: "address-line2"}),
        champ(f, "complement2", T.l_complement2, v.complement2, {autocomplete: "address-line3"}),
        champ(f, "code_postal", T.l_code_postal, v.code_postal, {autocomplete: "postal-code"}),
        champ(f, "ville", T.l_ville, v.ville, {autocomplete: "address-level2"}),
        champ(f, "pays", T.l_pays, v.pays, {autocomplete: "country-name"})
      ],
      caseACocher(f, "non_diffusible", T.l_non_diffusible, v.non_diffusible, {desactive: !d.indisponible}));

    if (d.structure_existante) {
      structure.appendChild(h("p", {"class": "note"}, T.existe_note));
      var radios = [["structure", T.l_ratt_structure], ["services", T.l_ratt_services]].map(function (r) {
        return h("input", {type: "radio", name: "rattachement", value: r[0], required: true});
      });
      var groupeR = h("fieldset", {"class": "choix"}, h("legend", {}, T.l_rattachement, etoile()),
        h("label", {}, radios[0], " " + T.l_ratt_structure), h("label", {}, radios[1], " " + T.l_ratt_services));
      f.cible("rattachement", [groupeR].concat(radios), groupeR);
      var cases = d.services.map(function (s) { return h("input", {type: "checkbox", value: s}); });
      var groupeS = h("fieldset", {"class": "choix"}, h("legend", {}, T.l_services),
        cases.length ? cases.map(function (c) { return h("label", {}, c, " " + c.value); })
                     : h("p", {}, T.aucun_service));
      f.cible("services", [groupeS].concat(cases), groupeS);
      ajouter(structure, [groupeR, groupeS]);
    }
    ajouter(f.el, [perso, structure, h("p", {"class": "actions"}, h("button", {type: "submit"}, T.valider))]);
    app.appendChild(h("p", {}, T.e2_intro));
    app.appendChild(f.el);

    f.el.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var corps = {consentement: coche(f, "consentement"), non_diffusible: coche(f, "non_diffusible")};
      ["contact", "resaisie", "nom", "prenom", "captcha", "raison", "libelle", "adresse", "complement1",
       "complement2", "code_postal", "ville", "pays"].forEach(function (cle) {
        corps[cle] = f.cibles[cle] ? valeur(f, cle) : "";
      });
      if (d.structure_existante) {
        var choisi = f.el.querySelector('input[name="rattachement"]:checked');
        corps.rattachement = choisi ? choisi.value : "";
        corps.services = Array.prototype.filter.call(f.cibles.services.elements, function (el) {
          return el.type === "checkbox" && el.checked;
        }).map(function (el) { return el.value; });
      }
      var avant = {};
      if (corps.resaisie.trim() && corps.resaisie.trim() !== corps.contact.trim()) avant.resaisie = T.err_resaisie;
      if (corps.rattachement === "services" && !corps.services.length) avant.services = T.err_services;
      if (Object.keys(avant).length) { f.montrer(avant); return; }
      f.envoyer("POST", "/api/informations", corps, function (r) {
        if (r.statut === 422) {  // a new captcha, an empty answer field (as the HTML variant)
          f.cibles.captcha.elements[0].value = "";
          if (r.d.captcha) image.setAttribute("src", r.d.captcha);
        } else if (!r.ok) {
          f.panne();
        }
      });
    });
  }

  // ------------------------------------------------------------------ step 3
  function espaces(d) {
    var alertes = cadre(T.e3_h1, 3);
    var f = new Formulaire({});
    f.alertes = alertes;
    ajouter(app, [
      h("p", {}, T.e3_intro),
      h("h2", {}, fmt(T.bienvenue, {prenom: d.prenom, nom: d.nom})),
      h("p", {"class": "succes"}, fmt(T.compte_cree, {login: d.login})),
      h("p", {}, T.e3_liste)
    ]);
    ajouter(f.el, [tableauEspaces(f, d.espaces),
      h("p", {"class": "actions"}, h("button", {type: "submit"}, T.valider))]);
    f.el.addEventListener("submit", function (ev) {
      ev.preventDefault();
      f.envoyer("POST", "/api/espaces", {espaces: choixEspaces(f, d.espaces)});
    });
    app.appendChild(f.el);
  }

  function courrielEnvoye(d) {
    cadre(T.e3_h1, 3, T.e3_titre_envoye);
    ajouter(app, [
      h("div", {role: "status", "class": "succes"}, h("p", {}, T.annonce_courriel),
        h("p", {}, d.gestionnaire ? T.annonce_gestionnaire : fmt(T.annonce_rattache, {raison: d.raison}))),
      h("p", {}, T.e3_suite)
    ]);
  }

  // A select-only combobox and its listbox (WAI-ARIA APG), as component libraries draw a <select>: a click or
  // ArrowDown opens it, the arrows move among the options, Enter, Space or Tab choose one, Escape closes it.
  function listeDeChoix(id, choix, invite) {
    var choisie = null, active = 0;
    var boite = h("div", {id: id, role: "combobox", tabindex: "0", "aria-labelledby": id + "-nom",
                          "aria-haspopup": "listbox", "aria-expanded": "false", "aria-controls": id + "-liste",
                          "aria-required": "true", "class": "liste-de-choix", "data-cle": id}, invite);
    var options = choix.map(function (q, i) {
      var o = h("li", {id: id + "-option-" + i, role: "option", "aria-selected": "false", "data-valeur": q[0]}, q[1]);
      o.addEventListener("mousedown", function (ev) { ev.preventDefault(); });  // the combobox keeps the focus
      o.addEventListener("click", function () { choisir(i); });
      return o;
    });
    var liste = h("ul", {id: id + "-liste", role: "listbox", "aria-labelledby": id + "-nom", hidden: true}, options);
    function ouverte() { return boite.getAttribute("aria-expanded") === "true"; }
    function montrer(i) {
      active = i;
      options.forEach(function (o, j) { o.classList.toggle("active", j === i); });
      boite.setAttribute("aria-activedescendant", options[i].id);
    }
    function ouvrir() {
      liste.hidden = false;
      boite.setAttribute("aria-expanded", "true");
      montrer(choisie === null ? 0 : choisie);
    }
    function fermer() {
      liste.hidden = true;
      boite.setAttribute("aria-expanded", "false");
      boite.removeAttribute("aria-activedescendant");
    }
    function choisir(i) {
      choisie = i;
      options.forEach(function (o, j) { o.setAttribute("aria-selected", j === i ? "true" : "false"); });
      boite.textContent = choix[i][1];
      fermer();
    }
    boite.addEventListener("click", function () { if (ouverte()) fermer(); else ouvrir(); });
    boite.addEventListener("keydown", function (ev) {
      var touche = ev.key;
      if (!ouverte()) {
        if (["ArrowDown", "ArrowUp", "Enter", " "].indexOf(touche) >= 0) { ev.preventDefault(); ouvrir(); }
        return;
      }
      if (touche === "ArrowDown" || touche === "ArrowUp") {
        ev.preventDefault();
        montrer(Math.max(0, Math.min(options.length - 1, active + (touche === "ArrowDown" ? 1 : -1))));
      } else if (touche === "Enter" || touche === " ") {
        ev.preventDefault();
        choisir(active);
      } else if (touche === "Tab") {
        choisir(active);  // the focus goes on to the next field
      } else if (touche === "Escape") {
        ev.preventDefault();
        fermer();
      }
    });
    boite.addEventListener("blur", function () { if (ouverte()) fermer(); });
    return {boite: boite, liste: liste, valeur: function () { return choisie === null ? "" : choix[choisie][0]; }};
  }

  // ------------------------------------------------------------------ step 4
  function lienRefuse(jeton, etat, minutes) {
    cadre(T.e4_h1, 4);
    var message = {expire: fmt(T.lien_expire, {minutes: minutes || MINUTES}), utilise: T.lien_utilise}[etat]
      || T.lien_inconnu;
    app.appendChild(h("p", {"class": "avertissement"}, message));
    if (etat === "inconnu") return;
    var f = new Formulaire({});
    var annonce = h("div", {});
    f.alertes = annonce;
    f.el.appendChild(h("button", {type: "submit"}, T.nouveau_lien));
    f.el.addEventListener("submit", function (ev) {
      ev.preventDefault();
      f.envoyer("POST", "/api/nouveau-lien", {jeton: jeton}, function (r) {
        if (r.ok) {
          annonce.textContent = "";
          annonce.appendChild(h("p", {role: "status", "class": "succes"}, T.nouveau_lien_envoye));
        } else {
          f.panne();
        }
      });
    });
    app.appendChild(annonce);
    app.appendChild(f.el);
  }

  function active() {
    cadre(T.e4_h1, 4);
    ajouter(app, [h("p", {role: "status", "class": "succes"}, T.e4_actif),
      h("p", {}, h("a", {href: "/se-connecter"}, T.lien_connexion))]);
    window.scrollTo(0, 0);
  }

  function activation(jeton, d) {
    var alertes = cadre(T.e4_h1, 4);
    var f = new Formulaire({"class": "carte"});
    f.alertes = alertes;
    var niveaux = T.complexite_niveaux;
    var jauge = h("meter", {id: "complexite", "aria-labelledby": "complexite-nom", min: "0", max: "4", low: "2",
                            high: "3", optimum: "4", value: "0"}, niveaux[0]);
    var texteJauge = h("span", {id: "complexite-texte", role: "status"}, niveaux[0]);
    var blocMdp = champ(f, "mdp", T.l_mdp, "", {type: "password", requis: true, autocomplete: "new-password",
                                                  decrit: "regle-mdp"});
    var mdp = f.cibles.mdp.elements[0];
    mdp.addEventListener("input", function () {
      var n = force(mdp.value);
      jauge.value = n;
      jauge.textContent = niveaux[n];
      texteJauge.textContent = niveaux[n];
    });
    var question = listeDeChoix("question", T.questions, T.question_choisir);
    var blocQuestion = h("div", {"class": "champ"},
      h("span", {id: "question-nom", "class": "libelle"}, T.l_question, etoile(), " : "), question.boite,
      question.liste);
    f.cible("question", [question.boite], blocQuestion);
    ajouter(f.el, [
      h("h2", {}, T.e4_activation),
      h("fieldset", {}, h("legend", {}, T.e4_infos),
        h("dl", {"class": "lecture"},
          h("dt", {}, T.l_login), h("dd", {}, d.login), h("dt", {}, T.l_nom), h("dd", {}, d.nom),
          h("dt", {}, T.l_contact_info), h("dd", {}, d.contact), h("dt", {}, T.l_prenom), h("dd", {}, d.prenom))),
      h("fieldset", {}, h("legend", {}, T.e4_mdp),
        h("p", {id: "regle-mdp"}, T.e4_regle),
        h("ul", {}, T.e4_groupes.map(function (g) { return h("li", {}, g); })),
        blocMdp,
        champ(f, "confirmation", T.l_confirmation, "", {type: "password", requis: true,
                                                        autocomplete: "new-password"}),
        h("div", {"class": "complexite"}, h("span", {id: "complexite-nom"}, T.complexite), " ", jauge, " ",
          texteJauge)),
      h("fieldset", {}, h("legend", {}, T.e4_question), blocQuestion,
        champ(f, "reponse", T.l_reponse, "", {requis: true, autocomplete: "off"})),
      h("p", {"class": "actions"},
        h("a", {"class": "bouton secondaire", href: "/activation/" + jeton + "/annulation"}, T.annuler), " ",
        h("button", {type: "submit"}, T.valider))
    ]);
    f.el.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var n = longueur(mdp.value);
      if (n > 0 && n < 12) {
        f.montrer({mdp: fmt(T.err_mdp_longueur, {n: n})});
        return;
      }
      if (valeur(f, "confirmation") && valeur(f, "confirmation") !== mdp.value) {
        f.montrer({confirmation: T.err_confirmation});
        return;
      }
      f.envoyer("POST", "/api/activation/" + encodeURIComponent(jeton), {
        mdp: mdp.value, confirmation: valeur(f, "confirmation"), question: question.valeur(),
        reponse: valeur(f, "reponse")
      }, function (r) {
        if (r.ok && r.d.actif) active();
        else if (r.statut === 404 || r.statut === 410) lienRefuse(jeton, r.d.etat, r.d.minutes);
        else if (!r.ok && r.statut !== 422) f.panne();
      });
    });
    app.appendChild(f.el);
  }

  function annulation(jeton) {
    cadre(T.e4_h1, 4);
    ajouter(app, [h("p", {role: "status"}, T.e4_annule),
      h("p", {}, h("a", {href: "/activation/" + jeton}, T.lien_reprendre))]);
  }

  // ------------------------------------------------------------------ login, account page
  function connexion() {
    var alertes = cadre(T.cx_h1);
    var f = new Formulaire({"class": "carte"});
    f.alertes = alertes;
    var blocs = [champ(f, "login", T.l_login, "", {type: "email", requis: true, autocomplete: "username"}),
                 champ(f, "mdp", T.l_mdp, "", {type: "password", requis: true, autocomplete: "current-password"})];
    var refus = h("div", {});
    // one message for any failure, tied to both fields
    f.cible("connexion", [f.cibles.login.elements[0], f.cibles.mdp.elements[0]], refus);
    ajouter(f.el, [refus, blocs, h("p", {"class": "actions"}, h("button", {type: "submit"}, T.cx_bouton))]);
    f.el.addEventListener("submit", function (ev) {
      ev.preventDefault();
      f.envoyer("POST", "/api/connexion", {login: valeur(f, "login"), mdp: valeur(f, "mdp")});
    });
    app.appendChild(f.el);
  }

  function compte(d) {
    var alertes = cadre(T.cp_h1);
    var f = new Formulaire({});
    f.alertes = alertes;
    var rattachement = d.rattachement === "services" ? T.l_ratt_services + " : " + d.services.join(", ")
                                                      : T.l_ratt_structure;
    var statut = h("div", {});
    ajouter(app, [statut, h("dl", {"class": "lecture"},
      h("dt", {}, T.cp_structure), h("dd", {}, d.raison + " (" + fmt(T.cp_siret, {siret: d.siret}) + ")"),
      h("dt", {}, T.cp_role), h("dd", {}, d.role === "gestionnaire" ? T.role_gestionnaire : T.role_utilisateur),
      h("dt", {}, T.cp_rattachement), h("dd", {}, rattachement))]);
    ajouter(f.el, [tableauEspaces(f, d.espaces), h("h2", {}, T.cp_enquete),
      caseACocher(f, "consentement", T.l_consentement, d.consentement),
      h("p", {"class": "actions"}, h("button", {type: "submit"}, T.cp_enregistrer))]);
    f.el.addEventListener("submit", function (ev) {
      ev.preventDefault();
      f.effacer();
      statut.textContent = "";
      f.envoyer("POST", "/api/compte", {espaces: choixEspaces(f, d.espaces), consentement: coche(f, "consentement")},
        function (r) {
          if (r.ok && r.d.enregistre) statut.appendChild(h("p", {role: "status", "class": "succes"}, T.cp_enregistre));
          else if (!r.ok && r.statut !== 422) f.panne();
        });
    });
    var sortie = h("form", {}, h("p", {}, h("button", {type: "submit", "class": "secondaire"}, T.cp_deconnexion)));
    sortie.addEventListener("submit", function (ev) {
      ev.preventDefault();
      api("POST", "/api/deconnexion", {}).then(function (r) { aller((r.d && r.d.suite) || "/se-connecter"); });
    });
    app.appendChild(f.el);
    app.appendChild(sortie);
  }

  function aide() {
    cadre(T.aide_titre);
    ajouter(app, [h("p", {}, T.aide_texte), h("p", {}, h("a", {href: "/inscription"}, T.retour_accueil))]);
  }

  function introuvable() {
    cadre(T.page_introuvable);
    app.appendChild(h("p", {}, h("a", {href: "/inscription"}, T.retour_accueil)));
  }

  // ------------------------------------------------------------------ which page
  // A page that needs the server's data asks for it; "suite" in the answer means "not here yet: go there".
  function avecDonnees(chemin, rendre) {
    api("GET", chemin).then(function (r) {
      if (r.d && r.d.suite) window.location.replace(r.d.suite);
      else if (r.ok) rendre(r.d);
      else introuvable();
    }, function () { cadre(T.err_requete); });
  }

  function demarrer() {
    var chemin = window.location.pathname.replace(/\/+$/, "") || "/";
    var m;
    if (chemin === "/inscription") identification();
    else if (chemin === "/inscription/sans-siret") sansSiret();
    else if (chemin === "/inscription/informations") avecDonnees("/api/informations", informations);
    else if (chemin === "/inscription/espaces") avecDonnees("/api/espaces", espaces);
    else if (chemin === "/inscription/courriel-envoye") avecDonnees("/api/courriel-envoye", courrielEnvoye);
    else if ((m = chemin.match(/^\/activation\/([^/]+)\/annulation$/))) annulation(m[1]);
    else if ((m = chemin.match(/^\/activation\/([^/]+)$/))) {
      var jeton = decodeURIComponent(m[1]);
      api("GET", "/api/activation/" + encodeURIComponent(jeton)).then(function (r) {
        if (r.ok) activation(jeton, r.d);
        else lienRefuse(jeton, r.d.etat || "inconnu", r.d.minutes);
      }, function () { cadre(T.err_requete); });
    }
    else if (chemin === "/se-connecter") connexion();
    else if (chemin === "/mon-espace") avecDonnees("/api/compte", compte);
    else if (chemin === "/aide") aide();
    else introuvable();
  }

  api("GET", "/api/textes").then(function (r) {
    T = r.d.textes;
    MINUTES = r.d.minutes_lien || MINUTES;
    demarrer();
  }, function () {
    app.textContent = "Chorus Pro : service indisponible.";
  });
})();
