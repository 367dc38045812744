//! Escape: takes text on its way out of yoy, gives it safe for where it
//! lands. A spreadsheet cell: a text cell that would start a formula
//! (= + - @, a tab, a carriage return) gets a leading `'`, the way OWASP
//! recommends against CSV injection; number cells stay numbers (−1.5 is a
//! number, not a formula). A terminal: control characters (C0 but line
//! feed and tab, DEL, C1) and the bidirectional overrides and isolates
//! (U+202A–202E, U+2066–2069) are made visible (␛, `\u{85}`), so a
//! document or manifest can neither drive the terminal nor reorder what
//! it shows. One place for both rules: every CSV writer and every line a
//! person reads go through here.

use polars::prelude::*;
use std::borrow::Cow;
use std::io::{self, Write};

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell a spreadsheet will not run: `'` before a formula start.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The text `csv_cell` was given, from the cell it wrote (the workbook is
/// built from the CSV files and stores text as text, which needs no `'`).
pub fn csv_cell_text(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => s,
    }
}

/// A frame whose text columns went through `csv_cell`; number columns are
/// left as they are. Columns with nothing to change are not copied.
pub fn csv_frame(df: &DataFrame) -> PolarsResult<DataFrame> {
    let mut out = df.clone();
    let names: Vec<PlSmallStr> = df
        .columns()
        .iter()
        .filter(|c| c.dtype() == &DataType::String)
        .map(|c| c.name().clone())
        .collect();
    for name in names {
        let ca = df.column(&name)?.str()?;
        if !ca.iter().flatten().any(|s| s.starts_with(FORMULA_START)) {
            continue;
        }
        let safe = ca.apply_values(csv_cell);
        out.with_column(safe.into_column())?;
    }
    Ok(out)
}

/// True for a character a terminal must not receive as it is.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible form of a control character: the Unicode control picture
/// for C0 and DEL (␛, ␍, ␡), `\u{…}` for the rest.
fn visible(c: char, out: &mut String) {
    match c as u32 {
        n @ 0..=0x1f => out.push(char::from_u32(0x2400 + n).unwrap_or('?')),
        0x7f => out.push('\u{2421}'),
        n => out.push_str(&format!("\\u{{{n:x}}}")),
    }
}

/// Text for a terminal: control characters made visible.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c) {
            visible(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes text on with `terminal` applied: for output that
/// reaches a terminal while it streams (tables, CSV on a terminal). A
/// character split between two writes waits for its end; bytes that are
/// not UTF-8 are shown as U+FFFD.
pub struct Terminal<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Terminal<W> {
    pub fn new(inner: W) -> Terminal<W> {
        Terminal {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut done = 0;
        let mut text = String::new();
        loop {
            match std::str::from_utf8(&self.pending[done..]) {
                Ok(s) => {
                    text.push_str(s);
                    done = self.pending.len();
                    break;
                }
                Err(e) => {
                    let ok = e.valid_up_to();
                    // Valid by the check just made.
                    text.push_str(
                        std::str::from_utf8(&self.pending[done..done + ok]).unwrap_or(""),
                    );
                    done += ok;
                    match e.error_len() {
                        Some(n) => {
                            text.push('\u{fffd}');
                            done += n;
                        }
                        // An incomplete character at the end: wait for
                        // the rest.
                        None => break,
                    }
                }
            }
        }
        self.pending.drain(..done);
        self.inner.write_all(terminal(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.inner.write_all(terminal(&rest).as_bytes())?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_read_back() {
        for s in ["=1+2", "+cmd|' /C calc'!A0", "-x", "@SUM(A1)", "\tx", "\rx"] {
            let c = csv_cell(s);
            assert_eq!(c, format!("'{s}"));
            assert_eq!(csv_cell_text(&c), s);
        }
        for s in ["青岛市", "1+2", "'quoted", ""] {
            assert_eq!(csv_cell(s), s);
            assert_eq!(csv_cell_text(s), s);
        }
    }

    #[test]
    fn frames_keep_numbers_and_neutralise_text() {
        let df = df!(
            "doc" => ["=1+2.txt", "a.txt"],
            "change" => [-1.5, 2.0],
        )
        .unwrap();
        let safe = csv_frame(&df).unwrap();
        let doc: Vec<_> = safe.column("doc").unwrap().str().unwrap().iter().collect();
        assert_eq!(doc, [Some("'=1+2.txt"), Some("a.txt")]);
        let change: Vec<_> = safe
            .column("change")
            .unwrap()
            .f64()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(change, [Some(-1.5), Some(2.0)]);
    }

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(terminal("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(terminal("x\r\ny\tz"), "x␍\ny\tz");
        assert_eq!(terminal("\u{202e}abc\u{85}\u{7f}"), "\\u{202e}abc\\u{85}␡");
        assert!(matches!(terminal("青岛市 35万人"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_writer_waits_for_split_characters() {
        let mut out = Terminal::new(Vec::new());
        let s = "青\u{1b}岛".as_bytes();
        for b in s {
            out.write_all(&[*b]).unwrap();
        }
        out.flush().unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), "青␛岛");
    }
}
