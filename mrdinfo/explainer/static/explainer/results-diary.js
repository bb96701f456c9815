// A private results diary (explainer/includes/results_diary.html). After the result reader has
// read a result, a parent can keep that reading, with the test's date and a note, in this browser
// (localStorage) and nowhere else: this script sends nothing and fetches nothing, and its form is
// method="dialog", which submits nowhere. It lists what was kept by date on the reader's own
// scale, prints it as a one-page summary, and deletes it all after a confirming second tap.
// It shows what the parent typed and the site's reading of it, and adds no judgement of its own.
//
// It watches the reader's answer (a MutationObserver), so result-reader.js needs no change: the
// answer's root carries data-reading-kind, data-reading-share ("1/10000") and
// data-reading-comparison, and its headline ([data-result-reader-headline]) is the reading in words.

const STORAGE_KEY = "mrdinfo-results-diary-v1";
// Kinds of answer that are not a reading of a result: nothing to keep.
const NOT_KEPT = new Set(["question", "not_read"]);
// The marker's place on the scale, in twelfths of its width (results-diary.css has one rule each).
const STEPS = 12;
const DATE_WORDS = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

function storage() {
  try {
    const probe = `${STORAGE_KEY}-probe`;
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return null; // storage switched off: the diary stays hidden
  }
}

function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function dateInWords(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  return DATE_WORDS.format(new Date(year, month - 1, day));
}

// "1/10000" → 4 (ten to the minus four); null when there is no share.
function powerOf(share) {
  const [numerator, denominator] = String(share || "").split("/").map(Number);
  if (!(numerator > 0) || !(denominator > 0)) return null;
  return Math.log10(denominator / numerator);
}

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

class ResultsDiary {
  constructor(root, store) {
    this.root = root;
    this.store = store;
    this.reader = document.getElementById(root.dataset.resultsDiaryFor);
    this.keep = root.querySelector("[data-results-diary-keep]");
    this.form = root.querySelector("[data-results-diary-form]");
    this.dateInput = root.querySelector("[data-results-diary-date]");
    this.noteInput = root.querySelector("[data-results-diary-note]");
    this.status = root.querySelector("[data-results-diary-status]");
    this.kept = root.querySelector("[data-results-diary-kept]");
    this.list = root.querySelector("[data-results-diary-entries]");
    this.confirm = root.querySelector("[data-results-diary-confirm]");
    this.wipeButton = root.querySelector("[data-results-diary-wipe]");
    this.top = Number(root.dataset.scaleTop); // -1: 1 in 10
    this.bottom = Number(root.dataset.scaleBottom); // -7: 1 in 10,000,000
    this.answerKey = null;

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.keepAnswer();
    });
    this.wipeButton.addEventListener("click", () => this.askToWipe());
    root.querySelector("[data-results-diary-wipe-no]").addEventListener("click", () => this.closeConfirm(true));
    root.querySelector("[data-results-diary-wipe-yes]").addEventListener("click", () => this.wipe());
    root.querySelector("[data-results-diary-print]").addEventListener("click", () => this.print());
    window.addEventListener("afterprint", () => this.endPrint());

    new MutationObserver(() => this.answered()).observe(this.reader, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["data-reading-kind", "data-reading-share", "data-reading-comparison"],
    });
    root.hidden = false;
    this.answered();
    this.render();
  }

  entries() {
    try {
      const entries = JSON.parse(this.store.getItem(STORAGE_KEY) || "[]");
      return Array.isArray(entries) ? entries : [];
    } catch {
      return [];
    }
  }

  save(entries) {
    entries.sort((a, b) => a.date.localeCompare(b.date) || a.kept - b.kept);
    this.store.setItem(STORAGE_KEY, JSON.stringify(entries));
  }

  // The reader's current answer, when it is a reading that can be kept.
  reading() {
    const answer = this.reader.querySelector("[data-result-reader-answer]");
    const kind = answer && answer.dataset.readingKind;
    const headline = answer && answer.querySelector("[data-result-reader-headline]");
    if (!kind || NOT_KEPT.has(kind) || !headline) return null;
    return {
      answer,
      kind,
      words: headline.textContent.trim(),
      share: answer.dataset.readingShare || "",
      comparison: answer.dataset.readingComparison || "",
    };
  }

  answered() {
    const reading = this.reading();
    const key = reading ? [reading.kind, reading.share, reading.comparison, reading.words].join("|") : null;
    if (reading && reading.answer === this.answerElement && key === this.answerKey) return;
    this.answerElement = reading && reading.answer;
    this.answerKey = key;
    // What was typed for this answer (the field may be changed before "Keep" is pressed).
    const input = this.reader.querySelector("input[name='result']");
    this.typed = input ? input.value.trim() : "";
    this.keep.hidden = !reading;
    if (reading) {
      this.dateInput.value = today();
      this.dateInput.max = today();
      this.noteInput.value = "";
      this.status.textContent = "";
    }
  }

  keepAnswer() {
    const reading = this.reading();
    if (!reading) return;
    const date = this.dateInput.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      this.status.textContent = "Enter the date of the test, then keep the result.";
      this.dateInput.focus();
      return;
    }
    const entries = this.entries();
    entries.push({
      date,
      kept: Date.now(),
      typed: this.typed,
      words: reading.words,
      kind: reading.kind,
      share: reading.share,
      comparison: reading.comparison,
      note: this.noteInput.value.trim().slice(0, 200),
    });
    try {
      this.save(entries);
    } catch {
      this.status.textContent = "This browser would not keep it. It may be full, or set not to keep data.";
      return;
    }
    this.keep.hidden = true;
    this.render();
    this.status.textContent = `Kept on this phone: ${reading.words}, ${dateInWords(date)}.`;
    // The form is gone with its button: the keyboard goes on to the list it was kept in.
    this.kept.querySelector("[data-results-diary-kept-title]").focus();
  }

  render() {
    const entries = this.entries();
    this.kept.hidden = entries.length === 0;
    this.list.replaceChildren(...entries.map((entry) => this.entryItem(entry)));
  }

  entryItem(entry) {
    const item = element("li", "results-diary__entry");
    const when = element("time", "results-diary__when", dateInWords(entry.date));
    when.dateTime = entry.date;
    const heading = element("p", "results-diary__date");
    heading.append(when);
    const words = element("p", "results-diary__words");
    words.append(element("strong", "", entry.words));
    item.append(heading, words);
    if (entry.typed) item.append(element("p", "results-diary__typed", `Typed as: ${entry.typed}`));
    item.append(this.scaleFor(entry));
    if (entry.note) item.append(element("p", "results-diary__note", `Your note: ${entry.note}`));
    return item;
  }

  // The entry's place on the reader's scale, drawn, with the same in words for anyone not seeing
  // the drawing (the drawing itself is hidden from screen readers: the words say it).
  scaleFor(entry) {
    const power = powerOf(entry.share);
    const place = element("div", "results-diary__scale");
    if (power === null) {
      place.append(element("p", "results-diary__place", "Not placed on the scale: there is no number to place."));
      return place;
    }
    const span = -this.bottom - -this.top;
    const position = Math.min(Math.max((power - -this.top) / span, 0), 1);
    const track = element("span", "results-diary__track");
    track.setAttribute("aria-hidden", "true");
    const marker = element("span", "results-diary__marker");
    marker.dataset.step = String(Math.round(position * STEPS));
    // "Below" and "at most": the result could be anywhere to the right of the mark.
    if (["below", "at_most"].includes(entry.comparison) || entry.kind === "none_found") {
      marker.classList.add("results-diary__marker--or-fewer");
    }
    track.append(marker);
    const ends = element("span", "results-diary__ends");
    ends.setAttribute("aria-hidden", "true");
    ends.append(
      element("span", "", this.root.dataset.scaleTopLabel),
      element("span", "", this.root.dataset.scaleBottomLabel),
    );
    place.append(track, ends);
    return place;
  }

  askToWipe() {
    this.confirm.hidden = false;
    this.wipeButton.setAttribute("aria-expanded", "true");
    this.root.querySelector("[data-results-diary-confirm-text]").focus();
  }

  closeConfirm(returnFocus) {
    this.confirm.hidden = true;
    this.wipeButton.setAttribute("aria-expanded", "false");
    if (returnFocus) this.wipeButton.focus();
  }

  wipe() {
    this.store.removeItem(STORAGE_KEY);
    this.closeConfirm(false);
    this.render();
    this.status.textContent = "All kept results were deleted from this phone.";
    // The list and its buttons are gone: keep the keyboard in the reader.
    const input = this.reader.querySelector("input[name='result']");
    if (input) input.focus();
  }

  // A one-page summary: the kept results alone, the date printed and a line that this is not
  // medical advice, in an element of its own at the top of the page (results-diary.css hides
  // everything else while it prints).
  print() {
    this.endPrint();
    const summary = element("section", "results-diary-print");
    summary.dataset.resultsDiarySummary = "";
    summary.append(
      element("h1", "results-diary-print__title", "MRD results kept on this phone"),
      element("p", "results-diary-print__printed", `Printed on ${DATE_WORDS.format(new Date())}.`),
      element(
        "p",
        "results-diary-print__advice",
        "This is not medical advice. It shows what was typed from the reports and how this website reads " +
          "each result. Ask your child's care team what the results mean for your child.",
      ),
      element(
        "p",
        "results-diary-print__scale",
        `Each result is placed on one scale, from ${this.root.dataset.scaleTopLabel} on the left to ` +
          `${this.root.dataset.scaleBottomLabel} on the right. Each step to the right is 10 times fewer.`,
      ),
    );
    summary.append(this.list.cloneNode(true));
    document.body.append(summary);
    document.documentElement.classList.add("is-printing-results-diary");
    window.print();
  }

  endPrint() {
    document.documentElement.classList.remove("is-printing-results-diary");
    for (const old of document.querySelectorAll("[data-results-diary-summary]")) old.remove();
  }
}

const store = storage();
for (const root of document.querySelectorAll("[data-results-diary]")) {
  if (store && !root.dataset.diaryReady && document.getElementById(root.dataset.resultsDiaryFor)) {
    root.dataset.diaryReady = "true";
    new ResultsDiary(root, store);
  }
}
