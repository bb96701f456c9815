// The MRD result reader, answered in place. Without this script the form is a plain GET form
// (?result=…) and the server answers on the page; with it, the same page is fetched with the
// same query, its answer is put in place, announced politely, and the address updated, so a
// reload or a shared link shows the same answer. If anything fails, the form submits as usual.

class ResultReader {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("[data-result-reader-form]");
    this.input = this.form.querySelector("input[name='result']");
    this.status = root.querySelector("[data-result-reader-status]");
    this.form.addEventListener("submit", (event) => this.read(event));
    // A question's choices ("Does your report show a % sign?") read the chosen text in place.
    root.addEventListener("click", (event) => {
      const choice = event.target.closest("[data-result-reader-choice]");
      if (!choice) return;
      this.input.value = choice.dataset.resultReaderChoice;
      this.read(event);
    });
    root.classList.add("is-enhanced");
  }

  async read(event) {
    event.preventDefault();
    if (this.busy) return; // a double click reads once
    this.busy = true;
    try {
      await this.answer();
    } finally {
      this.busy = false;
    }
  }

  async answer() {
    const url = new URL(window.location.href);
    url.searchParams.set("result", this.input.value);
    url.hash = this.root.id;
    let answer;
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      answer = page.querySelector(`#${CSS.escape(this.root.id)} [data-result-reader-answer]`);
    } catch {
      answer = null;
    }
    if (!answer) {
      this.form.submit(); // the server answers on a fresh page instead
      return;
    }
    const current = this.root.querySelector("[data-result-reader-answer]");
    current.replaceWith(document.importNode(answer, true));
    // A chosen answer's link is gone with the old answer: keep focus in the reader.
    if (!this.root.contains(document.activeElement)) this.input.focus();
    const error = answer.querySelector("[data-result-reader-error]");
    const hint = `${this.root.id}-hint`;
    this.input.setAttribute("aria-describedby", error ? `${hint} ${error.id}` : hint);
    if (error) this.input.setAttribute("aria-invalid", "true");
    else this.input.removeAttribute("aria-invalid");
    // Replace, not push: reading several results should not fill the back button's history.
    window.history.replaceState(window.history.state, "", url);
    // Cleared first, so the same answer twice is announced twice.
    this.status.textContent = "";
    window.setTimeout(() => {
      this.status.textContent = answer.dataset.summary || (error ? error.textContent.trim() : "");
    }, 100);
  }
}

for (const root of document.querySelectorAll("[data-result-reader]")) {
  if (!root.classList.contains("is-enhanced")) new ResultReader(root);
}
