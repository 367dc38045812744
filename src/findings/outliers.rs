//! Outliers: a value that changes from one comparison side to the other by
//! more than `outlier_factor` either way.

use super::{auto_cap, row_evidence, Detail, Finding, FindingKind, Inputs, MetricName, Out};
use super::{Severity, YearValue};
use crate::compare::Comparison;

/// The unit of rates: a change of a percentage is not a jump in scale.
pub(super) const PERCENT: &str = "%";

pub(super) fn check(inp: &Inputs, out: &mut dyn Out) {
    let k = inp.config.outlier_factor;
    for r in inp.rows {
        if r.comparison == Comparison::ActualVsTarget
            || r.from_value <= 0.0
            || r.to_value <= 0.0
            || r.unit == PERCENT
        {
            continue;
        }
        let ratio = r.to_value / r.from_value;
        if ratio > k || ratio < 1.0 / k {
            let known = crate::metrics::is_dictionary(&r.metric);
            let sev = if known {
                Severity::Warning
            } else {
                auto_cap(inp.config, Severity::Warning)
            };
            out.push(Finding {
                kind: FindingKind::Outlier,
                severity: sev,
                region: r.region.clone(),
                metric: r.metric.clone(),
                year: Some(r.to_year),
                detail: Detail::Jump {
                    metric: MetricName {
                        zh: r.label.clone(),
                        en: r.label_en.clone(),
                    },
                    from: YearValue {
                        year: r.from_year,
                        kind: r.from_kind,
                        value: r.from_value,
                    },
                    to: YearValue {
                        year: r.to_year,
                        kind: r.to_kind,
                        value: r.to_value,
                    },
                    unit: r.unit.clone(),
                },
                evidence: row_evidence(inp, r),
            });
        }
    }
}
