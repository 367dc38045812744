//! Files: takes a private folder (`outdir::Staging`, which swaps it into
//! place once complete) and, batch by batch, the extracted documents
//! (facts.csv and the facts of report.json and report.html are streamed
//! as they come), then the `Analysis`; gives every report file. Every
//! file is created new (`create_new`: nothing already at a name, not even
//! a symlink, is written through).

use super::{csv, html, json, markdown, Limits, ReportError, Words};
use crate::analysis::Analysis;
use crate::extract::{DocExtraction, Figure};
use crate::figures::Role;
use crate::frame::{facts_frame, Format, FrameError, PartWriter};
use crate::pipeline::Sink;
use crate::timing::Timer;
use rayon::prelude::*;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub use crate::outdir::MARKER;

/// Temporary files inside the private folder, renamed or removed when the
/// reports are written: the facts stream here while documents are
/// extracted.
const FACTS_CSV_PART: &str = ".facts.csv.part";
const JSON_PART: &str = ".report.json.part";
const HTML_FACTS_PART: &str = ".report.html.facts.part";
const HTML_DOCS_PART: &str = ".report.html.docs.part";

/// The workbook's file name.
const WORKBOOK: &str = "report.xlsx";

/// The report files, in the order they are listed.
const FILES: [&str; 7] = [
    "report.md",
    "facts.csv",
    "comparison.csv",
    "findings.csv",
    "report.json",
    "report.html",
    "report.xlsx",
];

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> ReportError + '_ {
    move |e| ReportError::Io {
        path: path.to_path_buf(),
        source: e,
    }
}

/// A table error while writing `path`: an I/O error (a full disk) names
/// the file like any other write error.
fn frame_err(path: &Path) -> impl Fn(FrameError) -> ReportError + '_ {
    move |e| match e {
        FrameError::Polars(polars::prelude::PolarsError::IO { error, .. }) => ReportError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(error.kind(), error.to_string()),
        },
        FrameError::Io { source, .. } => ReportError::Io {
            path: path.to_path_buf(),
            source,
        },
        e => ReportError::Table {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

/// A new file, never one already there.
fn create(path: &Path) -> Result<BufWriter<File>, ReportError> {
    Ok(BufWriter::with_capacity(
        1 << 20,
        File::options()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(io_err(path))?,
    ))
}

/// Writes `path` whole or not at all: `fill` streams into a temporary
/// file of a name no one else uses beside it (created new, so a symlink
/// planted there is refused, not followed), renamed over `path` once
/// complete; on failure the temporary file goes.
fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<(), ReportError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let mut w = create(&tmp)?;
    let r = fill(&mut w)
        .and_then(|_| w.flush())
        .map_err(io_err(path))
        .and_then(|_| {
            drop(w);
            std::fs::rename(&tmp, path).map_err(io_err(path))
        });
    if r.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    r
}

/// A list streamed as comma-separated chunks of elements.
struct Part {
    path: PathBuf,
    out: BufWriter<File>,
    count: usize,
}

impl Part {
    /// A part beginning with `head`.
    fn new(dir: &Path, name: &str, head: &[u8]) -> Result<Part, ReportError> {
        let path = dir.join(name);
        let mut out = create(&path)?;
        out.write_all(head).map_err(io_err(&path))?;
        Ok(Part {
            out,
            path,
            count: 0,
        })
    }

    /// Appends a chunk of elements already serialised (each on its own
    /// line, comma-separated, as `json::each` writes them).
    fn append(&mut self, chunk: &[u8]) -> Result<(), ReportError> {
        if chunk.is_empty() {
            return Ok(());
        }
        let sep: &[u8] = if self.count == 0 { b"" } else { b"," };
        self.out
            .write_all(sep)
            .and_then(|_| self.out.write_all(chunk))
            .map_err(io_err(&self.path))?;
        self.count += 1;
        Ok(())
    }

    /// Closes the part; gives its path to copy from.
    fn close(mut self) -> Result<PathBuf, ReportError> {
        self.out.flush().map_err(io_err(&self.path))?;
        Ok(self.path)
    }
}

/// The report folder being written: takes each batch of extracted
/// documents as it comes (facts.csv, and the facts of report.json and
/// report.html, are streamed), then `finish` writes the rest.
pub struct ReportFiles {
    dir: PathBuf,
    facts_csv: PartWriter<BufWriter<File>>,
    /// report.json, facts first: the rest is known at the end.
    json: Part,
    /// Facts and document texts for report.html, when it embeds them.
    html: Option<(Part, Part)>,
    written: Vec<PathBuf>,
}

impl ReportFiles {
    /// Starts the reports in `dir`, a fresh private folder (see
    /// `outdir::Staging`). `embed` says whether report.html carries the
    /// documents' text.
    pub fn create(dir: &Path, embed: bool) -> Result<ReportFiles, ReportError> {
        let marker = dir.join(MARKER);
        write_atomic(&marker, |w| {
            w.write_all(b"Written by yoy; yoy report may overwrite this folder.\n")
        })?;
        let html = if embed {
            Some((
                Part::new(dir, HTML_FACTS_PART, b"")?,
                Part::new(dir, HTML_DOCS_PART, b"")?,
            ))
        } else {
            None
        };
        Ok(ReportFiles {
            dir: dir.to_path_buf(),
            // CSV starts with a UTF-8 BOM so Excel opens the Chinese text
            // right.
            facts_csv: PartWriter::new(Format::Csv, true, create(&dir.join(FACTS_CSV_PART))?),
            json: Part::new(dir, JSON_PART, b"{\"facts\": [")?,
            html,
            written: vec![marker],
        })
    }

    /// Writes every report file; gives their paths.
    pub fn finish(
        self,
        a: &Analysis,
        t: &Words,
        limits: Limits,
        workbook: bool,
    ) -> Result<Vec<PathBuf>, ReportError> {
        let ReportFiles {
            dir,
            facts_csv,
            json,
            html,
            mut written,
        } = self;
        // The parts already on disk become their files by a rename.
        let rename = |part: &Path, name: &str| {
            let path = dir.join(name);
            std::fs::rename(part, &path).map_err(io_err(&path))
        };
        let timer = Timer::start();
        write_atomic(&dir.join("report.md"), |w| {
            markdown::write(w, a, t, limits.list)
        })?;
        timer.lap("report.md");
        let part = dir.join(FACTS_CSV_PART);
        facts_csv.finish().map_err(frame_err(&part))?;
        rename(&part, "facts.csv")?;
        write_atomic(&dir.join("comparison.csv"), |w| csv::comparison(w, a))?;
        timer.lap("comparison.csv");
        write_atomic(&dir.join("findings.csv"), |w| csv::findings(w, a, t))?;
        timer.lap("findings.csv");
        // The workbook is the slowest file (every row of the CSV files as
        // cells, deflated): written only when asked for, on a thread of its
        // own beside report.json and report.html, which it does not read.
        std::thread::scope(|scope| {
            let book = workbook.then(|| {
                scope.spawn(|| {
                    let r = super::xlsx::write(&dir, a, t);
                    timer.lap("report.xlsx");
                    r
                })
            });
            let rest = (|| {
                let Part { path, mut out, .. } = json;
                out.write_all(b"],\n")
                    .and_then(|_| json::write_rest(&mut out, a, t))
                    .and_then(|_| out.flush())
                    .map_err(io_err(&path))?;
                drop(out);
                rename(&path, "report.json")?;
                timer.lap("report.json");
                let embedded = match html {
                    Some((facts, docs)) => Some((facts.close()?, docs.close()?)),
                    None => None,
                };
                write_atomic(&dir.join("report.html"), |w| {
                    html::render(w, a, t, limits, embedded.as_ref())
                })?;
                timer.lap("report.html");
                if let Some((facts, docs)) = &embedded {
                    for p in [facts, docs] {
                        std::fs::remove_file(p).map_err(io_err(p))?;
                    }
                }
                Ok::<(), ReportError>(())
            })();
            let book = match book.map(|h| h.join()) {
                Some(Ok(r)) => r.map(|_| ()),
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => Ok(()),
            };
            rest.and(book)
        })?;
        written.extend(
            FILES
                .iter()
                .filter(|&&n| workbook || n != WORKBOOK)
                .map(|n| dir.join(n)),
        );
        Ok(written)
    }
}

impl Sink for ReportFiles {
    type Error = ReportError;

    fn batch(&mut self, docs: &[DocExtraction]) -> Result<(), ReportError> {
        let figs: Vec<&Figure> = docs
            .iter()
            .flat_map(|d| d.figures.iter())
            .filter(|f| f.role == Role::Figure)
            .collect();
        let part = self.dir.join(FACTS_CSV_PART);
        self.facts_csv
            .write(&mut facts_frame(&figs)?)
            .map_err(frame_err(&part))?;
        // The facts of report.json and report.html, serialised per
        // document in parallel, appended in corpus order.
        let embed = self.html.is_some();
        let chunks: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = docs
            .par_iter()
            .map(|d| -> std::io::Result<_> {
                let facts = d.figures.iter().filter(|f| f.role == Role::Figure);
                let mut out = Vec::new();
                json::each(&mut out, facts.map(json::FactOut::of), |w, f| {
                    json::to_writer(w, &f, false)
                })?;
                let (hf, hd) = if embed {
                    (html::doc_facts(d)?, html::doc_text(d)?)
                } else {
                    (Vec::new(), Vec::new())
                };
                Ok((out, hf, hd))
            })
            .collect::<Result<_, _>>()
            .map_err(io_err(&self.dir))?;
        for (out, hf, hd) in chunks {
            self.json.append(&out)?;
            if let Some((facts, texts)) = self.html.as_mut() {
                facts.append(&hf)?;
                texts.append(&hd)?;
            }
        }
        Ok(())
    }
}
