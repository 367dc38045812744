//! Extraction on the seeds against the hand-labelled gold, scored the way
//! ../shared/tools/score_facts.py scores it: a gold mention is found when a
//! figure overlaps the quote and has the gold value; traps must not be
//! overlapped by any figure.

use std::collections::BTreeMap;
use std::path::PathBuf;
use yoy::corpus;
use yoy::extract::{extract_all, Figure};
use yoy::figures::Role;
use yoy::lexicon::Lexicon;

fn seeds() -> Vec<Figure> {
    let lx = Lexicon::load(None).unwrap();
    let c = corpus::load(&[PathBuf::from("seeds")], true).unwrap();
    extract_all(c.documents, &lx)
        .into_iter()
        .flat_map(|d| d.figures)
        .filter(|f| f.role == Role::Figure)
        .collect()
}

fn tsv(path: &str) -> Vec<BTreeMap<String, String>> {
    let raw = std::fs::read_to_string(path).unwrap();
    let mut lines = raw.lines();
    let head: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            head.iter()
                .map(|h| h.to_string())
                .zip(l.split('\t').map(String::from))
                .collect()
        })
        .collect()
}

/// Byte spans of every occurrence of `quote` (or of `needle` in it).
fn spans(text: &str, quote: &str, needle: Option<&str>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find(quote) {
        let s = from + p;
        let (a, len) = match needle {
            Some(n) => (s + quote.find(n).unwrap(), n.len()),
            None => (s, quote.len()),
        };
        out.push((a, a + len));
        from = s + quote.chars().next().unwrap().len_utf8();
    }
    out
}

#[test]
fn gold_scores() {
    let figs = seeds();
    let gold = tsv("tests/fixtures/seeds_gold.tsv");
    let mut mentions = 0;
    let mut found: Vec<(usize, String, String)> = Vec::new();
    let mut year_kind_ok = 0;
    let mut misses = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let text = std::fs::read_to_string(format!("seeds/{}", g["doc"])).unwrap();
        let gv: f64 = g["value"].parse().unwrap();
        for (s, e) in spans(&text, &g["quote"], None) {
            mentions += 1;
            let hit = figs.iter().find(|f| {
                f.doc == g["doc"]
                    && f.start < e
                    && f.end > s
                    && (f.value - gv).abs() <= 1e-9 * gv.abs().max(1.0)
            });
            match hit {
                Some(f) => {
                    let ok = f.year.map(|y| y.to_string()).as_deref() == Some(g["year"].as_str())
                        && f.kind.map(|k| k.as_str()) == Some(g["kind"].as_str());
                    year_kind_ok += ok as usize;
                    found.push((gi, g["metric"].clone(), f.metric.clone()));
                }
                None => misses.push(format!("{} {}", g["doc"], g["quote"])),
            }
        }
    }
    let (mut same_gold, mut same_pred, mut both) = (0, 0, 0);
    for (i, a) in found.iter().enumerate() {
        for b in &found[i + 1..] {
            if a.0 == b.0 {
                continue;
            }
            if a.1 == b.1 {
                same_gold += 1;
                both += (a.2 == b.2 && !a.2.is_empty()) as usize;
            }
            if a.2 == b.2 && !a.2.is_empty() {
                same_pred += 1;
            }
        }
    }
    let recall = found.len() as f64 / mentions as f64;
    let year_kind = year_kind_ok as f64 / found.len() as f64;
    let join_recall = both as f64 / same_gold.max(1) as f64;
    let join_prec = both as f64 / same_pred.max(1) as f64;
    eprintln!("recall={recall:.3} year_kind={year_kind:.3} join_recall={join_recall:.3} join_prec={join_prec:.3}");
    assert!(recall >= 0.97, "recall {recall}; missed: {misses:?}");
    assert!(year_kind >= 0.95, "year_kind {year_kind}");
    assert!(join_recall >= 0.95, "join_recall {join_recall}");
    assert!(join_prec >= 0.95, "join_prec {join_prec}");

    let mut trap_hits = Vec::new();
    for t in tsv("tests/fixtures/seeds_traps.tsv") {
        let text = std::fs::read_to_string(format!("seeds/{}", t["doc"])).unwrap();
        for (s, e) in spans(&text, &t["quote"], Some(&t["needle"])) {
            if figs
                .iter()
                .any(|f| f.doc == t["doc"] && f.start < e && f.end > s)
            {
                trap_hits.push(format!("{} ({})", t["quote"], t["reason"]));
            }
        }
    }
    assert!(trap_hits.is_empty(), "figures on traps: {trap_hits:?}");
}

/// Every Arabic digit in the seeds belongs to a figure or a classified
/// non-figure: nothing is silently dropped.
#[test]
fn every_digit_is_accounted_for() {
    let lx = Lexicon::load(None).unwrap();
    let c = corpus::load(&[PathBuf::from("seeds")], true).unwrap();
    for d in extract_all(c.documents, &lx) {
        let mut covered = vec![false; d.doc.text.len()];
        for f in &d.figures {
            for c in covered.iter_mut().take(f.end).skip(f.start) {
                *c = true;
            }
        }
        for (i, ch) in d.doc.text.char_indices() {
            if ch.is_ascii_digit() || ('０'..='９').contains(&ch) {
                let mut a = i.saturating_sub(12);
                while !d.doc.text.is_char_boundary(a) {
                    a -= 1;
                }
                let ctx: String = d.doc.text[a..].chars().take(10).collect();
                assert!(
                    covered[i],
                    "{}: digit at byte {i} not classified: …{ctx}…",
                    d.doc.id
                );
            }
        }
    }
}

/// Offsets are byte offsets of the decoded text and the quote is the text
/// there.
#[test]
fn quotes_match_offsets() {
    for f in seeds() {
        let text = std::fs::read_to_string(format!("seeds/{}", f.doc)).unwrap();
        assert_eq!(&text[f.start..f.end], f.quote);
        assert!(f.line >= 1);
    }
}
