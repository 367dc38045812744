//! Conflicts: one region, metric, year and kind whose sources give values
//! that cannot all be right.

use super::{auto_cap, point_evidence, point_quantity, Detail, Evidence, Finding, FindingKind};
use super::{Inputs, MetricName, Out, Severity, Sourced};
use crate::compare::{DocId, PointId};
use crate::numbers::format_value;
use std::collections::{BTreeSet, HashSet};

pub(super) fn check(inp: &Inputs, out: &mut dyn Out) {
    let (c, pts) = (inp.catalog, inp.points);
    for s in inp.sides {
        // A set, not a scan of the list per point: a side can hold
        // thousands of points (one metric repeated through a long document).
        let agreeing: HashSet<PointId> = s.agreeing.iter().copied().collect();
        let disagreeing: Vec<PointId> = s
            .points
            .iter()
            .copied()
            .filter(|i| !agreeing.contains(i))
            .collect();
        if disagreeing.is_empty() {
            continue;
        }
        let chosen = &pts[s.chosen];
        let m = c.metric(chosen);
        // A conflict is between sources: a document that states a value
        // the chosen one cannot be, and does not state the chosen value
        // itself. Two values in one document for one key are nearly always
        // a part and the whole (a project's 200万亩 and the province's 400万
        // 亩, a subgroup's income growth) — not a contradiction.
        let agreeing_docs: BTreeSet<DocId> = s.agreeing.iter().map(|&i| pts[i].doc).collect();
        let dissenting_docs: BTreeSet<DocId> = disagreeing
            .iter()
            .map(|&i| pts[i].doc)
            .filter(|d| !agreeing_docs.contains(d))
            .collect();
        if dissenting_docs.is_empty() {
            continue;
        }
        let disagreeing: Vec<PointId> = disagreeing
            .into_iter()
            .filter(|&i| dissenting_docs.contains(&pts[i].doc))
            .collect();
        let mut severity = Severity::Error;
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
