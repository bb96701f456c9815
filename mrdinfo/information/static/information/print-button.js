// "Print this page": the button is hidden in the HTML (it does nothing without JavaScript) and
// shown here. Without JavaScript the browser's own Print still uses the print styles.
for (const button of document.querySelectorAll("[data-print-button]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
