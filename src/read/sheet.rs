//! Spreadsheets: takes an XLSX or XLS workbook (task tables: 任务分解表,
//! 重点项目表), gives one line per row, cells separated by tabs, sheet by
//! sheet (read with the `calamine` crate).
//!
//! The header row is kept as a line of its own and as context: the unit a
//! column header names ("总投资（亿元）", "单位：万元") or a line above the
//! table names ("单位：亿元") is written after each bare number in that
//! column, so 228 under 总投资（亿元） reads as 228亿元.

use super::{ReadError, Text};
use crate::marks;
use calamine::{Data, Reader};
use std::path::Path;

/// True when an OLE compound file holds a workbook rather than a Word
/// document: its directory names a `Workbook` (or old `Book`) stream.
pub fn is_ole_workbook(raw: &[u8]) -> bool {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
    let (wb, book) = (utf16("Workbook"), utf16("Book\0"));
    raw.windows(wb.len()).any(|w| w == wb.as_slice())
        || raw.windows(book.len()).any(|w| w == book.as_slice())
}

/// Reads a workbook.
pub fn read(path: &Path, raw: &[u8], format: &'static str) -> Result<Text, ReadError> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(raw.to_vec()))
        .map_err(|e| ReadError::Broken {
            path: path.to_path_buf(),
            format,
            msg: e.to_string(),
        })?;
    let names = book.sheet_names();
    let mut out = String::new();
    for name in &names {
        let Ok(range) = book.worksheet_range(name) else {
            continue;
        };
        let rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|r| r.iter().map(Cell::of).collect())
            .filter(|r: &Vec<Cell>| r.iter().any(|c| !c.is_empty()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        if names.len() > 1 {
            out.push_str(name);
            out.push('\n');
        }
        sheet_text(&rows, &mut out);
    }
    Ok(Text {
        text: out,
        encoding: format,
    })
}

/// A cell: text, or a number (with how Excel shows it).
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Number(String),
    Text(String),
}

impl Cell {
    fn of(d: &Data) -> Cell {
        match d {
            Data::Empty => Cell::Empty,
            Data::Int(i) => Cell::Number(i.to_string()),
            Data::Float(f) => Cell::Number(crate::numbers::format_value(*f)),
            Data::String(s) => {
                let s = s.trim().replace(['\r', '\n'], " ");
                if s.is_empty() {
                    Cell::Empty
                } else if s.parse::<f64>().is_ok() {
                    Cell::Number(s)
                } else {
                    Cell::Text(s)
                }
            }
            other => Cell::Text(other.to_string()),
        }
    }
    fn is_empty(&self) -> bool {
        *self == Cell::Empty
    }
    fn text(&self) -> &str {
        match self {
            Cell::Empty => "",
            Cell::Number(s) | Cell::Text(s) => s,
        }
    }
}

/// The unit a header or title names: "单位：万元", "总投资（亿元）",
/// "长度(公里)"; short and without digits, or it is not a unit.
fn unit_in(s: &str) -> Option<String> {
    let s = s.trim();
    let unitish = |u: &str| {
        let u = u.trim();
        (1..=4).contains(&u.chars().count()) && !u.chars().any(|c| c.is_ascii_digit())
    };
    if let Some(p) = s.find(marks::UNIT_LABEL) {
        let u: String = s[p + marks::UNIT_LABEL.len()..]
            .trim_start_matches(marks::RAW_COLONS)
            .trim_start()
            .chars()
            .take_while(|&c| c != ' ' && !marks::RAW_CLAUSE_ENDS.contains(&c))
            .collect();
        if unitish(&u) {
            return Some(u.trim().to_string());
        }
    }
    let s = s.strip_suffix(marks::RAW_CLOSE_PARENS)?;
    let open = s.rfind(marks::RAW_OPEN_PARENS)?;
    let u = s[open..].trim_start_matches(marks::RAW_OPEN_PARENS);
    unitish(u).then(|| u.trim().to_string())
}

/// A row that heads the rows below it: two or more text cells without
/// digits, followed by a row with a number.
fn is_header(rows: &[Vec<Cell>], i: usize) -> bool {
    let r = &rows[i];
    let filled: Vec<&Cell> = r.iter().filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            matches!(c, Cell::Text(t) if !t.chars().any(|ch| ch.is_ascii_digit()) || unit_in(t).is_some())
        })
        && rows
            .get(i + 1)
            .is_some_and(|n| n.iter().any(|c| matches!(c, Cell::Number(_))))
}

fn sheet_text(rows: &[Vec<Cell>], out: &mut String) {
    let mut sheet_unit: Option<String> = None;
    let mut column_units: Vec<Option<String>> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let filled = row.iter().filter(|c| !c.is_empty()).count();
        if filled == 1 {
            if let Some(u) = row.iter().find_map(|c| match c {
                Cell::Text(t) => unit_in(t),
                _ => None,
            }) {
                sheet_unit = Some(u);
            }
        }
        let header = is_header(rows, i);
        if header {
            column_units = row.iter().map(|c| unit_in(c.text())).collect();
        }
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(k, c)| match c {
                Cell::Number(n) if !header => {
                    let unit = column_units
                        .get(k)
                        .cloned()
                        .flatten()
                        .or_else(|| sheet_unit.clone())
                        .unwrap_or_default();
                    format!("{n}{unit}")
                }
                _ => c.text().to_string(),
            })
            .collect();
        let last = cells.iter().rposition(|c| !c.is_empty()).unwrap_or(0);
        out.push_str(&cells[..=last].join("\t"));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn n(s: &str) -> Cell {
        Cell::Number(s.into())
    }

    #[test]
    fn header_units_apply_to_their_columns() {
        assert_eq!(unit_in("总投资（亿元）").as_deref(), Some("亿元"));
        assert_eq!(unit_in("单位：万元").as_deref(), Some("万元"));
        assert_eq!(unit_in("备注(2024年)"), None);
        let rows = vec![
            vec![t("单位：万元"), Cell::Empty],
            vec![t("项目"), t("总投资"), t("长度(公里)")],
            vec![t("地铁6号线"), n("228"), n("30.5")],
        ];
        let mut out = String::new();
        sheet_text(&rows, &mut out);
        assert_eq!(
            out,
            "单位：万元\n项目\t总投资\t长度(公里)\n地铁6号线\t228万元\t30.5公里\n"
        );
    }
}
