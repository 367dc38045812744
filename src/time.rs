//! Time: takes a figure's position, the outline and the document's
//! metadata, gives the year the figure is about and whether it is a
//! `target` or an `actual`.
//!
//! Evidence is taken nearest first: the figure's own sentence (a year
//! opener or a strong cue), its paragraph opener ("2023年,…"), the headings
//! above it ("一、2024年工作回顾", "二、2023年…预期目标"), then the
//! document's kind and a reading of its unheaded paragraphs.

use crate::corpus::{DocKind, Meta};
use crate::lexicon::{Lexicon, PeriodCues};
use crate::marks;
use crate::numbers::years_in;
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

/// The year (or span of years) a figure is about, and its kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct When {
    /// The year, or a period's last year.
    pub year: Option<i32>,
    /// A period's first year; `None` for a single year.
    pub year_from: Option<i32>,
    pub kind: Kind,
}

impl When {
    fn year(year: Option<i32>, kind: Kind) -> When {
        When {
            year,
            year_from: None,
            kind,
        }
    }

    /// A span of years: an actual when it ended before the document's
    /// year, a target otherwise (or `kind` when the year is unknown).
    fn span(from: i32, to: i32, doc_year: Option<i32>, kind: Kind) -> When {
        When {
            year: Some(to),
            year_from: Some(from),
            kind: match doc_year {
                Some(d) if to < d => Kind::Actual,
                Some(_) => Kind::Target,
                None => kind,
            },
        }
    }

    fn is_past_period(&self) -> bool {
        self.year_from.is_some() && self.kind == Kind::Actual
    }
}

/// A count of years written in a template's N: 5, 五, 十, 十二, 两.
fn count_of_years(s: &str) -> Option<i32> {
    let n = crate::numbers::parse_numeral(s)?;
    (n.fract() == 0.0 && (0.0..=f64::from(i32::MAX)).contains(&n)).then_some(n as i32)
}

fn is_year_numeral(c: char) -> bool {
    c.is_ascii_digit() || crate::numbers::is_cn_numeral_char(c)
}

/// True when `pos` lies inside a title (《…》) or an aside (…): years there
/// belong to another document or a remark.
fn bracketed(text: &str, pos: usize) -> bool {
    let (title, paren) = marks::open_depth(&text[..pos]);
    title > 0 || paren > 0
}

/// Where each plan name and template word (`PeriodCues::mark_words`)
/// occurs in `text`, from one pass of the compiled automaton: per word,
/// its starts left to right without overlaps, as `str::match_indices`
/// gives them.
fn marks_in(p: &PeriodCues, text: &str) -> Vec<Vec<usize>> {
    let mut at: Vec<Vec<usize>> = vec![Vec::new(); p.mark_words.len()];
    let mut free = vec![0usize; p.mark_words.len()];
    for m in p.marks.find_overlapping_iter(text) {
        let k = m.pattern().as_usize();
        // One word's matches come in order of their start; a match that
        // overlaps the previous one kept is not one match_indices gives.
        if m.start() >= free[k] {
            at[k].push(m.start());
            free[k] = m.end();
        }
    }
    at
}

/// Starts of `word` in `text` (non-overlapping), from `marks` when the
/// word was compiled into it.
fn word_starts(p: &PeriodCues, marks: &[Vec<usize>], text: &str, word: &str) -> Vec<usize> {
    match p.mark(word) {
        Some(k) => marks[k].clone(),
        None => text.match_indices(word).map(|(i, _)| i).collect(),
    }
}

/// Where a template (before N after) matches in `text`, given the starts
/// of `after` in it: (start, N).
fn template_hits(text: &str, before: &str, after: &str, starts: &[usize]) -> Vec<(usize, i32)> {
    let mut out = Vec::new();
    for &i in starts {
        debug_assert!(text[i..].starts_with(after));
        let mut run = i;
        for _ in 0..2 {
            match text[..run].chars().next_back() {
                Some(c) if is_year_numeral(c) => run -= c.len_utf8(),
                _ => break,
            }
        }
        if run == i || text[..run].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Some(n) = count_of_years(&text[run..i]) else {
            continue;
        };
        if (2..=30).contains(&n) && text[..run].ends_with(before) {
            out.push((run - before.len(), n));
        }
    }
    out
}

/// An explicit span "2021—2025年" starting at byte `i`: (from, to); the
/// dash is any range separator of data/cues.toml.
fn explicit_span(lx: &Lexicon, text: &str, i: usize) -> Option<(i32, i32)> {
    let b = text.as_bytes();
    if i + 4 > b.len() || !b[i..i + 4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if i > 0 && b[i - 1].is_ascii_digit() {
        return None;
    }
    let from: i32 = text[i..i + 4].parse().ok()?;
    let (_, sep) = lx.range_sep.at(text, i + 4)?;
    let (at, to) = years_in(&text[i + 4 + sep..]).next()?;
    (at == 0 && crate::numbers::PLAUSIBLE_YEARS.contains(&from) && from < to && to - from < 30)
        .then_some((from, to))
}

/// The period a text names first, with where: a plan's name (“十四五”), an
/// explicit span (2021—2025年), or a template counting years back from
/// `review_year` (过去五年) or on from `plan_year` (今后五年).
fn period_in(
    lx: &Lexicon,
    text: &str,
    review_year: Option<i32>,
    plan_year: Option<i32>,
) -> Option<(usize, i32, i32)> {
    let p = &lx.periods;
    let mut best: Option<(usize, i32, i32)> = None;
    let mut offer = |at: usize, from: i32, to: i32| {
        if !bracketed(text, at) && best.is_none_or(|(b, _, _)| at < b) {
            best = Some((at, from, to));
        }
    };
    let marks = marks_in(p, text);
    for plan in &p.plans {
        if let Some(&at) = word_starts(p, &marks, text, &plan.name).first() {
            offer(at, plan.from, plan.from + p.plan_years - 1);
        }
    }
    // A span starts with a digit (a byte that is always a char boundary).
    for (i, b) in text.bytes().enumerate() {
        if b.is_ascii_digit() {
            if let Some((from, to)) = explicit_span(lx, text, i) {
                offer(i, from, to);
            }
        }
    }
    if let Some(r) = review_year {
        for (before, after) in &p.past {
            let starts = word_starts(p, &marks, text, after);
            for (at, n) in template_hits(text, before, after, &starts) {
                offer(at, r - n + 1, r);
            }
        }
    }
    if let Some(y) = plan_year {
        for (before, after) in &p.future {
            let starts = word_starts(p, &marks, text, after);
            for (at, n) in template_hits(text, before, after, &starts) {
                offer(at, y, y + n - 1);
            }
        }
    }
    best
}

/// The last deadline year (到2027年) in `text`, outside titles.
fn deadline_in(lx: &Lexicon, text: &str) -> Option<i32> {
    years_in(text)
        .filter(|&(i, _)| {
            lx.periods
                .deadline
                .iter()
                .any(|w| text[..i].ends_with(w.as_str()))
                && !bracketed(text, i)
        })
        .last()
        .map(|(_, y)| y)
}

/// A paragraph's text up to its first clause break.
fn opening_clause(text: &str) -> &str {
    marks::first_clause(marks::trim_bullets(text))
}

/// What a paragraph's opening clause (or a heading) opens with, when it is
/// not a year: a period (过去的五年…, “十四五”时期是…, 二、“十五五”时期主要
/// 目标任务) or this year (今年是…). A year named first ends a period
/// opened before.
enum Opener {
    Span(When),
    Year,
}

fn opener(lx: &Lexicon, text: &str, doc_year: Option<i32>, heading: bool) -> Option<Opener> {
    let title;
    let first = if heading {
        title = heading_title(text);
        title.as_str()
    } else {
        // The opening clause: a period or a year named later in the
        // sentence (…完成“十四五”考核目标) is not what the paragraph is about.
        opening_clause(text)
    };
    let year_at = years_in(first)
        .map(|(i, _)| i)
        .find(|&i| explicit_span(lx, first, i).is_none() && !bracketed(first, i));
    let this_year_at = lx
        .time
        .this_year
        .iter()
        .filter_map(|w| first.find(w.as_str()))
        .min();
    let span = period_in(lx, first, doc_year.map(|d| d - 1), doc_year);
    // A heading naming a year and a period ("“十四五”时期和2025年工作回顾")
    // speaks for the year; its paragraphs open the period themselves.
    if heading && year_at.is_some() {
        return None;
    }
    let span_at = span.map(|(at, _, _)| at).unwrap_or(usize::MAX);
    let this_at = this_year_at.unwrap_or(usize::MAX);
    let year_at = year_at.unwrap_or(usize::MAX);
    if span_at < this_at && span_at < year_at {
        let (_, from, to) = span?;
        let kind = if heading && lx.review_cues.any_in(first) {
            Kind::Actual
        } else {
            Kind::Target
        };
        return Some(Opener::Span(When::span(from, to, doc_year, kind)));
    }
    if this_at < year_at {
        return Some(Opener::Span(When::year(doc_year, Kind::Target)));
    }
    (year_at != usize::MAX).then_some(Opener::Year)
}

/// How a heading reads: its period or this year when it opens with one,
/// else its year and cue words.
fn heading_when(lx: &Lexicon, text: &str, doc_year: Option<i32>) -> Option<When> {
    match opener(lx, text, doc_year, true) {
        Some(Opener::Span(w)) => Some(w),
        _ => read_cues(lx, text, doc_year, true),
    }
}

/// A four-digit year at the start of `s` followed by 年: "2023年,".
fn leading_year(s: &str) -> Option<i32> {
    let s = marks::trim_bullets(s).trim_start_matches('(');
    let (at, y) = years_in(s).next().filter(|&(at, _)| at == 0)?;
    // 2023年1月30日 is a date line, not an opener.
    let rest = &s[at + 4 + marks::YEAR.len_utf8()..];
    (!rest.starts_with(|c: char| c.is_ascii_digit())).then_some(y)
}

/// The first four-digit year followed by 年 inside `s` (for headings).
fn year_in(s: &str) -> Option<i32> {
    years_in(s).next().map(|(_, y)| y)
}

/// The part of a heading that speaks for its section: its first sentence,
/// without titles of other documents (《…(2021-2035年)》) or asides.
fn heading_title(text: &str) -> String {
    let first = text.split(marks::FULL_STOP).next().unwrap_or(text);
    let mut out = String::with_capacity(first.len());
    let mut depth = 0;
    for c in first.chars() {
        match c {
            marks::TITLE_OPEN | '(' => depth += 1,
            marks::TITLE_CLOSE | ')' => depth = (depth - 1).max(0),
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
    // A paragraph that opens by announcing plans (主要预期目标是:…) sets
    // targets even where a later clause looks back (力争比去年…).
    let plan_opening = !heading && lx.plan_cues.any_in(opening_clause(text));
    let review = !plan_opening && lx.review_cues.any_in(text);
    let plan = (heading || plan_opening) && lx.plan_cues.any_in(text);
    let y = if heading {
        year_in(text)
    } else {
        leading_year(text)
    };
    match (y, review, plan) {
        (Some(y), true, _) => Some(When::year(Some(y), Kind::Actual)),
        (Some(y), false, true) => Some(When::year(Some(y), Kind::Target)),
        (Some(y), false, false) => {
            // A paragraph opened by a year before the plan year reports
            // results; the plan year (or later) sets targets.
            let kind = match doc_year {
                Some(d) if y < d => Kind::Actual,
                _ => Kind::Target,
            };
            Some(When::year(Some(y), kind))
        }
        (None, true, _) => Some(When::year(doc_year.map(|d| d - 1), Kind::Actual)),
        (None, false, true) => Some(When::year(doc_year, Kind::Target)),
        (None, false, false) => None,
    }
}

/// True when the paragraph opens with a short phrase led by a plan verb
/// ("深化污染防治攻坚。…").
fn plan_opener(lx: &Lexicon, para: &str) -> bool {
    let first = marks::first_clause(marks::trim_bullets(para));
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
        let plan_default = When::year(y, Kind::Target);
        let review_default = When::year(y.map(|d| d - 1), Kind::Actual);
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
        // A paragraph that opens a period (过去的五年…) holds for the
        // paragraphs after it, until the next heading or a paragraph that
        // names its own year.
        let mut period: Option<When> = None;
        for (i, b) in outline.blocks.iter().enumerate() {
            let own = &text[b.start..b.end];
            let is_heading = matches!(b.kind, BlockKind::Heading(_));
            if is_heading {
                period = None;
            }
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
            match opener(lx, own, y, is_heading) {
                Some(Opener::Span(w)) => {
                    if is_heading {
                        state = w;
                    } else {
                        period = Some(w);
                    }
                    block_when.push(w);
                    continue;
                }
                Some(Opener::Year) => period = None,
                None => {}
            }
            let mut found = if is_heading {
                heading_when(lx, own, y)
            } else {
                read_cues(lx, own, y, false)
            };
            if found.is_some() && !is_heading {
                period = None;
            }
            if found.is_none() && !is_heading {
                if let Some(p) = period {
                    block_when.push(p);
                    continue;
                }
                for h in outline.heading_chain(i) {
                    let hb = &outline.blocks[h];
                    if let Some(w) = heading_when(lx, &text[hb.start..hb.end], y) {
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

    /// Year (or period) and kind of a figure in block `block` whose
    /// sentence is `sentence`, `before` being the sentence's text before
    /// the figure.
    pub fn when(
        &self,
        lx: &Lexicon,
        meta: &Meta,
        block: Option<usize>,
        sentence: &str,
        before: &str,
    ) -> When {
        let w = self.sentence_when(lx, meta, block, sentence);
        refine(lx, meta, w, before)
    }

    /// `when` for a figure whose sentence's reading (`sentence_when`) is
    /// known: a sentence's figures share it, so it is read once.
    pub fn refine(&self, lx: &Lexicon, meta: &Meta, sentence: When, before: &str) -> When {
        refine(lx, meta, sentence, before)
    }

    /// What the block and the sentence say, before the figure's own
    /// clause refines it.
    pub fn sentence_when(
        &self,
        lx: &Lexicon,
        meta: &Meta,
        block: Option<usize>,
        sentence: &str,
    ) -> When {
        let base = block
            .and_then(|b| self.block_when.get(b).copied())
            .unwrap_or(When::year(meta.year, Kind::Target));
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
                return When::year(meta.year, Kind::Target);
            }
            if past > future {
                return When::year(meta.year.map(|y| y - 1), Kind::Actual);
            }
        }
        base
    }
}

/// What the figure's own clause and sentence add to the reading of its
/// paragraph: a period the clause names (连续4年, “十四五”期间), a deadline
/// in the sentence (到2027年), or — inside a past period — a level, which
/// is the period's last year's figure rather than its total.
fn refine(lx: &Lexicon, meta: &Meta, w: When, before: &str) -> When {
    let clause = &before[crate::figures::clause_start(before, before.len())..];
    let review_year = if w.kind == Kind::Actual && w.year_from.is_none() {
        w.year
    } else {
        meta.year.map(|y| y - 1)
    };
    if let Some((_, from, to)) = period_in(lx, clause, review_year, meta.year) {
        return When::span(from, to, meta.year, w.kind);
    }
    if let Some(y) = deadline_in(lx, before) {
        if meta.year.is_none_or(|d| y >= d) {
            if w.year_from.is_some() && w.year == Some(y) {
                return w;
            }
            return When::year(Some(y), Kind::Target);
        }
    }
    if w.is_past_period() && lx.periods.flow_or_level.last_in(clause) != Some(&true) {
        return When::year(w.year, Kind::Actual);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure::outline;

    fn meta(kind: DocKind, year: i32) -> Meta {
        Meta {
            title: String::new(),
            region: "x".into(),
            region_code: String::new(),
            kind,
            year: Some(year),
            published: None,
            inferred: vec![],
        }
    }

    fn full_when(text: &str, m: &Meta, needle: &str) -> When {
        let lx = Lexicon::load(None).unwrap();
        let o = outline(text);
        let tl = Timeline::new(text, &o, m, &lx);
        let p = text.find(needle).unwrap();
        let b = o.block_at(p);
        let (s, e) = crate::structure::sentence_span(text, 0, text.len(), p);
        tl.when(&lx, m, b, &text[s..e], &text[s..p])
    }

    fn when_of(text: &str, m: &Meta, needle: &str) -> (Option<i32>, &'static str) {
        let w = full_when(text, m, needle);
        (w.year, w.kind.as_str())
    }

    /// "2021-2025 actual", "2025 target".
    fn label(text: &str, m: &Meta, needle: &str) -> String {
        let w = full_when(text, m, needle);
        let y = w.year.unwrap_or(0);
        format!(
            "{} {}",
            crate::compare::period_label(w.year_from, y),
            w.kind.as_str()
        )
    }

    /// A 2026 report in the shape provinces write them: the review of the
    /// last plan and of last year, the next plan's goals, this year's
    /// targets.
    const PLAN_YEAR_REPORT: &str = "一、“十四五”时期和2025年工作回顾\n过去的五年极不寻常。\n综合实力稳步提升。生产总值6.66万亿元,城镇新增就业603.7万人,居民人均可支配收入年均增长6%,常住人口城镇化率60%,累计建成高标准农田4397万亩。\n刚刚过去的2025年很不平凡。一年来,城镇新增就业121.7万人。\n二、“十五五”时期主要目标任务\n经济年均增长5%左右,常住人口城镇化率达到65%左右,城镇新增就业500万人以上。\n三、2026年重点工作安排\n主要预期目标是:城镇新增就业110万人以上,粮食产量1300亿斤以上、力争比去年实现更多增长。到2028年建成500个。";

    #[test]
    fn five_year_plans_and_their_years() {
        let m = meta(DocKind::WorkReport, 2026);
        let t = PLAN_YEAR_REPORT;
        // A past period's flows and averages are the period's ...
        assert_eq!(label(t, &m, "603.7"), "2021-2025 actual");
        assert_eq!(label(t, &m, "6%"), "2021-2025 actual");
        // ... its levels are the last year's.
        assert_eq!(label(t, &m, "6.66"), "2025 actual");
        assert_eq!(label(t, &m, "60%"), "2025 actual");
        assert_eq!(label(t, &m, "4397"), "2025 actual");
        // A paragraph naming its year ends the period.
        assert_eq!(label(t, &m, "121.7"), "2025 actual");
        // The next plan's goals, all of them.
        assert_eq!(label(t, &m, "5%左右"), "2026-2030 target");
        assert_eq!(label(t, &m, "65%"), "2026-2030 target");
        assert_eq!(label(t, &m, "500万"), "2026-2030 target");
        // This year's targets, though a clause looks back (去年).
        assert_eq!(label(t, &m, "110万"), "2026 target");
        assert_eq!(label(t, &m, "1300亿"), "2026 target");
        // A deadline: 到2028年.
        assert_eq!(label(t, &m, "500个"), "2028 target");
    }

    #[test]
    fn period_cues() {
        let m = meta(DocKind::WorkReport, 2026);
        let cases = [
            (
                "一、工作回顾\n五年来,累计新增就业100万人。",
                "100万",
                "2021-2025 actual",
            ),
            (
                "一、工作回顾\n过去五年,新建学校50所。",
                "50所",
                "2021-2025 actual",
            ),
            (
                "一、工作回顾\n这五年,改造老旧小区600个。",
                "600个",
                "2021-2025 actual",
            ),
            (
                "一、工作回顾\n“十三五”时期,新增就业80万人。",
                "80万",
                "2016-2020 actual",
            ),
            (
                "一、工作回顾\n耕地面积连续4年净增累计超过170万亩。",
                "170万",
                "2022-2025 actual",
            ),
            (
                "一、工作回顾\n财政收入达到1350亿元,3年增长58.6%。",
                "58.6%",
                "2023-2025 actual",
            ),
            (
                "一、工作回顾\n财政收入达到1350亿元,3年增长58.6%。",
                "1350",
                "2025 actual",
            ),
            (
                "二、今后工作\n今后五年,新增就业500万人。",
                "500万",
                "2026-2030 target",
            ),
            (
                "二、工作安排\n2026—2028年,新建学校30所。",
                "30所",
                "2026-2028 target",
            ),
            // A span inside a cited title is not the figure's.
            (
                "三、2026年工作安排\n落实《规划(2021—2035年)》,新建学校30所。",
                "30所",
                "2026 target",
            ),
        ];
        for (t, needle, want) in cases {
            assert_eq!(label(t, &m, needle), want, "{t}");
        }
        // A year count in words: 两, 十, 十二.
        assert_eq!(count_of_years("两"), Some(2));
        assert_eq!(count_of_years("十二"), Some(12));
        assert_eq!(count_of_years("二十"), Some(20));
        assert_eq!(count_of_years("2025"), Some(2025));
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
