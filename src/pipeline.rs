//! Pipeline: takes the corpus's sources, gives an `Analysis`. Documents
//! are read and extracted in batches (`corpus::BATCH_BYTES`); each
//! document's own checks run as soon as it is extracted, a `Sink` receives
//! the batch (the report files stream their facts from it), and then the
//! text is let go: only what the cross-document stages need is kept
//! (`analysis::Collector`). Memory grows with the number of figures, not
//! with the text.

use crate::analysis::{Analysis, AnalysisError, Collector};
use crate::corpus::{self, CorpusError, Source};
use crate::extract::{extract_document, DocExtraction};
use crate::findings::{self, Finding};
use crate::lexicon::Lexicon;
use crate::timing::Timer;
use rayon::prelude::*;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum PipelineError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Analysis(#[from] AnalysisError),
}

/// Receives each batch of extracted documents before their text is
/// dropped. The error type is the sink's own; the pipeline's errors turn
/// into it.
pub trait Sink {
    type Error: From<PipelineError>;
    fn batch(&mut self, docs: &[DocExtraction]) -> Result<(), Self::Error>;
}

/// A sink that keeps nothing (`yoy check`, tests).
pub struct NoSink;

impl Sink for NoSink {
    type Error = PipelineError;
    fn batch(&mut self, _: &[DocExtraction]) -> Result<(), PipelineError> {
        Ok(())
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
/// analysis. `skipped` holds files already skipped while listing; `work`
/// is a folder for findings that do not fit in memory.
pub fn run<S: Sink>(
    sources: &[Source],
    mut skipped: Vec<corpus::Skipped>,
    lx: &Lexicon,
    strict: bool,
    sink: &mut S,
    work: &std::path::Path,
) -> Result<Analysis, S::Error> {
    let timer = Timer::start();
    let mut c = Collector::new(lx, work);
    for batch in corpus::batches(sources, corpus::BATCH_BYTES) {
        let docs = corpus::read_batch(batch, strict, &mut skipped).map_err(PipelineError::from)?;
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
    let skipped = skipped.iter().map(|s| s.error.to_string()).collect();
    Ok(c.finish(skipped).map_err(PipelineError::from)?)
}

/// The analysis of documents already extracted (tests, small corpora).
pub fn build(
    docs: Vec<DocExtraction>,
    lx: &Lexicon,
    skipped: Vec<String>,
) -> Result<Analysis, AnalysisError> {
    let mut c = Collector::new(lx, &std::env::temp_dir());
    for d in &docs {
        c.add(d, findings::local(d, lx));
    }
    c.finish(skipped)
}
