//! Report: takes an `Analysis` (it only reads it) and the message table,
//! gives the reports, one file per format: `terminal` (the tables after a
//! run), `markdown` (report.md), `csv` (comparison.csv, findings.csv),
//! `json` (report.json), `html` (report.html); `files` opens the report
//! folder, streams facts.csv and the facts of report.json and report.html
//! batch by batch as documents are extracted, and writes every file
//! atomically (temporary file, then rename). Output is deterministic.

pub mod csv;
pub mod files;
pub mod html;
pub mod json;
pub mod markdown;
pub mod terminal;
pub mod xlsx;

use crate::analysis::Analysis;
use crate::compare::{Comparison, Flag, Row};
use crate::frame::FrameError;
use crate::lexicon::Qualifier;
use crate::messages::{Lang, Messages};
use crate::pipeline::PipelineError;
use crate::time::Kind;
use polars::prelude::PolarsError;
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReportError {
    #[error("building the comparison: {0}")]
    Polars(#[from] PolarsError),
    #[error(transparent)]
    Frame(#[from] FrameError),
    #[error(transparent)]
    Pipeline(#[from] PipelineError),
    #[error("{path}: cannot write: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: folder exists and was not written by yoy; use --force to overwrite it")]
    NotOurs { path: PathBuf },
}

/// How much the readable reports (report.md, report.html) show; the CSV
/// files and report.json always hold everything.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Documents, rows per comparison, findings per kind and severity,
    /// metric charts.
    pub list: usize,
    /// report.html embeds document text up to this many bytes of corpus.
    pub embed_bytes: u64,
}

impl Limits {
    pub fn from_config(c: &crate::lexicon::Config) -> Limits {
        Limits {
            list: c.list_limit,
            embed_bytes: (c.embed_limit_mb.max(0.0) * 1_048_576.0) as u64,
        }
    }
}

/// The message table in the report's language.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub m: &'a Messages,
    pub lang: Lang,
}

impl<'a> Words<'a> {
    pub fn new(m: &'a Messages, lang: Lang) -> Words<'a> {
        Words { m, lang }
    }
    /// The message `key` (section.name) as written.
    pub fn t(&self, key: &str) -> &'a str {
        self.m.get(self.lang, key)
    }
    pub fn comparison(&self, c: Comparison) -> &'a str {
        self.t(&format!("comparison.{}", c.as_str()))
    }
    pub fn kind(&self, k: Kind) -> &'a str {
        self.t(match k {
            Kind::Target => "word.target",
            Kind::Actual => "word.actual",
        })
    }
    pub fn severity(&self, s: crate::findings::Severity) -> &'a str {
        self.m.label(self.lang, "severity", s.as_str())
    }
    pub fn finding_kind(&self, k: crate::findings::FindingKind) -> &'a str {
        self.m.label(self.lang, "finding_kind", k.as_str())
    }
    pub fn status(&self, s: crate::baseline::Status) -> &'a str {
        self.m.label(self.lang, "status", s.as_str())
    }
    pub fn doc_kind(&self, k: crate::corpus::DocKind) -> &'a str {
        self.m.label(self.lang, "doc_kind", k.as_str())
    }
    pub fn flag(&self, f: Option<Flag>) -> &'a str {
        match f {
            Some(f) => self.t(&format!("flag.{}", f.as_str())),
            None => "",
        }
    }
    /// "35万人以上"-style display of a value in base units.
    pub fn show(&self, v: f64, unit: &str, q: Qualifier, high: Option<f64>) -> String {
        self.m.show(self.lang, v, unit, q, high)
    }
    /// A signed change: +1.5万人, +1.1个百分点.
    pub fn change(&self, v: f64, unit: &str) -> String {
        self.m.change(self.lang, v, unit)
    }
}

/// Metric label in both languages.
pub fn metric_label(label: &str, en: &str) -> String {
    if en.is_empty() || en == label {
        label.to_string()
    } else {
        format!("{label} / {en}")
    }
}

fn pct(v: Option<f64>, w: &Words) -> String {
    v.map(|p| format!("{p:+.1}%"))
        .unwrap_or_else(|| w.t("word.not_meaningful").into())
}

/// The upper ends of a row's two sides when they are ranges (1—2处): the
/// chosen figures' bounds.
pub fn highs(a: &Analysis, r: &Row) -> [Option<f64>; 2] {
    let high = |side: crate::compare::SideId, q: Qualifier| {
        (q == Qualifier::Range).then(|| a.points[a.sides[side].chosen].high)
    };
    [
        high(r.from_side, r.from_qualifier),
        high(r.to_side, r.to_qualifier),
    ]
}

/// A comparison row's cells for the terminal and report.md: region,
/// metric, prior, current, Δ (attainment for actual against target), Δ%,
/// flag. `highs` are the sides' upper ends when they are ranges.
fn cells(r: &Row, w: &Words, highs: [Option<f64>; 2]) -> [String; 7] {
    let side = |year: String, kind: Kind, v: f64, q: Qualifier, high: Option<f64>| {
        format!("{} {} {}", year, w.kind(kind), w.show(v, &r.unit, q, high))
    };
    let attainment = r.comparison == Comparison::ActualVsTarget;
    let delta = if attainment && r.rate {
        // A rate's attainment is its margin in points: −0.7个百分点.
        w.change(r.change, &r.unit)
    } else if attainment {
        r.attainment_pct
            .map(|p| format!("{p:.1}%"))
            .unwrap_or_else(|| w.t("word.not_meaningful").into())
    } else {
        w.change(r.change, &r.unit)
    };
    [
        r.region.clone(),
        metric_label(&r.label, &r.label_en),
        side(
            r.from_period(),
            r.from_kind,
            r.from_value,
            r.from_qualifier,
            highs[0],
        ),
        side(
            r.to_period(),
            r.to_kind,
            r.to_value,
            r.to_qualifier,
            highs[1],
        ),
        delta,
        if attainment {
            String::new()
        } else {
            pct(r.change_pct, w)
        },
        w.flag(r.flag).to_string(),
    ]
}

/// A table cell of report.md: no pipe or line break breaks the table.
fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::SideId;

    fn row(comparison: Comparison, from: (f64, Qualifier), to: (f64, Qualifier)) -> Row {
        Row {
            region: "甲市".into(),
            metric: "care_stations".into(),
            label: "养老服务站".into(),
            label_en: "Care stations".into(),
            category: String::new(),
            unit: "处".into(),
            comparison,
            from_year: 2023,
            from_year_from: None,
            from_kind: Kind::Target,
            from_value: from.0,
            from_qualifier: from.1,
            to_year: 2024,
            to_year_from: None,
            to_kind: Kind::Target,
            to_value: to.0,
            to_qualifier: to.1,
            change: to.0 - from.0,
            change_pct: None,
            attainment_pct: None,
            evidence: String::new(),
            from_side: SideId(0),
            to_side: SideId(1),
            met: None,
            verdict: None,
            margin: None,
            rate: false,
            headline: false,
            good: None,
            flag: Some(Flag::Up),
        }
    }

    /// A range reads 1—2处 (1处起 when its upper end is unknown) in the
    /// terminal and report.md, as on the page: one qualifier table.
    #[test]
    fn a_range_shows_its_suffix_in_every_format() {
        let m = Messages::builtin();
        let r = row(
            Comparison::TargetVsNextTarget,
            (1.0, Qualifier::Range),
            (3.0, Qualifier::Ge),
        );
        let c = cells(&r, &Words::new(m, Lang::Zh), [None, None]);
        assert!(c[2].ends_with(" 1处起"), "{c:?}");
        assert!(c[3].ends_with(" 3处以上"), "{c:?}");
        let c = cells(&r, &Words::new(m, Lang::Zh), [Some(2.0), None]);
        assert!(c[2].ends_with(" 1—2处"), "{c:?}");
        let c = cells(&r, &Words::new(m, Lang::En), [Some(2.0), None]);
        assert!(c[2].ends_with(" 1–2"), "{c:?}");
        assert!(c[3].ends_with(" at least 3"), "{c:?}");
    }

    #[test]
    fn cells_word_the_flag_and_kind_in_the_report_language() {
        let m = Messages::builtin();
        let mut r = row(
            Comparison::ActualVsTarget,
            (100.0, Qualifier::Eq),
            (90.0, Qualifier::Eq),
        );
        r.to_kind = Kind::Actual;
        r.attainment_pct = Some(90.0);
        r.flag = Some(Flag::Missed);
        let zh = cells(&r, &Words::new(m, Lang::Zh), [None, None]);
        assert_eq!(zh[2], "2023 目标 100处");
        assert_eq!(zh[3], "2024 实际 90处");
        assert_eq!((zh[4].as_str(), zh[5].as_str()), ("90.0%", ""));
        assert_eq!(zh[6], "✗ 未完成");
        let en = cells(&r, &Words::new(m, Lang::En), [None, None]);
        assert_eq!(en[6], "✗ missed");
        assert_eq!(en[1], "养老服务站 / Care stations");
    }
}
