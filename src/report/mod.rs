//! Report: takes an `Analysis` (it only reads it) and the message table,
//! gives the reports, one file per format: `terminal` (the tables after a
//! run), `markdown` (report.md), `csv` (comparison.csv, findings.csv),
//! `json` (report.json), `html` (report.html); `files` writes into a
//! private folder (`outdir`), streaming facts.csv and the facts of
//! report.json and report.html batch by batch as documents are extracted;
//! the folder replaces the old report as a whole. Output is deterministic.

pub mod audit;
pub mod audit_sheet;
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
    #[error("{path}: cannot write: {source}")]
    Table {
        path: PathBuf,
        #[source]
        source: FrameError,
    },
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

/// A table cell of report.md: no pipe or line break breaks the table.
fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
