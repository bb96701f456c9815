// The MRD result reader, answered in place and in the browser, so it works offline. Without this
// script the form is a plain GET form (?result=…) and the server answers on the page. With it,
// the result is read here by the same rules as the server's (results.py, result_grammar.py,
// result_notation.py, reader.py), with the phrase tables and every sentence taken from the JSON
// block the server renders from its own tables (reader.script_data): this file holds the rules,
// never the words. The answer is built as the server's template builds it, announced politely,
// and the address updated, so a reload or a shared link shows the same answer. If reading here
// ever fails, the page is fetched with the same query and its answer put in place; if that fails
// too, the form submits as usual. Shares are exact fractions of BigInts, as Python's Fraction.

// --- Exact fractions -------------------------------------------------------------------------
const gcd = (a, b) => { while (b) [a, b] = [b, a % b]; return a < 0n ? -a : a; };
const Q = (n, d = 1n) => { const g = gcd(n, d) || 1n; return { n: n / g, d: d / g }; };
const mul = (a, b) => Q(a.n * b.n, a.d * b.d);
const div = (a, b) => Q(a.n * b.d, a.d * b.n);
const cmp = (a, b) => { const x = a.n * b.d - b.n * a.d; return x < 0n ? -1 : x > 0n ? 1 : 0; };
const pow10 = (e) => (e >= 0 ? Q(10n ** BigInt(e)) : Q(1n, 10n ** BigInt(-e)));
const ONE = Q(1n);
const fracText = (a) => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`);
const grouped = (n) => `${n}`.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const len = (text) => [...text].length; // code points, as Python counts
// A double's exact value, as a fraction (a float is a whole number times a power of two).
const exactly = (x) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0), e = Number((bits >> 52n) & 0x7ffn);
  const m = (bits & 0xfffffffffffffn) | (e ? 1n << 52n : 0n), p = (e || 1) - 1075;
  return p >= 0 ? Q(m << BigInt(p)) : Q(m, 1n << BigInt(-p));
};
// The power of ten at or below a positive fraction: 3/2000 → -3.
const exponentOf = (a) => {
  let e = 0;
  while (cmp(a, pow10(e + 1)) >= 0) e += 1;
  while (cmp(a, pow10(e)) < 0) e -= 1;
  return e;
};
// Python's float(fraction): the nearest double, through 40 exact significant digits.
const toFloat = (a) => {
  const e = exponentOf(a), digits = mul(a, pow10(39 - e));
  return Number(`${digits.n / digits.d}e${e - 39}`);
};
// Round to a whole number of `unit`s, halves to even, as Python's round() does.
const roundEven = (a, unit) => {
  const q = div(a, unit), whole = q.n / q.d, rest = cmp(Q(q.n - whole * q.d, q.d), Q(1n, 2n));
  return mul(Q(rest > 0 || (rest === 0 && whole % 2n) ? whole + 1n : whole), unit);
};
const decimalPlaces = (a, places) => {
  const text = `${(a.n * 10n ** BigInt(places)) / a.d}`.padStart(places + 1, "0");
  return places ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
};
const trimZeros = (text) => (text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text);
// Python's f"{x:.3g}" for a positive double x, rounded from its exact value, halves to even.
const threeFigures = (x) => {
  const a = exactly(x);
  let e = exponentOf(a), figures = div(roundEven(a, pow10(e - 2)), pow10(e - 2)).n;
  if (figures >= 1000n) [e, figures] = [e + 1, 100n];
  if (e >= -4 && e < 3) return trimZeros(decimalPlaces(mul(Q(figures), pow10(e - 2)), Math.max(2 - e, 0)));
  return `${trimZeros(decimalPlaces(Q(figures, 100n), 2))}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
};

// --- Notation (result_notation.py) -------------------------------------------------------------
const decimalText = (value) => {
  if (value.n === 0n) return "0";
  let places = 0;
  while (mul(value, pow10(places)).d !== 1n && places < 20) places += 1;
  if (mul(value, pow10(places)).d !== 1n) return threeFigures(toFloat(value));
  const text = `${(value.n * 10n ** BigInt(places)) / value.d}`.padStart(places + 1, "0");
  const whole = text.slice(0, text.length - places) || "0", fraction = text.slice(text.length - places);
  return grouped(BigInt(whole)) + (fraction ? `.${fraction}` : "");
};
const percentText = (share) => `${decimalText(mul(share, Q(100n))).replaceAll(",", "")}%`;
const eText = (share) => {
  let e = 0;
  while (cmp(mul(share, pow10(-e)), ONE) < 0) e -= 1;
  const sign = e < 0 ? "-" : "";
  return `${decimalText(mul(share, pow10(-e)))}E${sign}${String(Math.abs(e)).padStart(2, "0")}`;
};
const powerText = (share) => {
  let e = 0;
  while (cmp(pow10(e), share) > 0) e -= 1;
  return `10^${e}`;
};

// --- Tokens (result_tokens.py) -------------------------------------------------------------------
const SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const TRIM = new RegExp(`^${SPACE}+|${SPACE}+$`, "gu");
const TOKEN = new RegExp(
  `(\\p{Nd}+(?:[.,]\\p{Nd}+)*)|([a-z]+)|(<=|>=|=<|=>|\\*\\*|[%<>≤≥=^()\\[\\]:/*×·~+\\-,;])|(${SPACE}+)|(.)`,
  "gsu",
);
const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺";
const strip = (text) => text.replace(TRIM, "");
const normalise = (text) =>
  strip(
    text
      .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+/gu, (m) => `^${[...m].map((c) => "0123456789-+"[SUPERSCRIPTS.indexOf(c)]).join("")}`)
      .normalize("NFKC")
      .replace(/[−–—‐‑]/g, "-")
      .replace(/⁄/g, "/"),
  );
const tokenise = (text) => {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const found = [];
  for (const m of lower.matchAll(TOKEN)) {
    const kind = m[1] ? "num" : m[2] ? "word" : m[3] ? "sym" : m[4] ? "space" : "other";
    if (kind !== "space") found.push({ kind, text: m[0] === "**" ? "^" : m[0], start: m.index, end: m.index + m[0].length });
  }
  return found;
};
// Any decimal digit (Arabic-Indic too, as Python's \d) as its ASCII digit: digits come in runs of ten.
const ascii = (text) =>
  text.replace(/\p{Nd}/gu, (c) => {
    let zero = c.codePointAt(0);
    while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
    return String((c.codePointAt(0) - zero) % 10);
  });
const isDigits = (text) => /^\p{Nd}+$/u.test(text);
const int = (text) => BigInt(ascii(text));
const numberValue = (text) => {
  if (text.includes(",") && text.includes(".")) text = text.replaceAll(",", "");
  const separator = text.includes(",") ? "," : ".";
  const [whole, ...groups] = text.split(separator);
  if (separator === "," && whole !== "0" && groups.length && groups.every((g) => len(g) === 3)) {
    return Q(int(whole + groups.join("")));
  }
  if (groups.length > 1) return null;
  const fraction = groups[0] || "";
  return Q(int(whole + fraction), 10n ** BigInt(len(fraction)));
};

// --- Grammar (result_grammar.py) -------------------------------------------------------------
const SEPARATORS = [",", ";", "-", ":", "/"];
const OUTCOME_SKIPS = [...SEPARATORS, "(", ")"];

class Parser {
  constructor(text, grammar) {
    Object.assign(this, { text, g: grammar, tokens: tokenise(text), pos: 0, failure: "unknown", failedNumber: "" });
  }

  peek(offset = 0) {
    return this.tokens[this.pos + offset] || null;
  }

  accept(texts, kind = "") {
    const token = this.peek();
    if (token && (!texts || texts.includes(token.text)) && (!kind || token.kind === kind)) {
      this.pos += 1;
      return token;
    }
    return null;
  }

  phrase(options, skips = []) {
    let best = null, bestEnd = this.pos;
    for (const option of options) {
      let index = this.pos, ok = true;
      for (const [n, part] of option.entries()) {
        while (n && index < this.tokens.length && this.tokens[index].text !== part && skips.includes(this.tokens[index].text)) index += 1;
        if (index >= this.tokens.length || this.tokens[index].text !== part) { ok = false; break; }
        index += 1;
      }
      if (ok && index > bestEnd) [best, bestEnd] = [option, index];
    }
    this.pos = bestEnd;
    return best;
  }

  keyedPhrase(table, skips = []) {
    let bestKey = "", bestEnd = this.pos;
    const start = this.pos;
    for (const [key, options] of Object.entries(table)) {
      this.pos = start;
      if (this.phrase(options, skips) && this.pos > bestEnd) [bestKey, bestEnd] = [key, this.pos];
    }
    this.pos = bestEnd;
    return bestKey;
  }

  signedInteger() {
    const start = this.pos, sign = this.accept(["-", "+"]), number = this.accept(null, "num");
    if (number && isDigits(number.text) && len(number.text) <= 2) {
      const value = Number(int(number.text));
      return sign && sign.text === "-" ? -value : value;
    }
    this.pos = start;
    return null;
  }

  power() {
    const start = this.pos;
    let exponent;
    if (this.accept(["^"])) {
      const opened = this.accept(["("]);
      exponent = this.signedInteger();
      if (exponent !== null && (!opened || this.accept([")"]))) return [exponent, []];
    } else if (this.accept(["("])) {
      exponent = this.signedInteger();
      if (exponent !== null && this.accept([")"])) return [exponent, []];
    } else if (this.accept(["-"])) {
      const number = this.accept(null, "num");
      if (number && isDigits(number.text) && int(number.text) >= 1n && int(number.text) <= 12n) {
        return [-Number(int(number.text)), ["dash_power"]];
      }
    }
    this.pos = start;
    return null;
  }

  quantity() {
    const start = this.pos, number = this.accept(null, "num");
    if (!number) return null;
    const value = numberValue(number.text);
    if (!value) { this.pos = start; return null; }
    const span = () => this.text.slice(number.start, this.tokens[this.pos - 1].end);
    const made = (shares, question = "", notes = []) => ({ shares, text: span(), question, notes });
    let power;
    if (this.accept(["%"]) || this.phrase(this.g.percent)) return made([div(value, Q(100n))]);
    if (number.text === "10" && (power = this.power())) return made([pow10(power[0])], "", power[1]);
    if (this.phrase(this.g.times)) {
      if (this.accept(["10"], "num") && (power = this.power())) return made([mul(value, pow10(power[0]))]);
    } else if (this.accept(["e"], "word")) {
      const exponent = this.signedInteger();
      if (exponent !== null) {
        const share = mul(value, pow10(exponent));
        // "10e-4": almost always meant as 10⁻⁴, but E notation says 10⁻³
        if (cmp(value, Q(10n)) === 0) return made([pow10(exponent), share], "power_of_ten");
        return made([share]);
      }
    } else if (this.phrase(this.g.oneIn)) {
      const whole = this.accept(null, "num");
      if (whole) {
        let digits = whole.text.replaceAll(",", ""), group;
        while ((group = this.peek()) && group.kind === "num" && len(group.text) === 3) {
          digits += group.text; // "1 in 10 000"
          this.pos += 1;
        }
        if (isDigits(digits) && int(digits) > 0n) return made([div(value, Q(int(digits)))]);
      }
    } else {
      this.pos = start + 1;
      // 0.01: a share of 1, or a percentage whose % sign was left off?
      if (cmp(value, ONE) < 0) return { shares: [div(value, Q(100n)), value], text: number.text, question: "percent_sign", notes: [] };
      [this.failure, this.failedNumber] = ["whole_number", number.text];
    }
    this.pos = start;
    return null;
  }

  measure() {
    const start = this.pos;
    let relation = this.keyedPhrase(this.g.relations) || "exact";
    const quantity = this.quantity();
    if (!quantity) { this.pos = start; return null; }
    if (relation === "exact") relation = this.keyedPhrase(this.g.trailing) || "exact";
    let cells = "", token;
    if (this.accept(["of"], "word")) {
      const first = this.pos;
      while ((token = this.peek()) && ![")", "]", ",", ";"].includes(token.text)) {
        this.pos += 1;
        if (token.text === "cells" || token.text === "cell") break;
      }
      if (this.pos === first) { this.pos = start; return null; }
      cells = this.text.slice(this.tokens[first].start, this.tokens[this.pos - 1].end);
    } else {
      this.accept(["cells", "cell"]);
    }
    return { quantity, relation, cells };
  }

  part() {
    const start = this.pos;
    let sign, measure, found;
    if (this.accept(["(", "["])) {
      const inner = this.part();
      if (inner && this.accept([")", "]"])) return inner;
      this.pos = start;
      return null;
    }
    if (this.accept(["mrd"], "word") && (sign = this.accept(["+", "-"]))) {
      return ["outcome", sign.text === "+" ? "positive" : "none_found", []];
    }
    this.pos = start;
    if (this.phrase(this.g.limits)) {
      this.accept([":", "="]);
      if ((measure = this.measure())) return ["limit", measure];
      this.pos = start;
    }
    if ((measure = this.measure())) return ["measure", measure];
    if ((found = this.keyedPhrase(this.g.outcomes, OUTCOME_SKIPS))) {
      return ["outcome", found, this.g.low.includes(this.tokens[start].text) ? ["low"] : []];
    }
    this.accept(["by"], "word");
    if ((found = this.keyedPhrase(this.g.methods))) return ["method", found];
    this.pos = start;
    return null;
  }

  label() {
    let token = this.peek(), after = this.peek(1);
    if (token && after && this.g.timePoints.includes(token.text) && after.kind === "num") this.pos += 2; // "Day 29 MRD: …"
    const start = this.pos;
    if (this.phrase(this.g.labels)) {
      [token, after] = [this.peek(), this.peek(1)];
      if (token && ["+", "-"].includes(token.text) && (!after || ["(", "[", ",", ";"].includes(after.text))) {
        this.pos = start; // "MRD-" is a result, not a label and a dash
      } else if (token && [":", "=", "-"].includes(token.text) && !(after && after.text === "ve")) {
        this.pos += 1;
      }
    }
  }

  parse() {
    this.label();
    const parts = [];
    while (this.peek()) {
      if (parts.length && this.accept(SEPARATORS)) continue;
      const part = this.part();
      if (!part) return [];
      parts.push(part);
    }
    return parts;
  }
}

// --- Answers (results.py) --------------------------------------------------------------------
const notRead = (reason, number = "") => ({ type: "not_read", reason, number, key: `not_read:${reason}` });
const describe = (r, signs) =>
  [r.outcome || "share", ...(r.share ? [`${signs[r.relation] || "="}${fracText(r.share)}`] : [])]
    .concat(r.cells ? [`of=${r.cells}`] : [], r.method ? [`by=${r.method}`] : [], r.notes.map((n) => `+${n}`))
    .join(" ");
const reading = (fields, signs) => {
  const r = { type: "reading", outcome: "", share: null, relation: "exact", cells: "", method: "", notes: [], ...fields };
  return { ...r, key: describe(r, signs) };
};

function readResult(text, data) {
  if (typeof text !== "string" || !strip(text)) return notRead("empty");
  if (len(text) > data.maxLength) return notRead("unknown");
  const parser = new Parser(normalise(text), data.grammar);
  const parts = parser.parse();
  return parts.length ? combine(parts, data) : notRead(parser.failure, parser.failedNumber);
}

function combine(parts, data) {
  const signs = data.grammar.signs, of = (kind) => parts.filter((p) => p[0] === kind);
  const outcomes = new Set(of("outcome").map((p) => p[1]));
  let notes = of("outcome").flatMap((p) => p[2]);
  if (outcomes.has("positive") && outcomes.has("positive_not_quantifiable")) outcomes.delete("positive");
  const methods = new Set(of("method").map((p) => p[1]));
  const measures = parts.filter((p) => p[0] === "measure" || p[0] === "limit");
  if (outcomes.size > 1 || methods.size > 1) return notRead("contradicts");
  const [outcome = ""] = outcomes, [method = ""] = methods;
  if (!measures.length) return outcome ? reading({ outcome, method, notes }, signs) : notRead("unknown");
  if (outcome === "no_result" || (measures.some((p) => p[0] === "limit") && !outcome)) {
    return notRead(outcome ? "contradicts" : "unknown");
  }
  let shares = [...measures[0][1].quantity.shares];
  for (const [, m] of measures.slice(1)) shares = shares.filter((s) => m.quantity.shares.some((t) => cmp(s, t) === 0));
  const relations = new Set(measures.map(([, m]) => m.relation));
  const cells = (measures.find(([, m]) => m.cells) || [, { cells: "" }])[1].cells;
  const first = measures[0][1];
  if (!shares.length || relations.size > 1) return notRead("disagree", first.quantity.text);
  const [relation] = relations;
  if (["none_found", "positive_not_quantifiable"].includes(outcome) && ["above", "at_least"].includes(relation)) {
    return notRead("contradicts");
  }
  notes = notes.concat(measures.flatMap(([, m]) => m.quantity.notes));
  const valid = shares.filter((s) => cmp(s, pow10(-data.smallest)) >= 0 && cmp(s, ONE) < 0);
  if (!valid.length) {
    const share = shares.reduce((a, b) => (cmp(b, a) < 0 ? b : a));
    const reason = share.n === 0n ? "zero" : cmp(share, ONE) >= 0 ? "whole_or_more" : "too_small";
    return notRead(reason, first.quantity.text);
  }
  const readings = valid.map((share) => reading({ outcome, share, relation, cells, method, notes }, signs));
  if (readings.length === 1) return readings[0];
  const kind = measures.find(([, m]) => m.quantity.question)[1].quantity.question;
  const forms = kind === "percent_sign" ? [percentText, eText] : [powerText, eText];
  const choices = readings.map((r, i) => ({ reading: r, text: canonicalText(r, forms[i], data.grammar) }));
  return { type: "question", kind, number: first.quantity.text, choices, key: `ask:${kind} ${choices.map((c) => c.reading.key).join("|")}` };
}

function canonicalText(r, form, g) {
  let number = "";
  if (r.share) number = g.signs[r.relation] + form(r.share) + (r.cells ? ` of ${r.cells}` : "");
  if (r.outcome && number) number = `(${number})`;
  return [g.outcomeText[r.outcome] || "", number].filter(Boolean).join(" ") + (r.method ? ` (${r.method})` : "");
}

// --- The answer's view (reader.py, reader_wording.py), from the server's words ---------------
const fill = (template, values = {}) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);
const superscript = (e) => `10${[...String(e)].map((c) => "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"["-0123456789".indexOf(c)]).join("")}`;

function view(answer, data, typed) {
  const W = data.words, w = (key, values) => fill(W[key], values);
  const inWords = (share) => {
    const total = div(ONE, share);
    if (total.d === 1n) return w("one_in", { count: grouped(total.n) });
    const digits = `${total.n / total.d}`.length, rounded = roundEven(exactly(toFloat(total)), pow10(Math.max(digits - 2, 0)));
    return w("about_one_in", { count: grouped(rounded.n) });
  };
  const otherWays = (share) => {
    const about = mul(share, mul(Q(100n), pow10(20))).d === 1n ? "" : W.about;
    const e = eText(share), [mantissa, exponent] = e.split("E");
    const ways = [about + percentText(share), about + w("times_power", { mantissa, power: superscript(Number(exponent)) }), about + e];
    if (div(ONE, share).d !== 1n) {
      let power = 0;
      while (cmp(mul(share, pow10(power)), ONE) < 0) power += 1;
      ways.push(w("count_in", { count: decimalText(mul(share, pow10(power))), power: grouped(10n ** BigInt(power)) }));
    }
    return ways;
  };
  const amount = (r) => fill(data.amounts[r.relation], { words: inWords(r.share), of: r.cells ? w("of_cells", { cells: r.cells }) : W.of_sample });
  const headline = (r) => {
    if (!r.share) return data.headlines[r.outcome];
    const fewer = ["below", "at_most"].includes(r.relation), a = amount(r);
    if (r.outcome === "none_found") return w("headline_none_found", { words: inWords(r.share) });
    if (r.outcome === "positive_not_quantifiable") return w("headline_not_quantifiable", { amount: a });
    if (r.outcome === "positive") return w(fewer ? "headline_positive_fewer" : "headline_positive", { amount: a });
    if (r.outcome === "indeterminate") return w("headline_indeterminate", { amount: a });
    return a.slice(0, 1).toUpperCase() + a.slice(1);
  };
  const explain = (r) => {
    const quoted = w("quoted", { typed }), key = { positive_not_quantifiable: "not_quantifiable", indeterminate: "indeterminate", no_result: "no_result" }[r.outcome];
    if (r.outcome === "none_found") return [w("none_found", { quoted, limit: r.share ? w("none_found_limit", { words: inWords(r.share) }) : "" }), W.none_found_lab];
    if (key) return [w(key, { quoted }), W[`${key}_lab`]];
    if (!r.share) return [w("found", { quoted }), (r.notes.includes("low") ? W.found_low_lab : "") + W.found_lab];
    const fewer = ["below", "at_most"].includes(r.relation) && !r.outcome;
    const found = r.outcome === "positive" ? W.share_found : "", or_none = fewer ? W.share_or_none : "";
    const explanation = w("share", { quoted, found, amount: amount(r), or_none });
    return [explanation, fewer ? w("share_below_lab", { percent: otherWays(r.share)[0], words: inWords(r.share) }) : W.share_lab];
  };
  const notes = (r) => {
    const found = [];
    if (r.notes.includes("dash_power") && r.share) {
      const exponent = 1 - `${r.share.d}`.length;
      found.push(w("note_dash_power", { exponent, power: superscript(exponent), words: inWords(r.share) }));
    }
    if (r.cells) found.push(w("note_cells", { cells: r.cells }));
    if (r.method === "flow") found.push(W.note_flow);
    if (r.share && cmp(r.share, pow10(-data.measurable)) < 0) found.push(W.note_too_small);
    return found;
  };
  const scale = (share, marker = "") => {
    const rows = [], row = (label, s, mark, floors, between = false) => ({ label, share: s, here: Boolean(mark), marker: mark, floors, between });
    const [top, bottom] = data.scale;
    for (let e = top; e >= bottom; e -= 1) {
      const power = pow10(e);
      if (share && cmp(power, share) < 0 && (!rows.length || cmp(rows[rows.length - 1].share, share) > 0)) rows.push(row(inWords(share), share, marker, [], true));
      const floors = data.methods.filter((m) => m[2] === e).map((m) => w("floor", { name: m[0] }));
      floors.push(...data.methods.filter((m) => m[1] === e && m[1] !== m[2]).map((m) => w("floor_best", { name: m[0] })));
      rows.push(row(w("one_in", { count: grouped(10n ** BigInt(-e)) }), power, share && cmp(share, power) === 0 ? marker : "", floors));
    }
    if (share && cmp(share, pow10(bottom)) < 0) rows.push(row(inWords(share), share, marker, [], true));
    return rows;
  };

  let v;
  if (answer.type === "reading") {
    const r = answer, [explanation, labWords] = explain(r);
    v = { ok: true, kind: r.outcome || "share", headline: headline(r), explanation, lab_words: labWords, notes: notes(r), other_ways: [], placement: [], scale: scale(null), ask: W.ask };
    if (r.share) {
      const prefix = r.outcome === "none_found" ? "" : data.prefixes[r.relation] || "";
      v.other_ways = otherWays(r.share).map((way) => prefix + way);
      if (r.outcome === "none_found") v.scale = scale(r.share, W.marker_limit);
      else {
        v.placement = data.methods.map(([name, best, worst, limit]) => {
          const status = cmp(r.share, pow10(worst)) >= 0 ? "finds" : cmp(r.share, pow10(best)) >= 0 ? "edge" : "cannot";
          return { name, status, text: w(status, { limit }) };
        });
        v.scale = scale(r.share, W[{ below: "marker_below", at_most: "marker_at_most" }[r.relation] || "marker"]);
      }
    }
    Object.assign(v, { words: v.headline, cells: r.cells, method: r.method, share: r.share ? `${r.share.n}/${r.share.d}` : "", comparison: r.share ? r.relation : "" });
  } else if (answer.type === "question") {
    const number = answer.number, [yes, no] = answer.choices;
    let title, explanation, labels;
    if (answer.kind === "percent_sign") {
      [title, explanation] = [W.percent_title, w("percent_explanation", { number })];
      labels = [w("percent_yes", { text: yes.text }), w("percent_no", { number })];
    } else {
      const power = superscript(1 - `${yes.reading.share.d}`.length);
      [title, explanation] = [w("power_title", { power, words: inWords(yes.reading.share) }), w("power_explanation", { number })];
      labels = [w("power_meant", { power }), w("power_exactly", { number })];
    }
    const choices = [yes, no].map((c, i) => ({ label: labels[i], text: c.text, headline: headline(c.reading) }));
    v = { ok: true, kind: "question", question: title, headline: title, explanation, choices, ask: W.question_ask };
  } else {
    const message = fill(data.notRead[answer.reason], { number: answer.number });
    v = { ok: false, kind: "not_read", message, ask: W.ask_to_read, summary: `${message} ${W.ask_to_read}` };
  }
  Object.assign(v, { typed, reading: answer.key });
  if (!v.summary) v.summary = w("summary", { headline: v.headline, stop: v.headline.endsWith("?") ? "" : ".", ask: v.ask });
  return v;
}

// --- The answer's HTML, as templates/explainer/blocks/result_reader.html writes it ---------------
// An element with its attributes (true: present and empty; null or false: left out) and its
// children, nested lists of elements and text, as a template's loops and ifs write them.
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat(Infinity).filter((child) => child !== null && child !== ""));
  return node;
}

function answerElement(v, id) {
  const reading = v.ok && v.kind !== "question";
  const attributes = {
    class: "result-reader__answer",
    "data-result-reader-answer": true,
    "data-summary": v.summary,
    "data-reading": v.reading,
    "data-reading-kind": v.kind,
    "data-reading-words": reading ? v.words : null,
    "data-reading-typed": reading ? v.typed : null,
    "data-reading-share": v.share || null,
    "data-reading-comparison": v.share ? v.comparison : null,
    "data-reading-cells": v.cells || null,
    "data-reading-method": v.method || null,
  };
  const ask = el("p", { class: "result-reader__ask" }, el("strong", {}, v.ask));
  if (!v.ok) {
    return el("div", attributes,
      el("p", { class: "result-reader__error", id: `${id}-error`, "data-result-reader-error": true }, el("span", { class: "visually-hidden" }, "Error:"), ` ${v.message}`),
      el("p", {}, v.ask),
    );
  }
  if (v.choices) {
    return el("div", attributes,
      el("h3", { class: "result-reader__answer-title" }, el("span", { "data-result-reader-headline": true }, v.question)),
      el("p", {}, v.explanation),
      el("ul", { class: "result-reader__choices" }, v.choices.map((c) => el("li", { class: "result-reader__choice" },
        el("p", { class: "result-reader__choice-label" }, el("strong", {}, c.label)),
        el("p", {}, `This reads as: ${c.headline}.`),
        el("a", { class: "result-reader__choice-link", href: `?result=${quote(c.text)}#${id}`, "data-result-reader-choice": c.text }, `Read it as ${c.text}`),
      ))),
      ask,
    );
  }
  return el("div", attributes,
      el("h3", { class: "result-reader__answer-title" }, `What “${v.typed}” means`),
      el("p", { class: "result-reader__headline" }, el("strong", { "data-result-reader-headline": true }, v.headline)),
      el("p", {}, v.explanation),
      v.notes.map((note) => el("p", { class: "result-reader__note" }, note)),
      v.other_ways.length ? el("p", {}, `Labs may also write this as ${v.other_ways.join(", or ")}.`) : null,
      v.placement.length ? [
        el("h4", { class: "result-reader__subtitle" }, "Against what each test can find"),
        el("ul", { class: "result-reader__placement" }, v.placement.map((line) => el("li", { class: `result-reader__placed result-reader__placed--${line.status}` }, el("strong", {}, `${line.name}:`), ` ${line.text}`))),
      ] : null,
      el("p", { class: "result-reader__scale-title", id: `${id}-scale-title` }, "On the scale, each step down is 10 times fewer:"),
      el("ol", { class: "result-reader__scale", "aria-labelledby": `${id}-scale-title`, "data-result-reader-scale": true }, v.scale.map((row) => el(
        "li",
        { class: `result-reader__step${row.here ? " is-here" : ""}${row.between ? " is-between" : ""}`, "data-result-reader-here": row.here },
        el("span", { class: "result-reader__step-label" }, row.label),
        row.here ? [" ", el("strong", { class: "result-reader__here" }, row.marker)] : null,
        row.floors.map((floor) => [" ", el("span", { class: "result-reader__floor" }, floor)]),
      ))),
      el("p", {}, v.lab_words),
      ask,
  );
}

// Python's quote(text, safe=""), as the template's urlencode filter writes a choice's link.
const quote = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// --- The reader on the page ------------------------------------------------------------------
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

  read(event) {
    event.preventDefault();
    if (this.busy) return; // a double click while the server answers reads once
    const url = new URL(window.location.href);
    url.searchParams.set("result", this.input.value);
    url.hash = this.root.id;
    let answer = null;
    try {
      // Parsed on each reading, so a page whose data block is missing or broken falls back.
      const data = JSON.parse(this.root.querySelector(`#${CSS.escape(this.root.id)}-data`).textContent);
      const typed = [...strip(this.input.value)].slice(0, data.maxLength).join("");
      answer = answerElement(view(readResult(this.input.value, data), data, typed), this.root.id);
    } catch {
      answer = null;
    }
    if (answer) this.show(answer, url);
    else this.fetchAnswer(url);
  }

  async fetchAnswer(url) {
    this.busy = true;
    let answer = null;
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const found = page.querySelector(`#${CSS.escape(this.root.id)} [data-result-reader-answer]`);
      answer = found && document.importNode(found, true);
    } catch {
      answer = null;
    } finally {
      this.busy = false;
    }
    if (answer) this.show(answer, url);
    else this.form.submit(); // the server answers on a fresh page instead
  }

  show(answer, url) {
    this.root.querySelector("[data-result-reader-answer]").replaceWith(answer);
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

// The reading itself, for tests and for other scripts on the page (the results diary).
export { readResult, view as readerView };
