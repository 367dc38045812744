//! Terminal: takes an `Analysis`, gives the tables `yoy report` prints —
//! the counts, the comparison (dictionary metrics unless asked for all, cut
//! at the list limit) and the findings by kind and severity.

use super::{cells, Words};
use crate::analysis::Analysis;
use crate::findings::{FindingKind, Severity};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, Table};
use std::fmt::Write as _;

/// What the terminal shows after a run.
pub fn render(a: &Analysis, w: &Words, only_known: bool, limit: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} · {} {} · {} {} · {} {}",
        a.catalog.docs.len(),
        w.t("report.documents"),
        a.figures,
        w.t("report.figures"),
        a.rows.len(),
        w.t("report.comparisons"),
        a.findings.len(),
        w.t("report.findings")
    );
    if !a.skipped.is_empty() {
        let _ = writeln!(out, "{} {}", a.skipped.len(), w.t("report.skipped"));
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        w.t("report.region"),
        w.t("report.metric"),
        w.t("report.prior"),
        w.t("report.current"),
        "Δ",
        "Δ%",
        w.t("report.flag"),
    ]);
    let rows = a
        .rows
        .iter()
        .filter(|r| !only_known || crate::metrics::is_dictionary(&r.metric));
    let mut shown = 0;
    for r in rows.clone().take(limit) {
        shown += 1;
        t.add_row(
            cells(r, w, super::highs(a, r))
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let cell = Cell::new(c);
                    // Δ and Δ% are numbers.
                    if (4..=5).contains(&k) {
                        cell.set_alignment(CellAlignment::Right)
                    } else {
                        cell
                    }
                }),
        );
    }
    let hidden = rows.count() - shown;
    if shown > 0 {
        let _ = writeln!(out, "{t}");
    }
    if hidden > 0 {
        let _ = writeln!(out, "… {hidden} {}", w.t("report.more_comparisons"));
    }
    let mut ft = Table::new();
    ft.load_preset(UTF8_FULL_CONDENSED);
    let mut head = vec![w.t("report.finding")];
    head.extend(Severity::ALL.map(|s| w.severity(s)));
    ft.set_header(head);
    for k in FindingKind::ALL {
        let n = Severity::ALL.map(|s| a.finding_counts.get(&(k, s)).copied().unwrap_or(0));
        if n.iter().sum::<usize>() > 0 {
            let mut row = vec![Cell::new(w.finding_kind(k))];
            row.extend(n.map(|x| Cell::new(x).set_alignment(CellAlignment::Right)));
            ft.add_row(row);
        }
    }
    let _ = writeln!(out, "{ft}");
    out
}
