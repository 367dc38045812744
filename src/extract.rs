//! Extract: takes `Document`s, runs text → structure → figures → time →
//! metrics on each (in parallel), gives one `Figure` per numeric
//! expression with its provenance in the decoded text.

use crate::corpus::{DocKind, Document};
use crate::decimal;
use crate::figures::{clause_start, scan, Role};
use crate::lexicon::{Lexicon, Qualifier};
use crate::marks;
use crate::metrics::assign;
use crate::regions::{Gazetteer, RegionRef};
use crate::structure::{outline, sentence_span, BlockKind, Outline};
use crate::text::{normalize, Normalized};
use crate::time::{Kind, Timeline};
use rayon::prelude::*;

/// A numeric expression found in a document: a figure proper (role
/// `Figure`) or a classified non-figure. Spans are byte offsets in the
/// document's decoded text.
#[derive(Debug, Clone)]
pub struct Figure {
    pub doc: String,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The year the figure is about; for a period (a five-year total, a
    /// plan's goal) its last year.
    pub year: Option<i32>,
    /// The first year of a period; `None` for a single year.
    pub year_from: Option<i32>,
    pub kind: Option<Kind>,
    pub metric: String,
    pub metric_label: String,
    pub metric_en: String,
    pub category: String,
    /// The region the figure is about: the document's, or a part of it the
    /// figure's clause names (a city in a province's report, 中心城区).
    pub region: String,
    /// GB/T 2260 code of `region`; empty when unknown.
    pub region_code: String,
    pub doc_kind: DocKind,
    pub section: String,
    pub item: String,
    pub bullet: Option<u32>,
    /// Index of the outline block holding the figure.
    pub block: Option<usize>,
    pub role: Role,
    pub reason: &'static str,
    pub from_value: Option<f64>,
    /// The sentence around the figure, as a span of the decoded text.
    pub sentence_start: usize,
    pub sentence_end: usize,
    /// 1-based page, for documents with pages (a PDF's text, where form
    /// feeds end the pages); `None` for the others.
    pub page: Option<u32>,
}

impl Figure {
    /// True when the metric is from the dictionary (not an `auto:` key).
    pub fn known_metric(&self) -> bool {
        crate::metrics::is_dictionary(&self.metric)
    }
}

/// One document after extraction: what later stages need of it.
pub struct DocExtraction {
    pub doc: Document,
    pub norm: Normalized,
    pub outline: Outline,
    pub figures: Vec<Figure>,
    pub lines: LineIndex,
}

impl DocExtraction {
    /// Source span of a normalised span.
    pub fn source_span(&self, s: usize, e: usize) -> (usize, usize) {
        self.norm.source_span(s, e)
    }

    /// 1-based line of a decoded-text byte offset.
    pub fn line_of(&self, pos: usize) -> usize {
        self.lines.line_of(pos)
    }
}

/// Where each line of a text starts, for line numbers in O(log n).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at LF, CRLF or a lone CR (old Mac text).
    pub fn new(text: &str) -> LineIndex {
        let b = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            b.iter()
                .enumerate()
                .filter(|&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line holding byte `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos)
    }
}

/// Where each page of a paginated text starts (after each form feed).
#[derive(Debug, Clone)]
pub struct PageIndex {
    starts: Vec<usize>,
}

impl PageIndex {
    /// `None` for a text without form feeds: it has no pages.
    pub fn new(text: &str) -> Option<PageIndex> {
        let ends: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == 0x0c)
            .map(|(i, _)| i + 1)
            .collect();
        (!ends.is_empty()).then(|| PageIndex {
            starts: std::iter::once(0).chain(ends).collect(),
        })
    }

    /// 1-based page holding byte `pos`.
    pub fn page_of(&self, pos: usize) -> u32 {
        self.starts.partition_point(|&s| s <= pos) as u32
    }
}

fn clip(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Label of a heading or item block for the `section` / `item` columns.
pub fn block_label(text: &str, outline: &Outline, i: usize) -> String {
    let b = &outline.blocks[i];
    let line = &text[b.start..b.end];
    let head = line.split([marks::FULL_STOP, ':']).next().unwrap_or(line);
    clip(head.trim(), 30)
}

/// Extracts one document.
pub fn extract_document(doc: Document, lx: &Lexicon) -> DocExtraction {
    let norm = normalize(&doc.text);
    let text = norm.text.as_str();
    let out = outline(text);
    let mentions = scan(text, lx);
    let timeline = Timeline::new(text, &out, &doc.meta, lx);
    let metrics = assign(lx, text, &mentions, &doc.id);
    // Bullet numbering within each item.
    let mut bullet_no: Vec<Option<u32>> = vec![None; out.blocks.len()];
    let mut count = 0;
    let mut last_item = None;
    for (i, b) in out.blocks.iter().enumerate() {
        if b.item != last_item || matches!(b.kind, BlockKind::Item | BlockKind::Heading(_)) {
            count = 0;
            last_item = b.item;
        }
        if b.kind == BlockKind::Bullet {
            count += 1;
            bullet_no[i] = Some(count);
        }
    }
    // Section and item labels, once per block rather than per figure. The
    // nearest numbered heading names the section; a title line only when
    // there is none.
    let section_of: Vec<String> = (0..out.blocks.len())
        .map(|b| {
            let chain = out.heading_chain(b);
            chain
                .iter()
                .find(|&&h| out.blocks[h].number.is_some())
                .or(chain.first())
                .map(|&h| block_label(text, &out, h))
                .unwrap_or_default()
        })
        .collect();
    let item_of: Vec<String> = out
        .blocks
        .iter()
        .map(|b| {
            b.item
                .map(|i| block_label(text, &out, i))
                .unwrap_or_default()
        })
        .collect();
    let lines = LineIndex::new(&doc.text);
    let gazetteer = Gazetteer::get();
    let home = gazetteer.lookup_region(&doc.meta.region, &doc.meta.region_code);
    let doc_region = RegionRef {
        name: doc.meta.region.clone(),
        code: doc.meta.region_code.clone(),
    };
    let pages = PageIndex::new(&doc.text);
    let mut figures = Vec::with_capacity(mentions.len());
    // The reading of the last sentence seen: its figures share it.
    let mut sentence_read = None;
    for (m, metric) in mentions.iter().zip(metrics) {
        let block = out.block_at(m.num_start);
        let (lo, hi) = block
            .map(|b| (out.blocks[b].start, out.blocks[b].end))
            .unwrap_or((0, text.len()));
        let (ss, se) = sentence_span(text, lo, hi, m.num_start);
        let sentence = &text[ss..se];
        let (year, year_from, kind) = if m.role == Role::Figure {
            let key = (block, ss, se);
            let base = match sentence_read {
                Some((k, w)) if k == key => w,
                _ => {
                    let w = timeline.sentence_when(lx, &doc.meta, block, sentence);
                    sentence_read = Some((key, w));
                    w
                }
            };
            let w = timeline.refine(lx, &doc.meta, base, &text[ss..m.num_start]);
            (w.year, w.year_from, Some(w.kind))
        } else {
            (None, None, None)
        };
        let region = match home {
            Some(h) if m.role == Role::Figure => gazetteer
                .part_in(h, &text[clause_start(text, m.num_start)..m.num_start])
                .unwrap_or_else(|| doc_region.clone()),
            _ => doc_region.clone(),
        };
        let section = block.map(|b| section_of[b].clone()).unwrap_or_default();
        let item = block.map(|b| item_of[b].clone()).unwrap_or_default();
        let (start, end) = norm.source_span(m.start, m.end);
        let (sent_s, sent_e) = norm.source_span(ss, se);
        let mut metric = metric.unwrap_or(crate::metrics::MetricRef {
            id: String::new(),
            zh: String::new(),
            en: String::new(),
            category: String::new(),
            known: false,
        });
        // Over a period, a change not marked as a yearly average
        // (地区生产总值…增长19.8%) is the whole period's: not comparable with
        // a yearly rate (年均增长5%).
        if year_from.is_some()
            && !metric.id.is_empty()
            && lx.is_cumulative_change(&m.unit, &text[clause_start(text, m.num_start)..m.num_start])
        {
            metric = crate::metrics::cumulative_ref(lx, metric);
        }
        figures.push(Figure {
            doc: doc.id.clone(),
            line: lines.line_of(start),
            start,
            end,
            quote: doc.text.get(start..end).unwrap_or_default().to_string(),
            // Binary noise of value × factor (6.7000000000003) rounded
            // away: the figure is what the document wrote.
            value: decimal::tidy(m.value),
            unit: m.unit.clone(),
            qualifier: m.qualifier,
            low: m.low.map(decimal::tidy),
            high: m.high.map(decimal::tidy),
            year,
            year_from,
            kind,
            metric: metric.id,
            metric_label: metric.zh,
            metric_en: metric.en,
            category: metric.category,
            region: region.name,
            region_code: region.code,
            doc_kind: doc.meta.kind,
            section,
            item,
            bullet: block.and_then(|b| bullet_no[b]),
            block,
            role: m.role,
            reason: m.reason,
            from_value: m.from_value.map(decimal::tidy),
            sentence_start: sent_s,
            sentence_end: sent_e,
            page: pages.as_ref().map(|p| p.page_of(start)),
        });
    }
    DocExtraction {
        doc,
        norm,
        outline: out,
        figures,
        lines,
    }
}

/// Extracts every document, in parallel, in corpus order.
pub fn extract_all(docs: Vec<Document>, lx: &Lexicon) -> Vec<DocExtraction> {
    docs.into_par_iter()
        .map(|d| extract_document(d, lx))
        .collect()
}
