//! What a finding found, one variant per case, with the values its message
//! needs; worded from data/messages.toml (`finding.<case>`) when shown.

use crate::corpus::DocKind;
use crate::lexicon::Qualifier;
use crate::messages::{Lang, Messages};
use crate::numbers::format_chinese;
use crate::time::Kind;
use serde::{Deserialize, Serialize};
use std::fmt::Display;

/// A metric's name in both languages (`en` may be empty).
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct MetricName {
    pub zh: String,
    pub en: String,
}

impl MetricName {
    /// The name in `lang`; the Chinese one when there is no English.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.zh,
        }
    }
}

/// A value as a document states it: 20条以上.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
}

/// A value quoted with where it was read.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Sourced {
    pub value: Quantity,
    pub doc: String,
    pub line: u32,
}

/// One end of a comparison row.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct YearValue {
    pub year: i32,
    pub kind: Kind,
    pub value: f64,
}

/// A per-unit ratio in one year: numerator over the sum of denominators.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct RatioYear {
    pub year: i32,
    pub numerator: f64,
    pub denominator: f64,
}

impl RatioYear {
    pub fn ratio(&self) -> f64 {
        self.numerator / self.denominator
    }
}

#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "case")]
pub enum Detail {
    /// Sources give values for one region, metric, year and kind that
    /// cannot all be right; `used` is the one the comparison takes.
    Conflict {
        metric: MetricName,
        year: i32,
        kind: Kind,
        values: Vec<Sourced>,
        used: Quantity,
    },
    /// One paragraph word for word at several lines.
    DuplicateParagraph {
        doc: String,
        lines: Vec<usize>,
        head: String,
    },
    /// Two paragraphs nearly the same (`similarity` 0–1).
    NearDuplicate {
        doc: String,
        lines: (usize, usize),
        similarity: f64,
        head: String,
    },
    ItemOutOfOrder {
        doc: String,
        item: String,
        after: String,
    },
    ItemRepeated {
        doc: String,
        number: u32,
        item: String,
    },
    ItemsMissing {
        doc: String,
        missing: Vec<u32>,
        min: u32,
        max: u32,
    },
    /// A title's count (15件) the items do not reach.
    DeclaredCount {
        doc: String,
        declared: String,
        found: usize,
        max: u32,
    },
    /// The first heading of a level is not number one.
    HeadingsStartLate { doc: String, level: u8, number: u32 },
    HeadingOutOfOrder {
        doc: String,
        level: u8,
        number: u32,
        after: u32,
    },
    HeadingGap {
        doc: String,
        level: u8,
        from: u32,
        to: u32,
    },
    /// A bullet whose figures are another item's headline.
    MisplacedFigures {
        doc: String,
        bullet: String,
        under: String,
        belongs: String,
    },
    /// A bullet whose figures no item's headline states.
    OrphanBullet {
        doc: String,
        bullet: String,
        under: String,
    },
    /// A bullet without figures whose subject is another item's.
    MisplacedTopic {
        doc: String,
        bullet: String,
        under: String,
        belongs: String,
    },
    /// A headline figure the body never states.
    Unsupported {
        doc: String,
        quote: String,
        label: String,
    },
    /// A value that changes by more than the outlier factor.
    Jump {
        metric: MetricName,
        from: YearValue,
        to: YearValue,
        unit: String,
    },
    /// A per-unit ratio far from the same ratio in the year before.
    RatioJump {
        name: String,
        kind: Kind,
        from: RatioYear,
        to: RatioYear,
    },
    MissedTarget {
        metric: MetricName,
        year: i32,
        actual: f64,
        target: f64,
        unit: String,
        attainment_pct: Option<f64>,
        /// How far short: percentage points for a rate, per cent of the
        /// target otherwise.
        #[serde(default)]
        margin: Option<f64>,
        #[serde(default)]
        rate: bool,
    },
    BelowPriorActual {
        metric: MetricName,
        year: i32,
        target: f64,
        prior_year: i32,
        actual: f64,
        unit: String,
    },
    /// Targeted in `year` by documents of a kind, not in `other_year`.
    DroppedMetric {
        metric: MetricName,
        year: i32,
        doc_kind: DocKind,
        value: Quantity,
        other_year: i32,
    },
    /// Targeted in `year`, not in `other_year` before it.
    NewMetric {
        metric: MetricName,
        year: i32,
        doc_kind: DocKind,
        value: Quantity,
        other_year: i32,
    },
}

fn kind_word(m: &Messages, lang: Lang, k: Kind) -> &str {
    m.get(
        lang,
        match k {
            Kind::Target => "word.target",
            Kind::Actual => "word.actual",
        },
    )
}

/// A section heading's number as the document writes it: 三、 or (三).
fn heading(m: &Messages, lang: Lang, level: u8, n: u32) -> String {
    let key = if level == 1 {
        "heading.level1"
    } else {
        "heading.level2"
    };
    m.fill(lang, key, &[("n", &format_chinese(n as u64))])
}

fn show(m: &Messages, lang: Lang, q: &Quantity) -> String {
    m.show(lang, q.value, &q.unit, q.qualifier, None)
}

fn list<T: Display>(m: &Messages, lang: Lang, xs: &[T]) -> String {
    xs.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(m.get(lang, "word.list_sep"))
}

impl Detail {
    /// The message's key in data/messages.toml.
    pub fn key(&self) -> &'static str {
        match self {
            Detail::Conflict { .. } => "finding.conflict",
            Detail::DuplicateParagraph { .. } => "finding.duplicate_paragraph",
            Detail::NearDuplicate { .. } => "finding.near_duplicate",
            Detail::ItemOutOfOrder { .. } => "finding.item_out_of_order",
            Detail::ItemRepeated { .. } => "finding.item_repeated",
            Detail::ItemsMissing { .. } => "finding.items_missing",
            Detail::DeclaredCount { .. } => "finding.declared_count",
            Detail::HeadingsStartLate { .. } => "finding.headings_start_late",
            Detail::HeadingOutOfOrder { .. } => "finding.heading_out_of_order",
            Detail::HeadingGap { .. } => "finding.heading_gap",
            Detail::MisplacedFigures { .. } => "finding.misplaced_figures",
            Detail::OrphanBullet { .. } => "finding.orphan_bullet",
            Detail::MisplacedTopic { .. } => "finding.misplaced_topic",
            Detail::Unsupported { .. } => "finding.unsupported",
            Detail::Jump { .. } => "finding.jump",
            Detail::RatioJump { .. } => "finding.ratio_jump",
            Detail::MissedTarget { .. } => "finding.missed_target",
            Detail::BelowPriorActual { .. } => "finding.below_prior_actual",
            Detail::DroppedMetric { .. } => "finding.dropped_metric",
            Detail::NewMetric { .. } => "finding.new_metric",
        }
    }

    /// The finding in words.
    pub fn message(&self, m: &Messages, lang: Lang) -> String {
        let fill = |args: &[(&str, &dyn Display)]| m.fill(lang, self.key(), args);
        // Numbers as a reader writes them (36.8万); {unit} follows.
        let fv = |v: f64| m.number(lang, v);
        match self {
            Detail::Conflict {
                metric,
                year,
                kind,
                values,
                used,
            } => {
                let values = values
                    .iter()
                    .map(|v| {
                        m.fill(
                            lang,
                            "finding.conflict_value",
                            &[
                                ("value", &show(m, lang, &v.value)),
                                ("doc", &v.doc),
                                ("line", &v.line),
                            ],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(m.get(lang, "finding.conflict_sep"));
                fill(&[
                    ("label", &metric.get(lang)),
                    ("year", year),
                    ("kind", &kind_word(m, lang, *kind)),
                    ("values", &values),
                    ("used", &show(m, lang, used)),
                ])
            }
            Detail::DuplicateParagraph { doc, lines, head } => fill(&[
                ("doc", doc),
                ("count", &lines.len()),
                ("lines", &list(m, lang, lines)),
                ("head", head),
            ]),
            Detail::NearDuplicate {
                doc,
                lines,
                similarity,
                head,
            } => fill(&[
                ("doc", doc),
                ("line_a", &lines.0),
                ("line_b", &lines.1),
                ("similarity", &format!("{:.0}", similarity * 100.0)),
                ("head", head),
            ]),
            Detail::ItemOutOfOrder { doc, item, after } => {
                fill(&[("doc", doc), ("item", item), ("after", after)])
            }
            Detail::ItemRepeated { doc, number, item } => {
                fill(&[("doc", doc), ("number", number), ("item", item)])
            }
            Detail::ItemsMissing {
                doc,
                missing,
                min,
                max,
            } => fill(&[
                ("doc", doc),
                ("missing", &list(m, lang, missing)),
                ("min", min),
                ("max", max),
            ]),
            Detail::DeclaredCount {
                doc,
                declared,
                found,
                max,
            } => fill(&[
                ("doc", doc),
                ("declared", declared),
                ("found", found),
                ("max", max),
            ]),
            Detail::HeadingsStartLate { doc, level, number } => {
                fill(&[("doc", doc), ("first", &heading(m, lang, *level, *number))])
            }
            Detail::HeadingOutOfOrder {
                doc,
                level,
                number,
                after,
            } => fill(&[
                ("doc", doc),
                ("heading", &heading(m, lang, *level, *number)),
                ("after", &heading(m, lang, *level, *after)),
            ]),
            Detail::HeadingGap {
                doc,
                level,
                from,
                to,
            } => fill(&[
                ("doc", doc),
                ("from", &heading(m, lang, *level, *from)),
                ("to", &heading(m, lang, *level, *to)),
            ]),
            Detail::MisplacedFigures {
                doc,
                bullet,
                under,
                belongs,
            }
            | Detail::MisplacedTopic {
                doc,
                bullet,
                under,
                belongs,
            } => fill(&[
                ("doc", doc),
                ("bullet", bullet),
                ("under", under),
                ("belongs", belongs),
            ]),
            Detail::OrphanBullet { doc, bullet, under } => {
                fill(&[("doc", doc), ("bullet", bullet), ("under", under)])
            }
            Detail::Unsupported { doc, quote, label } => {
                fill(&[("doc", doc), ("quote", quote), ("label", label)])
            }
            Detail::Jump {
                metric,
                from,
                to,
                unit,
            } => fill(&[
                ("label", &metric.get(lang)),
                ("from_year", &from.year),
                ("from_kind", &kind_word(m, lang, from.kind)),
                ("from_value", &fv(from.value)),
                ("to_year", &to.year),
                ("to_kind", &kind_word(m, lang, to.kind)),
                ("to_value", &fv(to.value)),
                ("unit", unit),
                ("ratio", &format!("{:.2}", to.value / from.value)),
            ]),
            Detail::RatioJump {
                name,
                kind,
                from,
                to,
            } => {
                let f = to.ratio() / from.ratio();
                fill(&[
                    ("name", name),
                    ("kind", &kind_word(m, lang, *kind)),
                    ("year_a", &from.year),
                    ("ratio_a", &format!("{:.0}", from.ratio())),
                    (
                        "detail_a",
                        &format!("{} / {}", fv(from.numerator), fv(from.denominator)),
                    ),
                    ("year_b", &to.year),
                    ("ratio_b", &format!("{:.0}", to.ratio())),
                    (
                        "detail_b",
                        &format!("{} / {}", fv(to.numerator), fv(to.denominator)),
                    ),
                    ("factor", &format!("{:.1}", f.max(1.0 / f))),
                ])
            }
            Detail::MissedTarget {
                metric,
                year,
                actual,
                target,
                unit,
                attainment_pct,
                margin,
                rate,
            } => {
                // A rate misses by points; a quantity by its attainment.
                let gap = match (rate, margin, attainment_pct) {
                    (true, Some(p), _) => {
                        m.fill(lang, "word.points_off", &[("points", &fv(p.abs()))])
                    }
                    (false, _, Some(p)) => {
                        m.fill(lang, "word.attained", &[("pct", &format!("{p:.1}%"))])
                    }
                    (false, Some(p), None) => m.fill(
                        lang,
                        "word.percent_off",
                        &[("pct", &format!("{:.1}%", p.abs()))],
                    ),
                    _ => m.get(lang, "word.not_available").to_string(),
                };
                fill(&[
                    ("label", &metric.get(lang)),
                    ("year", year),
                    ("actual", &fv(*actual)),
                    ("target", &fv(*target)),
                    ("unit", unit),
                    ("gap", &gap),
                ])
            }
            Detail::BelowPriorActual {
                metric,
                year,
                target,
                prior_year,
                actual,
                unit,
            } => fill(&[
                ("label", &metric.get(lang)),
                ("year", year),
                ("target", &fv(*target)),
                ("prior_year", prior_year),
                ("actual", &fv(*actual)),
                ("unit", unit),
            ]),
            Detail::DroppedMetric {
                metric,
                year,
                doc_kind,
                value,
                other_year,
            }
            | Detail::NewMetric {
                metric,
                year,
                doc_kind,
                value,
                other_year,
            } => fill(&[
                ("label", &metric.get(lang)),
                ("year", year),
                ("doc_kind", doc_kind),
                ("value", &show(m, lang, value)),
                ("other_year", other_year),
            ]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every case words itself from the table in both languages, every
    /// placeholder filled.
    #[test]
    fn every_case_renders_without_a_placeholder_left() {
        let m = Messages::builtin();
        let name = MetricName {
            zh: "造林".into(),
            en: String::new(),
        };
        let q = Quantity {
            value: 20.0,
            unit: "条".into(),
            qualifier: Qualifier::Ge,
        };
        let yv = |year, kind| YearValue {
            year,
            kind,
            value: 3000.0,
        };
        let ry = |year| RatioYear {
            year,
            numerator: 820000.0,
            denominator: 80.0,
        };
        let doc = || "d.txt".to_string();
        let cases = vec![
            Detail::Conflict {
                metric: name.clone(),
                year: 2024,
                kind: Kind::Target,
                values: vec![Sourced {
                    value: q.clone(),
                    doc: doc(),
                    line: 3,
                }],
                used: q.clone(),
            },
            Detail::DuplicateParagraph {
                doc: doc(),
                lines: vec![3, 5],
                head: "x".into(),
            },
            Detail::NearDuplicate {
                doc: doc(),
                lines: (3, 4),
                similarity: 0.9,
                head: "x".into(),
            },
            Detail::ItemOutOfOrder {
                doc: doc(),
                item: "a".into(),
                after: "b".into(),
            },
            Detail::ItemRepeated {
                doc: doc(),
                number: 2,
                item: "a".into(),
            },
            Detail::ItemsMissing {
                doc: doc(),
                missing: vec![3, 4],
                min: 1,
                max: 5,
            },
            Detail::DeclaredCount {
                doc: doc(),
                declared: "5件".into(),
                found: 4,
                max: 4,
            },
            Detail::HeadingsStartLate {
                doc: doc(),
                level: 1,
                number: 3,
            },
            Detail::HeadingOutOfOrder {
                doc: doc(),
                level: 2,
                number: 2,
                after: 3,
            },
            Detail::HeadingGap {
                doc: doc(),
                level: 1,
                from: 1,
                to: 3,
            },
            Detail::MisplacedFigures {
                doc: doc(),
                bullet: "b".into(),
                under: "u".into(),
                belongs: "o".into(),
            },
            Detail::OrphanBullet {
                doc: doc(),
                bullet: "b".into(),
                under: "u".into(),
            },
            Detail::MisplacedTopic {
                doc: doc(),
                bullet: "b".into(),
                under: "u".into(),
                belongs: "o".into(),
            },
            Detail::Unsupported {
                doc: doc(),
                quote: "100个".into(),
                label: "口袋公园".into(),
            },
            Detail::Jump {
                metric: name.clone(),
                from: yv(2023, Kind::Target),
                to: yv(2024, Kind::Target),
                unit: "亩".into(),
            },
            Detail::RatioJump {
                name: "school places per school".into(),
                kind: Kind::Target,
                from: ry(2023),
                to: ry(2024),
            },
            Detail::MissedTarget {
                metric: name.clone(),
                year: 2023,
                actual: 1.0,
                target: 2.0,
                unit: "人".into(),
                attainment_pct: None,
                margin: Some(-50.0),
                rate: false,
            },
            Detail::BelowPriorActual {
                metric: name.clone(),
                year: 2024,
                target: 1.0,
                prior_year: 2023,
                actual: 2.0,
                unit: "人".into(),
            },
            Detail::DroppedMetric {
                metric: name.clone(),
                year: 2023,
                doc_kind: DocKind::KeyTasks,
                value: q.clone(),
                other_year: 2024,
            },
            Detail::NewMetric {
                metric: name,
                year: 2024,
                doc_kind: DocKind::KeyTasks,
                value: q,
                other_year: 2023,
            },
        ];
        for d in &cases {
            for lang in [Lang::Zh, Lang::En] {
                let s = d.message(m, lang);
                assert!(!s.is_empty() && !s.contains('{'), "{}: {s}", d.key());
            }
            // The spill format: a detail read back is the same detail.
            let back: Detail = serde_json::from_str(&serde_json::to_string(d).unwrap()).unwrap();
            assert_eq!(&back, d);
        }
    }

    #[test]
    fn headings_and_lists_are_worded_as_the_documents_write_them() {
        let m = Messages::builtin();
        let gap = Detail::HeadingGap {
            doc: "d.txt".into(),
            level: 2,
            from: 3,
            to: 12,
        };
        assert_eq!(
            gap.message(m, Lang::Zh),
            "d.txt:(三) 与 (十二) 之间缺少编号"
        );
        let missing = Detail::ItemsMissing {
            doc: "d.txt".into(),
            missing: vec![3, 4],
            min: 1,
            max: 5,
        };
        assert_eq!(
            missing.message(m, Lang::En),
            "d.txt: items 3, 4 are missing (numbers 1–5)"
        );
        assert!(missing.message(m, Lang::Zh).contains("3、4"));
    }
}
