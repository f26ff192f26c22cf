// Progressive enhancement only: the server checks everything.
(function () {
  "use strict";
  function familles(mdp) {
    var vues = {};
    for (var i = 0; i < mdp.length; i++) {
      var c = mdp[i];
      if (c >= "A" && c <= "Z") vues.maj = 1;
      else if (c >= "a" && c <= "z") vues.min = 1;
      else if (c >= "0" && c <= "9") vues.chiffre = 1;
      else vues.special = 1;
    }
    return Object.keys(vues).length;
  }
  function force(mdp) {
    if (!mdp) return 0;
    var n = familles(mdp);
    return Math.min(4, mdp.length >= 12 ? n : Math.max(1, n - 1));
  }
  document.querySelectorAll("input[data-complexite]").forEach(function (champ) {
    var jauge = document.getElementById(champ.getAttribute("data-complexite"));
    if (!jauge) return;
    var niveaux = (jauge.getAttribute("data-niveaux") || "").split("|");
    var texte = document.getElementById("complexite-texte");
    champ.addEventListener("input", function () {
      var f = force(champ.value);
      jauge.value = f;
      jauge.textContent = niveaux[f] || "";
      if (texte) texte.textContent = niveaux[f] || "";
    });
  });
})();
