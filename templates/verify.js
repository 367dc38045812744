"use strict";
// Builds the page from the embedded data with textContent only: nothing
// from a document is ever parsed as HTML.
const D = JSON.parse(document.getElementById("data").textContent);
const L = D.labels;
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}
document.title = L.page_title;
document.getElementById("title").textContent = L.page_title;
document.getElementById("hint").textContent = L.page_hint;
const order = ["confirmed", "approximate", "qualifier_differs", "differs", "disputed", "unsourced"];
const counts = {};
for (const d of D.drafts) for (const v of d.verdicts) counts[v.status] = (counts[v.status] || 0) + 1;
const countsBox = document.getElementById("counts");
for (const s of order) {
  if (!counts[s]) continue;
  const c = el("span", "st " + s, L[s] + " " + counts[s]);
  c.dataset.status = s;
  countsBox.appendChild(c);
}
function sentence(s) {
  const box = el("div");
  box.appendChild(el("div", "src-meta", s.doc + " · " + L.line + " " + s.line + " · " + s.value));
  const t = el("div", "src-text");
  t.appendChild(document.createTextNode(s.before));
  t.appendChild(el("mark", null, s.mark));
  t.appendChild(document.createTextNode(s.after));
  box.appendChild(t);
  return box;
}
function show(d, i, mark) {
  const v = d.verdicts[i];
  for (const m of document.querySelectorAll("mark.fig.active")) m.classList.remove("active");
  mark.classList.add("active");
  const st = document.getElementById("source-status");
  st.textContent = "";
  st.appendChild(el("span", "st " + v.status, L[v.status]));
  if (v.note) st.appendChild(el("div", "src-meta", v.note));
  document.getElementById("source-draft").textContent =
    L.draft + ": “" + v.quote + "” · " + L.line + " " + v.line + " · " + [v.metric, v.period, v.kind].filter(Boolean).join(" · ");
  const body = document.getElementById("source-body");
  body.textContent = "";
  if (v.source) {
    body.appendChild(el("h3", null, L.page_source));
    body.appendChild(sentence(v.source));
  } else {
    body.appendChild(el("p", "src-meta", L.page_none));
  }
  if (v.others.length) {
    body.appendChild(el("h3", null, L.page_others));
    for (const o of v.others) body.appendChild(sentence(o));
  }
  document.getElementById("source").hidden = false;
}
const box = document.getElementById("drafts");
for (const d of D.drafts) {
  const sec = el("section");
  sec.appendChild(el("h2", null, d.id + (d.title ? " — " + d.title : "")));
  const pre = el("div", "draft");
  for (const p of d.parts) {
    if (p.v === undefined) { pre.appendChild(document.createTextNode(p.text)); continue; }
    const v = d.verdicts[p.v];
    const m = el("mark", "fig " + v.status, p.text);
    m.dataset.status = v.status;
    m.title = L[v.status];
    m.addEventListener("click", () => show(d, p.v, m));
    pre.appendChild(m);
  }
  sec.appendChild(pre);
  box.appendChild(sec);
}
document.getElementById("source-close").addEventListener("click", () => { document.getElementById("source").hidden = true; });
