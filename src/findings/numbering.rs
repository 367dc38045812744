//! Numbering: items out of order, repeated or missing; a count declared in
//! the title (15件) the items do not reach; section headings (一、 (一))
//! that skip, repeat or start late.

use super::{block_evidence, block_label, fig_evidence, Detail, Evidence, Finding};
use super::{FindingKind, Out, Severity};
use crate::extract::DocExtraction;
use crate::figures::Role;
use crate::marks::FULL_STOP;
use crate::structure::BlockKind;
use std::collections::{BTreeMap, BTreeSet};

/// The longest line read as a list's title when it is not a heading.
const TITLE_CHARS: usize = 60;

/// The unit of a declared count of items: 15件市办实事.
const ITEM_COUNT_UNIT: &str = "件";

/// Numbered headings grouped by (parent heading, level).
type HeadingsByParent = BTreeMap<(Option<usize>, u8), Vec<(usize, u32)>>;

pub(super) fn check(d: &DocExtraction, out: &mut dyn Out) {
    let blocks = &d.outline.blocks;
    let items: Vec<(usize, u32)> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Item)
        .filter_map(|(i, b)| b.number.map(|n| (i, n)))
        .collect();
    let doc = || d.doc.id.clone();
    let mut push = |severity, detail: Detail, evidence: Vec<Evidence>| {
        out.push(Finding {
            kind: FindingKind::Numbering,
            severity,
            region: d.doc.meta.region.clone(),
            metric: String::new(),
            year: d.doc.meta.year,
            detail,
            evidence,
        })
    };
    if !items.is_empty() {
        let label = |i: usize| block_label(d, i);
        // Out of order and repeated numbers.
        let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
        for w in items.windows(2) {
            let ((ia, na), (ib, nb)) = (w[0], w[1]);
            if nb < na {
                push(
                    Severity::Warning,
                    Detail::ItemOutOfOrder {
                        doc: doc(),
                        item: label(ib),
                        after: label(ia),
                    },
                    vec![block_evidence(d, ia), block_evidence(d, ib)],
                );
            }
        }
        for &(i, n) in &items {
            if let Some(&first) = seen.get(&n) {
                push(
                    Severity::Warning,
                    Detail::ItemRepeated {
                        doc: doc(),
                        number: n,
                        item: label(i),
                    },
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
            // Evidence: the items on either side of each gap, each once.
            let mut around = BTreeSet::new();
            for n in &missing {
                around.extend(seen.range(..n).next_back().map(|(_, &i)| i));
                around.extend(seen.range(n..).next().map(|(_, &i)| i));
            }
            let ev = around.into_iter().map(|i| block_evidence(d, i)).collect();
            push(
                Severity::Error,
                Detail::ItemsMissing {
                    doc: doc(),
                    missing,
                    min,
                    max,
                },
                ev,
            );
        }
        // A declared count in a title ("15件市办实事") against the items.
        let first_item = items[0].0;
        for f in d
            .figures
            .iter()
            .filter(|f| f.role == Role::Figure && f.unit == ITEM_COUNT_UNIT)
        {
            let Some(b) = f.block else { continue };
            if b >= first_item {
                continue;
            }
            // Only a list's title or heading declares its count (15件市办实事,
            // 十件民生实事); a count in running text (办理建议7.6万件) does not,
            // nor does anything but a whole number.
            let text = &d.norm.text[blocks[b].start..blocks[b].end];
            let titled = matches!(blocks[b].kind, BlockKind::Heading(_))
                || (text.chars().count() <= TITLE_CHARS && !text.contains(FULL_STOP));
            if !titled || f.value.fract() != 0.0 || f.qualifier != crate::lexicon::Qualifier::Eq {
                continue;
            }
            let declared = f.value as usize;
            let found = seen.len();
            if declared != found || max as usize != declared {
                push(
                    Severity::Error,
                    Detail::DeclaredCount {
                        doc: doc(),
                        declared: f.quote.clone(),
                        found,
                        max,
                    },
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
        if let Some(&(i, n)) = hs.first() {
            if n > 1 {
                push(
                    Severity::Info,
                    Detail::HeadingsStartLate {
                        doc: doc(),
                        level,
                        number: n,
                    },
                    vec![block_evidence(d, i)],
                );
            }
        }
        for w in hs.windows(2) {
            let ((ia, na), (ib, nb)) = (w[0], w[1]);
            if nb != na + 1 {
                let detail = if nb <= na {
                    Detail::HeadingOutOfOrder {
                        doc: doc(),
                        level,
                        number: nb,
                        after: na,
                    }
                } else {
                    Detail::HeadingGap {
                        doc: doc(),
                        level,
                        from: na,
                        to: nb,
                    }
                };
                push(
                    Severity::Warning,
                    detail,
                    vec![block_evidence(d, ia), block_evidence(d, ib)],
                );
            }
        }
    }
}
