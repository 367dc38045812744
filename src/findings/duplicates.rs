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
    let texts: Vec<&str> = reps.iter().map(|(_, t)| t.as_str()).collect();
    for (a, b, sim) in near_pairs(&texts, min_sim) {
        let (ia, ta) = reps[a];
        let ib = reps[b].0;
        out.push(Finding {
            kind: FindingKind::Duplicate,
            severity: Severity::Info,
            region: d.doc.meta.region.clone(),
            metric: String::new(),
            year: d.doc.meta.year,
            detail: Detail::NearDuplicate {
                doc: d.doc.id.clone(),
                lines: (block_line(d, *ia), block_line(d, ib)),
                similarity: sim,
                head: ta.chars().take(HEAD_CHARS).collect(),
            },
            evidence: vec![block_evidence(d, *ia), block_evidence(d, ib)],
        });
    }
}

/// A text for the near-repeat test: its length in characters and its
/// sorted bigrams.
struct Shape {
    chars: f64,
    grams: Vec<(char, char)>,
}

impl Shape {
    fn of(t: &str) -> Shape {
        Shape {
            chars: t.chars().count() as f64,
            grams: bigrams(t),
        }
    }
}

/// True when `a` and `b` are near repeats: lengths within the ratio, then
/// the bigrams' Dice similarity (returned) at least `min_sim`.
fn near(a: &Shape, b: &Shape, min_sim: f64) -> Option<f64> {
    if a.chars.min(b.chars) / a.chars.max(b.chars) < min_sim {
        return None;
    }
    let sim = dice(&a.grams, &b.grams);
    (sim >= min_sim).then_some(sim)
}

/// Below this many texts every pair is compared: cheaper than an index.
const INDEX_FROM: usize = 200;

/// Near repeats among `texts`, as (earlier, later, similarity): each text
/// is paired with the first earlier one it nearly repeats, so a paragraph
/// repeated n times gives n − 1 findings, not n²/2.
///
/// Candidates come from a prefix-filter index (exact, not sampled): with
/// bigrams taken as a multiset and ordered rarest first, two texts of
/// Dice similarity ≥ s share at least ⌈s·|A|/(2−s)⌉ bigrams, so they
/// share one of the first |A| − that + 1 of each. Only texts sharing such
/// a prefix bigram are compared, earliest first, until one is near.
fn near_pairs(texts: &[&str], min_sim: f64) -> Vec<(usize, usize, f64)> {
    let shapes: Vec<Shape> = texts.iter().map(|t| Shape::of(t)).collect();
    if texts.len() < INDEX_FROM
        || min_sim.is_nan()
        || min_sim <= 0.0
        || shapes.iter().any(|s| s.grams.is_empty())
    {
        return near_pairs_all(&shapes, min_sim);
    }
    // A token is a bigram with its occurrence number in the text (the
    // second 中国 is another token), so set overlap is multiset overlap.
    let tokens = |g: &[(char, char)]| -> Vec<((char, char), u32)> {
        let mut out = Vec::with_capacity(g.len());
        for (k, &b) in g.iter().enumerate() {
            let n = match out.last() {
                Some(&(p, n)) if k > 0 && p == b => n + 1,
                _ => 0,
            };
            out.push((b, n));
        }
        out
    };
    let mut ids: HashMap<((char, char), u32), u32> = HashMap::new();
    let mut freq: Vec<u32> = Vec::new();
    let toks: Vec<Vec<u32>> = shapes
        .iter()
        .map(|s| {
            tokens(&s.grams)
                .into_iter()
                .map(|t| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(t).or_insert(next);
                    if id == next {
                        freq.push(0);
                    }
                    freq[id as usize] += 1;
                    id
                })
                .collect()
        })
        .collect();
    drop(ids);
    let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut seen: Vec<u32> = vec![u32::MAX; texts.len()];
    let mut out = Vec::new();
    for (b, mut tb) in toks.into_iter().enumerate() {
        tb.sort_unstable_by_key(|&t| (freq[t as usize], t));
        let n = tb.len() as f64;
        let overlap = ((min_sim * n / (2.0 - min_sim)) - 1e-9).ceil().max(1.0) as usize;
        let prefix = &tb[..(tb.len() + 1).saturating_sub(overlap).clamp(1, tb.len())];
        // Earlier texts sharing a prefix token, merged in text order.
        let mut heap: std::collections::BinaryHeap<std::cmp::Reverse<(u32, usize, usize)>> = prefix
            .iter()
            .enumerate()
            .filter_map(|(l, t)| {
                let list = postings.get(t)?;
                Some(std::cmp::Reverse((list[0], l, 0)))
            })
            .collect();
        while let Some(std::cmp::Reverse((a, l, k))) = heap.pop() {
            if let Some(&next) = postings.get(&prefix[l]).and_then(|v| v.get(k + 1)) {
                heap.push(std::cmp::Reverse((next, l, k + 1)));
            }
            if seen[a as usize] == b as u32 {
                continue;
            }
            seen[a as usize] = b as u32;
            if let Some(sim) = near(&shapes[a as usize], &shapes[b], min_sim) {
                out.push((a as usize, b, sim));
                break;
            }
        }
        for &t in prefix {
            postings.entry(t).or_default().push(b as u32);
        }
    }
    out
}

/// `near_pairs` by comparing every pair: for few texts, thresholds the
/// index cannot take (zero or below, NaN) and texts without bigrams.
fn near_pairs_all(shapes: &[Shape], min_sim: f64) -> Vec<(usize, usize, f64)> {
    let mut out = Vec::new();
    for b in 0..shapes.len() {
        for a in 0..b {
            if let Some(sim) = near(&shapes[a], &shapes[b], min_sim) {
                out.push((a, b, sim));
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair, the way the check compared them before the index.
    fn brute(texts: &[&str], min_sim: f64) -> Vec<(usize, usize, f64)> {
        let mut out = Vec::new();
        for b in 0..texts.len() {
            let ok = |a: usize| near(&Shape::of(texts[a]), &Shape::of(texts[b]), min_sim);
            if let Some(a) = (0..b).find(|&a| ok(a).is_some()) {
                out.push((a, b, similarity(texts[a], texts[b])));
            }
        }
        out
    }

    #[test]
    fn the_index_finds_what_comparing_every_pair_finds() {
        // Small texts over a small alphabet: many near repeats, repeated
        // bigrams, several candidates per text.
        let mut rng = 7u64;
        let mut next = |n: u64| {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((rng >> 33) % n) as usize
        };
        let alphabet: Vec<char> = "建设改造城镇老旧小区个以上".chars().collect();
        for round in 0..12 {
            let base: Vec<char> = (0..12 + next(10)).map(|_| alphabet[next(13)]).collect();
            let texts: Vec<String> = (0..INDEX_FROM + 40)
                .map(|_| {
                    let mut t = base.clone();
                    for _ in 0..next(4) {
                        let i = next(t.len() as u64);
                        t[i] = alphabet[next(13)];
                    }
                    if next(3) == 0 {
                        t.truncate(t.len() - next(4));
                    }
                    t.into_iter().collect()
                })
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            for s in [0.5, 0.7, 0.85, 0.95, 1.0] {
                assert_eq!(
                    near_pairs(&refs, s),
                    brute(&refs, s),
                    "round {round}, s {s}"
                );
            }
        }
    }

    #[test]
    fn a_paragraph_repeated_n_times_gives_n_minus_one_pairs() {
        let t = "实施以助餐功能为主的社区养老服务站500处";
        let u = "建设以助餐功能为主的社区养老服务站500处";
        let v = "打通城市未贯通道路20条";
        let pairs = |texts: &[&str]| -> Vec<(usize, usize)> {
            near_pairs(texts, 0.85)
                .into_iter()
                .map(|(a, b, _)| (a, b))
                .collect()
        };
        assert_eq!(pairs(&[t, u, t, v, u]), [(0, 1), (0, 2), (0, 4)]);
        // Enough texts for the index: each t and u pairs with the first t,
        // each v with the first v.
        let many: Vec<&str> = (0..INDEX_FROM).flat_map(|_| [t, u, v]).collect();
        let want: Vec<(usize, usize)> = (1..many.len())
            .filter(|&b| b != 2)
            .map(|b| (if many[b] == v { 2 } else { 0 }, b))
            .collect();
        assert_eq!(pairs(&many), want);
    }

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
