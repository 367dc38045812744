//! Messages: takes data/messages.toml (every word a reader sees, in
//! Chinese and English), gives it checked and ready to fill: `{name}`
//! placeholders replaced by a finding's or a row's values. The terminal,
//! report.md, the CSV files, report.json and report.html all read this one
//! table, so a message is worded in one place.

use crate::lexicon::{parse_toml, read_table, DataError, Qualifier};
use crate::magnitude::Magnitude;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt::{Display, Write as _};
use std::path::Path;
use std::sync::OnceLock;

/// The language of headings and messages (metric labels are shown in
/// both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

const BUILTIN: &str = include_str!("../data/messages.toml");

/// Every message the code shows, with the placeholders it fills. A table
/// must hold exactly these (section.key), each using only its names.
const SPECS: &[(&str, &[&str])] = &[
    ("heading.level1", &["n"]),
    ("heading.level2", &["n"]),
    (
        "finding.conflict",
        &["label", "year", "kind", "values", "used"],
    ),
    ("finding.conflict_value", &["value", "doc", "line"]),
    ("finding.conflict_sep", &[]),
    (
        "finding.duplicate_paragraph",
        &["doc", "count", "lines", "head"],
    ),
    (
        "finding.near_duplicate",
        &["doc", "line_a", "line_b", "similarity", "head"],
    ),
    ("finding.item_out_of_order", &["doc", "item", "after"]),
    ("finding.item_repeated", &["doc", "number", "item"]),
    ("finding.items_missing", &["doc", "missing", "min", "max"]),
    (
        "finding.declared_count",
        &["doc", "declared", "found", "max"],
    ),
    ("finding.headings_start_late", &["doc", "first"]),
    ("finding.heading_out_of_order", &["doc", "heading", "after"]),
    ("finding.heading_gap", &["doc", "from", "to"]),
    (
        "finding.misplaced_figures",
        &["doc", "bullet", "under", "belongs"],
    ),
    ("finding.orphan_bullet", &["doc", "bullet", "under"]),
    (
        "finding.misplaced_topic",
        &["doc", "bullet", "under", "belongs"],
    ),
    ("finding.unsupported", &["doc", "quote", "label"]),
    (
        "finding.jump",
        &[
            "label",
            "from_year",
            "from_kind",
            "from_value",
            "to_year",
            "to_kind",
            "to_value",
            "unit",
            "ratio",
        ],
    ),
    (
        "finding.ratio_jump",
        &[
            "name", "kind", "year_a", "ratio_a", "detail_a", "year_b", "ratio_b", "detail_b",
            "factor",
        ],
    ),
    (
        "finding.missed_target",
        &["label", "year", "actual", "target", "unit", "gap"],
    ),
    (
        "finding.below_prior_actual",
        &["label", "year", "target", "prior_year", "actual", "unit"],
    ),
    (
        "finding.dropped_metric",
        &["label", "year", "doc_kind", "value", "other_year"],
    ),
    (
        "finding.new_metric",
        &["label", "year", "doc_kind", "value", "other_year"],
    ),
    ("qualifier.eq", &["n", "u"]),
    ("qualifier.ge", &["n", "u"]),
    ("qualifier.gt", &["n", "u"]),
    ("qualifier.approx", &["n", "u"]),
    ("qualifier.le", &["n", "u"]),
    ("qualifier.lt", &["n", "u"]),
    ("qualifier.range", &["n", "high", "u"]),
    ("qualifier.range_from", &["n", "u"]),
    ("word.points", &[]),
    ("severity.error", &[]),
    ("severity.warning", &[]),
    ("severity.info", &[]),
    ("finding_kind.conflict", &[]),
    ("finding_kind.duplicate", &[]),
    ("finding_kind.numbering", &[]),
    ("finding_kind.misplaced", &[]),
    ("finding_kind.unsupported", &[]),
    ("finding_kind.outlier", &[]),
    ("finding_kind.below_prior_actual", &[]),
    ("finding_kind.missed_target", &[]),
    ("finding_kind.new_metric", &[]),
    ("finding_kind.dropped_metric", &[]),
    ("doc_kind.work_report", &[]),
    ("doc_kind.key_tasks", &[]),
    ("doc_kind.practical_projects", &[]),
    ("doc_kind.news", &[]),
    ("doc_kind.other", &[]),
    ("page.doc_title", &[]),
    ("xlsx.comparison", &[]),
    ("xlsx.findings", &[]),
    ("xlsx.facts", &[]),
    ("xlsx.documents", &[]),
    ("xlsx.cut", &["n", "file"]),
    ("word.target", &[]),
    ("word.actual", &[]),
    ("word.list_sep", &[]),
    ("word.not_available", &[]),
    ("word.not_meaningful", &[]),
    ("word.attained", &["pct"]),
    ("word.points_off", &["points"]),
    ("word.percent_off", &["pct"]),
    ("comparison.target_vs_next_target", &[]),
    ("comparison.actual_vs_target", &[]),
    ("comparison.actual_vs_next_target", &[]),
    ("comparison_short.target_vs_next_target", &[]),
    ("comparison_short.actual_vs_target", &[]),
    ("comparison_short.actual_vs_next_target", &[]),
    ("flag.met", &[]),
    ("flag.within_band", &[]),
    ("flag.missed", &[]),
    ("flag.below_prior_actual", &[]),
    ("flag.above_prior_actual", &[]),
    ("flag.qualifier_changed", &[]),
    ("flag.up", &[]),
    ("flag.down", &[]),
    ("flag.same", &[]),
    ("report.title", &[]),
    ("report.summary", &[]),
    ("report.documents", &[]),
    ("report.figures", &[]),
    ("report.comparisons", &[]),
    ("report.findings", &[]),
    ("report.skipped", &[]),
    ("report.region", &[]),
    ("report.metric", &[]),
    ("report.prior", &[]),
    ("report.current", &[]),
    ("report.flag", &[]),
    ("report.finding", &[]),
    ("report.more_comparisons", &[]),
    ("report.document", &[]),
    ("report.doc_title", &[]),
    ("report.kind", &[]),
    ("report.year", &[]),
    ("report.figures_col", &[]),
    ("report.inferred", &[]),
    ("report.figures_total", &[]),
    ("report.non_figures_total", &[]),
    ("report.comparisons_total", &[]),
    ("report.findings_total", &[]),
    ("report.files_skipped", &[]),
    ("report.comparison_by_metric", &[]),
    ("report.none", &[]),
    ("report.more_in", &[]),
    ("report.more_findings", &[]),
    ("report.line", &[]),
    ("report.wrote", &[]),
    ("report.baseline", &["new", "known", "file"]),
    ("report.progress_after", &[]),
    ("audit.years", &[]),
    ("audit.prior_target", &[]),
    ("audit.prior_actual", &[]),
    ("audit.attainment", &[]),
    ("audit.current_target", &[]),
    ("audit.change", &[]),
    ("audit.flag", &[]),
    ("audit.sources", &[]),
    ("audit.title", &[]),
    ("audit.pairs", &[]),
    ("xlsx.audit", &[]),
    ("status.new", &[]),
    ("status.known", &[]),
    ("page.title", &[]),
    ("page.summary", &[]),
    ("page.charts", &[]),
    ("page.comparison", &[]),
    ("page.findings", &[]),
    ("page.documents", &[]),
    ("page.docs", &[]),
    ("page.figures", &[]),
    ("page.comparisons", &[]),
    ("page.nfindings", &[]),
    ("page.all", &[]),
    ("page.search", &[]),
    ("page.region", &[]),
    ("page.category", &[]),
    ("page.metric", &[]),
    ("page.prior", &[]),
    ("page.current", &[]),
    ("page.flag", &[]),
    ("page.attain", &[]),
    ("page.cmpType", &[]),
    ("page.findingKind", &[]),
    ("page.severity", &[]),
    ("page.target", &[]),
    ("page.actual", &[]),
    ("page.line", &[]),
    ("page.lineEnd", &[]),
    ("page.item", &[]),
    ("page.byKind", &[]),
    ("page.legend", &[]),
    ("page.doc", &[]),
    ("page.kind", &[]),
    ("page.year", &[]),
    ("page.none", &[]),
    ("page.shown", &["n", "total", "what"]),
    ("page.more", &[]),
    ("page.noText", &[]),
    ("page.what_docs", &[]),
    ("page.what_rows", &[]),
    ("page.what_findings", &[]),
    ("page.up", &[]),
    ("page.down", &[]),
    ("verify.confirmed", &[]),
    ("verify.approximate", &[]),
    ("verify.qualifier_differs", &[]),
    ("verify.differs", &[]),
    ("verify.disputed", &[]),
    ("verify.unsourced", &[]),
    ("verify.note_rounded", &[]),
    ("verify.note_approximation", &[]),
    ("verify.note_bound", &[]),
    ("verify.note_no_metric", &[]),
    ("verify.note_no_year", &[]),
    ("verify.note_no_kind", &[]),
    ("verify.note_other_kind", &[]),
    ("verify.line", &[]),
    ("verify.draft", &[]),
    ("verify.metric", &[]),
    ("verify.year", &[]),
    ("verify.status", &[]),
    ("verify.source_value", &[]),
    ("verify.source", &[]),
    ("verify.also", &[]),
    ("verify.summary", &["figures", "drafts", "sources"]),
    ("verify.page_title", &[]),
    ("verify.page_hint", &[]),
    ("verify.page_source", &[]),
    ("verify.page_none", &[]),
    ("verify.page_others", &[]),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    zh: String,
    en: String,
}

/// Both languages' rules for writing magnitudes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Magnitudes {
    zh: Magnitude,
    en: Magnitude,
}

#[derive(Debug, Deserialize)]
struct File {
    magnitude: Magnitudes,
    #[serde(default)]
    unit_en: BTreeMap<String, String>,
    /// Metric categories by id; open, as data/metrics.toml may add one.
    #[serde(default)]
    category: BTreeMap<String, Pair>,
    #[serde(flatten)]
    sections: BTreeMap<String, BTreeMap<String, Pair>>,
}

/// The message table, checked against what the code fills in.
#[derive(Debug)]
pub struct Messages {
    text: HashMap<&'static str, [String; 2]>,
    magnitude: Magnitudes,
    unit_en: BTreeMap<String, String>,
    category: BTreeMap<String, Pair>,
}

impl Messages {
    /// Loads data/messages.toml, or the copy in `dir` when it has one.
    pub fn load(dir: Option<&Path>) -> Result<Messages, DataError> {
        let (path, raw) = read_table(dir, "messages.toml", BUILTIN)?;
        let file: File = parse_toml(&path, &raw)?;
        let invalid = |msg: String| DataError::invalid(&path, &raw, msg);
        let mut given: BTreeMap<String, Pair> = BTreeMap::new();
        for (section, entries) in file.sections {
            for (key, pair) in entries {
                given.insert(format!("{section}.{key}"), pair);
            }
        }
        let mut text = HashMap::new();
        for &(key, args) in SPECS {
            let Some(pair) = given.remove(key) else {
                return Err(invalid(format!("message \"{key}\" is missing")));
            };
            for (lang, t) in [("zh", &pair.zh), ("en", &pair.en)] {
                if let Some(bad) = placeholders(t).find(|p| !args.contains(p)) {
                    return Err(invalid(format!(
                        "message \"{key}\" ({lang}) names {{{bad}}}; it may use {}",
                        if args.is_empty() {
                            "none".to_string()
                        } else {
                            args.iter()
                                .map(|a| format!("{{{a}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    )));
                }
            }
            text.insert(key, [pair.zh, pair.en]);
        }
        if let Some(key) = given.keys().next() {
            return Err(invalid(format!("unknown message \"{key}\"")));
        }
        for (lang, m) in [("zh", &file.magnitude.zh), ("en", &file.magnitude.en)] {
            m.check()
                .map_err(|e| invalid(format!("[magnitude.{lang}]: {e}")))?;
        }
        Ok(Messages {
            text,
            magnitude: file.magnitude,
            unit_en: file.unit_en,
            category: file.category,
        })
    }

    /// The built-in table (tests, and callers without `--data`).
    pub fn builtin() -> &'static Messages {
        static M: OnceLock<Messages> = OnceLock::new();
        M.get_or_init(|| Messages::load(None).expect("data/messages.toml is valid"))
    }

    /// A message as written, placeholders unfilled.
    pub fn get(&self, lang: Lang, key: &str) -> &str {
        debug_assert!(self.text.contains_key(key), "no message {key}");
        match self.text.get(key) {
            Some([zh, en]) => match lang {
                Lang::Zh => zh,
                Lang::En => en,
            },
            None => "",
        }
    }

    /// A message with its placeholders filled from `args`.
    pub fn fill(&self, lang: Lang, key: &str, args: &[(&str, &dyn Display)]) -> String {
        let t = self.get(lang, key);
        let mut out = String::with_capacity(t.len() + 32);
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => {
                            let _ = write!(out, "{v}");
                        }
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Every message of a section, in `lang`, by key (the page's labels).
    pub fn section(&self, lang: Lang, section: &str) -> BTreeMap<&'static str, &str> {
        SPECS
            .iter()
            .filter_map(|&(key, _)| {
                let (s, k) = key.split_once('.')?;
                (s == section).then(|| (k, self.get(lang, key)))
            })
            .collect()
    }

    /// A label of a stable id (`severity`, `finding_kind`, `doc_kind`, or
    /// the open `category` table): the id itself when the table has none.
    pub fn label<'a>(&'a self, lang: Lang, section: &str, id: &'a str) -> &'a str {
        if section == "category" {
            return match (self.category.get(id), lang) {
                (Some(p), Lang::Zh) => &p.zh,
                (Some(p), Lang::En) => &p.en,
                (None, _) => id,
            };
        }
        let key = format!("{section}.{id}");
        match self.text.get(key.as_str()) {
            Some([zh, en]) => match lang {
                Lang::Zh => zh,
                Lang::En => en,
            },
            None => id,
        }
    }

    /// Every category's label in `lang` (the page's filter).
    pub fn categories(&self, lang: Lang) -> BTreeMap<&str, &str> {
        self.category
            .iter()
            .map(|(k, p)| {
                (
                    k.as_str(),
                    match lang {
                        Lang::Zh => p.zh.as_str(),
                        Lang::En => p.en.as_str(),
                    },
                )
            })
            .collect()
    }

    fn magnitude(&self, lang: Lang) -> &Magnitude {
        match lang {
            Lang::Zh => &self.magnitude.zh,
            Lang::En => &self.magnitude.en,
        }
    }

    /// A number in base units as a reader writes it, without its unit:
    /// 3496亿 and 36.8万 in Chinese, 349.6 bn and 368,000 in English.
    pub fn number(&self, lang: Lang, v: f64) -> String {
        self.magnitude(lang).number(v)
    }

    /// A unit as the reader's language names it, with the space (or none)
    /// that separates it from its number: "元" in Chinese, " yuan" in
    /// English (a unit the table lacks stays as the documents write it).
    fn unit_part(&self, lang: Lang, unit: &str) -> String {
        let name = match lang {
            Lang::Zh => unit,
            Lang::En => self.unit_en.get(unit).map_or(unit, String::as_str),
        };
        if name.is_empty() {
            String::new()
        } else {
            format!("{}{}", self.magnitude(lang).separator(name), name)
        }
    }

    /// Value with its unit and qualifier as people write it: 35万人以上,
    /// 约6.2万个, 超5000个, 1—2处 (`high` is a range's upper end).
    pub fn show(
        &self,
        lang: Lang,
        value: f64,
        unit: &str,
        q: Qualifier,
        high: Option<f64>,
    ) -> String {
        let rules = self.magnitude(lang);
        let n = rules.number_in(value, unit);
        let u = self.unit_part(lang, unit);
        match (q, high) {
            (Qualifier::Range, Some(h)) if h.is_finite() && h > value => self.fill(
                lang,
                "qualifier.range",
                &[("n", &n), ("high", &rules.number_in(h, unit)), ("u", &u)],
            ),
            (Qualifier::Range, _) => {
                self.fill(lang, "qualifier.range_from", &[("n", &n), ("u", &u)])
            }
            _ => self.fill(
                lang,
                &format!("qualifier.{}", q.as_str()),
                &[("n", &n), ("u", &u)],
            ),
        }
    }

    /// A change with its sign and unit: +1.5万人, −1496亿元; a change of a
    /// rate in percentage points (+1.1个百分点).
    pub fn change(&self, lang: Lang, v: f64, unit: &str) -> String {
        let rules = self.magnitude(lang);
        let sign = if v > 0.0 {
            "+"
        } else if v < 0.0 {
            "-"
        } else {
            "±"
        };
        let n = rules.number_in(v.abs(), unit);
        let u = if rules.is_rate(unit) {
            self.get(lang, "word.points").to_string()
        } else {
            self.unit_part(lang, unit)
        };
        format!("{sign}{n}{u}")
    }
}

/// The `{name}`s of a template.
fn placeholders(t: &str) -> impl Iterator<Item = &str> {
    t.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_loads_and_fills() {
        let m = Messages::builtin();
        assert_eq!(m.fill(Lang::Zh, "heading.level2", &[("n", &"三")]), "(三)");
        assert_eq!(
            m.show(Lang::Zh, 1.0, "处", Qualifier::Range, Some(2.0)),
            "1—2处"
        );
        assert_eq!(m.show(Lang::Zh, 2.0, "处", Qualifier::Range, None), "2处起");
        assert_eq!(m.get(Lang::En, "flag.met"), "✓ met");
    }

    #[test]
    fn a_table_with_a_wrong_placeholder_or_key_names_the_file() {
        let dir = std::env::temp_dir().join(format!("yoy-msg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = BUILTIN.replace("{doc}: the title declares", "{docs}: the title declares");
        std::fs::write(dir.join("messages.toml"), bad).unwrap();
        let err = Messages::load(Some(&dir)).unwrap_err().to_string();
        assert!(
            err.contains("messages.toml")
                && err.contains("declared_count")
                && err.contains("{docs}"),
            "{err}"
        );
        let extra = format!("{BUILTIN}\n[extra]\nword = {{ zh = \"x\", en = \"x\" }}\n");
        std::fs::write(dir.join("messages.toml"), extra).unwrap();
        let err = Messages::load(Some(&dir)).unwrap_err().to_string();
        assert!(err.contains("unknown message \"extra.word\""), "{err}");
        let missing = BUILTIN.replace("same = { zh = \"=\", en = \"=\" }", "");
        std::fs::write(dir.join("messages.toml"), missing).unwrap();
        let err = Messages::load(Some(&dir)).unwrap_err().to_string();
        assert!(err.contains("\"flag.same\" is missing"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
