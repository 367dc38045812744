//! Lexicon: takes the tables in data/ (units, cue words, metric dictionary,
//! thresholds), gives them typed and compiled into automata.
//!
//! The tables are built into the binary, so yoy runs from anywhere; a
//! planner can point `--data DIR` at edited copies.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum DataError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    #[error("{path}: {msg}")]
    Invalid { path: PathBuf, msg: String },
}

/// What a unit makes of the number before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Counter,
    Measure,
    Ordinal,
    Class,
    Code,
    Date,
    Condition,
    Grouping,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: String,
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default = "one")]
    pub factor: f64,
    pub kind: UnitKind,
    #[serde(default)]
    pub group: Option<String>,
}

fn one() -> f64 {
    1.0
}

impl Unit {
    pub fn base(&self) -> &str {
        self.base.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    unit: Vec<Unit>,
}

/// How a qualifier bounds the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Eq,
    Ge,
    Gt,
    Approx,
    Le,
    Lt,
    Range,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Eq => "eq",
            Qualifier::Ge => "ge",
            Qualifier::Gt => "gt",
            Qualifier::Approx => "approx",
            Qualifier::Le => "le",
            Qualifier::Lt => "lt",
            Qualifier::Range => "range",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualWord {
    pub word: String,
    pub q: Qualifier,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifierTable {
    prefix: Vec<QualWord>,
    infix: Vec<QualWord>,
    suffix: Vec<QualWord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordList {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeTable {
    separators: Vec<String>,
    #[serde(default)]
    bound_joiners: Vec<String>,
    #[serde(default)]
    between_joiners: Vec<String>,
    #[serde(default)]
    between_closers: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Comparative {
    before: Vec<String>,
    after: Vec<QualWord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FromTo {
    from: Vec<String>,
    to: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeCues {
    pub review: Vec<String>,
    pub plan: Vec<String>,
    pub future: Vec<String>,
    pub past: Vec<String>,
    pub plan_openers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Codes {
    max_quoted_chars: usize,
    area_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionTable {
    words: Vec<String>,
    measured_by: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vague {
    one_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CuesFile {
    qualifier: QualifierTable,
    range: RangeTable,
    from_to: FromTo,
    distributive: WordList,
    time: TimeCues,
    codes: Codes,
    vague: Vague,
    #[serde(default)]
    comparative: Comparative,
    condition: ConditionTable,
    stock: WordList,
    strip: WordList,
}

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsFile {
    metric: Vec<Metric>,
}

/// Thresholds for findings, and how much the readable reports show.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub outlier_factor: f64,
    pub ratio_outlier_factor: f64,
    pub near_duplicate_similarity: f64,
    pub duplicate_min_chars: usize,
    pub approx_tolerance: f64,
    #[serde(default)]
    pub ratio: Vec<RatioCheck>,
    pub auto_metric_severity: String,
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

/// A per-unit ratio to compare across years.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioCheck {
    pub name: String,
    pub numerator: String,
    pub denominator: Vec<String>,
}

/// An anchored longest-match word table: what word starts here?
pub struct WordTable<T> {
    ac: AhoCorasick,
    values: Vec<T>,
    words: Vec<String>,
}

impl<T> WordTable<T> {
    fn new(pairs: Vec<(String, T)>) -> Result<Self, String> {
        let words: Vec<String> = pairs.iter().map(|(w, _)| w.clone()).collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(&words)
            .map_err(|e| e.to_string())?;
        Ok(WordTable {
            ac,
            values: pairs.into_iter().map(|(_, v)| v).collect(),
            words,
        })
    }

    /// The longest word that starts exactly at `text[pos..]`.
    pub fn at(&self, text: &str, pos: usize) -> Option<(&T, usize)> {
        let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
        let m = self.ac.find(input)?;
        Some((&self.values[m.pattern().as_usize()], m.len()))
    }

    /// The longest word that ends exactly at `pos` (looks back up to 8
    /// characters).
    pub fn ending_at(&self, text: &str, pos: usize) -> Option<(&T, usize)> {
        let mut best: Option<(&T, usize)> = None;
        let mut start = pos;
        for _ in 0..8 {
            let Some(c) = text[..start].chars().next_back() else {
                break;
            };
            start -= c.len_utf8();
            if let Some((v, len)) = self.at(text, start) {
                if start + len == pos {
                    best = Some((v, len));
                }
            }
        }
        best
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// True when any word occurs in `text`.
    pub fn any_in(&self, text: &str) -> bool {
        self.ac.is_match(Input::new(text).anchored(Anchored::No))
    }
}

/// Everything the pipeline reads from data/.
pub struct Lexicon {
    pub units: WordTable<Unit>,
    pub prefix_q: WordTable<Qualifier>,
    pub infix_q: WordTable<Qualifier>,
    pub suffix_q: WordTable<Qualifier>,
    pub range_sep: WordTable<()>,
    /// Words that may stand between a lower and an upper bound of one
    /// quantity (大于10并且小于20, 5%以上、8%以下).
    pub bound_joiners: Vec<String>,
    /// 在20和30之间: the words between the two ends, and after them.
    pub between_joiners: Vec<String>,
    pub between_closers: Vec<String>,
    /// 比三十大, 比170低: the word before a number and the words after it
    /// that bound it.
    pub comparative_before: Vec<String>,
    pub comparative_after: WordTable<Qualifier>,
    pub from_words: WordTable<()>,
    pub to_words: WordTable<()>,
    pub distributive: Vec<String>,
    pub time: TimeCues,
    pub review_cues: WordTable<()>,
    pub plan_cues: WordTable<()>,
    pub max_quoted_chars: usize,
    /// Words that make a time span name an area (15分钟生活圈).
    pub area_words: Vec<String>,
    pub vague_one: WordTable<()>,
    /// Verbs and fillers dropped from auto: keys, compiled (longest first).
    pub strip: AhoCorasick,
    pub stock: WordTable<()>,
    /// Nouns that make "N以上" a group condition (5000万元以上项目).
    pub condition_nouns: WordTable<()>,
    /// Words before an age (岁) that make it a quantity, not a group.
    pub condition_measured_by: Vec<String>,
    pub metrics: Vec<Metric>,
    /// All metric phrases; pattern i names `phrase_metric[i]`.
    pub phrases: AhoCorasick,
    pub phrase_metric: Vec<usize>,
    pub phrase_len: Vec<usize>,
    pub config: Config,
    /// (base unit, group) for units that have a group.
    pub unit_groups: Vec<(String, String)>,
    /// The numeral vocabulary (data/numerals.toml).
    pub numerals: crate::numbers::Numerals,
    /// The unit a fraction takes when none follows it (1/3 → 比例).
    pub fraction_unit: Unit,
}

const UNITS: &str = include_str!("../data/units.toml");
const CUES: &str = include_str!("../data/cues.toml");
const METRICS: &str = include_str!("../data/metrics.toml");
const CONFIG: &str = include_str!("../data/config.toml");
const NUMERALS: &str = crate::numbers::NUMERALS;

fn parse<T: for<'de> Deserialize<'de>>(path: &Path, raw: &str) -> Result<T, DataError> {
    toml::from_str(raw).map_err(|e| DataError::Parse {
        path: path.to_path_buf(),
        line: e
            .span()
            .map(|s| raw[..s.start.min(raw.len())].matches('\n').count() + 1)
            .unwrap_or(0),
        msg: e.message().to_string(),
    })
}

fn read_or(dir: Option<&Path>, name: &str, builtin: &str) -> Result<(PathBuf, String), DataError> {
    match dir {
        Some(d) => {
            let p = d.join(name);
            if p.is_file() {
                let s = std::fs::read_to_string(&p).map_err(|e| DataError::Io {
                    path: p.clone(),
                    source: e,
                })?;
                Ok((p, s))
            } else {
                Ok((PathBuf::from(format!("data/{name}")), builtin.to_string()))
            }
        }
        None => Ok((PathBuf::from(format!("data/{name}")), builtin.to_string())),
    }
}

fn words(list: &[String]) -> Vec<(String, ())> {
    list.iter().map(|w| (w.clone(), ())).collect()
}

impl Lexicon {
    /// Loads the built-in tables, or those in `dir` where it has them.
    pub fn load(dir: Option<&Path>) -> Result<Lexicon, DataError> {
        let (up, u) = read_or(dir, "units.toml", UNITS)?;
        let (cp, c) = read_or(dir, "cues.toml", CUES)?;
        let (mp, m) = read_or(dir, "metrics.toml", METRICS)?;
        let (fp, f) = read_or(dir, "config.toml", CONFIG)?;
        let (np, n) = read_or(dir, "numerals.toml", NUMERALS)?;
        let units: UnitsFile = parse(&up, &u)?;
        let cues: CuesFile = parse(&cp, &c)?;
        let metrics: MetricsFile = parse(&mp, &m)?;
        let config: Config = parse(&fp, &f)?;
        let numerals: crate::numbers::NumeralsFile = parse(&np, &n)?;
        let invalid = |p: &Path, msg: String| DataError::Invalid {
            path: p.to_path_buf(),
            msg,
        };
        let numerals = crate::numbers::Numerals::new(numerals).map_err(|e| invalid(&np, e))?;
        let fraction_unit = units
            .unit
            .iter()
            .find(|u| u.base() == numerals.fraction_unit)
            .cloned()
            .unwrap_or_else(|| Unit {
                name: numerals.fraction_unit.clone(),
                base: None,
                factor: 1.0,
                kind: UnitKind::Measure,
                group: None,
            });

        let mut seen = std::collections::HashSet::new();
        for metric in &metrics.metric {
            if !seen.insert(metric.id.clone()) {
                return Err(invalid(
                    &mp,
                    format!("metric id \"{}\" is defined twice", metric.id),
                ));
            }
            if metric.phrases.iter().any(|p| p.is_empty()) || metric.phrases.is_empty() {
                return Err(invalid(
                    &mp,
                    format!("metric \"{}\" needs non-empty phrases", metric.id),
                ));
            }
        }
        let mut phrase_list = Vec::new();
        let mut phrase_metric = Vec::new();
        let mut phrase_len = Vec::new();
        for (i, metric) in metrics.metric.iter().enumerate() {
            for p in &metric.phrases {
                phrase_list.push(p.clone());
                phrase_metric.push(i);
                phrase_len.push(p.chars().count());
            }
        }
        let phrases = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&phrase_list)
            .map_err(|e| invalid(&mp, e.to_string()))?;

        let qt = |list: &[QualWord]| {
            list.iter()
                .map(|w| (w.word.clone(), w.q))
                .collect::<Vec<_>>()
        };
        let table = |p: &Path, pairs| WordTable::new(pairs).map_err(|e| invalid(p, e));
        let unit_groups = units
            .unit
            .iter()
            .filter_map(|u| u.group.clone().map(|g| (u.base().to_string(), g)))
            .collect();
        Ok(Lexicon {
            unit_groups,
            units: WordTable::new(
                units
                    .unit
                    .iter()
                    .map(|u| (u.name.clone(), u.clone()))
                    .collect(),
            )
            .map_err(|e| invalid(&up, e))?,
            prefix_q: table(&cp, qt(&cues.qualifier.prefix))?,
            infix_q: table(&cp, qt(&cues.qualifier.infix))?,
            suffix_q: table(&cp, qt(&cues.qualifier.suffix))?,
            bound_joiners: cues.range.bound_joiners.clone(),
            between_joiners: cues.range.between_joiners.clone(),
            between_closers: cues.range.between_closers.clone(),
            comparative_before: cues.comparative.before.clone(),
            comparative_after: table(&cp, qt(&cues.comparative.after))?,
            range_sep: WordTable::new(words(&cues.range.separators))
                .map_err(|e| invalid(&cp, e))?,
            from_words: WordTable::new(words(&cues.from_to.from)).map_err(|e| invalid(&cp, e))?,
            to_words: WordTable::new(words(&cues.from_to.to)).map_err(|e| invalid(&cp, e))?,
            distributive: cues.distributive.words,
            review_cues: WordTable::new(words(&cues.time.review)).map_err(|e| invalid(&cp, e))?,
            plan_cues: WordTable::new(words(&cues.time.plan)).map_err(|e| invalid(&cp, e))?,
            time: cues.time,
            max_quoted_chars: cues.codes.max_quoted_chars,
            area_words: cues.codes.area_words,
            vague_one: WordTable::new(words(&cues.vague.one_words)).map_err(|e| invalid(&cp, e))?,
            strip: AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&cues.strip.words)
                .map_err(|e| invalid(&cp, e.to_string()))?,
            stock: WordTable::new(words(&cues.stock.words)).map_err(|e| invalid(&cp, e))?,
            condition_nouns: WordTable::new(words(&cues.condition.words))
                .map_err(|e| invalid(&cp, e))?,
            condition_measured_by: cues.condition.measured_by,
            metrics: metrics.metric,
            phrases,
            phrase_metric,
            phrase_len,
            config,
            numerals,
            fraction_unit,
        })
    }

    /// True when a figure in unit `figure_unit` can belong to a metric
    /// counted in `metric_unit`: the same base unit, or counters of one
    /// group (个 and 处).
    pub fn units_compatible(&self, metric_unit: &str, figure_unit: &str) -> bool {
        if metric_unit == figure_unit {
            return true;
        }
        let group = |u: &str| {
            self.unit_groups
                .iter()
                .find(|(n, _)| n == u)
                .map(|(_, g)| g.as_str())
        };
        matches!((group(metric_unit), group(figure_unit)), (Some(a), Some(b)) if a == b)
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_load() {
        let lx = Lexicon::load(None).unwrap();
        assert!(lx.metrics.len() > 50);
        let (u, len) = lx.units.at("万人以上", "万".len()).unwrap();
        assert_eq!((u.name.as_str(), len), ("人", 3));
        let (u, _) = lx.units.at("平方米以上", 0).unwrap();
        assert_eq!(u.name, "平方米");
        let (q, _) = lx.suffix_q.at("以上,", 0).unwrap();
        assert_eq!(*q, Qualifier::Ge);
        let (q, _) = lx
            .prefix_q
            .ending_at("创业带动就业不少于", "创业带动就业不少于".len())
            .unwrap();
        assert_eq!(*q, Qualifier::Ge);
    }

    /// A planner's edit must not make two metrics indistinguishable: a
    /// phrase shared by two metrics needs different units or cue words, and
    /// every metric's unit must be one the units table knows.
    #[test]
    fn dictionary_is_unambiguous() {
        let lx = Lexicon::load(None).unwrap();
        let bases: std::collections::HashSet<String> = lx
            .units
            .values
            .iter()
            .map(|u| u.base().to_string())
            .collect();
        for m in &lx.metrics {
            assert!(bases.contains(&m.unit), "{}: unknown unit {}", m.id, m.unit);
        }
        for (i, a) in lx.metrics.iter().enumerate() {
            for b in &lx.metrics[i + 1..] {
                let shared: Vec<&String> =
                    a.phrases.iter().filter(|p| b.phrases.contains(p)).collect();
                if shared.is_empty() {
                    continue;
                }
                let told_apart =
                    !lx.units_compatible(&a.unit, &b.unit) || a.cues != b.cues || a.not != b.not;
                assert!(
                    told_apart,
                    "{} and {} share {:?} with nothing to tell them apart",
                    a.id, b.id, shared
                );
            }
        }
    }

    #[test]
    fn bad_numeral_table_names_the_file() {
        let dir = std::env::temp_dir().join(format!("yoy-num-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // 两 listed as a digit and as a place.
        let bad = crate::numbers::NUMERALS.replace(
            "{ chars = \"十拾\", value = 10 }",
            "{ chars = \"十拾两\", value = 10 }",
        );
        std::fs::write(dir.join("numerals.toml"), bad).unwrap();
        let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
        assert!(
            err.contains("numerals.toml") && err.contains("listed twice"),
            "{err}"
        );
        std::fs::write(dir.join("numerals.toml"), "digits = 3\n").unwrap();
        let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
        assert!(err.contains("numerals.toml:1"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn bad_table_names_file_and_line() {
        let dir = std::env::temp_dir().join(format!("yoy-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("metrics.toml"), "[[metric]]\nid = \"x\"\nzh = 3\n").unwrap();
        let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
        assert!(err.contains("metrics.toml:3"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
