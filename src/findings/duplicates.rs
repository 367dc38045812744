//! Duplicates: paragraphs and bullets of one document repeated word for
//! word, or nearly (Dice similarity of character bigrams).

use super::{block_evidence, block_line, Detail, Finding, FindingKind, Out, Severity};
use crate::extract::DocExtraction;
use crate::lexicon::Config;
use crate::marks::BULLETS;
use crate::structure::BlockKind;
use std::collections::{BTreeMap, HashMap};

/// Characters of a repeated paragraph a message quotes.
const HEAD_CHARS: usize = 24;

/// Text of a block for duplicate checks: no bullet marks or spaces.
pub(super) fn dup_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !BULLETS.contains(c))
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

pub(super) fn check(d: &DocExtraction, cfg: &Config, out: &mut dyn Out) {
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
        out.push(Finding {
            kind: FindingKind::Duplicate,
            severity: Severity::Warning,
            region: d.doc.meta.region.clone(),
            metric: String::new(),
            year: d.doc.meta.year,
            detail: Detail::DuplicateParagraph {
                doc: d.doc.id.clone(),
                lines: idx.iter().map(|&i| block_line(d, i)).collect(),
                head: t.chars().take(HEAD_CHARS).collect(),
            },
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
                out.push(Finding {
                    kind: FindingKind::Duplicate,
                    severity: Severity::Info,
                    region: d.doc.meta.region.clone(),
                    metric: String::new(),
                    year: d.doc.meta.year,
                    detail: Detail::NearDuplicate {
                        doc: d.doc.id.clone(),
                        lines: (block_line(d, *ia), block_line(d, *ib)),
                        similarity: sim,
                        head: ta.chars().take(HEAD_CHARS).collect(),
                    },
                    evidence: vec![block_evidence(d, *ia), block_evidence(d, *ib)],
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
}
