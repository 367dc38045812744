//! Misplaced: a bullet filed under one item whose figures (or, without
//! figures, whose subject) belong to another item's headline, or to none.

use super::duplicates::dup_text;
use super::{block_evidence, block_label, fig_evidence, same_figure, Detail, Finding};
use super::{FindingKind, Out, Severity};
use crate::extract::{DocExtraction, Figure};
use crate::figures::Role;
use crate::lexicon::Lexicon;
use crate::marks::FULL_STOP;
use crate::structure::BlockKind;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Characters of a bullet a message quotes.
const HEAD_CHARS: usize = 20;

/// A bullet's first sentence restates its item when it is at most this
/// many characters long; a longer one is detail.
const RESTATEMENT_CHARS: usize = 60;

/// An item line longer than this carries its headline on the same line
/// ("1.建设…").
const INLINE_HEADLINE_CHARS: usize = 12;

/// A headline figure with its item and its place among the item's
/// headline figures.
type Placed<'a> = (usize, usize, &'a Figure);

/// Per item: the figures of its headline (the first paragraph after the
/// item marker).
fn headlines(d: &DocExtraction) -> BTreeMap<usize, Vec<&Figure>> {
    let mut head_block: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, b) in d.outline.blocks.iter().enumerate() {
        if let Some(item) = b.item {
            if b.kind == BlockKind::Paragraph && !head_block.contains_key(&item) {
                head_block.insert(item, i);
            }
            if b.kind == BlockKind::Item && item == i {
                let line = &d.norm.text[b.start..b.end];
                if line.chars().count() > INLINE_HEADLINE_CHARS {
                    head_block.insert(item, i);
                }
            }
        }
    }
    // Items by their headline block, so that each figure finds its items
    // without a pass over all of them.
    let mut items_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (&item, &hb) in &head_block {
        items_of.entry(hb).or_default().push(item);
    }
    let mut out: BTreeMap<usize, Vec<&Figure>> = BTreeMap::new();
    for f in d.figures.iter().filter(|f| f.role == Role::Figure) {
        if let Some(items) = f.block.and_then(|b| items_of.get(&b)) {
            for &item in items {
                out.entry(item).or_default().push(f);
            }
        }
    }
    for item in head_block.keys() {
        out.entry(*item).or_default();
    }
    out
}

pub(super) fn check(d: &DocExtraction, lx: &Lexicon, out: &mut dyn Out) {
    let heads = headlines(d);
    if heads.is_empty() {
        return;
    }
    let label = |i: usize| block_label(d, i);
    // Each block's figures, in document order (not a pass over every
    // figure per bullet).
    let mut figs_of: HashMap<usize, Vec<&Figure>> = HashMap::new();
    for f in d.figures.iter().filter(|f| f.role == Role::Figure) {
        if let Some(b) = f.block {
            figs_of.entry(b).or_default().push(f);
        }
    }
    // The headlines' figures by metric and unit, in item order: where a
    // bullet's figure can be the same as another item's.
    let mut head_figs: HashMap<(&str, &str), Vec<Placed>> = HashMap::new();
    for (&i, hs) in &heads {
        for (k, &h) in hs.iter().enumerate() {
            head_figs
                .entry((h.metric.as_str(), h.unit.as_str()))
                .or_default()
                .push((i, k, h));
        }
    }
    // Per metric, each item's first headline figure of it (items in
    // order): where a bullet's topic is named.
    let mut topic: HashMap<&str, Vec<Placed>> = HashMap::new();
    for (&i, hs) in &heads {
        for (k, &h) in hs.iter().enumerate() {
            let list = topic.entry(h.metric.as_str()).or_default();
            if list.last().is_none_or(|&(li, _, _)| li != i) {
                list.push((i, k, h));
            }
        }
    }
    for (bi, b) in d.outline.blocks.iter().enumerate() {
        if b.kind != BlockKind::Bullet {
            continue;
        }
        let Some(item) = b.item else { continue };
        // A bullet restates its item in a short first sentence
        // (●改造城镇老旧小区400个以上。); later sentences add detail.
        let line = &d.norm.text[b.start..b.end];
        let first_end = line.find(FULL_STOP).map(|p| b.start + p).unwrap_or(b.end);
        let short = d.norm.text[b.start..first_end].chars().count() <= RESTATEMENT_CHARS;
        let (src_first_end, _) = d.source_span(first_end, first_end + 1);
        let figs: Vec<&Figure> = figs_of
            .get(&bi)
            .into_iter()
            .flatten()
            .copied()
            .filter(|f| short && f.start < src_first_end)
            .collect();
        if figs.is_empty() {
            by_topic(d, lx, &heads, &topic, bi, item, out);
            continue;
        }
        let own = heads.get(&item).cloned().unwrap_or_default();
        if figs.iter().any(|f| own.iter().any(|h| same_figure(f, h))) {
            continue;
        }
        // The first other item's headline figure (items in order, then
        // figures in order) that states one of the bullet's.
        let elsewhere: Option<(usize, &Figure)> = figs
            .iter()
            .filter_map(|f| {
                let list = head_figs.get(&(f.metric.as_str(), f.unit.as_str()))?;
                list.iter()
                    .find(|(i, _, h)| *i != item && same_figure(f, h))
            })
            .min_by_key(|&&(i, k, _)| (i, k))
            .map(|&(i, _, h)| (i, h));
        let bullet: String = dup_text(&d.norm.text[b.start..b.end])
            .chars()
            .take(HEAD_CHARS)
            .collect();
        let finding = |detail, evidence| Finding {
            kind: FindingKind::Misplaced,
            severity: Severity::Warning,
            region: d.doc.meta.region.clone(),
            metric: figs[0].metric.clone(),
            year: figs[0].year,
            detail,
            evidence,
        };
        if let Some((other, h)) = elsewhere {
            out.push(finding(
                Detail::MisplacedFigures {
                    doc: d.doc.id.clone(),
                    bullet,
                    under: label(item),
                    belongs: label(other),
                },
                vec![block_evidence(d, bi), fig_evidence(h)],
            ));
        } else if !own.is_empty() {
            out.push(finding(
                Detail::OrphanBullet {
                    doc: d.doc.id.clone(),
                    bullet,
                    under: label(item),
                },
                vec![block_evidence(d, bi)],
            ));
        }
    }
}

/// A bullet without figures, filed by its topic: the metrics its opening
/// clause names (●通过打造规范化农贸市场,…) against the items' headlines.
#[allow(clippy::too_many_arguments)]
fn by_topic(
    d: &DocExtraction,
    lx: &Lexicon,
    heads: &BTreeMap<usize, Vec<&Figure>>,
    topic: &HashMap<&str, Vec<Placed>>,
    bi: usize,
    item: usize,
    out: &mut dyn Out,
) {
    let b = &d.outline.blocks[bi];
    let line = &d.norm.text[b.start..b.end];
    let clause = &line[..line.find([',', ';', FULL_STOP]).unwrap_or(line.len())];
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
    // The first other item naming one of them, and its first such figure.
    let Some((other, _, h)) = named
        .iter()
        .filter_map(|m| topic.get(m)?.iter().find(|(i, _, _)| *i != item))
        .min_by_key(|&&(i, k, _)| (i, k))
        .copied()
    else {
        return;
    };
    out.push(Finding {
        kind: FindingKind::Misplaced,
        severity: Severity::Warning,
        region: d.doc.meta.region.clone(),
        metric: h.metric.clone(),
        year: h.year,
        detail: Detail::MisplacedTopic {
            doc: d.doc.id.clone(),
            bullet: dup_text(line).chars().take(HEAD_CHARS).collect(),
            under: block_label(d, item),
            belongs: block_label(d, other),
        },
        evidence: vec![block_evidence(d, bi), fig_evidence(h)],
    });
}
