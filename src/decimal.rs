//! Decimal: exact arithmetic to the precision a document writes. Figures
//! are held as `f64`; a sum or difference of two of them is rounded to the
//! decimals its operands were written with, so 5.6 − 5 is 0.6 (not
//! 0.5999999999999996) and 36.8万 stays 368000.

/// Significant digits a figure can carry: more than any document writes,
/// fewer than an `f64` holds, so binary noise is rounded away.
const SIGNIFICANT: usize = 13;

/// The value rounded to `SIGNIFICANT` digits: 6.7000000000003 → 6.7,
/// 67000.00000000001 → 67000. Infinite and NaN values pass unchanged.
pub fn tidy(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    // A whole number of at most `SIGNIFICANT` digits is already what the
    // rounding gives (most figures in base units are): no formatting.
    if v.fract() == 0.0 && v.abs() < 1e13 {
        return v;
    }
    format!("{:.*e}", SIGNIFICANT - 1, v).parse().unwrap_or(v)
}

/// Decimals of a value's shortest written form (6.75 → 2, 368000 → 0).
fn decimals(v: f64) -> usize {
    let s = format!("{}", tidy(v));
    s.split_once('.').map_or(0, |(_, d)| d.len())
}

/// `a − b`, exact to the decimals the operands were written with.
pub fn sub(a: f64, b: f64) -> f64 {
    if !(a.is_finite() && b.is_finite()) {
        return a - b;
    }
    round(a - b, decimals(a).max(decimals(b)))
}

/// `v` rounded half away from zero to `d` decimals.
pub fn round(v: f64, d: usize) -> f64 {
    if !v.is_finite() {
        return v;
    }
    let d = d.min(15);
    let s = format!("{:.*}", d, v);
    tidy(s.parse().unwrap_or(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_keep_the_written_precision() {
        assert_eq!(sub(5.6, 5.0), 0.6);
        assert_eq!(sub(7.8, 3.0), 4.8);
        assert_eq!(sub(0.1, 0.3), -0.2);
        assert_eq!(sub(368000.0, 350000.0), 18000.0);
        assert_eq!(sub(349_600_000_000.0, 200_000_000_000.0), 149_600_000_000.0);
        assert_eq!(format!("{}", sub(5.6, 5.0)), "0.6");
    }

    #[test]
    fn tidy_rounds_binary_noise_only() {
        assert_eq!(tidy(6.7000000000003), 6.7);
        assert_eq!(tidy(36.8 * 10000.0), 368000.0);
        assert_eq!(tidy(1.0 / 3.0), 0.3333333333333);
        assert_eq!(tidy(135_097_000_000.0), 135_097_000_000.0);
        assert!(tidy(f64::INFINITY).is_infinite());
    }
}
