//! Magnitudes: takes a value in base units and one language's rules
//! (data/messages.toml `[magnitude.zh]`, `[magnitude.en]`), gives the
//! number as a reader writes it — 3496亿, 36.8万, 6.2万 in Chinese; 349.6 bn,
//! 368,000 in English. Machine files never use it: they keep base units.

use serde::Deserialize;

/// One step of a scale: 万 = 10⁴, 亿 = 10⁸, bn = 10⁹.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub factor: f64,
    pub word: String,
}

/// How one language writes large numbers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Magnitude {
    /// The steps, any order; the largest one that writes the value
    /// exactly with at most `decimals` decimals is used.
    pub steps: Vec<Step>,
    /// Values below this are written in full (5000个, not 0.5万个).
    pub min: f64,
    pub decimals: u32,
    /// Between groups of three digits ("," in English, none in Chinese).
    pub group: String,
    /// Between a number and its unit (none in Chinese).
    pub unit_sep: String,
    /// Units written right after the number whatever `unit_sep` says (%).
    pub tight_units: Vec<String>,
    /// Units whose values are never scaled, and whose changes are
    /// percentage points: rates.
    pub rate_units: Vec<String>,
}

impl Magnitude {
    /// Checks the rules make sense; the message says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if let Some(s) = self
            .steps
            .iter()
            .find(|s| !(s.factor.is_finite() && s.factor > 1.0))
        {
            return Err(format!(
                "step \"{}\" has factor {}; it must be above 1",
                s.word, s.factor
            ));
        }
        if self.decimals > 6 {
            return Err(format!("decimals = {}; at most 6", self.decimals));
        }
        Ok(())
    }

    pub fn is_rate(&self, unit: &str) -> bool {
        self.rate_units.iter().any(|u| u == unit)
    }

    /// What stands between a number and `unit`.
    pub fn separator(&self, unit: &str) -> &str {
        if self.tight_units.iter().any(|u| u == unit) {
            ""
        } else {
            &self.unit_sep
        }
    }

    /// `v` written with a step when one writes it exactly.
    pub fn number(&self, v: f64) -> String {
        if !v.is_finite() {
            return crate::numbers::format_value(v);
        }
        let sign = if v < 0.0 { "-" } else { "" };
        let a = v.abs();
        if a >= self.min {
            let mut steps: Vec<&Step> = self.steps.iter().collect();
            steps.sort_by(|x, y| y.factor.total_cmp(&x.factor));
            let scale = 10f64.powi(self.decimals as i32);
            for s in steps.into_iter().filter(|s| a >= s.factor) {
                let x = a / s.factor;
                let rounded = (x * scale).round() / scale;
                if (rounded - x).abs() <= 1e-9 * x.max(1.0) {
                    let digits = format!("{:.*}", self.decimals as usize, rounded);
                    let digits = if digits.contains('.') {
                        digits.trim_end_matches('0').trim_end_matches('.')
                    } else {
                        &digits
                    };
                    return format!("{sign}{}{}", self.grouped(digits), s.word);
                }
            }
        }
        format!("{sign}{}", self.grouped(&crate::numbers::format_value(a)))
    }

    /// `v` in `unit`: rates are never scaled.
    pub fn number_in(&self, v: f64, unit: &str) -> String {
        if self.is_rate(unit) {
            self.grouped(&crate::numbers::format_value(v))
        } else {
            self.number(v)
        }
    }

    /// Digits with `group` between thousands of the integer part.
    fn grouped(&self, digits: &str) -> String {
        if self.group.is_empty() {
            return digits.to_string();
        }
        let (sign, rest) = match digits.strip_prefix('-') {
            Some(r) => ("-", r),
            None => ("", digits),
        };
        let (int, frac) = match rest.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (rest, None),
        };
        if int.len() <= 3 || !int.bytes().all(|b| b.is_ascii_digit()) {
            return digits.to_string();
        }
        let mut out = String::from(sign);
        for (k, c) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                out.push_str(&self.group);
            }
            out.push(c);
        }
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh() -> Magnitude {
        Magnitude {
            steps: vec![
                Step {
                    factor: 1e4,
                    word: "万".into(),
                },
                Step {
                    factor: 1e8,
                    word: "亿".into(),
                },
            ],
            min: 1e4,
            decimals: 2,
            group: String::new(),
            unit_sep: String::new(),
            tight_units: vec![],
            rate_units: vec!["%".into()],
        }
    }

    #[test]
    fn chinese_steps() {
        let m = zh();
        assert_eq!(m.number(349_600_000_000.0), "3496亿");
        assert_eq!(m.number(368_000.0), "36.8万");
        assert_eq!(m.number(62_000.0), "6.2万");
        assert_eq!(m.number(5000.0), "5000");
        assert_eq!(m.number(3_070_000.0), "307万");
        // Not exact with two decimals: written in full.
        assert_eq!(m.number(12_345.0), "12345");
        assert_eq!(m.number(-15_000.0), "-1.5万");
        assert_eq!(m.number(1.65), "1.65");
        assert_eq!(m.number_in(20_000.0, "%"), "20000");
    }

    #[test]
    fn english_steps_and_groups() {
        let m = Magnitude {
            steps: vec![
                Step {
                    factor: 1e9,
                    word: " bn".into(),
                },
                Step {
                    factor: 1e6,
                    word: " mn".into(),
                },
            ],
            min: 1e6,
            decimals: 2,
            group: ",".into(),
            unit_sep: " ".into(),
            tight_units: vec!["%".into()],
            rate_units: vec!["%".into()],
        };
        assert_eq!(m.number(349_600_000_000.0), "349.6 bn");
        assert_eq!(m.number(368_000.0), "368,000");
        assert_eq!(m.number(1_234_567.5), "1,234,567.5");
        assert_eq!(m.number(3_070_000.0), "3.07 mn");
        assert_eq!(m.separator("%"), "");
        assert_eq!(m.separator("yuan"), " ");
        let bad = Magnitude {
            steps: vec![Step {
                factor: 0.0,
                word: "x".into(),
            }],
            ..m
        };
        assert!(bad.check().unwrap_err().contains("\"x\""));
    }
}
