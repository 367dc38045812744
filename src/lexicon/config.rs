//! Config: takes data/config.toml, gives the thresholds, the ratio checks
//! and the report limits, checked against the dictionary (a ratio naming
//! an unknown metric, or an unknown severity, is an error naming the
//! file).

use super::dictionary::Dictionary;
use super::{parse_toml, DataError};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Thresholds for findings, and how much the readable reports show.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub outlier_factor: f64,
    pub ratio_outlier_factor: f64,
    pub near_duplicate_similarity: f64,
    pub duplicate_min_chars: usize,
    pub approx_tolerance: f64,
    /// A 左右 target is met within this many percentage points (rates).
    #[serde(default = "default_band_points")]
    pub approx_band_points: f64,
    /// A 左右 target is met within this share of the target, in per cent
    /// (quantities).
    #[serde(default = "default_band_pct")]
    pub approx_band_pct: f64,
    #[serde(default)]
    pub ratio: Vec<RatioCheck>,
    pub auto_metric_severity: Severity,
    /// report.md and report.html list at most this many documents, rows
    /// per comparison, findings per kind and severity, and metric charts.
    #[serde(default = "default_list_limit")]
    pub list_limit: usize,
    /// report.html embeds the documents' text when the corpus is at most
    /// this many MB.
    #[serde(default = "default_embed_limit_mb")]
    pub embed_limit_mb: f64,
    /// Findings held in memory before a sorted run is written to disk.
    #[serde(default = "default_findings_in_memory")]
    pub findings_in_memory: usize,
    /// `yoy verify`: a draft's number written with at least this many
    /// significant digits is read as rounded at its last digit.
    #[serde(default = "default_verify_rounding_digits")]
    pub verify_rounding_digits: usize,
}

fn default_verify_rounding_digits() -> usize {
    3
}

fn default_band_points() -> f64 {
    0.5
}

fn default_band_pct() -> f64 {
    5.0
}

fn default_findings_in_memory() -> usize {
    25_000
}

fn default_list_limit() -> usize {
    1000
}

fn default_embed_limit_mb() -> f64 {
    16.0
}

/// How much a finding matters: `error` is for what an auditor must look
/// at first. A config value (the cap on `auto:` metrics), so it is read
/// and checked with the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A per-unit ratio to compare across years.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioCheck {
    pub name: String,
    pub numerator: String,
    pub denominator: Vec<String>,
}

pub(super) fn load(path: &Path, raw: &str, dict: &Dictionary) -> Result<Config, DataError> {
    let config: Config = parse_toml(path, raw)?;
    for (name, v) in [
        ("approx_band_points", config.approx_band_points),
        ("approx_band_pct", config.approx_band_pct),
    ] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(DataError::Invalid {
                path: path.to_path_buf(),
                msg: format!("{name} must be a number of zero or more, not {v}"),
            });
        }
    }
    // A ratio check names dictionary metrics: a typo would silently check
    // nothing.
    for rc in &config.ratio {
        for id in std::iter::once(&rc.numerator).chain(&rc.denominator) {
            if !dict.defines(id) {
                return Err(DataError::Invalid {
                    path: path.to_path_buf(),
                    msg: format!(
                        "ratio \"{}\" names metric \"{id}\", which data/metrics.toml does not define",
                        rc.name
                    ),
                });
            }
        }
    }
    Ok(config)
}
