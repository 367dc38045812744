//! Points: takes each document's extracted figures, gives what the
//! cross-document stages keep of them — a `Point` per comparable figure
//! (value, interval bounds, provenance: document, span, line, quote, its
//! sentence and section) with every name held once in a `Catalog`
//! (documents, metrics, units, regions, sections) — and the typed ids that
//! index them, so a corpus of millions of figures stays small in memory.

use crate::corpus::Meta;
use crate::extract::Figure;
use crate::figures::Role;
use crate::lexicon::Qualifier;
use crate::time::Kind;
use std::collections::HashMap;
use std::ops::Index;
use std::sync::Arc;

/// Typed indices, so that a document's index cannot be used for a point.
macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
            pub(crate) fn of(i: usize) -> $name {
                $name(i as u32)
            }
        }
    };
}

id!(
    /// A document of the `Catalog`.
    DocId
);
id!(
    /// A metric of the `Catalog`.
    MetricId
);
id!(
    /// A unit of the `Catalog`.
    UnitId
);
id!(
    /// A region of the `Catalog`: a document's, or a part of it.
    RegionId
);
id!(
    /// A section heading of the `Catalog`.
    SectionId
);
id!(
    /// A point of the corpus's point list.
    PointId
);
id!(
    /// A side of the side list.
    SideId
);

impl Index<PointId> for [Point] {
    type Output = Point;
    fn index(&self, i: PointId) -> &Point {
        &self[i.index()]
    }
}

impl Index<PointId> for Vec<Point> {
    type Output = Point;
    fn index(&self, i: PointId) -> &Point {
        &self[i.index()]
    }
}

/// A document as the reports list it, once its text is gone.
#[derive(Debug, Clone)]
pub struct DocInfo {
    pub id: String,
    pub meta: Meta,
    pub encoding: &'static str,
    /// Figures proper (non-figures are only counted corpus-wide).
    pub figures: usize,
}

impl DocInfo {
    pub fn of(d: &crate::extract::DocExtraction) -> DocInfo {
        DocInfo {
            id: d.doc.id.clone(),
            meta: d.doc.meta.clone(),
            encoding: d.doc.encoding,
            figures: d.figures.iter().filter(|f| f.role == Role::Figure).count(),
        }
    }
}

/// A metric as named in the reports.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricInfo {
    pub id: String,
    pub label: String,
    pub label_en: String,
    pub category: String,
    pub known: bool,
}

impl MetricInfo {
    /// The English label, or the Chinese one when there is none.
    pub fn en_or_zh(&self) -> &str {
        if self.label_en.is_empty() {
            &self.label
        } else {
            &self.label_en
        }
    }
}

/// Names shared by many points, held once: documents, metrics, units.
#[derive(Debug, Default)]
pub struct Catalog {
    pub docs: Vec<DocInfo>,
    pub metrics: Vec<MetricInfo>,
    pub units: Vec<String>,
    /// Regions figures are about (a document's, or a part of it).
    pub regions: Vec<String>,
    /// Section headings figures sit under (held once: many figures share
    /// one).
    pub sections: Vec<String>,
    section_ix: HashMap<String, SectionId>,
    /// The last sentence cut, shared by the figures that stand in it
    /// (figures come in document order).
    last_sentence: Option<(DocId, usize, usize, Arc<str>)>,
    metric_ix: HashMap<String, MetricId>,
    unit_ix: HashMap<String, UnitId>,
    region_ix: HashMap<String, RegionId>,
}

impl Catalog {
    pub fn doc(&self, p: &Point) -> &DocInfo {
        &self.docs[p.doc.index()]
    }
    pub fn metric(&self, p: &Point) -> &MetricInfo {
        self.metric_info(p.metric)
    }
    pub fn unit(&self, p: &Point) -> &str {
        self.unit_name(p.unit)
    }
    pub fn region(&self, p: &Point) -> &str {
        &self.regions[p.region.index()]
    }
    pub fn section(&self, p: &Point) -> &str {
        self.sections
            .get(p.section.index())
            .map(String::as_str)
            .unwrap_or("")
    }

    fn intern_section(&mut self, s: &str) -> SectionId {
        if let Some(&i) = self.section_ix.get(s) {
            return i;
        }
        let i = SectionId::of(self.sections.len());
        self.sections.push(s.to_string());
        self.section_ix.insert(s.to_string(), i);
        i
    }

    fn intern_region(&mut self, r: &str) -> RegionId {
        if let Some(&i) = self.region_ix.get(r) {
            return i;
        }
        let i = RegionId::of(self.regions.len());
        self.regions.push(r.to_string());
        self.region_ix.insert(r.to_string(), i);
        i
    }
    pub fn metric_info(&self, m: MetricId) -> &MetricInfo {
        &self.metrics[m.index()]
    }
    pub fn unit_name(&self, u: UnitId) -> &str {
        &self.units[u.index()]
    }
    /// The id the next document added to `docs` gets.
    pub fn next_doc(&self) -> DocId {
        DocId::of(self.docs.len())
    }

    fn intern_metric(&mut self, f: &Figure) -> MetricId {
        if let Some(&i) = self.metric_ix.get(&f.metric) {
            return i;
        }
        let i = MetricId::of(self.metrics.len());
        self.metrics.push(MetricInfo {
            id: f.metric.clone(),
            label: f.metric_label.clone(),
            label_en: f.metric_en.clone(),
            category: f.category.clone(),
            known: f.known_metric(),
        });
        self.metric_ix.insert(f.metric.clone(), i);
        i
    }

    fn intern_unit(&mut self, u: &str) -> UnitId {
        if let Some(&i) = self.unit_ix.get(u) {
            return i;
        }
        let i = UnitId::of(self.units.len());
        self.units.push(u.to_string());
        self.unit_ix.insert(u.to_string(), i);
        i
    }

    /// The sentence a figure stands in, shared with the figure before it
    /// when that stood in the same one.
    fn sentence(&mut self, doc: DocId, text: &str, f: &Figure) -> Arc<str> {
        let key = (doc, f.sentence_start, f.sentence_end);
        match &self.last_sentence {
            Some((d, s, e, t)) if (*d, *s, *e) == key => t.clone(),
            _ => {
                let (t, cut) = sentence_around(text, f);
                let t: Arc<str> = t.into();
                // A sentence cut around one figure may leave the next out.
                self.last_sentence = (!cut).then(|| (key.0, key.1, key.2, t.clone()));
                t
            }
        }
    }

    /// The point a figure gives, when it can be compared: a figure proper
    /// with a metric, a year and a kind. `doc` is the figure's document,
    /// `text` its decoded text (for the sentence).
    pub fn point(&mut self, doc: DocId, f: &Figure, text: &str) -> Option<Point> {
        if f.role != Role::Figure || f.metric.is_empty() {
            return None;
        }
        let (Some(year), Some(kind)) = (f.year, f.kind) else {
            return None;
        };
        let i = Interval::of(f);
        Some(Point {
            doc,
            line: f.line as u32,
            start: f.start,
            end: f.end,
            value: f.value,
            low: i.low,
            high: i.high,
            qualifier: f.qualifier,
            year,
            year_from: f.year_from,
            kind,
            region: self.intern_region(&f.region),
            metric: self.intern_metric(f),
            unit: self.intern_unit(&f.unit),
            quote: f.quote.clone().into_boxed_str(),
            sentence: self.sentence(doc, text, f),
            section: self.intern_section(&f.section),
        })
    }
}

/// Most characters of a figure's sentence a point keeps: enough to read
/// the figure in its words, without copying every long sentence of a
/// large corpus into memory.
const SENTENCE_CHARS: usize = 80;

/// The sentence around a figure, on one line; a long one cut around the
/// figure, with … where it was cut. The quote alone when the sentence
/// span does not hold the figure. True when it was cut.
fn sentence_around(text: &str, f: &Figure) -> (Box<str>, bool) {
    let (ss, se) = (f.sentence_start, f.sentence_end);
    let parts = (ss <= f.start && f.end <= se)
        .then(|| {
            Some((
                text.get(ss..f.start)?,
                text.get(f.start..f.end)?,
                text.get(f.end..se)?,
            ))
        })
        .flatten();
    let Some((before, quote, after)) = parts else {
        return (f.quote.replace('\n', " ").into_boxed_str(), true);
    };
    let n = |s: &str| s.chars().count();
    let one_line = |s: &str| s.replace(['\n', '\r'], " ");
    if n(before) + n(quote) + n(after) <= SENTENCE_CHARS {
        return (
            one_line(&format!("{before}{quote}{after}")).trim().into(),
            false,
        );
    }
    let room = SENTENCE_CHARS.saturating_sub(n(quote));
    let keep_before = (room / 2).min(n(before));
    let keep_after = room.saturating_sub(keep_before).min(n(after));
    let head: String = before.chars().skip(n(before) - keep_before).collect();
    let tail: String = after.chars().take(keep_after).collect();
    let mut out = String::new();
    if keep_before < n(before) {
        out.push('…');
    }
    out.push_str(&head);
    out.push_str(quote);
    out.push_str(&tail);
    if keep_after < n(after) {
        out.push('…');
    }
    (one_line(out.trim()).into(), true)
}

/// What the cross-document stages keep of a figure: its value, the
/// interval it allows, and where it was read. Names are indices into the
/// `Catalog`, so a corpus of millions of figures stays small in memory.
#[derive(Debug, Clone)]
pub struct Point {
    pub doc: DocId,
    pub line: u32,
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// The interval the figure allows (±∞ when open).
    pub low: f64,
    pub high: f64,
    pub qualifier: Qualifier,
    pub year: i32,
    /// A period's first year; `None` for a single year.
    pub year_from: Option<i32>,
    pub kind: Kind,
    pub region: RegionId,
    pub metric: MetricId,
    pub unit: UnitId,
    pub quote: Box<str>,
    /// The sentence the figure stands in (cut around it when long;
    /// shared by the figures of one sentence).
    pub sentence: Arc<str>,
    /// The heading the figure sits under.
    pub section: SectionId,
}

/// A year or a period as people write it: 2025, 2021-2025.
pub fn period_label(year_from: Option<i32>, year: i32) -> String {
    match year_from {
        Some(y0) if y0 != year => format!("{y0}-{year}"),
        _ => year.to_string(),
    }
}

/// The values a figure allows: [low, high] (±∞ when open) around the value
/// it states.
#[derive(Debug, Clone, Copy)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
    pub value: f64,
}

impl Interval {
    pub fn of(f: &Figure) -> Interval {
        Interval {
            low: f.low.unwrap_or(f64::NEG_INFINITY),
            high: f.high.unwrap_or(f64::INFINITY),
            value: f.value,
        }
    }
}

impl Point {
    pub fn interval(&self) -> Interval {
        Interval {
            low: self.low,
            high: self.high,
            value: self.value,
        }
    }
}

/// True when two figures can both be right: their intervals meet (up to
/// rounding of the larger value).
pub fn agree(a: Interval, b: Interval) -> bool {
    let eps = 1e-9 * a.value.abs().max(b.value.abs()).max(1.0);
    a.low <= b.high + eps && b.low <= a.high + eps
}
