//! CSV: takes an `Analysis`, gives comparison.csv (the comparison frame as
//! it is) and findings.csv (one row per finding, its message in the
//! report's language), both UTF-8 with a BOM for Excel.

use super::Words;
use crate::analysis::Analysis;
use crate::findings::Finding;
use crate::frame::{write_frame, Format};
use polars::prelude::*;
use std::io::Write;

/// Characters of each evidence quote findings.csv shows.
const QUOTE_CHARS: usize = 80;

/// Findings per slice: no frame of every finding is ever built.
const SLICE: usize = 5_000;

/// comparison.csv.
pub fn comparison<W: Write>(w: &mut W, a: &Analysis) -> std::io::Result<()> {
    write_frame(&mut a.comparison.clone(), Format::Csv, true, w).map_err(std::io::Error::other)
}

/// findings.csv as a frame, for a slice of the findings. `status` is
/// empty without a baseline.
pub fn findings_frame(f: &[Finding], a: &Analysis, t: &Words) -> PolarsResult<DataFrame> {
    let s = |name: &str, g: &dyn Fn(&Finding) -> String| {
        Column::new(name.into(), f.iter().map(g).collect::<Vec<String>>())
    };
    DataFrame::new(
        f.len(),
        vec![
            s("kind", &|x| x.kind.as_str().into()),
            s("severity", &|x| x.severity.as_str().into()),
            s("region", &|x| x.region.clone()),
            s("metric", &|x| x.metric.clone()),
            Column::new(
                "year".into(),
                f.iter().map(|x| x.year).collect::<Vec<Option<i32>>>(),
            ),
            s("message", &|x| x.message(t.m, t.lang)),
            s("evidence", &|x| x.evidence_refs()),
            s("quotes", &|x| {
                x.evidence
                    .iter()
                    .map(|e| {
                        e.quote
                            .chars()
                            .take(QUOTE_CHARS)
                            .collect::<String>()
                            .replace('\n', " ")
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            }),
            // Appended, so that scripts reading the columns before them
            // by position keep working.
            s("id", &|x| x.id()),
            s("status", &|x| {
                a.status(x).map(|s| s.as_str()).unwrap_or("").to_string()
            }),
        ],
    )
}

/// findings.csv, written in slices (UTF-8 with a BOM for Excel).
pub fn findings<W: Write>(mut w: W, a: &Analysis, t: &Words) -> std::io::Result<()> {
    let mut first = true;
    let mut part: Vec<Finding> = Vec::with_capacity(SLICE.min(a.findings.len()));
    let mut stream = a.findings.iter()?.peekable();
    loop {
        let f = stream.next().transpose()?;
        let done = f.is_none();
        part.extend(f);
        if part.len() == SLICE || (done && (first || !part.is_empty())) {
            CsvWriter::new(&mut w)
                .include_bom(first)
                .include_header(first)
                .finish(
                    &mut crate::escape::csv_frame(
                        &findings_frame(&part, a, t).map_err(std::io::Error::other)?,
                    )
                    .map_err(std::io::Error::other)?,
                )
                .map_err(std::io::Error::other)?;
            first = false;
            part.clear();
        }
        if done {
            return Ok(());
        }
    }
}
