//! Figures: takes normalised text, gives every numeric expression in it as a
//! `Mention`: a figure (a quantity with a unit or counter, its qualifier and
//! bounds) or a classified non-figure (year, date, ordinal, code, class,
//! condition, baseline, other).
//!
//! Every Arabic digit run becomes a mention. A Chinese numeral becomes one
//! when it quantifies (a unit or counter follows), ranks (第 precedes) or
//! numbers a heading; elsewhere it is part of a word (统一, 一体化,
//! 进一步) and not a number at all.
//!
//! This file holds the types, the reading context and `scan`; `classify`
//! decides what one number is, `link` relates the mentions of a text.

mod classify;
mod link;

use crate::lexicon::{Lexicon, Qualifier};
use crate::marks;
use crate::numbers::{last_place, Form, NumToken};
use link::{link_between, link_bounds, link_comparatives, link_distributive, link_from_to};

/// What a numeric expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Figure,
    Year,
    Date,
    Ordinal,
    Code,
    Class,
    Condition,
    /// The old value of a from–to pair (由1000元提高至3000元).
    Baseline,
    Other,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Figure => "figure",
            Role::Year => "year",
            Role::Date => "date",
            Role::Ordinal => "ordinal",
            Role::Code => "code",
            Role::Class => "class",
            Role::Condition => "condition",
            Role::Baseline => "baseline",
            Role::Other => "other",
        }
    }

    /// The six roles `yoy scan` reports.
    pub fn coarse(self) -> &'static str {
        match self {
            Role::Figure => "figure",
            Role::Year => "year",
            Role::Date => "date",
            Role::Ordinal => "ordinal",
            Role::Code => "code",
            _ => "other",
        }
    }
}

/// One numeric expression with its classification. Offsets are bytes in
/// the normalised text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Whole expression: qualifier words, number(s), unit.
    pub start: usize,
    pub end: usize,
    /// The number itself (first number of a range).
    pub num_start: usize,
    pub num_end: usize,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// Base unit ("" when none).
    pub unit: String,
    pub role: Role,
    /// Why it got its role, in a word or two.
    pub reason: &'static str,
    /// Old value of a from–to pair.
    pub from_value: Option<f64>,
    /// Subject of a distributive list (分别), when it has its own.
    pub subject: Option<String>,
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// Byte offset at most `reach` bytes before `pos`, on a char boundary.
fn back(text: &str, pos: usize, reach: usize) -> usize {
    let mut p = pos.saturating_sub(reach);
    while !text.is_char_boundary(p) {
        p += 1;
    }
    p
}

/// Byte offset at most `reach` bytes after `pos`, on a char boundary.
fn ahead(text: &str, pos: usize, reach: usize) -> usize {
    let mut p = (pos + reach).min(text.len());
    while !text.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// True when `pos` lies inside a short “quoted” name. Only a window around
/// `pos` is looked at, so the check costs the same in any document.
fn in_short_quotes(text: &str, pos: usize, max_chars: usize) -> bool {
    let reach = (max_chars + 2) * 4;
    let lo = back(text, pos, reach);
    let Some(open) = text[lo..pos].rfind(marks::OPEN_QUOTES).map(|p| lo + p) else {
        return false;
    };
    // A closing quote between the opener and pos means we are outside.
    let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
    if text[open + open_len..pos].contains(marks::CLOSE_QUOTES) {
        return false;
    }
    let hi = ahead(text, pos, reach);
    let Some(close) = text[pos..hi].find(marks::CLOSE_QUOTES) else {
        return false;
    };
    let inner = &text[open + open_len..pos + close];
    inner.chars().count() <= max_chars && !inner.contains('\n')
}

/// True when `pos` is at the start of a line, ignoring spaces and an
/// opening bracket.
fn at_line_start(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\t', '(']);
    before.is_empty() || before.ends_with('\n')
}

struct Ctx<'a> {
    text: &'a str,
    lx: &'a Lexicon,
}

impl Ctx<'_> {
    /// The value a trailing multiplier character stands for (两~3百: the
    /// 百 is shared).
    fn multiplier(&self, c: char) -> Option<f64> {
        self.lx.numerals.place(c)
    }

    fn read(&self, pos: usize) -> Option<NumToken> {
        self.lx.numerals.read(self.text, pos)
    }

    fn is_numeral_char(&self, c: char) -> bool {
        self.lx.numerals.is_numeral_char(c)
    }

    /// True when a sign character at `pos` opens a number: 负 always, a
    /// minus only where it cannot be a range dash or a hyphen (not after a
    /// digit, letter, numeral, unit or another dash).
    fn sign_opens_number(&self, pos: usize, c: char) -> bool {
        if !self.lx.numerals.is_negative(c) {
            return false;
        }
        if crate::text::is_cjk(c) {
            return true;
        }
        let Some(p) = prev_char(self.text, pos) else {
            return true;
        };
        !(p.is_ascii_alphanumeric()
            || matches!(p, '-' | '.' | '%' | ')' | '~' | '/' | '_' | marks::DASH)
            || self.lx.numerals.is_negative(p)
            || self.lx.numerals.dash_after(p)
            || self.is_numeral_char(p)
            || self.lx.units.ending_at(self.text, pos).is_some())
    }

    /// True when a number may start at `pos` with character `c`.
    fn starts_number(&self, pos: usize, c: char) -> bool {
        if c.is_ascii_digit() {
            return true;
        }
        if c == '.' {
            // .5: a decimal without its zero, not the tail of 1.2.3.
            let prev = prev_char(self.text, pos);
            return self.text[pos + 1..].starts_with(|d: char| d.is_ascii_digit())
                && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '.');
        }
        (self.is_numeral_char(c) && !self.lx.numerals.is_point(c)) || self.sign_opens_number(pos, c)
    }

    /// 5兆瓦, 3千瓦: a place that starts a unit belongs to the unit when
    /// the rest of that unit is no unit of its own (三千米 stays 3000 米).
    fn unit_takes_place(&self, tok: NumToken) -> NumToken {
        let Some(last) = self.text[tok.start..tok.end].chars().next_back() else {
            return tok;
        };
        if self.multiplier(last).is_none() || tok.form != Form::Plain {
            return tok;
        }
        let at = tok.end - last.len_utf8();
        if at <= tok.start {
            return tok;
        }
        match self.lx.units.at(self.text, at) {
            Some((_, len)) if len > last.len_utf8() => {
                if self.lx.units.at(self.text, tok.end).is_some() {
                    return tok;
                }
                self.lx
                    .numerals
                    .read(&self.text[..at], tok.start)
                    .filter(|t| t.end == at)
                    .unwrap_or(tok)
            }
            _ => tok,
        }
    }

    fn non_figure(&self, tok: &NumToken, end: usize, role: Role, reason: &'static str) -> Mention {
        // 500余万 keeps its range even where it counts nothing.
        let (qualifier, low, high) = match (tok.approx, tok.high) {
            (Some(q), Some(h)) => (q, Some(tok.value.min(h)), Some(tok.value.max(h))),
            _ => (Qualifier::Eq, None, None),
        };
        Mention {
            start: tok.start,
            end: end.max(tok.end),
            num_start: tok.start,
            num_end: tok.end,
            value: tok.value,
            low,
            high,
            qualifier,
            unit: String::new(),
            role,
            reason,
            from_value: None,
            subject: None,
        }
    }

    /// A number with no unit (三百万, 一千到一千五百, 大于10): not a
    /// figure, but it keeps the bounds its words give it.
    fn bare(
        &self,
        tok: &NumToken,
        start: usize,
        end: usize,
        value: f64,
        qualifier: Option<Qualifier>,
        high2: Option<f64>,
    ) -> Mention {
        let (text, lx) = (self.text, self.lx);
        let mut m = self.non_figure(tok, end, Role::Other, "no unit");
        let mut q = qualifier;
        let mut end = end;
        if let Some((sq, len)) = lx.suffix_q.at(text, end) {
            q = q.or(Some(*sq));
            end += len;
        }
        let mut start = start;
        if let Some((pq, len)) = lx.prefix_q.ending_at(text, start) {
            if q.is_none() || q == Some(Qualifier::Approx) && *pq == Qualifier::Approx {
                q = Some(*pq);
            }
            start -= len;
        }
        let Some(q) = q else {
            return m;
        };
        let tol = lx.config.approx_tolerance;
        let (low, high) = match q {
            Qualifier::Eq => (Some(value), Some(value)),
            Qualifier::Gt if tok.high.is_some() => (Some(value), tok.high),
            Qualifier::Gt if tok.end < m.end => (Some(value), Some(value + last_place(value))),
            Qualifier::Ge | Qualifier::Gt => (Some(value), None),
            Qualifier::Approx => (Some(value * (1.0 - tol)), Some(value * (1.0 + tol))),
            Qualifier::Le | Qualifier::Lt => (None, Some(value)),
            Qualifier::Range => (Some(value), high2),
        };
        m.start = start;
        m.end = end.max(m.end);
        m.value = value;
        m.qualifier = q;
        m.low = low;
        m.high = high;
        m
    }

    /// End of the ASCII alphanumeric token around a number (PM2.5, 5G).
    fn alnum_end(&self, pos: usize) -> usize {
        let b = self.text.as_bytes();
        let mut e = pos;
        while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'.') {
            e += 1;
        }
        e
    }

    /// Reads an optional 余/多 and a unit at `pos`; returns (qualifier from
    /// the infix, unit, position after).
    fn unit_at(&self, pos: usize) -> (Option<Qualifier>, Option<&crate::lexicon::Unit>, usize) {
        let mut p = pos;
        let mut q = None;
        if let Some((iq, len)) = self.lx.infix_q.at(self.text, p) {
            // 多 or 余 only qualifies when a unit (or the end of the phrase)
            // follows: 3000多人, 5万余个; not 100个多功能.
            let after = p + len;
            if self.lx.units.at(self.text, after).is_some()
                || next_char(self.text, after).is_none_or(|c| !crate::text::is_cjk(c))
            {
                q = Some(*iq);
                p = after;
            }
        }
        match self.lx.units.at(self.text, p) {
            Some((u, len)) => (q, Some(u), p + len),
            None => (q, None, p),
        }
    }
}

/// Scans normalised text for every numeric expression.
pub fn scan(text: &str, lx: &Lexicon) -> Vec<Mention> {
    let ctx = Ctx { text, lx };
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = next_char(text, i) else { break };
        if !ctx.starts_number(i, c) {
            i += c.len_utf8();
            continue;
        }
        // An item number whatever follows it (3．10种有色金属 in a list
        // that goes 2., 3., 4.): the number after it is read on its own.
        if at_line_start(text, i) {
            if let Some((_, len)) = crate::structure::sequence_marker(text, i) {
                let digits = len - 1;
                out.push(Mention {
                    start: i,
                    end: i + digits,
                    num_start: i,
                    num_end: i + digits,
                    value: text[i..i + digits].parse().unwrap_or(0.0),
                    low: None,
                    high: None,
                    qualifier: Qualifier::Eq,
                    unit: String::new(),
                    role: Role::Ordinal,
                    reason: "item number",
                    from_value: None,
                    subject: None,
                });
                i += len;
                continue;
            }
        }
        match ctx.read(i) {
            Some(tok) => {
                let tok = ctx.unit_takes_place(tok);
                let next_i = match ctx.classify(&tok) {
                    Some(m) => {
                        let e = m.end.max(tok.end);
                        out.push(m);
                        e
                    }
                    None => tok.end,
                };
                i = next_i.max(i + c.len_utf8());
            }
            None => i += c.len_utf8(),
        }
    }
    link_from_to(text, lx, &mut out);
    link_comparatives(text, lx, &mut out);
    link_between(text, lx, &mut out);
    link_bounds(text, lx, &mut out);
    link_distributive(text, lx, &mut out);
    // A value no figure can have (a 400-digit run is infinite as a float;
    // two of them would compare as NaN) is kept as a non-figure, and every
    // value that leaves this stage is finite.
    for m in &mut out {
        if beyond_any_figure(m, lx.config.largest_figure) {
            m.role = Role::Other;
            m.reason = BEYOND_ANY_FIGURE;
            m.value = finite_or(m.value, m.value.signum() * lx.config.largest_figure);
            m.low = m.low.filter(|v| v.is_finite());
            m.high = m.high.filter(|v| v.is_finite());
            m.from_value = m.from_value.filter(|v| v.is_finite());
        }
    }
    out
}

/// The reason given to a number too large to be a figure.
pub const BEYOND_ANY_FIGURE: &str = "beyond any figure";

/// True when a mention's value, bounds or old value are not finite or
/// reach `largest` in size.
fn beyond_any_figure(m: &Mention, largest: f64) -> bool {
    std::iter::once(m.value)
        .chain(m.low)
        .chain(m.high)
        .chain(m.from_value)
        .any(|v| !v.is_finite() || v.abs() >= largest)
}

fn finite_or(v: f64, instead: f64) -> f64 {
    if v.is_finite() {
        v
    } else if instead.is_finite() {
        instead
    } else {
        0.0
    }
}

/// Clause boundaries for the purposes of pairing and subjects.
pub fn is_clause_break(c: char) -> bool {
    c == '\n' || marks::ends_clause(c)
}

/// Longest stretch (bytes) a clause is looked for on either side of a
/// figure: text without punctuation must not make every clause the whole
/// document.
const CLAUSE_REACH: usize = 400;

/// Start of the clause holding `pos`: after the last clause break before
/// it, or an unclosed opening bracket.
pub fn clause_start(text: &str, pos: usize) -> usize {
    let mut depth = 0i32;
    let mut s = pos;
    let floor = back(text, pos, CLAUSE_REACH);
    while s > floor {
        let Some(c) = text[..s].chars().next_back() else {
            break;
        };
        if is_clause_break(c) {
            break;
        }
        match c {
            ')' => depth += 1,
            '(' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
        s -= c.len_utf8();
    }
    s
}

/// End of the clause holding `pos`.
pub fn clause_end(text: &str, pos: usize) -> usize {
    let mut depth = 0i32;
    let ceiling = ahead(text, pos, CLAUSE_REACH);
    for (off, c) in text[pos..ceiling].char_indices() {
        if is_clause_break(c) {
            return pos + off;
        }
        match c {
            '(' => depth += 1,
            ')' => {
                if depth == 0 {
                    return pos + off;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    ceiling
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lx() -> Lexicon {
        Lexicon::load(None).unwrap()
    }

    fn figures(text: &str) -> Vec<(String, f64, String, &'static str)> {
        let lx = lx();
        scan(text, &lx)
            .into_iter()
            .filter(|m| m.role == Role::Figure)
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.value,
                    m.unit.clone(),
                    m.qualifier.as_str(),
                )
            })
            .collect()
    }

    fn roles(text: &str) -> Vec<(String, &'static str)> {
        let lx = lx();
        scan(text, &lx)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.role.as_str()))
            .collect()
    }

    #[test]
    fn quantities_with_qualifiers() {
        let f =
            figures("城镇新增就业35万人以上,约6.2万个,超5000个,5万余个,35项左右,不少于6万人,1—2处");
        assert_eq!(
            f,
            vec![
                ("35万人以上".into(), 350000.0, "人".into(), "ge"),
                ("约6.2万个".into(), 62000.0, "个".into(), "approx"),
                ("超5000个".into(), 5000.0, "个".into(), "gt"),
                ("5万余个".into(), 50000.0, "个".into(), "gt"),
                ("35项左右".into(), 35.0, "项".into(), "approx"),
                ("不少于6万人".into(), 60000.0, "人".into(), "ge"),
                ("1—2处".into(), 1.0, "处".into(), "range"),
            ]
        );
    }

    #[test]
    fn numbers_beyond_any_figure() {
        let lx = lx();
        let huge = "9".repeat(400);
        for text in [
            format!("新增{huge}个"),
            format!("投资{huge}亿元,达{huge}万元"),
            "总投资200000000亿亿元".to_string(),
        ] {
            let ms = scan(&text, &lx);
            assert!(!ms.is_empty(), "{text}");
            for m in ms {
                assert_eq!(m.role, Role::Other, "{text}");
                assert_eq!(m.reason, BEYOND_ANY_FIGURE);
                assert!(m.value.is_finite());
                assert!(m.low.into_iter().chain(m.high).all(f64::is_finite));
            }
        }
        // The largest real amounts stay figures.
        assert_eq!(figures("国内生产总值126万亿元")[0].1, 1.26e14);
        assert_eq!(figures("算力总规模达10.36百亿亿次")[0].1, 1.036e19);
    }

    #[test]
    fn base_units() {
        let f = figures("总投资5351亿元,450万平方米,百分之五,两到三万元,300万吨");
        let vals: Vec<(f64, &str)> = f.iter().map(|x| (x.1, x.2.as_str())).collect();
        assert_eq!(
            vals,
            vec![
                (535100000000.0, "元"),
                (4500000.0, "平方米"),
                (5.0, "%"),
                (20000.0, "元"),
                (3000000.0, "吨")
            ]
        );
    }

    #[test]
    fn non_figures() {
        let r = roles("推动地铁6号线一期开通,2024年1月1日起,第二届嘉年华,65岁以上的老年人,“12356”工作,“15515+N”工程,(国发〔2022〕18号),(2023—2025年),PM2.5浓度,20版,30万吨级,5G基站,12月底前");
        let want = [
            ("6号线", "code"),
            ("一期", "ordinal"),
            ("2024年", "year"),
            ("1月", "date"),
            ("1日", "date"),
            ("第二届", "ordinal"),
            ("65岁以上", "condition"),
            ("12356", "code"),
            ("15515", "code"),
            ("2022", "code"),
            ("18号", "code"),
            ("2023—2025年", "year"),
            ("2.5", "code"),
            ("20版", "code"),
            ("30万吨级", "class"),
            ("5G", "code"),
            ("12月", "date"),
        ];
        let got: Vec<(&str, &str)> = r.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn classes_conditions_and_names() {
        let r = roles("建设10万千瓦级项目,引进5000万元以上的项目20个,总投资1亿元以上项目,打造15分钟便民生活圈,新增就业35万人以上。");
        let got: Vec<(&str, &str)> = r.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        assert_eq!(
            got,
            vec![
                ("10万千瓦级", "class"),
                ("5000万元以上", "condition"),
                ("20个", "figure"),
                ("1亿元以上", "condition"),
                ("15分钟", "code"),
                ("35万人以上", "figure"),
            ]
        );
    }

    #[test]
    fn chinese_words_are_not_numbers() {
        assert!(roles("进一步统一推进一体化,一网统管").is_empty());
        let r = roles("一批项目,两个集群,千家万户");
        assert_eq!(r[0].1, "other");
        assert_eq!(r[1], ("两个".to_string(), "figure"));
    }

    /// Every written form of a number the reader knows, in a sentence:
    /// (text, quote, value, unit, qualifier, low, high).
    #[test]
    fn numeral_forms_in_sentences() {
        type Case = (
            &'static str,
            &'static str,
            f64,
            &'static str,
            &'static str,
            Option<f64>,
            Option<f64>,
        );
        let third = 1.0 / 3.0;
        let cases: &[Case] = &[
            // Approximate words before the multiplier: a range.
            (
                "惠及500余万人。",
                "500余万人",
                5e6,
                "人",
                "gt",
                Some(5e6),
                Some(6e6),
            ),
            (
                "投资一千多万元。",
                "一千多万元",
                1e7,
                "元",
                "gt",
                Some(1e7),
                Some(2e7),
            ),
            (
                "新增就业十多万人。",
                "十多万人",
                1e5,
                "人",
                "gt",
                Some(1e5),
                Some(2e5),
            ),
            (
                "惠及二十几万人。",
                "二十几万人",
                2e5,
                "人",
                "gt",
                Some(2e5),
                Some(3e5),
            ),
            (
                "建成三十来个。",
                "三十来个",
                30.0,
                "个",
                "approx",
                Some(28.5),
                Some(31.5),
            ),
            (
                "惠及5万余人。",
                "5万余人",
                5e4,
                "人",
                "gt",
                Some(5e4),
                Some(6e4),
            ),
            // Signs.
            (
                "居民消费价格上涨-0.3%。",
                "-0.3%",
                -0.3,
                "%",
                "eq",
                Some(-0.3),
                Some(-0.3),
            ),
            (
                "增速为负3.5%。",
                "负3.5%",
                -3.5,
                "%",
                "eq",
                Some(-3.5),
                Some(-3.5),
            ),
            (
                "增速为−0.3%。",
                "−0.3%",
                -0.3,
                "%",
                "eq",
                Some(-0.3),
                Some(-0.3),
            ),
            (
                "居民消费价格下降0.3%。",
                "0.3%",
                0.3,
                "%",
                "eq",
                Some(0.3),
                Some(0.3),
            ),
            // Fractions and per-mille.
            (
                "占全省的1/3。",
                "1/3",
                third,
                "比例",
                "eq",
                Some(third),
                Some(third),
            ),
            (
                "占全省的三分之一以上。",
                "三分之一以上",
                third,
                "比例",
                "ge",
                Some(third),
                None,
            ),
            (
                "出生率为千分之五。",
                "千分之五",
                5.0,
                "‰",
                "eq",
                Some(5.0),
                Some(5.0),
            ),
            ("出生率为5‰。", "5‰", 5.0, "‰", "eq", Some(5.0), Some(5.0)),
            (
                "比重达百分之五。",
                "百分之五",
                5.0,
                "%",
                "eq",
                Some(5.0),
                Some(5.0),
            ),
            (
                "增长二点五倍。",
                "二点五倍",
                2.5,
                "倍",
                "eq",
                Some(2.5),
                Some(2.5),
            ),
            // Decimals after a shortened numeral.
            (
                "投资两千三点一万元。",
                "两千三点一万元",
                23_100_000.0,
                "元",
                "eq",
                Some(23_100_000.0),
                Some(23_100_000.0),
            ),
            // Spaces from PDFs, stacked sections, Arabic with places.
            (
                "惠及1000 万人。",
                "1000 万人",
                1e7,
                "人",
                "eq",
                Some(1e7),
                Some(1e7),
            ),
            (
                "新增3万4千人。",
                "3万4千人",
                34000.0,
                "人",
                "eq",
                Some(34000.0),
                Some(34000.0),
            ),
            (
                "新增1千零20个。",
                "1千零20个",
                1020.0,
                "个",
                "eq",
                Some(1020.0),
                Some(1020.0),
            ),
            (
                "投资2千零30万元。",
                "2千零30万元",
                2.03e7,
                "元",
                "eq",
                Some(2.03e7),
                Some(2.03e7),
            ),
            (
                "四万万人。",
                "四万万人",
                4e8,
                "人",
                "eq",
                Some(4e8),
                Some(4e8),
            ),
            // A place that starts a unit belongs to it.
            (
                "装机5兆瓦。",
                "5兆瓦",
                5000.0,
                "千瓦",
                "eq",
                Some(5000.0),
                Some(5000.0),
            ),
            ("完成五项。", "五项", 5.0, "项", "eq", Some(5.0), Some(5.0)),
        ];
        let lx = lx();
        for (text, quote, value, unit, q, low, high) in cases {
            let ms: Vec<Mention> = scan(text, &lx)
                .into_iter()
                .filter(|m| m.role == Role::Figure)
                .collect();
            assert_eq!(ms.len(), 1, "{text}: {ms:?}");
            let m = &ms[0];
            let near = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-9 * a.abs().max(1.0),
                (None, None) => true,
                _ => false,
            };
            assert_eq!(&text[m.start..m.end], *quote, "{text}");
            assert!(
                near(Some(m.value), Some(*value)),
                "{text}: value {}",
                m.value
            );
            assert_eq!(
                (m.unit.as_str(), m.qualifier.as_str()),
                (*unit, *q),
                "{text}"
            );
            assert!(
                near(m.low, *low) && near(m.high, *high),
                "{text}: {:?}..{:?}",
                m.low,
                m.high
            );
        }
    }

    /// Bounds given by words around numbers: (text, quote, qualifier, low,
    /// high) of the one mention each gives.
    #[test]
    fn bounds_from_words_around_numbers() {
        type Case = (
            &'static str,
            &'static str,
            &'static str,
            Option<f64>,
            Option<f64>,
        );
        let cases: &[Case] = &[
            (
                "增速不低于5%、不高于8%。",
                "不低于5%、不高于8%",
                "range",
                Some(5.0),
                Some(8.0),
            ),
            (
                "大于10小于20",
                "大于10小于20",
                "range",
                Some(10.0),
                Some(20.0),
            ),
            (
                "大于二十的同时小于等于三十五",
                "大于二十的同时小于等于三十五",
                "range",
                Some(20.0),
                Some(35.0),
            ),
            (
                "控制在3%和5%之间",
                "控制在3%和5%之间",
                "range",
                Some(3.0),
                Some(5.0),
            ),
            ("比三十大", "比三十大", "gt", Some(30.0), None),
            ("比 170 低", "比 170 低", "lt", None, Some(170.0)),
            (
                "大于或者等于三千 九百 六十五",
                "大于或者等于三千 九百 六十五",
                "ge",
                Some(3965.0),
                None,
            ),
            ("超过1/2", "超过1/2", "gt", Some(0.5), None),
        ];
        let lx = lx();
        for (text, quote, q, low, high) in cases {
            let ms = scan(text, &lx);
            assert_eq!(ms.len(), 1, "{text}: {ms:?}");
            let m = &ms[0];
            assert_eq!(
                (&text[m.start..m.end], m.qualifier.as_str()),
                (*quote, *q),
                "{text}"
            );
            assert_eq!((m.low, m.high), (*low, *high), "{text}");
        }
        // Two bounds of different things stay two: 增长6%以上，失业率5.5%以内.
        let ms = scan("增长6%以上，失业率5.5%以内", &lx);
        assert_eq!(ms.len(), 2);
    }

    #[test]
    fn signs_and_fractions_are_never_dashes_dates_or_items() {
        let r = roles("1-2处,5%-6%,2022-2023年,一体化,一些,一批,统一,--9,2023年-2025年");
        let got: Vec<(&str, &str)> = r.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        assert_eq!(
            got,
            vec![
                ("1-2处", "figure"),
                ("5%-6%", "figure"),
                ("2022-2023年", "year"),
                ("一", "other"),
                ("一", "other"),
                ("9", "other"),
                ("2023年", "year"),
                ("2025年", "year")
            ]
        );
        // Numerals standing alone are numbers; inside words they are not.
        let r = roles("“五”和“二”");
        assert_eq!(r.len(), 2);
        assert!(roles("四川陆地一看").is_empty());
    }

    #[test]
    fn from_to_and_distributive() {
        let lx = lx();
        let t = "将补助标准由1000元提高至3000元";
        let ms = scan(t, &lx);
        assert_eq!(ms[0].role, Role::Baseline);
        assert_eq!((ms[1].value, ms[1].from_value), (3000.0, Some(1000.0)));
        let t = "高新技术企业、科技型中小企业分别达到7300家、8000家";
        let ms = scan(t, &lx);
        assert_eq!(ms[0].subject.as_deref(), Some("高新技术企业"));
        assert_eq!(ms[1].subject.as_deref(), Some("科技型中小企业"));
        let t = "一、二、三级医疗机构报销比例分别达到80%、70%、60%";
        let ms = scan(t, &lx);
        let subj: Vec<_> = ms.iter().filter_map(|m| m.subject.clone()).collect();
        assert_eq!(
            subj,
            vec![
                "一级医疗机构报销比例",
                "二级医疗机构报销比例",
                "三级医疗机构报销比例"
            ]
        );
    }
}
