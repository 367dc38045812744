//! `yoy text FILE`: prints the text yoy makes of a document (a PDF's pages
//! with their form feeds, a DOCX with its list numbers, a spreadsheet's
//! rows, a web page's body), the text every `start`/`end` and quote of
//! that document refers to.

use super::AppError;
use std::path::PathBuf;
use yoy::corpus::CorpusError;

#[derive(clap::Args)]
pub struct Args {
    /// The document file.
    file: PathBuf,
}

pub fn run(a: Args) -> Result<u8, AppError> {
    match std::fs::metadata(&a.file) {
        Ok(m) if m.is_file() => {}
        // A FIFO or device is never opened: reading one could block.
        Ok(_) => return Err(CorpusError::NotRegular { path: a.file }.into()),
        Err(_) => return Err(CorpusError::Missing { path: a.file }.into()),
    }
    let raw = std::fs::read(&a.file).map_err(|e| CorpusError::Io {
        path: a.file.clone(),
        source: e,
    })?;
    let text = yoy::read::read(&a.file, &raw).map_err(CorpusError::from)?;
    super::emit_data(&text.text)?;
    Ok(0)
}
