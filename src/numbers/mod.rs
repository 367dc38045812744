//! Numbers: takes a span of normalised text, gives numeric expressions.
//!
//! A numeric expression is a run of Arabic digits, Chinese numerals or a mix
//! of both ("1.2万", "3万4000", "两", "一百二十", "4.78万亿", "四万万"),
//! with an optional sign ("负3.5", "-0.3"), as a fraction ("三分之一",
//! "1/3", "3又1/2"), a per-cent or per-mille word ("百分之五", "千分之五"),
//! an approximate word before its multiplier ("500余万", "二十几万"), and
//! the spaces text from PDFs puts between its parts ("1000 万",
//! "一 百 五 十"). The words come from data/numerals.toml (`Numerals`);
//! the grammar that combines them is here: this file holds the types, the
//! compiled table and the public functions; `eval` the place values of one
//! numeral, `forms` signs, fractions and approximate words, `scan` finding
//! a run in text. This stage knows nothing of units or meaning; `figures`
//! decides what a number is.

mod eval;
mod forms;
mod listing;
mod scan;

pub use listing::format_number;

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// How a qualifier bounds the value. It lives here, not with the cue words
/// (`lexicon` re-exports it), because the numeral grammar's approximate
/// words (500余万, 二十几万) give one.
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

/// The years a four-digit number may be read as a year in (a document's
/// plan year, a period's ends, a deadline).
pub const PLAUSIBLE_YEARS: std::ops::Range<i32> = 1990..2100;

/// The years a four-digit number followed by 年 is read as a calendar year
/// rather than a quantity (1949年, 2035年): wider than the plausible plan
/// years, since history is named too.
pub const CALENDAR_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Every year written as four digits and 年 in `text` (2025年, not 12025年,
/// not 20251年), within the plausible years: (byte offset, year).
pub fn years_in(text: &str) -> impl Iterator<Item = (usize, i32)> + '_ {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(4)).filter_map(move |i| {
        let digits = b[i..i + 4].iter().all(u8::is_ascii_digit);
        if !digits || (i > 0 && b[i - 1].is_ascii_digit()) || !text[i + 4..].starts_with('年') {
            return None;
        }
        let y: i32 = text[i..i + 4].parse().ok()?;
        PLAUSIBLE_YEARS.contains(&y).then_some((i, y))
    })
}

/// The built-in data/numerals.toml.
pub const NUMERALS: &str = include_str!("../../data/numerals.toml");

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
                    return Err(format!("character \"{c}\" is listed twice"));
                }
                *slot = u8::try_from(idx).map_err(|_| "too many numeral classes".to_string())?;
            } else {
                if other.iter().any(|&(o, _)| o == c) {
                    return Err(format!("character \"{c}\" is listed twice"));
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

    /// True for a place character (十, 百, 万) or a tens character (廿):
    /// what makes 三百 a positional numeral rather than a run of digits.
    pub fn is_positional(&self, c: char) -> bool {
        matches!(self.sym(c), Sym::Big(_) | Sym::Small(_) | Sym::Tens(_))
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
