//! Time: takes a figure's position, the outline and the document's
//! metadata, gives the year the figure is about and whether it is a
//! `target` or an `actual`.
//!
//! Evidence is taken nearest first: the figure's own sentence (a year
//! opener or a strong cue), its paragraph opener ("2023年,…"), the headings
//! above it ("一、2024年工作回顾", "二、2023年…预期目标"), then the
//! document's kind and a reading of its unheaded paragraphs.

use crate::corpus::{DocKind, Meta};
use crate::lexicon::Lexicon;
use crate::structure::{BlockKind, Outline};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Target,
    Actual,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Target => "target",
            Kind::Actual => "actual",
        }
    }
}

/// A year and kind with where they came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct When {
    pub year: Option<i32>,
    pub kind: Kind,
}

/// A four-digit year at the start of `s` followed by 年: "2023年,".
fn leading_year(s: &str) -> Option<i32> {
    let s = s.trim_start_matches(['●', '•', ' ', '(']);
    let b = s.as_bytes();
    if b.len() >= 7 && b[..4].iter().all(|c| c.is_ascii_digit()) && s[4..].starts_with('年') {
        let y: i32 = s[..4].parse().ok()?;
        // 2023年1月30日 is a date line, not an opener.
        let rest = &s[4 + '年'.len_utf8()..];
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        return (1990..2100).contains(&y).then_some(y);
    }
    None
}

/// Any four-digit year followed by 年 inside `s` (for headings).
fn year_in(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 < b.len() {
        if b[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && s[i + 4..].starts_with('年')
        {
            if let Ok(y) = s[i..i + 4].parse::<i32>() {
                if (1990..2100).contains(&y) {
                    return Some(y);
                }
            }
        }
        i += 1;
    }
    None
}

/// The part of a heading that speaks for its section: its first sentence,
/// without titles of other documents (《…(2021-2035年)》) or asides.
fn heading_title(text: &str) -> String {
    let first = text.split('。').next().unwrap_or(text);
    let mut out = String::with_capacity(first.len());
    let mut depth = 0;
    for c in first.chars() {
        match c {
            '《' | '(' => depth += 1,
            '》' | ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// What a piece of text says about time, if anything decisive.
fn read_cues(lx: &Lexicon, text: &str, doc_year: Option<i32>, heading: bool) -> Option<When> {
    let title;
    let text = if heading {
        title = heading_title(text);
        title.as_str()
    } else {
        text
    };
    let review = lx.review_cues.any_in(text);
    let plan = heading && lx.plan_cues.any_in(text);
    let y = if heading {
        year_in(text)
    } else {
        leading_year(text)
    };
    match (y, review, plan) {
        (Some(y), true, _) => Some(When {
            year: Some(y),
            kind: Kind::Actual,
        }),
        (Some(y), false, true) => Some(When {
            year: Some(y),
            kind: Kind::Target,
        }),
        (Some(y), false, false) => {
            // A paragraph opened by a year before the plan year reports
            // results; the plan year (or later) sets targets.
            let kind = match doc_year {
                Some(d) if y < d => Kind::Actual,
                _ => Kind::Target,
            };
            Some(When {
                year: Some(y),
                kind,
            })
        }
        (None, true, _) => Some(When {
            year: doc_year.map(|d| d - 1),
            kind: Kind::Actual,
        }),
        (None, false, true) => Some(When {
            year: doc_year,
            kind: Kind::Target,
        }),
        (None, false, false) => None,
    }
}

/// True when the paragraph opens with a short phrase led by a plan verb
/// ("深化污染防治攻坚。…").
fn plan_opener(lx: &Lexicon, para: &str) -> bool {
    let para = para.trim_start_matches(['●', '•', ' ']);
    let first = para.split(['。', ',', ';']).next().unwrap_or("");
    first.chars().count() <= 16
        && lx
            .time
            .plan_openers
            .iter()
            .any(|w| first.starts_with(w.as_str()))
}

fn count_any(text: &str, words: &[String]) -> usize {
    words.iter().map(|w| text.matches(w.as_str()).count()).sum()
}

/// Per-document reader of time: precomputes the state of each block.
pub struct Timeline {
    /// For each block, the decisive reading of its own opener/headings, or
    /// the running state of the document.
    block_when: Vec<When>,
}

impl Timeline {
    pub fn new(text: &str, outline: &Outline, meta: &Meta, lx: &Lexicon) -> Timeline {
        let y = meta.year;
        let plan_default = When {
            year: y,
            kind: Kind::Target,
        };
        let review_default = When {
            year: y.map(|d| d - 1),
            kind: Kind::Actual,
        };
        // Documents that are plans throughout.
        let all_plan = matches!(meta.kind, DocKind::KeyTasks | DocKind::PracticalProjects);
        let mut block_when = Vec::with_capacity(outline.blocks.len());
        // Running state for unheaded paragraphs: a work report opens with
        // its review unless its opening reads as plans.
        let mut state = if meta.kind == DocKind::WorkReport {
            let first_plan_heading = outline
                .blocks
                .iter()
                .find(|b| {
                    matches!(b.kind, BlockKind::Heading(_))
                        && lx.plan_cues.any_in(&text[b.start..b.end])
                })
                .map(|b| b.start)
                .unwrap_or(text.len());
            let opening = &text[..first_plan_heading];
            let past = count_any(opening, &lx.time.past) + 2 * count_any(opening, &lx.time.review);
            let future = count_any(opening, &lx.time.future);
            if past >= future {
                review_default
            } else {
                plan_default
            }
        } else if meta.kind == DocKind::News {
            review_default
        } else {
            plan_default
        };
        let default_state = state;
        for (i, b) in outline.blocks.iter().enumerate() {
            let own = &text[b.start..b.end];
            let is_heading = matches!(b.kind, BlockKind::Heading(_));
            // In news, a title line starts another story: what a year opener
            // said before it no longer holds.
            if meta.kind == DocKind::News && b.kind == BlockKind::Heading(3) {
                state = default_state;
            }
            if all_plan {
                // Only an explicit past year in the paragraph's opening
                // turns a plan document's figures into results.
                let w = match read_cues(lx, own, y, false) {
                    Some(w) if w.kind == Kind::Actual && leading_year(own).is_some() => w,
                    _ => plan_default,
                };
                block_when.push(w);
                continue;
            }
            let mut found = read_cues(lx, own, y, is_heading);
            if found.is_none() && !is_heading {
                for h in outline.heading_chain(i) {
                    let hb = &outline.blocks[h];
                    if let Some(w) = read_cues(lx, &text[hb.start..hb.end], y, true) {
                        found = Some(w);
                        break;
                    }
                }
            }
            match found {
                Some(w) => {
                    // Numbered or cue-bearing headings and year openers
                    // carry on to the paragraphs below them: a work report's
                    // plan heading moves the rest of it on to plans.
                    let cue = lx.plan_cues.any_in(own) || lx.review_cues.any_in(own);
                    if is_heading && (b.number.is_some() || cue) || leading_year(own).is_some() {
                        state = w;
                    }
                    block_when.push(w);
                }
                None if !is_heading
                    && matches!(meta.kind, DocKind::News | DocKind::Other)
                    && plan_opener(lx, own) =>
                {
                    block_when.push(plan_default)
                }
                None => block_when.push(state),
            }
        }
        Timeline { block_when }
    }

    /// Year and kind of a figure in block `block` whose sentence is
    /// `sentence`.
    pub fn when(&self, lx: &Lexicon, meta: &Meta, block: Option<usize>, sentence: &str) -> When {
        let base = block
            .and_then(|b| self.block_when.get(b).copied())
            .unwrap_or(When {
                year: meta.year,
                kind: Kind::Target,
            });
        if matches!(meta.kind, DocKind::KeyTasks | DocKind::PracticalProjects) {
            return base;
        }
        // A sentence opened by its own year ("2023年,全市…") decides.
        if let Some(w) = read_cues(lx, sentence.trim_start(), meta.year, false)
            .filter(|_| leading_year(sentence.trim_start()).is_some())
        {
            return w;
        }
        // News and unheaded text: strong sentence cues override the state.
        if matches!(meta.kind, DocKind::News | DocKind::Other) {
            let future = count_any(sentence, &lx.time.future);
            let past = count_any(sentence, &lx.time.past);
            if future > past {
                return When {
                    year: meta.year,
                    kind: Kind::Target,
                };
            }
            if past > future {
                return When {
                    year: meta.year.map(|y| y - 1),
                    kind: Kind::Actual,
                };
            }
        }
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::outline;

    fn meta(kind: DocKind, year: i32) -> Meta {
        Meta {
            title: String::new(),
            region: "x".into(),
            kind,
            year: Some(year),
            published: None,
            inferred: vec![],
        }
    }

    fn when_of(text: &str, m: &Meta, needle: &str) -> (Option<i32>, &'static str) {
        let lx = Lexicon::load(None).unwrap();
        let o = outline(text);
        let tl = Timeline::new(text, &o, m, &lx);
        let p = text.find(needle).unwrap();
        let b = o.block_at(p);
        let (s, e) = crate::structure::sentence_span(text, 0, text.len(), p);
        let w = tl.when(&lx, m, b, &text[s..e]);
        (w.year, w.kind.as_str())
    }

    #[test]
    fn work_report_sections() {
        let t = "一、2023年工作回顾\n城镇新增就业36.8万人。\n二、2024年工作总体要求和主要预期目标\n城镇新增就业35万人。";
        let m = meta(DocKind::WorkReport, 2024);
        assert_eq!(when_of(t, &m, "36.8"), (Some(2023), "actual"));
        assert_eq!(when_of(t, &m, "35万"), (Some(2024), "target"));
    }

    #[test]
    fn report_without_review_heading() {
        let t = "(三)推进城市更新。一年来,完成改造100个。\n## 二、2023年工作总体要求和主要预期目标\n主要预期目标是:增长5.5%左右。\n(一)在扩内需上用力。新引进首店100家以上。";
        let m = meta(DocKind::WorkReport, 2023);
        assert_eq!(when_of(t, &m, "100个"), (Some(2022), "actual"));
        assert_eq!(when_of(t, &m, "5.5%"), (Some(2023), "target"));
        assert_eq!(when_of(t, &m, "100家"), (Some(2023), "target"));
    }

    #[test]
    fn years_in_cited_titles_do_not_count() {
        let t = "三、2023年重点工作安排\n(五)在推进城市更新上持续用力。深入落实《青岛市国土空间总体规划(2021-2035年)》,完成473个老旧小区改造。";
        let m = meta(DocKind::WorkReport, 2023);
        assert_eq!(when_of(t, &m, "473"), (Some(2023), "target"));
    }

    #[test]
    fn news_openers() {
        let t = "2023年,全市新造林7600亩。\n2024年,我市将完成新造林3.5万亩以上。\n基本公共服务持续优化。城镇新增就业36.8万人。";
        let m = meta(DocKind::News, 2024);
        assert_eq!(when_of(t, &m, "7600"), (Some(2023), "actual"));
        assert_eq!(when_of(t, &m, "3.5万"), (Some(2024), "target"));
    }

    #[test]
    fn news_plan_paragraphs_and_stories() {
        let t = "生态环境\n2023年,全市新造林7600亩。\n深化污染防治攻坚。完成12个污水处理厂提标改造。\n就业\n城镇新增就业36.8万人。";
        let m = meta(DocKind::News, 2024);
        assert_eq!(when_of(t, &m, "7600"), (Some(2023), "actual"));
        assert_eq!(when_of(t, &m, "12个"), (Some(2024), "target"));
        assert_eq!(when_of(t, &m, "36.8"), (Some(2023), "actual"));
    }

    #[test]
    fn plan_documents_are_targets() {
        let t = "第1件\n实现城镇新增就业35万人。";
        let m = meta(DocKind::PracticalProjects, 2024);
        assert_eq!(when_of(t, &m, "35万"), (Some(2024), "target"));
    }
}
