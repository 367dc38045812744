//! Unsupported: a figure in a title line that no other part of the
//! document states.

use super::{fig_evidence, same_figure, Detail, Finding, FindingKind, Out, Severity};
use crate::extract::{DocExtraction, Figure};
use crate::figures::Role;
use crate::structure::BlockKind;

pub(super) fn check(d: &DocExtraction, out: &mut dyn Out) {
    let figs: Vec<(usize, &Figure)> = d
        .figures
        .iter()
        .filter(|f| f.role == Role::Figure)
        .filter_map(|f| f.block.map(|b| (b, f)))
        .collect();
    for (b, f) in &figs {
        if d.outline.blocks[*b].kind != BlockKind::Heading(3) || !f.known_metric() {
            continue;
        }
        let supported = figs.iter().any(|(b2, g)| b2 != b && same_figure(f, g));
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
