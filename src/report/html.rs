//! HTML: takes an `Analysis`, gives report.html — one self-contained page
//! (no network): templates/report.html with its style (report.css) and
//! script (report.js), the data embedded as JSON — the labels from the
//! message table among them — streamed to the file. The page builds its DOM with
//! textContent only, so nothing from a document is ever parsed as HTML.
//!
//! A small corpus is embedded whole (every document's text and figure, so
//! a click shows the sentence); a large one gets the evidence quotes only.
//! Lists are cut at `Limits::list`, and the page says what it left out.

use super::json::{each, each_result, to_writer, DocOut, FactOut};
use super::{Limits, Words};
use crate::analysis::Analysis;
use crate::compare::{Catalog, Comparison, DocInfo, Flag, Point, SideId};
use crate::extract::DocExtraction;
use crate::figures::Role;
use crate::findings::{FindingKind, Severity};
use crate::messages::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::PathBuf;

/// The page: its markup, style and script, each its own file (readable and
/// lintable alone), joined when the page is written.
const TEMPLATE: &str = include_str!("../../templates/report.html");
const STYLE: &str = include_str!("../../templates/report.css");
const SCRIPT: &str = include_str!("../../templates/report.js");

/// The page's facts of one document, as a chunk of array elements.
pub fn doc_facts(d: &DocExtraction) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let facts = d.figures.iter().filter(|f| f.role == Role::Figure);
    each(&mut out, facts, |w, f| to_writer(w, &FactOut::of(f), true))?;
    Ok(out)
}

/// One document with its text, as an array element.
pub fn doc_text(d: &DocExtraction) -> io::Result<Vec<u8>> {
    let info = DocInfo::of(d);
    let mut out = Vec::new();
    each(&mut out, [&info], |w, i| {
        to_writer(w, &DocOut::of(i, Some(&d.doc.text)), true)
    })?;
    Ok(out)
}

/// Where a side's chosen figure was read.
#[derive(Serialize)]
struct Ref<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    line: u32,
    quote: &'a str,
}

fn reference<'a>(c: &'a Catalog, p: &'a Point) -> Ref<'a> {
    Ref {
        doc: &c.doc(p).id,
        start: p.start,
        end: p.end,
        line: p.line,
        quote: &p.quote,
    }
}

/// Totals over the whole report, whatever the page lists.
#[derive(Serialize)]
struct Totals {
    docs: usize,
    figures: usize,
    rows: usize,
    findings: usize,
    by_kind: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
}

/// Streams report.html. `embedded` holds the parts with every figure and
/// every document's text, when the corpus was small enough to embed.
pub fn render<W: Write>(
    w: &mut W,
    r: &Analysis,
    t: &Words,
    limits: Limits,
    embedded: Option<&(PathBuf, PathBuf)>,
) -> io::Result<()> {
    let page = TEMPLATE
        .replace(
            "{{LANG}}",
            match t.lang {
                Lang::Zh => "zh-CN",
                Lang::En => "en",
            },
        )
        .replace("{{NOSCRIPT}}", &noscript(r, t))
        .replace("{{STYLE}}", STYLE)
        .replace("{{SCRIPT}}", SCRIPT);
    let (before, after) = page.split_once("{{DATA}}").unwrap_or((&page, ""));
    w.write_all(before.as_bytes())?;
    fn js<W: Write, T: Serialize + ?Sized>(w: &mut W, v: &T) -> io::Result<()> {
        to_writer(w, v, true)
    }
    let c = &r.catalog;
    let limit = limits.list;
    let mut by_kind: BTreeMap<&'static str, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for (&(k, s), &n) in &r.finding_counts {
        by_kind.entry(k.as_str()).or_default().insert(s.as_str(), n);
    }
    write!(w, "{{\"lang\":")?;
    js(w, &t.lang)?;
    write!(w, ",\n\"labels\":")?;
    js(w, &labels(t))?;
    write!(
        w,
        ",\"limit\":{limit},\"embedded\":{},\n\"totals\":",
        embedded.is_some()
    )?;
    js(
        w,
        &Totals {
            docs: c.docs.len(),
            figures: r.figures,
            rows: r.rows.len(),
            findings: r.findings.len(),
            by_kind,
        },
    )?;
    write!(w, ",\n\"skipped\":")?;
    js(w, &r.skipped)?;
    write!(w, ",\n\"docs\":[")?;
    match embedded {
        Some((_, docs)) => splice(w, docs)?,
        None => each(w, c.docs.iter().take(limit), |w, d| {
            js(w, &DocOut::of(d, None))
        })?,
    }
    write!(w, "],\n\"facts\":[")?;
    if let Some((facts, _)) = embedded {
        splice(w, facts)?;
    }
    write!(w, "],\n\"rows\":[")?;
    let chosen = |side: SideId| -> &Point { &r.points[r.sides[side].chosen] };
    each(w, r.rows.iter().take(limit), |w, x| {
        let highs = super::highs(r, x);
        #[derive(Serialize)]
        struct Row<'a> {
            region: &'a str,
            metric: &'a str,
            label: &'a str,
            label_en: &'a str,
            category: &'a str,
            unit: &'a str,
            comparison: Comparison,
            from_year: i32,
            #[serde(skip_serializing_if = "Option::is_none")]
            from_period: Option<String>,
            from_kind: &'static str,
            from_value: f64,
            from_q: &'static str,
            from_text: String,
            to_year: i32,
            #[serde(skip_serializing_if = "Option::is_none")]
            to_period: Option<String>,
            to_kind: &'static str,
            to_value: f64,
            to_q: &'static str,
            to_text: String,
            change: f64,
            change_text: String,
            change_pct: Option<f64>,
            attainment_pct: Option<f64>,
            flag: &'static str,
            /// Whether the change is for the better (None: no direction).
            good: Option<bool>,
            from_ref: Ref<'a>,
            to_ref: Ref<'a>,
        }
        js(
            w,
            &Row {
                region: &x.region,
                metric: &x.metric,
                label: &x.label,
                label_en: &x.label_en,
                category: &x.category,
                unit: &x.unit,
                comparison: x.comparison,
                from_year: x.from_year,
                from_period: x.from_year_from.map(|_| x.from_period()),
                from_kind: x.from_kind.as_str(),
                from_value: x.from_value,
                from_q: x.from_qualifier.as_str(),
                from_text: t.show(x.from_value, &x.unit, x.from_qualifier, highs[0]),
                to_year: x.to_year,
                to_period: x.to_year_from.map(|_| x.to_period()),
                to_kind: x.to_kind.as_str(),
                to_value: x.to_value,
                to_q: x.to_qualifier.as_str(),
                to_text: t.show(x.to_value, &x.unit, x.to_qualifier, highs[1]),
                change: x.change,
                change_text: t.change(x.change, &x.unit),
                change_pct: x.change_pct,
                attainment_pct: x.attainment_pct,
                flag: x.flag.map(Flag::as_str).unwrap_or(""),
                good: x.good,
                from_ref: reference(c, chosen(x.from_side)),
                to_ref: reference(c, chosen(x.to_side)),
            },
        )
    })?;
    write!(w, "],\n\"audit\":[")?;
    // The auditor's table: rows that need action first, then the rest in
    // the comparison's order.
    let mut audit_rows = super::audit::rows(r);
    audit_rows.sort_by_key(|x| !x.needs_action());
    each(w, audit_rows.iter().take(limit), |w, x| {
        #[derive(Serialize)]
        struct Audit<'a> {
            region: &'a str,
            metric: &'a str,
            label: &'a str,
            label_en: &'a str,
            category: &'a str,
            years: String,
            /// Prior target, prior actual, attainment, current target,
            /// change, flags: as a reader writes them.
            cells: [String; 6],
            /// Where each figure was read (prior target, prior actual,
            /// current target).
            refs: [Option<Ref<'a>>; 3],
            attainment: Option<&'static str>,
            flags: Vec<&'static str>,
            good: Option<bool>,
            action: bool,
        }
        fn at<'a>(c: &'a Catalog, f: &Option<super::audit::Figure<'a>>) -> Option<Ref<'a>> {
            f.as_ref().map(|f| reference(c, f.point))
        }
        js(
            w,
            &Audit {
                region: x.region,
                metric: x.metric,
                label: x.label,
                label_en: x.label_en,
                category: x.category,
                years: super::audit::years(x),
                cells: super::audit::cells(x, t),
                refs: [
                    at(c, &x.prior_target),
                    at(c, &x.prior_actual),
                    at(c, &x.current_target),
                ],
                attainment: x.attainment.and_then(|a| a.flag).map(Flag::as_str),
                flags: x.flags.iter().map(|f| f.as_str()).collect(),
                good: x.change.and_then(|c| c.good),
                action: x.needs_action(),
            },
        )
    })?;
    write!(w, "],\n\"sides\":[")?;
    // Metric charts: the known metrics' sides, `limit` charts at most.
    let mut charts = BTreeSet::new();
    let sides = r.sides.iter().filter(|s| {
        let m = c.metric_info(s.metric);
        // A chart's axis is years: a period's total has no place on it.
        if !m.known || s.year_from.is_some() {
            return false;
        }
        let key = (&s.region, s.metric, s.unit);
        charts.contains(&key) || (charts.len() < limit && charts.insert(key))
    });
    each(w, sides, |w, s| {
        #[derive(Serialize)]
        struct Side<'a> {
            region: &'a str,
            metric: &'a str,
            label: &'a str,
            label_en: &'a str,
            unit: &'a str,
            year: i32,
            kind: &'static str,
            value: f64,
            /// The value with its unit (tooltip) and alone (label).
            value_text: String,
            value_short: String,
        }
        let m = c.metric_info(s.metric);
        let unit = c.unit_name(s.unit);
        js(
            w,
            &Side {
                region: &s.region,
                metric: &m.id,
                label: &m.label,
                label_en: &m.label_en,
                unit,
                year: s.year,
                kind: s.kind.as_str(),
                value: s.value,
                value_text: t.show(s.value, unit, crate::lexicon::Qualifier::Eq, None),
                value_short: t.m.number(t.lang, s.value),
            },
        )
    })?;
    write!(w, "],\n\"findings\":[")?;
    let mut shown: BTreeMap<(FindingKind, Severity), usize> = BTreeMap::new();
    let findings = r.findings.iter()?.filter(|f| {
        let Ok(f) = f else { return true };
        let n = shown.entry((f.kind, f.severity)).or_insert(0);
        *n += 1;
        *n <= limit
    });
    each_result(w, findings, |w, f| {
        #[derive(Serialize)]
        struct Finding<'a> {
            id: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            status: Option<&'static str>,
            kind: &'static str,
            severity: &'static str,
            region: &'a str,
            metric: &'a str,
            year: Option<i32>,
            message: String,
            evidence: &'a [crate::findings::Evidence],
        }
        js(
            w,
            &Finding {
                id: f.id(),
                status: r.status(&f).map(|s| s.as_str()),
                kind: f.kind.as_str(),
                severity: f.severity.as_str(),
                region: &f.region,
                metric: &f.metric,
                year: f.year,
                message: f.message(t.m, t.lang),
                evidence: &f.evidence,
            },
        )
    })?;
    write!(w, "]}}")?;
    w.write_all(after.as_bytes())
}

/// The page's labels, from the message table: its own (`page.*`), the
/// comparison types and the flags (values come worded with the data).
fn labels<'a>(t: &Words<'a>) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let section = |name: &str| t.m.section(t.lang, name);
    let mut out: Map<String, Value> = section("page")
        .into_iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let mut flags = section("flag");
    flags.insert("up", t.t("page.up"));
    flags.insert("down", t.t("page.down"));
    let what = json!({
        "docs": t.t("page.what_docs"),
        "rows": t.t("page.what_rows"),
        "findings": t.t("page.what_findings"),
    });
    out.insert("what".into(), what);
    out.insert("cmp".into(), json!(section("comparison_short")));
    // The filter lists the comparison types in the reports' order.
    out.insert(
        "cmp_order".into(),
        json!(Comparison::ALL.map(|c| c.as_str())),
    );
    out.insert("flags".into(), json!(flags));
    out.insert("sev".into(), json!(section("severity")));
    out.insert("fkind".into(), json!(section("finding_kind")));
    out.insert("doc_kind".into(), json!(section("doc_kind")));
    out.insert("status".into(), json!(section("status")));
    out.insert("audit".into(), json!(section("audit")));
    out.insert("categories".into(), json!(t.m.categories(t.lang)));
    Value::Object(out)
}

/// Text for HTML: nothing in it is markup.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What the page says without JavaScript (switched off, or a browser too
/// old for the script): the title, the counts, the findings by severity,
/// and where the complete lists are.
fn noscript(r: &Analysis, t: &Words) -> String {
    let mut by_sev: BTreeMap<Severity, usize> = BTreeMap::new();
    for (&(_, s), &n) in &r.finding_counts {
        *by_sev.entry(s).or_insert(0) += n;
    }
    let sev = Severity::ALL
        .iter()
        .map(|&s| format!("{} {}", t.severity(s), by_sev.get(&s).copied().unwrap_or(0)))
        .collect::<Vec<_>>()
        .join(" · ");
    format!(
        "<noscript><h1>{}</h1><p>{} {} · {} {} · {} {} · {} {}</p><p>{}</p><p>{}</p></noscript>",
        escape(t.t("page.title")),
        r.catalog.docs.len(),
        escape(t.t("page.docs")),
        r.figures,
        escape(t.t("page.figures")),
        r.rows.len(),
        escape(t.t("page.comparisons")),
        r.findings.len(),
        escape(t.t("page.nfindings")),
        escape(&sev),
        escape(t.t("page.more")),
    )
}

fn splice<W: Write>(w: &mut W, part: &std::path::Path) -> io::Result<()> {
    let mut f = std::fs::File::open(part)?;
    io::copy(&mut f, w)?;
    Ok(())
}
