//! Runs in text: takes a text and a position, gives the numeric run there
//! (`NumToken`) — Arabic digits with thousands separators, decimals and
//! exponents, mixed Chinese places, fractions, approximate words before a
//! multiplier and the spaces PDF text puts inside one number — backing off
//! to the longest prefix the grammar reads.

use super::{Form, NumToken, Numerals, Sym};

impl Numerals {
    /// Finds the numeric run starting at `start` in `text` (which must begin
    /// with a digit, a numeral character, a sign or a per word). Greedy:
    /// takes Arabic digits with thousands separators and a decimal point,
    /// mixed Chinese places, fractions, approximate words before a
    /// multiplier, and spaces between parts that cannot stand apart; then
    /// backs off to the longest prefix that parses.
    pub fn read(&self, text: &str, start: usize) -> Option<NumToken> {
        let mut pos = start;
        let mut negative = false;
        if let Some(c) = text[pos..].chars().next() {
            if self.negative.contains(&c) {
                let after = pos + c.len_utf8();
                let next = text[after..].chars().next()?;
                let dot_digit =
                    next == '.' && text[after + 1..].starts_with(|d: char| d.is_ascii_digit());
                if next.is_ascii_digit() || self.is_numeral_char(next) || dot_digit {
                    negative = true;
                    pos = after;
                } else {
                    return None;
                }
            }
        }
        let mut form = Form::Plain;
        for (k, (w, _)) in self.per.iter().enumerate() {
            if text[pos..].starts_with(w.as_str()) {
                let after = pos + w.len();
                if text[after..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || self.is_numeral_char(c))
                {
                    form = Form::Per(k);
                    pos = after;
                }
                break;
            }
        }
        let body = pos;
        let (buf, ends, cuts, arabic, decimals, grouped) = self.collect(text, body);
        // Try the longest candidate first; inside the first part any prefix,
        // after a joining space only whole parts ("1000万 2000万" is two).
        let first_cut = cuts.first().copied().unwrap_or(buf.len());
        let mut k = buf.len();
        while k > 0 {
            if let Some(p) = self.parse_unsigned(&buf[..k]) {
                if form != Form::Plain && p.form != Form::Plain {
                    return None;
                }
                let sign = if negative { -1.0 } else { 1.0 };
                let end = ends[k - 1];
                return Some(NumToken {
                    start,
                    end,
                    value: sign * p.value,
                    arabic,
                    decimals,
                    grouped,
                    approx: p.approx,
                    high: p.high.map(|h| sign * h),
                    form: if form != Form::Plain { form } else { p.form },
                    negative,
                });
            }
            k = if k > first_cut {
                // Back to the previous part boundary.
                cuts.iter().rev().copied().find(|&c| c < k).unwrap_or(k - 1)
            } else {
                k - 1
            };
        }
        None
    }

    /// Collects the characters of a candidate numeral at `pos`: returns
    /// them without spaces and separators, the text offset after each,
    /// where each part after a joining space starts, and how its Arabic
    /// digits were written.
    #[allow(clippy::type_complexity)]
    fn collect(
        &self,
        text: &str,
        pos: usize,
    ) -> (Vec<char>, Vec<usize>, Vec<usize>, bool, u32, bool) {
        let bytes = text.as_bytes();
        let mut buf: Vec<char> = Vec::with_capacity(16);
        let mut ends: Vec<usize> = Vec::with_capacity(16);
        let mut cuts: Vec<usize> = Vec::new();
        let mut arabic = false;
        let mut grouped = false;
        let mut decimals = 0;
        let mut i = pos;
        // Longest numeral worth reading; a run beyond it is not one number.
        const MAX: usize = 96;
        while i < text.len() && buf.len() < MAX {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let last = buf.last().copied();
            let last_arabic = last.is_some_and(|l| l.is_ascii_digit());
            // An Arabic run: digits, thousands groups, one decimal point.
            if c.is_ascii_digit() {
                if last_arabic && arabic_run_has_exponent(&buf) {
                    break;
                }
                arabic = true;
                let run_start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    buf.push(bytes[i] as char);
                    i += 1;
                    ends.push(i);
                }
                // Thousands separators: ",ddd" groups, only when the
                // leading group has at most three digits and each group
                // exactly three.
                if i - run_start <= 3 && (run_start == pos || !last_arabic) {
                    let mut j = i;
                    let mut groups = Vec::new();
                    while j + 4 <= bytes.len()
                        && bytes[j] == b','
                        && bytes[j + 1..j + 4].iter().all(|b| b.is_ascii_digit())
                        && !(j + 4 < bytes.len() && bytes[j + 4].is_ascii_digit())
                    {
                        groups.push(j + 1);
                        j += 4;
                    }
                    if !groups.is_empty() {
                        for g in groups {
                            for k in 0..3 {
                                buf.push(bytes[g + k] as char);
                                ends.push(g + k + 1);
                            }
                        }
                        i = j;
                        grouped = true;
                    }
                }
                // A decimal point, unless the run is a dotted sequence
                // (1.2.3, 2222.2222.222).
                let dotted_before = run_start == pos
                    && text[..pos].ends_with('.')
                    && text[..pos - 1].ends_with(|d: char| d.is_ascii_digit());
                if !dotted_before
                    && i + 1 < bytes.len()
                    && bytes[i] == b'.'
                    && bytes[i + 1].is_ascii_digit()
                {
                    let mut j = i + 1;
                    while j < bytes.len() && bytes[j].is_ascii_digit() {
                        j += 1;
                    }
                    let dotted =
                        j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit();
                    if !dotted {
                        buf.push('.');
                        ends.push(i + 1);
                        for (k, &b) in bytes.iter().enumerate().take(j).skip(i + 1) {
                            buf.push(b as char);
                            ends.push(k + 1);
                        }
                        decimals = (j - i - 1) as u32;
                        i = j;
                    }
                }
                // Exponent or power: 2e5, 1.2E-3, 2^5 (not 5G, not 2e5x).
                if i < bytes.len() {
                    let m = bytes[i] as char;
                    if self.exponent.contains(&m) || self.power.contains(&m) {
                        let mut j = i + 1;
                        while j < bytes.len() && matches!(bytes[j], b'+' | b'-') && j < i + 3 {
                            j += 1;
                        }
                        let ds = j;
                        while j < bytes.len() && bytes[j].is_ascii_digit() {
                            j += 1;
                        }
                        let word_after = j < bytes.len() && bytes[j].is_ascii_alphanumeric();
                        if j > ds && j - ds <= 3 && !word_after {
                            for (k, &b) in bytes.iter().enumerate().take(j).skip(i) {
                                buf.push(b as char);
                                ends.push(k + 1);
                            }
                            i = j;
                        }
                    }
                }
                continue;
            }
            if c == '.' && buf.is_empty() && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit() {
                // .5: a decimal without its leading zero.
                buf.push('0');
                ends.push(i);
                buf.push('.');
                ends.push(i + 1);
                i += 1;
                continue;
            }
            let sym = self.sym(c);
            // Arabic mode: the part since the last fraction word or 又 has
            // Arabic digits and no Chinese ones (３分之一百五十七 switches).
            let part = buf
                .iter()
                .rposition(|&b| self.ends_fraction_word(b) || self.whole_and.contains(&b))
                .map_or(&buf[..], |k| &buf[k + 1..]);
            let after_arabic = part.iter().any(|c| c.is_ascii_digit())
                && part
                    .iter()
                    .all(|c| !matches!(self.sym(*c), Sym::Digit(_) | Sym::Tens(_)));
            let ok = match sym {
                // After Arabic digits only places, 零 after a place and
                // further Arabic digits ("3万4000", "1千零20").
                Sym::Big(_) | Sym::Small(_) => true,
                Sym::Digit(0) if after_arabic => last.is_some_and(|l| self.place(l).is_some()),
                Sym::Digit(_) | Sym::Tens(_) | Sym::Point => !after_arabic || buf.is_empty(),
                Sym::Wild => {
                    last.is_some_and(|l| self.place(l).is_some() || self.sym(l) == Sym::Digit(0))
                }
                Sym::None => false,
            };
            if ok {
                buf.push(c);
                i += c.len_utf8();
                ends.push(i);
                continue;
            }
            if last.is_none() {
                break;
            }
            let rest: Vec<char> = text[i..].chars().take(8).collect();
            // An approximate word before a multiplier: 500余万, 十多万.
            if let Some((_, len)) = self.approx_at(&rest) {
                let next = rest[len..].iter().find(|&&c| c != ' ');
                if next.is_some_and(|&n| self.place(n).is_some()) {
                    for &a in &rest[..len] {
                        buf.push(a);
                        i += a.len_utf8();
                        ends.push(i);
                    }
                    continue;
                }
            }
            // A fraction word, a slash or 又 with a numeral after it.
            // A numeral (or its sign) at rest[k], after at most a few spaces.
            let numeral_after = |k: usize| {
                let sp = rest.iter().skip(k).take_while(|&&s| s == ' ').count();
                sp <= self.max_inner_spaces
                    && rest.get(k + sp).is_some_and(|&n| {
                        n.is_ascii_digit() || self.is_numeral_char(n) || self.negative.contains(&n)
                    })
            };
            // 3分之负1, 分之 负一百: a sign opens the numerator.
            if self.negative.contains(&c)
                && last.is_some_and(|l| self.ends_fraction_word(l))
                && numeral_after(1)
            {
                buf.push(c);
                i += c.len_utf8();
                ends.push(i);
                continue;
            }
            if let Some((word, len)) = self.fraction_spaced_at(&rest) {
                if numeral_after(len) {
                    // 分之, or 分 之 as PDF text has it: kept as the word.
                    i += rest[..len].iter().map(|c| c.len_utf8()).sum::<usize>();
                    for &a in word {
                        buf.push(a);
                        ends.push(i);
                    }
                    // 3分之负1: a sign may open the numerator.
                    if rest.get(len).is_some_and(|c| self.negative.contains(c)) {
                        buf.push(rest[len]);
                        i += rest[len].len_utf8();
                        ends.push(i);
                    }
                    continue;
                }
            }
            if self.slash.contains(&c)
                && last_arabic
                && rest.get(1).is_some_and(|d| d.is_ascii_digit())
            {
                // Not a date or a path: 2023/12/31 and 1/2/3 stay apart.
                let before = text[..pos].chars().next_back();
                let chain = before.is_some_and(|b| self.slash.contains(&b));
                let den_end = rest[1..]
                    .iter()
                    .position(|d| !d.is_ascii_digit())
                    .map_or(rest.len(), |p| p + 1);
                let chain_after = rest.get(den_end).is_some_and(|d| self.slash.contains(d));
                let all_arabic = buf
                    .iter()
                    .all(|b| b.is_ascii_digit() || *b == '.' || self.whole_and.contains(b));
                if !chain && !chain_after && all_arabic {
                    buf.push(c);
                    i += c.len_utf8();
                    ends.push(i);
                    continue;
                }
            }
            if self.whole_and.contains(&c) && numeral_after(1) {
                buf.push(c);
                i += c.len_utf8();
                ends.push(i);
                continue;
            }
            if c == ' ' || c == '\t' {
                // Spaces inside one number (PDF text): join only parts that
                // cannot be read apart.
                let n_sp = rest.iter().take_while(|&&s| s == ' ' || s == '\t').count();
                if n_sp > self.max_inner_spaces || n_sp >= rest.len() {
                    break;
                }
                let next = rest[n_sp];
                let lp = last.map_or(Sym::None, |l| self.sym(l));
                let ns = self.sym(next);
                let last_is_join = last.is_some_and(|l| {
                    self.whole_and.contains(&l) || self.ends_fraction_word(l) && buf.len() >= 2
                });
                let next_is_join = self.whole_and.contains(&next)
                    || self.fraction_spaced_at(&rest[n_sp..]).is_some()
                    || self.approx_at(&rest[n_sp..]).is_some_and(|(_, len)| {
                        rest[n_sp + len..]
                            .iter()
                            .find(|&&c| c != ' ')
                            .is_some_and(|&n| self.place(n).is_some())
                    });
                let join = match (lp, ns) {
                    (_, Sym::Small(_) | Sym::Big(_) | Sym::Point) => true,
                    (Sym::Small(_) | Sym::Big(_) | Sym::Point | Sym::Digit(0), Sym::Digit(_)) => {
                        true
                    }
                    (Sym::Small(_) | Sym::Big(_), Sym::Wild) => true,
                    _ if next.is_ascii_digit() && matches!(lp, Sym::Small(_) | Sym::Big(_)) => true,
                    _ => {
                        next_is_join
                            || (last_is_join
                                && (next.is_ascii_digit()
                                    || self.is_numeral_char(next)
                                    || self.negative.contains(&next)))
                    }
                };
                // 1 3/5: a whole number and an Arabic fraction.
                let mixed = last_arabic
                    && !grouped
                    && buf.iter().all(|b| b.is_ascii_digit())
                    && buf.len() <= 3
                    && next.is_ascii_digit()
                    && {
                        let d = rest[n_sp..]
                            .iter()
                            .take_while(|c| c.is_ascii_digit())
                            .count();
                        rest.get(n_sp + d).is_some_and(|s| self.slash.contains(s))
                            && rest.get(n_sp + d + 1).is_some_and(|c| c.is_ascii_digit())
                    };
                if mixed {
                    if let Some(&w) = self.whole_and.first() {
                        buf.push(w);
                        i += rest[..n_sp].iter().map(|c| c.len_utf8()).sum::<usize>();
                        ends.push(i);
                        cuts.push(buf.len() - 1);
                        continue;
                    }
                }
                if !join {
                    break;
                }
                let skip: usize = rest[..n_sp].iter().map(|c| c.len_utf8()).sum();
                i += skip;
                cuts.push(buf.len());
                continue;
            }
            break;
        }
        // Part boundaries the back-off may stop at: inside the buffer only.
        cuts.retain(|&c| c > 0 && c < buf.len());
        cuts.dedup();
        (buf, ends, cuts, arabic, decimals, grouped)
    }
}

/// True when the Arabic run at the end of `buf` already has an exponent:
/// digits after it start a new number.
fn arabic_run_has_exponent(buf: &[char]) -> bool {
    buf.iter()
        .rev()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '^' | '+' | '-'))
        .any(|c| matches!(c, 'e' | 'E' | '^'))
}
