//! Lexicon: takes the tables in data/ — units (`units`), cue words
//! (`cues`), the metric dictionary (`dictionary`) and thresholds
//! (`config`) — gives them typed, checked and compiled into automata.
//!
//! The tables are built into the binary, so yoy runs from anywhere; a
//! planner can point `--data DIR` at edited copies.

mod config;
mod cues;
mod dictionary;
mod table;
mod units;

pub use crate::numbers::Qualifier;
pub use config::{Config, RatioCheck, Severity};
pub use cues::{LabelKind, Labels, PeriodCues, PlanName, QualWord, TimeCues};
pub use dictionary::{Better, Metric, Variant, Variants};
pub use table::WordTable;
pub use units::{Unit, UnitKind};

use crate::marks;
use aho_corasick::AhoCorasick;
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

impl DataError {
    /// A table that parses but says something wrong: placed at the line
    /// where the word the message quotes ("…") stands in `raw` (its last
    /// occurrence, so a name defined twice points at the second), or at
    /// the file alone when the word is not in it (a missing entry).
    pub(crate) fn invalid(path: &Path, raw: &str, msg: String) -> DataError {
        match quoted_line(raw, &msg) {
            Some(line) => DataError::Parse {
                path: path.to_path_buf(),
                line,
                msg,
            },
            None => DataError::Invalid {
                path: path.to_path_buf(),
                msg,
            },
        }
    }
}

/// Line of `raw` holding the first word `msg` quotes: as a quoted string,
/// as a bare word, or as `section.key` (a key under its `[section]`).
fn quoted_line(raw: &str, msg: &str) -> Option<usize> {
    let word = msg.split('"').nth(1).filter(|w| !w.is_empty())?;
    let pos = raw
        .rfind(&format!("\"{word}\""))
        .or_else(|| raw.rfind(word))
        .or_else(|| {
            let (section, key) = word.split_once('.')?;
            let head = raw.find(&format!("[{section}]"))?;
            let body_end = raw[head + 1..]
                .find("\n[")
                .map_or(raw.len(), |p| head + 1 + p);
            let at = raw[head..body_end]
                .match_indices(key)
                .map(|(p, _)| head + p)
                .find(|&p| {
                    raw[..p].ends_with('\n') && raw[p + key.len()..].trim_start().starts_with('=')
                })?;
            Some(at)
        })?;
    Some(raw[..pos].matches('\n').count() + 1)
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
    /// Between the items of a distributive list: 、 first, then 和, 及.
    pub list_joiners: Vec<String>,
    pub time: TimeCues,
    pub review_cues: WordTable<()>,
    pub plan_cues: WordTable<()>,
    pub max_quoted_chars: usize,
    /// Words that make a time span name an area (15分钟生活圈).
    pub area_time_units: Vec<String>,
    pub area_words: Vec<String>,
    pub vague_one: WordTable<()>,
    /// Verbs and fillers dropped from auto: keys, compiled (longest first).
    pub strip: AhoCorasick,
    pub stock: WordTable<()>,
    /// Nouns that make "N以上" a group condition (5000万元以上项目).
    pub condition_nouns: WordTable<()>,
    /// Words before an age (岁) that make it a quantity, not a group.
    pub condition_measured_by: Vec<String>,
    /// Per unit group, the nouns its counters count (名 counts 人员).
    pub counted_nouns: Vec<(String, Vec<String>)>,
    /// What tells a period from a year.
    pub periods: PeriodCues,
    /// Words of a change stated right after a level (、增长5.1%).
    pub change_words: Vec<String>,
    /// Head words that name no indicator alone (总产量).
    pub generic_heads: Vec<String>,
    /// Numbers that label rather than count.
    pub labels: Labels,
    pub metrics: Vec<Metric>,
    /// The stock and whole-period variants of a metric (data/metrics.toml).
    pub metric_variants: Variants,
    /// All metric phrases; pattern i names `phrase_metric[i]`.
    pub phrases: AhoCorasick,
    pub phrase_metric: Vec<usize>,
    pub phrase_len: Vec<usize>,
    pub config: Config,
    /// (base unit, group) for units that have a group.
    pub unit_groups: Vec<(String, String)>,
    /// Base units that are rates (%, 百分点).
    pub rate_units: Vec<String>,
    /// (base unit, group, size in the group's reference unit): 斤 is 0.5
    /// kilogram, 吨 1000.
    pub unit_sizes: Vec<(String, String, f64)>,
    /// The numeral vocabulary (data/numerals.toml).
    pub numerals: crate::numbers::Numerals,
    /// The unit a fraction takes when none follows it (1/3 → 比例).
    pub fraction_unit: Unit,
}

const UNITS: &str = include_str!("../../data/units.toml");
const CUES: &str = include_str!("../../data/cues.toml");
const METRICS: &str = include_str!("../../data/metrics.toml");
const CONFIG: &str = include_str!("../../data/config.toml");
const NUMERALS: &str = crate::numbers::NUMERALS;

/// Parses a table; a syntax error names the file and line.
pub(crate) fn parse_toml<T: for<'de> Deserialize<'de>>(
    path: &Path,
    raw: &str,
) -> Result<T, DataError> {
    toml::from_str(raw).map_err(|e| DataError::Parse {
        path: path.to_path_buf(),
        line: e
            .span()
            .map(|s| raw[..s.start.min(raw.len())].matches('\n').count() + 1)
            .unwrap_or(0),
        msg: e.message().to_string(),
    })
}

/// The table `name` from `dir` when it has one, else the built-in copy.
pub(crate) fn read_table(
    dir: Option<&Path>,
    name: &str,
    builtin: &str,
) -> Result<(PathBuf, String), DataError> {
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

impl Lexicon {
    /// Loads the built-in tables, or those in `dir` where it has them.
    pub fn load(dir: Option<&Path>) -> Result<Lexicon, DataError> {
        // A mistyped --data would otherwise run silently on the built-in
        // tables.
        if let Some(d) = dir.filter(|d| !d.is_dir()) {
            let what = if d.exists() {
                "not a folder"
            } else {
                "no such folder"
            };
            return Err(DataError::Invalid {
                path: d.to_path_buf(),
                msg: format!("--data: {what}"),
            });
        }
        let (up, u) = read_table(dir, "units.toml", UNITS)?;
        let (cp, c) = read_table(dir, "cues.toml", CUES)?;
        let (mp, m) = read_table(dir, "metrics.toml", METRICS)?;
        let (fp, f) = read_table(dir, "config.toml", CONFIG)?;
        let (np, n) = read_table(dir, "numerals.toml", NUMERALS)?;
        let numerals: crate::numbers::NumeralsFile = parse_toml(&np, &n)?;
        let numerals = crate::numbers::Numerals::new(numerals)
            .map_err(|msg| DataError::invalid(&np, &n, msg))?;
        let units = units::load(&up, &u)?;
        let fraction_unit = units
            .table
            .values
            .iter()
            .find(|u| u.base() == numerals.fraction_unit)
            .cloned()
            .unwrap_or_else(|| Unit {
                name: numerals.fraction_unit.clone(),
                base: None,
                factor: 1.0,
                kind: UnitKind::Measure,
                group: None,
                rate: false,
                in_group: None,
            });
        let cues = cues::load(&cp, &c)?;
        let dict = dictionary::load(&mp, &m)?;
        let config = config::load(&fp, &f, &dict)?;
        Ok(Lexicon {
            units: units.table,
            unit_groups: units.groups,
            rate_units: units.rates,
            unit_sizes: units.sizes,
            numerals,
            fraction_unit,
            prefix_q: cues.prefix_q,
            infix_q: cues.infix_q,
            suffix_q: cues.suffix_q,
            range_sep: cues.range_sep,
            bound_joiners: cues.bound_joiners,
            between_joiners: cues.between_joiners,
            between_closers: cues.between_closers,
            comparative_before: cues.comparative_before,
            comparative_after: cues.comparative_after,
            from_words: cues.from_words,
            to_words: cues.to_words,
            distributive: cues.distributive,
            list_joiners: cues.list_joiners,
            time: cues.time,
            review_cues: cues.review_cues,
            plan_cues: cues.plan_cues,
            max_quoted_chars: cues.max_quoted_chars,
            area_time_units: cues.area_time_units,
            area_words: cues.area_words,
            vague_one: cues.vague_one,
            strip: cues.strip,
            stock: cues.stock,
            condition_nouns: cues.condition_nouns,
            condition_measured_by: cues.condition_measured_by,
            counted_nouns: cues.counted_nouns,
            periods: cues.periods,
            change_words: cues.change_words,
            generic_heads: cues.generic_heads,
            labels: cues.labels,
            metrics: dict.metrics,
            metric_variants: dict.variants,
            phrases: dict.phrases,
            phrase_metric: dict.phrase_metric,
            phrase_len: dict.phrase_len,
            config,
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

    /// The factor that turns a value in `from` into one in `to`, when both
    /// are units of one group with known sizes (亿斤 → 吨: 0.0005).
    pub fn conversion(&self, from: &str, to: &str) -> Option<f64> {
        let size = |u: &str| self.unit_sizes.iter().find(|(n, _, _)| n == u);
        match (size(from), size(to)) {
            (Some((_, g1, k1)), Some((_, g2, k2))) if g1 == g2 => Some(k1 / k2),
            _ => None,
        }
    }

    /// True for a rate's base unit (%, 百分点).
    pub fn is_rate(&self, unit: &str) -> bool {
        self.rate_units.iter().any(|u| u == unit)
    }

    /// The dictionary entry a metric id comes from: itself, or the entry
    /// its `_total` / `_cumulative` variant was made of.
    pub fn metric_entry(&self, id: &str) -> Option<&Metric> {
        self.metric(id).or_else(|| {
            ["_total", "_cumulative"]
                .iter()
                .find_map(|s| id.strip_suffix(s))
                .and_then(|base| self.metric(base))
        })
    }

    /// True when a quantity in `unit` followed by `noun` counts that noun
    /// (1.65万名以上就业困难人员) rather than setting a bound on it.
    pub fn counts_its_noun(&self, unit: &str, noun: &str) -> bool {
        let Some((_, group)) = self.unit_groups.iter().find(|(n, _)| n == unit) else {
            return false;
        };
        self.counted_nouns
            .iter()
            .filter(|(g, _)| g == group)
            .any(|(_, nouns)| nouns.iter().any(|n| n == "*" || noun.contains(n.as_str())))
    }

    /// True when a rate in `unit` after `clause` states a change over a
    /// whole period: a change word (增长, 下降) and no average word (年均).
    pub fn is_cumulative_change(&self, unit: &str, clause: &str) -> bool {
        unit == "%"
            && self
                .change_words
                .iter()
                .any(|w| clause.contains(w.as_str()))
            && !self
                .periods
                .average
                .iter()
                .any(|w| clause.contains(w.as_str()))
    }

    /// True when `gap` — the text between a level and the next figure —
    /// introduces that figure as the level's change: list marks, asides
    /// set off by them, then a change word (、增长 / 、稳居前十、增长).
    pub fn follows_level(&self, gap: &str) -> bool {
        if gap.contains([marks::FULL_STOP, ';', '\n']) || gap.chars().count() > 16 {
            return false;
        }
        let last = gap
            .rsplit([marks::LIST_COMMA, ',', ' '])
            .next()
            .unwrap_or(gap)
            .trim();
        self.change_words.iter().any(|w| last == w.as_str())
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
    fn config_typos_name_the_file() {
        let dir = std::env::temp_dir().join(format!("yoy-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = CONFIG.replace(
            "numerator = \"school_places\"",
            "numerator = \"school_place\"",
        );
        std::fs::write(dir.join("config.toml"), bad).unwrap();
        let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
        assert!(
            err.contains("config.toml") && err.contains("school_place\""),
            "{err}"
        );
        let bad = CONFIG.replace(
            "auto_metric_severity = \"info\"",
            "auto_metric_severity = \"infos\"",
        );
        std::fs::write(dir.join("config.toml"), bad).unwrap();
        let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
        assert!(
            err.contains("config.toml:") && err.contains("infos"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn thresholds_out_of_range_name_file_and_line() {
        let dir = std::env::temp_dir().join(format!("yoy-thr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let line_of = |key: &str| {
            CONFIG
                .lines()
                .position(|l| l.starts_with(key))
                .map(|p| p + 1)
                .unwrap()
        };
        for (from, to, key) in [
            (
                "outlier_factor = 3.0",
                "outlier_factor = nan",
                "outlier_factor",
            ),
            (
                "outlier_factor = 3.0",
                "outlier_factor = -2.0",
                "outlier_factor",
            ),
            (
                "near_duplicate_similarity = 0.85",
                "near_duplicate_similarity = -5",
                "near_duplicate_similarity",
            ),
            (
                "approx_tolerance = 0.05",
                "approx_tolerance = inf",
                "approx_tolerance",
            ),
            ("list_limit = 1000", "list_limit = 0", "list_limit"),
            (
                "largest_figure = 1e24",
                "largest_figure = -1.0",
                "largest_figure",
            ),
        ] {
            assert!(CONFIG.contains(from), "{from}");
            std::fs::write(dir.join("config.toml"), CONFIG.replace(from, to)).unwrap();
            let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
            let want = format!("config.toml:{}: {key}", line_of(key));
            assert!(err.contains(&want), "{to}: {err}");
        }
        // A negative count does not fit its type: the parser names the line.
        std::fs::write(
            dir.join("config.toml"),
            CONFIG.replace("list_limit = 1000", "list_limit = -1"),
        )
        .unwrap();
        let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
        assert!(
            err.contains(&format!("config.toml:{}", line_of("list_limit"))),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).ok();
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
