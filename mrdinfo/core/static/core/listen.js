// "Listen to this page" (core/pages/listening.py): the browser's own speech reads the page's main
// text aloud, one sentence at a time, the sentence being read highlighted. Nothing leaves the
// device and nothing is fetched. The control is hidden in the HTML and shown only once the
// browser says it has a voice. Sentences are marked with the CSS Custom Highlight API (the page's
// markup is left alone); where that is missing, the paragraph being read is marked instead.

// Not read: ways around the page, tables, forms and controls, what is hidden, what is there for
// screen readers only (their own speech already reads it), and what the page does not print
// (.no-print: controls such as "Link to this section", which are not its text).
const SKIP = [
  "nav", "table", "form", "aside", "details", "button", "input", "select", "textarea", "svg",
  "script", "style", "template", "[hidden]", "[aria-hidden='true']", "[popover]", ".visually-hidden",
  "[role='status']", ".no-print", ".breadcrumbs", ".contents-list", ".cards", "[data-listen]", "[data-listen-skip]",
].join(",");
// Where text is read from. Table cells are among them so that SKIP alone decides what is left out.
const BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, figcaption, blockquote, caption, th, td";
// A sentence ends at . ! or ? (and any closing quote or bracket) followed by a space or the end,
// so "0.01%" and "1.5" are not split.
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s|$)/g;
const HIGHLIGHT = "listen-sentence";
const READING_CLASS = "is-being-read";

function readPronunciations() {
  const data = document.getElementById("listen-pronunciations");
  try {
    return data ? JSON.parse(data.textContent) : {};
  } catch {
    return {};
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Names in capitals ("ALL") are replaced only in capitals, as the glossary links them, so the
// word "all" is left alone; other names in any case. Whole words only; longer names first.
function pronouncer(pronunciations) {
  const names = Object.keys(pronunciations).sort((a, b) => b.length - a.length);
  const capitals = names.filter((name) => name === name.toUpperCase());
  const others = names.filter((name) => name !== name.toUpperCase());
  const pattern = (list, flags) =>
    list.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, flags)
      : null;
  const exact = pattern(capitals, "gu");
  const folded = pattern(others, "giu");
  const lowerCased = Object.fromEntries(others.map((name) => [name.toLowerCase(), pronunciations[name]]));
  return (text) => {
    let spoken = exact ? text.replace(exact, (name) => pronunciations[name]) : text;
    if (folded) spoken = spoken.replace(folded, (name) => lowerCased[name.toLowerCase()] ?? name);
    return spoken;
  };
}

function isShown(element) {
  return typeof element.checkVisibility === "function" ? element.checkVisibility() : true;
}

// The text nodes of one block, without those of blocks inside it (a list item's own paragraph is
// a block of its own) or of anything skipped.
function textNodesOf(block) {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (parent.closest(BLOCKS) !== block) return NodeFilter.FILTER_REJECT;
      const skipped = parent.closest(SKIP);
      return skipped && block.contains(skipped) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

// A position in the block's joined text → a point in one of its text nodes.
function pointAt(pieces, offset) {
  for (const piece of pieces) {
    if (offset <= piece.end) return [piece.node, offset - piece.start];
  }
  const last = pieces[pieces.length - 1];
  return [last.node, last.node.length];
}

function sentencesOf(block, say) {
  const pieces = [];
  let text = "";
  for (const node of textNodesOf(block)) {
    pieces.push({ node, start: text.length, end: text.length + node.length });
    text += node.data;
  }
  const sentences = [];
  let start = 0;
  const add = (end) => {
    const part = text.slice(start, end);
    const words = part.trim();
    if (words) {
      const from = start + (part.length - part.trimStart().length);
      const range = document.createRange();
      range.setStart(...pointAt(pieces, from));
      range.setEnd(...pointAt(pieces, from + words.length));
      sentences.push({ block, range, text: words.replace(/\s+/g, " "), spoken: say(words.replace(/\s+/g, " ")) });
    }
    start = end;
  };
  for (const match of text.matchAll(SENTENCE_END)) add(match.index + match[0].length);
  add(text.length);
  return sentences;
}

function sentencesIn(root, say) {
  const blocks = [...root.querySelectorAll(BLOCKS)].filter(
    (block) => !block.closest(SKIP) && isShown(block),
  );
  return blocks.flatMap((block) => sentencesOf(block, say));
}

// A voice on this device in the page's language (en-GB first, then any English). Only voices the
// browser says are local (localService): some browsers also offer voices that send the text to
// a speech service, and the control promises that nothing is sent.
function chooseVoice(voices, lang) {
  const base = lang.split("-")[0].toLowerCase();
  const norm = (value) => (value || "").replace("_", "-").toLowerCase();
  const local = voices.filter((voice) => voice.localService);
  return (
    local.find((voice) => norm(voice.lang) === lang.toLowerCase()) ||
    local.find((voice) => norm(voice.lang).split("-")[0] === base) ||
    null
  );
}

class PageReader {
  constructor(control, synth) {
    this.control = control;
    this.synth = synth;
    this.play = control.querySelector("[data-listen-play]");
    this.stopButton = control.querySelector("[data-listen-stop]");
    this.rates = [...control.querySelectorAll("[data-listen-rate]")];
    this.rate = 1;
    this.state = "stopped";
    this.index = 0;
    this.sentences = [];
    this.turn = 0; // each utterance's events count only while it is the current one
    this.say = pronouncer(readPronunciations());
    this.lang = document.documentElement.lang || "en-GB";
    this.reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    this.play.addEventListener("click", () => this.toggle());
    this.stopButton.addEventListener("click", () => {
      this.stop();
      this.play.focus(); // the stop button is disabled now: keep the keyboard's place
    });
    for (const button of this.rates) button.addEventListener("click", () => this.setRate(button));
    // Leaving the page ends the reading; switching away from it pauses it.
    window.addEventListener("pagehide", () => this.stop());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && this.state === "playing") this.pause();
    });
  }

  reveal() {
    this.voice = chooseVoice(this.synth.getVoices(), this.lang);
    if (this.voice && this.control.hidden) this.control.hidden = false;
  }

  toggle() {
    if (this.state === "playing") this.pause();
    else if (this.state === "paused") this.resume();
    else this.start();
  }

  start() {
    this.sentences = sentencesIn(document.querySelector("main") || document.body, this.say);
    if (!this.sentences.length) return;
    this.index = 0;
    this.setState("playing");
    this.speak();
  }

  // Pausing cancels the sentence and starting again reads it from its beginning: the browsers'
  // own pause() is unreliable (on Android it often never resumes), and a whole sentence is easier
  // to follow after a break than its second half.
  pause() {
    this.turn += 1;
    this.synth.cancel();
    this.setState("paused");
  }

  resume() {
    this.setState("playing");
    this.speak();
  }

  stop() {
    this.turn += 1;
    if (this.state !== "stopped") this.synth.cancel();
    this.index = 0;
    this.setState("stopped");
    this.mark(null);
  }

  setRate(chosen) {
    this.rate = Number(chosen.dataset.listenRate);
    for (const button of this.rates) button.setAttribute("aria-pressed", String(button === chosen));
    if (this.state === "playing") {
      this.turn += 1;
      this.synth.cancel();
      this.speak(); // the sentence again, at the new speed
    }
  }

  speak() {
    const sentence = this.sentences[this.index];
    if (!sentence) {
      this.stop();
      return;
    }
    const turn = (this.turn += 1);
    const utterance = new SpeechSynthesisUtterance(sentence.spoken);
    utterance.lang = this.lang;
    utterance.rate = this.rate;
    utterance.voice = this.voice; // always set: the browser's default voice may not be local
    utterance.onend = () => {
      if (turn !== this.turn) return;
      this.index += 1;
      this.speak();
    };
    utterance.onerror = (event) => {
      if (turn !== this.turn || event.error === "interrupted" || event.error === "canceled") return;
      this.stop();
    };
    this.mark(sentence);
    this.synth.speak(utterance);
  }

  mark(sentence) {
    for (const element of document.querySelectorAll(`.${READING_CLASS}`)) element.classList.remove(READING_CLASS);
    const highlights = window.CSS && CSS.highlights;
    if (highlights) highlights.delete(HIGHLIGHT);
    if (!sentence) return;
    sentence.block.classList.add(READING_CLASS);
    if (highlights && typeof Highlight === "function") highlights.set(HIGHLIGHT, new Highlight(sentence.range));
    const box = sentence.range.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      sentence.block.scrollIntoView({ block: "center", behavior: this.reducedMotion.matches ? "auto" : "smooth" });
    }
  }

  setState(state) {
    this.state = state;
    this.play.textContent = { playing: "Pause", paused: "Carry on", stopped: "Listen" }[state];
    this.stopButton.disabled = state === "stopped";
    this.control.classList.toggle("is-reading", state !== "stopped");
  }
}

const control = document.querySelector("[data-listen]");
const synth = window.speechSynthesis;
if (control && synth && typeof window.SpeechSynthesisUtterance === "function" && !control.dataset.listenReady) {
  control.dataset.listenReady = "true";
  const reader = new PageReader(control, synth);
  reader.reveal();
  // Most browsers load their voices after the page: the list arrives with voiceschanged.
  synth.addEventListener("voiceschanged", () => reader.reveal());
}
