//! Terminal: takes an `Analysis`, gives the tables `yoy report` prints —
//! the counts, the auditor's table (dictionary metrics unless asked for
//! all, cut at the list limit) and the findings by kind and severity.

use super::audit::{self, AuditRow};
use super::{metric_label, Words};
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
        w.t("audit.years"),
        w.t("audit.prior_target"),
        w.t("audit.prior_actual"),
        w.t("audit.attainment"),
        w.t("audit.current_target"),
        w.t("audit.change"),
        w.t("audit.flag"),
        w.t("audit.sources"),
    ]);
    let rows: Vec<AuditRow> = audit::rows(a)
        .into_iter()
        .filter(|r| !only_known || crate::metrics::is_dictionary(r.metric))
        .collect();
    let mut shown = 0;
    for r in rows.iter().take(limit) {
        shown += 1;
        let [pt, pa, at, ct, ch, fl] = audit::cells(r, w);
        let num = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
        t.add_row(vec![
            Cell::new(r.region),
            Cell::new(metric_label(r.label, r.label_en)),
            Cell::new(audit::years(r)),
            num(pt),
            num(pa),
            Cell::new(at),
            num(ct),
            num(ch),
            Cell::new(fl),
            Cell::new(audit::short_sources(a, r)),
        ]);
    }
    let hidden = rows.len() - shown;
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
