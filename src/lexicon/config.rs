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
    /// A number whose value (in base units) reaches this, or is not finite,
    /// is no figure (a run of digits no document means as an amount).
    #[serde(default = "default_largest_figure")]
    pub largest_figure: f64,
}

fn default_largest_figure() -> f64 {
    1e24
}

/// What a threshold may be: a finite number at least `min` (and, when
/// given, at most `max`), with `min` itself allowed or not.
struct Range {
    min: f64,
    min_allowed: bool,
    max: Option<f64>,
    what: &'static str,
}

impl Range {
    fn holds(&self, v: f64) -> bool {
        v.is_finite()
            && (v > self.min || (self.min_allowed && v == self.min))
            && self.max.is_none_or(|m| v <= m)
    }
}

const FACTOR: Range = Range {
    min: 1.0,
    min_allowed: false,
    max: None,
    what: "a factor greater than 1",
};
const NON_NEGATIVE: Range = Range {
    min: 0.0,
    min_allowed: true,
    max: None,
    what: "a number of zero or more",
};
const POSITIVE: Range = Range {
    min: 0.0,
    min_allowed: false,
    max: None,
    what: "a number greater than 0",
};
const SHARE: Range = Range {
    min: 0.0,
    min_allowed: false,
    max: Some(1.0),
    what: "a number greater than 0 and at most 1",
};
const TOLERANCE: Range = Range {
    min: 0.0,
    min_allowed: true,
    max: Some(1.0),
    what: "a fraction from 0 to 1",
};
const COUNT: Range = Range {
    min: 1.0,
    min_allowed: true,
    max: None,
    what: "a whole number of 1 or more",
};

impl Config {
    /// Checks every threshold: the first that is out of its range, as its
    /// key and what it must be. Run on data/config.toml at load and again
    /// after the command line's flags are applied.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        let values: [(&'static str, f64, &Range); 12] = [
            ("outlier_factor", self.outlier_factor, &FACTOR),
            ("ratio_outlier_factor", self.ratio_outlier_factor, &FACTOR),
            (
                "near_duplicate_similarity",
                self.near_duplicate_similarity,
                &SHARE,
            ),
            (
                "duplicate_min_chars",
                self.duplicate_min_chars as f64,
                &COUNT,
            ),
            ("approx_tolerance", self.approx_tolerance, &TOLERANCE),
            ("approx_band_points", self.approx_band_points, &NON_NEGATIVE),
            ("approx_band_pct", self.approx_band_pct, &NON_NEGATIVE),
            ("list_limit", self.list_limit as f64, &COUNT),
            ("embed_limit_mb", self.embed_limit_mb, &NON_NEGATIVE),
            ("findings_in_memory", self.findings_in_memory as f64, &COUNT),
            (
                "verify_rounding_digits",
                self.verify_rounding_digits as f64,
                &COUNT,
            ),
            ("largest_figure", self.largest_figure, &POSITIVE),
        ];
        for (name, v, range) in values {
            if !range.holds(v) {
                return Err((name, format!("must be {}, not {v}", range.what)));
            }
        }
        Ok(())
    }
}

/// Line of a top-level `key = …` in a TOML text (0 when absent: the key
/// took its default).
fn key_line(raw: &str, key: &str) -> usize {
    raw.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(0, |p| p + 1)
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
    config.check().map_err(|(name, msg)| DataError::Parse {
        path: path.to_path_buf(),
        line: key_line(raw, name),
        msg: format!("{name} {msg}"),
    })?;
    // A ratio check names dictionary metrics: a typo would silently check
    // nothing.
    for rc in &config.ratio {
        for id in std::iter::once(&rc.numerator).chain(&rc.denominator) {
            if !dict.defines(id) {
                return Err(DataError::invalid(
                    path,
                    raw,
                    format!(
                        "metric \"{id}\" in ratio \"{}\" is not defined in data/metrics.toml",
                        rc.name
                    ),
                ));
            }
        }
    }
    Ok(config)
}
