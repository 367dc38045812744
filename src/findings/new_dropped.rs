//! New and dropped metrics: a dictionary metric targeted in year Y by
//! documents of one kind and region, and not in year Y+1 by documents of
//! the same kind (or the reverse).

use super::{point_evidence, point_quantity, Detail, Finding, FindingKind, Inputs, MetricName};
use super::{Out, Severity};
use crate::corpus::DocKind;
use crate::time::Kind;
use std::collections::BTreeMap;

pub(super) fn check(inp: &Inputs, out: &mut dyn Out) {
    // (region, doc kind, year) → metric → figure index
    let mut sets: BTreeMap<(String, DocKind, i32), BTreeMap<String, usize>> = BTreeMap::new();
    let c = inp.catalog;
    for d in &c.docs {
        if let Some(y) = d.meta.year {
            sets.entry((d.meta.region.clone(), d.meta.kind, y))
                .or_default();
        }
    }
    for (i, p) in inp.points.iter().enumerate() {
        let m = c.metric(p);
        if !m.known || p.kind != Kind::Target {
            continue;
        }
        let d = c.doc(p);
        if let Some(set) = sets.get_mut(&(d.meta.region.clone(), d.meta.kind, p.year)) {
            set.entry(m.id.clone()).or_insert(i);
        }
    }
    for ((region, kind), year, a) in sets.iter().map(|((r, k, y), a)| ((r, k), y, a)) {
        let Some(b) = sets.get(&(region.clone(), *kind, year + 1)) else {
            continue;
        };
        // Dropped: in Y, not in Y+1. New: in Y+1, not in Y. Same check,
        // the two years swapped.
        let sides = [
            (FindingKind::DroppedMetric, a, b, *year, year + 1),
            (FindingKind::NewMetric, b, a, year + 1, *year),
        ];
        for (finding, here, there, y_here, y_there) in sides {
            for (metric, &i) in here {
                if there.contains_key(metric) {
                    continue;
                }
                let p = &inp.points[i];
                let m = c.metric(p);
                let (name, value) = (
                    MetricName {
                        zh: m.label.clone(),
                        en: m.label_en.clone(),
                    },
                    point_quantity(c, p),
                );
                let detail = if finding == FindingKind::DroppedMetric {
                    Detail::DroppedMetric {
                        metric: name,
                        year: y_here,
                        doc_kind: *kind,
                        value,
                        other_year: y_there,
                    }
                } else {
                    Detail::NewMetric {
                        metric: name,
                        year: y_here,
                        doc_kind: *kind,
                        value,
                        other_year: y_there,
                    }
                };
                out.push(Finding {
                    kind: finding,
                    severity: Severity::Info,
                    region: region.clone(),
                    metric: metric.clone(),
                    year: Some(year + 1),
                    detail,
                    evidence: vec![point_evidence(c, p)],
                });
            }
        }
    }
}
