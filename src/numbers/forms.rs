//! Signs, fractions and approximate words: takes a numeral's characters,
//! gives its value with the form it is written in (`Parsed`): 负 before it,
//! 三分之一, 1/3 and 3又1/2 as shares, 500余万 and 二十几万 as a lower and
//! upper end. The places of each part are `eval`'s.

use super::{last_place, Form, Numerals, Parsed, Qualifier, Sym};

impl Numerals {
    /// The approximate word at the start of `s`: its qualifier and length
    /// in chars.
    pub(super) fn approx_at(&self, s: &[char]) -> Option<(Qualifier, usize)> {
        self.approx
            .iter()
            .find(|(w, _)| s.starts_with(w))
            .map(|(w, q)| (*q, w.len()))
    }

    /// A fraction word at the start of `s`, its characters perhaps apart
    /// by a few spaces (三分 之一): the word and how many chars it spans.
    pub(super) fn fraction_spaced_at(&self, s: &[char]) -> Option<(&[char], usize)> {
        'words: for w in &self.fraction {
            let mut k = 0;
            for (n, &c) in w.iter().enumerate() {
                if n > 0 {
                    let sp = s.iter().skip(k).take_while(|&&x| x == ' ').count();
                    if sp > self.max_inner_spaces {
                        continue 'words;
                    }
                    k += sp;
                }
                if s.get(k) != Some(&c) {
                    continue 'words;
                }
                k += 1;
            }
            return Some((w.as_slice(), k));
        }
        None
    }

    /// True when `c` ends a fraction word (the 之 of 分之).
    pub(super) fn ends_fraction_word(&self, c: char) -> bool {
        self.fraction.iter().any(|w| w.last() == Some(&c))
    }

    fn fraction_at(&self, s: &[char]) -> Option<usize> {
        self.fraction
            .iter()
            .find(|w| s.starts_with(w))
            .map(|w| w.len())
    }

    /// Parses a complete numeral: signs, fractions, approximate words and
    /// all. Returns None for strings that are not well-formed numerals.
    pub fn parse(&self, s: &str) -> Option<f64> {
        let chars: Vec<char> = s.chars().collect();
        if let Some(p) = self.parse_chars(&chars) {
            return Some(p.value);
        }
        // With the separators text has: 1,500, 1000 万, 一 百 五 十.
        let t = s.trim_matches([' ', '\t']);
        match self.read(t, 0) {
            Some(tok) if tok.end == t.len() && !t.is_empty() => Some(tok.value),
            _ => None,
        }
    }

    fn parse_chars(&self, s: &[char]) -> Option<Parsed> {
        let (neg, body) = match s.first() {
            Some(c) if self.negative.contains(c) => (true, &s[1..]),
            _ => (false, s),
        };
        if body.is_empty() {
            return None;
        }
        let mut p = self.parse_unsigned(body)?;
        if neg {
            p.value = -p.value;
            p.high = p.high.map(|h| -h);
            // −500余万 runs from −6,000,000 to −5,000,000: keep the value.
        }
        Some(p)
    }

    pub(super) fn parse_unsigned(&self, s: &[char]) -> Option<Parsed> {
        // Whole and fraction: 3又1/2, 一又二分之一.
        if let Some(k) = s.iter().position(|c| self.whole_and.contains(c)) {
            let whole = self.eval(&s[..k], 0.0)?;
            let frac = self.parse_unsigned(&s[k + 1..])?;
            if frac.form != Form::Fraction {
                return None;
            }
            return Some(Parsed::plain(whole + frac.value, Form::Fraction));
        }
        // Denominator 分之 numerator: 三分之一, 五十万分之二十五, 3分之负1.
        for k in 1..s.len() {
            if let Some(len) = self.fraction_at(&s[k..]) {
                let den = self.eval(&s[..k], 0.0)?;
                let num = self.parse_chars(&s[k + len..])?;
                if den == 0.0 || num.form != Form::Plain || num.approx.is_some() {
                    return None;
                }
                return Some(Parsed::plain(num.value / den, Form::Fraction));
            }
        }
        // Numerator / denominator, Arabic only: 1/3, 16/5.
        if let Some(k) = s.iter().position(|c| self.slash.contains(c)) {
            let arabic =
                |t: &[char]| !t.is_empty() && t.iter().all(|c| c.is_ascii_digit() || *c == '.');
            if !arabic(&s[..k]) || !arabic(&s[k + 1..]) {
                return None;
            }
            let num = self.eval(&s[..k], 0.0)?;
            let den = self.eval(&s[k + 1..], 0.0)?;
            if den == 0.0 {
                return None;
            }
            return Some(Parsed::plain(num / den, Form::Fraction));
        }
        // An approximate word before the multiplier: 500余万, 十多万.
        for k in 1..s.len() {
            if let Some((q, len)) = self.approx_at(&s[k..]) {
                let tail = &s[k + len..];
                let mult = self.multiplier_of(tail)?;
                let base = self.eval(&s[..k], 0.0)?;
                if base == 0.0 || base.fract() != 0.0 {
                    return None;
                }
                return Some(Parsed {
                    value: base * mult,
                    high: Some((base + last_place(base)) * mult),
                    approx: Some(q),
                    form: Form::Plain,
                });
            }
        }
        // An unknown digit: 二十几万 is 200,000 up to 300,000.
        if s.iter().any(|&c| self.sym(c) == Sym::Wild) {
            let low = self.eval(s, 0.0)?;
            let high = self.eval(s, 10.0)?;
            if high <= low {
                return None;
            }
            return Some(Parsed {
                value: low,
                high: Some(high),
                approx: Some(Qualifier::Gt),
                form: Form::Plain,
            });
        }
        self.eval(s, 0.0).map(|v| Parsed::plain(v, Form::Plain))
    }

    /// The value of a run of place characters only (万, 万亿, 百万).
    fn multiplier_of(&self, s: &[char]) -> Option<f64> {
        if s.is_empty() {
            return None;
        }
        let mut m = 1.0;
        for &c in s {
            m *= self.place(c)?;
        }
        Some(m)
    }
}
