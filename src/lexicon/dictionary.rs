//! Dictionary: takes data/metrics.toml, gives the metrics and one
//! automaton over all their phrases; an id defined twice or a metric
//! without phrases is an error naming the file.

use super::{parse_toml, DataError};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

/// One dictionary entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub category: String,
    pub unit: String,
    pub phrases: Vec<String>,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub not: Vec<String>,
    /// Always a level: stock words do not make a `_total` variant.
    #[serde(default)]
    pub level: bool,
    /// Which way is better: a target for a lower-is-better metric
    /// (失业率, 能耗) is met from below.
    #[serde(default)]
    pub better: Better,
    /// Targets are ceilings (居民消费价格涨幅3%左右): met at or below,
    /// though lower is not better.
    #[serde(default)]
    pub ceiling: bool,
    /// One of the main indicators a work report sets (主要预期目标): a
    /// missed target is what an auditor must see first.
    #[serde(default)]
    pub headline: bool,
}

/// Which way a metric is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    #[default]
    Higher,
    Lower,
    Neither,
}

/// A variant of a metric (`[variants]`): what its id and labels gain.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub id: String,
    pub zh: String,
    pub en: String,
}

/// The variants a figure of a metric may be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variants {
    /// The stock of a flow metric (累计, 总量).
    pub total: Variant,
    /// The whole period's change, not a yearly rate.
    pub cumulative: Variant,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsFile {
    variants: Variants,
    metric: Vec<Metric>,
}

/// The metrics and their phrases, compiled.
pub(super) struct Dictionary {
    pub metrics: Vec<Metric>,
    pub variants: Variants,
    /// All metric phrases; pattern i names `phrase_metric[i]`.
    pub phrases: AhoCorasick,
    pub phrase_metric: Vec<usize>,
    pub phrase_len: Vec<usize>,
}

impl Dictionary {
    pub fn defines(&self, id: &str) -> bool {
        self.metrics.iter().any(|m| m.id == id)
    }
}

pub(super) fn load(path: &Path, raw: &str) -> Result<Dictionary, DataError> {
    let file: MetricsFile = parse_toml(path, raw)?;
    let invalid = |msg: String| DataError::invalid(path, raw, msg);
    let mut seen = HashSet::new();
    for metric in &file.metric {
        if !seen.insert(metric.id.as_str()) {
            return Err(invalid(format!(
                "metric id \"{}\" is defined twice",
                metric.id
            )));
        }
        if metric.phrases.iter().any(|p| p.is_empty()) || metric.phrases.is_empty() {
            return Err(invalid(format!(
                "metric \"{}\" needs non-empty phrases",
                metric.id
            )));
        }
    }
    let mut phrase_list = Vec::new();
    let mut phrase_metric = Vec::new();
    let mut phrase_len = Vec::new();
    for (i, metric) in file.metric.iter().enumerate() {
        for p in &metric.phrases {
            phrase_list.push(p.clone());
            phrase_metric.push(i);
            phrase_len.push(p.chars().count());
        }
    }
    let phrases = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(&phrase_list)
        .map_err(|e| invalid(e.to_string()))?;
    Ok(Dictionary {
        metrics: file.metric,
        variants: file.variants,
        phrases,
        phrase_metric,
        phrase_len,
    })
}
