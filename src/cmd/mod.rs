//! One file per subcommand; shared argument handling here.

pub mod extract;
pub mod metrics;
pub mod progress;
pub mod report;
pub mod scan;
pub mod text;
pub mod verify;

use std::path::{Path, PathBuf};
use thiserror::Error;
use yoy::corpus::{self, Corpus, CorpusError};
use yoy::extract::{extract_all, DocExtraction};
use yoy::lexicon::{DataError, Lexicon};

/// Every error the commands can meet, each already naming its file.
#[derive(Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(transparent)]
    Frame(#[from] yoy::frame::FrameError),
    #[error(transparent)]
    Report(#[from] yoy::report::ReportError),
    #[error(transparent)]
    Pipeline(#[from] yoy::pipeline::PipelineError),
    #[error(transparent)]
    Baseline(#[from] yoy::baseline::BaselineError),
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("reading back the findings spilled to disk: {0}")]
    Spill(std::io::Error),
    #[error(transparent)]
    OutDir(#[from] yoy::outdir::OutDirError),
    #[error("no readable document ({skipped} skipped){}", if kept.is_empty() { String::new() } else { format!("; nothing written to {kept}") })]
    NoDocuments { skipped: usize, kept: String },
    #[error("no readable source document to check against ({skipped} skipped); name them with --against")]
    NoSources { skipped: usize },
    #[error("{0}")]
    Usage(String),
}

impl AppError {
    /// True when the error is only stdout closing early (`yoy … | head`),
    /// which ends the run quietly rather than as a failure.
    pub fn is_broken_pipe(&self) -> bool {
        let io = match self {
            AppError::Write { source, .. } => Some(source.kind()),
            AppError::Frame(yoy::frame::FrameError::Polars(polars::prelude::PolarsError::IO {
                error,
                ..
            })) => Some(error.kind()),
            AppError::Frame(yoy::frame::FrameError::Io { source, .. }) => Some(source.kind()),
            _ => None,
        };
        io == Some(std::io::ErrorKind::BrokenPipe)
    }
}

/// A table error while writing to `path`: an I/O error (a full disk)
/// names the file like any other write error.
pub fn frame_err(path: &str) -> impl Fn(yoy::frame::FrameError) -> AppError + '_ {
    use yoy::frame::FrameError;
    move |e| match e {
        FrameError::Polars(polars::prelude::PolarsError::IO { error, .. }) => AppError::Write {
            path: path.to_string(),
            source: std::io::Error::new(error.kind(), error.to_string()),
        },
        FrameError::Io { source, .. } => AppError::Write {
            path: path.to_string(),
            source,
        },
        e => AppError::Frame(e),
    }
}

/// `--quiet`: no progress bar and no notes on stderr, only errors.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_quiet(q: bool) {
    QUIET.store(q, std::sync::atomic::Ordering::Relaxed);
}

/// True when stderr carries errors only.
pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// Writes text a person reads (tables, summaries) to stdout, its control
/// characters made visible (`escape::terminal`): a document or manifest
/// never drives the terminal.
pub fn emit(text: &str) -> Result<(), AppError> {
    write_stdout(&yoy::escape::terminal(text))
}

/// Writes data (CSV, JSON, a document's text) to stdout: as it is into a
/// pipe or a file, with control characters made visible on a terminal.
pub fn emit_data(text: &str) -> Result<(), AppError> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        emit(text)
    } else {
        write_stdout(text)
    }
}

/// stdout for data streamed in pieces, as `emit_data` treats it.
pub fn data_stdout() -> Box<dyn std::io::Write> {
    use std::io::IsTerminal;
    let out = std::io::stdout().lock();
    if out.is_terminal() {
        Box::new(yoy::escape::Terminal::new(out))
    } else {
        Box::new(out)
    }
}

/// A message for stderr, its control characters made visible.
pub fn note(text: &str) {
    eprintln!("{}", yoy::escape::terminal(text));
}

fn write_stdout(text: &str) -> Result<(), AppError> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| AppError::Write {
            path: "<stdout>".into(),
            source: e,
        })
}

/// The paths to read: those given, or seeds/, or the built-in corpus.
pub fn input_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        let seeds = PathBuf::from("seeds");
        if seeds.exists() {
            return vec![seeds];
        }
        // Outside the repository: the sample corpus built into the binary,
        // so a downloaded yoy shows what it does.
        match yoy::builtin::materialise() {
            Ok(dir) if quiet() => vec![dir],
            Ok(dir) => {
                note(&format!(
                    "yoy: no PATH and no ./seeds: using the built-in sample corpus ({} documents, {})",
                    yoy::builtin::SEEDS
                        .iter()
                        .filter(|(n, _)| *n != "manifest.toml")
                        .count(),
                    dir.display()
                ));
                vec![dir]
            }
            Err(e) => {
                note(&format!(
                    "yoy: cannot write the built-in sample corpus: {e}"
                ));
                vec![seeds]
            }
        }
    } else {
        paths.to_vec()
    }
}

/// Refuses an output (`--out`, `--html`) that is one of the inputs or a
/// folder holding one: the paths given, the documents listed, the
/// manifests of the folders given. Compared as files (device and inode)
/// and as resolved paths, however they are written.
pub fn guard_output<'a>(
    out: &Path,
    given: &[PathBuf],
    documents: impl IntoIterator<Item = &'a Path>,
) -> Result<(), AppError> {
    let manifests: Vec<PathBuf> = given
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| p.join("manifest.toml"))
        .filter(|p| p.is_file())
        .collect();
    let documents: Vec<&Path> = documents.into_iter().collect();
    yoy::outdir::check_inputs(
        out,
        given
            .iter()
            .chain(&manifests)
            .map(PathBuf::as_path)
            .chain(documents),
    )?;
    Ok(())
}

/// Loads the lexicon and corpus and extracts every document. Skipped files
/// are reported on stderr.
pub fn load_and_extract(
    paths: &[PathBuf],
    data: Option<&Path>,
    strict: bool,
) -> Result<(Lexicon, Vec<DocExtraction>, Corpus), AppError> {
    let lx = Lexicon::load(data)?;
    let mut corpus = corpus::load(&input_paths(paths), strict)?;
    let docs = std::mem::take(&mut corpus.documents);
    let ex = extract_all(docs, &lx);
    Ok((lx, ex, corpus))
}
