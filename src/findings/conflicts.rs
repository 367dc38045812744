//! Conflicts: one region, metric, year and kind whose sources give values
//! that cannot all be right.

use super::{auto_cap, point_evidence, point_quantity, Detail, Evidence, Finding, FindingKind};
use super::{Inputs, MetricName, Out, Severity, Sourced};
use crate::compare::{DocId, PointId};
use crate::numbers::format_value;
use std::collections::BTreeSet;

pub(super) fn check(inp: &Inputs, out: &mut dyn Out) {
    let (c, pts) = (inp.catalog, inp.points);
    for s in inp.sides {
        let disagreeing: Vec<PointId> = s
            .points
            .iter()
            .copied()
            .filter(|i| !s.agreeing.contains(i))
            .collect();
        if disagreeing.is_empty() {
            continue;
        }
        let chosen = &pts[s.chosen];
        let m = c.metric(chosen);
        let docs: BTreeSet<DocId> = s.points.iter().map(|&i| pts[i].doc).collect();
        let cross = docs.len() > 1;
        // Within one document an auto: key is too loose to call two values
        // a conflict (the same wording often counts different things).
        if !m.known && !cross {
            continue;
        }
        let mut severity = if cross {
            Severity::Error
        } else {
            Severity::Warning
        };
        if !m.known {
            severity = auto_cap(inp.config, severity);
        }
        // Each value once per document, as it would be shown.
        let mut values = Vec::new();
        let mut seen = BTreeSet::new();
        for &i in std::iter::once(&s.chosen).chain(disagreeing.iter()) {
            let p = &pts[i];
            if seen.insert((format_value(p.value), p.qualifier, p.doc)) {
                values.push(Sourced {
                    value: point_quantity(c, p),
                    doc: c.doc(p).id.clone(),
                    line: p.line,
                });
            }
        }
        let mut evidence: Vec<Evidence> = s
            .agreeing
            .iter()
            .map(|&i| point_evidence(c, &pts[i]))
            .collect();
        evidence.extend(disagreeing.iter().map(|&i| point_evidence(c, &pts[i])));
        out.push(Finding {
            kind: FindingKind::Conflict,
            severity,
            region: s.region.clone(),
            metric: m.id.clone(),
            year: Some(s.year),
            detail: Detail::Conflict {
                metric: MetricName {
                    zh: m.label.clone(),
                    en: m.label_en.clone(),
                },
                year: s.year,
                kind: s.kind,
                values,
                used: point_quantity(c, chosen),
            },
            evidence,
        });
    }
}
