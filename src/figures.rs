//! Figures: takes normalised text, gives every numeric expression in it as a
//! `Mention`: a figure (a quantity with a unit or counter, its qualifier and
//! bounds) or a classified non-figure (year, date, ordinal, code, class,
//! condition, baseline, other).
//!
//! Every Arabic digit run becomes a mention. A Chinese numeral becomes one
//! when it quantifies (a unit or counter follows), ranks (第 precedes) or
//! numbers a heading; elsewhere it is part of a word (统一, 一体化,
//! 进一步) and not a number at all.

use crate::lexicon::{LabelKind, Lexicon, Qualifier, UnitKind};
use crate::numbers::{last_place, Form, NumToken};

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
    let Some(open) = text[lo..pos].rfind(['“', '"', '「']).map(|p| lo + p) else {
        return false;
    };
    // A closing quote between the opener and pos means we are outside.
    let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
    if text[open + open_len..pos].contains(['”', '」']) {
        return false;
    }
    let hi = ahead(text, pos, reach);
    let Some(close) = text[pos..hi].find(['”', '"', '」']) else {
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
            || matches!(p, '-' | '.' | '%' | ')' | '~' | '/' | '_' | '—')
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

    fn classify(&self, tok: &NumToken) -> Option<Mention> {
        let text = self.text;
        let lx = self.lx;
        let prev = prev_char(text, tok.start);
        let next = next_char(text, tok.end);
        let raw = &text[tok.start..tok.end];
        let chinese_only = !tok.arabic;

        // Names built of letters and digits: PM2.5, G20, 5A, 5G.
        if tok.arabic && prev.is_some_and(|c| c.is_ascii_alphabetic()) {
            return Some(self.non_figure(
                tok,
                self.alnum_end(tok.end),
                Role::Code,
                "alphanumeric name",
            ));
        }
        if chinese_only && lx.vague_one.at(text, tok.start).is_some() {
            return Some(self.non_figure(tok, tok.end, Role::Other, "vague or idiom"));
        }
        if in_short_quotes(text, tok.start, lx.max_quoted_chars) {
            return Some(self.non_figure(tok, tok.end, Role::Code, "quoted name"));
        }
        if prev == Some('第') {
            let end = lx
                .units
                .at(text, tok.end)
                .map(|(_, l)| tok.end + l)
                .unwrap_or(tok.end);
            let mut m = self.non_figure(tok, end, Role::Ordinal, "ordinal");
            m.start = tok.start - '第'.len_utf8();
            return Some(m);
        }
        if prev == Some('+') || next == Some('+') {
            return Some(self.non_figure(tok, tok.end, Role::Code, "programme code"));
        }
        if at_line_start(text, tok.start) {
            let is_marker = match next {
                Some(c @ ('.' | '、')) => {
                    !text[tok.end + c.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
                }
                Some(')') => prev == Some('('),
                _ => false,
            };
            if is_marker {
                return Some(self.non_figure(tok, tok.end, Role::Ordinal, "item number"));
            }
        }
        if prev == Some('(') && next == Some(')') && chinese_only {
            return Some(self.non_figure(tok, tok.end, Role::Ordinal, "item number"));
        }
        if matches!(prev, Some('〔') | Some('[')) {
            return Some(self.non_figure(tok, tok.end, Role::Code, "document number"));
        }

        // Years: 2024年, 2023—2025年, 二〇二三年, or a bare 2023 in a title.
        let digits_only = raw.chars().all(|c| c.is_ascii_digit());
        let cn_digit_run = chinese_only
            && raw.chars().count() == 4
            && raw.chars().all(|c| crate::numbers::cn_digit(c).is_some());
        if ((digits_only && raw.len() == 4) || cn_digit_run)
            && (1900.0..=2100.0).contains(&tok.value)
        {
            let mut end = tok.end;
            if let Some((_, len)) = lx.range_sep.at(text, end) {
                let p = end + len;
                if let Some(t2) = self.read(p) {
                    let r2 = &text[t2.start..t2.end];
                    if r2.len() == 4 && r2.chars().all(|c| c.is_ascii_digit()) {
                        end = t2.end;
                    }
                }
            }
            if text[end..].starts_with('年') {
                end += '年'.len_utf8();
                if text[end..].starts_with('度') {
                    end += '度'.len_utf8();
                }
                return Some(self.non_figure(tok, end, Role::Year, "year"));
            }
            if text[end..].starts_with('届') {
                return Some(self.non_figure(tok, end + '届'.len_utf8(), Role::Ordinal, "cohort"));
            }
            if end > tok.end {
                return Some(self.non_figure(tok, end, Role::Year, "year range"));
            }
            let (_, unit, _) = self.unit_at(end);
            if unit.is_none() && tok.value >= 1949.0 {
                return Some(self.non_figure(tok, end, Role::Year, "year"));
            }
        }
        // Durations and ages of things: 连续4年, 三年行动.
        if text[tok.end..].starts_with('年') {
            if chinese_only && !text[tok.end..].starts_with("年来") {
                return Some(self.non_figure(
                    tok,
                    tok.end + '年'.len_utf8(),
                    Role::Other,
                    "years (duration or name)",
                ));
            }
            return Some(self.non_figure(
                tok,
                tok.end + '年'.len_utf8(),
                Role::Other,
                "years (duration)",
            ));
        }
        if prev == Some('每') {
            let (_, _, end) = self.unit_at(tok.end);
            return Some(self.non_figure(tok, end, Role::Other, "per-unit base"));
        }

        // A quantity: [prefix] number [余/多] [unit] [range] [suffix].
        let mut start = tok.start;
        let mut value = tok.value;
        let mut qualifier: Option<Qualifier> = None;
        let (iq, mut unit, mut pos) = self.unit_at(tok.end);
        // 比三十大: after a comparative, 大 compares; it names no group.
        let compared = lx.comparative_before.iter().any(|w| {
            text[..tok.start]
                .trim_end_matches([' ', '\t'])
                .ends_with(w.as_str())
        });
        if compared && unit.is_some_and(|u| u.kind == UnitKind::Grouping) {
            unit = None;
            pos = tok.end;
        }
        // 500余万, 二十几万: the numeral carries its own approximation.
        if tok.approx.is_some() {
            qualifier = tok.approx;
        } else if iq.is_some() {
            qualifier = iq;
        }
        let mut high2: Option<f64> = None;
        let tok_chinese = |t: &NumToken| !t.arabic;
        // Range: 1—2处, 5%至6%, 两到三万.
        if let Some((_, len)) = lx.range_sep.at(text, pos) {
            let p = pos + len;
            let starts_num =
                next_char(text, p).is_some_and(|c| c.is_ascii_digit() || self.is_numeral_char(c));
            if starts_num {
                if let Some(t2) = self.read(p) {
                    let (_, unit2, after2) = self.unit_at(t2.end);
                    let compatible = match (unit, unit2) {
                        (Some(a), Some(b)) => a.base() == b.base(),
                        _ => true,
                    };
                    // Bare Chinese numerals make a range too (一千到一千五百);
                    // bare Arabic ones need a unit (1-2 may be an item).
                    let bare_cn = chinese_only && tok_chinese(&t2);
                    if compatible && (unit.is_some() || unit2.is_some() || bare_cn) {
                        let raw2 = &text[t2.start..t2.end];
                        let mut v1 = value;
                        // 两到三万: the multiplier is shared.
                        // 一千到两千万 shares 万; 两~3百 shares 百.
                        if let Some(m) = raw2.chars().next_back().and_then(|c| self.multiplier(c)) {
                            let has_big = raw
                                .chars()
                                .any(|c| self.multiplier(c).is_some_and(|m| m >= 1e4));
                            let has_any = raw.chars().any(|c| self.multiplier(c).is_some());
                            if (m >= 1e4 && !has_big) || !has_any {
                                v1 *= m;
                            }
                        }
                        if v1 <= t2.value {
                            value = v1;
                            high2 = Some(t2.value);
                            unit = unit2.or(unit);
                            pos = after2;
                            qualifier = Some(Qualifier::Range);
                        }
                    }
                }
            }
        }
        // A per word names its unit (百分之五 → %, 千分之五 → ‰); a
        // fraction no unit follows is a share (1/3 → 比例).
        if unit.is_none() {
            match tok.form {
                Form::Per(k) => {
                    let name = lx.numerals.per_unit(k);
                    unit = lx
                        .units
                        .at(name, 0)
                        .filter(|&(_, len)| len == name.len())
                        .map(|(u, _)| u);
                }
                Form::Fraction => unit = Some(&lx.fraction_unit),
                Form::Plain => {}
            }
        }
        let Some(unit) = unit else {
            if chinese_only {
                // A well-formed numeral (三百万, 一百二十, 二点五, 负十) is a
                // number even without a unit; a lone 十 or 千万 is a word,
                // unless nothing stands around it to make one (“五”) or it
                // is the denominator of a fraction (二分之).
                let positional = raw
                    .chars()
                    .any(|c| self.multiplier(c).is_some() || matches!(c, '廿' | '卅'));
                let digit = raw
                    .chars()
                    .any(|c| crate::numbers::cn_digit(c).is_some_and(|d| d > 0));
                let decimal = raw.chars().any(|c| lx.numerals.is_point(c));
                let formed = decimal
                    || tok.negative
                    || tok.approx.is_some()
                    || qualifier == Some(Qualifier::Range)
                    || lx.numerals.fraction_word_at(text, tok.end);
                // 、 lists items (一、二、三级, a heading 二、): not alone.
                let in_word =
                    |c: Option<char>| c.is_some_and(|c| crate::text::is_cjk(c) || c == '、');
                let alone = !in_word(prev) && !in_word(next);
                if !((positional && digit && raw.chars().count() >= 2)
                    || (formed && (digit || positional))
                    || alone)
                {
                    return None;
                }
            } else if next.is_some_and(|c| c.is_ascii_alphabetic()) {
                // ASCII letters right after: 5G, 4A; a name, not a count.
                return Some(self.non_figure(
                    tok,
                    self.alnum_end(tok.end),
                    Role::Code,
                    "alphanumeric name",
                ));
            }
            let end = if qualifier.is_some() { pos } else { tok.end };
            return Some(self.bare(tok, start, end, value, qualifier, high2));
        };
        // 10万千瓦级, 百亿元级: a quantity followed by 级 names a class.
        if text[pos..].starts_with('级') {
            return Some(self.non_figure(
                tok,
                pos + '级'.len_utf8(),
                Role::Class,
                "class or grade",
            ));
        }
        let mut bound_suffix = false;
        if let Some((sq, len)) = lx.suffix_q.at(text, pos) {
            if qualifier.is_none() {
                qualifier = Some(*sq);
            }
            pos += len;
            bound_suffix = matches!(
                sq,
                Qualifier::Ge | Qualifier::Le | Qualifier::Gt | Qualifier::Lt
            );
        }
        // A bound that qualifies a noun defines a group, it does not count
        // one: 5000万元以上的项目, 年收入10万元以下家庭, 20户以上自然村 (the
        // noun phrase after the bound ends in a group noun).
        if bound_suffix
            && (text[pos..].starts_with('的')
                || lx.condition_nouns.at(text, pos).is_some()
                || (lx
                    .condition_nouns
                    .any_in(noun_run(text, pos, lx.labels.reach))
                    && !lx.counts_its_noun(unit.base(), noun_run(text, pos, lx.labels.reach))))
        {
            return Some(self.non_figure(tok, pos, Role::Condition, "group condition"));
        }
        // Words right before the number that make it something other than
        // an amount (data/cues.toml [labels]): 时速250公里 (a specification),
        // 单笔50万元以下 (a threshold), 全球前1% (a rank band).
        if let Some((label, _)) = lx.labels.prefix.ending_at(text, tok.start) {
            let (role, reason) = match label {
                LabelKind::Threshold => (Role::Condition, "group condition"),
                LabelKind::Rank => (Role::Ordinal, "rank"),
                LabelKind::Specification => (Role::Class, "specification"),
            };
            return Some(self.non_figure(tok, pos, role, reason));
        }
        // A capacity or duration glued to a name: 120万吨乙烯项目,
        // 60万吨赖氨酸等项目, 240小时过境免签政策 — the noun run after the
        // unit ends in a name's head word.
        if lx.labels.units.iter().any(|u| u == unit.base())
            && !text[pos..].starts_with('的')
            && lx.labels.heads.any_in(noun_run(text, pos, lx.labels.reach))
        {
            return Some(self.non_figure(tok, pos, Role::Class, "capacity or name label"));
        }
        // A counter glued to a Latin model number: 608所AES100发动机 (but
        // 300台AED counts defibrillators).
        let latin = text[pos..].len()
            - text[pos..]
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        if latin > 0 && text[pos + latin..].starts_with(|c: char| c.is_ascii_digit()) {
            return Some(self.non_figure(tok, pos, Role::Code, "name or code"));
        }
        // 15分钟生活圈, 1小时通勤圈: a time span naming an area.
        if unit.kind == UnitKind::Measure && matches!(unit.base(), "分钟" | "小时") {
            let window: String = text[pos..].chars().take(5).collect();
            if lx.area_words.iter().any(|w| window.contains(w.as_str())) {
                return Some(self.non_figure(tok, pos, Role::Code, "name or code"));
            }
        }
        if let Some((pq, len)) = lx.prefix_q.ending_at(text, start) {
            if qualifier.is_none()
                || qualifier == Some(Qualifier::Approx) && *pq == Qualifier::Approx
            {
                qualifier = Some(*pq);
            }
            start -= len;
        }
        let role = match unit.kind {
            UnitKind::Counter | UnitKind::Measure => Role::Figure,
            UnitKind::Ordinal => Role::Ordinal,
            UnitKind::Class => Role::Class,
            UnitKind::Code => Role::Code,
            UnitKind::Date => Role::Date,
            UnitKind::Condition => {
                let from = text[..tok.start]
                    .char_indices()
                    .rev()
                    .nth(7)
                    .map_or(0, |(i, _)| i);
                let window = &text[from..tok.start];
                if lx
                    .condition_measured_by
                    .iter()
                    .any(|w| window.contains(w.as_str()))
                {
                    Role::Figure
                } else {
                    Role::Condition
                }
            }
            UnitKind::Grouping => Role::Other,
        };
        if role != Role::Figure {
            let reason = match role {
                Role::Ordinal => "ordinal",
                Role::Class => "class or grade",
                Role::Code => "name or code",
                Role::Date => "date",
                Role::Condition => "group condition",
                _ => "named grouping",
            };
            return Some(self.non_figure(tok, pos, role, reason));
        }
        // Chinese 一 before a counter or a measure reads "a", not one
        // (建一亩成一亩): a single one is written 1 when it counts.
        if chinese_only
            && raw == "一"
            && matches!(unit.kind, UnitKind::Counter | UnitKind::Measure)
            && qualifier != Some(Qualifier::Range)
        {
            return Some(self.non_figure(tok, pos, Role::Other, "vague or idiom"));
        }
        let value = value * unit.factor;
        let high2 = high2.map(|h| h * unit.factor);
        let q = qualifier.unwrap_or(Qualifier::Eq);
        let tol = lx.config.approx_tolerance;
        let (low, high) = match q {
            Qualifier::Eq => (Some(value), Some(value)),
            Qualifier::Ge => (Some(value), None),
            Qualifier::Gt if tok.high.is_some() => {
                let h = tok.high.map(|h| h * unit.factor);
                match h {
                    Some(h) if h < value => (Some(h), Some(value)),
                    h => (Some(value), h),
                }
            }
            Qualifier::Gt if iq.is_some() => (
                Some(value),
                Some(value + last_place(value / unit.factor) * unit.factor),
            ),
            Qualifier::Gt => (Some(value), None),
            Qualifier::Approx => (Some(value * (1.0 - tol)), Some(value * (1.0 + tol))),
            Qualifier::Le | Qualifier::Lt => (None, Some(value)),
            Qualifier::Range => (Some(value), high2),
        };
        Some(Mention {
            start,
            end: pos,
            num_start: tok.start,
            num_end: tok.end,
            value,
            low,
            high,
            qualifier: q,
            unit: unit.base().to_string(),
            role: Role::Figure,
            reason: "quantity",
            from_value: None,
            subject: None,
        })
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
    out
}

/// Clause boundaries for the purposes of pairing and subjects.
pub fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | '。' | '!' | '?' | ':' | '\n')
}

/// The run of Chinese characters right after `pos` (at most `reach`), up to
/// the first punctuation, digit or Latin letter: the noun phrase a number
/// may be glued to.
fn noun_run(text: &str, pos: usize, reach: usize) -> &str {
    let end = text[pos..]
        .char_indices()
        .take(reach)
        .take_while(|(_, c)| crate::text::is_cjk(*c))
        .last()
        .map_or(pos, |(i, c)| pos + i + c.len_utf8());
    &text[pos..end]
}

/// 由1000元提高至3000元: the first becomes the baseline of the second.
fn link_from_to(text: &str, lx: &Lexicon, ms: &mut [Mention]) {
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
fn link_comparatives(text: &str, lx: &Lexicon, ms: &mut [Mention]) {
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
fn link_between(text: &str, lx: &Lexicon, ms: &mut Vec<Mention>) {
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
        let gap = gap.trim_end_matches('第');
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
fn link_bounds(text: &str, lx: &Lexicon, ms: &mut Vec<Mention>) {
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

/// 高新技术企业、科技型中小企业分别达到7300家、8000家: each figure of the
/// list gets the subject at its position.
fn link_distributive(text: &str, lx: &Lexicon, ms: &mut [Mention]) {
    for word in &lx.distributive {
        let mut from = 0;
        while let Some(p) = text[from..].find(word.as_str()) {
            let at = from + p;
            from = at + word.len();
            // Figures right after 分别 (a verb may stand between), joined by 、.
            let first = ms
                .iter()
                .position(|m| m.start >= from && m.role == Role::Figure);
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
                if gap != "、" && gap != "和" && gap != "及" {
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
            let mut parts: Vec<String> = subj_text
                .split(['、'])
                .map(|s| s.trim().to_string())
                .collect();
            // 和 joins the last two subjects too: A、B和C.
            if parts.len() + 1 == list.len() {
                if let Some(last) = parts.pop() {
                    match last.split_once('和') {
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
