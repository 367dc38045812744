//! Findings: takes the extracted documents, the sides and the comparison
//! rows, gives `Finding`s — each a kind, a severity, a one-line message in
//! Chinese and English, and the evidence spans that support it.

use crate::compare::{agree, show as show_value, Catalog, Interval, Point, Row, Side};
use crate::corpus::DocKind;
use crate::extract::{DocExtraction, Figure};
use crate::figures::Role;
use crate::lexicon::Config;
use crate::numbers::format_value;
use crate::structure::BlockKind;
use crate::time::Kind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Conflict,
    Duplicate,
    Numbering,
    Misplaced,
    Unsupported,
    Outlier,
    BelowPriorActual,
    MissedTarget,
    NewMetric,
    DroppedMetric,
}

impl FindingKind {
    pub const ALL: [FindingKind; 10] = [
        FindingKind::Conflict,
        FindingKind::Duplicate,
        FindingKind::Numbering,
        FindingKind::Misplaced,
        FindingKind::Unsupported,
        FindingKind::Outlier,
        FindingKind::BelowPriorActual,
        FindingKind::MissedTarget,
        FindingKind::NewMetric,
        FindingKind::DroppedMetric,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Conflict => "conflict",
            FindingKind::Duplicate => "duplicate",
            FindingKind::Numbering => "numbering",
            FindingKind::Misplaced => "misplaced",
            FindingKind::Unsupported => "unsupported",
            FindingKind::Outlier => "outlier",
            FindingKind::BelowPriorActual => "below_prior_actual",
            FindingKind::MissedTarget => "missed_target",
            FindingKind::NewMetric => "new_metric",
            FindingKind::DroppedMetric => "dropped_metric",
        }
    }

    pub fn parse(s: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// A span of a document that supports a finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub quote: String,
}

impl Evidence {
    pub fn span(&self) -> String {
        format!("{}:{}-{}", self.doc, self.start, self.end)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    pub region: String,
    pub metric: String,
    pub year: Option<i32>,
    pub message_zh: String,
    pub message_en: String,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.message_zh,
            Lang::En => &self.message_en,
        }
    }
    pub fn evidence_refs(&self) -> String {
        self.evidence
            .iter()
            .map(|e| e.span())
            .collect::<Vec<_>>()
            .join(";")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Zh,
    En,
}

fn fig_evidence(f: &Figure) -> Evidence {
    Evidence {
        doc: f.doc.clone(),
        start: f.start,
        end: f.end,
        line: f.line,
        quote: f.quote.clone(),
    }
}

/// Most characters of a paragraph that its evidence quotes: enough to know
/// it again, without copying whole paragraphs into every finding (on a
/// large corpus they would outweigh the corpus itself).
const BLOCK_QUOTE_CHARS: usize = 120;

/// A block's opening as evidence — its first sentence, or its first
/// `BLOCK_QUOTE_CHARS` characters — with a span covering exactly the quote.
fn block_evidence(d: &DocExtraction, b: usize) -> Evidence {
    let blk = &d.outline.blocks[b];
    let text = &d.norm.text[blk.start..blk.end];
    let cut = text
        .char_indices()
        .take(BLOCK_QUOTE_CHARS)
        .find(|&(_, c)| c == '。')
        .map(|(i, c)| i + c.len_utf8())
        .or_else(|| text.char_indices().nth(BLOCK_QUOTE_CHARS).map(|(i, _)| i))
        .unwrap_or(text.len());
    let (s, e) = d.source_span(blk.start, blk.start + cut);
    Evidence {
        doc: d.doc.id.clone(),
        start: s,
        end: e,
        line: d.line_of(s),
        quote: d.doc.text.get(s..e).unwrap_or_default().to_string(),
    }
}

/// Value with its unit and qualifier as people write it: 20条以上.
pub fn show(f: &Figure) -> String {
    show_value(f.value, &f.unit, f.qualifier)
}

fn point_evidence(c: &Catalog, p: &Point) -> Evidence {
    Evidence {
        doc: c.doc(p).id.clone(),
        start: p.start,
        end: p.end,
        line: p.line as usize,
        quote: p.quote.to_string(),
    }
}

fn show_point(c: &Catalog, p: &Point) -> String {
    show_value(p.value, c.unit(p), p.qualifier)
}

fn kind_zh(k: Kind) -> &'static str {
    match k {
        Kind::Target => "目标",
        Kind::Actual => "实际",
    }
}

/// `kind_zh` for a kind read back from the comparison frame.
fn kind_zh_of(k: &str) -> &'static str {
    kind_zh(if k == "target" {
        Kind::Target
    } else {
        Kind::Actual
    })
}

/// What the cross-document checks need: every comparable point, the
/// sides and the comparison rows.
pub struct Inputs<'a> {
    pub catalog: &'a Catalog,
    pub points: &'a [Point],
    pub sides: &'a [Side],
    pub rows: &'a [Row],
    pub config: &'a Config,
}

/// The checks that need one document only (duplicates, numbering,
/// misplaced bullets, unsupported headlines): run as each document is
/// extracted, before its text is let go.
pub fn local(d: &DocExtraction, lx: &crate::lexicon::Lexicon) -> Vec<Finding> {
    let mut out = Vec::new();
    duplicates(d, &lx.config, &mut out);
    numbering(d, &mut out);
    misplaced(d, lx, &mut out);
    unsupported(d, &mut out);
    out
}

/// Where findings go as they are made: a list, or a store that spills a
/// large corpus's findings to disk as they come.
pub trait Out {
    fn push(&mut self, f: Finding);
}

impl Out for Vec<Finding> {
    fn push(&mut self, f: Finding) {
        Vec::push(self, f);
    }
}

/// The checks across documents and years: conflicts, outliers, targets,
/// new and dropped metrics.
pub fn across(inp: &Inputs, out: &mut dyn Out) {
    conflicts(inp, out);
    outliers(inp, out);
    ratio_outliers(inp, out);
    targets(inp, out);
    new_dropped(inp, out);
}

/// How many findings of each kind and severity.
pub type Counts = BTreeMap<(FindingKind, Severity), usize>;

/// Sorts and deduplicates a finding's evidence.
pub fn tidy(f: &mut Finding) {
    f.evidence.sort();
    f.evidence.dedup();
}

/// Report order (severity, kind, region, metric, year, evidence), so that
/// reports are byte-stable.
pub fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (
        a.severity,
        a.kind,
        &a.region,
        &a.metric,
        a.year,
        &a.evidence,
        &a.message_en,
    )
        .cmp(&(
            b.severity,
            b.kind,
            &b.region,
            &b.metric,
            b.year,
            &b.evidence,
            &b.message_en,
        ))
}

fn auto_cap(cfg: &Config, s: Severity) -> Severity {
    let cap = Severity::parse(&cfg.auto_metric_severity).unwrap_or(Severity::Info);
    s.max(cap)
}

/// One region, metric, year and kind; figures that cannot all be right.
fn conflicts(inp: &Inputs, out: &mut dyn Out) {
    let (c, pts) = (inp.catalog, inp.points);
    for s in inp.sides {
        let disagreeing: Vec<u32> = s
            .points
            .iter()
            .copied()
            .filter(|i| !s.agreeing.contains(i))
            .collect();
        if disagreeing.is_empty() {
            continue;
        }
        let chosen = &pts[s.chosen as usize];
        let m = c.metric(chosen);
        let docs: BTreeSet<u32> = s.points.iter().map(|&i| pts[i as usize].doc).collect();
        let cross = docs.len() > 1;
        // Within one document an auto: key is too loose to call two values
        // a conflict (the same wording often counts different things).
        if !m.known && !cross {
            continue;
        }
        let mut severity = if cross {
            Severity::Error
        } else {
            Severity::Warning
        };
        if !m.known {
            severity = auto_cap(inp.config, severity);
        }
        let mut vals: Vec<String> = Vec::new();
        let mut vals_en: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        for &i in std::iter::once(&s.chosen).chain(disagreeing.iter()) {
            let p = &pts[i as usize];
            let (shown, doc) = (show_point(c, p), &c.doc(p).id);
            if seen.insert((shown.clone(), p.doc)) {
                vals.push(format!("{shown}({doc} 第{}行)", p.line));
                vals_en.push(format!("{shown} ({doc} line {})", p.line));
            }
        }
        let mut evidence: Vec<Evidence> = s
            .agreeing
            .iter()
            .map(|&i| point_evidence(c, &pts[i as usize]))
            .collect();
        evidence.extend(
            disagreeing
                .iter()
                .map(|&i| point_evidence(c, &pts[i as usize])),
        );
        out.push(Finding {
            kind: FindingKind::Conflict,
            severity,
            region: s.region.clone(),
            metric: m.id.clone(),
            year: Some(s.year),
            message_zh: format!(
                "{} {}年{}数不一致:{};采用 {}",
                m.label,
                s.year,
                kind_zh(s.kind),
                vals.join(" 对 "),
                show_point(c, chosen)
            ),
            message_en: format!(
                "{} {} {}: sources disagree: {}; used {}",
                m.en_or_zh(),
                s.year,
                s.kind.as_str(),
                vals_en.join(" vs "),
                show_point(c, chosen)
            ),
            evidence,
        });
    }
}

/// Text of a block for duplicate checks: no bullet marks or spaces.
fn dup_text(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '●' | '•' | '■' | '◆' | '▪' | '○' | '◎' | '★')
        })
        .collect()
}

/// Sorted character bigrams of a text, for `dice`.
fn bigrams(s: &str) -> Vec<(char, char)> {
    let cs: Vec<char> = s.chars().collect();
    let mut v: Vec<(char, char)> = cs.windows(2).map(|w| (w[0], w[1])).collect();
    v.sort_unstable();
    v
}

/// Dice similarity of two sorted bigram lists (a merge, no hashing).
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Dice similarity of character bigrams.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a.chars().count() < 2 && b.chars().count() < 2 {
        return if a == b { 1.0 } else { 0.0 };
    }
    dice(&bigrams(a), &bigrams(b))
}

fn duplicates(d: &DocExtraction, cfg: &Config, out: &mut Vec<Finding>) {
    let text = &d.norm.text;
    let cands: Vec<(usize, String)> = d
        .outline
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Bullet | BlockKind::Paragraph))
        .map(|(i, b)| (i, dup_text(&text[b.start..b.end])))
        .filter(|(_, t)| t.chars().count() >= cfg.duplicate_min_chars)
        .collect();
    // Exact repeats, grouped.
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in &cands {
        groups.entry(t.as_str()).or_default().push(*i);
    }
    let mut exact_of: HashMap<usize, usize> = HashMap::new();
    for (t, idx) in &groups {
        if idx.len() < 2 {
            continue;
        }
        for &i in idx {
            exact_of.insert(i, idx[0]);
        }
        let head: String = t.chars().take(24).collect();
        let lines: Vec<String> = idx
            .iter()
            .map(|&i| {
                d.line_of(
                    d.source_span(d.outline.blocks[i].start, d.outline.blocks[i].end)
                        .0,
                )
                .to_string()
            })
            .collect();
        out.push(Finding {
            kind: FindingKind::Duplicate,
            severity: Severity::Warning,
            region: d.doc.meta.region.clone(),
            metric: String::new(),
            year: d.doc.meta.year,
            message_zh: format!(
                "{} 中同一段落重复 {} 次(第 {} 行):“{}…”",
                d.doc.id,
                idx.len(),
                lines.join("、"),
                head
            ),
            message_en: format!(
                "{}: the same paragraph appears {} times (lines {}): “{}…”",
                d.doc.id,
                idx.len(),
                lines.join(", "),
                head
            ),
            evidence: idx.iter().map(|&i| block_evidence(d, i)).collect(),
        });
    }
    // Near repeats: one representative of each exact group.
    let reps: Vec<&(usize, String)> = cands
        .iter()
        .filter(|(i, _)| exact_of.get(i).is_none_or(|r| r == i))
        .collect();
    let min_sim = cfg.near_duplicate_similarity;
    let grams: Vec<Vec<(char, char)>> = reps.iter().map(|(_, t)| bigrams(t)).collect();
    for a in 0..reps.len() {
        for b in a + 1..reps.len() {
            let (ia, ta) = reps[a];
            let (ib, tb) = reps[b];
            let (la, lb) = (ta.chars().count() as f64, tb.chars().count() as f64);
            if la.min(lb) / la.max(lb) < min_sim {
                continue;
            }
            let sim = dice(&grams[a], &grams[b]);
            if sim >= min_sim {
                let head: String = ta.chars().take(24).collect();
                let (la, lb) = (
                    d.line_of(
                        d.source_span(d.outline.blocks[*ia].start, d.outline.blocks[*ia].end)
                            .0,
                    ),
                    d.line_of(
                        d.source_span(d.outline.blocks[*ib].start, d.outline.blocks[*ib].end)
                            .0,
                    ),
                );
                out.push(Finding {
                    kind: FindingKind::Duplicate,
                    severity: Severity::Info,
                    region: d.doc.meta.region.clone(),
                    metric: String::new(),
                    year: d.doc.meta.year,
                    message_zh: format!(
                        "{} 第 {} 行与第 {} 行几乎相同(相似度 {:.0}%):“{}…”",
                        d.doc.id,
                        la,
                        lb,
                        sim * 100.0,
                        head
                    ),
                    message_en: format!(
                        "{}: lines {} and {} are near-identical ({:.0}% similar): “{}…”",
                        d.doc.id,
                        la,
                        lb,
                        sim * 100.0,
                        head
                    ),
                    evidence: vec![block_evidence(d, *ia), block_evidence(d, *ib)],
                });
            }
        }
    }
}

fn numbering(d: &DocExtraction, out: &mut Vec<Finding>) {
    let blocks = &d.outline.blocks;
    let items: Vec<(usize, u32)> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Item)
        .filter_map(|(i, b)| b.number.map(|n| (i, n)))
        .collect();
    let region = d.doc.meta.region.clone();
    let year = d.doc.meta.year;
    let mut push = |severity, zh: String, en: String, ev: Vec<Evidence>| {
        out.push(Finding {
            kind: FindingKind::Numbering,
            severity,
            region: region.clone(),
            metric: String::new(),
            year,
            message_zh: zh,
            message_en: en,
            evidence: ev,
        })
    };
    if !items.is_empty() {
        let label = |i: usize| crate::extract::block_label(&d.norm.text, &d.outline, i);
        // Out of order and repeated numbers.
        let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
        for w in items.windows(2) {
            let ((ia, na), (ib, nb)) = (w[0], w[1]);
            if nb < na {
                push(
                    Severity::Warning,
                    format!(
                        "{}:“{}”排在“{}”之后,编号顺序错乱",
                        d.doc.id,
                        label(ib),
                        label(ia)
                    ),
                    format!(
                        "{}: item “{}” comes after “{}”: numbers out of order",
                        d.doc.id,
                        label(ib),
                        label(ia)
                    ),
                    vec![block_evidence(d, ia), block_evidence(d, ib)],
                );
            }
        }
        for &(i, n) in &items {
            if let Some(&first) = seen.get(&n) {
                push(
                    Severity::Warning,
                    format!("{}:编号 {} 出现两次(“{}”)", d.doc.id, n, label(i)),
                    format!(
                        "{}: item number {} is used twice (“{}”)",
                        d.doc.id,
                        n,
                        label(i)
                    ),
                    vec![block_evidence(d, first), block_evidence(d, i)],
                );
            } else {
                seen.insert(n, i);
            }
        }
        let max = *seen.keys().next_back().unwrap_or(&0);
        let min = *seen.keys().next().unwrap_or(&1);
        let missing: Vec<u32> = (min..=max).filter(|n| !seen.contains_key(n)).collect();
        if !missing.is_empty() {
            let list = missing.iter().map(|n| n.to_string()).collect::<Vec<_>>();
            // Evidence: the items on either side of each gap, each once.
            let mut around = BTreeSet::new();
            for n in &missing {
                around.extend(seen.range(..n).next_back().map(|(_, &i)| i));
                around.extend(seen.range(n..).next().map(|(_, &i)| i));
            }
            let ev = around.into_iter().map(|i| block_evidence(d, i)).collect();
            push(
                Severity::Error,
                format!(
                    "{}:缺少第 {} 项(编号 {}–{} 中)",
                    d.doc.id,
                    list.join("、"),
                    min,
                    max
                ),
                format!(
                    "{}: items {} are missing (numbers {}–{})",
                    d.doc.id,
                    list.join(", "),
                    min,
                    max
                ),
                ev,
            );
        }
        // A declared count in a title ("15件市办实事") against the items.
        let first_item = items[0].0;
        for f in d
            .figures
            .iter()
            .filter(|f| f.role == Role::Figure && f.unit == "件")
        {
            let Some(b) = f.block else { continue };
            if b >= first_item {
                continue;
            }
            let declared = f.value as usize;
            let found = seen.len();
            if declared != found || max as usize != declared {
                push(
                    Severity::Error,
                    format!(
                        "{}:标题称 {},正文只有 {} 项(最大编号 {})",
                        d.doc.id, f.quote, found, max
                    ),
                    format!(
                        "{}: the title declares {} but the body has {} items (highest number {})",
                        d.doc.id, f.quote, found, max
                    ),
                    vec![fig_evidence(f)],
                );
            }
        }
    }
    // Section headings: gaps and order within each parent.
    let mut by_parent: HeadingsByParent = BTreeMap::new();
    for (i, b) in blocks.iter().enumerate() {
        if let (BlockKind::Heading(level @ (1 | 2)), Some(n)) = (b.kind, b.number) {
            let parent = if level == 2 { b.section } else { None };
            by_parent.entry((parent, level)).or_default().push((i, n));
        }
    }
    for ((_, level), hs) in by_parent {
        let fmt = |n: u32| {
            if level == 1 {
                format!("{}、", cn_num(n))
            } else {
                format!("({})", cn_num(n))
            }
        };
        if let Some(&(i, n)) = hs.first() {
            if n > 1 {
                push(
                    Severity::Info,
                    format!("{}:从 {} 开始,之前的部分不在本文件中", d.doc.id, fmt(n)),
                    format!(
                        "{}: starts at {}; earlier parts are not in this document",
                        d.doc.id,
                        fmt(n)
                    ),
                    vec![block_evidence(d, i)],
                );
            }
        }
        for w in hs.windows(2) {
            let ((ia, na), (ib, nb)) = (w[0], w[1]);
            if nb != na + 1 {
                let (zh, en) = if nb <= na {
                    (
                        format!("{} 排在 {} 之后", fmt(nb), fmt(na)),
                        format!("{} comes after {}", fmt(nb), fmt(na)),
                    )
                } else {
                    (
                        format!("{} 与 {} 之间缺少编号", fmt(na), fmt(nb)),
                        format!("numbers missing between {} and {}", fmt(na), fmt(nb)),
                    )
                };
                push(
                    Severity::Warning,
                    format!("{}:{}", d.doc.id, zh),
                    format!("{}: {}", d.doc.id, en),
                    vec![block_evidence(d, ia), block_evidence(d, ib)],
                );
            }
        }
    }
}

/// Numbered headings grouped by (parent heading, level).
type HeadingsByParent = BTreeMap<(Option<usize>, u8), Vec<(usize, u32)>>;

fn cn_num(n: u32) -> String {
    crate::numbers::format_chinese(n as u64)
}

/// Per item: the figures of its headline (the first paragraph after the
/// item marker), as (metric, value) pairs.
fn headlines(d: &DocExtraction) -> BTreeMap<usize, Vec<&Figure>> {
    let mut head_block: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, b) in d.outline.blocks.iter().enumerate() {
        if let Some(item) = b.item {
            if b.kind == BlockKind::Paragraph && !head_block.contains_key(&item) {
                head_block.insert(item, i);
            }
            if b.kind == BlockKind::Item && item == i {
                // "1.建设…" items carry their headline on the same line.
                let line = &d.norm.text[b.start..b.end];
                if line.chars().count() > 12 {
                    head_block.insert(item, i);
                }
            }
        }
    }
    let mut out: BTreeMap<usize, Vec<&Figure>> = BTreeMap::new();
    for f in d.figures.iter().filter(|f| f.role == Role::Figure) {
        if let Some(b) = f.block {
            for (&item, &hb) in &head_block {
                if hb == b {
                    out.entry(item).or_default().push(f);
                }
            }
        }
    }
    for item in head_block.keys() {
        out.entry(*item).or_default();
    }
    out
}

fn same_figure(a: &Figure, b: &Figure) -> bool {
    a.metric == b.metric && a.unit == b.unit && agree(Interval::of(a), Interval::of(b))
}

fn misplaced(d: &DocExtraction, lx: &crate::lexicon::Lexicon, out: &mut Vec<Finding>) {
    let heads = headlines(d);
    if heads.is_empty() {
        return;
    }
    let label = |i: usize| crate::extract::block_label(&d.norm.text, &d.outline, i);
    for (bi, b) in d.outline.blocks.iter().enumerate() {
        if b.kind != BlockKind::Bullet {
            continue;
        }
        let Some(item) = b.item else { continue };
        // A bullet restates its item in a short first sentence
        // (●改造城镇老旧小区400个以上。); later sentences add detail.
        let line = &d.norm.text[b.start..b.end];
        let first_end = line.find('。').map(|p| b.start + p).unwrap_or(b.end);
        let short = d.norm.text[b.start..first_end].chars().count() <= 60;
        let (src_first_end, _) = d.source_span(first_end, first_end + 1);
        let figs: Vec<&Figure> = d
            .figures
            .iter()
            .filter(|f| {
                short && f.role == Role::Figure && f.block == Some(bi) && f.start < src_first_end
            })
            .collect();
        if figs.is_empty() {
            misplaced_topic(d, lx, &heads, bi, item, out);
            continue;
        }
        let own = heads.get(&item).cloned().unwrap_or_default();
        if figs.iter().any(|f| own.iter().any(|h| same_figure(f, h))) {
            continue;
        }
        let elsewhere: Vec<(usize, &Figure)> = heads
            .iter()
            .filter(|(i, _)| **i != item)
            .flat_map(|(i, hs)| hs.iter().map(move |h| (*i, *h)))
            .filter(|(_, h)| figs.iter().any(|f| same_figure(f, h)))
            .collect();
        let bullet_head: String = dup_text(&d.norm.text[b.start..b.end])
            .chars()
            .take(20)
            .collect();
        let metric = figs[0].metric.clone();
        if let Some((other, h)) = elsewhere.first() {
            out.push(Finding {
                kind: FindingKind::Misplaced,
                severity: Severity::Warning,
                region: d.doc.meta.region.clone(),
                metric,
                year: figs[0].year,
                message_zh: format!(
                    "{}:“{}…”放在“{}”下,但其数字属于“{}”",
                    d.doc.id,
                    bullet_head,
                    label(item),
                    label(*other)
                ),
                message_en: format!(
                    "{}: bullet “{}…” sits under “{}” but its figures belong to “{}”",
                    d.doc.id,
                    bullet_head,
                    label(item),
                    label(*other)
                ),
                evidence: vec![block_evidence(d, bi), fig_evidence(h)],
            });
        } else if !own.is_empty() {
            out.push(Finding {
                kind: FindingKind::Misplaced,
                severity: Severity::Warning,
                region: d.doc.meta.region.clone(),
                metric,
                year: figs[0].year,
                message_zh: format!("{}:“{}…”放在“{}”下,但任何一项的标题都没有这些数字(所属条目可能缺失)", d.doc.id, bullet_head, label(item)),
                message_en: format!("{}: bullet “{}…” sits under “{}” but no item headline states its figures (its item may be missing)", d.doc.id, bullet_head, label(item)),
                evidence: vec![block_evidence(d, bi)],
            });
        }
    }
}

/// A bullet without figures, filed by its topic: the metrics its opening
/// clause names (●通过打造规范化农贸市场,…) against the items' headlines.
fn misplaced_topic(
    d: &DocExtraction,
    lx: &crate::lexicon::Lexicon,
    heads: &BTreeMap<usize, Vec<&Figure>>,
    bi: usize,
    item: usize,
    out: &mut Vec<Finding>,
) {
    let b = &d.outline.blocks[bi];
    let line = &d.norm.text[b.start..b.end];
    let clause = &line[..line.find([',', ';', '。']).unwrap_or(line.len())];
    let named: BTreeSet<&str> = lx
        .phrases
        .find_overlapping_iter(clause)
        .map(|m| {
            lx.metrics[lx.phrase_metric[m.pattern().as_usize()]]
                .id
                .as_str()
        })
        .collect();
    if named.is_empty() {
        return;
    }
    let names = |hs: &[&Figure]| hs.iter().any(|h| named.contains(h.metric.as_str()));
    if heads.get(&item).is_some_and(|own| names(own)) {
        return;
    }
    let Some((other, h)) = heads
        .iter()
        .filter(|(i, _)| **i != item)
        .find_map(|(i, hs)| {
            hs.iter()
                .find(|h| named.contains(h.metric.as_str()))
                .map(|h| (*i, *h))
        })
    else {
        return;
    };
    let label = |i: usize| crate::extract::block_label(&d.norm.text, &d.outline, i);
    let head: String = dup_text(line).chars().take(20).collect();
    out.push(Finding {
        kind: FindingKind::Misplaced,
        severity: Severity::Warning,
        region: d.doc.meta.region.clone(),
        metric: h.metric.clone(),
        year: h.year,
        message_zh: format!(
            "{}:“{}…”放在“{}”下,但其内容属于“{}”",
            d.doc.id,
            head,
            label(item),
            label(other)
        ),
        message_en: format!(
            "{}: bullet “{}…” sits under “{}” but its subject belongs to “{}”",
            d.doc.id,
            head,
            label(item),
            label(other)
        ),
        evidence: vec![block_evidence(d, bi), fig_evidence(h)],
    });
}

/// Figures in a title line that no other part of the document states.
fn unsupported(d: &DocExtraction, out: &mut Vec<Finding>) {
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
                message_zh: format!(
                    "{}:标题中的“{}”({})在正文中找不到依据",
                    d.doc.id, f.quote, f.metric_label
                ),
                message_en: format!(
                    "{}: the headline figure “{}” ({}) is stated nowhere in the body",
                    d.doc.id, f.quote, f.metric_label
                ),
                evidence: vec![fig_evidence(f)],
            });
        }
    }
}

/// The figures behind both sides of a comparison row.
fn row_evidence(inp: &Inputs, r: &Row) -> Vec<Evidence> {
    [r.from_side, r.to_side]
        .iter()
        .flat_map(|&s| inp.sides[s as usize].agreeing.iter())
        .map(|&i| point_evidence(inp.catalog, &inp.points[i as usize]))
        .collect()
}

fn label_en(r: &Row) -> &str {
    if r.label_en.is_empty() {
        &r.label
    } else {
        &r.label_en
    }
}

fn outliers(inp: &Inputs, out: &mut dyn Out) {
    let k = inp.config.outlier_factor;
    for r in inp.rows {
        if r.comparison == "actual_vs_target"
            || r.from_value <= 0.0
            || r.to_value <= 0.0
            || r.unit == "%"
        {
            continue;
        }
        let ratio = r.to_value / r.from_value;
        if ratio > k || ratio < 1.0 / k {
            let known = crate::metrics::is_dictionary(&r.metric);
            let sev = if known {
                Severity::Warning
            } else {
                auto_cap(inp.config, Severity::Warning)
            };
            out.push(Finding {
                kind: FindingKind::Outlier,
                severity: sev,
                region: r.region.clone(),
                metric: r.metric.clone(),
                year: Some(r.to_year),
                message_zh: format!(
                    "{}:{}年{} {}{} → {}年{} {}{},变为 {:.2} 倍",
                    r.label,
                    r.from_year,
                    kind_zh_of(&r.from_kind),
                    format_value(r.from_value),
                    r.unit,
                    r.to_year,
                    kind_zh_of(&r.to_kind),
                    format_value(r.to_value),
                    r.unit,
                    ratio
                ),
                message_en: format!(
                    "{}: {} {} {} {} → {} {} {} {}: ×{:.2}",
                    label_en(r),
                    r.from_year,
                    r.from_kind,
                    format_value(r.from_value),
                    r.unit,
                    r.to_year,
                    r.to_kind,
                    format_value(r.to_value),
                    r.unit,
                    ratio
                ),
                evidence: row_evidence(inp, r),
            });
        }
    }
}

/// A per-unit ratio in one year: value, evidence, "num / den" text.
struct RatioPoint(f64, Vec<Evidence>, String);

fn ratio_outliers(inp: &Inputs, out: &mut dyn Out) {
    let (c, pts) = (inp.catalog, inp.points);
    let metric_id = |s: &Side| c.metrics[s.metric as usize].id.as_str();
    // (region, metric, year, kind) → sides (one per unit)
    let mut index: HashMap<(&str, &str, i32, Kind), Vec<&Side>> = HashMap::new();
    for s in inp.sides {
        index
            .entry((&s.region, metric_id(s), s.year, s.kind))
            .or_default()
            .push(s);
    }
    for rc in &inp.config.ratio {
        // (region, kind) → year → (ratio, evidence)
        let mut by: BTreeMap<(String, Kind), BTreeMap<i32, RatioPoint>> = BTreeMap::new();
        for num in inp.sides.iter().filter(|s| metric_id(s) == rc.numerator) {
            let dens: Vec<&Side> = rc
                .denominator
                .iter()
                .filter_map(|m| {
                    index
                        .get(&(num.region.as_str(), m.as_str(), num.year, num.kind))
                        .and_then(|v| v.first().copied())
                })
                .collect();
            let sum: f64 = dens.iter().map(|s| s.value).sum();
            if dens.is_empty() || sum <= 0.0 {
                continue;
            }
            let mut ev = vec![point_evidence(c, &pts[num.chosen as usize])];
            ev.extend(
                dens.iter()
                    .map(|s| point_evidence(c, &pts[s.chosen as usize])),
            );
            let detail = format!("{} / {}", format_value(num.value), format_value(sum));
            by.entry((num.region.clone(), num.kind))
                .or_default()
                .insert(num.year, RatioPoint(num.value / sum, ev, detail));
        }
        for ((region, kind), years) in by {
            let ys: Vec<(&i32, &RatioPoint)> = years.iter().collect();
            for w in ys.windows(2) {
                let ((ya, RatioPoint(ra, eva, da)), (yb, RatioPoint(rb, evb, db))) = (w[0], w[1]);
                let f = rb / ra;
                if f > inp.config.ratio_outlier_factor || f < 1.0 / inp.config.ratio_outlier_factor
                {
                    let mut ev = eva.clone();
                    ev.extend(evb.iter().cloned());
                    out.push(Finding {
                        kind: FindingKind::Outlier,
                        severity: Severity::Warning,
                        region: region.clone(),
                        metric: rc.numerator.clone(),
                        year: Some(*yb),
                        message_zh: format!(
                            "{}:{}年{} {:.0}({}),{}年 {:.0}({}),相差 {:.1} 倍,数量级可疑",
                            rc.name, ya, kind_zh(kind), ra, da, yb, rb, db, f.max(1.0 / f)
                        ),
                        message_en: format!(
                            "{}: {} {} {:.0} ({}) against {} {:.0} ({}): {:.1}× apart, implausible magnitude",
                            rc.name, ya, kind.as_str(), ra, da, yb, rb, db, f.max(1.0 / f)
                        ),
                        evidence: ev,
                    });
                }
            }
        }
    }
}

fn targets(inp: &Inputs, out: &mut dyn Out) {
    for r in inp.rows {
        let known = crate::metrics::is_dictionary(&r.metric);
        let cap = |s| if known { s } else { auto_cap(inp.config, s) };
        if r.comparison == "actual_vs_target" && r.met() == Some(false) {
            let pct = r
                .attainment_pct
                .map(|p| format!("{p:.1}%"))
                .unwrap_or_else(|| "—".into());
            out.push(Finding {
                kind: FindingKind::MissedTarget,
                severity: cap(Severity::Warning),
                region: r.region.clone(),
                metric: r.metric.clone(),
                year: Some(r.to_year),
                message_zh: format!(
                    "{} {}年实际 {}{},未达目标 {}{}(完成 {})",
                    r.label,
                    r.to_year,
                    format_value(r.to_value),
                    r.unit,
                    format_value(r.from_value),
                    r.unit,
                    pct
                ),
                message_en: format!(
                    "{} {}: actual {} {} misses the target {} {} ({} attained)",
                    label_en(r),
                    r.to_year,
                    format_value(r.to_value),
                    r.unit,
                    format_value(r.from_value),
                    r.unit,
                    pct
                ),
                evidence: row_evidence(inp, r),
            });
        }
        if r.comparison == "actual_vs_next_target" && r.to_value < r.from_value && r.unit != "%" {
            // Targets a little under last year's result are common
            // prudence; a fifth or more under is worth a look.
            let sev = if r.to_value < 0.8 * r.from_value {
                Severity::Warning
            } else {
                Severity::Info
            };
            out.push(Finding {
                kind: FindingKind::BelowPriorActual,
                severity: cap(sev),
                region: r.region.clone(),
                metric: r.metric.clone(),
                year: Some(r.to_year),
                message_zh: format!(
                    "{} {}年目标 {}{} 低于{}年实际 {}{}",
                    r.label,
                    r.to_year,
                    format_value(r.to_value),
                    r.unit,
                    r.from_year,
                    format_value(r.from_value),
                    r.unit
                ),
                message_en: format!(
                    "{}: the {} target {} {} is below the {} actual {} {}",
                    label_en(r),
                    r.to_year,
                    format_value(r.to_value),
                    r.unit,
                    r.from_year,
                    format_value(r.from_value),
                    r.unit
                ),
                evidence: row_evidence(inp, r),
            });
        }
    }
}

/// A dictionary metric targeted in year Y by documents of one kind and
/// region, and not in year Y+1 by documents of the same kind (or the
/// reverse).
fn new_dropped(inp: &Inputs, out: &mut dyn Out) {
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
    for ((region, kind, year), a) in &sets {
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
                let (m, shown) = (c.metric(p), show_point(c, p));
                let (zh, en) = if finding == FindingKind::DroppedMetric {
                    (
                        format!(
                            "{}:{}年{}有目标 {},{}年同类文件未再提出",
                            m.label, y_here, kind, shown, y_there
                        ),
                        format!(
                            "{}: targeted in {} ({}: {}), absent from the {} {} documents",
                            m.en_or_zh(),
                            y_here,
                            kind,
                            shown,
                            y_there,
                            kind
                        ),
                    )
                } else {
                    (
                        format!(
                            "{}:{}年{}新提出目标 {},{}年同类文件没有",
                            m.label, y_here, kind, shown, y_there
                        ),
                        format!(
                            "{}: new in {} ({}: {}), absent from the {} {} documents",
                            m.en_or_zh(),
                            y_here,
                            kind,
                            shown,
                            y_there,
                            kind
                        ),
                    )
                };
                out.push(Finding {
                    kind: finding,
                    severity: Severity::Info,
                    region: region.clone(),
                    metric: metric.clone(),
                    year: Some(year + 1),
                    message_zh: zh,
                    message_en: en,
                    evidence: vec![point_evidence(c, p)],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigram_similarity() {
        assert!(
            similarity(
                "实施以助餐功能为主的社区养老服务站500处",
                "建设以助餐功能为主的社区养老服务站500处"
            ) > 0.85
        );
        assert!(similarity("打通城市未贯通道路20条", "改造城镇老旧小区400个以上") < 0.3);
    }

    #[test]
    fn chinese_section_numbers() {
        assert_eq!(cn_num(3), "三");
        assert_eq!(cn_num(12), "十二");
        assert_eq!(cn_num(30), "三十");
    }
}
