//! Baseline: takes a previous findings.csv, gives the set of finding ids it
//! holds, so that a later run tells the findings already known from the new
//! ones (the way linters keep a baseline). A finding's id comes from its
//! kind, key and evidence text (`Finding::id`), never from offsets or line
//! numbers, so moving a paragraph keeps it known.

use crate::findings::Finding;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum BaselineError {
    #[error("{path}: cannot read the baseline: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a findings.csv of yoy report (no \"id\" column in its header)")]
    NoIdColumn { path: PathBuf },
    #[error("{path}: line {line}: {message}")]
    Csv {
        path: PathBuf,
        line: u64,
        message: String,
    },
}

/// Whether a finding was in the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Known,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Known => "known",
        }
    }
}

/// The finding ids of a previous run.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    ids: BTreeSet<String>,
}

impl Baseline {
    /// Reads the `id` column of a findings.csv (with or without its BOM).
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let bytes = std::fs::read(path).map_err(|e| BaselineError::Io {
            path: path.to_path_buf(),
            source: e,
        })?;
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(body);
        let csv_err = |e: csv::Error| BaselineError::Csv {
            path: path.to_path_buf(),
            line: e.position().map(|p| p.line()).unwrap_or(1),
            message: e.to_string(),
        };
        let header = r.headers().map_err(csv_err)?.clone();
        let col = header
            .iter()
            .position(|h| h.trim() == "id")
            .ok_or_else(|| BaselineError::NoIdColumn {
                path: path.to_path_buf(),
            })?;
        let mut ids = BTreeSet::new();
        for rec in r.records() {
            let rec = rec.map_err(csv_err)?;
            if let Some(id) = rec.get(col).map(str::trim).filter(|s| !s.is_empty()) {
                ids.insert(id.to_string());
            }
        }
        Ok(Baseline { ids })
    }

    /// New or known.
    pub fn status(&self, f: &Finding) -> Status {
        if self.ids.contains(&f.id()) {
            Status::Known
        } else {
            Status::New
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
