//! `yoy scan`: every numeric expression in stdin, as JSON lines with
//! character offsets.
//!
//! The input streams through in pieces of about a MiB, each cut after a
//! line that ends a sentence (or a blank line), so no number, quote or
//! broken line straddles two pieces; offsets still count characters from
//! the start of the input. Memory stays flat whatever the input's size.
//! UTF-8 streams; input in another encoding (a UTF-16 BOM, GB18030) is
//! read whole and decoded as `yoy extract` decodes files.

use super::AppError;
use serde::Serialize;
use std::io::{Read, Write};
use std::path::Path;
use yoy::figures::scan;
use yoy::lexicon::Lexicon;

#[derive(clap::Args)]
pub struct Args {}

#[derive(Serialize)]
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: &'static str,
    unit: &'a str,
    role: &'static str,
}

/// Bytes read from stdin at a time.
const CHUNK: usize = 1 << 20;
/// A piece with no line end to cut at is cut at a sentence end, then a
/// space, then any character once it is this long.
const MAX_PIECE: usize = 4 << 20;

fn read_err(e: std::io::Error) -> AppError {
    AppError::Write {
        path: "<stdin>".into(),
        source: e,
    }
}

fn write_err(e: std::io::Error) -> AppError {
    AppError::Write {
        path: "<stdout>".into(),
        source: e,
    }
}

/// Reads until `buf` holds at least `want` bytes or the input ends;
/// returns true at the end of the input.
fn fill(input: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> Result<bool, AppError> {
    let mut tmp = vec![0u8; CHUNK];
    while buf.len() < want {
        let n = match input.read(&mut tmp) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_err(e)),
        };
        if n == 0 {
            return Ok(true);
        }
        buf.extend_from_slice(&tmp[..n]);
    }
    Ok(false)
}

/// Where a piece may end in `buf`: after a blank line or a line that ends
/// a sentence; when the buffer is already MAX_PIECE long, after any line,
/// sentence end or space, else at a character boundary. None: read more.
fn safe_cut(buf: &[u8]) -> Option<usize> {
    let complete = |line_end: usize| {
        // The text before the '\n' at line_end, without trailing spaces.
        let before = &buf[..line_end];
        let trimmed = before
            .iter()
            .rposition(|&b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map_or(0, |p| p + 1);
        if trimmed == 0 || buf[trimmed - 1] == b'\n' {
            return true;
        }
        let tail = std::str::from_utf8(&buf[trimmed.saturating_sub(4)..trimmed])
            .ok()
            .or_else(|| std::str::from_utf8(&buf[trimmed.saturating_sub(3)..trimmed]).ok())
            .unwrap_or("");
        tail.ends_with(yoy::marks::RAW_LINE_ENDS)
    };
    let mut end = buf.len();
    while let Some(p) = buf[..end].iter().rposition(|&b| b == b'\n') {
        if complete(p) {
            return Some(p + 1);
        }
        end = p;
    }
    if buf.len() < MAX_PIECE {
        return None;
    }
    if let Some(p) = buf.iter().rposition(|&b| b == b'\n') {
        return Some(p + 1);
    }
    let s = match std::str::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or(""),
    };
    if let Some(p) = s.rfind(yoy::marks::RAW_SENTENCE_ENDS) {
        let c = s[p..].chars().next().map_or(1, char::len_utf8);
        return Some(p + c);
    }
    if let Some(p) = s.rfind([' ', '\t']) {
        return Some(p + 1);
    }
    Some(s.len().max(1))
}

/// Scans one piece of decoded text whose first character is character
/// `base` of the input; writes its lines; returns its length in chars.
fn emit(text: &str, base: usize, lx: &Lexicon, out: &mut impl Write) -> Result<usize, AppError> {
    let norm = yoy::text::normalize(text);
    let ms = scan(&norm.text, lx);
    // Starts come in order: one cursor turns bytes into characters.
    let (mut cur_b, mut cur_c) = (0usize, 0usize);
    for m in &ms {
        let (s, e) = norm.source_span(m.start, m.end);
        if s >= cur_b {
            cur_c += text[cur_b..s].chars().count();
        } else {
            cur_c = text[..s].chars().count();
        }
        cur_b = s;
        let chars = text[s..e].chars().count();
        let line = Line {
            start: base + cur_c,
            end: base + cur_c + chars,
            text: &text[s..e],
            value: m.value,
            low: m.low,
            high: m.high,
            qualifier: m.qualifier.as_str(),
            unit: &m.unit,
            role: m.role.coarse(),
        };
        serde_json::to_writer(&mut *out, &line).map_err(|e| AppError::Usage(e.to_string()))?;
        out.write_all(b"\n").map_err(write_err)?;
    }
    Ok(if cur_b <= text.len() {
        cur_c + text[cur_b..].chars().count()
    } else {
        text.chars().count()
    })
}

pub fn run(_a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    let lx = Lexicon::load(data)?;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, super::data_stdout());
    let path = Path::new("<stdin>");

    let mut buf: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let mut eof = fill(&mut input, &mut buf, CHUNK)?;
    // Anything but UTF-8 is read whole and decoded as files are.
    let bom = encoding_rs::Encoding::for_bom(&buf);
    let utf8_start = match std::str::from_utf8(&buf) {
        Ok(_) => true,
        // A character cut at the end of the chunk is still UTF-8.
        Err(e) => e.error_len().is_none(),
    };
    if !utf8_start || bom.is_some_and(|(enc, _)| enc != encoding_rs::UTF_8) {
        input.read_to_end(&mut buf).map_err(read_err)?;
        let (text, _) = yoy::corpus::decode(path, &buf)?;
        emit(&text, 0, &lx, &mut out)?;
        out.flush().map_err(write_err)?;
        return Ok(0);
    }
    if bom.is_some() {
        buf.drain(..3);
    }
    let mut base = 0usize;
    loop {
        if !eof && buf.len() < CHUNK {
            eof = fill(&mut input, &mut buf, CHUNK)?;
        }
        let cut = if eof {
            buf.len()
        } else {
            match safe_cut(&buf) {
                Some(c) => c,
                None => {
                    let want = (buf.len() + CHUNK).min(MAX_PIECE);
                    eof = fill(&mut input, &mut buf, want)?;
                    continue;
                }
            }
        };
        if buf[..cut].contains(&0) {
            return Err(yoy::corpus::CorpusError::NotText {
                path: path.to_path_buf(),
                why: "contains NUL bytes".into(),
            }
            .into());
        }
        let text = std::str::from_utf8(&buf[..cut]).map_err(|_| {
            AppError::from(yoy::corpus::CorpusError::Undecodable {
                path: path.to_path_buf(),
            })
        })?;
        base += emit(text, base, &lx, &mut out)?;
        buf.drain(..cut);
        if eof && buf.is_empty() {
            break;
        }
    }
    out.flush().map_err(write_err)?;
    Ok(0)
}
