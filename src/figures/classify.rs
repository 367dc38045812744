//! Classifying one number: takes a numeric run read at a position of the
//! text (`NumToken`) and the words around it, gives its `Mention` — a
//! figure with unit, qualifier and bounds, or a non-figure with its role
//! and reason — or nothing where a Chinese numeral is part of a word.

use super::{at_line_start, in_short_quotes, next_char, prev_char, Ctx, Mention, Role};
use crate::lexicon::{LabelKind, Qualifier, UnitKind};
use crate::marks;
use crate::numbers::{last_place, Form, NumToken};

impl Ctx<'_> {
    pub(super) fn classify(&self, tok: &NumToken) -> Option<Mention> {
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
        if prev == Some(marks::ORDINAL) {
            let end = lx
                .units
                .at(text, tok.end)
                .map(|(_, l)| tok.end + l)
                .unwrap_or(tok.end);
            let mut m = self.non_figure(tok, end, Role::Ordinal, "ordinal");
            m.start = tok.start - marks::ORDINAL.len_utf8();
            return Some(m);
        }
        if prev == Some('+') || next == Some('+') {
            return Some(self.non_figure(tok, tok.end, Role::Code, "programme code"));
        }
        if at_line_start(text, tok.start) {
            let is_marker = match next {
                Some(c @ ('.' | marks::LIST_COMMA)) => {
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
        if prev.is_some_and(|c| marks::DOCUMENT_NUMBER_OPEN.contains(&c)) {
            return Some(self.non_figure(tok, tok.end, Role::Code, "document number"));
        }

        // Years: 2024年, 2023—2025年, 二〇二三年, or a bare 2023 in a title.
        let digits_only = raw.chars().all(|c| c.is_ascii_digit());
        let cn_digit_run = chinese_only
            && raw.chars().count() == 4
            && raw.chars().all(|c| crate::numbers::cn_digit(c).is_some());
        if ((digits_only && raw.len() == 4) || cn_digit_run)
            && crate::numbers::CALENDAR_YEARS.contains(&(tok.value as i32))
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
            if let Some(word) = marks::YEAR_WORDS
                .iter()
                .find(|w| text[end..].starts_with(*w))
            {
                return Some(self.non_figure(tok, end + word.len(), Role::Year, "year"));
            }
            // 2025届毕业生: a year with an ordinal counter names a cohort.
            if let Some((u, len)) = lx.units.at(text, end) {
                if u.kind == UnitKind::Ordinal {
                    return Some(self.non_figure(tok, end + len, Role::Ordinal, "cohort"));
                }
            }
            if end > tok.end {
                return Some(self.non_figure(tok, end, Role::Year, "year range"));
            }
            let (_, unit, _) = self.unit_at(end);
            if unit.is_none() && tok.value >= 1949.0 {
                return Some(self.non_figure(tok, end, Role::Year, "year"));
            }
        }
        // Durations and ages of things: 连续4年, 三年行动, 五年来.
        if text[tok.end..].starts_with(marks::YEAR) {
            return Some(self.non_figure(
                tok,
                tok.end + marks::YEAR.len_utf8(),
                Role::Other,
                "years (duration)",
            ));
        }
        if prev == Some(marks::PER) {
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
                let positional = raw.chars().any(|c| lx.numerals.is_positional(c));
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
                let in_word = |c: Option<char>| {
                    c.is_some_and(|c| crate::text::is_cjk(c) || c == marks::LIST_COMMA)
                };
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
        if let Some((_, len)) = lx.labels.class_after.at(text, pos) {
            return Some(self.non_figure(tok, pos + len, Role::Class, "class or grade"));
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
            && (text[pos..].starts_with(marks::ATTRIBUTIVE)
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
            && !text[pos..].starts_with(marks::ATTRIBUTIVE)
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
        if unit.kind == UnitKind::Measure && lx.area_time_units.iter().any(|u| u == unit.base()) {
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
            && raw.chars().count() == 1
            && raw.chars().all(|c| crate::numbers::cn_digit(c) == Some(1))
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
