//! Targets: an actual that misses its target (the verdict of
//! `verdict::judge`: qualifiers, direction, 左右 bands), and a target set
//! weaker than the year before's result.

use super::outliers::PERCENT;
use super::Severity;
use super::{auto_cap, row_evidence, Detail, Finding, FindingKind, Inputs, MetricName, Out};
use crate::compare::{Comparison, Flag};
use crate::verdict::Verdict;

/// Targets a little under last year's result are common prudence; one
/// under this share of it is worth a look.
const PRUDENT_SHARE: f64 = 0.8;

pub(super) fn check(inp: &Inputs, out: &mut dyn Out) {
    for r in inp.rows {
        let known = crate::metrics::is_dictionary(&r.metric);
        let cap = |s| if known { s } else { auto_cap(inp.config, s) };
        let metric = || MetricName {
            zh: r.label.clone(),
            en: r.label_en.clone(),
        };
        if r.comparison == Comparison::ActualVsTarget && r.verdict == Some(Verdict::Missed) {
            // A main indicator missed is what an auditor must act on (and
            // sees first: missed targets are listed right after conflicts);
            // errors stay for what cannot both be true.
            let severity = if r.headline {
                Severity::Warning
            } else {
                Severity::Info
            };
            out.push(Finding {
                kind: FindingKind::MissedTarget,
                severity: cap(severity),
                region: r.region.clone(),
                metric: r.metric.clone(),
                year: Some(r.to_year),
                detail: Detail::MissedTarget {
                    metric: metric(),
                    year: r.to_year,
                    actual: r.to_value,
                    target: r.from_value,
                    unit: r.unit.clone(),
                    attainment_pct: r.attainment_pct,
                    margin: r.margin,
                    rate: r.rate,
                },
                evidence: row_evidence(inp, r),
            });
        }
        if r.comparison == Comparison::ActualVsNextTarget
            && r.flag == Some(Flag::BelowPriorActual)
            && r.unit != PERCENT
        {
            let sev = if r.to_value < PRUDENT_SHARE * r.from_value {
                Severity::Warning
            } else {
                Severity::Info
            };
            out.push(Finding {
                kind: FindingKind::BelowPriorActual,
                severity: cap(sev),
                region: r.region.clone(),
                metric: r.metric.clone(),
                year: Some(r.to_year),
                detail: Detail::BelowPriorActual {
                    metric: metric(),
                    year: r.to_year,
                    target: r.to_value,
                    prior_year: r.from_year,
                    actual: r.from_value,
                    unit: r.unit.clone(),
                },
                evidence: row_evidence(inp, r),
            });
        }
    }
}
