//! The workbook's auditor sheet: takes the auditor's layout
//! (`audit::rows`), gives the first sheet of report.xlsx — one row per
//! region, metric and year chain, values as people write them, the
//! attainment and change as numbers, missed targets and targets below the
//! prior actual coloured, and each figure's source (document and line) as
//! a hyperlink into report.html, which opens that sentence (`#src=`).

use super::audit::{self, AuditRow, Figure};
use super::{metric_label, Words};
use crate::analysis::Analysis;
use crate::compare::Flag;
use rust_xlsxwriter::{Format, Url, Worksheet, XlsxError};

/// The link that opens a figure's sentence in report.html.
pub fn page_link(a: &Analysis, f: &Figure) -> String {
    let p = f.point;
    format!(
        "file:///report.html#src={}:{}-{}",
        a.catalog.doc(p).id,
        p.start,
        p.end
    )
}

/// Writes the auditor's sheet into `ws`.
pub fn write(ws: &mut Worksheet, a: &Analysis, t: &Words) -> Result<(), XlsxError> {
    let rows: Vec<AuditRow> = audit::rows(a);
    let src = |k: &str| format!("{} · {}", t.t("audit.sources"), t.t(k));
    let head = [
        t.t("report.region").to_string(),
        t.t("report.metric").to_string(),
        t.t("audit.years").to_string(),
        t.t("audit.prior_target").to_string(),
        t.t("audit.prior_actual").to_string(),
        t.t("audit.attainment").to_string(),
        "%".to_string(),
        t.t("audit.current_target").to_string(),
        t.t("audit.change").to_string(),
        t.t("audit.flag").to_string(),
        src("audit.prior_target"),
        src("audit.prior_actual"),
        src("audit.current_target"),
    ];
    let bold = Format::new().set_bold().set_background_color(0xF2F2F2);
    let right = Format::new().set_align(rust_xlsxwriter::FormatAlign::Right);
    let pct = Format::new().set_num_format("0.0\"%\"");
    let missed = Format::new().set_background_color(0xFFC7CE);
    let below = Format::new().set_background_color(0xFFEB9C);
    let widths = [
        8.0, 46.0, 13.0, 11.0, 11.0, 16.0, 8.0, 12.0, 11.0, 16.0, 26.0, 26.0, 26.0,
    ];
    for (k, (h, w)) in head.iter().zip(widths).enumerate() {
        ws.set_column_width(k as u16, w)?;
        ws.write_string_with_format(0, k as u16, h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let [pt, pa, at, ct, ch, fl] = audit::cells(r, t);
        ws.write_string(row, 0, r.region)?;
        ws.write_string(row, 1, metric_label(r.label, r.label_en))?;
        ws.write_string(row, 2, audit::years(r))?;
        for (col, s) in [(3, &pt), (4, &pa), (7, &ct), (8, &ch)] {
            if !s.is_empty() {
                ws.write_string_with_format(row, col, s, &right)?;
            }
        }
        let miss = r.attainment.is_some_and(|x| x.flag == Some(Flag::Missed));
        if !at.is_empty() {
            if miss {
                ws.write_string_with_format(row, 5, &at, &missed)?;
            } else {
                ws.write_string(row, 5, &at)?;
            }
        }
        if let Some(p) = r.attainment.and_then(|x| x.attainment_pct) {
            ws.write_number_with_format(row, 6, p, &pct)?;
        }
        if !fl.is_empty() {
            ws.write_string_with_format(row, 9, &fl, &below)?;
        }
        for (col, f) in [
            (10, &r.prior_target),
            (11, &r.prior_actual),
            (12, &r.current_target),
        ] {
            if let Some(f) = f {
                let text = audit::source(a, f.point);
                ws.write_url_with_text(row, col, Url::new(page_link(a, f)), text)?;
            }
        }
    }
    // Printed (or saved as PDF) the way it is handed in: landscape, one
    // page wide, the header on every page.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, (rows.len() as u32).max(1), head.len() as u16 - 1)?;
    Ok(())
}
