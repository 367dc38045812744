//! Cues: takes data/cues.toml, gives the cue words compiled — qualifiers
//! (以上, 约, 不超过), range separators, from–to words, time cues, stock
//! words, conditions, idioms and the words dropped from `auto:` keys.

use super::table::{words, WordTable};
use super::{parse_toml, DataError};
use crate::numbers::Qualifier;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::path::Path;

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
struct DistributiveTable {
    words: Vec<String>,
    joiners: Vec<String>,
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
    /// Words that make a paragraph about the document's own year (今年).
    #[serde(default)]
    pub this_year: Vec<String>,
}

/// A five-year plan's name and first year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanName {
    pub name: String,
    pub from: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodTable {
    plan_years: i32,
    plans: Vec<PlanName>,
    past: Vec<String>,
    future: Vec<String>,
    deadline: Vec<String>,
    average: Vec<String>,
    flow: Vec<String>,
    level: Vec<String>,
}

/// What tells a period from a year (`[period]`).
pub struct PeriodCues {
    pub plan_years: i32,
    pub plans: Vec<PlanName>,
    /// Templates split at their N: (before, after).
    pub past: Vec<(String, String)>,
    pub future: Vec<(String, String)>,
    pub deadline: Vec<String>,
    /// Words that make a period's rate a yearly average (年均).
    pub average: Vec<String>,
    /// Flow words (true) and level phrases (false), leftmost-longest.
    pub flow_or_level: WordTable<bool>,
    /// Plan names and the templates' words after N, compiled once: a text
    /// is searched for all of them in one pass (`mark_words` by pattern).
    pub marks: AhoCorasick,
    pub mark_words: Vec<String>,
}

impl PeriodCues {
    /// Pattern index of a plan name or a template's word after N.
    pub fn mark(&self, word: &str) -> Option<usize> {
        self.mark_words.iter().position(|w| w == word)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelTable {
    reach: usize,
    units: Vec<String>,
    heads: Vec<String>,
    specification: Vec<String>,
    threshold: Vec<String>,
    rank: Vec<String>,
    class_after: Vec<String>,
}

/// Numbers that label rather than count (`[labels]`).
pub struct Labels {
    /// Characters of the noun run looked at after a number.
    pub reach: usize,
    /// Units whose quantities can be part of a name (吨, 千瓦, 小时).
    pub units: Vec<String>,
    /// Head words that end a name (项目, 政策).
    pub heads: WordTable<()>,
    /// Words after a quantity's unit that make it a class (10万千瓦级).
    pub class_after: WordTable<()>,
    /// Words right before a number, with what they make it.
    pub prefix: WordTable<LabelKind>,
}

/// What a word right before a number makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// 时速250公里, 年产15万吨: a specification.
    Specification,
    /// 单笔50万元以下: a threshold that defines a group.
    Threshold,
    /// 全球前1%: a rank band.
    Rank,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountedNouns {
    group: String,
    nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Codes {
    max_quoted_chars: usize,
    area_time_units: Vec<String>,
    area_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionTable {
    words: Vec<String>,
    measured_by: Vec<String>,
    counted: Vec<CountedNouns>,
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
    distributive: DistributiveTable,
    time: TimeCues,
    period: PeriodTable,
    change: WordList,
    generic: WordList,
    labels: LabelTable,
    codes: Codes,
    vague: Vague,
    #[serde(default)]
    comparative: Comparative,
    condition: ConditionTable,
    stock: WordList,
    strip: WordList,
}

/// The cue words, compiled; `Lexicon` holds them field by field.
pub(super) struct Cues {
    pub prefix_q: WordTable<Qualifier>,
    pub infix_q: WordTable<Qualifier>,
    pub suffix_q: WordTable<Qualifier>,
    pub range_sep: WordTable<()>,
    pub bound_joiners: Vec<String>,
    pub between_joiners: Vec<String>,
    pub between_closers: Vec<String>,
    pub comparative_before: Vec<String>,
    pub comparative_after: WordTable<Qualifier>,
    pub from_words: WordTable<()>,
    pub to_words: WordTable<()>,
    pub distributive: Vec<String>,
    pub list_joiners: Vec<String>,
    pub time: TimeCues,
    pub review_cues: WordTable<()>,
    pub plan_cues: WordTable<()>,
    pub max_quoted_chars: usize,
    pub area_time_units: Vec<String>,
    pub area_words: Vec<String>,
    pub vague_one: WordTable<()>,
    pub strip: AhoCorasick,
    pub stock: WordTable<()>,
    pub condition_nouns: WordTable<()>,
    pub condition_measured_by: Vec<String>,
    pub counted_nouns: Vec<(String, Vec<String>)>,
    pub periods: PeriodCues,
    pub change_words: Vec<String>,
    pub generic_heads: Vec<String>,
    pub labels: Labels,
}

pub(super) fn load(path: &Path, raw: &str) -> Result<Cues, DataError> {
    let cues: CuesFile = parse_toml(path, raw)?;
    let invalid = |msg: String| DataError::invalid(path, raw, msg);
    fn compile<T>(path: &Path, pairs: Vec<(String, T)>) -> Result<WordTable<T>, DataError> {
        WordTable::new(pairs).map_err(|msg| DataError::Invalid {
            path: path.to_path_buf(),
            msg,
        })
    }
    let qt = |list: &[QualWord]| {
        list.iter()
            .map(|w| (w.word.clone(), w.q))
            .collect::<Vec<_>>()
    };
    Ok(Cues {
        prefix_q: compile(path, qt(&cues.qualifier.prefix))?,
        infix_q: compile(path, qt(&cues.qualifier.infix))?,
        suffix_q: compile(path, qt(&cues.qualifier.suffix))?,
        range_sep: compile(path, words(&cues.range.separators))?,
        bound_joiners: cues.range.bound_joiners.clone(),
        between_joiners: cues.range.between_joiners.clone(),
        between_closers: cues.range.between_closers.clone(),
        comparative_before: cues.comparative.before.clone(),
        comparative_after: compile(path, qt(&cues.comparative.after))?,
        from_words: compile(path, words(&cues.from_to.from))?,
        to_words: compile(path, words(&cues.from_to.to))?,
        distributive: cues.distributive.words,
        list_joiners: cues.distributive.joiners,
        review_cues: compile(path, words(&cues.time.review))?,
        plan_cues: compile(path, words(&cues.time.plan))?,
        time: cues.time,
        max_quoted_chars: cues.codes.max_quoted_chars,
        area_time_units: cues.codes.area_time_units,
        area_words: cues.codes.area_words,
        vague_one: compile(path, words(&cues.vague.one_words))?,
        strip: AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&cues.strip.words)
            .map_err(|e| invalid(e.to_string()))?,
        stock: compile(path, words(&cues.stock.words))?,
        condition_nouns: compile(path, words(&cues.condition.words))?,
        condition_measured_by: cues.condition.measured_by,
        counted_nouns: cues
            .condition
            .counted
            .into_iter()
            .map(|c| (c.group, c.nouns))
            .collect(),
        periods: periods(path, cues.period)?,
        change_words: cues.change.words,
        generic_heads: cues.generic.words,
        labels: {
            let l = cues.labels;
            let prefix = l
                .specification
                .into_iter()
                .map(|w| (w, LabelKind::Specification))
                .chain(l.threshold.into_iter().map(|w| (w, LabelKind::Threshold)))
                .chain(l.rank.into_iter().map(|w| (w, LabelKind::Rank)))
                .collect();
            Labels {
                reach: l.reach,
                units: l.units,
                heads: compile(path, words(&l.heads))?,
                class_after: compile(path, words(&l.class_after))?,
                prefix: compile(path, prefix)?,
            }
        },
    })
}

fn periods(path: &Path, t: PeriodTable) -> Result<PeriodCues, DataError> {
    let invalid = |msg: String| DataError::Invalid {
        path: path.to_path_buf(),
        msg,
    };
    let split = |list: Vec<String>| -> Result<Vec<(String, String)>, DataError> {
        list.into_iter()
            .map(|w| match w.split_once('N') {
                Some((a, b)) if !b.is_empty() => Ok((a.to_string(), b.to_string())),
                _ => Err(invalid(format!(
                    "[period] template {w:?} needs an N followed by 年…"
                ))),
            })
            .collect()
    };
    let pairs = t
        .flow
        .into_iter()
        .map(|w| (w, true))
        .chain(t.level.into_iter().map(|w| (w, false)))
        .collect();
    let past = split(t.past)?;
    let future = split(t.future)?;
    let mut mark_words: Vec<String> = Vec::new();
    let names = t.plans.iter().map(|p| &p.name);
    for w in names.chain(past.iter().chain(&future).map(|(_, after)| after)) {
        if !w.is_empty() && !mark_words.contains(w) {
            mark_words.push(w.clone());
        }
    }
    let marks = AhoCorasick::new(&mark_words).map_err(|e| invalid(format!("[period]: {e}")))?;
    Ok(PeriodCues {
        plan_years: t.plan_years,
        plans: t.plans,
        past,
        future,
        marks,
        mark_words,
        deadline: t.deadline,
        average: t.average,
        flow_or_level: WordTable::new(pairs).map_err(invalid)?,
    })
}
