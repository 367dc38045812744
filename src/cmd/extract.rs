//! `yoy extract`: the facts table. Documents are read and extracted in
//! batches (`corpus::BATCH_BYTES`), each written as it is done, so memory
//! stays bounded whatever the corpus size.

use super::{input_paths, AppError};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use yoy::corpus;
use yoy::extract::{extract_all, Figure};
use yoy::figures::Role;
use yoy::frame::{facts_frame, Format, PartWriter};
use yoy::lexicon::Lexicon;

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
    let (sources, mut skipped) = corpus::list(&input_paths(&a.paths), a.strict)?;
    for s in &skipped {
        eprintln!("yoy: skipped: {}", s.error);
    }
    let mut sink: Option<PartWriter<Box<dyn Write>>> = if a.partition {
        None
    } else {
        let w: Box<dyn Write> = match &a.out {
            Some(p) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(p).map_err(write_err(p))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        Some(PartWriter::new(a.format, a.excel, w))
    };
    for (n, batch) in corpus::batches(&sources, corpus::BATCH_BYTES)
        .into_iter()
        .enumerate()
    {
        let docs = corpus::read_batch(batch, a.strict, &mut skipped)?;
        let ex = extract_all(docs, &lx);
        let figs: Vec<&Figure> = ex
            .iter()
            .flat_map(|d| d.figures.iter())
            .filter(|f| a.all || f.role == Role::Figure)
            .collect();
        match (&mut sink, &a.out) {
            (Some(w), _) => w.write(&mut facts_frame(&figs)?)?,
            (None, Some(dir)) => write_partitions(dir, n, &figs)?,
            (None, None) => unreachable!("checked above"),
        }
    }
    if let Some(w) = sink {
        w.finish()?;
    }
    Ok(0)
}

/// Writes one batch's figures as region=…/year=…/part-N.parquet.
fn write_partitions(dir: &Path, batch: usize, figs: &[&Figure]) -> Result<(), AppError> {
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
    for ((region, year), fs) in groups {
        let d = dir
            .join(format!("region={region}"))
            .join(format!("year={year}"));
        std::fs::create_dir_all(&d).map_err(write_err(&d))?;
        let p = d.join(format!("part-{batch:05}.parquet"));
        let file = std::fs::File::create(&p).map_err(write_err(&p))?;
        let mut w = PartWriter::new(Format::Parquet, false, std::io::BufWriter::new(file));
        w.write(&mut facts_frame(&fs)?)?;
        w.finish()?;
    }
    Ok(())
}
