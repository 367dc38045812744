//! Ratio outliers: a per-unit ratio (school places per school, from
//! data/config.toml) further than `ratio_outlier_factor` from the same
//! ratio in the year before.

use super::Severity;
use super::{point_evidence, Detail, Evidence, Finding, FindingKind, Inputs, Out, RatioYear};
use crate::compare::Side;
use crate::time::Kind;
use std::collections::{BTreeMap, HashMap};

/// A per-unit ratio in one year, and the figures behind it.
struct RatioPoint(RatioYear, Vec<Evidence>);

pub(super) fn check(inp: &Inputs, out: &mut dyn Out) {
    let (c, pts) = (inp.catalog, inp.points);
    let metric_id = |s: &Side| c.metric_info(s.metric).id.as_str();
    // (region, metric, year, kind) → sides (one per unit)
    let mut index: HashMap<(&str, &str, i32, Kind), Vec<&Side>> = HashMap::new();
    for s in inp.sides {
        index
            .entry((&s.region, metric_id(s), s.year, s.kind))
            .or_default()
            .push(s);
    }
    for rc in &inp.config.ratio {
        // (region, kind) → year → ratio
        let mut by: BTreeMap<(String, Kind), BTreeMap<i32, RatioPoint>> = BTreeMap::new();
        for num in inp.sides.iter().filter(|s| metric_id(s) == rc.numerator) {
            let dens: Vec<&Side> = rc
                .denominator
                .iter()
                .filter_map(|m| {
                    index
                        .get(&(num.region.as_str(), m.as_str(), num.year, num.kind))
                        .and_then(|v| v.first().copied())
                })
                .collect();
            let sum: f64 = dens.iter().map(|s| s.value).sum();
            if dens.is_empty() || sum <= 0.0 {
                continue;
            }
            let mut ev = vec![point_evidence(c, &pts[num.chosen])];
            ev.extend(dens.iter().map(|s| point_evidence(c, &pts[s.chosen])));
            let ratio = RatioYear {
                year: num.year,
                numerator: num.value,
                denominator: sum,
            };
            by.entry((num.region.clone(), num.kind))
                .or_default()
                .insert(num.year, RatioPoint(ratio, ev));
        }
        for ((region, kind), years) in by {
            let ys: Vec<&RatioPoint> = years.values().collect();
            for w in ys.windows(2) {
                let (RatioPoint(a, eva), RatioPoint(b, evb)) = (w[0], w[1]);
                let f = b.ratio() / a.ratio();
                let k = inp.config.ratio_outlier_factor;
                if f > k || f < 1.0 / k {
                    let mut ev = eva.clone();
                    ev.extend(evb.iter().cloned());
                    out.push(Finding {
                        kind: FindingKind::Outlier,
                        severity: Severity::Warning,
                        region: region.clone(),
                        metric: rc.numerator.clone(),
                        year: Some(b.year),
                        detail: Detail::RatioJump {
                            name: rc.name.clone(),
                            kind,
                            from: a.clone(),
                            to: b.clone(),
                        },
                        evidence: ev,
                    });
                }
            }
        }
    }
}
