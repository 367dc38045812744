//! Compare: takes the figures, gives one value per (region, metric, year,
//! kind, unit) — a `Side`, with every figure behind it — and the comparison
//! frame, built with polars joins on region + metric:
//! target(Y) → target(Y+1), target(Y) → actual(Y) (attainment) and
//! actual(Y) → target(Y+1).

use crate::corpus::DocKind;
use crate::extract::Figure;
use crate::figures::Role;
use crate::lexicon::Qualifier;
use crate::time::Kind;
use polars::prelude::*;
use std::collections::BTreeMap;

/// One side of a comparison: the value a set of sources gives for one
/// region, metric, year and kind.
#[derive(Debug, Clone)]
pub struct Side {
    pub region: String,
    pub metric: String,
    pub label: String,
    pub label_en: String,
    pub category: String,
    pub unit: String,
    pub year: i32,
    pub kind: Kind,
    pub known: bool,
    /// The value used, and the figure that gave it.
    pub value: f64,
    pub qualifier: Qualifier,
    pub chosen: usize,
    /// Indices (into the figure list) of every figure of this side.
    pub figures: Vec<usize>,
    /// Indices of the figures that give the chosen value.
    pub agreeing: Vec<usize>,
}

/// `doc:start-end` for a figure.
pub fn span_ref(f: &Figure) -> String {
    format!("{}:{}-{}", f.doc, f.start, f.end)
}

/// Evidence list: spans separated by `;`.
pub fn evidence(figs: &[Figure], idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| span_ref(&figs[i]))
        .collect::<Vec<_>>()
        .join(";")
}

/// How much a kind of document is trusted when sources disagree: the
/// formal plan over a retelling.
fn authority(k: DocKind) -> u8 {
    match k {
        DocKind::WorkReport => 0,
        DocKind::KeyTasks => 1,
        DocKind::PracticalProjects => 2,
        DocKind::News => 3,
        DocKind::Other => 4,
    }
}

/// Interval a figure allows, for agreement checks.
pub fn bounds(f: &Figure) -> (f64, f64) {
    (
        f.low.unwrap_or(f64::NEG_INFINITY),
        f.high.unwrap_or(f64::INFINITY),
    )
}

/// True when two figures can both be right: their intervals meet.
pub fn agree(a: &Figure, b: &Figure) -> bool {
    let (al, ah) = bounds(a);
    let (bl, bh) = bounds(b);
    let eps = 1e-9 * a.value.abs().max(b.value.abs()).max(1.0);
    al <= bh + eps && bl <= ah + eps
}

/// How well a candidate value is supported: documents agreeing (exact
/// figures count extra), figures agreeing, then authority, document and
/// position for a stable tie-break.
type Score = (
    usize,
    usize,
    std::cmp::Reverse<u8>,
    std::cmp::Reverse<String>,
    std::cmp::Reverse<usize>,
);

/// Groups comparable figures into sides. Deterministic: keys are sorted,
/// ties broken by document authority, then document id, then position.
pub fn consolidate(figs: &[Figure]) -> Vec<Side> {
    let mut groups: BTreeMap<(String, String, i32, Kind, String), Vec<usize>> = BTreeMap::new();
    for (i, f) in figs.iter().enumerate() {
        if f.role != Role::Figure || f.metric.is_empty() {
            continue;
        }
        let (Some(year), Some(kind)) = (f.year, f.kind) else {
            continue;
        };
        groups
            .entry((
                f.region.clone(),
                f.metric.clone(),
                year,
                kind,
                f.unit.clone(),
            ))
            .or_default()
            .push(i);
    }
    let mut out = Vec::with_capacity(groups.len());
    for ((region, metric, year, kind, unit), idx) in groups {
        // Candidate values: each figure's value, scored by how many figures
        // (from how many documents) agree with it.
        let mut best: Option<(usize, Score)> = None;
        for &c in &idx {
            let agreeing: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&j| agree(&figs[c], &figs[j]))
                .collect();
            let docs: std::collections::BTreeSet<&str> =
                agreeing.iter().map(|&j| figs[j].doc.as_str()).collect();
            // Exact figures are better evidence than bounds.
            let exact = (figs[c].qualifier == Qualifier::Eq) as usize;
            let score = (
                docs.len() * 2 + exact,
                agreeing.len(),
                std::cmp::Reverse(authority(figs[c].doc_kind)),
                std::cmp::Reverse(figs[c].doc.clone()),
                std::cmp::Reverse(figs[c].start),
            );
            if best.as_ref().is_none_or(|(_, s)| score > *s) {
                best = Some((c, score));
            }
        }
        let Some((chosen, _)) = best else { continue };
        let agreeing: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&j| agree(&figs[chosen], &figs[j]))
            .collect();
        let f = &figs[chosen];
        out.push(Side {
            region,
            metric,
            label: f.metric_label.clone(),
            label_en: f.metric_en.clone(),
            category: f.category.clone(),
            unit,
            year,
            kind,
            known: f.known_metric,
            value: f.value,
            qualifier: f.qualifier,
            chosen,
            figures: idx,
            agreeing,
        });
    }
    out
}

/// The sides as a polars frame, the input of the joins.
pub fn sides_frame(sides: &[Side], figs: &[Figure]) -> PolarsResult<DataFrame> {
    let n = sides.len();
    let str_col = |name: &str, f: &dyn Fn(&Side) -> String| {
        Column::new(name.into(), sides.iter().map(f).collect::<Vec<String>>())
    };
    DataFrame::new(
        n,
        vec![
            str_col("region", &|s| s.region.clone()),
            str_col("metric", &|s| s.metric.clone()),
            str_col("metric_label", &|s| s.label.clone()),
            str_col("metric_en", &|s| s.label_en.clone()),
            str_col("category", &|s| s.category.clone()),
            str_col("unit", &|s| s.unit.clone()),
            Column::new(
                "year".into(),
                sides.iter().map(|s| s.year).collect::<Vec<i32>>(),
            ),
            str_col("kind", &|s| s.kind.as_str().to_string()),
            Column::new(
                "value".into(),
                sides.iter().map(|s| s.value).collect::<Vec<f64>>(),
            ),
            str_col("qualifier", &|s| s.qualifier.as_str().to_string()),
            str_col("source", &|s| figs[s.chosen].doc.clone()),
            str_col("evidence", &|s| evidence(figs, &s.agreeing)),
        ],
    )
}

/// Which pairs to compare: (name, from kind, to kind, year offset).
const PAIRS: &[(&str, &str, &str, i32)] = &[
    ("target_vs_next_target", "target", "target", 1),
    ("actual_vs_target", "target", "actual", 0),
    ("actual_vs_next_target", "actual", "target", 1),
];

/// Builds the comparison frame from the sides frame.
pub fn comparison_frame(sides: &DataFrame) -> PolarsResult<DataFrame> {
    let keys = [col("region"), col("metric"), col("unit"), col("join_year")];
    let mut parts = Vec::new();
    for (name, from_kind, to_kind, offset) in PAIRS {
        let from = sides
            .clone()
            .lazy()
            .filter(col("kind").eq(lit(*from_kind)))
            .select([
                col("region"),
                col("metric"),
                col("metric_label"),
                col("metric_en"),
                col("category"),
                col("unit"),
                col("year").alias("from_year"),
                col("kind").alias("from_kind"),
                col("value").alias("from_value"),
                col("qualifier").alias("from_qualifier"),
                col("source").alias("from_source"),
                col("evidence").alias("from_evidence"),
                (col("year") + lit(*offset)).alias("join_year"),
            ]);
        let to = sides
            .clone()
            .lazy()
            .filter(col("kind").eq(lit(*to_kind)))
            .select([
                col("region"),
                col("metric"),
                col("unit"),
                col("year").alias("to_year"),
                col("kind").alias("to_kind"),
                col("value").alias("to_value"),
                col("qualifier").alias("to_qualifier"),
                col("source").alias("to_source"),
                col("evidence").alias("to_evidence"),
                col("year").alias("join_year"),
            ]);
        let joined = from
            .join(
                to,
                keys.clone(),
                keys.clone(),
                JoinArgs::new(JoinType::Inner),
            )
            .with_column(lit(*name).alias("comparison"));
        parts.push(joined);
    }
    let all = concat(parts, UnionArgs::default())?;
    let base_ok = col("from_value").neq(lit(0.0));
    let is_attainment = col("comparison").eq(lit("actual_vs_target"));
    all.with_columns([
        (col("to_value") - col("from_value")).alias("change"),
        when(base_ok.clone())
            .then(
                ((col("to_value") - col("from_value")) / col("from_value") * lit(100.0))
                    .round(1, RoundMode::HalfAwayFromZero),
            )
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("change_pct"),
        when(is_attainment.and(base_ok))
            .then(
                (col("to_value") / col("from_value") * lit(100.0))
                    .round(1, RoundMode::HalfAwayFromZero),
            )
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("attainment_pct"),
        (col("from_evidence") + lit(";") + col("to_evidence")).alias("evidence"),
    ])
    .select([
        col("region"),
        col("metric"),
        col("metric_label"),
        col("from_year"),
        col("from_kind"),
        col("from_value"),
        col("to_year"),
        col("to_kind"),
        col("to_value"),
        col("change"),
        col("change_pct"),
        col("attainment_pct"),
        col("evidence"),
        col("comparison"),
        col("unit"),
        col("from_qualifier"),
        col("to_qualifier"),
        col("from_source"),
        col("to_source"),
        col("metric_en"),
        col("category"),
    ])
    .sort(
        ["region", "metric", "from_year", "comparison", "to_year"],
        SortMultipleOptions::default().with_maintain_order(true),
    )
    .collect()
}

/// One comparison row, read back from the frame for findings and reports.
#[derive(Debug, Clone)]
pub struct Row {
    pub region: String,
    pub metric: String,
    pub label: String,
    pub label_en: String,
    pub category: String,
    pub unit: String,
    pub comparison: String,
    pub from_year: i32,
    pub from_kind: String,
    pub from_value: f64,
    pub from_qualifier: String,
    pub to_year: i32,
    pub to_kind: String,
    pub to_value: f64,
    pub to_qualifier: String,
    pub change: f64,
    pub change_pct: Option<f64>,
    pub attainment_pct: Option<f64>,
    pub evidence: String,
}

impl Row {
    /// Met / missed / — for attainment rows, respecting the target's
    /// qualifier (a "不超过" target is met from below).
    pub fn met(&self) -> Option<bool> {
        if self.comparison != "actual_vs_target" {
            return None;
        }
        let eps = 1e-9 * self.from_value.abs().max(1.0);
        Some(match self.from_qualifier.as_str() {
            "le" | "lt" => self.to_value <= self.from_value + eps,
            _ => self.to_value + eps >= self.from_value,
        })
    }
}

/// Reads the comparison frame into rows.
pub fn rows(df: &DataFrame) -> PolarsResult<Vec<Row>> {
    let s = |name: &str| -> PolarsResult<Vec<String>> {
        Ok(df
            .column(name)?
            .str()?
            .iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect())
    };
    let f = |name: &str| -> PolarsResult<Vec<Option<f64>>> {
        Ok(df.column(name)?.f64()?.iter().collect())
    };
    let i = |name: &str| -> PolarsResult<Vec<i32>> {
        Ok(df
            .column(name)?
            .i32()?
            .iter()
            .map(|v| v.unwrap_or(0))
            .collect())
    };
    let (region, metric, label, label_en, category, unit, comparison) = (
        s("region")?,
        s("metric")?,
        s("metric_label")?,
        s("metric_en")?,
        s("category")?,
        s("unit")?,
        s("comparison")?,
    );
    let (from_kind, to_kind, from_q, to_q, ev) = (
        s("from_kind")?,
        s("to_kind")?,
        s("from_qualifier")?,
        s("to_qualifier")?,
        s("evidence")?,
    );
    let (fy, ty) = (i("from_year")?, i("to_year")?);
    let (fv, tv, ch, cp, at) = (
        f("from_value")?,
        f("to_value")?,
        f("change")?,
        f("change_pct")?,
        f("attainment_pct")?,
    );
    Ok((0..df.height())
        .map(|k| Row {
            region: region[k].clone(),
            metric: metric[k].clone(),
            label: label[k].clone(),
            label_en: label_en[k].clone(),
            category: category[k].clone(),
            unit: unit[k].clone(),
            comparison: comparison[k].clone(),
            from_year: fy[k],
            from_kind: from_kind[k].clone(),
            from_value: fv[k].unwrap_or(f64::NAN),
            from_qualifier: from_q[k].clone(),
            to_year: ty[k],
            to_kind: to_kind[k].clone(),
            to_value: tv[k].unwrap_or(f64::NAN),
            to_qualifier: to_q[k].clone(),
            change: ch[k].unwrap_or(f64::NAN),
            change_pct: cp[k],
            attainment_pct: at[k],
            evidence: ev[k].clone(),
        })
        .collect())
}
