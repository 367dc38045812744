//! Verify (the editor's check): takes the figures of a draft and the
//! sources' figures, gives one `Verdict` per figure of the draft — does a
//! source state it, state something else, or say nothing?
//!
//! One mechanism: the sources' figures are indexed on the join key the
//! comparison uses (region, metric, year or period, kind, unit); each draft
//! figure meets every source figure on its key and `relate` says how the
//! two stand (same value, the draft's looser wording holds for it, only
//! the qualifier differs, another value); the best relation decides the
//! status, and source figures that disagree with the one shown make the
//! figure `disputed` (or are listed beside a difference).

use crate::compare::{agree, Catalog, DocInfo, Interval, Point, PointId};
use crate::corpus::DocKind;
use crate::extract::{DocExtraction, Figure};
use crate::figures::Role;
use crate::lexicon::Qualifier;
use crate::time::Kind;
use serde::Serialize;
use std::collections::HashMap;

/// What the sources say about a draft's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A source states the same value, within the rounding the draft uses.
    Confirmed,
    /// The draft words it loosely (约37万, 超过35万) and the source's value
    /// lies inside what the draft allows: true, but only as an
    /// approximation or a bound.
    Approximate,
    /// The same number with another qualifier (35万 vs 35万以上).
    QualifierDiffers,
    /// The sources state another value.
    Differs,
    /// A source confirms the draft (or its approximation) and another
    /// source states a value that disagrees with it.
    Disputed,
    /// No source states this metric for this region, year and kind.
    Unsourced,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Confirmed,
        Status::Approximate,
        Status::QualifierDiffers,
        Status::Differs,
        Status::Disputed,
        Status::Unsourced,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Approximate => "approximate",
            Status::QualifierDiffers => "qualifier_differs",
            Status::Differs => "differs",
            Status::Disputed => "disputed",
            Status::Unsourced => "unsourced",
        }
    }
    /// True for the statuses that make `yoy verify` exit 1: the draft
    /// states something the sources do not.
    pub fn is_difference(self) -> bool {
        matches!(self, Status::Differs | Status::QualifierDiffers)
    }
}

/// Why a figure has its status, when the status alone does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// The draft rounds the source's value to the digits it writes
    /// (36.8万 for 367,960).
    Rounded,
    /// The draft says 约/左右/近 and the source's value is inside that.
    Approximation,
    /// The draft states a bound (超过, 以上, 不到…) the source's value meets.
    Bound,
    /// The figure has no metric, so it joins nothing.
    NoMetric,
    /// The figure's year could not be read.
    NoYear,
    /// Whether the figure is a target or an actual could not be read.
    NoKind,
    /// No source states it as this kind, but one does as the other kind
    /// (a target where the draft has an actual, or the reverse).
    OtherKind,
}

impl Note {
    pub fn as_str(self) -> &'static str {
        match self {
            Note::Rounded => "rounded",
            Note::Approximation => "approximation",
            Note::Bound => "bound",
            Note::NoMetric => "no_metric",
            Note::NoYear => "no_year",
            Note::NoKind => "no_kind",
            Note::OtherKind => "other_kind",
        }
    }
}

/// A source figure as a verdict shows it: value, place and sentence.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub doc: String,
    pub doc_kind: DocKind,
    pub line: u32,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
    /// The sentence around the figure, and where the figure is in it
    /// (byte offsets into `sentence`).
    pub sentence: String,
    pub mark_start: usize,
    pub mark_end: usize,
}

/// One figure of the draft and what the sources say about it.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub doc: String,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
    pub year: Option<i32>,
    pub year_from: Option<i32>,
    pub kind: Option<Kind>,
    pub metric: String,
    pub metric_label: String,
    pub region: String,
    pub status: Status,
    pub note: Option<Note>,
    /// The source shown: the one that best supports the draft.
    pub source: Option<SourceRef>,
    /// Source values that disagree with the one shown, one per value.
    pub others: Vec<SourceRef>,
}

type Key = (String, String, i32, Option<i32>, Kind, String);

fn key(
    region: &str,
    metric: &str,
    year: i32,
    year_from: Option<i32>,
    kind: Kind,
    unit: &str,
) -> Key {
    (
        region.to_string(),
        metric.to_string(),
        year,
        year_from,
        kind,
        unit.to_string(),
    )
}

/// The sources' comparable figures, indexed on the join key.
#[derive(Default)]
pub struct Sources {
    catalog: Catalog,
    points: Vec<Point>,
    /// Sentence span of each point's figure, as (sentence, mark start, mark end).
    sentences: Vec<(String, usize, usize)>,
    by_key: HashMap<Key, Vec<PointId>>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Adds one source document's figures.
    pub fn add(&mut self, d: &DocExtraction) {
        let doc = self.catalog.next_doc();
        self.catalog.docs.push(DocInfo::of(d));
        for f in &d.figures {
            let Some(p) = self.catalog.point(doc, f, &d.doc.text) else {
                continue;
            };
            let k = key(
                self.catalog.region(&p),
                &self.catalog.metric(&p).id,
                p.year,
                p.year_from,
                p.kind,
                self.catalog.unit(&p),
            );
            let id = PointId(self.points.len() as u32);
            self.by_key.entry(k).or_default().push(id);
            self.sentences.push(sentence(&d.doc.text, f));
            self.points.push(p);
        }
    }

    /// Number of comparable source figures.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    fn reference(&self, i: PointId) -> SourceRef {
        let p = &self.points[i.index()];
        let d = self.catalog.doc(p);
        let (sentence, mark_start, mark_end) = self.sentences[i.index()].clone();
        SourceRef {
            doc: d.id.clone(),
            doc_kind: d.meta.kind,
            line: p.line,
            start: p.start,
            end: p.end,
            quote: p.quote.to_string(),
            value: p.value,
            unit: self.catalog.unit(p).to_string(),
            qualifier: p.qualifier,
            sentence,
            mark_start,
            mark_end,
        }
    }
}

/// The sentence around a figure and the figure's place in it; the figure
/// alone when the sentence span does not hold it.
fn sentence(text: &str, f: &Figure) -> (String, usize, usize) {
    let (s, e) = (f.sentence_start, f.sentence_end);
    match text.get(s..e) {
        Some(t) if s <= f.start && f.end <= e => (t.to_string(), f.start - s, f.end - s),
        _ => (f.quote.clone(), 0, f.quote.len()),
    }
}

/// How a draft figure stands to one source figure, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Relation {
    /// The same value and qualifier (`true`: the draft rounds it).
    Same(bool),
    /// The draft's looser wording holds for the source's value.
    Within(Note),
    /// The same value with another qualifier.
    Qualifier,
    /// Another value.
    Different,
}

/// What the draft states: the value, the interval it allows and the
/// rounding its written digits imply.
#[derive(Debug, Clone, Copy)]
struct Claim {
    value: f64,
    qualifier: Qualifier,
    interval: Interval,
    /// How far the source may be and still round to what the draft
    /// writes (see `tolerance`).
    tolerance: f64,
}

impl Claim {
    fn of(f: &Figure, min_digits: usize) -> Claim {
        Claim {
            value: f.value,
            qualifier: f.qualifier,
            interval: Interval::of(f),
            tolerance: tolerance(&f.quote, f.value, min_digits),
        }
    }
}

/// Half a unit of the last digit the quote writes, in base units, when
/// it writes at least `min_digits` significant digits (36.8万 → 500,
/// 1351亿斤 → 0.5亿斤); 0 for a rounder number (37万, 5万), which states
/// exactly that value. The scale (万, 亿) is the ratio of the value to the
/// written number.
pub fn tolerance(quote: &str, value: f64, min_digits: usize) -> f64 {
    let mut digits = String::new();
    for c in quote.chars() {
        let c = crate::text::fold_char(c);
        if c.is_ascii_digit() || (!digits.is_empty() && c == '.') {
            digits.push(c);
        } else if !digits.is_empty() && c != ',' {
            break;
        }
    }
    let digits = digits.trim_end_matches('.');
    let Ok(written) = digits.parse::<f64>() else {
        return 0.0;
    };
    if written == 0.0 || !value.is_finite() {
        return 0.0;
    }
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    // Significant digits: leading zeros never count, an integer's trailing
    // zeros only when decimals follow (1300 has two, 1300.5 five).
    let all: String = format!("{int}{frac}");
    let all = all.trim_start_matches('0');
    let significant = if frac.is_empty() {
        all.trim_end_matches('0').len()
    } else {
        all.len()
    };
    if significant < min_digits.max(1) {
        return 0.0;
    }
    let unit = if frac.is_empty() {
        // The last written digit of an integer: 1351 → 1, 1300 → 100.
        10f64.powi((int.len() - int.trim_end_matches('0').len()) as i32)
    } else {
        10f64.powi(-(frac.len() as i32))
    };
    0.5 * unit * (value / written).abs()
}

/// True when two qualifiers say the same of a number: equal, or the same
/// side of it (超过35万 and 35万以上, 5万余 and 5万多; 不到 and 以内), which
/// people write interchangeably.
fn same_sense(a: Qualifier, b: Qualifier) -> bool {
    use Qualifier::*;
    a == b || matches!((a, b), (Ge, Gt) | (Gt, Ge) | (Le, Lt) | (Lt, Le))
}

fn relate(d: &Claim, s: &Point) -> Relation {
    let eps = 1e-9 * d.value.abs().max(s.value.abs()).max(1.0);
    let diff = (d.value - s.value).abs();
    let same_value = diff <= d.tolerance + eps;
    if same_value && same_sense(d.qualifier, s.qualifier) {
        return Relation::Same(diff > eps);
    }
    let loose = d.qualifier != Qualifier::Eq;
    let inside = d.interval.low <= s.low + eps && s.high <= d.interval.high + eps;
    if same_value && d.qualifier == Qualifier::Approx {
        return Relation::Within(Note::Approximation);
    }
    if same_value {
        return Relation::Qualifier;
    }
    if loose && inside {
        return Relation::Within(if d.qualifier == Qualifier::Approx {
            Note::Approximation
        } else {
            Note::Bound
        });
    }
    Relation::Different
}

/// The verdict on every figure of the draft, in the draft's order.
/// `rounding_digits`: data/config.toml `verify_rounding_digits`.
pub fn verify(draft: &DocExtraction, sources: &Sources, rounding_digits: usize) -> Vec<Verdict> {
    draft
        .figures
        .iter()
        .filter(|f| f.role == Role::Figure)
        .map(|f| judge(f, sources, rounding_digits))
        .collect()
}

fn judge(f: &Figure, src: &Sources, rounding_digits: usize) -> Verdict {
    let mut v = Verdict {
        doc: f.doc.clone(),
        line: f.line,
        start: f.start,
        end: f.end,
        quote: f.quote.clone(),
        value: f.value,
        unit: f.unit.clone(),
        qualifier: f.qualifier,
        year: f.year,
        year_from: f.year_from,
        kind: f.kind,
        metric: f.metric.clone(),
        metric_label: f.metric_label.clone(),
        region: f.region.clone(),
        status: Status::Unsourced,
        note: None,
        source: None,
        others: Vec::new(),
    };
    let (year, kind) = match (f.year, f.kind) {
        _ if f.metric.is_empty() => {
            v.note = Some(Note::NoMetric);
            return v;
        }
        (None, _) => {
            v.note = Some(Note::NoYear);
            return v;
        }
        (_, None) => {
            v.note = Some(Note::NoKind);
            return v;
        }
        (Some(y), Some(k)) => (y, k),
    };
    let k = key(&f.region, &f.metric, year, f.year_from, kind, &f.unit);
    let Some(cands) = src.by_key.get(&k) else {
        let other = match kind {
            Kind::Target => Kind::Actual,
            Kind::Actual => Kind::Target,
        };
        let ok = key(&f.region, &f.metric, year, f.year_from, other, &f.unit);
        if src.by_key.contains_key(&ok) {
            v.note = Some(Note::OtherKind);
        }
        return v;
    };
    let claim = Claim::of(f, rounding_digits);
    // Best relation first; among equals the more formal document, then
    // document and position, so the output never depends on input order.
    let mut ranked: Vec<(Relation, PointId)> = cands
        .iter()
        .map(|&i| (relate(&claim, &src.points[i.index()]), i))
        .collect();
    ranked.sort_by(|(ra, a), (rb, b)| {
        let (pa, pb) = (&src.points[a.index()], &src.points[b.index()]);
        let (da, db) = (src.catalog.doc(pa), src.catalog.doc(pb));
        ra.cmp(rb)
            .then(da.meta.kind.cmp(&db.meta.kind))
            .then(da.id.cmp(&db.id))
            .then(pa.start.cmp(&pb.start))
    });
    let (best, shown) = ranked[0];
    let shown_p = &src.points[shown.index()];
    // One entry per value that disagrees with the one shown.
    let mut others: Vec<PointId> = Vec::new();
    for &(_, i) in &ranked[1..] {
        let p = &src.points[i.index()];
        if agree(shown_p.interval(), p.interval()) {
            continue;
        }
        if others
            .iter()
            .any(|&o| agree(src.points[o.index()].interval(), p.interval()))
        {
            continue;
        }
        others.push(i);
    }
    let disputed = !others.is_empty();
    (v.status, v.note) = match best {
        Relation::Same(rounded) => (
            if disputed {
                Status::Disputed
            } else {
                Status::Confirmed
            },
            rounded.then_some(Note::Rounded),
        ),
        Relation::Within(n) => (
            if disputed {
                Status::Disputed
            } else {
                Status::Approximate
            },
            Some(n),
        ),
        Relation::Qualifier => (Status::QualifierDiffers, None),
        Relation::Different => (Status::Differs, None),
    };
    v.source = Some(src.reference(shown));
    v.others = others.into_iter().map(|i| src.reference(i)).collect();
    v
}

/// Counts per status, in `Status::ALL` order.
pub fn counts(statuses: impl Iterator<Item = Status>) -> Vec<(Status, usize)> {
    let mut n = [0usize; Status::ALL.len()];
    for s in statuses {
        n[s as usize] += 1;
    }
    Status::ALL.iter().map(|&s| (s, n[s as usize])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerance_follows_the_written_digits() {
        assert_eq!(tolerance("36.8万人", 368000.0, 3), 500.0);
        assert_eq!(tolerance("37万人", 370000.0, 3), 0.0);
        assert_eq!(tolerance("4.5万人", 45000.0, 3), 0.0);
        assert_eq!(tolerance("4.5万人", 45000.0, 2), 500.0);
        assert_eq!(tolerance("约6.25万个", 62500.0, 3), 50.0);
        assert!((tolerance("99.3%", 99.3, 3) - 0.05).abs() < 1e-9);
        assert!((tolerance("３６．８万人", 368000.0, 3) - 500.0).abs() < 1e-6);
        assert_eq!(tolerance("1351亿斤", 135_100_000_000.0, 3), 50_000_000.0);
        assert_eq!(tolerance("1300亿斤", 130_000_000_000.0, 3), 0.0);
        assert_eq!(tolerance("三十六万人", 360000.0, 3), 0.0);
        assert_eq!(tolerance("368,000人", 368000.0, 3), 500.0);
        assert_eq!(tolerance("0.05%", 0.05, 3), 0.0);
    }

    fn claim(value: f64, q: Qualifier, low: f64, high: f64, tol: f64) -> Claim {
        Claim {
            value,
            qualifier: q,
            interval: Interval { low, high, value },
            tolerance: tol,
        }
    }

    fn point(value: f64, q: Qualifier, low: f64, high: f64) -> Point {
        use crate::compare::{DocId, MetricId, RegionId, SectionId, UnitId};
        Point {
            doc: DocId(0),
            line: 1,
            start: 0,
            end: 1,
            value,
            low,
            high,
            qualifier: q,
            year: 2023,
            year_from: None,
            kind: Kind::Actual,
            region: RegionId(0),
            metric: MetricId(0),
            unit: UnitId(0),
            quote: "".into(),
            sentence: "".into(),
            section: SectionId(0),
        }
    }

    #[test]
    fn relations() {
        use Qualifier::*;
        let inf = f64::INFINITY;
        let src = point(368000.0, Eq, 368000.0, 368000.0);
        // 36.8万 = 368,000.
        let c = claim(368000.0, Eq, 368000.0, 368000.0, 500.0);
        assert_eq!(relate(&c, &src), Relation::Same(false));
        // 36.8万 rounds 367,960.
        let s2 = point(367960.0, Eq, 367960.0, 367960.0);
        assert_eq!(relate(&c, &s2), Relation::Same(true));
        // 37万 is not 36.8万; 约37万 is, as an approximation.
        let c37 = claim(370000.0, Eq, 370000.0, 370000.0, 0.0);
        assert_eq!(relate(&c37, &src), Relation::Different);
        let a37 = claim(370000.0, Approx, 351500.0, 388500.0, 0.0);
        assert_eq!(relate(&a37, &src), Relation::Within(Note::Approximation));
        // 超过35万 holds for 36.8万, as a bound.
        let gt35 = claim(350000.0, Gt, 350000.0, inf, 0.0);
        assert_eq!(relate(&gt35, &src), Relation::Within(Note::Bound));
        // 35万 vs 35万以上, either way round.
        let t = point(350000.0, Ge, 350000.0, inf);
        let c35 = claim(350000.0, Eq, 350000.0, 350000.0, 0.0);
        assert_eq!(relate(&c35, &t), Relation::Qualifier);
        let ge35 = claim(350000.0, Ge, 350000.0, inf, 0.0);
        let t_eq = point(350000.0, Eq, 350000.0, 350000.0);
        assert_eq!(relate(&ge35, &t_eq), Relation::Qualifier);
        assert_eq!(relate(&ge35, &t), Relation::Same(false));
        // 超过35万 and 35万以上 say the same; 35万以内 does not.
        assert_eq!(relate(&gt35, &t), Relation::Same(false));
        let le35 = claim(350000.0, Le, f64::NEG_INFINITY, 350000.0, 0.0);
        assert_eq!(relate(&le35, &t), Relation::Qualifier);
    }
}
