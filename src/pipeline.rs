//! Pipeline: takes the corpus's sources, gives a `Report`. Documents are
//! read and extracted in batches (`corpus::BATCH_BYTES`); each document's
//! own checks run as soon as it is extracted, a `Sink` receives the batch
//! (the report files stream their facts from it), and then the text is let
//! go: only what the cross-document stages need — a `Point` per comparable
//! figure and the names in the `Catalog` — is kept. Memory grows with the
//! number of figures, not with the text.

use crate::compare::{Catalog, DocInfo, Point};
use crate::corpus::{self, CorpusError, Source};
use crate::extract::{extract_document, DocExtraction};
use crate::figures::Role;
use crate::findings::{self, Finding};
use crate::lexicon::Lexicon;
use crate::report::{Report, ReportError};
use crate::spill::{Sorted, Spill};
use rayon::prelude::*;
use std::collections::BTreeMap;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum PipelineError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// Receives each batch of extracted documents before their text is
/// dropped.
pub trait Sink {
    fn batch(&mut self, docs: &[DocExtraction]) -> Result<(), ReportError>;
}

/// A sink that keeps nothing (`yoy check`, tests).
pub struct NoSink;

impl Sink for NoSink {
    fn batch(&mut self, _: &[DocExtraction]) -> Result<(), ReportError> {
        Ok(())
    }
}

/// Findings as the checks make them — local ones per document, then the
/// cross-document ones — tidied, counted and spilled: never all in memory.
pub struct FindingStore {
    spill: Spill<Finding>,
    counts: findings::Counts,
    /// The first write that failed; reported by `finish`.
    error: Option<std::io::Error>,
}

impl findings::Out for FindingStore {
    fn push(&mut self, mut f: Finding) {
        findings::tidy(&mut f);
        *self.counts.entry((f.kind, f.severity)).or_insert(0) += 1;
        if self.error.is_none() {
            if let Err(e) = self.spill.push([f]) {
                self.error = Some(e);
            }
        }
    }
}

impl FindingStore {
    /// Every finding in report order, and the count per kind and severity.
    pub fn finish(self) -> Result<(Sorted<Finding>, findings::Counts), ReportError> {
        match self.error {
            Some(e) => Err(ReportError::Io {
                path: self.spill.dir().to_path_buf(),
                source: e,
            }),
            None => Ok((self.spill.finish(), self.counts)),
        }
    }
}

/// Everything kept from the documents seen so far.
pub struct Collector<'a> {
    pub(crate) lx: &'a Lexicon,
    pub(crate) catalog: Catalog,
    pub(crate) points: Vec<Point>,
    pub(crate) findings: FindingStore,
    pub(crate) non_figures: BTreeMap<&'static str, usize>,
}

impl<'a> Collector<'a> {
    /// `work` is a folder for findings that do not fit in memory.
    pub fn new(lx: &'a Lexicon, work: &std::path::Path) -> Self {
        Collector {
            lx,
            catalog: Catalog::default(),
            points: Vec::new(),
            findings: FindingStore {
                spill: Spill::new(
                    work,
                    ".findings",
                    lx.config.findings_in_memory,
                    findings::order,
                ),
                counts: BTreeMap::new(),
                error: None,
            },
            non_figures: BTreeMap::new(),
        }
    }

    /// Keeps what later stages need of one extracted document and the
    /// findings of its own checks.
    pub fn add(&mut self, d: &DocExtraction, local: Vec<Finding>) {
        use findings::Out;
        let doc = self.catalog.docs.len() as u32;
        for f in &d.figures {
            if f.role == Role::Figure {
                if let Some(p) = self.catalog.point(doc, f) {
                    self.points.push(p);
                }
            } else {
                *self.non_figures.entry(f.role.as_str()).or_insert(0) += 1;
            }
        }
        self.catalog.docs.push(DocInfo::of(d));
        for f in local {
            self.findings.push(f);
        }
    }

    /// Runs the cross-document stages over everything collected.
    pub fn finish(self, skipped: Vec<String>) -> Result<Report, ReportError> {
        Report::assemble(self, skipped)
    }
}

/// Stage timings on stderr when `YOY_TIMINGS` is set: seconds since the
/// start and resident memory, for the benchmarks' profile of a run.
pub struct Timer(Option<std::time::Instant>);

impl Timer {
    pub fn start() -> Timer {
        Timer(std::env::var_os("YOY_TIMINGS").map(|_| std::time::Instant::now()))
    }

    pub fn lap(&self, what: &str) {
        if let Some(t0) = self.0 {
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmRSS:"))
                        .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
                })
                .unwrap_or_default();
            eprintln!(
                "yoy: {:>8.2} s  rss {rss:>12}  {what}",
                t0.elapsed().as_secs_f64()
            );
        }
    }
}

/// Extracts documents and runs each one's own checks, in parallel.
fn extract_with_checks(
    docs: Vec<corpus::Document>,
    lx: &Lexicon,
) -> (Vec<DocExtraction>, Vec<Vec<Finding>>) {
    docs.into_par_iter()
        .map(|d| {
            let ex = extract_document(d, lx);
            let local = findings::local(&ex, lx);
            (ex, local)
        })
        .unzip()
}

/// Reads, extracts and checks every source, batch by batch, and gives the
/// report. `skipped` holds files already skipped while listing; `work` is
/// a folder for findings that do not fit in memory.
pub fn run(
    sources: &[Source],
    mut skipped: Vec<corpus::Skipped>,
    lx: &Lexicon,
    strict: bool,
    sink: &mut dyn Sink,
    work: &std::path::Path,
) -> Result<Report, PipelineError> {
    let timer = Timer::start();
    let mut c = Collector::new(lx, work);
    for batch in corpus::batches(sources, corpus::BATCH_BYTES) {
        let docs = corpus::read_batch(batch, strict, &mut skipped)?;
        timer.lap("read batch");
        let (ex, local) = extract_with_checks(docs, lx);
        timer.lap("extracted and checked");
        sink.batch(&ex)?;
        timer.lap("facts written");
        for (d, f) in ex.iter().zip(local) {
            c.add(d, f);
        }
        timer.lap("collected");
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(c.finish(skipped.iter().map(|s| s.error.to_string()).collect())?)
}

/// The report of documents already extracted (tests, small corpora).
pub fn build(
    docs: Vec<DocExtraction>,
    lx: &Lexicon,
    skipped: Vec<String>,
) -> Result<Report, ReportError> {
    let mut c = Collector::new(lx, &std::env::temp_dir());
    for d in &docs {
        c.add(d, findings::local(d, lx));
    }
    c.finish(skipped)
}
