//! Text: takes a document's decoded text, gives normalised text plus a map
//! from every normalised byte back to the decoded text.
//!
//! Normalisation folds full-width digits, letters and punctuation to ASCII,
//! turns CRLF and a lone CR into LF, drops characters that carry no text
//! (zero-width, direction marks), joins digit groups (6 000), drops markup (HTML tags, script and style bodies,
//! markdown emphasis and heading marks), decodes HTML entities, and joins
//! lines that a converter broke in the middle of a sentence. Every later
//! stage works on the normalised text; spans go back through `Normalized`.

use crate::marks;

/// Normalised text and its way back to the decoded text.
///
/// The map is a list of segments. In an identity segment every normalised
/// byte sits at a fixed distance from its source byte (text copied as it
/// was, the common case); a replacement segment is one normalised character
/// standing for a source stretch of another length (３ for 3, an entity, a
/// CRLF). Memory and work are per change, not per byte.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    segs: Vec<Seg>,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    /// First normalised byte of the segment.
    norm: u32,
    /// Decoded-text byte it comes from.
    src: u32,
    /// For a replacement: the source length; 0 marks an identity segment.
    src_len: u32,
}

impl Normalized {
    fn seg_at(&self, pos: usize) -> usize {
        self.segs
            .partition_point(|s| s.norm as usize <= pos)
            .saturating_sub(1)
    }

    /// Source byte where the normalised character at `pos` starts.
    fn map_start(&self, pos: usize) -> usize {
        let sg = self.segs[self.seg_at(pos)];
        if sg.src_len == 0 {
            sg.src as usize + (pos - sg.norm as usize)
        } else {
            sg.src as usize
        }
    }

    /// Source byte where the normalised character ending at `end` ends.
    fn map_end(&self, end: usize) -> usize {
        let sg = self.segs[self.seg_at(end - 1)];
        if sg.src_len == 0 {
            sg.src as usize + (end - sg.norm as usize)
        } else {
            (sg.src + sg.src_len) as usize
        }
    }

    /// Maps a normalised byte span back to a decoded-text byte span.
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.text.is_empty() || self.segs.is_empty() {
            return (0, 0);
        }
        let s = start.min(self.text.len() - 1);
        let e = end.clamp(s + 1, self.text.len());
        (self.map_start(s), self.map_end(e))
    }
}

/// Builds normalised text, recording where each piece came from.
struct Builder {
    text: String,
    segs: Vec<Seg>,
    /// Source byte that would continue the current identity segment.
    next_src: Option<usize>,
}

impl Builder {
    fn with_capacity(n: usize) -> Self {
        Builder {
            text: String::with_capacity(n),
            segs: Vec::new(),
            next_src: None,
        }
    }

    /// Appends `s`, which stands for the source bytes `[src_start,
    /// src_end)`: copied text when the lengths agree, a replacement
    /// otherwise.
    fn push_str(&mut self, s: &str, src_start: usize, src_end: usize) {
        if s.is_empty() {
            return;
        }
        if src_end - src_start == s.len() {
            if self.next_src != Some(src_start) {
                self.segs.push(Seg {
                    norm: self.text.len() as u32,
                    src: src_start as u32,
                    src_len: 0,
                });
            }
            self.next_src = Some(src_end);
        } else {
            self.segs.push(Seg {
                norm: self.text.len() as u32,
                src: src_start as u32,
                src_len: (src_end - src_start).max(1) as u32,
            });
            self.next_src = None;
        }
        self.text.push_str(s);
    }

    fn push(&mut self, c: char, src_start: usize, src_end: usize) {
        let mut buf = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buf), src_start, src_end);
    }

    /// Appends `from.text[a..b]` with its mapping.
    fn copy_range(&mut self, from: &Normalized, a: usize, b: usize) {
        let mut p = a;
        let mut k = from.seg_at(a);
        while p < b {
            let sg = from.segs[k];
            let seg_end = from
                .segs
                .get(k + 1)
                .map_or(from.text.len(), |n| n.norm as usize);
            let q = seg_end.min(b);
            if sg.src_len == 0 {
                let src = sg.src as usize + (p - sg.norm as usize);
                self.push_str(&from.text[p..q], src, src + (q - p));
            } else {
                self.push_str(
                    &from.text[p..q],
                    sg.src as usize,
                    (sg.src + sg.src_len) as usize,
                );
            }
            p = q;
            k += 1;
        }
    }

    fn finish(self) -> Normalized {
        Normalized {
            text: self.text,
            segs: self.segs,
        }
    }
}

/// Full-width forms and the compatibility digits to ASCII; ideographic, no-break and thin spaces to
/// space. Chinese
/// punctuation with no ASCII twin (、。“”《》) is kept.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        // Mathematical (bold, double-struck, sans-serif, monospace) and
        // segmented digits: Unicode's compatibility forms of 0–9, which
        // would otherwise hide a figure.
        '\u{1D7CE}'..='\u{1D7FF}' => char::from_digit((c as u32 - 0x1D7CE) % 10, 10).unwrap_or(c),
        '\u{1FBF0}'..='\u{1FBF9}' => char::from_digit(c as u32 - 0x1FBF0, 10).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2007}' | '\u{2008}' | '\u{2009}' | '\u{202F}' => ' ',
        '\u{301C}' => '~',
        '\u{2014}' | '\u{2015}' | '\u{2013}' => marks::DASH,
        _ => c,
    }
}

const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("mdash", '—'),
    ("ndash", '—'),
    ("middot", '·'),
    ("hellip", '…'),
    ("times", '×'),
    ("yen", '¥'),
];

/// Decodes an entity at `s` (which starts with '&'); returns the character
/// and the entity's byte length.
pub(crate) fn decode_entity(s: &str) -> Option<(char, usize)> {
    // Bytes, not a str slice: the 12th byte may fall inside a character.
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(v)?
    } else {
        ENTITIES.iter().find(|(n, _)| *n == body)?.1
    };
    Some((c, semi + 1))
}

/// Elements that end a line of text, in an HTML page (read/html.rs) and
/// in markup left inside a text file (table cells break lines there too).
pub const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "title",
    "header",
    "footer",
    "nav",
    "aside",
    "blockquote",
    "pre",
    "hr",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "center",
    "body",
    "form",
];

/// If `s` starts with an HTML tag, returns (tag name lower-case, is_closing,
/// byte length of the tag). Only real tag syntax counts, so "<5%" or "《" is
/// left alone.
pub(crate) fn read_tag(s: &str) -> Option<(String, bool, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'<') {
        return None;
    }
    if s.starts_with("<!--") {
        let end = s.find("-->")? + 3;
        return Some(("!--".into(), false, end));
    }
    let mut i = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    if b.get(i) == Some(&b'!') {
        let end = s.find('>')? + 1;
        return Some(("!".into(), false, end));
    }
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric()) {
        i += 1;
    }
    if i == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    // Tag ends at the first '>' outside quotes; give up on absurdly long tags.
    let mut quote: Option<u8> = None;
    while i < b.len() && i < 4096 {
        match (quote, b[i]) {
            (None, b'>') => return Some((name, closing, i + 1)),
            (None, b'"') | (None, b'\'') => quote = Some(b[i]),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// True when the text looks like an HTML page rather than text with a few
/// inline tags.
pub fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
}

/// Characters that carry no text and are dropped before numbers are read:
/// zero-width spaces and joiners, direction marks and embeddings, word
/// joiners and invisible operators, a byte-order mark inside the text,
/// the soft hyphen, the combining grapheme joiner, variation selectors,
/// tag characters and the keycap mark (3️⃣). Copied
/// from web pages and chat apps they sit inside numbers (3\u{200b}5万人,
/// 60\u{200d}00个) and between a number and its unit, where they would
/// split one figure into two or cut it off its unit; dropped, the
/// figure's span still covers them in the source.
const INVISIBLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{2069}'),
    ('\u{20E3}', '\u{20E3}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{E0000}', '\u{E007F}'),
    ('\u{E0100}', '\u{E01EF}'),
];

/// True for a character of `INVISIBLE`.
pub fn is_invisible(c: char) -> bool {
    // Most text is below the first of them: one comparison.
    (c as u32) >= 0xAD && INVISIBLE.iter().any(|&(a, b)| (a..=b).contains(&c))
}

/// Characters typeset between digit groups (6 000, 1 234 567): the
/// ordinary, no-break, thin, narrow no-break, figure and punctuation
/// spaces. One of them joins groups only where the reading is
/// unambiguous (see `group_separators`).
const GROUP_SEPARATORS: &[char] = &[
    ' ', '\u{00A0}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{202F}',
];

/// Most digit groups one number has: 6 make 10^21, more than any amount
/// written in digit groups.
const MAX_GROUPS: usize = 6;

/// The byte offsets (in `rest`, which starts with the first digit of a
/// run) of the separators inside a number written in digit groups: a lead
/// of one to three digits, then groups of exactly three, each after one
/// and the same separator, and no digit or further separated digit after
/// the last group. "6 000个" and "1 234 567" are one number; "2024 2025"
/// (a four-digit lead), "3 14" and "1 000 0000" are not.
fn group_separators(rest: &str) -> Vec<usize> {
    let digit = |c: char| fold_char(c).is_ascii_digit();
    let mut it = rest.char_indices().peekable();
    let mut lead = 0;
    while let Some(&(_, c)) = it.peek() {
        if !digit(c) {
            break;
        }
        lead += 1;
        it.next();
    }
    if !(1..=3).contains(&lead) {
        return Vec::new();
    }
    let mut seps = Vec::new();
    let mut sep_char = None;
    while let Some(&(at, s)) = it.peek() {
        if !GROUP_SEPARATORS.contains(&s) || sep_char.is_some_and(|x| x != s) {
            break;
        }
        // Longer chains are tables of numbers, not one; the cap also keeps
        // a chain from being rescanned from each of its groups.
        if seps.len() == MAX_GROUPS {
            return Vec::new();
        }
        let mut look = it.clone();
        look.next();
        let mut n = 0;
        while look.peek().is_some_and(|&(_, c)| digit(c)) {
            n += 1;
            look.next();
        }
        if n == 0 {
            break;
        }
        if n != 3 {
            return Vec::new();
        }
        sep_char = Some(s);
        seps.push(at);
        it = look;
    }
    // A separated digit run after the last group ("1 234 56"): a list,
    // not one number.
    if let Some(&(_, s)) = it.peek() {
        let mut look = it.clone();
        look.next();
        if GROUP_SEPARATORS.contains(&s) && look.peek().is_some_and(|&(_, c)| digit(c)) {
            return Vec::new();
        }
    }
    seps
}

/// First pass: markup out, characters folded, CRLF and lone CR to LF,
/// invisible characters dropped, digit groups joined.
fn strip_and_fold(src: &str) -> Normalized {
    let mut out = Builder::with_capacity(src.len());
    let mut i = 0;
    let mut line_start = true;
    // Source offsets of separators between digit groups still ahead.
    let mut joins: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    while i < src.len() {
        let rest = &src[i..];
        let c = match rest.chars().next() {
            Some(c) => c,
            None => break,
        };
        if is_invisible(c) {
            i += c.len_utf8();
            continue;
        }
        if joins.front() == Some(&i) {
            joins.pop_front();
            i += c.len_utf8();
            continue;
        }
        if joins.is_empty()
            && fold_char(c).is_ascii_digit()
            && !out
                .text
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit() || matches!(p, '.' | ','))
        {
            joins.extend(group_separators(rest).into_iter().map(|p| i + p));
        }
        if c == '<' {
            if let Some((name, closing, len)) = read_tag(rest) {
                if !closing && (name == "script" || name == "style") {
                    // Skip the body up to the matching end tag.
                    let close = format!("</{name}");
                    let lower = rest.to_ascii_lowercase();
                    let skip = lower[len..]
                        .find(&close)
                        .map(|p| len + p)
                        .unwrap_or(rest.len());
                    let end = rest[skip..]
                        .find('>')
                        .map(|p| skip + p + 1)
                        .unwrap_or(rest.len());
                    i += end;
                    continue;
                }
                if (BLOCK_TAGS.contains(&name.as_str()) || matches!(name.as_str(), "td" | "th"))
                    && !line_start
                {
                    out.push('\n', i, i + len);
                    line_start = true;
                }
                i += len;
                continue;
            }
        }
        if c == '&' {
            if let Some((d, len)) = decode_entity(rest) {
                let d = fold_char(d);
                out.push(d, i, i + len);
                line_start = d == '\n';
                i += len;
                continue;
            }
        }
        if c == '\r' {
            let len = if rest.starts_with("\r\n") { 2 } else { 1 };
            out.push('\n', i, i + len);
            line_start = true;
            i += len;
            continue;
        }
        // Markdown emphasis and heading marks carry no text.
        if rest.starts_with("**") || rest.starts_with("__") {
            i += 2;
            continue;
        }
        if line_start && c == '#' {
            let hashes = rest.bytes().take_while(|&b| b == b'#').count();
            if hashes <= 6 && rest[hashes..].starts_with(' ') {
                i += hashes + 1;
                continue;
            }
        }
        let len = c.len_utf8();
        let f = fold_char(c);
        // A space a converter put inside a quantity ("177.1 亿元", "2024 年")
        // goes: between a digit and a CJK character it separates nothing.
        if f == ' ' {
            let prev = out.text.chars().next_back();
            let next = rest[len..].chars().next().map(fold_char);
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            let cjk = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || c == '%');
            if (digit(prev) && cjk(next)) || (cjk(prev) && digit(next)) {
                i += len;
                continue;
            }
        }
        out.push(f, i, i + len);
        line_start = f == '\n';
        i += len;
    }
    out.finish()
}

/// Characters that end a sentence or clause; a line ending in one of them
/// is complete.
fn ends_complete(c: char) -> bool {
    marks::LINE_ENDS.contains(&c)
}

/// True when a line starts with a structural marker (bullet, item number,
/// section number) and so cannot be the continuation of a broken line.
fn starts_structure(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    let first = match chars.next() {
        Some(c) => c,
        None => return false,
    };
    if marks::LINE_MARKS.contains(&first) {
        return true;
    }
    if t.starts_with(marks::ORDINAL) {
        let rest: String = t
            .chars()
            .skip(1)
            .take_while(|&c| c.is_ascii_digit() || crate::numbers::is_cn_numeral_char(c))
            .collect();
        if !rest.is_empty() {
            return true;
        }
    }
    if first == '(' {
        let inner: String = t.chars().skip(1).take_while(|&c| c != ')').collect();
        if !inner.is_empty()
            && inner.chars().count() <= 3
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || crate::numbers::is_cn_numeral_char(c))
        {
            return true;
        }
    }
    // "1." "12、" "一、"
    let num: String = t
        .chars()
        .take_while(|&c| c.is_ascii_digit() || crate::numbers::is_cn_numeral_char(c))
        .collect();
    if !num.is_empty() && num.chars().count() <= 4 {
        let after = t[num.len()..].chars().next();
        if let Some(mark @ ('.' | marks::LIST_COMMA)) = after {
            // "2023.5" is not an item number.
            let after2 = t[num.len() + mark.len_utf8()..].chars().next();
            return !after2.is_some_and(|c| c.is_ascii_digit());
        }
    }
    false
}

/// True when a line reads as body text (it has clause punctuation or is
/// long), so a missing end punctuation means the line was broken.
fn is_body_line(line: &str) -> bool {
    let body = strip_marker(line.trim_start());
    body.contains([',', marks::FULL_STOP, ';', marks::LIST_COMMA]) || body.chars().count() > 40
}

/// The line without its leading section or item marker ("二、", "(六)",
/// "12.").
fn strip_marker(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix('(') {
        if let Some(p) = rest.find(')') {
            if p <= 9
                && rest[..p]
                    .chars()
                    .all(|c| c.is_ascii_digit() || crate::numbers::is_cn_numeral_char(c))
            {
                return &rest[p + 1..];
            }
        }
        return line;
    }
    let n: usize = line
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || crate::numbers::is_cn_numeral_char(*c))
        .map(|(_, c)| c.len_utf8())
        .sum();
    if n > 0 {
        if let Some(rest) = line[n..].strip_prefix([marks::LIST_COMMA, '.']) {
            return rest;
        }
    }
    line
}

/// Second pass: joins a body line that stops mid-sentence with the next
/// line, dropping the line break(s) and blank lines between them.
fn join_broken_lines(first: Normalized) -> Normalized {
    let text = &first.text;
    // Line spans (start, end without '\n').
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push((s, i));
            s = i + 1;
        }
    }
    lines.push((s, text.len()));

    // Byte ranges of `text` to drop.
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let (ls, le) = lines[k];
        let line = text[ls..le].trim_end();
        let last = line.chars().next_back();
        let candidate = matches!(last, Some(c) if !ends_complete(c) && !c.is_whitespace())
            && is_body_line(line)
            && !line.trim_start().starts_with(marks::BULLETS);
        if candidate {
            // Next non-empty line.
            let mut j = k + 1;
            while j < lines.len() && text[lines[j].0..lines[j].1].trim().is_empty() {
                j += 1;
            }
            if j < lines.len() {
                let next = &text[lines[j].0..lines[j].1];
                let nfirst = next.trim_start().chars().next();
                // A title after a broken line ("…改善生态环" then "构筑多层次体系
                // 守护居民幸福感") starts a new story; only body text continues.
                let continues = nfirst.is_some_and(|c| {
                    (is_cjk(c) || c.is_ascii_alphanumeric() || matches!(c, '%' | '”' | ')' | ','))
                        && !starts_structure(next)
                }) && is_body_line(next);
                if continues {
                    let trimmed_end = ls + line.len();
                    let next_start = lines[j].0 + (next.len() - next.trim_start().len());
                    drop.push((trimmed_end, next_start));
                    k = j;
                    continue;
                }
            }
        }
        k += 1;
    }
    if drop.is_empty() {
        return first;
    }
    let mut out = Builder::with_capacity(text.len());
    let mut from = 0;
    for &(a, b) in &drop {
        out.copy_range(&first, from, a);
        from = b;
    }
    out.copy_range(&first, from, text.len());
    out.finish()
}

/// CJK ideographs (the basic block and extension A).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Normalises a decoded document.
pub fn normalize(src: &str) -> Normalized {
    join_broken_lines(repair_pages(src, strip_and_fold(src)))
}

/// data/layout.toml: the patterns of page numbers and paragraph openings.
struct Layout {
    page_number: regex::Regex,
    paragraph_start: regex::Regex,
    dash_lead: regex::Regex,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutFile {
    page_number: String,
    paragraph_start: String,
    dash_lead: String,
}

/// The layout patterns, compiled once; `None` only if the built-in table
/// is broken, which `layout_table_compiles` keeps from shipping.
fn layout() -> Option<&'static Layout> {
    static LAYOUT: std::sync::OnceLock<Option<Layout>> = std::sync::OnceLock::new();
    LAYOUT
        .get_or_init(|| {
            let f: LayoutFile = toml::from_str(include_str!("../data/layout.toml")).ok()?;
            Some(Layout {
                page_number: regex::Regex::new(&f.page_number).ok()?,
                paragraph_start: regex::Regex::new(&f.paragraph_start).ok()?,
                dash_lead: regex::Regex::new(&f.dash_lead).ok()?,
            })
        })
        .as_ref()
}

/// True for a line that is only a page number (data/layout.toml).
fn is_page_number(line: &str) -> bool {
    layout().is_some_and(|l| l.page_number.is_match(line.trim()))
}

/// True when a line ends a sentence, so the next may be a new paragraph.
fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(marks::PARAGRAPH_ENDS)
}

/// True when a line opens a paragraph by its first characters: an item
/// or section number, a dash lead or a bullet (data/layout.toml).
fn starts_paragraph(line: &str) -> bool {
    let t = line.trim_start();
    starts_structure(t)
        || layout().is_some_and(|l| l.dash_lead.is_match(t) || l.paragraph_start.is_match(t))
}

/// Width of a line as typeset, in half-em units: a CJK or full-width
/// character is two, anything else one.
fn typeset_width(s: &str) -> usize {
    s.trim()
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

/// Lines a page keeps at its top and bottom where running headers,
/// footers and page numbers sit.
const PAGE_EDGE_LINES: usize = 2;

/// A line is full (the typesetter wrapped it) when it is at least this
/// share of the text width.
const FULL_LINE: f64 = 0.9;

/// Pass for paginated text (a PDF's text, each page ended by a form feed):
/// drops running headers and footers (the same line at the top or bottom
/// of at least half the pages) and page numbers at a page's edge; joins a
/// line the typesetter wrapped (a full line, or one holding only an item
/// number) with the next, across a page break too; and turns the form
/// feeds into line breaks. Widths are measured on the decoded text, before
/// full-width punctuation was folded.
fn repair_pages(src: &str, first: Normalized) -> Normalized {
    let text = &first.text;
    if !text.contains('\x0c') {
        return first;
    }
    // Lines as (start, end, page), without their terminator.
    let mut lines: Vec<(usize, usize, usize)> = Vec::new();
    let (mut start, mut page) = (0, 0);
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' || b == 0x0c {
            lines.push((start, i, page));
            page += (b == 0x0c) as usize;
            start = i + 1;
        }
    }
    lines.push((start, text.len(), page));
    let line_text = |k: usize| text[lines[k].0..lines[k].1].trim();
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&k| !line_text(k).is_empty())
        .collect();
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); page + 1];
    for &k in &filled {
        by_page[lines[k].2].push(k);
    }
    let pages = by_page.iter().filter(|p| !p.is_empty()).count();
    let edges = |p: &Vec<usize>| -> Vec<usize> {
        let n = p.len();
        let mut e: Vec<usize> = p.iter().take(PAGE_EDGE_LINES).copied().collect();
        e.extend(
            p.iter()
                .skip(n.saturating_sub(PAGE_EDGE_LINES).max(PAGE_EDGE_LINES)),
        );
        e
    };
    let mut seen: std::collections::HashMap<&str, std::collections::BTreeSet<usize>> =
        std::collections::HashMap::new();
    for (pg, p) in by_page.iter().enumerate() {
        for k in edges(p) {
            seen.entry(line_text(k)).or_default().insert(pg);
        }
    }
    let mut dropped = vec![false; lines.len()];
    for p in &by_page {
        for k in edges(p) {
            let t = line_text(k);
            let running = seen.get(t).map_or(0, |s| s.len());
            if is_page_number(t) || (running >= 2 && running * 2 >= pages) {
                dropped[k] = true;
            }
        }
    }
    let kept: Vec<usize> = filled.iter().copied().filter(|&k| !dropped[k]).collect();
    let width = |k: usize| {
        let (a, b) = first.source_span(lines[k].0, lines[k].1.max(lines[k].0 + 1));
        typeset_width(src.get(a..b).unwrap_or(""))
    };
    let mut widths: Vec<usize> = kept.iter().map(|&k| width(k)).collect();
    widths.sort_unstable();
    // The text width: nearly the widest line (one odd long line aside).
    let full = widths
        .get(widths.len().saturating_sub(1) * 95 / 100)
        .copied()
        .unwrap_or(0) as f64;
    let mut drops: Vec<(usize, usize)> = Vec::new();
    for k in (0..lines.len()).filter(|&k| dropped[k]) {
        drops.push((lines[k].0, lines[k].1));
    }
    for w in kept.windows(2) {
        let (k, j) = (w[0], w[1]);
        let (this, next) = (line_text(k), line_text(j));
        let marker_only = strip_marker(this).trim().is_empty();
        // A blank line on the same page is a paragraph break pdftotext saw.
        let blank_between = lines[k].2 == lines[j].2 && (k + 1..j).any(|m| !dropped[m]);
        let full_line = width(k) as f64 >= full * FULL_LINE;
        let new_paragraph =
            starts_structure(next) || (ends_sentence(this) && starts_paragraph(next));
        let wrapped = full_line && !blank_between && !new_paragraph;
        if marker_only || wrapped {
            let end = lines[k].0 + text[lines[k].0..lines[k].1].trim_end().len();
            let raw_next = &text[lines[j].0..lines[j].1];
            let begin = lines[j].0 + (raw_next.len() - raw_next.trim_start().len());
            drops.push((end, begin));
        }
    }
    drops.sort_unstable();
    let mut out = Builder::with_capacity(text.len());
    let mut from = 0;
    let keep = |out: &mut Builder, a: usize, b: usize| {
        let mut p = a;
        for (i, _) in text[a..b].match_indices('\x0c') {
            out.copy_range(&first, p, a + i);
            let (s, e) = first.source_span(a + i, a + i + 1);
            out.push('\n', s, e);
            p = a + i + 1;
        }
        out.copy_range(&first, p, b);
    };
    for (a, b) in drops {
        if a > from {
            keep(&mut out, from, a);
        }
        from = from.max(b);
    }
    keep(&mut out, from, text.len());
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_table_compiles() {
        assert!(
            layout().is_some(),
            "data/layout.toml parses and its patterns compile"
        );
        assert!(is_page_number("第3页 共10页") && is_page_number("— 3 —"));
        assert!(starts_paragraph("(三)推进") && starts_paragraph("——发展韧性持续增强"));
        assert!(!starts_paragraph("推进城市更新"));
    }

    fn span_text<'a>(src: &'a str, n: &Normalized, needle: &str) -> &'a str {
        let p = n.text.find(needle).unwrap();
        let (s, e) = n.source_span(p, p + needle.len());
        &src[s..e]
    }

    #[test]
    fn folds_full_width_and_maps_back() {
        let src = "新增３５万人，约６．２万个（含）";
        let n = normalize(src);
        assert_eq!(n.text, "新增35万人,约6.2万个(含)");
        assert_eq!(span_text(src, &n, "6.2万个"), "６．２万个");
    }

    #[test]
    fn drops_markup() {
        let src = "## 二、目标\n\n**大力实施。**PM<sub>2.5</sub>浓度&lt;30&nbsp;微克";
        let n = normalize(src);
        assert_eq!(n.text, "二、目标\n\n大力实施。PM2.5浓度<30 微克");
        assert_eq!(span_text(src, &n, "2.5"), "2.5");
    }

    #[test]
    fn drops_scripts_and_styles() {
        let src = "<html><head><style>p{x:1}</style><script>var a='<p>';</script></head><body><p>完成100个</p><p>第二段</p></body></html>";
        let n = normalize(src);
        assert_eq!(n.text.trim(), "完成100个\n第二段");
    }

    #[test]
    fn joins_broken_lines() {
        let src = "2024年,我市将增强投资带动效应,打通28条未贯通道路。实现地铁开通\n\n营。加快建设,2023\n届毕业生联系率达到100%。\n构筑多层次体系\n正文。";
        let n = normalize(src);
        assert!(n.text.contains("开通营。"), "{}", n.text);
        assert!(n.text.contains("2023届"), "{}", n.text);
        assert!(n.text.contains("。\n构筑多层次体系\n"), "{}", n.text);
        assert_eq!(span_text(src, &n, "通营"), "通\n\n营");
    }

    #[test]
    fn keeps_titles_and_items_apart() {
        let src = "新增就业35万人 建成100个口袋公园\n\n第1件\n\n实现城镇新增就业35万人,扶持创业3万人\n\n●实现";
        let n = normalize(src);
        assert_eq!(n.text, src);
    }

    #[test]
    fn spaces_inside_quantities() {
        let n = normalize("新台币 177.1 亿元, 2024 年");
        assert_eq!(n.text, "新台币177.1亿元, 2024年");
    }

    #[test]
    fn repairs_pdf_pages() {
        // Two pages as pdftotext gives them: a running header, "— N —"
        // page numbers, lines wrapped at the text width (inside 1.65万 and
        // across the page break), an item number on a line of its own.
        let line = "实现城镇新增就业35万人,扶持创业3万人,新设城乡公益性岗位1.";
        let src = format!(
            "青岛市人民政府 2024年市办实事\n{line}\n65万个,完成全年目标任务的百分之百以上。\n一、2024年主要目标\n1.\n新增托位6000个以上,全市新建学校30所以上,新增学位2万个以上,开工建设\n\n— 1 —\n\x0c青岛市人民政府 2024年市办实事\n项目50个。\n——发展韧性持续增强。\n\n— 2 —\n\x0c"
        );
        let n = normalize(&src);
        assert_eq!(
            n.text,
            format!("\n{line}65万个,完成全年目标任务的百分之百以上。\n一、2024年主要目标\n1.新增托位6000个以上,全市新建学校30所以上,新增学位2万个以上,开工建设项目50个。\n——发展韧性持续增强。\n\n\n\n")
        );
        assert_eq!(span_text(&src, &n, "1.65万个"), "1.\n65万个");
        assert!(span_text(&src, &n, "开工建设项目").contains('\x0c'));
        assert!(is_page_number("- 12 -") && is_page_number("第3页 共10页"));
        assert!(!is_page_number("50所"));
    }

    #[test]
    fn drops_invisible_characters_keeping_offsets() {
        let src =
            "新增3\u{200b}5万人,6\u{200d}0\u{00AD}00个,\u{FEFF}8\u{FE0F}\u{20E3}所,5\u{200F}万元";
        let n = normalize(src);
        assert_eq!(n.text, "新增35万人,6000个,8所,5万元");
        assert_eq!(span_text(src, &n, "35万人"), "3\u{200b}5万人");
        assert_eq!(span_text(src, &n, "6000个"), "6\u{200d}0\u{00AD}00个");
        assert_eq!(span_text(src, &n, "5万元"), "5\u{200F}万元");
    }

    #[test]
    fn joins_digit_groups() {
        for (src, want) in [
            ("新增6 000个", "新增6000个"),
            ("新增6\u{2009}000个", "新增6000个"),
            ("新增6\u{202F}000个", "新增6000个"),
            ("共1 234 567人", "共1234567人"),
            ("新增6 000 个", "新增6000个"),
            ("达12 500.5万元", "达12500.5万元"),
        ] {
            let n = normalize(src);
            assert_eq!(n.text, want, "{src:?}");
            let p = n.text.find(|c: char| c.is_ascii_digit()).unwrap();
            let (s, _) = n.source_span(p, p + 1);
            assert_eq!(&src[s..s + 1], &want[p..p + 1]);
        }
        let n = normalize("新增6 000个");
        assert_eq!(span_text("新增6 000个", &n, "6000个"), "6 000个");
        // Not one number: years side by side, a four-digit lead, groups
        // that are not three digits, mixed separators, a run after them.
        for src in [
            "2024 2025年",
            "在2024 100个",
            "3 14",
            "1 000 0000",
            "1 000\u{2009}000",
            "1 234 56",
            "0.5 000",
        ] {
            let n = normalize(src);
            assert!(n.text.contains(' '), "{src:?} → {:?}", n.text);
        }
    }

    #[test]
    fn crlf() {
        let n = normalize("一\r\n二");
        assert_eq!(n.text, "一\n二");
        assert_eq!(n.source_span(3, 4), (3, 5));
        assert_eq!(n.source_span(4, 7), (5, 8));
    }
}
