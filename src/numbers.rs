//! Numbers: takes a span of normalised text, gives numeric expressions.
//!
//! A numeric expression is a run of Arabic digits, Chinese numerals or a mix
//! of both ("1.2万", "3万4000", "两", "一百二十", "4.78万亿", "四万万"),
//! with an optional sign ("负3.5", "-0.3"), as a fraction ("三分之一",
//! "1/3", "3又1/2"), a per-cent or per-mille word ("百分之五", "千分之五"),
//! an approximate word before its multiplier ("500余万", "二十几万"), and
//! the spaces text from PDFs puts between its parts ("1000 万",
//! "一 百 五 十"). The words come from data/numerals.toml (`Numerals`);
//! the grammar that combines them is here. This stage knows nothing of
//! units or meaning; `figures` decides what a number is.

use crate::lexicon::Qualifier;
use serde::Deserialize;
use std::sync::OnceLock;

/// What one character is to the numeral grammar.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sym {
    None,
    Digit(u8),
    /// 十, 百, 千: a place inside a section.
    Small(f64),
    /// 万, 亿, 兆: closes a section.
    Big(f64),
    /// 廿, 卅: tens in one character.
    Tens(f64),
    Point,
    /// 几: a digit that is not known.
    Wild,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CharValue {
    chars: String,
    value: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApproxWord {
    word: String,
    q: Qualifier,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PerWord {
    word: String,
    unit: String,
}

/// data/numerals.toml as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumeralsFile {
    digits: Vec<CharValue>,
    not_decimal: String,
    small: Vec<CharValue>,
    big: Vec<CharValue>,
    tens: Vec<CharValue>,
    point: String,
    negative: String,
    dash_after: String,
    unknown_digit: String,
    approx: Vec<ApproxWord>,
    fraction: Vec<String>,
    slash: String,
    whole_and: String,
    fraction_unit: String,
    per: Vec<PerWord>,
    exponent: String,
    power: String,
    max_inner_spaces: usize,
}

/// First code point of the dense table (〇 is U+3007).
const DENSE_FROM: u32 = 0x3000;
/// One past the last code point of the dense table (CJK ideographs end
/// before U+A000).
const DENSE_TO: u32 = 0xA000;

/// The numeral vocabulary, compiled: a character → class table (dense over
/// the CJK block, so the scanner's per-character test is one load) and the
/// word lists.
pub struct Numerals {
    /// Index into `syms` for every code point in DENSE_FROM..DENSE_TO.
    dense: Vec<u8>,
    /// Classes of characters outside the dense range.
    other: Vec<(char, Sym)>,
    syms: Vec<Sym>,
    not_decimal: Vec<char>,
    negative: Vec<char>,
    dash_after: Vec<char>,
    approx: Vec<(Vec<char>, Qualifier)>,
    fraction: Vec<Vec<char>>,
    slash: Vec<char>,
    whole_and: Vec<char>,
    /// The unit of a fraction no unit follows (比例).
    pub fraction_unit: String,
    per: Vec<(String, String)>,
    exponent: Vec<char>,
    power: Vec<char>,
    max_inner_spaces: usize,
}

/// The built-in data/numerals.toml.
/// The years a four-digit number may be read as a year in (a document's
/// plan year, a period's ends, a deadline).
pub const PLAUSIBLE_YEARS: std::ops::Range<i32> = 1990..2100;

pub const NUMERALS: &str = include_str!("../data/numerals.toml");

/// How a numeric token is written, beyond its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Plain,
    /// A fraction (三分之一, 1/3): a share unless a unit follows.
    Fraction,
    /// A per word with its unit: 百分之五 → %, 千分之五 → ‰ (index into
    /// the per table).
    Per(usize),
}

/// One numeric run found in text: byte offsets into the text, the raw text
/// and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct NumToken {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// True when the run has Arabic digits.
    pub arabic: bool,
    /// Count of significant digits after the decimal point (Arabic only).
    pub decimals: u32,
    /// True when written with thousands separators ("1,500").
    pub grouped: bool,
    /// An approximate word inside the numeral (500余万, 二十几万): its
    /// qualifier and the upper end it implies (`value` is the lower).
    pub approx: Option<Qualifier>,
    pub high: Option<f64>,
    pub form: Form,
    /// True when a sign made the value negative.
    pub negative: bool,
}

impl Numerals {
    /// Compiles the table. Errors name the offending entry.
    pub fn new(f: NumeralsFile) -> Result<Numerals, String> {
        let mut syms = vec![Sym::None];
        let mut dense = vec![0u8; (DENSE_TO - DENSE_FROM) as usize];
        let mut other = Vec::new();
        let mut put = |c: char, s: Sym| -> Result<(), String> {
            let u = c as u32;
            let idx = match syms.iter().position(|&x| x == s) {
                Some(i) => i,
                None => {
                    syms.push(s);
                    syms.len() - 1
                }
            };
            if (DENSE_FROM..DENSE_TO).contains(&u) {
                let slot = &mut dense[(u - DENSE_FROM) as usize];
                if *slot != 0 {
                    return Err(format!("character {c} is listed twice"));
                }
                *slot = u8::try_from(idx).map_err(|_| "too many numeral classes".to_string())?;
            } else {
                if other.iter().any(|&(o, _)| o == c) {
                    return Err(format!("character {c} is listed twice"));
                }
                other.push((c, s));
            }
            Ok(())
        };
        for d in &f.digits {
            if !(0.0..=9.0).contains(&d.value) || d.value.fract() != 0.0 {
                return Err(format!("digit value {} is not 0–9", d.value));
            }
            for c in d.chars.chars() {
                put(c, Sym::Digit(d.value as u8))?;
            }
        }
        for (list, make) in [
            (&f.small, Sym::Small as fn(f64) -> Sym),
            (&f.big, Sym::Big as fn(f64) -> Sym),
            (&f.tens, Sym::Tens as fn(f64) -> Sym),
        ] {
            for e in list {
                if e.value.partial_cmp(&1.0) != Some(std::cmp::Ordering::Greater) {
                    return Err(format!("place value {} must be above 1", e.value));
                }
                for c in e.chars.chars() {
                    put(c, make(e.value))?;
                }
            }
        }
        for c in f.point.chars() {
            put(c, Sym::Point)?;
        }
        for c in f.unknown_digit.chars() {
            put(c, Sym::Wild)?;
        }
        if f.fraction.iter().any(|w| w.is_empty()) || f.approx.iter().any(|a| a.word.is_empty()) {
            return Err("empty word in fraction or approx".into());
        }
        Ok(Numerals {
            dense,
            other,
            syms,
            not_decimal: f.not_decimal.chars().collect(),
            negative: f.negative.chars().collect(),
            dash_after: f.dash_after.chars().collect(),
            approx: f
                .approx
                .into_iter()
                .map(|a| (a.word.chars().collect(), a.q))
                .collect(),
            fraction: f.fraction.iter().map(|w| w.chars().collect()).collect(),
            slash: f.slash.chars().collect(),
            whole_and: f.whole_and.chars().collect(),
            fraction_unit: f.fraction_unit,
            per: f.per.into_iter().map(|p| (p.word, p.unit)).collect(),
            exponent: f.exponent.chars().collect(),
            power: f.power.chars().collect(),
            max_inner_spaces: f.max_inner_spaces,
        })
    }

    /// The built-in table, compiled once.
    pub fn builtin() -> &'static Numerals {
        static N: OnceLock<Numerals> = OnceLock::new();
        N.get_or_init(|| {
            let f: NumeralsFile =
                toml::from_str(NUMERALS).expect("built-in data/numerals.toml parses");
            Numerals::new(f).expect("built-in data/numerals.toml is valid")
        })
    }

    fn sym(&self, c: char) -> Sym {
        let u = c as u32;
        if (DENSE_FROM..DENSE_TO).contains(&u) {
            return self.syms[self.dense[(u - DENSE_FROM) as usize] as usize];
        }
        if c.is_ascii() {
            return Sym::None;
        }
        self.other
            .iter()
            .find(|&&(o, _)| o == c)
            .map_or(Sym::None, |&(_, s)| s)
    }

    /// Value of a single Chinese digit character.
    pub fn digit(&self, c: char) -> Option<u32> {
        if c.is_ascii_digit() {
            return c.to_digit(10);
        }
        match self.sym(c) {
            Sym::Digit(d) => Some(d as u32),
            _ => None,
        }
    }

    /// Value of a section-closing place (万, 亿).
    pub fn big_unit(&self, c: char) -> Option<f64> {
        match self.sym(c) {
            Sym::Big(b) => Some(b),
            _ => None,
        }
    }

    /// Value of any place character (十, 百, 千, 万, 亿).
    pub fn place(&self, c: char) -> Option<f64> {
        match self.sym(c) {
            Sym::Big(b) | Sym::Small(b) => Some(b),
            _ => None,
        }
    }

    /// True for a character that can be part of a Chinese numeral (digits,
    /// places, the decimal point).
    pub fn is_numeral_char(&self, c: char) -> bool {
        !matches!(self.sym(c), Sym::None | Sym::Wild)
    }

    /// True for the decimal point of Chinese numerals (点).
    pub fn is_point(&self, c: char) -> bool {
        self.sym(c) == Sym::Point
    }

    /// True when a fraction word (分之) starts at `pos` in `text`.
    pub fn fraction_word_at(&self, text: &str, pos: usize) -> bool {
        let rest = &text[pos..];
        self.fraction.iter().any(|w| {
            let mut it = rest.chars();
            w.iter().all(|&c| it.next() == Some(c))
        })
    }

    /// True when a hyphen after `c` is a range dash (2023年-2025年).
    pub fn dash_after(&self, c: char) -> bool {
        self.dash_after.contains(&c)
    }

    /// True for a sign character (负, -, −).
    pub fn is_negative(&self, c: char) -> bool {
        self.negative.contains(&c)
    }

    /// The unit a per word stands for (Form::Per).
    pub fn per_unit(&self, i: usize) -> &str {
        self.per.get(i).map_or("", |(_, u)| u.as_str())
    }

    /// The approximate word at the start of `s`: its qualifier and length
    /// in chars.
    fn approx_at(&self, s: &[char]) -> Option<(Qualifier, usize)> {
        self.approx
            .iter()
            .find(|(w, _)| s.starts_with(w))
            .map(|(w, q)| (*q, w.len()))
    }

    /// A fraction word at the start of `s`, its characters perhaps apart
    /// by a few spaces (三分 之一): the word and how many chars it spans.
    fn fraction_spaced_at(&self, s: &[char]) -> Option<(&[char], usize)> {
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
    fn ends_fraction_word(&self, c: char) -> bool {
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

    fn parse_unsigned(&self, s: &[char]) -> Option<Parsed> {
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

    /// Evaluates a numeral without sign or fraction. `wild` is the value an
    /// unknown digit (几) takes: 0 for the lower end, 10 for the upper.
    fn eval(&self, chars: &[char], wild: f64) -> Option<f64> {
        if chars.is_empty() {
            return None;
        }
        let is_point = |c: char| self.sym(c) == Sym::Point;
        // Digit-by-digit form: 二〇二三, 一二三, 一七二零点一 (two or more
        // digits before any point).
        let int_len = chars
            .iter()
            .position(|&c| is_point(c))
            .unwrap_or(chars.len());
        let spelled =
            |c: char| matches!(self.sym(c), Sym::Digit(_)) && !self.not_decimal.contains(&c);
        if int_len > 1
            && chars[..int_len].iter().all(|&c| spelled(c))
            && (int_len == chars.len()
                || (int_len + 1 < chars.len() && chars[int_len + 1..].iter().all(|&c| spelled(c))))
        {
            let mut v = 0f64;
            for &c in &chars[..int_len] {
                v = v * 10.0 + self.digit(c)? as f64;
            }
            let mut scale = 0.1;
            for &c in chars.iter().skip(int_len + 1) {
                v += self.digit(c)? as f64 * scale;
                scale /= 10.0;
            }
            return Some(v);
        }

        let mut total = 0f64; // sum of closed big sections
        let mut section = 0f64; // value inside current 万/亿 section
        let mut number: Option<f64> = None; // pending digit(s)
        let mut number_arabic = false;
        let mut last_small = f64::INFINITY; // last small unit used in this section
        let mut last_big = 0f64; // largest big unit closed so far
        let mut after_zero = false; // a 零 was seen: next small unit may skip
        let mut pending_scale: Option<f64> = None; // implied place after a unit (3万4 = 34000)
        let mut prev_big = false; // the previous character closed a section
        let mut tail_frac: Option<f64> = None; // decimals that end the numeral (两千三点一)
        let mut i = 0;
        let mut any = false;
        while i < chars.len() {
            let c = chars[i];
            if tail_frac.is_some() {
                // Nothing follows decimals added to a whole numeral but a
                // section place (两千三点一万 is not written).
                return None;
            }
            if c.is_ascii_digit() || c == '.' {
                // An Arabic run: digits with optional decimal point and
                // exponent or power.
                if number.is_some() {
                    return None;
                }
                let start = i;
                let mut seen_dot = false;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    if chars[i] == '.' {
                        if seen_dot {
                            return None;
                        }
                        seen_dot = true;
                    }
                    i += 1;
                }
                let run: String = chars[start..i].iter().collect();
                let mut v: f64 = run.parse().ok()?;
                if i < chars.len()
                    && (self.exponent.contains(&chars[i]) || self.power.contains(&chars[i]))
                {
                    let pow = self.power.contains(&chars[i]);
                    i += 1;
                    let mut neg = false;
                    while i < chars.len() && matches!(chars[i], '+' | '-') {
                        neg ^= chars[i] == '-';
                        i += 1;
                    }
                    let es = i;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                    let e: String = chars[es..i].iter().collect();
                    let e: i32 = e.parse().ok()?;
                    let e = if neg { -e } else { e };
                    v = if pow { v.powi(e) } else { v * 10f64.powi(e) };
                    if !v.is_finite() {
                        return None;
                    }
                }
                number = Some(v);
                // 7万5 is 75000 like 七万五; 3万4000 is 34000: only a
                // single Arabic digit takes the place after a unit.
                number_arabic = i - start > 1;
                after_zero = false;
                prev_big = false;
                any = true;
                continue;
            }
            let sym = self.sym(c);
            match sym {
                Sym::Digit(0) => {
                    // 零 only separates places; it carries no value itself.
                    if let Some(n) = number.take() {
                        if n != 0.0 {
                            return None;
                        }
                    }
                    after_zero = true;
                    pending_scale = None;
                    prev_big = false;
                    any = true;
                    i += 1;
                }
                Sym::Digit(_) | Sym::Wild => {
                    if number.is_some() {
                        return None;
                    }
                    number = Some(match sym {
                        Sym::Digit(d) => d as f64,
                        _ => wild,
                    });
                    number_arabic = false;
                    prev_big = false;
                    any = true;
                    i += 1;
                }
                Sym::Point => {
                    // Decimal part: the digits that follow, Chinese or Arabic.
                    if number.is_none() && section == 0.0 && total == 0.0 && !after_zero {
                        return None;
                    }
                    let mut frac = 0f64;
                    let mut scale = 0.1;
                    i += 1;
                    let mut digits = 0;
                    while i < chars.len() {
                        let c = chars[i];
                        let d = if c.is_ascii_digit() {
                            c.to_digit(10)
                        } else if self.not_decimal.contains(&c) {
                            None
                        } else {
                            match self.sym(c) {
                                Sym::Digit(d) => Some(d as u32),
                                _ => None,
                            }
                        };
                        match d {
                            Some(d) => {
                                frac += d as f64 * scale;
                                scale /= 10.0;
                                digits += 1;
                                i += 1;
                            }
                            None => break,
                        }
                    }
                    if digits == 0 {
                        return None;
                    }
                    let before_big = chars
                        .get(i)
                        .is_some_and(|&c| matches!(self.sym(c), Sym::Big(_)));
                    if before_big || number.is_some() && pending_scale.is_none() {
                        // 三点五万, 1.2万, 十五点七: the decimals belong to
                        // the digit before the point.
                        let int = number.take().unwrap_or(0.0);
                        number = Some(int + frac);
                        number_arabic = false;
                    } else {
                        // 两千三点一 (2300.1), 四百亿点零五: the decimals
                        // belong to the whole numeral.
                        tail_frac = Some(frac);
                    }
                    prev_big = false;
                    any = true;
                }
                Sym::Tens(t) => {
                    if number.is_some() {
                        return None;
                    }
                    section += t;
                    last_small = 10.0;
                    pending_scale = None;
                    prev_big = false;
                    any = true;
                    i += 1;
                }
                Sym::Small(u) => {
                    if u >= last_small && !(after_zero && u < last_small) {
                        return None;
                    }
                    let n = match number.take() {
                        Some(n) => n,
                        // 十 alone at the start of a section means 一十.
                        None if u == 10.0 || i == 0 => 1.0,
                        None => {
                            if after_zero {
                                1.0
                            } else {
                                return None;
                            }
                        }
                    };
                    section += n * u;
                    last_small = u;
                    after_zero = false;
                    pending_scale = Some(u / 10.0);
                    prev_big = false;
                    any = true;
                    i += 1;
                }
                Sym::Big(b) => {
                    // 百二万 is 120万: a bare digit after a small unit takes
                    // the next lower place, as at the end of a numeral.
                    let n = match (number.take(), pending_scale) {
                        (Some(n), Some(scale))
                            if (n < 10.0 || !number_arabic && n <= 10.0)
                                && !after_zero
                                && scale < b =>
                        {
                            n * scale
                        }
                        (Some(n), _) => n,
                        (None, _) => 0.0,
                    };
                    let sec = section + n;
                    if sec == 0.0 && prev_big && total > 0.0 {
                        // 四万万, 10万万, 万亿: a place after a place
                        // multiplies.
                        total *= b;
                        last_big *= b;
                        pending_scale = Some(last_big / 10.0);
                        i += 1;
                        continue;
                    }
                    // 萬九 (19000): a leading big unit stands for one of it,
                    // when a digit follows.
                    let leading = sec == 0.0 && total == 0.0 && i == 0;
                    let sec = if leading
                        && chars
                            .get(1)
                            .is_some_and(|&c| matches!(self.sym(c), Sym::Digit(d) if d > 0))
                    {
                        1.0
                    } else {
                        sec
                    };
                    if sec == 0.0 && total == 0.0 {
                        return None;
                    }
                    if b > last_big {
                        total = (total + sec) * b;
                        last_big = b;
                    } else {
                        // 三亿四千万: a smaller section adds; 1000万2000万 is
                        // two numbers, not one.
                        if sec == 0.0 || b == last_big {
                            return None;
                        }
                        total += sec * b;
                    }
                    section = 0.0;
                    last_small = f64::INFINITY;
                    after_zero = false;
                    pending_scale = Some(b / 10.0);
                    prev_big = true;
                    any = true;
                    i += 1;
                }
                Sym::None => return None,
            }
        }
        if !any {
            return None;
        }
        if let Some(n) = number {
            // "三万四" means 34000, "一百五" 150: a trailing bare digit takes
            // the next lower place, unless it was written in Arabic
            // ("3万4000").
            match pending_scale {
                Some(scale) if !number_arabic && n <= 10.0 && n.fract() == 0.0 && !after_zero => {
                    section += n * scale
                }
                _ => section += n,
            }
        }
        // 亿亿亿… past f64: not a number anyone wrote.
        Some(total + section + tail_frac.unwrap_or(0.0)).filter(|v| v.is_finite())
    }

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

/// A parsed numeral before its sign is applied.
#[derive(Debug, Clone, Copy)]
struct Parsed {
    value: f64,
    high: Option<f64>,
    approx: Option<Qualifier>,
    form: Form,
}

impl Parsed {
    fn plain(value: f64, form: Form) -> Parsed {
        Parsed {
            value,
            high: None,
            approx: None,
            form,
        }
    }
}

/// The smallest place of a value's written digits: 50000 → 10000,
/// 16500 → 100. "5万余" means fewer than 6万, "500余万" fewer than 600万.
pub fn last_place(v: f64) -> f64 {
    if v < 1.0 {
        return 0.1;
    }
    let mut p = 1.0;
    while p * 10.0 <= v && (v / (p * 10.0)).fract() == 0.0 {
        p *= 10.0;
    }
    p
}

/// Value of a single Chinese digit character, simplified, traditional or
/// financial form (built-in table).
pub fn cn_digit(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    Numerals::builtin().digit(c)
}

/// Large units that close a section (万, 亿), built-in table.
pub fn cn_big_unit(c: char) -> Option<f64> {
    Numerals::builtin().big_unit(c)
}

/// True for any character that can be part of a Chinese numeral
/// (built-in table).
pub fn is_cn_numeral_char(c: char) -> bool {
    Numerals::builtin().is_numeral_char(c)
}

/// Parses a complete Chinese numeral ("一百零一", "壹万二千", "三点五",
/// "二〇二三", "廿"), also mixed with Arabic digits ("3万4000", "1.2万",
/// "4.78万亿"), signed ("负三十二"), a fraction ("三分之一") or an
/// approximate ("500余万", its lower end). Returns None for strings that
/// are not well-formed numerals ("十十", "万", "一千千").
///
/// ```
/// use yoy::numbers::parse_numeral;
/// assert_eq!(parse_numeral("一百零一"), Some(101.0));
/// assert_eq!(parse_numeral("1.2万"), Some(12000.0));
/// assert_eq!(parse_numeral("4.78万亿"), Some(4.78e12));
/// assert_eq!(parse_numeral("四万万"), Some(4e8));
/// assert_eq!(parse_numeral("两千三点一"), Some(2300.1));
/// assert_eq!(parse_numeral("负三十二"), Some(-32.0));
/// assert_eq!(parse_numeral("十十"), None);
/// ```
pub fn parse_numeral(s: &str) -> Option<f64> {
    Numerals::builtin().parse(s)
}

/// `Numerals::read` with the built-in table.
pub fn read_number(text: &str, start: usize) -> Option<NumToken> {
    Numerals::builtin().read(text, start)
}

/// Writes a whole number in Chinese numerals, the way documents do:
/// 12 → 十二, 101 → 一百零一, 350000 → 三十五万, 100000001 → 一亿零一.
///
/// ```
/// use yoy::numbers::{format_chinese, parse_numeral};
/// assert_eq!(format_chinese(350000), "三十五万");
/// assert_eq!(parse_numeral(&format_chinese(100000001)), Some(100000001.0));
/// ```
pub fn format_chinese(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const SMALL: [&str; 4] = ["", "十", "百", "千"];
    const BIG: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    if n == 0 {
        return D[0].to_string();
    }
    // Four-digit groups, lowest first.
    let mut groups = Vec::new();
    let mut m = n;
    while m > 0 {
        groups.push((m % 10_000) as usize);
        m /= 10_000;
    }
    let mut out = String::new();
    let mut need_zero = false;
    for (gi, &g) in groups.iter().enumerate().rev() {
        if g == 0 {
            need_zero = !out.is_empty();
            continue;
        }
        if need_zero || (!out.is_empty() && g < 1000) {
            out.push_str(D[0]);
        }
        need_zero = false;
        let digits = [g / 1000, g / 100 % 10, g / 10 % 10, g % 10];
        let mut zero = false;
        for (k, &d) in digits.iter().enumerate() {
            let place = 3 - k;
            if d == 0 {
                zero = true;
                continue;
            }
            let started = digits[..k].iter().any(|&x| x != 0);
            if zero && started {
                out.push_str(D[0]);
            }
            zero = false;
            // 十二 rather than 一十二 at the very start.
            if !(d == 1 && place == 1 && out.is_empty()) {
                out.push_str(D[d]);
            }
            out.push_str(SMALL[place]);
        }
        out.push_str(BIG[gi]);
    }
    out
}

/// Formats a value without float noise: 350000, 1.65, 0.5.
pub fn format_value(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e17 {
        format!("{}", v as i64)
    } else {
        let s = format!("{:.6}", v);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn chinese_numerals() {
        let cases: &[(&str, f64)] = &[
            ("一", 1.0),
            ("十", 10.0),
            ("十一", 11.0),
            ("二十", 20.0),
            ("一百零一", 101.0),
            ("一千零十", 1010.0),
            ("两", 2.0),
            ("一百二十", 120.0),
            ("一百二", 120.0),
            ("三万四", 34000.0),
            ("廿", 20.0),
            ("卅三", 33.0),
            ("壹佰壹拾壹", 111.0),
            ("二〇二三", 2023.0),
            ("三点五", 3.5),
            ("1.2万", 12000.0),
            ("3万4000", 34000.0),
            ("5亿", 5e8),
            ("4.78万亿", 4.78e12),
            ("三亿四千万", 3.4e8),
            ("五百卅四", 534.0),
            ("百二萬", 1_200_000.0),
            ("萬九", 19000.0),
            ("一七二零点一", 1720.1),
            ("负十一", -11.0),
            ("十万零一", 100001.0),
            (
                "一千一百一十一万一千一百一十一亿一千一百一十一万一千一百一十一",
                1111111111111111.0,
            ),
            // Sections stacked: 万万 and 亿亿.
            ("四万万", 4e8),
            ("10万万", 1e9),
            ("四万万五千万", 4.5e8),
            ("一亿亿", 1e16),
            // Arabic digits with Chinese places and 零.
            ("3万4千", 34000.0),
            ("1千零20", 1020.0),
            ("2千零30万", 20_300_000.0),
            // Decimals after a shortened numeral belong to the whole.
            ("两千三点一", 2300.1),
            ("一千六点五", 1600.5),
            ("二点五", 2.5),
            ("零点五", 0.5),
            ("十五点七", 15.7),
            ("四百亿点零五零", 40_000_000_000.05),
            ("两千万点五五四四", 20_000_000.554_4),
            // Signs.
            ("负三十二", -32.0),
            ("负3.5", -3.5),
            ("-0.3", -0.3),
            ("−0.3", -0.3),
            ("負四十五億零四百零四萬", -4_504_040_000.0),
            // Fractions.
            ("三分之一", 1.0 / 3.0),
            ("1/3", 1.0 / 3.0),
            ("五十万分之二十五", 25.0 / 500_000.0),
            ("一又二分之一", 1.5),
            ("负一又二分之一", -1.5),
            ("3分之负1", -1.0 / 3.0),
            // Notation.
            ("2e5", 200000.0),
            ("1.5E-3", 0.0015),
            ("2^5", 32.0),
            ("兆", f64::NAN),
            // With the separators text has.
            ("1,500", 1500.0),
            ("十 余 万", 1e5),
            ("1000  万", 1e7),
        ];
        for (s, v) in cases {
            let got = parse_numeral(s);
            if v.is_nan() {
                assert_eq!(got, None, "{s}");
                continue;
            }
            assert!(
                got.is_some_and(|g| close(g, *v)),
                "{s}: got {got:?}, want {v}"
            );
        }
    }

    #[test]
    fn approximate_numerals_give_ranges() {
        // (numeral, value, upper end, qualifier)
        let cases: &[(&str, f64, f64, Qualifier)] = &[
            ("500余万", 5e6, 6e6, Qualifier::Gt),
            // 一千多 is 1000 up to 2000 (多 after 千: fewer than the next
            // thousand), as 3000多 is 3000–4000.
            ("一千多万", 1e7, 2e7, Qualifier::Gt),
            ("十多万", 1e5, 2e5, Qualifier::Gt),
            ("二十几万", 2e5, 3e5, Qualifier::Gt),
            ("一百零几万", 1e6, 1.1e6, Qualifier::Gt),
            ("三百几", 300.0, 400.0, Qualifier::Gt),
            ("十来万", 1e5, 2e5, Qualifier::Approx),
        ];
        let n = Numerals::builtin();
        for (s, v, h, q) in cases {
            let t = n.read(s, 0).unwrap_or_else(|| panic!("{s}: not read"));
            assert_eq!(t.end, s.len(), "{s}: whole text");
            assert!(close(t.value, *v), "{s}: value {}", t.value);
            assert!(
                t.high.is_some_and(|x| close(x, *h)),
                "{s}: high {:?}",
                t.high
            );
            assert_eq!(t.approx, Some(*q), "{s}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "十十",
            "万",
            "万万",
            "一千千",
            "点五",
            "",
            "三百百",
            "负",
            "分之一",
            "1/0",
        ] {
            assert_eq!(parse_numeral(s), None, "{s}");
        }
    }

    #[test]
    fn reads_runs_in_text() {
        let t = "新增1,500个,增长1.65%和35万人";
        let n = read_number(t, t.find('1').unwrap()).unwrap();
        assert_eq!((n.value, n.grouped), (1500.0, true));
        let p = t.find("35").unwrap();
        let n = read_number(t, p).unwrap();
        assert_eq!(n.value, 350000.0);
        assert_eq!(&t[n.start..n.end], "35万");
        // A comma followed by other digits is a list separator, not grouping.
        let t = "分别为12,3456";
        let n = read_number(t, t.find('1').unwrap()).unwrap();
        assert_eq!(n.value, 12.0);
    }

    #[test]
    fn reads_spaced_numerals_only_where_parts_cannot_stand_apart() {
        // (text, value, text of the token)
        let cases: &[(&str, f64, &str)] = &[
            ("1000 万人", 1e7, "1000 万"),
            ("1000  万", 1e7, "1000  万"),
            ("一 百 五 十", 150.0, "一 百 五 十"),
            ("3 万 4 千", 34000.0, "3 万 4 千"),
            ("两千 四 百 五", 2450.0, "两千 四 百 五"),
            ("四百 点 五", 400.5, "四百 点 五"),
            ("十 余 万", 1e5, "十 余 万"),
            ("三 分之 一", 1.0 / 3.0, "三 分之 一"),
            ("1 3/5", 1.6, "1 3/5"),
            // Two numbers that each stand alone stay two.
            ("2023 2024", 2023.0, "2023"),
            ("一 二", 1.0, "一"),
            ("1000万 2000万", 1e7, "1000万"),
            ("7 万 5", 75000.0, "7 万 5"),
        ];
        for (t, v, raw) in cases {
            let n = read_number(t, 0).unwrap_or_else(|| panic!("{t}: not read"));
            assert!(close(n.value, *v), "{t}: value {}", n.value);
            assert_eq!(&t[n.start..n.end], *raw, "{t}");
        }
    }

    #[test]
    fn forms() {
        let n = Numerals::builtin();
        let t = n.read("百分之五", 0).unwrap();
        assert_eq!(
            (
                t.value,
                n.per_unit(match t.form {
                    Form::Per(k) => k,
                    _ => usize::MAX,
                })
            ),
            (5.0, "%")
        );
        let t = n.read("千分之五", 0).unwrap();
        assert!(matches!(t.form, Form::Per(_)));
        assert_eq!(n.per_unit(1), "‰");
        let t = n.read("1/3", 0).unwrap();
        assert_eq!(t.form, Form::Fraction);
        // Dates and paths are not fractions.
        let t = n.read("2023/12/31", 0).unwrap();
        assert_eq!((t.value, t.form), (2023.0, Form::Plain));
        // A dotted sequence is not a decimal.
        let t = n.read("1.2.3", 0).unwrap();
        assert_eq!(t.value, 1.0);
        // 两 is not a decimal digit: 两百点两 is 两百, then 两.
        let t = n.read("两百点两", 0).unwrap();
        assert_eq!(t.value, 200.0);
    }

    #[test]
    fn backs_off_non_numeral_tails() {
        let t = "三千米";
        let n = read_number(t, 0).unwrap();
        assert_eq!(n.value, 3000.0);
        let t = "二分之";
        let n = read_number(t, 0).unwrap();
        assert_eq!((n.value, n.end), (2.0, 3));
    }

    #[test]
    fn formats_chinese() {
        for (n, s) in [
            (0, "零"),
            (12, "十二"),
            (101, "一百零一"),
            (1010, "一千零一十"),
            (350000, "三十五万"),
            (100000001, "一亿零一"),
            (10011001, "一千零一万一千零一"),
            (20, "二十"),
        ] {
            assert_eq!(format_chinese(n), s);
            assert_eq!(parse_numeral(s), Some(n as f64), "{s}");
        }
    }

    #[test]
    fn formats_values() {
        assert_eq!(format_value(350000.0), "350000");
        assert_eq!(format_value(1.65), "1.65");
        assert_eq!(format_value(535100000000.0), "535100000000");
    }

    #[test]
    fn last_places() {
        assert_eq!(last_place(50000.0), 10000.0);
        assert_eq!(last_place(16500.0), 100.0);
        assert_eq!(last_place(30.0), 10.0);
    }
}
