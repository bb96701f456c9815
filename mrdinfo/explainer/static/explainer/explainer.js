// The cells-in-the-body explainer, enhanced: a slider through the stages, a polite live
// region, and one tall log scale (cells in the body above; share of the marrow sample below)
// with each test's floor and this stage's cells as a band. The server has already written every stage, the table
// and this explainer's data (a JSON script element); this module only adds the moving parts.
// Each figure is its own instance, so several explainers on a page never interfere.

const SVG = "http://www.w3.org/2000/svg";
const ANNOUNCE_DELAY = 350; // ms: a quick run of arrow presses is announced once, at its end
const GLIDE_CHECK_MS = 5000; // ms: how long after a step the end of its glide is still awaited
const HEADER = 72; // px: the title, the "each step" line and the "now" line
const TITLE = 30; // px: each part's title ("In the whole body")
const COMPACT = 400; // px: a shorter scale (a phone) leaves its title lines to the stage card
const COMPACT_TITLE = 24;
const LIMIT_DASHES = ["", "7 4", "2 3"];

function svgEl(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function text(parent, x, y, content, cls, anchor) {
  const node = svgEl("text", { x, y, class: cls, "text-anchor": anchor || "start" }, parent);
  node.textContent = content;
  return node;
}

class Explainer {
  constructor(root) {
    this.root = root;
    this.data = JSON.parse(root.querySelector("script[type='application/json']").textContent);
    this.stages = this.data.stages;
    this.slider = root.querySelector("[data-explainer-slider]");
    this.ticks = Array.from(root.querySelectorAll("[data-explainer-tick]"));
    this.panels = Array.from(root.querySelectorAll("[data-explainer-stage]"));
    this.status = root.querySelector("[data-explainer-status]");
    this.scaleBox = root.querySelector("[data-explainer-scale]");
    this.control = root.querySelector("[data-explainer-control]");
    this.interactive = root.querySelector("[data-explainer-interactive]");
    this.timer = null;
    this.glideCheck = null;
    const linked = this.indexForHash(window.location.hash);
    this.index = linked === null ? this.data.start : linked;

    root.classList.add("is-enhanced");
    // The table tells the same story as the scale and the stage cards: folded, a tap away, once the
    // scale is drawn (the HTML sends it open, for reading without script). Before the first paint
    // (the script holds it), so nothing moves.
    const table = root.querySelector("[data-explainer-table]");
    if (table) table.open = false;
    this.drawScales();
    this.show(this.index, false);
    this.listen();
  }

  // After a step the stage's title, first line and band must be on screen with the control:
  // if they are not, bring the figure up so the control sits at the top of the screen.
  keepInView() {
    if (this.answerInView()) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.scrollToControl(reduce ? "auto" : "smooth");
    if (reduce || !("onscrollend" in window)) return;
    // A busy phone can cut a glide short: once it ends, check again and jump the rest of the way.
    // One check at a time (a new step replaces it), dropped if the reader scrolls by hand (their
    // scroll wins) or if no glide ends soon (a later scroll of theirs must not be undone).
    if (this.glideCheck) this.glideCheck.abort();
    const check = new AbortController();
    this.glideCheck = check;
    const byHand = () => check.abort();
    window.addEventListener("wheel", byHand, { passive: true, signal: check.signal });
    window.addEventListener("touchstart", byHand, { passive: true, signal: check.signal });
    window.addEventListener("scrollend", () => {
      check.abort();
      if (!this.answerInView()) this.scrollToControl("auto");
    }, { signal: check.signal });
    window.setTimeout(byHand, GLIDE_CHECK_MS);
  }

  answerInView() {
    const panel = this.panels[this.index];
    const head = panel && panel.querySelector("[data-explainer-stage-head]");
    if (!head) return true;
    const band = this.scalePanels && this.scalePanels.map((p) => p.marker).find((m) => !m.classList.contains("is-hidden"));
    const controlBottom = this.control.getBoundingClientRect().bottom;
    const headBox = head.getBoundingClientRect();
    const bottom = Math.max(headBox.top + Math.min(headBox.height, 160), band ? band.getBoundingClientRect().bottom : 0);
    return headBox.top >= controlBottom - 1 && bottom <= window.innerHeight;
  }

  scrollToControl(behavior) {
    const top = this.interactive.getBoundingClientRect().top + window.scrollY;
    window.scrollTo({ top, behavior });
  }

  indexForHash(hash) {
    let id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      return null;
    }
    const index = this.stages.findIndex((stage) => stage.anchor === id);
    return index < 0 ? null : index;
  }

  listen() {
    this.slider.addEventListener("input", () => this.show(Number(this.slider.value) - 1, true));
    this.slider.addEventListener("keydown", (event) => {
      // Home, End and the arrows are the range input's own; Page Up and Down jump two stages.
      const jump = { PageUp: 2, PageDown: -2 }[event.key];
      if (!jump) return;
      event.preventDefault();
      this.show(this.index + jump, true);
    });
    for (const tick of this.ticks) {
      tick.addEventListener("click", () => {
        this.show(Number(tick.dataset.explainerTick), true);
        this.slider.focus({ preventScroll: true });
      });
    }
    window.addEventListener("hashchange", () => {
      const index = this.indexForHash(window.location.hash);
      if (index !== null) this.show(index, false);
    });
    if ("ResizeObserver" in window) {
      let width = this.scaleBox.clientWidth;
      new ResizeObserver(() => {
        if (this.scaleBox.clientWidth === width) return;
        width = this.scaleBox.clientWidth;
        this.drawScales();
        this.placeMarkers();
      }).observe(this.scaleBox);
    }
  }

  show(index, byReader) {
    index = Math.max(0, Math.min(this.stages.length - 1, index));
    const stage = this.stages[index];
    const changed = index !== this.index;
    this.index = index;
    this.slider.value = String(index + 1);
    this.slider.setAttribute("aria-valuetext", stage.valuetext);
    this.panels.forEach((panel, i) => panel.classList.toggle("is-current", i === index));
    this.ticks.forEach((tick, i) => {
      if (i === index) tick.setAttribute("aria-current", "step");
      else tick.removeAttribute("aria-current");
    });
    this.placeMarkers();
    if (!byReader) return;
    // Replace, not push: moving through the stages must not fill the back button's history.
    window.history.replaceState(window.history.state, "", "#" + stage.anchor);
    if (changed || !this.status.textContent) this.announce(stage.announcement);
    this.keepInView();
  }

  announce(message) {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.status.textContent = message;
    }, ANNOUNCE_DELAY);
  }

  // --- the one tall scale ---------------------------------------------------------------------
  // Cells in the whole body above, the share of the marrow sample below; every step labelled in
  // words first; each test's floor a labelled line; this stage's cells a band.
  drawScales() {
    const box = this.scaleBox;
    const width = box.clientWidth;
    const height = box.clientHeight;
    box.textContent = "";
    this.scalePanels = null;
    if (width < 120 || height < 120) return; // not laid out yet: the ResizeObserver draws it later
    this.svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}`, focusable: "false" }, box);
    this.width = width;
    const compact = height < COMPACT;
    const header = compact ? 0 : HEADER;
    const title = compact ? COMPACT_TITLE : TITLE;
    this.now = null;
    if (!compact) {
      text(this.svg, 0, 16, "Leukaemia cells at this stage", "explainer-svg__title");
      text(this.svg, 0, 38, "Each step down is 10 times fewer", "explainer-svg__text");
      this.now = text(this.svg, 0, 60, "", "explainer-svg__now");
    }
    const panels = [];
    const { body, sample } = this.data;
    if (body) panels.push({ kind: "body", labels: body, name: "In the whole body" });
    if (sample) panels.push({ kind: "sample", labels: sample, name: "In the marrow sample (a share)" });
    const rows = panels.reduce((sum, panel) => sum + panel.labels.length, 0);
    const rowHeight = (height - header - panels.length * title) / rows;
    let y = header;
    for (const panel of panels) {
      panel.title = title;
      panel.box = { y, h: title + rowHeight * panel.labels.length };
      panel.rowHeight = rowHeight;
      this.drawPanel(panel, width);
      y += panel.box.h;
    }
    this.scalePanels = panels;
  }

  drawPanel(panel, width) {
    const { y } = panel.box;
    const group = svgEl("g", { class: "explainer-svg__panel" }, this.svg);
    panel.group = group;
    const top = y + panel.title;
    panel.top = panel.labels[0].exponent;
    panel.bottom = panel.labels[panel.labels.length - 1].exponent;
    // The bottom edge of the row for 10^exponent; the row is the rowHeight above it.
    panel.yOf = (exponent) => top + panel.rowHeight * (panel.top - exponent + 1);
    panel.marker = svgEl("rect", { x: 0, width, class: "explainer-svg__marker is-hidden" }, group);
    text(group, 0, top - 6, panel.name, "explainer-svg__title");
    svgEl("line", { x1: 0, y1: top, x2: width, y2: top, class: "explainer-svg__axis" }, group);
    for (const label of panel.labels) {
      const ly = panel.yOf(label.exponent);
      svgEl("line", { x1: 0, y1: ly, x2: width, y2: ly, class: "explainer-svg__grid" }, group);
      const words = text(group, 4, ly - 8, label.label, "explainer-svg__text");
      if (label.power && panel.title === TITLE) {
        const power = svgEl("tspan", { class: "explainer-svg__power", dx: 6 }, words);
        power.textContent = label.power;
      }
    }
    if (panel.kind === "sample") this.drawLimits(panel, width);
    panel.marker.style.y = `${top}px`;
    panel.marker.style.height = `${panel.rowHeight}px`;
  }

  drawLimits(panel, right) {
    // Each test finds everything above its line; the MRD test's "at its best" is a second line.
    this.data.methods.forEach((method, i) => {
      const floors = method.best < method.worst ? [[method.worst, ""], [method.best, ", at best"]] : [[method.worst, ""]];
      for (const [exponent, suffix] of floors) {
        const ly = panel.yOf(exponent);
        const line = svgEl("line", { x1: 0, y1: ly, x2: right, y2: ly, class: "explainer-svg__limit" }, panel.group);
        if (LIMIT_DASHES[i % 3]) line.setAttribute("stroke-dasharray", LIMIT_DASHES[i % 3]);
        text(panel.group, right - 2, ly - 8, `${method.shortName}${suffix}`, "explainer-svg__text", "end");
      }
    });
  }

  placeMarkers() {
    if (!this.scalePanels) return;
    const stage = this.stages[this.index];
    if (this.now) {
      const counted = stage.cells || stage.share;
      const name = counted ? `Now: stage ${stage.label}, ${stage.name}` : `Stage ${stage.label}: not counted, so no band`;
      // About 8 px a character at 14 px bold: the full line only where it fits.
      this.now.textContent = name.length * 8 < this.width ? name : `Now: stage ${stage.label}`;
    }
    for (const panel of this.scalePanels) {
      const range = panel.kind === "body" ? stage.cells : stage.share;
      const marker = panel.marker;
      panel.group.classList.toggle("explainer-svg__panel--inactive", !range);
      marker.classList.toggle("explainer-svg__marker--unknown", Boolean(range && range[0] === null));
      if (!range) {
        marker.classList.add("is-hidden");
        continue;
      }
      // "None found" runs from the test's limit down to the bottom: some may still be there.
      // "This share or more" runs from the share up to the top.
      const y1 = range[1] === null ? panel.yOf(panel.top) - panel.rowHeight : range[0] === null ? panel.yOf(range[1]) : panel.yOf(range[1]) - panel.rowHeight;
      const y2 = range[0] === null ? panel.yOf(panel.bottom) : panel.yOf(range[0]);
      marker.style.y = `${y1}px`;
      marker.style.height = `${y2 - y1}px`;
      marker.classList.remove("is-hidden");
    }
  }
}

function start() {
  for (const root of document.querySelectorAll("[data-explainer]")) {
    if (!root.classList.contains("is-enhanced")) new Explainer(root);
  }
}

start();
