//! Read: takes a file's path and raw bytes, gives the text yoy makes of it
//! (`Text`): plain text decoded from its encoding, or the text of a PDF,
//! DOCX, spreadsheet or saved web page. Every span yoy reports is a byte
//! range in this text, and `yoy text FILE` prints it.
//!
//! The format is told by content first (a PDF, a zip holding
//! `word/document.xml` or `xl/workbook.xml`, an OLE compound file, an HTML
//! page), the extension only where content cannot tell (.xls, .htm
//! fragments). Each format has its reader module; errors name the file.

mod docx;
mod html;
mod pdf;
mod sheet;

use std::path::{Path, PathBuf};
use thiserror::Error;

/// Errors met while turning a file into text. Each names the file.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{path}: not a text document ({why})")]
    NotText { path: PathBuf, why: String },
    #[error("{path}: an empty document (no text in it)")]
    Empty { path: PathBuf },
    #[error("{path}: cannot decode as {encoding}")]
    Undecodable {
        path: PathBuf,
        encoding: &'static str,
    },
    #[error("{path}: an old binary Word/WPS document (.doc/.wps); open it and save it as .docx")]
    OldWord { path: PathBuf },
    #[error("{path}: a PDF with no text layer (a scanned image?); yoy needs the text: run OCR on it first")]
    Scanned { path: PathBuf },
    #[error("{path}: reading a PDF needs pdftotext, which was not found; install poppler-utils and poppler-data (Debian/Ubuntu: apt-get install poppler-utils poppler-data; macOS: brew install poppler)")]
    NoPdfReader { path: PathBuf },
    #[error("{path}: pdftotext failed: {msg}")]
    Pdf { path: PathBuf, msg: String },
    #[error("{path}: not a readable {format} file: {msg}")]
    Broken {
        path: PathBuf,
        format: &'static str,
        msg: String,
    },
}

/// The text yoy makes of a document, with how it was read.
#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    /// The encoding (UTF-8, GBK, Big5…) or format (PDF, DOCX, XLSX…) read.
    /// Pages, where the format has them, end with a form feed (`\x0c`).
    pub encoding: &'static str,
}

/// The formats a folder without a manifest takes, by extension.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "html", "htm", "pdf", "docx", "wps", "doc", "xlsx", "xls", "xlsm", "et",
];

/// What the bytes are, by their first bytes (and the extension where the
/// content cannot tell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Docx,
    Xlsx,
    /// OLE compound file: old .doc/.wps, or an .xls workbook.
    Ole,
    Zip,
    Text,
}

fn sniff(raw: &[u8]) -> Format {
    if raw.starts_with(b"%PDF-") || raw[..raw.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Format::Pdf;
    }
    if raw.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole;
    }
    if raw.starts_with(b"PK\x03\x04") {
        // The first entry names are in the local headers; a Word or Excel
        // package has its part somewhere in the directory.
        let has = |name: &[u8]| raw.windows(name.len()).any(|w| w == name);
        if has(b"word/document.xml") {
            return Format::Docx;
        }
        if has(b"xl/workbook.xml") {
            return Format::Xlsx;
        }
        return Format::Zip;
    }
    Format::Text
}

/// Reads a document's bytes into text. A document with no text at all (a
/// file of 0 bytes, only white space, a PDF or workbook with nothing in
/// it) is refused: read as a document it would silently stand for "no
/// figures" and a run of nothing else would replace a report with an empty
/// one.
pub fn read(path: &Path, raw: &[u8]) -> Result<Text, ReadError> {
    let t = read_format(path, raw)?;
    if t.text
        .chars()
        .all(|c| c.is_whitespace() || crate::text::is_invisible(c))
    {
        return Err(ReadError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(t)
}

fn read_format(path: &Path, raw: &[u8]) -> Result<Text, ReadError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match sniff(raw) {
        Format::Pdf => pdf::read(path, raw),
        Format::Docx => docx::read(path, raw),
        Format::Xlsx => sheet::read(path, raw, "XLSX"),
        Format::Ole if matches!(ext.as_str(), "xls" | "et") || sheet::is_ole_workbook(raw) => {
            sheet::read(path, raw, "XLS")
        }
        Format::Ole => Err(ReadError::OldWord {
            path: path.to_path_buf(),
        }),
        Format::Zip => Err(ReadError::NotText {
            path: path.to_path_buf(),
            why: "a zip archive that is neither a Word nor an Excel document".into(),
        }),
        Format::Text => {
            let is_html = matches!(ext.as_str(), "html" | "htm");
            // A page saved as UTF-8 may keep its old meta tag; legacy bytes
            // are hardly ever valid UTF-8, so UTF-8 wins, then the meta tag.
            let utf8 =
                std::str::from_utf8(raw).is_ok() || encoding_rs::Encoding::for_bom(raw).is_some();
            let (text, encoding) = match html::meta_charset(raw) {
                Some(enc) if !utf8 => {
                    let (t, had_errors) = enc.decode_without_bom_handling(raw);
                    if had_errors {
                        return Err(ReadError::Undecodable {
                            path: path.to_path_buf(),
                            encoding: enc.name(),
                        });
                    }
                    (t.into_owned(), enc.name())
                }
                _ => decode(path, raw)?,
            };
            if is_html || crate::text::looks_like_html(&text) {
                Ok(Text {
                    text: html::to_text(&text),
                    encoding,
                })
            } else {
                Ok(Text { text, encoding })
            }
        }
    }
}

/// Share of characters that are not text (controls other than tab, line
/// and page breaks; U+FFFD; private use) above which bytes decoded by a
/// guessed legacy encoding are refused.
const MAX_NOISE: f64 = 0.002;

/// The same for valid UTF-8, itself strong evidence of text: only a file
/// made mostly of control bytes is refused (a stray \x07 or \x0b from a
/// word processor is not).
const MAX_NOISE_UTF8: f64 = 0.05;

/// True when a decoded string reads as text: hardly any control
/// characters, replacement or private-use characters.
fn plausible(text: &str, max_noise: f64) -> bool {
    let mut total = 0usize;
    let mut noise = 0usize;
    for c in text.chars() {
        total += 1;
        let bad = (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0b' | '\x0c'))
            || c == '\u{FFFD}'
            || ('\u{E000}'..='\u{F8FF}').contains(&c);
        noise += bad as usize;
    }
    (noise as f64) <= (total as f64) * max_noise
}

/// UTF-16 without a BOM: the byte order in which the bytes decode cleanly
/// into what Chinese or ASCII text is made of (`text_share` at least
/// `min_share`), when the other order does not do as well. NUL bytes are
/// no requirement: text of Chinese characters alone has none.
fn utf16_without_bom(raw: &[u8], min_share: f64) -> Option<(String, &'static str)> {
    if raw.len() < 4 || !raw.len().is_multiple_of(2) {
        return None;
    }
    let read = |enc: &'static encoding_rs::Encoding| {
        let (text, had_errors) = enc.decode_without_bom_handling(raw);
        (!had_errors && plausible(&text, MAX_NOISE)).then(|| {
            let share = text_share(&text);
            (text.into_owned(), enc.name(), share)
        })
    };
    let le = read(encoding_rs::UTF_16LE);
    let be = read(encoding_rs::UTF_16BE);
    let best = match (le, be) {
        (Some(a), Some(b)) => {
            if a.2 > b.2 {
                a
            } else if b.2 > a.2 {
                b
            } else {
                return None;
            }
        }
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    (best.2 >= min_share).then_some((best.0, best.1))
}

/// Share of a text's characters that Chinese planning text is made of:
/// ASCII, CJK ideographs, CJK and full-width punctuation, general
/// punctuation (“”—…). Bytes read in the wrong UTF-16 order give Hangul,
/// Yi and rare ideographs instead.
fn text_share(text: &str) -> f64 {
    let (mut total, mut good) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        good += matches!(c,
            '\u{0009}'..='\u{007E}'
                | '\u{00B7}'
                | '\u{2000}'..='\u{206F}'
                | '\u{2460}'..='\u{24FF}'
                | '\u{3000}'..='\u{303F}'
                | '\u{4E00}'..='\u{9FFF}'
                | '\u{FF00}'..='\u{FFEF}'
        ) as usize;
    }
    if total == 0 {
        0.0
    } else {
        good as f64 / total as f64
    }
}

/// Share of text-like characters from which bytes with NUL bytes are read
/// as UTF-16 without a BOM.
const UTF16_SHARE_WITH_NUL: f64 = 0.9;

/// The same for bytes without any NUL (Chinese characters alone), which
/// are neither UTF-8: stricter, as a legacy encoding is the likelier.
const UTF16_SHARE_WITHOUT_NUL: f64 = 0.97;

/// The byte order of text that looks like UTF-16 without a BOM: NUL bytes
/// at one parity far more often than at the other.
fn utf16_order(raw: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let zeros = |parity: usize| {
        raw.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    // The high byte of each code unit comes first in big-endian.
    if odd > even * 4 {
        Some(encoding_rs::UTF_16LE)
    } else if even > odd * 4 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decodes plain text: a BOM first, then UTF-16 without BOM, strict
/// UTF-8, then the legacy encoding Mozilla's detector (chardetng) finds
/// most likely (GBK, Big5, Shift_JIS…). Whatever does not decode cleanly
/// into plausible text is refused as not text: GB18030 alone would take
/// almost any bytes.
pub fn decode(path: &Path, raw: &[u8]) -> Result<(String, &'static str), ReadError> {
    let not_text = |why: &str| ReadError::NotText {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(raw) {
        let (text, had_errors) = enc.decode_without_bom_handling(&raw[bom_len..]);
        if had_errors {
            return Err(ReadError::Undecodable {
                path: path.to_path_buf(),
                encoding: enc.name(),
            });
        }
        return Ok((text.into_owned(), enc.name()));
    }
    if raw.contains(&0) {
        return utf16_without_bom(raw, UTF16_SHARE_WITH_NUL).ok_or_else(|| {
            match utf16_order(raw) {
                // Shaped like UTF-16 but broken (an odd length, a cut pair):
                // say so, rather than calling it binary.
                Some(enc) => not_text(&format!(
                    "{} without byte-order mark that does not decode cleanly; save it as UTF-8",
                    enc.name()
                )),
                None => not_text("contains NUL bytes"),
            }
        });
    }
    if let Ok(s) = std::str::from_utf8(raw) {
        if !plausible(s, MAX_NOISE_UTF8) {
            return Err(not_text("control characters"));
        }
        return Ok((s.to_string(), "UTF-8"));
    }
    if let Some(t) = utf16_without_bom(raw, UTF16_SHARE_WITHOUT_NUL) {
        return Ok(t);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(raw, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = enc.decode_without_bom_handling(raw);
    if had_errors || !plausible(&text, MAX_NOISE) {
        return Err(not_text(&format!(
            "binary data: neither UTF-8 nor a legacy encoding such as {}",
            enc.name()
        )));
    }
    // chardetng names GB18030's subset GBK; the decoder is the same.
    Ok((text.into_owned(), enc.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_legacy_encodings_and_refuses_noise() {
        let p = Path::new("x.txt");
        let s = "臺北市新增就業三萬五千人,完成率百分之百。".repeat(4);
        let (big5, _, _) = encoding_rs::BIG5.encode(&s);
        assert_eq!(decode(p, &big5).unwrap(), (s.clone(), "Big5"));
        let j = "東京都は新たに保育所を100か所整備する。".repeat(4);
        let (sj, _, _) = encoding_rs::SHIFT_JIS.encode(&j);
        assert_eq!(decode(p, &sj).unwrap(), (j.clone(), "Shift_JIS"));
        let mut le = Vec::new();
        for u in "新增就业35万人。\n".repeat(3).encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(p, &le).unwrap().1, "UTF-16LE");
        // Pseudo-random bytes without NUL: GB18030 would decode some of
        // them; the detector's pick does not decode cleanly.
        let mut x: u32 = 12345;
        let noise: Vec<u8> = (0..20_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ((x >> 16) as u8).max(1)
            })
            .collect();
        assert!(matches!(decode(p, &noise), Err(ReadError::NotText { .. })));
    }

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(b"%PDF-1.4\n"), Format::Pdf);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Format::Ole
        );
        assert_eq!(sniff("新增就业".as_bytes()), Format::Text);
        let e = read(
            Path::new("old.doc"),
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("old.doc") && e.contains(".docx"), "{e}");
    }
}
