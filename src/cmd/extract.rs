//! `yoy extract`: the facts table. Documents are read and extracted in
//! batches (`corpus::BATCH_BYTES`), each written as it is done, so memory
//! stays bounded whatever the corpus size.

use super::{input_paths, AppError};
use polars::prelude::DataFrame;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use yoy::corpus;
use yoy::extract::{extract_all, Figure};
use yoy::figures::Role;
use yoy::frame::{facts_frame, Format, FrameError, PartWriter};
use yoy::lexicon::Lexicon;
use yoy::outdir::{self, OutFile, Staging};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (a folder's manifest.toml is used when present).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Write here instead of stdout (a folder with --partition).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// With --format parquet: write a folder partitioned by region and year
    /// (region=…/year=…/part-N.parquet), for corpora processed in shards.
    #[arg(long)]
    pub partition: bool,
    /// With --partition: replace an --out folder that yoy did not write.
    #[arg(long)]
    pub force: bool,
    /// Include non-figures (years, dates, ordinals, codes, ...).
    #[arg(long)]
    pub all: bool,
    /// Stop at the first file that cannot be read.
    #[arg(long)]
    pub strict: bool,
    /// Start CSV with a UTF-8 BOM so Excel shows the Chinese text.
    #[arg(long)]
    pub excel: bool,
}

fn write_err(p: &Path) -> impl Fn(std::io::Error) -> AppError + '_ {
    move |e| AppError::Write {
        path: p.display().to_string(),
        source: e,
    }
}

pub fn run(a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    if a.partition && (a.format != Format::Parquet || a.out.is_none()) {
        return Err(AppError::Usage(
            "--partition needs --format parquet and --out DIR".into(),
        ));
    }
    if a.format == Format::Parquet && a.out.is_none() {
        return Err(AppError::Usage("parquet output needs --out FILE".into()));
    }
    let lx = Lexicon::load(data)?;
    let inputs = input_paths(&a.paths);
    let (sources, mut skipped) = corpus::list(&inputs, a.strict)?;
    if let Some(out) = &a.out {
        // Never an input replaced by the table made of it.
        super::guard_output(out, &inputs, sources.iter().map(|s| s.path.as_path()))?;
    }
    // A partitioned set is a folder: written whole into a private folder
    // beside --out and swapped in (see `outdir`), so that no part of an
    // earlier run (a region or year this one lacks) stays mixed into it.
    let staging = match (&a.out, a.partition) {
        (Some(out), true) => {
            let s = Staging::begin(&outdir::resolve(out)?, a.force)?;
            let marker = s.dir().join(outdir::MARKER);
            std::fs::write(
                &marker,
                "Written by yoy extract --partition; yoy may overwrite this folder.\n",
            )
            .map_err(write_err(&marker))?;
            Some(s)
        }
        _ => None,
    };
    // `--out FILE` is written beside and put in place at the end.
    let mut out_file: Option<OutFile> = None;
    let mut sink: Option<PartWriter<Box<dyn Write>>> = if a.partition {
        None
    } else {
        let w: Box<dyn Write> = match &a.out {
            Some(p) => {
                let (out, f) = OutFile::create(p)?;
                out_file = Some(out);
                Box::new(std::io::BufWriter::new(f))
            }
            None => Box::new(std::io::BufWriter::new(super::data_stdout())),
        };
        Some(PartWriter::new(a.format, a.excel, w))
    };
    let out_name = a
        .out
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "<stdout>".into());
    let mut parts = Partitions::default();
    let mut progress = super::progress::Progress::new(sources.len(), "docs");
    let mut read = 0usize;
    for batch in corpus::batches(&sources, corpus::BATCH_BYTES) {
        progress.inc(0);
        let docs = corpus::read_batch(batch, a.strict, &mut skipped)?;
        read += docs.len();
        let ex = extract_all(docs, &lx);
        let figs: Vec<&Figure> = ex
            .iter()
            .flat_map(|d| d.figures.iter())
            .filter(|f| a.all || f.role == Role::Figure)
            .collect();
        match (&mut sink, &staging) {
            (Some(w), _) => w
                .write(&mut facts_frame(&figs)?)
                .map_err(super::frame_err(&out_name))?,
            (None, Some(s)) => {
                parts.add(&figs)?;
                parts.source_bytes += batch.iter().map(|src| src.size).sum::<u64>();
                if parts.source_bytes >= PARTITION_GROUP_BYTES {
                    parts.write(s.dir())?;
                }
            }
            (None, None) => unreachable!("checked above"),
        }
        progress.inc(batch.len());
    }
    progress.finish();
    // Nothing read is an error, and the old output stays.
    if read == 0 {
        return Err(AppError::NoDocuments {
            skipped: skipped.len(),
            kept: a
                .out
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        });
    }
    if let Some(w) = sink {
        w.finish().map_err(super::frame_err(&out_name))?;
    }
    if let Some(f) = out_file {
        f.commit()?;
    }
    if let Some(s) = staging {
        parts.write(s.dir())?;
        s.commit()?;
    }
    Ok(0)
}

/// Source bytes whose figures make one part file per partition: parts of a
/// useful size (not one tiny file per batch and partition), in bounded
/// memory (the figures wait as compact frames).
const PARTITION_GROUP_BYTES: u64 = 256 << 20;

/// Figures waiting to be written as region=…/year=…/part-N.parquet.
#[derive(Default)]
struct Partitions {
    frames: BTreeMap<(String, String), Vec<DataFrame>>,
    source_bytes: u64,
    /// Part files written so far per partition: the next part's number.
    group: usize,
}

impl Partitions {
    fn add(&mut self, figs: &[&Figure]) -> Result<(), AppError> {
        let mut groups: BTreeMap<(String, String), Vec<&Figure>> = BTreeMap::new();
        for f in figs {
            let year = f
                .year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "unknown".into());
            groups
                .entry((f.region.replace(['/', '\\'], "_"), year))
                .or_default()
                .push(f);
        }
        for (key, fs) in groups {
            self.frames.entry(key).or_default().push(facts_frame(&fs)?);
        }
        Ok(())
    }

    /// Writes one part per partition from what is waiting.
    fn write(&mut self, dir: &Path) -> Result<(), AppError> {
        for ((region, year), frames) in std::mem::take(&mut self.frames) {
            let d = dir
                .join(format!("region={region}"))
                .join(format!("year={year}"));
            std::fs::create_dir_all(&d).map_err(write_err(&d))?;
            let p = d.join(format!("part-{:05}.parquet", self.group));
            let file = std::fs::File::create(&p).map_err(write_err(&p))?;
            // One frame, one chunk: the part gets row groups of a useful
            // size rather than one per batch.
            let mut frames = frames.into_iter();
            let mut df = frames.next().unwrap_or_default();
            for f in frames {
                df.vstack_mut(&f).map_err(FrameError::from)?;
            }
            df.rechunk_mut();
            let mut w = PartWriter::new(Format::Parquet, false, std::io::BufWriter::new(file));
            w.write(&mut df)?;
            w.finish()?;
        }
        self.group += 1;
        self.source_bytes = 0;
        Ok(())
    }
}
