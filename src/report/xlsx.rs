//! XLSX: takes the CSV files just written (comparison.csv, findings.csv,
//! facts.csv) and the `Analysis`, gives report.xlsx — what an auditor hands
//! in: one sheet per CSV file with every row (cut only at Excel's
//! 1,048,576-row limit, with a last row saying so), each comparison row's
//! sources (document, line, quote) beside its figures, and a sheet of the
//! documents. Numbers are stored as numbers with a number format; the
//! header row is frozen, filtered and bold; widths count a Chinese
//! character as two; flags (missed, below prior actual, conflict) are
//! coloured by conditional formats. Sheets stream in constant-memory mode,
//! so a large corpus does not grow memory.

use super::{ReportError, Words};
use crate::analysis::Analysis;
use rust_xlsxwriter::{
    ConditionalFormatText, ConditionalFormatTextRule, DocProperties, ExcelDateTime, Format,
    Workbook, Worksheet, XlsxError,
};
use std::path::{Path, PathBuf};

/// Excel's rows per sheet, the header included.
pub const EXCEL_ROWS: u32 = 1_048_576;

/// Columns stored as numbers, and their number format.
const NUMBER_COLUMNS: &[(&str, &str)] = &[
    ("value", "#,##0.####"),
    ("low", "#,##0.####"),
    ("high", "#,##0.####"),
    ("from_value", "#,##0.####"),
    ("to_value", "#,##0.####"),
    ("change", "+#,##0.####;-#,##0.####;0"),
    ("change_pct", "+0.0\"%\";-0.0\"%\";0.0\"%\""),
    ("attainment_pct", "0.0\"%\""),
    ("line", "0"),
    ("start", "0"),
    ("end", "0"),
    ("year", "0"),
    ("year_from", "0"),
    ("from_year", "0"),
    ("to_year", "0"),
    ("from_year_from", "0"),
    ("to_year_from", "0"),
    ("from_line", "0"),
    ("to_line", "0"),
    ("figures", "#,##0"),
];

/// Ids in a `flag` or `kind` column that an auditor must see, and their
/// colour.
const FLAGGED: &[(&str, u32)] = &[
    ("missed", 0xFFC7CE),
    ("below_prior_actual", 0xFFEB9C),
    ("conflict", 0xFFC7CE),
];

/// Rows whose widths are measured (the rest follow them).
const WIDTH_SAMPLE: usize = 2_000;
const MAX_WIDTH: f64 = 60.0;

fn xlsx_err(path: &Path) -> impl Fn(XlsxError) -> ReportError + '_ {
    move |e| ReportError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    }
}

fn csv_err(path: &Path) -> impl Fn(csv::Error) -> ReportError + '_ {
    move |e| ReportError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    }
}

/// Display width: a Chinese character takes two columns (autofit counts
/// one and cuts the text).
fn width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.1 })
        .sum()
}

/// A sheet's rows: the header, then records.
struct Source<'a> {
    csv: PathBuf,
    /// Extra columns after the CSV's, from the record's index.
    extra_header: &'a [&'a str],
    extra: &'a dyn Fn(usize, &csv::StringRecord) -> Vec<String>,
}

fn reader(path: &Path) -> Result<csv::Reader<std::fs::File>, ReportError> {
    csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .map_err(csv_err(path))
}

/// The header without the BOM the CSV files start with.
fn header(r: &mut csv::Reader<std::fs::File>, path: &Path) -> Result<Vec<String>, ReportError> {
    Ok(r.headers()
        .map_err(csv_err(path))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect())
}

/// Writes one sheet from a CSV file: two passes (widths and count, then
/// the cells), neither holding the file in memory.
fn sheet(ws: &mut Worksheet, src: &Source, t: &Words, out: &Path) -> Result<(), ReportError> {
    let path = &src.csv;
    let xe = xlsx_err(out);
    let mut r = reader(path)?;
    let mut head = header(&mut r, path)?;
    head.extend(src.extra_header.iter().map(|s| s.to_string()));
    let mut widths: Vec<f64> = head.iter().map(|h| width(h) + 2.0).collect();
    let mut n = 0usize;
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(csv_err(path))?;
        if i < WIDTH_SAMPLE {
            let extra = (src.extra)(i, &rec);
            for (k, v) in rec
                .iter()
                .chain(extra.iter().map(String::as_str))
                .enumerate()
            {
                if let Some(w) = widths.get_mut(k) {
                    *w = w.max(width(v) + 1.0);
                }
            }
        }
        n += 1;
    }
    let bold = Format::new().set_bold().set_background_color(0xF2F2F2);
    let formats: Vec<Option<Format>> = head
        .iter()
        .map(|h| {
            NUMBER_COLUMNS
                .iter()
                .find(|(c, _)| c == h)
                .map(|(_, f)| Format::new().set_num_format(*f))
        })
        .collect();
    for (k, w) in widths.iter().enumerate() {
        ws.set_column_width(k as u16, w.min(MAX_WIDTH))
            .map_err(&xe)?;
    }
    for (k, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, k as u16, h, &bold)
            .map_err(&xe)?;
    }
    // Header + data rows; past Excel's limit, the last row says what is
    // left out and where it is.
    let room = (EXCEL_ROWS - 2) as usize;
    let shown = if n + 1 > EXCEL_ROWS as usize { room } else { n };
    let mut r = reader(path)?;
    for (i, rec) in r.records().enumerate().take(shown) {
        let rec = rec.map_err(csv_err(path))?;
        let row = i as u32 + 1;
        let extra = (src.extra)(i, &rec);
        for (k, v) in rec
            .iter()
            .chain(extra.iter().map(String::as_str))
            .enumerate()
        {
            let col = k as u16;
            match (formats.get(k).and_then(Option::as_ref), v.parse::<f64>()) {
                (Some(f), Ok(x)) if x.is_finite() => {
                    ws.write_number_with_format(row, col, x, f).map_err(&xe)?;
                }
                _ if v.is_empty() => {}
                // A finding's id opens it in report.html (its element id).
                _ if head[k] == "id" && v.starts_with("f-") => {
                    let url = rust_xlsxwriter::Url::new(format!("file:///report.html#{v}"));
                    ws.write_url_with_text(row, col, url, v).map_err(&xe)?;
                }
                // Text as text (never a formula), without the `'` the CSV
                // cell carries for spreadsheets that would run it.
                _ => {
                    ws.write_string(row, col, crate::escape::csv_cell_text(v))
                        .map_err(&xe)?;
                }
            }
        }
    }
    let last_row = shown as u32;
    if shown < n {
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("");
        let note =
            t.m.fill(t.lang, "xlsx.cut", &[("n", &(n - shown)), ("file", &name)]);
        ws.write_string(last_row + 1, 0, note).map_err(&xe)?;
    }
    let last_col = head.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0).map_err(&xe)?;
    ws.autofilter(0, 0, last_row.max(1), last_col)
        .map_err(&xe)?;
    for (k, h) in head.iter().enumerate() {
        if h != "flag" && h != "kind" {
            continue;
        }
        for &(id, color) in FLAGGED {
            let cf = ConditionalFormatText::new()
                .set_rule(ConditionalFormatTextRule::Contains(id.to_string()))
                .set_format(Format::new().set_background_color(color));
            ws.add_conditional_format(1, k as u16, last_row.max(1), k as u16, &cf)
                .map_err(&xe)?;
        }
    }
    Ok(())
}

/// Writes report.xlsx into `dir`, from the CSV files already there.
pub fn write(dir: &Path, a: &Analysis, t: &Words) -> Result<PathBuf, ReportError> {
    let out = dir.join("report.xlsx");
    let tmp = dir.join(".report.xlsx.tmp");
    let xe = xlsx_err(&out);
    let mut wb = Workbook::new();
    // A fixed date: the same corpus gives the same bytes.
    let date = ExcelDateTime::from_ymd(2000, 1, 1).map_err(&xe)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    wb.set_tempdir(dir).map_err(&xe)?;
    // The fastest deflate: a workbook's XML compresses well at any level,
    // and the default level spent half of the workbook's time compressing
    // (a larger file — 121 KB instead of 85 KB on the seeds — with the same
    // cells).
    wb.set_zip_compression_level(1);
    let c = &a.catalog;
    // Each comparison row's two quotes, beside its figures (the line,
    // sentence and section are comparison.csv's): the row of
    // comparison.csv is a.rows' row of the same index (checked).
    let sources = |i: usize, rec: &csv::StringRecord| -> Vec<String> {
        let Some(r) = a.rows.get(i) else {
            return vec![String::new(); 2];
        };
        let text = |k| rec.get(k).map(crate::escape::csv_cell_text);
        if text(0) != Some(r.region.as_str()) || text(1) != Some(r.metric.as_str()) {
            return vec![String::new(); 2];
        }
        let p = |side: crate::compare::SideId| &a.points[a.sides[side].chosen];
        vec![
            p(r.from_side).quote.to_string(),
            p(r.to_side).quote.to_string(),
        ]
    };
    // The auditor's table first: what an auditor hands in.
    let ws = wb
        .add_worksheet()
        .set_name(t.t("xlsx.audit"))
        .map_err(&xe)?;
    super::audit_sheet::write(ws, a, t).map_err(&xe)?;
    let none = |_: usize, _: &csv::StringRecord| Vec::new();
    let sheets: [(&str, Source); 3] = [
        (
            "xlsx.comparison",
            Source {
                csv: dir.join("comparison.csv"),
                extra_header: &["from_quote", "to_quote"],
                extra: &sources,
            },
        ),
        (
            "xlsx.findings",
            Source {
                csv: dir.join("findings.csv"),
                extra_header: &[],
                extra: &none,
            },
        ),
        (
            "xlsx.facts",
            Source {
                csv: dir.join("facts.csv"),
                extra_header: &[],
                extra: &none,
            },
        ),
    ];
    for (name, src) in &sheets {
        let ws = wb.add_worksheet_with_constant_memory().map_err(&xe)?;
        ws.set_name(t.t(name)).map_err(&xe)?;
        sheet(ws, src, t, &out)?;
    }
    let ws = wb
        .add_worksheet()
        .set_name(t.t("xlsx.documents"))
        .map_err(&xe)?;
    let head = ["doc", "title", "region", "kind", "year", "figures"];
    let bold = Format::new().set_bold().set_background_color(0xF2F2F2);
    let int = Format::new().set_num_format("0");
    let mut widths: Vec<f64> = head.iter().map(|h| width(h) + 2.0).collect();
    for (k, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, k as u16, *h, &bold)
            .map_err(&xe)?;
    }
    for (i, d) in c.docs.iter().enumerate() {
        let row = i as u32 + 1;
        let texts = [
            d.id.as_str(),
            d.meta.title.as_str(),
            d.meta.region.as_str(),
            t.doc_kind(d.meta.kind),
        ];
        for (k, s) in texts.iter().enumerate() {
            ws.write_string(row, k as u16, *s).map_err(&xe)?;
            widths[k] = widths[k].max(width(s) + 1.0);
        }
        if let Some(y) = d.meta.year {
            ws.write_number_with_format(row, 4, y as f64, &int)
                .map_err(&xe)?;
        }
        ws.write_number_with_format(row, 5, d.figures as f64, &int)
            .map_err(&xe)?;
    }
    for (k, w) in widths.iter().enumerate() {
        ws.set_column_width(k as u16, w.min(MAX_WIDTH))
            .map_err(&xe)?;
    }
    ws.set_freeze_panes(1, 0).map_err(&xe)?;
    ws.autofilter(0, 0, (c.docs.len() as u32).max(1), 5)
        .map_err(&xe)?;
    wb.save(&tmp).map_err(&xe)?;
    drop(xe);
    std::fs::rename(&tmp, &out).map_err(|e| ReportError::Io {
        path: out.clone(),
        source: e,
    })?;
    Ok(out)
}
