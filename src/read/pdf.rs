//! PDF: takes a PDF file, gives the text of its pages in reading order,
//! each page ended by a form feed, as Poppler's `pdftotext` writes it.
//!
//! pdftotext (Debian `poppler-utils`, with `poppler-data` for the CID
//! fonts official typesetting uses without embedding them: UniGB-UCS2-H,
//! GBK-EUC-H…) is run as an external program, as ripgrep-all does. It runs
//! in its default mode, not `-layout`: that follows the text flow, so a
//! Chinese paragraph comes out as consecutive lines rather than columns
//! padded with spaces. Running headers, page numbers and broken lines are
//! repaired in the text stage (`text::normalize`), with offsets kept.
//! `YOY_PDFTOTEXT` names another pdftotext binary.

use super::{ReadError, Text};
use std::path::Path;
use std::process::Command;

/// Reads a PDF through pdftotext.
pub fn read(path: &Path, _raw: &[u8]) -> Result<Text, ReadError> {
    let program = std::env::var_os("YOY_PDFTOTEXT").unwrap_or_else(|| "pdftotext".into());
    let out = Command::new(&program)
        .args(["-q", "-enc", "UTF-8", "-eol", "unix"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NoPdfReader {
                path: path.to_path_buf(),
            },
            _ => ReadError::Pdf {
                path: path.to_path_buf(),
                msg: e.to_string(),
            },
        })?;
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(ReadError::Pdf {
            path: path.to_path_buf(),
            msg: match (msg.is_empty(), out.status.code()) {
                (false, _) => msg,
                (true, Some(1)) => "cannot open or parse the file (damaged PDF?)".into(),
                (true, Some(3)) => "copying text is not permitted by the file".into(),
                (true, c) => format!("exit status {c:?}"),
            },
        });
    }
    let text = String::from_utf8(out.stdout).map_err(|_| ReadError::Pdf {
        path: path.to_path_buf(),
        msg: "output is not UTF-8".into(),
    })?;
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err(ReadError::Scanned {
            path: path.to_path_buf(),
        });
    }
    Ok(Text {
        text,
        encoding: "PDF",
    })
}
