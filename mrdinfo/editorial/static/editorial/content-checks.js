/* Evaluate functions for the site's own content checks (mrdinfo/editorial/content_checks.py).
   Loaded after Wagtail's userbar script, before the page's load event, when Wagtail runs axe;
   each function returns true when the element passes. */
(function () {
  "use strict";
  var userbar = document.querySelector("wagtail-userbar");
  if (!userbar || typeof userbar.registerCheck !== "function") return;

  var HEADING = "h1, h2, h3, h4, h5, h6";
  var SUPERSCRIPT_MINUS_DIGITS = /10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/;
  var POWER_OF_TEN = [
    /10\s*\^\s*[-+−]?\s*\d+/,                 // 10^-4, 10^12
    SUPERSCRIPT_MINUS_DIGITS,                 // 10⁻⁴, 10¹²
    /\b\d+(?:\.\d+)?\s*[eE]\s*[-+−]?\d+\b/,   // 1e-4, 1E-04
    /[x×]\s*10\s*[-−]\s*\d+\b/,               // 1 × 10-4
  ];
  // Numbers in words: "a million million", "1 in 10,000", "ten thousand"…
  var NUMBER_WORDS = /\b(?:hundred|thousand|million|billion|trillion|(?:\d[\d,]*|one|a)\s+in\s+(?:\d[\d,]*|a|one|ten|every))\b/i;

  function visibleText(node) {
    return (node.textContent || "").replace(/\s+/g, " ").trim();
  }

  function headingLevel(node) {
    var aria = node.getAttribute("aria-level");
    return aria ? parseInt(aria, 10) : parseInt(node.tagName.slice(1), 10);
  }

  userbar.registerCheck("mrd-check-heading-levels", function (node) {
    // Pass unless this heading goes more than one level deeper than the heading before it.
    var headings = Array.prototype.filter.call(document.querySelectorAll(HEADING), function (h) {
      return !h.closest("wagtail-userbar, [hidden]");
    });
    var index = headings.indexOf(node);
    if (index <= 0) return true;
    return headingLevel(node) <= headingLevel(headings[index - 1]) + 1;
  });

  userbar.registerCheck("mrd-check-image-alt", function (node) {
    if (node.getAttribute("role") === "presentation" || node.getAttribute("role") === "none") return true;
    if (node.getAttribute("aria-hidden") === "true") return true;
    if (!node.hasAttribute("alt")) return false;
    var alt = node.getAttribute("alt");
    return alt === "" || alt.trim() !== "";  // "" is decorative; "  " is a mistake
  });

  userbar.registerCheck("mrd-check-link-text", function (node, options) {
    var label = node.getAttribute("aria-label");
    var labelledBy = node.getAttribute("aria-labelledby");
    var name = label || (labelledBy && visibleText(document.getElementById(labelledBy) || node)) || visibleText(node);
    name = name.toLowerCase().replace(/[.…!?:»›>→\s]+$/g, "").replace(/\s+/g, " ").trim();
    return (options.vague || []).indexOf(name) === -1;
  });

  userbar.registerCheck("mrd-check-power-of-ten", function (node) {
    var text = visibleText(node);
    var notation = POWER_OF_TEN.some(function (pattern) { return pattern.test(text); });
    return !notation || NUMBER_WORDS.test(text);
  });
})();
