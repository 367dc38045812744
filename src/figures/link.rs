//! Linking passes: take the mentions `scan` found in one text, give them
//! their relations — a baseline from 由…提高至, bounds from comparatives
//! (比三十大), ranges from 在…和…之间 and from a lower then an upper bound,
//! and the subject of each figure in a distributive list (分别).

use super::{clause_start, is_clause_break, Mention, Role};
use crate::lexicon::{Lexicon, Qualifier};
use crate::marks;

/// 由1000元提高至3000元: the first becomes the baseline of the second.
pub(super) fn link_from_to(text: &str, lx: &Lexicon, ms: &mut [Mention]) {
    for k in 1..ms.len() {
        let (a, b) = (&ms[k - 1], &ms[k]);
        if a.role != Role::Figure || b.role != Role::Figure || a.end > b.start {
            continue;
        }
        let between = &text[a.end..b.start];
        if between.chars().count() > 8 || between.contains(is_clause_break) {
            continue;
        }
        let to_ok = lx.to_words.ending_at(text, b.start).is_some();
        let from_ok = lx.from_words.ending_at(text, a.start).is_some();
        if to_ok && from_ok {
            let v = ms[k - 1].value;
            ms[k - 1].role = Role::Baseline;
            ms[k - 1].reason = "from–to baseline";
            ms[k].from_value = Some(v);
        }
    }
}

/// True when `m` states one value, with no bound of its own.
fn is_point(m: &Mention) -> bool {
    m.qualifier == Qualifier::Eq
}

/// 比三十大, 比 170 低: a comparative around a number bounds it.
pub(super) fn link_comparatives(text: &str, lx: &Lexicon, ms: &mut [Mention]) {
    if lx.comparative_before.is_empty() {
        return;
    }
    for m in ms.iter_mut() {
        if !is_point(m) || !matches!(m.role, Role::Figure | Role::Other) {
            continue;
        }
        let before = text[..m.start].trim_end_matches([' ', '\t']);
        let Some(w) = lx
            .comparative_before
            .iter()
            .find(|w| before.ends_with(w.as_str()))
        else {
            continue;
        };
        // After the whole mention (比3%高), or right after the number when
        // the word was taken for a grouping (比三十大: not 三十大 like 十大).
        let skip =
            |p: usize| p + (text[p..].len() - text[p..].trim_start_matches([' ', '\t']).len());
        let mut ends = vec![skip(m.end)];
        if m.role == Role::Other {
            ends.push(skip(m.num_end));
        }
        let Some((after, q, len)) = ends
            .into_iter()
            .find_map(|p| lx.comparative_after.at(text, p).map(|(q, len)| (p, q, len)))
        else {
            continue;
        };
        if m.role == Role::Other && m.reason == "named grouping" {
            m.reason = "no unit";
        }
        m.start = before.len() - w.len();
        m.end = after + len;
        m.qualifier = *q;
        (m.low, m.high) = match q {
            Qualifier::Gt | Qualifier::Ge => (Some(m.value), None),
            _ => (None, Some(m.value)),
        };
    }
}

/// 在20和30之间: two single values joined by a between word and closed by
/// 之间 are a range.
pub(super) fn link_between(text: &str, lx: &Lexicon, ms: &mut Vec<Mention>) {
    let mut k = 1;
    while k < ms.len() {
        let (a, b) = (&ms[k - 1], &ms[k]);
        // The first may carry a word of its own (控制在3%和5%之间).
        let ok = a.qualifier != Qualifier::Range
            && is_point(b)
            && a.role == b.role
            && a.end <= b.start
            && a.value <= b.value;
        let gap = if ok {
            text[a.end..b.start].trim_matches([' ', '\t'])
        } else {
            ""
        };
        // The second number may carry 第 (第十和第十五之间).
        let gap = gap.trim_end_matches(marks::ORDINAL);
        let joined = ok && lx.between_joiners.iter().any(|w| w == gap);
        let after = text[b.end..].trim_start_matches([' ', '\t']);
        let closer = lx
            .between_closers
            .iter()
            .find(|c| after.starts_with(c.as_str()));
        match closer {
            Some(c) if joined => {
                let end = text.len() - after.len() + c.len();
                let b = ms.remove(k);
                let a = &mut ms[k - 1];
                a.low = Some(a.value);
                a.high = Some(b.value);
                a.end = end;
                a.qualifier = Qualifier::Range;
            }
            _ => k += 1,
        }
    }
}

/// 大于10小于20, 5%以上、8%以下: a lower bound and then an upper bound of
/// the same unit, joined by nothing but a joiner word, are one range.
pub(super) fn link_bounds(text: &str, lx: &Lexicon, ms: &mut Vec<Mention>) {
    let lower = |m: &Mention| m.low.is_some() && m.high.is_none();
    let upper = |m: &Mention| m.low.is_none() && m.high.is_some();
    let mut k = 1;
    while k < ms.len() {
        let (a, b) = (&ms[k - 1], &ms[k]);
        let pair = (lower(a) && upper(b)) || (upper(a) && lower(b));
        if !pair || a.role != b.role || a.unit != b.unit || a.end > b.start {
            k += 1;
            continue;
        }
        let mut gap = text[a.end..b.start].trim_matches([' ', '\t']);
        while let Some(w) = lx
            .bound_joiners
            .iter()
            .find(|w| gap.starts_with(w.as_str()))
        {
            gap = gap[w.len()..].trim_start_matches([' ', '\t']);
        }
        let (lo, hi) = if lower(a) {
            (a.low, b.high)
        } else {
            (b.low, a.high)
        };
        if !gap.is_empty() || lo.zip(hi).is_some_and(|(l, h)| l > h) {
            k += 1;
            continue;
        }
        let b = ms.remove(k);
        let a = &mut ms[k - 1];
        a.end = b.end;
        a.low = lo;
        a.high = hi;
        a.value = lo.unwrap_or(a.value);
        a.qualifier = Qualifier::Range;
    }
}

/// 高新技术企业、科技型中小企业分别达到7300家、8000家: each figure of the
/// list gets the subject at its position.
pub(super) fn link_distributive(text: &str, lx: &Lexicon, ms: &mut [Mention]) {
    // Mentions come in text order: the first at or after a place is found
    // by bisection (a scan from the start per 分别 is quadratic in a long
    // document).
    let sorted = ms.windows(2).all(|w| w[0].start <= w[1].start);
    for word in &lx.distributive {
        let mut from = 0;
        while let Some(p) = text[from..].find(word.as_str()) {
            let at = from + p;
            from = at + word.len();
            // Figures right after 分别 (a verb may stand between), joined by 、.
            let skip = if sorted {
                ms.partition_point(|m| m.start < from)
            } else {
                0
            };
            let first = ms[skip..]
                .iter()
                .position(|m| m.start >= from && m.role == Role::Figure)
                .map(|k| skip + k);
            let Some(first) = first else { continue };
            if text[from..ms[first].start].chars().count() > 6
                || text[from..ms[first].start].contains(is_clause_break)
            {
                continue;
            }
            let mut list = vec![first];
            let mut k = first + 1;
            while k < ms.len() && ms[k].role == Role::Figure {
                let gap = text[ms[list[list.len() - 1]].end..ms[k].start].trim();
                if !lx.list_joiners.iter().any(|j| j == gap) {
                    break;
                }
                list.push(k);
                k += 1;
            }
            if list.len() < 2 {
                continue;
            }
            let cs = clause_start(text, at);
            let subj_text = &text[cs..at];
            let (first_joiner, last_joiners) = lx
                .list_joiners
                .split_first()
                .map_or(("", &[][..]), |(f, rest)| (f.as_str(), rest));
            let mut parts: Vec<String> = subj_text
                .split(first_joiner)
                .map(|s| s.trim().to_string())
                .collect();
            // 和 joins the last two subjects too: A、B和C.
            if parts.len() + 1 == list.len() {
                if let Some(last) = parts.pop() {
                    let split = last_joiners
                        .iter()
                        .find_map(|j| last.split_once(j.as_str()));
                    match split {
                        Some((a, b)) => {
                            parts.push(a.to_string());
                            parts.push(b.to_string());
                        }
                        None => parts.push(last),
                    }
                }
            }
            if parts.len() != list.len() {
                continue;
            }
            // 一、二、三级医疗机构: the bare numerals share the last part's tail.
            if let Some(last) = parts.last().cloned() {
                let lead: String = last
                    .chars()
                    .take_while(|&c| lx.numerals.is_numeral_char(c) || c.is_ascii_digit())
                    .collect();
                let tail = &last[lead.len()..];
                if !lead.is_empty() {
                    for p in parts.iter_mut() {
                        if p.chars()
                            .all(|c| lx.numerals.is_numeral_char(c) || c.is_ascii_digit())
                        {
                            p.push_str(tail);
                        }
                    }
                }
            }
            for (k, part) in list.iter().zip(parts) {
                ms[*k].subject = Some(part);
            }
        }
    }
}
