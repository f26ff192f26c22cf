// Seeded fault piege_clavier_siret: an input mask that lets only digits, spaces and dots through, and with them
// every other key, Tab and Shift+Tab included: the keyboard cannot leave the field.
document.addEventListener("DOMContentLoaded", function () {
  var champ = document.getElementById("siret");
  if (!champ) { return; }
  champ.addEventListener("keydown", function (e) {
    if (!/^[0-9 .]$/.test(e.key) && e.key !== "Backspace" && e.key !== "Enter") { e.preventDefault(); }
  });
});
