//! Word tables: a list of words with a value each, compiled into an
//! anchored longest-match automaton (what word starts or ends here?).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

/// An anchored longest-match word table: what word starts here?
pub struct WordTable<T> {
    ac: AhoCorasick,
    pub(super) values: Vec<T>,
    words: Vec<String>,
}

impl<T> WordTable<T> {
    pub(super) fn new(pairs: Vec<(String, T)>) -> Result<Self, String> {
        let words: Vec<String> = pairs.iter().map(|(w, _)| w.clone()).collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(&words)
            .map_err(|e| e.to_string())?;
        Ok(WordTable {
            ac,
            values: pairs.into_iter().map(|(_, v)| v).collect(),
            words,
        })
    }

    /// The longest word that starts exactly at `text[pos..]`.
    pub fn at(&self, text: &str, pos: usize) -> Option<(&T, usize)> {
        let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
        let m = self.ac.find(input)?;
        Some((&self.values[m.pattern().as_usize()], m.len()))
    }

    /// The longest word that ends exactly at `pos` (looks back up to 8
    /// characters).
    pub fn ending_at(&self, text: &str, pos: usize) -> Option<(&T, usize)> {
        let mut best: Option<(&T, usize)> = None;
        let mut start = pos;
        for _ in 0..8 {
            let Some(c) = text[..start].chars().next_back() else {
                break;
            };
            start -= c.len_utf8();
            if let Some((v, len)) = self.at(text, start) {
                if start + len == pos {
                    best = Some((v, len));
                }
            }
        }
        best
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// True when any word occurs in `text`.
    pub fn any_in(&self, text: &str) -> bool {
        self.ac.is_match(Input::new(text).anchored(Anchored::No))
    }

    /// The value of the last word in `text` (leftmost-longest matches).
    pub fn last_in(&self, text: &str) -> Option<&T> {
        self.ac
            .find_iter(Input::new(text).anchored(Anchored::No))
            .last()
            .map(|m| &self.values[m.pattern().as_usize()])
    }
}

/// A word list as a table of words without values.
pub(super) fn words(list: &[String]) -> Vec<(String, ())> {
    list.iter().map(|w| (w.clone(), ())).collect()
}
