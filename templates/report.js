"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
// Every label comes with the data, from yoy's message table
// (data/messages.toml): the page keeps no copy of its own.
const T = D.labels;
function shown(n, total, what) {
  return T.shown.replace("{n}", n).replace("{total}", total).replace("{what}", what);
}
const enc = new TextEncoder(), dec = new TextDecoder();
const docBytes = {}, docById = {};
for (const d of D.docs) { if (d.text != null) docBytes[d.id] = enc.encode(d.text); docById[d.id] = d; }
const factsByDoc = {};
// ES2017 at most: the browsers government offices run (no ?., ??, ||=).
function bucket(o, k, make) { if (!Object.prototype.hasOwnProperty.call(o, k)) o[k] = make(); return o[k]; }
function or(v, d) { return v == null ? d : v; }
for (const f of D.facts) bucket(factsByDoc, f.doc, () => []).push(f);

function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) { if (k === "text") e.textContent = v; else e.setAttribute(k, v); }
  for (const k of kids) e.append(k);
  return e;
}
function label(o) { return o.label_en && D.lang === "en" ? o.label + " / " + o.label_en : o.label; }
function slice(doc, s, e) { const b = docBytes[doc]; return b ? dec.decode(b.slice(s, e)) : ""; }
function lineBounds(doc, s, e) {
  const b = docBytes[doc]; if (!b) return [s, e];
  let a = s; while (a > 0 && b[a - 1] !== 10) a--;
  let z = e; while (z < b.length && b[z] !== 10) z++;
  return [a, z];
}
function factAt(doc, s, e) { return (factsByDoc[doc] || []).find(f => f.start === s && f.end === e); }

// Provenance: the sentence (or line) around a span, the span highlighted;
// the quote alone when the document's text is not embedded.
function showSource(doc, s, e, line, quote) {
  const f = factAt(doc, s, e);
  let [a, z] = f ? [f.sentence_start, f.sentence_end] : lineBounds(doc, s, e);
  if (s < a || e > z) [a, z] = lineBounds(doc, s, e);
  const meta = document.getElementById("source-meta");
  const d = docById[doc] || { title: "" };
  meta.textContent = doc + " · " + d.title + " · " + T.line + (line || (f && f.line) || "?") + T.lineEnd + (f && f.item ? " · " + T.item + " " + f.item : "") + (f && f.section ? " · " + f.section : "");
  const p = document.getElementById("source-text");
  if (docBytes[doc]) p.replaceChildren(slice(doc, a, s), el("mark", { text: slice(doc, s, e) }), slice(doc, e, z));
  else p.replaceChildren(el("mark", { text: quote || "" }), el("div", { class: "muted", text: doc + ":" + s + "-" + e }));
  document.getElementById("source").hidden = false;
}
document.getElementById("source-close").addEventListener("click", () => { document.getElementById("source").hidden = true; });

function evLink(ev) {
  return el("a", { class: "ev", title: ev.quote || "", onclick: () => showSource(ev.doc, ev.start, ev.end, ev.line, ev.quote) }, ev.doc + ":" + ev.line);
}

// Header, summary.
document.getElementById("title").textContent = T.title;
T.audit_title = T.audit.title;
// A flag as a short word (what stands before a bracket) with the full
// text on hover.
function flagSpan(id) {
  const full = T.flags[id] || id || "";
  const short = full.split(/[(（]/)[0].trim();
  return el("span", { class: "flag", title: full, text: short });
}
// A link in the workbook (report.html#src=doc:start-end) opens that
// figure's sentence.
function openHash() {
  const m = /^#src=(.+):(\d+)-(\d+)$/.exec(decodeURIComponent(location.hash));
  if (!m) return;
  const f = factAt(m[1], +m[2], +m[3]);
  showSource(m[1], +m[2], +m[3], f ? f.line : 0, f ? f.quote : "");
}
window.addEventListener("hashchange", openHash);
for (const [id, key] of [["summary", "summary"], ["findings", "findings"], ["audit", "audit_title"], ["comparison", "comparison"], ["charts-section", "charts"], ["documents", "documents"]]) {
  document.getElementById("nav").append(el("a", { href: "#" + id, text: T[key] }));
}
for (const [id, key] of [["h-charts", "charts"], ["h-audit", "audit_title"], ["h-comparison", "comparison"], ["h-findings", "findings"], ["h-documents", "documents"]]) document.getElementById(id).textContent = T[key];
document.getElementById("legend").textContent = T.legend;
(function summary() {
  const sec = document.getElementById("summary");
  const bySev = { error: 0, warning: 0, info: 0 };
  for (const sevs of Object.values(D.totals.by_kind)) for (const [s, n] of Object.entries(sevs)) bySev[s] += n;
  sec.append(el("h2", { text: T.summary }),
    el("div", { class: "cards" },
      el("div", { class: "card" }, el("b", { text: D.totals.docs }), T.docs),
      el("div", { class: "card" }, el("b", { text: D.totals.figures }), T.figures),
      el("div", { class: "card" }, el("b", { text: D.totals.rows }), T.comparisons),
      el("div", { class: "card", id: "card-findings" }, el("b", { text: D.totals.findings }), T.nfindings,
        el("div", { class: "muted", text: ["error", "warning", "info"].map(s => T.sev[s] + " " + bySev[s]).join(" · ") }))));
  const t = el("table", { id: "docs-table" }, el("thead", {}, el("tr", {}, ...[T.doc, T.doc_title, T.region, T.kind, T.year, T.figures].map(h => el("th", { text: h })))));
  const tb = el("tbody");
  for (const d of D.docs.slice(0, D.limit)) tb.append(el("tr", {}, el("td", { text: d.id }), el("td", { text: d.title }), el("td", { text: d.region }), el("td", { text: T.doc_kind[d.kind] || d.kind }), el("td", { text: d.year == null ? "" : d.year }), el("td", { class: "num", text: d.figures })));
  t.append(tb);
  // What the page leaves out of a large corpus, and where it is: said
  // before the tables, where a reader starts.
  const notes = [];
  const nShown = Math.min(D.docs.length, D.limit);
  if (nShown < D.totals.docs) notes.push(shown(nShown, D.totals.docs, T.what.docs));
  if (D.rows.length < D.totals.rows) notes.push(shown(D.rows.length, D.totals.rows, T.what.rows));
  if (D.findings.length < D.totals.findings) notes.push(shown(D.findings.length, D.totals.findings, T.what.findings));
  if (notes.length) notes.push(T.more);
  if (!D.embedded) notes.push(T.noText);
  if (notes.length) sec.append(el("p", { class: "muted", id: "omitted", text: notes.join(" · ") }));
  // The documents' table goes with the documents, below: the top of the
  // page is for the counts and what needs action.
  const docs = document.getElementById("documents");
  docs.insertBefore(t, docs.children[1]);
  if (D.skipped.length) sec.append(el("ul", {}, ...D.skipped.map(s => el("li", { text: s }))));
})();

// Charts: findings by kind (stacked by severity), and per metric over the years.
(function charts() {
  const by = D.totals.by_kind, kinds = Object.keys(by).sort();
  const total = k => Object.values(by[k]).reduce((a, b) => a + b, 0);
  const host = document.getElementById("findings-chart");
  const W = 420, rowH = 20, H = 24 + rowH * Math.max(kinds.length, 1);
  const max = Math.max(1, ...kinds.map(total));
  const s = svg("svg", { width: W, height: H, role: "img", "aria-label": T.byKind, id: "chart-findings" });
  kinds.forEach((k, i) => {
    let x = 140; const y = 20 + i * rowH;
    s.append(svg("text", { x: 0, y: y + 12, "font-size": 12, text: T.fkind[k] || k }));
    for (const [sev, color] of [["error", "#b42318"], ["warning", "#b54708"], ["info", "#175cd3"]]) {
      const n = by[k][sev] || 0;
      if (!n) continue;
      const w = (W - 180) * n / max;
      s.append(svg("rect", { x, y, width: w, height: 14, fill: color }, svg("title", { text: (T.fkind[k] || k) + " " + T.sev[sev] + ": " + n })));
      x += w;
    }
    s.append(svg("text", { x: x + 4, y: y + 12, "font-size": 11, text: total(k) }));
  });
  s.prepend(svg("text", { x: 0, y: 12, "font-size": 12, "font-weight": "bold", text: T.byKind }));
  host.append(el("div", { class: "chart" }, s));

  const groups = {};
  for (const sd of D.sides) bucket(groups, sd.region + "|" + sd.metric + "|" + sd.unit, () => []).push(sd);
  const mc = document.getElementById("metric-charts");
  for (const key of Object.keys(groups).sort()) {
    const pts = groups[key];
    const years = [...new Set(pts.map(p => p.year))].sort();
    if (years.length < 2) continue;
    const w = 300, h = 150, pad = 36;
    const vmax = Math.max(...pts.map(p => p.value)) * 1.15 || 1;
    const X = y => years.length === 1 ? w / 2 : pad + (w - 2 * pad) * (years.indexOf(y) / (years.length - 1));
    const Y = v => h - 22 - (h - 40) * v / vmax;
    const s = svg("svg", { width: w, height: h, class: "metric-chart" });
    s.append(svg("line", { x1: pad - 10, x2: w - pad + 10, y1: h - 22, y2: h - 22, stroke: "#999" }));
    for (const y of years) s.append(svg("text", { x: X(y), y: h - 6, "font-size": 11, "text-anchor": "middle", text: y }));
    for (const [kind, color, fill] of [["target", "#6941c6", "#fff"], ["actual", "#0e7490", "#0e7490"]]) {
      const ps = pts.filter(p => p.kind === kind).sort((a, b) => a.year - b.year);
      if (ps.length > 1) s.append(svg("polyline", { points: ps.map(p => X(p.year) + "," + Y(p.value)).join(" "), fill: "none", stroke: color, "stroke-dasharray": kind === "target" ? "4 3" : "" }));
      for (const p of ps) {
        s.append(svg("circle", { cx: X(p.year), cy: Y(p.value), r: 4, stroke: color, "stroke-width": 2, fill }, svg("title", { text: p.year + " " + T[kind] + ": " + p.value_text })));
        s.append(svg("text", { x: X(p.year), y: Y(p.value) - 8, "font-size": 10, "text-anchor": "middle", fill: color, text: p.value_short }));
      }
    }
    mc.append(el("div", { class: "chart" }, el("h3", { text: label(pts[0]) + " (" + pts[0].unit + ") · " + pts[0].region }), s));
  }
})();

// The auditor's table: one row per metric and year chain, rows that need
// action first (the data comes in that order).
(function audit() {
  const A = T.audit;
  const head = [T.region, T.metric, A.years, A.prior_target, A.prior_actual, A.attainment, A.current_target, A.change, A.flag, A.sources];
  const t = el("table", { id: "audit-table" }, el("thead", {}, el("tr", {}, ...head.map(h => el("th", { text: h })))));
  const tb = el("tbody");
  D.audit.forEach((r, i) => {
    const fig = (k, ref) => {
      const td = el("td", { class: "num" });
      if (r.cells[k]) td.append(ref ? el("mark", { class: "fig", title: ref.doc + ":" + ref.line, text: r.cells[k], onclick: () => showSource(ref.doc, ref.start, ref.end, ref.line, ref.quote) }) : r.cells[k]);
      return td;
    };
    const tone = r.good === true ? "up" : r.good === false ? "down" : "";
    const att = el("td", { class: r.attainment === "missed" ? "down" : r.attainment ? "up" : "" });
    if (r.cells[2]) att.append(el("span", { title: T.flags[r.attainment] || "", text: r.cells[2] }));
    const flags = el("td", { class: r.flags.length ? "down" : "" }, ...r.flags.map(flagSpan));
    const srcs = el("td", { class: "srcs" }, ...r.refs.filter(x => x).map(evLink));
    tb.append(el("tr", { id: "audit-" + i, class: r.action ? "action" : "" },
      el("td", { text: r.region }), el("td", { class: "metric", title: r.label + (r.label_en ? " / " + r.label_en : "") + " · " + r.metric, text: label(r) }),
      el("td", { class: "years", text: r.years }),
      fig(0, r.refs[0]), fig(1, r.refs[1]), att, fig(3, r.refs[2]), el("td", { class: "num " + tone, text: r.cells[4] }), flags, srcs));
  });
  if (!D.audit.length) tb.append(el("tr", {}, el("td", { colspan: head.length, class: "muted", text: T.none })));
  t.append(tb);
  document.getElementById("audit-body").append(t, el("p", { class: "muted", text: A.pairs }));
})();

// Comparison table: sortable, filterable.
const findingKindsByMetric = {};
for (const f of D.findings) if (f.metric) bucket(findingKindsByMetric, f.region + "|" + f.metric, () => new Set()).add(f.kind);
const cols = [
  { key: "region", name: T.region }, { key: "category", name: T.category, get: r => T.categories[r.category] || r.category }, { key: "metric", name: T.metric, get: r => label(r) },
  { key: "comparison", name: T.cmpType, get: r => T.cmp[r.comparison] || r.comparison },
  { key: "from_value", name: T.prior, num: true }, { key: "to_value", name: T.current, num: true },
  { key: "change", name: "Δ", num: true }, { key: "change_pct", name: "Δ%", num: true },
  { key: "attainment_pct", name: T.attain, num: true }, { key: "flag", name: T.flag },
];
let sortKey = null, sortDir = 1;
// A filter: the values are ids, the options show their labels.
function options(sel, name, values, labels) {
  sel.replaceChildren(el("option", { value: "", text: name + ": " + T.all }), ...values.map(v => el("option", { value: v, text: (labels && labels[v]) || v })));
}
options(document.getElementById("f-region"), T.region, [...new Set(D.rows.map(r => r.region))].sort());
options(document.getElementById("f-category"), T.category, [...new Set(D.rows.map(r => r.category))].sort(), T.categories);
options(document.getElementById("f-comparison"), T.cmpType, T.cmp_order, T.cmp);
options(document.getElementById("f-finding"), T.findingKind, [...new Set(D.findings.map(f => f.kind))].sort(), T.fkind);
document.getElementById("f-text").placeholder = T.search;
const head = document.getElementById("cmp-head");
for (const c of cols) head.append(el("th", { "data-key": c.key, text: c.name, onclick: () => { sortDir = sortKey === c.key ? -sortDir : 1; sortKey = c.key; renderRows(); } }));
function cell(r, c) { return c.get ? c.get(r) : r[c.key]; }
function renderRows() {
  const q = document.getElementById("f-text").value.trim().toLowerCase();
  const reg = document.getElementById("f-region").value, cat = document.getElementById("f-category").value;
  const cmp = document.getElementById("f-comparison").value, fk = document.getElementById("f-finding").value;
  let rows = D.rows.filter(r => (!q || (r.metric + " " + r.label + " " + r.label_en).toLowerCase().includes(q))
    && (!reg || r.region === reg) && (!cat || r.category === cat) && (!cmp || r.comparison === cmp)
    && (!fk || (findingKindsByMetric[r.region + "|" + r.metric] || new Set()).has(fk)));
  if (sortKey) {
    const c = cols.find(c => c.key === sortKey);
    rows = rows.slice().sort((a, b) => {
      const x = cell(a, c), y = cell(b, c);
      if (c.num) return (or(x, -Infinity) - or(y, -Infinity)) * sortDir;
      return String(x).localeCompare(String(y), "zh") * sortDir;
    });
  }
  for (const th of head.children) th.className = th.dataset.key === sortKey ? (sortDir > 0 ? "sorted-asc" : "sorted-desc") : "";
  const body = document.getElementById("cmp-body");
  body.replaceChildren(...rows.map(r => {
    const tr = el("tr", { "data-metric": r.metric });
    for (const c of cols) {
      const v = cell(r, c);
      let td;
      if (c.key === "from_value" || c.key === "to_value") {
        const side = c.key === "from_value" ? "from" : "to";
        const ref = r[side + "_ref"];
        const year = or(r[side + "_period"], r[side + "_year"]), kind = r[side + "_kind"];
        td = el("td", { class: "num" }, el("span", { class: "muted", text: year + " " + T[kind] + " " }));
        // The value as people write it (36.8万人以上), worded by yoy.
        const txt = r[side + "_text"];
        td.append(el("mark", { class: "fig", text: txt, onclick: () => showSource(ref.doc, ref.start, ref.end, ref.line, ref.quote) }));
      } else if (c.key === "change") {
        // Coloured by whether the change is good (a fall in unemployment
        // is), not by its sign; the arrow keeps the sign.
        const tone = r.good === true ? "up" : r.good === false ? "down" : "";
        td = el("td", { class: "num " + tone, "data-value": v, text: (v > 0 ? "▲ " : v < 0 ? "▼ " : "") + r.change_text });
      } else if (c.key === "change_pct") {
        td = el("td", { class: "num", text: r.comparison === "actual_vs_target" ? "" : v == null ? "n/m" : (v > 0 ? "+" : "") + v.toFixed(1) + "%" });
      } else if (c.key === "attainment_pct") {
        td = el("td", { class: "num" });
        if (v != null) {
          const bar = el("span", { class: "bar", title: v.toFixed(1) + "%" }, el("i", { class: r.flag === "missed" ? "miss" : "", style: "width:" + Math.min(100, v / 1.5) + "%" }), el("s"));
          td.append(v.toFixed(1) + "% ", bar);
        }
      } else if (c.key === "flag") {
        td = el("td", { class: r.flag === "missed" || r.flag === "below_prior_actual" ? "down" : "" }, flagSpan(v));
      } else td = el("td", { text: v == null ? "" : v });
      tr.append(td);
    }
    return tr;
  }));
  if (!rows.length) body.append(el("tr", {}, el("td", { colspan: cols.length, class: "muted", text: T.none })));
}
for (const id of ["f-text", "f-region", "f-category", "f-comparison", "f-finding"]) document.getElementById(id).addEventListener("input", renderRows);
renderRows();

// Findings.
options(document.getElementById("ff-kind"), T.findingKind, [...new Set(D.findings.map(f => f.kind))].sort(), T.fkind);
options(document.getElementById("ff-severity"), T.severity, ["error", "warning", "info"], T.sev);
function renderFindings() {
  const k = document.getElementById("ff-kind").value, s = document.getElementById("ff-severity").value;
  const list = document.getElementById("finding-list");
  list.replaceChildren(...D.findings.filter(f => (!k || f.kind === k) && (!s || f.severity === s)).map(f =>
    el("li", { class: "finding", id: f.id, "data-kind": f.kind },
      el("span", { class: "sev " + f.severity, text: T.sev[f.severity] }), " ",
      f.status ? el("span", { class: "status " + f.status, text: T.status[f.status] }) : null, f.status ? " " : null,
      el("b", { text: T.fkind[f.kind] || f.kind }), " ",
      f.metric ? el("code", { text: f.metric }) : null, " ", f.year == null ? "" : f.year + " ",
      el("span", { text: f.message }), " ", el("a", { class: "fid", href: "#" + f.id, text: f.id }),
      el("div", {}, ...f.evidence.map(evLink)))));
}
for (const id of ["ff-kind", "ff-severity"]) document.getElementById(id).addEventListener("input", renderFindings);
renderFindings();

// Documents with every figure highlighted.
const view = document.getElementById("doc-view");
function showDoc(id) {
  const d = docById[id], b = docBytes[id];
  const fs = (factsByDoc[id] || []).slice().sort((x, y) => x.start - y.start);
  const parts = [el("h3", { text: id + " · " + d.title })];
  let pos = 0;
  for (const f of fs) {
    if (f.start < pos) continue;
    parts.push(dec.decode(b.slice(pos, f.start)));
    parts.push(el("mark", { class: "fig", title: label({ label: f.metric_label, label_en: f.metric_en }) + " · " + or(f.year, "") + " " + (T[f.kind] || ""), onclick: () => showSource(f.doc, f.start, f.end, f.line, f.quote) }, dec.decode(b.slice(f.start, f.end))));
    pos = f.end;
  }
  parts.push(dec.decode(b.slice(pos)));
  view.replaceChildren(...parts);
}
const buttons = document.getElementById("doc-buttons");
const readable = D.docs.filter(d => docBytes[d.id]).slice(0, D.limit);
for (const d of readable) buttons.append(el("button", { text: d.id, onclick: () => showDoc(d.id) }));
if (readable.length) showDoc(readable[0].id); else view.textContent = T.noText;
openHash();
