//! Place values: takes the characters of one numeral without sign,
//! fraction or approximate word, gives its value — Chinese digits and
//! places (一百零一, 四万万, 两千三点一), digit-by-digit years (二〇二三),
//! Arabic runs with exponents (2e5) and the two mixed (3万4000, 1.2万).

use super::{Numerals, Sym};

impl Numerals {
    /// Evaluates a numeral without sign or fraction. `wild` is the value an
    /// unknown digit (几) takes: 0 for the lower end, 10 for the upper.
    pub(super) fn eval(&self, chars: &[char], wild: f64) -> Option<f64> {
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
}
