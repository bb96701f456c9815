// The cells-in-the-body explainer, enhanced: a slider through the stages, a polite live
// region, two log scales (cells in the body; share of the marrow sample) with each method's
// detection limit, and a field of dots. The server has already written every stage, the table
// and this explainer's data (a JSON script element); this module only adds the moving parts.
// Each figure is its own instance, so several explainers on a page never interfere.

const SVG = "http://www.w3.org/2000/svg";
const ANNOUNCE_DELAY = 350; // ms: a quick run of arrow presses is announced once, at its end
const HEADER = 62; // px: title, "each step" line and the "now" line of each scale
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
    this.dotsBox = root.querySelector("[data-explainer-dots]");
    this.timer = null;
    const linked = this.indexForHash(window.location.hash);
    this.index = linked === null ? this.data.start : linked;

    this.buildDots();
    this.drawScales();
    this.show(this.index, false);
    this.listen();
    root.classList.add("is-enhanced");
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
        this.slider.focus();
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
    this.fillDots();
    if (!byReader) return;
    // Replace, not push: moving through the stages must not fill the back button's history.
    window.history.replaceState(window.history.state, "", "#" + stage.anchor);
    if (changed || !this.status.textContent) this.announce(stage.announcement);
  }

  announce(message) {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.status.textContent = message;
    }, ANNOUNCE_DELAY);
  }

  // --- the two scales -------------------------------------------------------------------------
  drawScales() {
    const box = this.scaleBox;
    const width = box.clientWidth;
    const height = box.clientHeight;
    box.textContent = "";
    this.scalePanels = null;
    if (width < 120 || height < 120) return; // not laid out yet: the ResizeObserver draws it later
    this.svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}`, focusable: "false" }, box);
    const side = getComputedStyle(box).getPropertyValue("--explainer-layout").trim() === "side";
    const panels = [];
    const { body, sample } = this.data;
    if (body) panels.push({ kind: "body", labels: body, title: "Cells in the whole body" });
    if (sample) panels.push({ kind: "sample", labels: sample, title: "Share of the marrow sample" });
    const gap = 20;
    const rows = panels.reduce((sum, panel) => sum + panel.labels.length, 0);
    let y = 0;
    panels.forEach((panel, i) => {
      if (side) {
        const w = (width - gap * (panels.length - 1)) / panels.length;
        panel.box = { x: i * (w + gap), y: 0, w, h: height };
      } else {
        // One above the other, each as tall as its number of steps needs.
        const spare = height - panels.length * HEADER - gap * (panels.length - 1);
        const h = HEADER + (spare * panel.labels.length) / rows;
        panel.box = { x: 0, y, w: width, h };
        y += h + gap;
      }
      this.drawPanel(panel);
    });
    this.scalePanels = panels;
  }

  drawPanel(panel) {
    const { x, y, w, h } = panel.box;
    const group = svgEl("g", { class: "explainer-svg__panel" }, this.svg);
    panel.group = group;
    text(group, x, y + 15, panel.title, "explainer-svg__title");
    text(group, x, y + 34, "Each step down is 10 times fewer", "explainer-svg__text");
    panel.now = text(group, x, y + 54, "", "explainer-svg__now");
    const top = y + HEADER;
    const rowHeight = (h - HEADER) / panel.labels.length;
    const labelWidth = panel.kind === "body" ? 44 : Math.min(118, w * 0.42);
    panel.rowHeight = rowHeight;
    panel.plotX = x + labelWidth + 8;
    panel.plotW = w - labelWidth - 8;
    panel.top = panel.labels[0].exponent;
    panel.yOf = (exponent) => top + rowHeight * (panel.top - exponent + 0.5);
    svgEl("line", { x1: panel.plotX, y1: top, x2: panel.plotX, y2: y + h, class: "explainer-svg__axis" }, group);
    for (const label of panel.labels) {
      const cy = panel.yOf(label.exponent);
      svgEl("line", { x1: panel.plotX, y1: cy, x2: x + w, y2: cy, class: "explainer-svg__grid" }, group);
      svgEl("line", { x1: panel.plotX - 6, y1: cy, x2: panel.plotX, y2: cy, class: "explainer-svg__axis" }, group);
      text(group, x + labelWidth, cy + 4, label.label, "explainer-svg__text", "end");
    }
    if (panel.kind === "sample") this.drawLimits(panel, x + w);
    panel.marker = svgEl("rect", { x: panel.plotX + 6, width: 22, rx: 4, class: "explainer-svg__marker is-hidden" }, group);
    panel.marker.style.y = `${top}px`;
    panel.marker.style.height = `${rowHeight}px`;
  }

  drawLimits(panel, right) {
    // Each method finds everything above its line; a range (the MRD test) is a shaded band.
    this.data.methods.forEach((method, i) => {
      const y1 = panel.yOf(method.worst);
      const y2 = panel.yOf(method.best);
      if (y2 > y1) {
        const width = Math.max(0, right - panel.plotX - 34);
        svgEl("rect", { x: panel.plotX + 34, y: y1, width, height: y2 - y1, class: "explainer-svg__band" }, panel.group);
      }
      for (const ly of y2 > y1 ? [y1, y2] : [y1]) {
        const line = svgEl("line", { x1: panel.plotX + 34, y1: ly, x2: right, y2: ly, class: "explainer-svg__limit" }, panel.group);
        if (LIMIT_DASHES[i % 3]) line.setAttribute("stroke-dasharray", LIMIT_DASHES[i % 3]);
      }
      // About 7 px a character at 13 px: say "down to here" only where it fits beside the marker.
      const long = `${method.shortName}: down to here`;
      const label = long.length * 7 < right - panel.plotX - 34 ? long : method.shortName;
      text(panel.group, right, y2 + 15, label, "explainer-svg__text", "end");
    });
  }

  placeMarkers() {
    if (!this.scalePanels) return;
    const stage = this.stages[this.index];
    for (const panel of this.scalePanels) {
      const range = panel.kind === "body" ? stage.cells : stage.share;
      const bottom = panel.labels[panel.labels.length - 1].exponent;
      const marker = panel.marker;
      panel.group.classList.toggle("explainer-svg__panel--inactive", !range);
      marker.classList.toggle("explainer-svg__marker--unknown", Boolean(range && range[0] === null));
      if (!range) {
        marker.classList.add("is-hidden");
        panel.now.textContent =
          stage.level === "none"
            ? "No number at this stage"
            : panel.kind === "body"
              ? "No count in the body at this stage"
              : "This stage is counted in the body";
        continue;
      }
      // "None found" runs from the test's limit down to the bottom: some may still be there.
      const low = range[0] === null ? bottom : range[0];
      const high = range[1];
      const y = panel.yOf(high) - panel.rowHeight * 0.4;
      marker.style.y = `${y}px`;
      marker.style.height = `${panel.yOf(low) + panel.rowHeight * 0.4 - y}px`;
      marker.classList.remove("is-hidden");
      panel.now.textContent = `▶ Stage ${this.index + 1}: ${stage.name}`;
    }
  }

  // --- the dots -------------------------------------------------------------------------------
  buildDots() {
    const svg = svgEl("svg", { viewBox: "0 0 100 100", focusable: "false" }, this.dotsBox);
    this.dots = [];
    for (let i = 0; i < 100; i += 1) {
      const cx = 5 + (i % 10) * 10;
      const cy = 5 + Math.floor(i / 10) * 10;
      this.dots.push({
        dot: svgEl("circle", { cx, cy, r: 3.4, class: "explainer-dot" }, svg),
        ring: svgEl("circle", { cx, cy, r: 4.8, class: "explainer-dot__ring is-hidden" }, svg),
      });
    }
  }

  fillDots() {
    const { filled, outlined, marked, unknown } = this.stages[this.index].dots;
    const sample = this.stages[this.index].share !== null;
    // Leukaemia cells in a sample are spread through it, not bunched in a corner.
    const spread = new Set(Array.from({ length: marked }, (_, j) => Math.min(99, Math.floor(((j + 0.5) * 100) / marked) + 4)));
    this.dots.forEach(({ dot, ring }, i) => {
      let kind = "empty";
      if (i < filled) kind = "filled";
      else if (i < filled + outlined) kind = "outlined";
      else if (sample) kind = spread.has(i) ? "filled" : "sample";
      dot.setAttribute("class", `explainer-dot explainer-dot--${kind}`);
      ring.classList.toggle("is-hidden", !(sample && !unknown && spread.has(i)));
    });
  }
}

function start() {
  for (const root of document.querySelectorAll("[data-explainer]")) {
    if (!root.classList.contains("is-enhanced")) new Explainer(root);
  }
}

start();
