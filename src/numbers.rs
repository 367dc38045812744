//! Numbers: takes a span of normalised text, gives numeric expressions.
//!
//! A numeric expression is a run of Arabic digits, Chinese numerals or a mix
//! of both ("1.2万", "3万4000", "两", "一百二十", "4.78万亿"), optionally a
//! range ("1—2", "两到三万"). This stage knows nothing of units or meaning;
//! `figures` decides what a number is.

/// Value of a single Chinese digit character, simplified, traditional or
/// financial form.
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '0' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '貳' | '两' | '兩' => 2,
        '三' | '叁' | '參' | '叄' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Small positional units inside a section (十, 百, 千).
fn cn_small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

/// Large units that close a section (万, 亿).
pub fn cn_big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        _ => return None,
    })
}

/// Tens written as one character (廿 = 20).
fn cn_tens(c: char) -> Option<f64> {
    Some(match c {
        '廿' => 20.0,
        '卅' => 30.0,
        '卌' => 40.0,
        _ => return None,
    })
}

/// True for any character that can be part of a Chinese numeral.
pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some()
        || cn_small_unit(c).is_some()
        || cn_big_unit(c).is_some()
        || cn_tens(c).is_some()
        || matches!(c, '点' | '點')
}

/// Parses a complete Chinese numeral ("一百零一", "壹万二千", "三点五",
/// "二〇二三", "廿"), also mixed with Arabic digits ("3万4000", "1.2万",
/// "4.78万亿"). Returns None for strings that are not well-formed numerals
/// ("十十", "万", "一千千").
///
/// ```
/// use yoy::numbers::parse_numeral;
/// assert_eq!(parse_numeral("一百零一"), Some(101.0));
/// assert_eq!(parse_numeral("1.2万"), Some(12000.0));
/// assert_eq!(parse_numeral("4.78万亿"), Some(4.78e12));
/// assert_eq!(parse_numeral("十十"), None);
/// ```
pub fn parse_numeral(s: &str) -> Option<f64> {
    // A leading 负 or minus sign makes the value negative (负一七二零).
    if let Some(rest) = s.strip_prefix(['负', '負', '-']) {
        return parse_numeral(rest).map(|v| -v);
    }
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    // Digit-by-digit form: 二〇二三, 一二三, 一七二零点一 (two or more
    // digits before any 点).
    let int_len = chars
        .iter()
        .position(|&c| matches!(c, '点' | '點'))
        .unwrap_or(chars.len());
    let is_digit =
        |c: char| cn_digit(c).is_some() && !c.is_ascii_digit() && !matches!(c, '两' | '兩');
    if int_len > 1
        && chars[..int_len].iter().all(|&c| is_digit(c))
        && (int_len == chars.len()
            || (int_len + 1 < chars.len() && chars[int_len + 1..].iter().all(|&c| is_digit(c))))
    {
        let mut v = 0f64;
        for &c in &chars[..int_len] {
            v = v * 10.0 + cn_digit(c)? as f64;
        }
        let mut scale = 0.1;
        for &c in chars.iter().skip(int_len + 1) {
            v += cn_digit(c)? as f64 * scale;
            scale /= 10.0;
        }
        return Some(v);
    }

    let mut total = 0f64; // sum of closed big sections
    let mut section = 0f64; // value inside current 万/亿 section
    let mut number: Option<f64> = None; // pending digit(s)
    let mut last_small = f64::INFINITY; // last small unit used in this section
    let mut last_big = 0f64; // largest big unit closed so far
    let mut after_zero = false; // a 零 was seen: next small unit may skip
    let mut pending_scale: Option<f64> = None; // implied scale after a big unit (3万4 = 34000)
    let mut i = 0;
    let mut any = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() || c == '.' {
            // An Arabic run: digits with optional one decimal point.
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
            let v: f64 = run.parse().ok()?;
            number = Some(v);
            pending_scale = None;
            after_zero = false;
            any = true;
            continue;
        }
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                // 零 only separates places; it carries no value itself.
                if let Some(n) = number.take() {
                    if n != 0.0 {
                        return None;
                    }
                }
                after_zero = true;
                pending_scale = None;
                any = true;
                i += 1;
                continue;
            }
            if number.is_some() {
                return None;
            }
            number = Some(d as f64);
            any = true;
            i += 1;
            continue;
        }
        if matches!(c, '点' | '點') {
            // Decimal part: the digits that follow, Chinese or Arabic.
            if number.is_none() && section == 0.0 && total == 0.0 && !after_zero {
                return None;
            }
            let int = number.take().unwrap_or(0.0);
            let mut frac = 0f64;
            let mut scale = 0.1;
            i += 1;
            let mut digits = 0;
            while i < chars.len() {
                let d = if chars[i].is_ascii_digit() {
                    chars[i].to_digit(10)
                } else {
                    cn_digit(chars[i])
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
            number = Some(int + frac);
            any = true;
            continue;
        }
        if let Some(t) = cn_tens(c) {
            if number.is_some() {
                return None;
            }
            section += t;
            last_small = 10.0;
            pending_scale = None;
            any = true;
            i += 1;
            continue;
        }
        if let Some(u) = cn_small_unit(c) {
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
            any = true;
            i += 1;
            continue;
        }
        if let Some(b) = cn_big_unit(c) {
            // 百二万 is 120万: a bare digit after a small unit takes the next
            // lower place, as at the end of a numeral.
            let n = match (number.take(), pending_scale) {
                (Some(n), Some(scale)) if n < 10.0 && !after_zero && scale < b => n * scale,
                (Some(n), _) => n,
                (None, _) => 0.0,
            };
            let sec = section + n;
            // 萬九 (19000): a leading big unit stands for one of it, when a
            // digit follows.
            let leading = sec == 0.0 && total == 0.0 && i == 0;
            let sec = if leading && chars.get(1).is_some_and(|&c| cn_digit(c).is_some()) {
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
                if sec == 0.0 {
                    return None;
                }
                total += sec * b;
            }
            section = 0.0;
            last_small = f64::INFINITY;
            after_zero = false;
            pending_scale = Some(b / 10.0);
            any = true;
            i += 1;
            continue;
        }
        return None;
    }
    if !any {
        return None;
    }
    if let Some(n) = number {
        // "三万四" means 34000, "一百五" 150: a trailing bare digit takes the
        // next lower place, unless it was written in Arabic ("3万4000").
        let arabic_tail = chars.last().is_some_and(|c| c.is_ascii_digit());
        match pending_scale {
            Some(scale) if !arabic_tail && n < 10.0 && !after_zero => section += n * scale,
            _ => section += n,
        }
    }
    Some(total + section)
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
}

/// Finds the numeric run starting at `start` in `text` (which must begin
/// with a digit or a numeral character). Greedy: takes Arabic digits with
/// thousands separators and a decimal point, then any mixed Chinese
/// multipliers.
pub fn read_number(text: &str, start: usize) -> Option<NumToken> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut arabic = false;
    let mut grouped = false;
    let mut decimals = 0;
    // Arabic part.
    if i < bytes.len() && (bytes[i].is_ascii_digit()) {
        arabic = true;
        let int_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        // Thousands separators: ",ddd" groups, only when the leading group
        // has at most three digits and each group exactly three.
        if i - int_start <= 3 {
            let mut j = i;
            let mut groups = 0;
            while j + 3 < bytes.len() + 1
                && j < bytes.len()
                && bytes[j] == b','
                && j + 4 <= bytes.len()
                && bytes[j + 1..j + 4].iter().all(|b| b.is_ascii_digit())
                && !(j + 4 < bytes.len() && bytes[j + 4].is_ascii_digit())
            {
                j += 4;
                groups += 1;
            }
            if groups > 0 {
                i = j;
                grouped = true;
            }
        }
        if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
                decimals += 1;
            }
        }
    }
    // Chinese part (numerals or multipliers after Arabic digits).
    let mut j = i;
    for (off, c) in text[i..].char_indices() {
        let ok = if arabic {
            // After Arabic digits only multipliers and further mixed digits
            // ("3万4000") belong to the number.
            cn_big_unit(c).is_some()
                || matches!(c, '千' | '百' | '仟' | '佰')
                || (c.is_ascii_digit() && j > i)
        } else {
            is_cn_numeral_char(c) || (c.is_ascii_digit() && j > i)
        };
        if !ok {
            break;
        }
        j = i + off + c.len_utf8();
    }
    // "百" and "千" after Arabic digits are multipliers only when followed
    // by 万/亿 or the end ("3千万"): "5百" is rare, "2千米" is a unit.
    let mut end = j;
    while end > start {
        let raw = &text[start..end];
        let cleaned: String = raw.chars().filter(|&c| c != ',').collect();
        if let Some(v) = parse_numeral(&cleaned) {
            // A trailing 点 or lone unit char is not part of the number.
            return Some(NumToken {
                start,
                end,
                value: v,
                arabic,
                decimals,
                grouped,
            });
        }
        // Back off one character and retry: "十分" in "十分重要" never parses,
        // "三千米" should give 三千 then a unit.
        let last = text[start..end].chars().next_back()?;
        end -= last.len_utf8();
    }
    None
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
        ];
        for (s, v) in cases {
            let got = parse_numeral(s);
            assert!(
                got.is_some_and(|g| (g - v).abs() < 1e-6 * v.abs().max(1.0)),
                "{s}: got {got:?}, want {v}"
            );
        }
    }

    #[test]
    fn rejects_malformed() {
        for s in ["十十", "万", "一千千", "点五", "", "三百百"] {
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
    fn backs_off_non_numeral_tails() {
        let t = "三千米";
        let n = read_number(t, 0).unwrap();
        assert_eq!(n.value, 3000.0);
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
}
