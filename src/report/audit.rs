//! The auditor's layout: takes the comparison rows of an `Analysis`, gives
//! one row per region, metric and year chain — prior target | prior actual
//! | attainment | current target | change | flag | sources — built from the
//! three kinds of pair (target→next target, target→actual, actual→next
//! target) that share a region, metric, unit and prior year. Built once;
//! the terminal, report.md, the workbook and the page each render it. The
//! per-pair comparison stays in comparison.csv.

use super::{highs, Words};
use crate::analysis::Analysis;
use crate::compare::{Comparison, Flag, Point, Row, SideId};
use crate::lexicon::Qualifier;
use std::collections::HashMap;

/// One figure of the layout: the side's value and where it was read.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    pub value: f64,
    pub qualifier: Qualifier,
    /// A range's upper end.
    pub high: Option<f64>,
    /// The chosen figure behind the side.
    pub point: &'a Point,
}

/// One line of the auditor's table.
#[derive(Debug, Clone)]
pub struct AuditRow<'a> {
    pub region: &'a str,
    pub metric: &'a str,
    pub label: &'a str,
    pub label_en: &'a str,
    pub category: &'a str,
    pub unit: &'a str,
    pub rate: bool,
    /// The prior year or period, and the current one (when a target for
    /// it is known).
    pub prior: String,
    pub current: Option<String>,
    pub prior_target: Option<Figure<'a>>,
    pub prior_actual: Option<Figure<'a>>,
    /// The target→actual row: verdict, attainment and margin.
    pub attainment: Option<&'a Row>,
    pub current_target: Option<Figure<'a>>,
    /// The row the change is read from: the current target against the
    /// prior target, or against the prior actual when there was no target.
    pub change: Option<&'a Row>,
    /// Flags an auditor acts on (below the prior actual, a qualifier
    /// changed); the attainment and the change carry the rest.
    pub flags: Vec<Flag>,
}

impl<'a> AuditRow<'a> {
    /// The figures of the row, in the columns' order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure<'a>> {
        [&self.prior_target, &self.prior_actual, &self.current_target]
            .into_iter()
            .flatten()
    }

    /// True when the row holds something to act on: a missed target or a
    /// flag.
    pub fn needs_action(&self) -> bool {
        self.attainment
            .is_some_and(|r| r.flag == Some(Flag::Missed))
            || !self.flags.is_empty()
    }
}

/// The layout's rows, in the comparison's order (region, metric, year).
pub fn rows(a: &Analysis) -> Vec<AuditRow<'_>> {
    type Key<'k> = (&'k str, &'k str, &'k str, Option<i32>, i32);
    let mut at: HashMap<Key, usize> = HashMap::new();
    let mut out: Vec<AuditRow> = Vec::new();
    let figure = |side: SideId, value: f64, q: Qualifier, high: Option<f64>| Figure {
        value,
        qualifier: q,
        high: if q == Qualifier::Range { high } else { None },
        point: &a.points[a.sides[side].chosen],
    };
    for r in &a.rows {
        let key = (
            r.region.as_str(),
            r.metric.as_str(),
            r.unit.as_str(),
            r.from_year_from,
            r.from_year,
        );
        let i = *at.entry(key).or_insert_with(|| {
            out.push(AuditRow {
                region: &r.region,
                metric: &r.metric,
                label: &r.label,
                label_en: &r.label_en,
                category: &r.category,
                unit: &r.unit,
                rate: r.rate,
                prior: r.from_period(),
                current: None,
                prior_target: None,
                prior_actual: None,
                attainment: None,
                current_target: None,
                change: None,
                flags: Vec::new(),
            });
            out.len() - 1
        });
        let [fh, th] = highs(a, r);
        let from = figure(r.from_side, r.from_value, r.from_qualifier, fh);
        let to = figure(r.to_side, r.to_value, r.to_qualifier, th);
        let row = &mut out[i];
        match r.comparison {
            Comparison::ActualVsTarget => {
                row.prior_target = Some(from);
                row.prior_actual = Some(to);
                row.attainment = Some(r);
            }
            Comparison::TargetVsNextTarget => {
                row.prior_target = Some(from);
                row.current_target = Some(to);
                row.current = Some(r.to_period());
                row.change = Some(r);
            }
            Comparison::ActualVsNextTarget => {
                row.prior_actual = Some(from);
                row.current_target = Some(to);
                row.current = Some(r.to_period());
                if row
                    .change
                    .is_none_or(|c| c.comparison != Comparison::TargetVsNextTarget)
                {
                    row.change = Some(r);
                }
            }
        }
        if let Some(f) = r.flag.filter(|f| {
            matches!(
                f,
                Flag::BelowPriorActual | Flag::AbovePriorActual | Flag::QualifierChanged
            )
        }) {
            if !row.flags.contains(&f) {
                row.flags.push(f);
            }
        }
    }
    out
}

/// A short reference to where a figure was read: document and line.
pub fn source(a: &Analysis, p: &Point) -> String {
    format!("{}:{}", a.catalog.doc(p).id, p.line)
}

/// The row's sources, each once, in the columns' order.
pub fn sources(a: &Analysis, r: &AuditRow) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in r.figures() {
        let s = source(a, f.point);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The cells as a reader sees them: prior target, prior actual,
/// attainment, current target, change, flag.
pub fn cells(r: &AuditRow, w: &Words) -> [String; 6] {
    let show = |f: &Option<Figure>| {
        f.as_ref()
            .map(|f| w.show(f.value, r.unit, f.qualifier, f.high))
            .unwrap_or_default()
    };
    let attainment = r
        .attainment
        .map(|a| {
            let by = if a.rate {
                w.change(a.change, &a.unit)
            } else {
                a.attainment_pct
                    .map(|p| format!("{p:.1}%"))
                    .unwrap_or_default()
            };
            format!("{} {}", w.flag(a.flag), by).trim().to_string()
        })
        .unwrap_or_default();
    let change = r
        .change
        .map(|c| {
            if c.rate {
                w.change(c.change, &c.unit)
            } else {
                c.change_pct
                    .map(|p| format!("{p:+.1}%"))
                    .unwrap_or_else(|| w.change(c.change, &c.unit))
            }
        })
        .unwrap_or_default();
    let flags = r
        .flags
        .iter()
        .map(|f| w.flag(Some(*f)))
        .collect::<Vec<_>>()
        .join(" · ");
    [
        show(&r.prior_target),
        show(&r.prior_actual),
        attainment,
        show(&r.current_target),
        change,
        flags,
    ]
}

/// A document's short name for a narrow table: its file name without the
/// extension, cut to `SHORT_DOC` characters.
pub fn short_doc(id: &str) -> String {
    let stem = id.rsplit_once('.').map_or(id, |(s, _)| s);
    if stem.chars().count() > SHORT_DOC {
        format!("{}…", stem.chars().take(SHORT_DOC).collect::<String>())
    } else {
        stem.to_string()
    }
}

/// Characters of a document's name the terminal shows.
const SHORT_DOC: usize = 8;

/// The row's sources in short (terminal).
pub fn short_sources(a: &Analysis, r: &AuditRow) -> String {
    let mut out: Vec<String> = Vec::new();
    for f in r.figures() {
        let s = format!("{}:{}", short_doc(&a.catalog.doc(f.point).id), f.point.line);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out.join(" ")
}

/// The year column: 2023 → 2024, or the prior year alone.
pub fn years(r: &AuditRow) -> String {
    match &r.current {
        Some(c) => format!("{} → {}", r.prior, c),
        None => r.prior.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{DocId, MetricId, RegionId, SectionId, UnitId};
    use crate::messages::{Lang, Messages};
    use crate::time::Kind;

    fn point() -> Point {
        Point {
            doc: DocId(0),
            line: 3,
            start: 0,
            end: 1,
            value: 0.0,
            low: 0.0,
            high: 0.0,
            qualifier: Qualifier::Eq,
            year: 2023,
            year_from: None,
            kind: Kind::Target,
            region: RegionId(0),
            metric: MetricId(0),
            unit: UnitId(0),
            quote: "".into(),
            sentence: "".into(),
            section: SectionId(0),
        }
    }

    fn attainment(pct: f64, flag: Flag) -> Row {
        Row {
            region: "甲市".into(),
            metric: "care_stations".into(),
            label: "养老服务站".into(),
            label_en: "Care stations".into(),
            category: String::new(),
            unit: "处".into(),
            comparison: Comparison::ActualVsTarget,
            from_year: 2023,
            from_year_from: None,
            from_kind: Kind::Target,
            from_value: 100.0,
            from_qualifier: Qualifier::Eq,
            to_year: 2023,
            to_year_from: None,
            to_kind: Kind::Actual,
            to_value: pct,
            to_qualifier: Qualifier::Eq,
            change: pct - 100.0,
            change_pct: None,
            attainment_pct: Some(pct),
            evidence: String::new(),
            from_side: SideId(0),
            to_side: SideId(1),
            met: None,
            verdict: None,
            margin: None,
            rate: false,
            headline: false,
            good: None,
            flag: Some(flag),
        }
    }

    fn audit_row<'a>(p: &'a Point, att: Option<&'a Row>) -> AuditRow<'a> {
        let fig = |value, qualifier, high| Figure {
            value,
            qualifier,
            high,
            point: p,
        };
        AuditRow {
            region: "甲市",
            metric: "care_stations",
            label: "养老服务站",
            label_en: "Care stations",
            category: "",
            unit: "处",
            rate: false,
            prior: "2023".into(),
            current: Some("2024".into()),
            prior_target: Some(fig(1.0, Qualifier::Range, None)),
            prior_actual: Some(fig(2.0, Qualifier::Range, Some(3.0))),
            attainment: att,
            current_target: Some(fig(3.0, Qualifier::Ge, None)),
            change: None,
            flags: vec![Flag::BelowPriorActual],
        }
    }

    /// A range reads 1—2处 (1处起 when its upper end is unknown) in the
    /// terminal and report.md, as on the page: one qualifier table.
    #[test]
    fn a_range_shows_its_suffix_in_every_format() {
        let m = Messages::builtin();
        let p = point();
        let r = audit_row(&p, None);
        let zh = cells(&r, &Words::new(m, Lang::Zh));
        assert_eq!(zh[0], "1处起");
        assert_eq!(zh[1], "2—3处");
        assert_eq!(zh[3], "3处以上");
        let en = cells(&r, &Words::new(m, Lang::En));
        assert!(en[1].starts_with("2–3"), "{en:?}");
        assert!(en[3].starts_with("at least 3"), "{en:?}");
        assert_eq!(years(&r), "2023 → 2024");
    }

    #[test]
    fn attainment_and_flags_are_worded_in_the_report_language() {
        let m = Messages::builtin();
        let p = point();
        let att = attainment(90.0, Flag::Missed);
        let r = audit_row(&p, Some(&att));
        assert!(r.needs_action());
        let zh = cells(&r, &Words::new(m, Lang::Zh));
        assert_eq!(zh[2], "✗ 未完成 90.0%");
        assert_eq!(zh[5], "⚠ 低于上年实际");
        let en = cells(&r, &Words::new(m, Lang::En));
        assert_eq!(en[2], "✗ missed 90.0%");
        assert_eq!(en[5], "⚠ below prior actual");
        assert_eq!(short_doc("000_25ce8405e5d1b496.txt"), "000_25ce…");
        assert_eq!(short_doc("a.txt"), "a");
    }
}
