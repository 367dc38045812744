//! Structure: takes normalised text, gives its outline: one `Block` per
//! non-empty line, typed as a heading (一、 (一) ## or a short title line),
//! a numbered item (1. 第1件 第一件), a bullet (●) or a paragraph, each
//! knowing its enclosing section and item.

use crate::numbers::{is_cn_numeral_char, parse_numeral};

use crate::marks::{BULLETS, FULL_STOP, LIST_COMMA, ORDINAL};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A section heading; level 1 for 一、, 2 for (一), 3 for a title line.
    Heading(u8),
    /// A numbered item: "1.xxx" (number and text on one line) or a
    /// "第1件" line whose text follows.
    Item,
    Bullet,
    Paragraph,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte span of the line in the normalised text (no line break).
    pub start: usize,
    pub end: usize,
    /// Item or section number when the line carries one.
    pub number: Option<u32>,
    /// Index of the innermost heading block above, if any.
    pub section: Option<usize>,
    /// Index of the item block this line belongs to, if any.
    pub item: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub blocks: Vec<Block>,
}

impl Outline {
    /// The block holding byte `pos`, if any.
    pub fn block_at(&self, pos: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.start <= pos);
        if i == 0 {
            return None;
        }
        let b = &self.blocks[i - 1];
        (pos <= b.end).then_some(i - 1)
    }

    /// Headings enclosing block `i`, innermost first.
    pub fn heading_chain(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.blocks[i].section;
        let mut guard = 0;
        while let Some(h) = cur {
            out.push(h);
            cur = self.blocks[h].section;
            guard += 1;
            if guard > 16 {
                break;
            }
        }
        out
    }
}

/// Section marker at line start: "一、" (level 1) or "(一)" (level 2).
fn section_marker(line: &str) -> Option<(u8, u32)> {
    if let Some(rest) = line.strip_prefix('(') {
        let inner: String = rest.chars().take_while(|&c| c != ')').collect();
        if !inner.is_empty()
            && inner.chars().count() <= 3
            && inner.chars().all(is_cn_numeral_char)
            && rest[inner.len()..].starts_with(')')
        {
            return parse_numeral(&inner).map(|n| (2, n as u32));
        }
        return None;
    }
    let num: String = line
        .chars()
        .take_while(|&c| is_cn_numeral_char(c))
        .collect();
    if !num.is_empty() && num.chars().count() <= 3 && line[num.len()..].starts_with(LIST_COMMA) {
        return parse_numeral(&num).map(|n| (1, n as u32));
    }
    None
}

/// Item marker at line start: "12." / "12、" with text, or a line that is
/// only "第12件" / "第十二件".
fn item_marker(line: &str) -> Option<u32> {
    let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && digits.len() <= 3 {
        let rest = &line[digits.len()..];
        if let Some(mark @ ('.' | LIST_COMMA)) = rest.chars().next() {
            if rest[mark.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            return digits.parse().ok();
        }
    }
    let rest = line.strip_prefix(ORDINAL)?;
    let num: String = rest
        .chars()
        .take_while(|&c| c.is_ascii_digit() || is_cn_numeral_char(c))
        .collect();
    if num.is_empty() {
        return None;
    }
    let tail = rest[num.len()..].trim();
    if crate::marks::ITEM_COUNTERS.contains(&tail.strip_suffix(':').unwrap_or(tail)) {
        return parse_numeral(&num).map(|n| n as u32);
    }
    None
}

/// The number of a line that opens "N." or "N、" (any digits after it).
fn leading_number(line: &str) -> Option<u32> {
    let line = line.trim_start();
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 || !line[digits..].starts_with(['.', LIST_COMMA]) {
        return None;
    }
    line[..digits].parse().ok()
}

/// "3.10种有色金属…" at a line start (the source wrote 3．10种): "3." is
/// an item number when the list around it goes 2., 3., 4. — a decimal
/// never has such neighbours. Gives the number and the marker's length.
pub fn sequence_marker(text: &str, pos: usize) -> Option<(u32, usize)> {
    let end = text[pos..].find('\n').map_or(text.len(), |e| pos + e);
    let line = &text[pos..end];
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 || !line[digits..].starts_with('.') {
        return None;
    }
    if !line[digits + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let n: u32 = line[..digits].parse().ok()?;
    let prev = text[..pos]
        .trim_end()
        .rsplit('\n')
        .find(|l| !l.trim().is_empty())
        .and_then(leading_number);
    let next = text[end..]
        .split('\n')
        .find(|l| !l.trim().is_empty())
        .and_then(leading_number);
    (prev == Some(n.wrapping_sub(1)) || next == Some(n + 1)).then_some((n, digits + 1))
}

fn is_bullet(line: &str) -> bool {
    line.starts_with(BULLETS)
}

/// A short line with no sentence punctuation reads as a title.
fn is_title(line: &str) -> bool {
    let n = line.chars().count();
    n <= 40 && !line.contains([FULL_STOP, ';', ',']) && !line.ends_with(':')
}

/// Builds the outline of normalised text.
pub fn outline(text: &str) -> Outline {
    let mut blocks: Vec<Block> = Vec::new();
    // Current heading per level (1..=3) and current item.
    let mut heads: [Option<usize>; 4] = [None; 4];
    let mut item: Option<usize> = None;
    let mut pos = 0;
    for raw in text.split('\n') {
        let line_start = pos;
        pos += raw.len() + 1;
        let lead = raw.len() - raw.trim_start().len();
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let start = line_start + lead;
        let end = start + line.len();
        let innermost =
            |heads: &[Option<usize>; 4], upto: usize| (1..=upto).rev().find_map(|l| heads[l]);
        let idx = blocks.len();
        // Markdown headings: the marks were dropped by normalisation, but
        // text given straight to the outline may still carry them.
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let line = line[hashes..].trim_start();
        let (kind, number) = if let Some((level, n)) = section_marker(line) {
            (BlockKind::Heading(level), Some(n))
        } else if hashes > 0 {
            (BlockKind::Heading((hashes as u8).min(3)), None)
        } else if let Some((level, n)) = section_marker(line) {
            (BlockKind::Heading(level), Some(n))
        } else if let Some(n) = item_marker(line) {
            (BlockKind::Item, Some(n))
        } else if let Some((n, _)) = sequence_marker(text, start) {
            (BlockKind::Item, Some(n))
        } else if is_bullet(line) {
            (BlockKind::Bullet, None)
        } else if is_title(line) {
            (BlockKind::Heading(3), None)
        } else {
            (BlockKind::Paragraph, None)
        };
        let section = match kind {
            BlockKind::Heading(level) => innermost(&heads, level as usize - 1),
            _ => innermost(&heads, 3),
        };
        match kind {
            BlockKind::Heading(level) => {
                heads[level as usize] = Some(idx);
                for h in heads.iter_mut().skip(level as usize + 1) {
                    *h = None;
                }
                // A title line inside an item list ("第3件" blocks) does not
                // end the item; a numbered heading does.
                if level < 3 {
                    item = None;
                }
            }
            BlockKind::Item => item = Some(idx),
            _ => {}
        }
        let this_item = match kind {
            BlockKind::Heading(_) => None,
            _ => item,
        };
        blocks.push(Block {
            kind,
            start,
            end,
            number,
            section,
            item: this_item,
        });
    }
    Outline { blocks }
}

/// Longest stretch (bytes) looked at on either side of a position for its
/// sentence: a document converted without punctuation must not make every
/// figure's sentence the whole document.
const SENTENCE_REACH: usize = 600;

/// Byte span of the sentence around `pos` inside `[lo, hi)`: bounded by
/// 。!? and line ends, and by `SENTENCE_REACH` on each side.
pub fn sentence_span(text: &str, lo: usize, hi: usize, pos: usize) -> (usize, usize) {
    let is_end = |c: char| c == FULL_STOP || matches!(c, '!' | '?' | '\n');
    let floor = |mut p: usize| {
        while !text.is_char_boundary(p) {
            p -= 1;
        }
        p
    };
    let lo = lo.max(floor(pos.saturating_sub(SENTENCE_REACH)));
    let hi = hi.min(floor((pos + SENTENCE_REACH).min(text.len())));
    let mut s = pos.min(hi);
    while s > lo {
        let Some(c) = text[..s].chars().next_back() else {
            break;
        };
        if is_end(c) {
            break;
        }
        s -= c.len_utf8();
    }
    let mut e = pos.min(hi);
    for (off, c) in text[e..hi].char_indices() {
        if is_end(c) {
            e += off + c.len_utf8();
            return (s, e.min(hi));
        }
    }
    e = hi;
    (s, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_number_stays_one_before_a_number() {
        let t = "1.推进钢铁产业。\n2.推进石化产业。\n3.10种有色金属产量增长5%。\n4.推进建材产业。";
        let o = outline(t);
        let items: Vec<u32> = o
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Item)
            .filter_map(|b| b.number)
            .collect();
        assert_eq!(items, vec![1, 2, 3, 4]);
        // A decimal alone on its line is not an item.
        assert_eq!(sequence_marker("增长\n3.10%\n完成", 7), None);
    }

    #[test]
    fn outlines_items_bullets_sections() {
        let t = "2024年青岛15件市办实事发布\n\n第1件\n\n实现城镇新增就业35万人。\n\n●实现城镇新增就业35万人。\n\n第3件\n\n一、实施创新\n1.建设崂山实验室。\n(二)推进";
        let o = outline(t);
        let kinds: Vec<_> = o.blocks.iter().map(|b| (b.kind, b.number)).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Heading(3), None),
                (BlockKind::Item, Some(1)),
                (BlockKind::Paragraph, None),
                (BlockKind::Bullet, None),
                (BlockKind::Item, Some(3)),
                (BlockKind::Heading(1), Some(1)),
                (BlockKind::Item, Some(1)),
                (BlockKind::Heading(2), Some(2)),
            ]
        );
        assert_eq!(o.blocks[3].item, Some(1));
        assert_eq!(o.blocks[6].section, Some(5));
        assert_eq!(o.blocks[7].section, Some(5));
        let p = t.find("35万").unwrap();
        assert_eq!(o.block_at(p), Some(2));
    }

    #[test]
    fn sentences() {
        let t = "甲。新增100个,完成50%。乙";
        let p = t.find("100").unwrap();
        let (s, e) = sentence_span(t, 0, t.len(), p);
        assert_eq!(&t[s..e], "新增100个,完成50%。");
    }
}
