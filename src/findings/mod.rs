//! Findings: takes the extracted documents (the checks of one document),
//! or the points, sides and comparison rows (the checks across documents),
//! gives `Finding`s — a kind, a severity, a typed `Detail` of what was
//! found and the evidence spans that support it. One check per file; the
//! words a reader sees are rendered from data/messages.toml at the edge
//! (`Finding::message`).

mod conflicts;
mod detail;
mod duplicates;
mod misplaced;
mod new_dropped;
mod numbering;
mod outliers;
mod ratio_outliers;
mod targets;
mod unsupported;

pub use crate::lexicon::Severity;
pub use crate::messages::Lang;
pub use detail::{Detail, MetricName, Quantity, RatioYear, Sourced, YearValue};
pub use duplicates::similarity;

use crate::compare::{agree, Catalog, Interval, Point, PointId, Row, Side};
use crate::extract::{DocExtraction, Figure};
use crate::lexicon::{Config, Lexicon};
use crate::messages::Messages;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Conflict,
    /// Listed right after conflicts: a missed headline target is what an
    /// auditor looks at first among the warnings.
    MissedTarget,
    Duplicate,
    Numbering,
    Misplaced,
    Unsupported,
    Outlier,
    BelowPriorActual,
    NewMetric,
    DroppedMetric,
}

impl FindingKind {
    pub const ALL: [FindingKind; 10] = [
        FindingKind::Conflict,
        FindingKind::MissedTarget,
        FindingKind::Duplicate,
        FindingKind::Numbering,
        FindingKind::Misplaced,
        FindingKind::Unsupported,
        FindingKind::Outlier,
        FindingKind::BelowPriorActual,
        FindingKind::NewMetric,
        FindingKind::DroppedMetric,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Conflict => "conflict",
            FindingKind::Duplicate => "duplicate",
            FindingKind::Numbering => "numbering",
            FindingKind::Misplaced => "misplaced",
            FindingKind::Unsupported => "unsupported",
            FindingKind::Outlier => "outlier",
            FindingKind::BelowPriorActual => "below_prior_actual",
            FindingKind::MissedTarget => "missed_target",
            FindingKind::NewMetric => "new_metric",
            FindingKind::DroppedMetric => "dropped_metric",
        }
    }

    pub fn parse(s: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A span of a document that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub quote: String,
}

impl Evidence {
    pub fn span(&self) -> String {
        format!("{}:{}-{}", self.doc, self.start, self.end)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    pub region: String,
    pub metric: String,
    pub year: Option<i32>,
    /// What was found, typed; `message` words it.
    pub detail: Detail,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    /// A stable id, `f-` and 12 hex digits: a hash of the kind, the case
    /// of the detail, the region, metric and year, and each evidence's
    /// document and quote — never offsets or line numbers, which move when
    /// a document is edited above the finding. Two runs over documents
    /// that differ only elsewhere give a finding the same id.
    pub fn id(&self) -> String {
        let mut h = Fnv::new();
        h.field(self.kind.as_str().as_bytes());
        h.field(self.detail.key().as_bytes());
        h.field(self.region.as_bytes());
        h.field(self.metric.as_bytes());
        h.field(
            self.year
                .map(|y| y.to_string())
                .unwrap_or_default()
                .as_bytes(),
        );
        // Evidence is sorted by document and offset; the texts sorted
        // again so that a moved paragraph does not reorder the hash.
        let mut texts: Vec<(&str, &str)> = self
            .evidence
            .iter()
            .map(|e| (e.doc.as_str(), e.quote.as_str()))
            .collect();
        texts.sort_unstable();
        for (doc, quote) in texts {
            h.field(doc.as_bytes());
            h.field(quote.as_bytes());
        }
        format!("f-{:012x}", h.0 >> 16)
    }

    /// The finding in words, from the message table.
    pub fn message(&self, m: &Messages, lang: Lang) -> String {
        self.detail.message(m, lang)
    }

    pub fn evidence_refs(&self) -> String {
        self.evidence
            .iter()
            .map(|e| e.span())
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// 64-bit FNV-1a: small, and the same on every platform and release
/// (std's hasher is neither), which a baseline kept between audits needs.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// A field and its length, so that ("ab", "c") and ("a", "bc") differ.
    fn field(&mut self, b: &[u8]) {
        self.bytes(&(b.len() as u64).to_le_bytes());
        self.bytes(b);
    }
}

/// Where findings go as they are made: a list, or a store that spills a
/// large corpus's findings to disk as they come.
pub trait Out {
    fn push(&mut self, f: Finding);
}

impl Out for Vec<Finding> {
    fn push(&mut self, f: Finding) {
        Vec::push(self, f);
    }
}

/// How many findings of each kind and severity.
pub type Counts = BTreeMap<(FindingKind, Severity), usize>;

/// Sorts and deduplicates a finding's evidence.
pub fn tidy(f: &mut Finding) {
    f.evidence.sort();
    f.evidence.dedup();
}

/// Report order (severity, kind, region, metric, year, evidence, then
/// what was found), so that reports are byte-stable.
pub fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (
        a.severity,
        a.kind,
        &a.region,
        &a.metric,
        a.year,
        &a.evidence,
    )
        .cmp(&(
            b.severity,
            b.kind,
            &b.region,
            &b.metric,
            b.year,
            &b.evidence,
        ))
        .then_with(|| {
            a.detail
                .partial_cmp(&b.detail)
                .unwrap_or(std::cmp::Ordering::Equal)
        })
}

/// The checks that need one document only (duplicates, numbering,
/// misplaced bullets, unsupported headlines): run as each document is
/// extracted, before its text is let go.
pub fn local(d: &DocExtraction, lx: &Lexicon) -> Vec<Finding> {
    let mut out = Vec::new();
    duplicates::check(d, &lx.config, &mut out);
    numbering::check(d, &mut out);
    misplaced::check(d, lx, &mut out);
    unsupported::check(d, &mut out);
    out
}

/// What the cross-document checks need: every comparable point, the
/// sides and the comparison rows.
pub struct Inputs<'a> {
    pub catalog: &'a Catalog,
    pub points: &'a [Point],
    pub sides: &'a [Side],
    pub rows: &'a [Row],
    pub config: &'a Config,
}

/// The checks across documents and years: conflicts, outliers, targets,
/// new and dropped metrics.
pub fn across(inp: &Inputs, out: &mut dyn Out) {
    conflicts::check(inp, out);
    outliers::check(inp, out);
    ratio_outliers::check(inp, out);
    targets::check(inp, out);
    new_dropped::check(inp, out);
}

/// Findings on `auto:` metrics are capped at the configured severity:
/// their joins rest on wording alone.
fn auto_cap(cfg: &Config, s: Severity) -> Severity {
    s.max(cfg.auto_metric_severity)
}

fn fig_evidence(f: &Figure) -> Evidence {
    Evidence {
        doc: f.doc.clone(),
        start: f.start,
        end: f.end,
        line: f.line,
        quote: f.quote.clone(),
    }
}

/// Most characters of a paragraph that its evidence quotes: enough to know
/// it again, without copying whole paragraphs into every finding (on a
/// large corpus they would outweigh the corpus itself).
const BLOCK_QUOTE_CHARS: usize = 120;

/// A block's opening as evidence — its first sentence, or its first
/// `BLOCK_QUOTE_CHARS` characters — with a span covering exactly the quote.
fn block_evidence(d: &DocExtraction, b: usize) -> Evidence {
    let blk = &d.outline.blocks[b];
    let text = &d.norm.text[blk.start..blk.end];
    let cut = text
        .char_indices()
        .take(BLOCK_QUOTE_CHARS)
        .find(|&(_, c)| c == crate::marks::FULL_STOP)
        .map(|(i, c)| i + c.len_utf8())
        .or_else(|| text.char_indices().nth(BLOCK_QUOTE_CHARS).map(|(i, _)| i))
        .unwrap_or(text.len());
    let (s, e) = d.source_span(blk.start, blk.start + cut);
    Evidence {
        doc: d.doc.id.clone(),
        start: s,
        end: e,
        line: d.line_of(s),
        quote: d.doc.text.get(s..e).unwrap_or_default().to_string(),
    }
}

/// The line (1-based, in the source text) where block `b` starts.
fn block_line(d: &DocExtraction, b: usize) -> usize {
    let blk = &d.outline.blocks[b];
    d.line_of(d.source_span(blk.start, blk.end).0)
}

fn point_evidence(c: &Catalog, p: &Point) -> Evidence {
    Evidence {
        doc: c.doc(p).id.clone(),
        start: p.start,
        end: p.end,
        line: p.line as usize,
        quote: p.quote.to_string(),
    }
}

/// The figures behind both sides of a comparison row.
fn row_evidence(inp: &Inputs, r: &Row) -> Vec<Evidence> {
    [r.from_side, r.to_side]
        .iter()
        .flat_map(|&s| inp.sides[s].agreeing.iter())
        .map(|&i: &PointId| point_evidence(inp.catalog, &inp.points[i]))
        .collect()
}

/// The value a point states, with its unit and qualifier.
fn point_quantity(c: &Catalog, p: &Point) -> Quantity {
    Quantity {
        value: p.value,
        unit: c.unit(p).to_string(),
        qualifier: p.qualifier,
    }
}

/// Two figures that state the same thing: one metric and unit, values
/// that can both be right.
fn same_figure(a: &Figure, b: &Figure) -> bool {
    a.metric == b.metric && a.unit == b.unit && agree(Interval::of(a), Interval::of(b))
}

/// A block's label as a finding quotes it (第2件, the heading's words).
fn block_label(d: &DocExtraction, i: usize) -> String {
    crate::extract::block_label(&d.norm.text, &d.outline, i)
}
