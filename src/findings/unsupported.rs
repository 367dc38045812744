//! Unsupported: a figure in a title line that no other part of the
//! document states.

use super::{fig_evidence, same_figure, Detail, Finding, FindingKind, Out, Severity};
use crate::extract::{DocExtraction, Figure};
use crate::figures::Role;
use crate::structure::BlockKind;
use std::collections::HashMap;

pub(super) fn check(d: &DocExtraction, out: &mut dyn Out) {
    let figs: Vec<(usize, &Figure)> = d
        .figures
        .iter()
        .filter(|f| f.role == Role::Figure)
        .filter_map(|f| f.block.map(|b| (b, f)))
        .collect();
    // The figures by metric and unit: a title's figure is looked for only
    // among those that can state the same thing.
    let mut by_key: HashMap<(&str, &str), Vec<(usize, &Figure)>> = HashMap::new();
    for &(b, f) in &figs {
        by_key
            .entry((f.metric.as_str(), f.unit.as_str()))
            .or_default()
            .push((b, f));
    }
    for (b, f) in &figs {
        if d.outline.blocks[*b].kind != BlockKind::Heading(3) || !f.known_metric() {
            continue;
        }
        let supported = by_key[&(f.metric.as_str(), f.unit.as_str())]
            .iter()
            .any(|(b2, g)| b2 != b && same_figure(f, g));
        if !supported {
            out.push(Finding {
                kind: FindingKind::Unsupported,
                severity: Severity::Warning,
                region: f.region.clone(),
                metric: f.metric.clone(),
                year: f.year,
                detail: Detail::Unsupported {
                    doc: d.doc.id.clone(),
                    quote: f.quote.clone(),
                    label: f.metric_label.clone(),
                },
                evidence: vec![fig_evidence(f)],
            });
        }
    }
}
