//! Verdicts: takes the comparison rows, the sides and points behind them
//! and what the dictionary says of each metric (a rate? which way is
//! better? are its targets ceilings?), gives every row the verdict an
//! auditor would sign — met, within the 左右 band, missed — its margin,
//! whether its change is for the better, and its flag.
//!
//! Rates (%, 个百分点) are compared in percentage points: 3% → 7.8% is +4.8
//! points, never "260%". A floor (以上) is met at or above, a ceiling (以内,
//! 控制在…以下) or a lower-is-better metric (失业率) at or below, a 左右
//! target within a band (data/config.toml), a range by its interval.
//! Differences are exact to the decimals the documents wrote.

pub use crate::compare::Verdict;
use crate::compare::{Comparison, Flag, Point, Row, Side};
use crate::decimal;
use crate::lexicon::{Better, Config, Lexicon, Qualifier};

/// What a verdict needs to know of a metric.
#[derive(Debug, Clone, Copy)]
pub struct Sense {
    pub rate: bool,
    pub better: Better,
    /// Targets are met from below: a lower-is-better metric, or one whose
    /// targets are ceilings (居民消费价格涨幅).
    pub from_below: bool,
}

impl Sense {
    pub fn of(lx: &Lexicon, metric: &str, unit: &str) -> Sense {
        let entry = lx.metric_entry(metric);
        let better = entry.map_or(Better::Higher, |m| m.better);
        Sense {
            rate: lx.is_rate(unit),
            better,
            from_below: better == Better::Lower || entry.is_some_and(|m| m.ceiling),
        }
    }
}

/// The verdict on an actual against a target stated with qualifier `q`
/// (its interval `[low, high]` for a range).
pub fn verdict(
    sense: Sense,
    cfg: &Config,
    target: f64,
    q: Qualifier,
    (low, high): (f64, f64),
    actual: f64,
) -> Verdict {
    let eps = 1e-9 * target.abs().max(actual.abs()).max(1.0);
    let band = if sense.rate {
        cfg.approx_band_points
    } else {
        target.abs() * cfg.approx_band_pct / 100.0
    };
    let at_least = |t: f64| actual + eps >= t;
    let at_most = |t: f64| actual <= t + eps;
    let yes = |ok: bool| if ok { Verdict::Met } else { Verdict::Missed };
    match q {
        Qualifier::Le | Qualifier::Lt => yes(at_most(target)),
        Qualifier::Ge | Qualifier::Gt => yes(at_least(target)),
        Qualifier::Range if sense.from_below => yes(at_most(high)),
        Qualifier::Range => yes(at_least(low)),
        Qualifier::Approx if sense.from_below => {
            if at_most(target) {
                Verdict::Met
            } else if at_most(target + band) {
                Verdict::WithinBand
            } else {
                Verdict::Missed
            }
        }
        Qualifier::Approx => {
            if at_least(target) {
                Verdict::Met
            } else if at_least(target - band) {
                Verdict::WithinBand
            } else {
                Verdict::Missed
            }
        }
        Qualifier::Eq if sense.from_below => yes(at_most(target)),
        Qualifier::Eq => yes(at_least(target)),
    }
}

/// Judges every row: exact change, no ratio for rates, verdict and margin
/// for attainment rows, whether a change is for the better, the flag.
pub fn judge(rows: &mut [Row], sides: &[Side], points: &[Point], lx: &Lexicon) {
    for r in rows.iter_mut() {
        let sense = Sense::of(lx, &r.metric, &r.unit);
        r.rate = sense.rate;
        r.headline = lx.metric_entry(&r.metric).is_some_and(|m| m.headline);
        r.change = decimal::sub(r.to_value, r.from_value);
        if sense.rate {
            // A rate's change is in points (the change itself); a ratio of
            // two rates means nothing.
            r.change_pct = None;
        }
        r.good = match sense.better {
            Better::Neither => None,
            _ if r.change == 0.0 => None,
            Better::Higher => Some(r.change > 0.0),
            Better::Lower => Some(r.change < 0.0),
        };
        if r.comparison == Comparison::ActualVsTarget {
            let target = &points[sides[r.from_side.index()].chosen];
            let v = verdict(
                sense,
                &lx.config,
                r.from_value,
                r.from_qualifier,
                (target.low, target.high),
                r.to_value,
            );
            r.verdict = Some(v);
            r.met = Some(v != Verdict::Missed);
            r.margin = if sense.rate {
                Some(decimal::sub(r.to_value, r.from_value))
            } else if r.from_value != 0.0 {
                Some(decimal::round((r.to_value / r.from_value - 1.0) * 100.0, 1))
            } else {
                None
            };
            // Attainment (36.8万 of 35万 = 105.1%) means something for a
            // quantity whose target is a floor or a point; not for a rate,
            // a ceiling or a metric better lower.
            if sense.rate
                || sense.from_below
                || matches!(r.from_qualifier, Qualifier::Le | Qualifier::Lt)
            {
                r.attainment_pct = None;
            }
        }
        r.flag = flag(r, sense);
    }
}

/// The flag of a judged row.
fn flag(r: &Row, sense: Sense) -> Option<Flag> {
    match r.comparison {
        Comparison::ActualVsTarget => r.verdict.map(|v| match v {
            Verdict::Met => Flag::Met,
            Verdict::WithinBand => Flag::WithinBand,
            Verdict::Missed => Flag::Missed,
        }),
        // A target weaker than last year's result: lower for a metric
        // better higher, higher for one better lower.
        Comparison::ActualVsNextTarget => match sense.better {
            Better::Lower => (r.to_value > r.from_value).then_some(Flag::AbovePriorActual),
            Better::Higher => (r.to_value < r.from_value).then_some(Flag::BelowPriorActual),
            Better::Neither => None,
        },
        Comparison::TargetVsNextTarget => Some(
            if r.from_qualifier != r.to_qualifier && r.from_value == r.to_value {
                Flag::QualifierChanged
            } else if r.to_value > r.from_value {
                Flag::Up
            } else if r.to_value < r.from_value {
                Flag::Down
            } else {
                Flag::Same
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Config {
        Lexicon::load(None).unwrap().config
    }

    fn rate(better: Better, ceiling: bool) -> Sense {
        Sense {
            rate: true,
            better,
            from_below: better == Better::Lower || ceiling,
        }
    }

    const QUANTITY: Sense = Sense {
        rate: false,
        better: Better::Higher,
        from_below: false,
    };

    fn v(s: Sense, t: f64, q: Qualifier, a: f64) -> Verdict {
        verdict(s, &cfg(), t, q, (t, t), a)
    }

    #[test]
    fn floors_and_ceilings() {
        use Qualifier::*;
        // 城镇新增就业35万人以上: a floor.
        assert_eq!(v(QUANTITY, 350000.0, Ge, 368000.0), Verdict::Met);
        assert_eq!(v(QUANTITY, 350000.0, Ge, 349000.0), Verdict::Missed);
        // 控制在5.5%以内: a ceiling.
        let r = rate(Better::Higher, false);
        assert_eq!(v(r, 5.5, Le, 5.3), Verdict::Met);
        assert_eq!(v(r, 5.5, Le, 5.6), Verdict::Missed);
    }

    #[test]
    fn lower_is_better() {
        // 城镇调查失业率5.5%左右, actual 5.3%: met, though lower.
        let u = rate(Better::Lower, false);
        assert_eq!(v(u, 5.5, Qualifier::Approx, 5.3), Verdict::Met);
        assert_eq!(v(u, 5.5, Qualifier::Approx, 5.9), Verdict::WithinBand);
        assert_eq!(v(u, 5.5, Qualifier::Approx, 6.1), Verdict::Missed);
        assert_eq!(v(u, 5.5, Qualifier::Eq, 5.6), Verdict::Missed);
        // 居民消费价格涨幅2%左右: a ceiling, though lower is not better.
        let cpi = rate(Better::Neither, true);
        assert_eq!(v(cpi, 2.0, Qualifier::Approx, 0.2), Verdict::Met);
    }

    #[test]
    fn approx_bands_for_rates_and_quantities() {
        let g = rate(Better::Higher, false);
        // GDP growth against 5.5%左右 (band 0.5 points).
        assert_eq!(v(g, 5.5, Qualifier::Approx, 5.6), Verdict::Met);
        assert_eq!(v(g, 5.5, Qualifier::Approx, 5.0), Verdict::WithinBand);
        assert_eq!(v(g, 5.5, Qualifier::Approx, 4.8), Verdict::Missed);
        assert_eq!(v(g, 5.0, Qualifier::Approx, 4.1), Verdict::Missed);
        // 粮食产量282亿斤左右 against 280.9亿斤 (band 5 %): within.
        assert_eq!(
            v(
                QUANTITY,
                28_200_000_000.0,
                Qualifier::Approx,
                28_090_000_000.0
            ),
            Verdict::WithinBand
        );
        assert_eq!(
            v(
                QUANTITY,
                28_200_000_000.0,
                Qualifier::Approx,
                26_000_000_000.0
            ),
            Verdict::Missed
        );
    }

    #[test]
    fn ranges_by_their_interval() {
        let g = rate(Better::Higher, false);
        let c = cfg();
        // 地区生产总值年均增长5%—5.5%.
        let r = |a| verdict(g, &c, 5.0, Qualifier::Range, (5.0, 5.5), a);
        assert_eq!(r(5.2), Verdict::Met);
        assert_eq!(r(4.9), Verdict::Missed);
        let u = rate(Better::Lower, false);
        assert_eq!(
            verdict(u, &c, 5.0, Qualifier::Range, (5.0, 5.5), 5.4),
            Verdict::Met
        );
    }
}
