//! JSON: takes an `Analysis`, gives report.json after its facts (streamed
//! while documents are extracted, see `files`): the documents, the
//! comparison and the findings, every message in both languages. Also the
//! JSON helpers report.html shares: compact, optionally safe inside a
//! <script> element, arrays streamed element by element.

use super::Words;
use crate::analysis::Analysis;
use crate::compare::{Comparison, DocInfo, Flag};
use crate::extract::Figure;
use crate::findings::{Evidence, FindingKind, Severity};
use crate::lexicon::Qualifier;
use crate::messages::Lang;
use crate::time::Kind;
use serde::Serialize;
use std::io::{self, Write};

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

/// A figure as report.json and report.html give it.
#[derive(Serialize)]
pub struct FactOut<'a> {
    doc: &'a str,
    line: usize,
    start: usize,
    end: usize,
    quote: &'a str,
    value: f64,
    unit: &'a str,
    qualifier: Qualifier,
    low: Option<f64>,
    high: Option<f64>,
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year_from: Option<i32>,
    kind: Option<Kind>,
    metric: &'a str,
    metric_label: &'a str,
    metric_en: &'a str,
    category: &'a str,
    region: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    region_code: &'a str,
    section: &'a str,
    item: &'a str,
    /// The sentence around the figure, for the page's source panel.
    sentence_start: usize,
    sentence_end: usize,
    /// The page, for documents with pages (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
}

impl<'a> FactOut<'a> {
    pub fn of(f: &'a Figure) -> Self {
        FactOut {
            doc: &f.doc,
            line: f.line,
            start: f.start,
            end: f.end,
            quote: &f.quote,
            value: f.value,
            unit: &f.unit,
            qualifier: f.qualifier,
            low: f.low,
            high: f.high,
            year: f.year,
            year_from: f.year_from,
            kind: f.kind,
            metric: &f.metric,
            metric_label: &f.metric_label,
            metric_en: &f.metric_en,
            category: &f.category,
            region: &f.region,
            region_code: &f.region_code,
            section: &f.section,
            item: &f.item,
            sentence_start: f.sentence_start,
            sentence_end: f.sentence_end,
            page: f.page,
        }
    }
}

/// A document as report.json and report.html list it; the page's carries
/// its text when the corpus is small enough to embed.
#[derive(Serialize)]
pub struct DocOut<'a> {
    id: &'a str,
    title: &'a str,
    region: &'a str,
    kind: &'static str,
    year: Option<i32>,
    published: Option<&'a str>,
    inferred: &'a [&'static str],
    encoding: &'static str,
    figures: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

impl<'a> DocOut<'a> {
    pub fn of(d: &'a DocInfo, text: Option<&'a str>) -> Self {
        DocOut {
            id: &d.id,
            title: &d.meta.title,
            region: &d.meta.region,
            kind: d.meta.kind.as_str(),
            year: d.meta.year,
            published: d.meta.published.as_deref(),
            inferred: &d.meta.inferred,
            encoding: d.encoding,
            figures: d.figures,
            text,
        }
    }
}

/// A comparison row as report.json gives it.
#[derive(Serialize)]
struct Cmp<'a> {
    region: &'a str,
    metric: &'a str,
    metric_label: &'a str,
    metric_en: &'a str,
    comparison: Comparison,
    from_year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_year_from: Option<i32>,
    from_kind: Kind,
    from_value: f64,
    from_qualifier: Qualifier,
    to_year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_year_from: Option<i32>,
    to_kind: Kind,
    to_value: f64,
    to_qualifier: Qualifier,
    unit: &'a str,
    change: f64,
    change_pct: Option<f64>,
    attainment_pct: Option<f64>,
    met: Option<bool>,
    flag: &'static str,
    evidence: Vec<&'a str>,
}

/// A finding as report.json gives it: the message in the report's
/// language and in both.
#[derive(Serialize)]
struct Fnd<'a> {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<crate::baseline::Status>,
    kind: FindingKind,
    severity: Severity,
    region: &'a str,
    metric: &'a str,
    year: Option<i32>,
    message: &'a str,
    message_zh: &'a str,
    message_en: &'a str,
    evidence: &'a [Evidence],
}

/// The rest of report.json after its facts: summary, documents,
/// comparison and findings.
pub fn write_rest<W: Write>(w: &mut W, a: &Analysis, t: &Words) -> io::Result<()> {
    write!(w, "\"lang\": ")?;
    to_writer(w, &t.lang, false)?;
    write!(w, ",\n\"documents\": [")?;
    each(w, &a.catalog.docs, |w, d| {
        to_writer(w, &DocOut::of(d, None), false)
    })?;
    write!(w, "],\n\"skipped\": ")?;
    to_writer(w, &a.skipped, false)?;
    write!(w, ",\n\"figures\": {},\n\"non_figures\": ", a.figures)?;
    to_writer(w, &a.non_figures, false)?;
    write!(w, ",\n\"comparison\": [")?;
    each(w, &a.rows, |w, r| {
        to_writer(
            w,
            &Cmp {
                region: &r.region,
                metric: &r.metric,
                metric_label: &r.label,
                metric_en: &r.label_en,
                comparison: r.comparison,
                from_year: r.from_year,
                from_year_from: r.from_year_from,
                from_kind: r.from_kind,
                from_value: r.from_value,
                from_qualifier: r.from_qualifier,
                to_year: r.to_year,
                to_year_from: r.to_year_from,
                to_kind: r.to_kind,
                to_value: r.to_value,
                to_qualifier: r.to_qualifier,
                unit: &r.unit,
                change: r.change,
                change_pct: r.change_pct,
                attainment_pct: r.attainment_pct,
                met: r.met,
                flag: r.flag.map(Flag::as_str).unwrap_or(""),
                evidence: r.evidence.split(';').collect(),
            },
            false,
        )
    })?;
    write!(w, "],\n\"findings\": [")?;
    each_result(w, a.findings.iter()?, |w, f| {
        let (zh, en) = (f.message(t.m, Lang::Zh), f.message(t.m, Lang::En));
        to_writer(
            w,
            &Fnd {
                id: f.id(),
                status: a.status(&f),
                kind: f.kind,
                severity: f.severity,
                region: &f.region,
                metric: &f.metric,
                year: f.year,
                message: if t.lang == Lang::Zh { &zh } else { &en },
                message_zh: &zh,
                message_en: &en,
                evidence: &f.evidence,
            },
            false,
        )
    })?;
    writeln!(w, "]}}")
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
