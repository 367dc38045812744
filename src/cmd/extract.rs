//! `yoy extract`: the facts table.

use super::{load_and_extract, AppError};
use std::path::{Path, PathBuf};
use yoy::figures::Role;
use yoy::frame::{facts_frame, write_frame, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (a folder's manifest.toml is used when present).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Write here instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
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

pub fn run(a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    let (_lx, ex, _corpus) = load_and_extract(&a.paths, data, a.strict)?;
    let figs: Vec<_> = ex
        .iter()
        .flat_map(|d| d.figures.iter())
        .filter(|f| a.all || f.role == Role::Figure)
        .collect();
    let mut df = facts_frame(&figs)?;
    match &a.out {
        Some(p) => {
            let file = std::fs::File::create(p).map_err(|e| AppError::Write {
                path: p.display().to_string(),
                source: e,
            })?;
            write_frame(&mut df, a.format, a.excel, std::io::BufWriter::new(file))?;
        }
        None => {
            if a.format == Format::Parquet {
                return Err(AppError::Usage("parquet output needs --out FILE".into()));
            }
            let stdout = std::io::stdout();
            write_frame(&mut df, a.format, a.excel, stdout.lock())?;
        }
    }
    Ok(0)
}
