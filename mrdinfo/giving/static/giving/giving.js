// Small enhancements to the donation form; everything works without this file.
// Typing an "other amount" chooses the "Other amount" option, and choosing a suggested amount
// empties the other box, so the two never disagree.
(function () {
  "use strict";
  var other = document.getElementById("id_other_amount");
  var otherRadio = document.getElementById("amount-other");
  if (!other || !otherRadio) return;
  other.addEventListener("input", function () {
    if (other.value.trim() !== "") otherRadio.checked = true;
  });
  document.querySelectorAll('input[name="amount"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio !== otherRadio && radio.checked) other.value = "";
      if (radio === otherRadio && radio.checked) other.focus();
    });
  });
})();
