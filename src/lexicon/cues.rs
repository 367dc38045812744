//! Cues: takes data/cues.toml, gives the cue words compiled — qualifiers
//! (以上, 约, 不超过), range separators, from–to words, time cues, stock
//! words, conditions, idioms and the words dropped from `auto:` keys.

use super::table::{words, WordTable};
use super::{parse_toml, DataError};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// How a qualifier bounds the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    pub const ALL: [Qualifier; 7] = [
        Qualifier::Eq,
        Qualifier::Ge,
        Qualifier::Gt,
        Qualifier::Approx,
        Qualifier::Le,
        Qualifier::Lt,
        Qualifier::Range,
    ];

    pub fn parse(s: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == s)
    }

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
    pub from_words: WordTable<()>,
    pub to_words: WordTable<()>,
    pub distributive: Vec<String>,
    pub time: TimeCues,
    pub review_cues: WordTable<()>,
    pub plan_cues: WordTable<()>,
    pub max_quoted_chars: usize,
    pub area_words: Vec<String>,
    pub vague_one: WordTable<()>,
    pub strip: AhoCorasick,
    pub stock: WordTable<()>,
    pub condition_nouns: WordTable<()>,
    pub condition_measured_by: Vec<String>,
}

pub(super) fn load(path: &Path, raw: &str) -> Result<Cues, DataError> {
    let cues: CuesFile = parse_toml(path, raw)?;
    let invalid = |msg: String| DataError::Invalid {
        path: path.to_path_buf(),
        msg,
    };
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
        from_words: compile(path, words(&cues.from_to.from))?,
        to_words: compile(path, words(&cues.from_to.to))?,
        distributive: cues.distributive.words,
        review_cues: compile(path, words(&cues.time.review))?,
        plan_cues: compile(path, words(&cues.time.plan))?,
        time: cues.time,
        max_quoted_chars: cues.codes.max_quoted_chars,
        area_words: cues.codes.area_words,
        vague_one: compile(path, words(&cues.vague.one_words))?,
        strip: AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&cues.strip.words)
            .map_err(|e| invalid(e.to_string()))?,
        stock: compile(path, words(&cues.stock.words))?,
        condition_nouns: compile(path, words(&cues.condition.words))?,
        condition_measured_by: cues.condition.measured_by,
    })
}
