//! `yoy scan`: every numeric expression in stdin, as JSON lines with
//! character offsets.

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

pub fn run(_a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    let lx = Lexicon::load(data)?;
    let mut raw = Vec::new();
    std::io::stdin()
        .read_to_end(&mut raw)
        .map_err(|e| AppError::Write {
            path: "<stdin>".into(),
            source: e,
        })?;
    let (text, _) = yoy::corpus::decode(Path::new("<stdin>"), &raw)?;
    let norm = yoy::text::normalize(&text);
    let ms = scan(&norm.text, &lx);
    // Byte offset → character offset, in one pass over the text.
    let mut char_at = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for k in 0..c.len_utf8() {
            char_at[i + k] = n;
        }
        n += 1;
    }
    char_at[text.len()] = n;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for m in &ms {
        let (s, e) = norm.source_span(m.start, m.end);
        let line = Line {
            start: char_at[s],
            end: char_at[e],
            text: &text[s..e],
            value: m.value,
            low: m.low,
            high: m.high,
            qualifier: m.qualifier.as_str(),
            unit: &m.unit,
            role: m.role.coarse(),
        };
        let json = serde_json::to_string(&line).map_err(|e| AppError::Usage(e.to_string()))?;
        writeln!(out, "{json}").map_err(|e| AppError::Write {
            path: "<stdout>".into(),
            source: e,
        })?;
    }
    Ok(0)
}
