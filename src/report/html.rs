//! HTML: takes a `Report`, gives report.html — one self-contained page (no
//! network): the template in templates/report.html with the report's data
//! embedded as JSON, streamed to the file. The page builds its DOM with
//! textContent only, so nothing from a document is ever parsed as HTML.
//!
//! A small corpus is embedded whole (every document's text and figure, so
//! a click shows the sentence); a large one gets the evidence quotes only.
//! Lists are cut at `Limits::list`, and the page says what it left out.

use super::{flag, DocOut, FactOut, Limits, Report};
use crate::compare::{Catalog, DocInfo, Point};
use crate::extract::DocExtraction;
use crate::figures::Role;
use crate::findings::{FindingKind, Lang, Severity};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::PathBuf;

const TEMPLATE: &str = include_str!("../../templates/report.html");

/// JSON that is also safe inside a <script> element: no "<" can close
/// it, and the line separators JavaScript once rejected are escaped.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        let b = s.as_bytes();
        let mut last = 0;
        let mut i = 0;
        while i < b.len() {
            let esc: Option<(&str, usize)> = match b[i] {
                b'<' => Some(("\\u003c", 1)),
                b'>' => Some(("\\u003e", 1)),
                b'&' => Some(("\\u0026", 1)),
                0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA8) => {
                    Some(("\\u2028", 3))
                }
                0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA9) => {
                    Some(("\\u2029", 3))
                }
                _ => None,
            };
            match esc {
                Some((e, n)) => {
                    w.write_all(&b[last..i])?;
                    w.write_all(e.as_bytes())?;
                    i += n;
                    last = i;
                }
                None => i += 1,
            }
        }
        w.write_all(&b[last..])
    }
}

/// Writes `v` as compact JSON; `script` makes it safe inside <script>.
pub fn to_writer<W: Write + ?Sized, T: Serialize + ?Sized>(
    w: &mut W,
    v: &T,
    script: bool,
) -> io::Result<()> {
    let r = if script {
        v.serialize(&mut serde_json::Serializer::with_formatter(w, ScriptSafe))
    } else {
        v.serialize(&mut serde_json::Serializer::new(w))
    };
    r.map_err(io::Error::other)
}

/// Writes the elements of a JSON array, one per line, comma-separated
/// (the brackets are the caller's).
pub fn each<W: Write, T>(
    w: &mut W,
    items: impl IntoIterator<Item = T>,
    mut f: impl FnMut(&mut W, T) -> io::Result<()>,
) -> io::Result<()> {
    for (i, it) in items.into_iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        f(w, it)?;
    }
    Ok(())
}

/// `each` over items that may fail to be read (findings read back from
/// disk).
pub fn each_result<W: Write, T>(
    w: &mut W,
    items: impl IntoIterator<Item = io::Result<T>>,
    mut f: impl FnMut(&mut W, T) -> io::Result<()>,
) -> io::Result<()> {
    each(w, items, |w, it| f(w, it?))
}

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
    r: &Report,
    lang: Lang,
    limits: Limits,
    embedded: Option<&(PathBuf, PathBuf)>,
) -> io::Result<()> {
    let page = TEMPLATE.replace(
        "{{LANG}}",
        match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        },
    );
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
    js(
        w,
        &match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        },
    )?;
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
    let chosen = |side: u32| -> &Point { &r.points[r.sides[side as usize].chosen as usize] };
    each(w, r.rows.iter().take(limit), |w, x| {
        #[derive(Serialize)]
        struct Row<'a> {
            region: &'a str,
            metric: &'a str,
            label: &'a str,
            label_en: &'a str,
            category: &'a str,
            unit: &'a str,
            comparison: &'a str,
            from_year: i32,
            #[serde(skip_serializing_if = "Option::is_none")]
            from_period: Option<String>,
            from_kind: &'a str,
            from_value: f64,
            from_q: &'a str,
            to_year: i32,
            #[serde(skip_serializing_if = "Option::is_none")]
            to_period: Option<String>,
            to_kind: &'a str,
            to_value: f64,
            to_q: &'a str,
            change: f64,
            change_pct: Option<f64>,
            attainment_pct: Option<f64>,
            flag: &'static str,
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
                comparison: &x.comparison,
                from_year: x.from_year,
                from_period: x.from_year_from.map(|_| x.from_period()),
                from_kind: &x.from_kind,
                from_value: x.from_value,
                from_q: &x.from_qualifier,
                to_year: x.to_year,
                to_period: x.to_year_from.map(|_| x.to_period()),
                to_kind: &x.to_kind,
                to_value: x.to_value,
                to_q: &x.to_qualifier,
                change: x.change,
                change_pct: x.change_pct,
                attainment_pct: x.attainment_pct,
                flag: flag(x),
                from_ref: reference(c, chosen(x.from_side)),
                to_ref: reference(c, chosen(x.to_side)),
            },
        )
    })?;
    write!(w, "],\n\"sides\":[")?;
    // Metric charts: the known metrics' sides, `limit` charts at most.
    let mut charts = BTreeSet::new();
    let sides = r.sides.iter().filter(|s| {
        let m = &c.metrics[s.metric as usize];
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
        }
        let m = &c.metrics[s.metric as usize];
        js(
            w,
            &Side {
                region: &s.region,
                metric: &m.id,
                label: &m.label,
                label_en: &m.label_en,
                unit: &c.units[s.unit as usize],
                year: s.year,
                kind: s.kind.as_str(),
                value: s.value,
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
            kind: &'static str,
            severity: &'static str,
            region: &'a str,
            metric: &'a str,
            year: Option<i32>,
            message: &'a str,
            evidence: &'a [crate::findings::Evidence],
        }
        js(
            w,
            &Finding {
                kind: f.kind.as_str(),
                severity: f.severity.as_str(),
                region: &f.region,
                metric: &f.metric,
                year: f.year,
                message: f.message(lang),
                evidence: &f.evidence,
            },
        )
    })?;
    write!(w, "]}}")?;
    w.write_all(after.as_bytes())
}

fn splice<W: Write>(w: &mut W, part: &std::path::Path) -> io::Result<()> {
    let mut f = std::fs::File::open(part)?;
    io::copy(&mut f, w)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script() {
        let v = serde_json::json!({"t": "</script><img src=x onerror=alert(1)>\u{2028}&"});
        let mut out = Vec::new();
        to_writer(&mut out, &v, true).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains("</"));
        assert!(!s.contains('<'));
        assert!(!s.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
