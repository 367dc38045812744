//! Compare: takes the comparable figures of every document as `Point`s
//! (value and provenance only, names held once in a `Catalog`), gives one
//! value per (region, metric, year, kind, unit) — a `Side`, with every
//! figure behind it — and the comparison frame, built with polars joins on
//! region + metric: target(Y) → target(Y+1), target(Y) → actual(Y)
//! (attainment) and actual(Y) → target(Y+1).

use crate::corpus::DocKind;
use crate::lexicon::Qualifier;
use crate::time::Kind;
use polars::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Index;

pub use crate::points::{
    agree, period_label, Catalog, DocId, DocInfo, Interval, MetricId, MetricInfo, Point, PointId,
    RegionId, SectionId, SideId, UnitId,
};

impl Index<SideId> for [Side] {
    type Output = Side;
    fn index(&self, i: SideId) -> &Side {
        &self[i.index()]
    }
}

impl Index<SideId> for Vec<Side> {
    type Output = Side;
    fn index(&self, i: SideId) -> &Side {
        &self[i.index()]
    }
}

/// One side of a comparison: the value a set of sources gives for one
/// region, metric, year (or period) and kind.
#[derive(Debug, Clone)]
pub struct Side {
    pub region: String,
    pub metric: MetricId,
    pub unit: UnitId,
    pub year: i32,
    pub year_from: Option<i32>,
    pub kind: Kind,
    /// The value used, and the point that gave it.
    pub value: f64,
    pub qualifier: Qualifier,
    pub chosen: PointId,
    /// Every point of this side.
    pub points: Vec<PointId>,
    /// The points that give the chosen value.
    pub agreeing: Vec<PointId>,
}

/// `doc:start-end` for a point.
pub fn span_ref(c: &Catalog, p: &Point) -> String {
    format!("{}:{}-{}", c.doc(p).id, p.start, p.end)
}

/// Evidence list: spans separated by `;`.
pub fn evidence(c: &Catalog, pts: &[Point], idx: &[PointId]) -> String {
    idx.iter()
        .map(|&i| span_ref(c, &pts[i]))
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

/// How well a candidate value is supported: documents agreeing (exact
/// figures count extra), figures agreeing, then authority, document and
/// position for a stable tie-break.
type Score<'a> = (
    usize,
    usize,
    std::cmp::Reverse<u8>,
    std::cmp::Reverse<&'a str>,
    std::cmp::Reverse<usize>,
);

/// One region's points of one metric written in two units of a group
/// (亿斤 and 万吨) are put in the unit most of them use, so that they join;
/// their quotes stay as the documents wrote them.
pub fn harmonise_units(c: &Catalog, pts: &mut [Point], lx: &crate::lexicon::Lexicon) {
    let mut used: BTreeMap<(RegionId, MetricId), BTreeMap<UnitId, usize>> = BTreeMap::new();
    for p in pts.iter() {
        *used
            .entry((p.region, p.metric))
            .or_default()
            .entry(p.unit)
            .or_default() += 1;
    }
    let mut into: HashMap<(RegionId, MetricId, UnitId), (UnitId, f64)> = HashMap::new();
    for (key, units) in used.into_iter().filter(|(_, u)| u.len() > 1) {
        // The most used unit; on a tie the first by name, for a stable
        // choice.
        let Some((&main, _)) = units.iter().max_by(|a, b| {
            a.1.cmp(b.1)
                .then_with(|| c.unit_name(*b.0).cmp(c.unit_name(*a.0)))
        }) else {
            continue;
        };
        for &u in units.keys().filter(|&&u| u != main) {
            if let Some(k) = lx.conversion(c.unit_name(u), c.unit_name(main)) {
                into.insert((key.0, key.1, u), (main, k));
            }
        }
    }
    if into.is_empty() {
        return;
    }
    for p in pts.iter_mut() {
        if let Some(&(main, k)) = into.get(&(p.region, p.metric, p.unit)) {
            p.unit = main;
            p.value = crate::decimal::tidy(p.value * k);
            p.low = crate::decimal::tidy(p.low * k);
            p.high = crate::decimal::tidy(p.high * k);
        }
    }
}

/// Groups comparable points into sides. Deterministic: keys are sorted,
/// ties broken by document authority, then document id, then position.
pub fn consolidate(c: &Catalog, pts: &[Point]) -> Vec<Side> {
    type Key<'a> = (&'a str, &'a str, i32, Option<i32>, Kind, &'a str);
    let mut groups: BTreeMap<Key, Vec<PointId>> = BTreeMap::new();
    for (i, p) in pts.iter().enumerate() {
        groups
            .entry((
                c.region(p),
                &c.metric(p).id,
                p.year,
                p.year_from,
                p.kind,
                c.unit(p),
            ))
            .or_default()
            .push(PointId::of(i));
    }
    let mut out = Vec::with_capacity(groups.len());
    for ((region, _, year, year_from, kind, _), idx) in groups {
        // Points with the same interval have the same agreeing set: work it
        // out once per distinct interval, not once per point (a metric
        // repeated by hundreds of documents would otherwise be quadratic).
        let mut by_interval: BTreeMap<(u64, u64), Vec<PointId>> = BTreeMap::new();
        for &i in &idx {
            let p = &pts[i];
            by_interval
                .entry((p.low.to_bits(), p.high.to_bits()))
                .or_default()
                .push(i);
        }
        let mut best: Option<(PointId, Score)> = None;
        for cands in by_interval.values() {
            let first = &pts[cands[0]];
            let agreeing: Vec<PointId> = idx
                .iter()
                .copied()
                .filter(|&j| agree(first.interval(), pts[j].interval()))
                .collect();
            let docs: BTreeSet<DocId> = agreeing.iter().map(|&j| pts[j].doc).collect();
            for &k in cands {
                let p = &pts[k];
                // Exact figures are better evidence than bounds.
                let exact = (p.qualifier == Qualifier::Eq) as usize;
                let d = c.doc(p);
                let score = (
                    docs.len() * 2 + exact,
                    agreeing.len(),
                    std::cmp::Reverse(authority(d.meta.kind)),
                    std::cmp::Reverse(d.id.as_str()),
                    std::cmp::Reverse(p.start),
                );
                if best.as_ref().is_none_or(|(_, s)| score > *s) {
                    best = Some((k, score));
                }
            }
        }
        let Some((chosen, _)) = best else { continue };
        let p = &pts[chosen];
        let agreeing: Vec<PointId> = idx
            .iter()
            .copied()
            .filter(|&j| agree(p.interval(), pts[j].interval()))
            .collect();
        out.push(Side {
            region: region.to_string(),
            metric: p.metric,
            unit: p.unit,
            year,
            year_from,
            kind,
            value: p.value,
            qualifier: p.qualifier,
            chosen,
            points: idx,
            agreeing,
        });
    }
    out
}

/// The sides as a polars frame, the input of the joins. `side` is each
/// side's index, carried through the joins so rows find their evidence.
/// A side alone in its region, metric and unit can join nothing (most
/// `auto:` keys are worded once): it is left out, which keeps the frame
/// and the joins to a fraction of a large corpus's sides.
pub fn sides_frame(c: &Catalog, sides: &[Side], pts: &[Point]) -> PolarsResult<DataFrame> {
    let mut per_key: HashMap<(&str, MetricId, UnitId), usize> = HashMap::new();
    for s in sides {
        *per_key.entry((&s.region, s.metric, s.unit)).or_insert(0) += 1;
    }
    let keep: Vec<SideId> = (0..sides.len())
        .map(SideId::of)
        .filter(|&i| {
            let s = &sides[i];
            per_key[&(s.region.as_str(), s.metric, s.unit)] > 1
        })
        .collect();
    let kept = || keep.iter().map(|&i| &sides[i]);
    let str_col = |name: &str, f: &dyn Fn(&Side) -> String| {
        Column::new(name.into(), kept().map(f).collect::<Vec<String>>())
    };
    let metric = |s: &Side| c.metric_info(s.metric);
    DataFrame::new(
        keep.len(),
        vec![
            Column::new(
                "side".into(),
                keep.iter().map(|s| s.0).collect::<Vec<u32>>(),
            ),
            str_col("region", &|s| s.region.clone()),
            str_col("metric", &|s| metric(s).id.clone()),
            str_col("metric_label", &|s| metric(s).label.clone()),
            str_col("metric_en", &|s| metric(s).label_en.clone()),
            str_col("category", &|s| metric(s).category.clone()),
            str_col("unit", &|s| c.unit_name(s.unit).to_string()),
            Column::new("year".into(), kept().map(|s| s.year).collect::<Vec<i32>>()),
            Column::new(
                "year_from".into(),
                kept().map(|s| s.year_from).collect::<Vec<Option<i32>>>(),
            ),
            // Years the side is about: a year's figure and a five-year
            // total never join, and a period's next is the next period.
            Column::new(
                "span".into(),
                kept()
                    .map(|s| s.year_from.map_or(1, |y0| s.year - y0 + 1))
                    .collect::<Vec<i32>>(),
            ),
            str_col("kind", &|s| s.kind.as_str().to_string()),
            Column::new(
                "value".into(),
                kept().map(|s| s.value).collect::<Vec<f64>>(),
            ),
            str_col("qualifier", &|s| s.qualifier.as_str().to_string()),
            str_col("source", &|s| c.doc(&pts[s.chosen]).id.clone()),
            str_col("evidence", &|s| evidence(c, pts, &s.agreeing)),
            // Where the chosen figure stands, for a reader of the CSV.
            Column::new(
                "line".into(),
                kept().map(|s| pts[s.chosen].line).collect::<Vec<u32>>(),
            ),
            str_col("sentence", &|s| pts[s.chosen].sentence.to_string()),
            str_col("section", &|s| c.section(&pts[s.chosen]).to_string()),
        ],
    )
}

/// Which pairs are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// target(Y) → target(Y+1)
    TargetVsNextTarget,
    /// target(Y) → actual(Y): attainment
    ActualVsTarget,
    /// actual(Y) → target(Y+1)
    ActualVsNextTarget,
}

impl Comparison {
    pub const ALL: [Comparison; 3] = [
        Comparison::TargetVsNextTarget,
        Comparison::ActualVsTarget,
        Comparison::ActualVsNextTarget,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::TargetVsNextTarget => "target_vs_next_target",
            Comparison::ActualVsTarget => "actual_vs_target",
            Comparison::ActualVsNextTarget => "actual_vs_next_target",
        }
    }

    pub fn parse(s: &str) -> Option<Comparison> {
        Comparison::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The kinds compared and how many years apart: (from, to, offset).
    fn pair(self) -> (Kind, Kind, i32) {
        match self {
            Comparison::TargetVsNextTarget => (Kind::Target, Kind::Target, 1),
            Comparison::ActualVsTarget => (Kind::Target, Kind::Actual, 0),
            Comparison::ActualVsNextTarget => (Kind::Actual, Kind::Target, 1),
        }
    }
}

/// Builds the comparison frame from the sides frame.
pub fn comparison_frame(sides: &DataFrame) -> PolarsResult<DataFrame> {
    let keys = [
        col("region"),
        col("metric"),
        col("unit"),
        col("span"),
        col("join_year"),
    ];
    let mut parts = Vec::new();
    for c in Comparison::ALL {
        let (from_kind, to_kind, offset) = c.pair();
        let (name, from_kind, to_kind, offset) =
            (c.as_str(), from_kind.as_str(), to_kind.as_str(), &offset);
        let from = sides
            .clone()
            .lazy()
            .filter(col("kind").eq(lit(from_kind)))
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
                col("side").alias("from_side"),
                col("year_from").alias("from_year_from"),
                col("line").alias("from_line"),
                col("sentence").alias("from_sentence"),
                col("section").alias("from_section"),
                col("span"),
                (col("year") + lit(*offset) * col("span")).alias("join_year"),
            ]);
        let to = sides
            .clone()
            .lazy()
            .filter(col("kind").eq(lit(to_kind)))
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
                col("side").alias("to_side"),
                col("year_from").alias("to_year_from"),
                col("line").alias("to_line"),
                col("sentence").alias("to_sentence"),
                col("section").alias("to_section"),
                col("span"),
                col("year").alias("join_year"),
            ]);
        let joined = from
            .join(
                to,
                keys.clone(),
                keys.clone(),
                JoinArgs::new(JoinType::Inner),
            )
            .with_column(lit(name).alias("comparison"));
        parts.push(joined);
    }
    let all = concat(parts, UnionArgs::default())?;
    let base_ok = col("from_value").neq(lit(0.0));
    let is_attainment = col("comparison").eq(lit(Comparison::ActualVsTarget.as_str()));
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
        col("from_year_from"),
        col("to_year_from"),
        col("from_line"),
        col("from_sentence"),
        col("from_section"),
        col("to_line"),
        col("to_sentence"),
        col("to_section"),
        col("from_side"),
        col("to_side"),
    ])
    .sort(
        ["region", "metric", "from_year", "comparison", "to_year"],
        SortMultipleOptions::default().with_maintain_order(true),
    )
    .collect()
}

/// A comparison row's short tag: attainment, a target below last year's
/// result, or the direction of a change between targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    Met,
    WithinBand,
    Missed,
    BelowPriorActual,
    AbovePriorActual,
    QualifierChanged,
    Up,
    Down,
    Same,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Met => "met",
            Flag::WithinBand => "within_band",
            Flag::Missed => "missed",
            Flag::BelowPriorActual => "below_prior_actual",
            Flag::AbovePriorActual => "above_prior_actual",
            Flag::QualifierChanged => "qualifier_changed",
            Flag::Up => "up",
            Flag::Down => "down",
            Flag::Same => "same",
        }
    }
}

/// How an actual stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// At or beyond the target, in the direction that is better.
    Met,
    /// Short of a 左右 target by no more than its band.
    WithinBand,
    Missed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::WithinBand => "within_band",
            Verdict::Missed => "missed",
        }
    }
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
    pub comparison: Comparison,
    pub from_year: i32,
    pub from_year_from: Option<i32>,
    pub from_kind: Kind,
    pub from_value: f64,
    pub from_qualifier: Qualifier,
    pub to_year: i32,
    pub to_year_from: Option<i32>,
    pub to_kind: Kind,
    pub to_value: f64,
    pub to_qualifier: Qualifier,
    pub change: f64,
    pub change_pct: Option<f64>,
    pub attainment_pct: Option<f64>,
    pub evidence: String,
    /// The two sides compared.
    pub from_side: SideId,
    pub to_side: SideId,
    /// Attainment rows: whether the target was met (within its band
    /// counts); set with the rest of the verdict by `verdict::judge`.
    pub met: Option<bool>,
    pub verdict: Option<Verdict>,
    /// Attainment rows: how far the actual is from the target — in
    /// percentage points for a rate, in per cent of the target otherwise.
    pub margin: Option<f64>,
    /// True for a rate (%, 个百分点): changes are in points.
    pub rate: bool,
    /// One of the main indicators a work report sets (主要预期目标).
    pub headline: bool,
    /// Whether the change is for the better, where the metric has a
    /// better direction.
    pub good: Option<bool>,
    pub flag: Option<Flag>,
}

/// Columns of the comparison frame that only link rows to their sides;
/// dropped before the frame is written.
pub const LINK_COLUMNS: [&str; 2] = ["from_side", "to_side"];

impl Row {
    /// The prior side's year or period: 2025, 2021-2025.
    pub fn from_period(&self) -> String {
        period_label(self.from_year_from, self.from_year)
    }

    /// The current side's year or period.
    pub fn to_period(&self) -> String {
        period_label(self.to_year_from, self.to_year)
    }
}

fn kind_of(s: &str) -> Option<Kind> {
    [Kind::Target, Kind::Actual]
        .into_iter()
        .find(|k| k.as_str() == s)
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
    // A typed column read back: a value the frame cannot hold is a bug
    // in the joins, reported rather than guessed.
    fn typed<T>(
        name: &str,
        v: Vec<String>,
        parse: impl Fn(&str) -> Option<T>,
    ) -> PolarsResult<Vec<T>> {
        v.iter()
            .map(|x| {
                parse(x).ok_or_else(|| {
                    PolarsError::ComputeError(format!("comparison column {name}: \"{x}\"").into())
                })
            })
            .collect()
    }
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
    let (region, metric, label, label_en, category, unit, ev) = (
        s("region")?,
        s("metric")?,
        s("metric_label")?,
        s("metric_en")?,
        s("category")?,
        s("unit")?,
        s("evidence")?,
    );
    let comparison = typed("comparison", s("comparison")?, Comparison::parse)?;
    let from_kind = typed("from_kind", s("from_kind")?, kind_of)?;
    let to_kind = typed("to_kind", s("to_kind")?, kind_of)?;
    let from_q = typed("from_qualifier", s("from_qualifier")?, Qualifier::parse)?;
    let to_q = typed("to_qualifier", s("to_qualifier")?, Qualifier::parse)?;
    let (fy, ty) = (i("from_year")?, i("to_year")?);
    let oi = |name: &str| -> PolarsResult<Vec<Option<i32>>> {
        Ok(df.column(name)?.i32()?.iter().collect())
    };
    let (fy0, ty0) = (oi("from_year_from")?, oi("to_year_from")?);
    let side = |name: &str| -> PolarsResult<Vec<SideId>> {
        Ok(df
            .column(name)?
            .u32()?
            .iter()
            .map(|v| SideId(v.unwrap_or(0)))
            .collect())
    };
    let (fs, ts) = (side("from_side")?, side("to_side")?);
    let (fv, tv, ch, cp, at) = (
        f("from_value")?,
        f("to_value")?,
        f("change")?,
        f("change_pct")?,
        f("attainment_pct")?,
    );
    Ok((0..df.height())
        .map(|k| {
            let (from_value, to_value) = (fv[k].unwrap_or(f64::NAN), tv[k].unwrap_or(f64::NAN));
            Row {
                region: region[k].clone(),
                metric: metric[k].clone(),
                label: label[k].clone(),
                label_en: label_en[k].clone(),
                category: category[k].clone(),
                unit: unit[k].clone(),
                comparison: comparison[k],
                from_year: fy[k],
                from_year_from: fy0[k],
                from_kind: from_kind[k],
                from_value,
                from_qualifier: from_q[k],
                to_year: ty[k],
                to_year_from: ty0[k],
                to_kind: to_kind[k],
                to_value,
                to_qualifier: to_q[k],
                change: ch[k].unwrap_or(f64::NAN),
                change_pct: cp[k],
                attainment_pct: at[k],
                evidence: ev[k].clone(),
                from_side: fs[k],
                to_side: ts[k],
                met: None,
                verdict: None,
                margin: None,
                rate: false,
                headline: false,
                good: None,
                flag: None,
            }
        })
        .collect())
}
