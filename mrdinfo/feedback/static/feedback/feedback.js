// "Was this page helpful?" sent without leaving the page. Without JavaScript the form posts
// normally and the server shows the same thanks (or the same errors) on a page of its own.
const SECTION = "[data-page-feedback]";

async function send(event) {
  const form = event.target.closest("[data-page-feedback-form]");
  if (!form) return;
  event.preventDefault();
  const section = form.closest(SECTION);
  const button = form.querySelector("button[type=submit]");
  if (button) button.disabled = true;
  try {
    const response = await fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const html = await response.text();
    const replacement = new DOMParser().parseFromString(html, "text/html").querySelector(SECTION);
    if (!replacement) throw new Error("no feedback section in the answer");
    section.replaceWith(replacement);
    const focusTarget = replacement.querySelector(".error-summary") || replacement.querySelector("#page-feedback-title");
    if (focusTarget) focusTarget.focus();
  } catch (error) {
    // Fall back to an ordinary submission, so nothing typed is lost.
    form.removeAttribute("data-page-feedback-form");
    form.submit();
  }
}

document.addEventListener("submit", send);
