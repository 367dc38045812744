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

use crate::compare::{Comparison, Flag, Row};
use crate::frame::FrameError;
use crate::lexicon::Qualifier;
use crate::messages::{Lang, Messages};
use crate::numbers::format_value;
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
    pub fn flag(&self, f: Option<Flag>) -> &'a str {
        match f {
            Some(f) => self.t(&format!("flag.{}", f.as_str())),
            None => "",
        }
    }
    /// "35万人以上"-style display of a value in base units.
    pub fn show(&self, v: f64, unit: &str, q: Qualifier) -> String {
        self.m.show(v, unit, q)
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

/// A comparison row's cells for the terminal and report.md: region,
/// metric, prior, current, Δ (attainment for actual against target), Δ%,
/// flag.
fn cells(r: &Row, w: &Words) -> [String; 7] {
    let side = |year: i32, kind: Kind, v: f64, q: Qualifier| {
        format!("{} {} {}", year, w.kind(kind), w.show(v, &r.unit, q))
    };
    let attainment = r.comparison == Comparison::ActualVsTarget;
    let delta = if attainment {
        r.attainment_pct
            .map(|p| format!("{p:.1}%"))
            .unwrap_or_else(|| w.t("word.not_meaningful").into())
    } else {
        format!(
            "{:+}",
            format_value(r.change).parse::<f64>().unwrap_or(r.change)
        )
    };
    [
        r.region.clone(),
        metric_label(&r.label, &r.label_en),
        side(r.from_year, r.from_kind, r.from_value, r.from_qualifier),
        side(r.to_year, r.to_kind, r.to_value, r.to_qualifier),
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
