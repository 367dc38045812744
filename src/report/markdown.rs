//! Markdown: takes an `Analysis`, gives report.md — the summary, the
//! comparison in the auditors' layout, and every finding with its quoted
//! text; each list cut at the list limit with a line saying how many more
//! the CSV files hold.

use super::{audit, md_cell, metric_label, Words};
use crate::analysis::Analysis;
use crate::findings::{FindingKind, Severity};
use std::collections::BTreeMap;
use std::io::Write;

/// Characters of an evidence quote report.md shows.
const QUOTE_CHARS: usize = 120;

/// "… N more (see FILE)" after a list cut at `limit`.
fn more<W: Write>(w: &mut W, t: &Words, n: usize, limit: usize, file: &str) -> std::io::Result<()> {
    if n > limit {
        writeln!(w, "\n… {} {} {}", n - limit, t.t("report.more_in"), file)?;
    }
    Ok(())
}

/// Writes report.md.
pub fn write<W: Write>(w: &mut W, a: &Analysis, t: &Words, limit: usize) -> std::io::Result<()> {
    writeln!(w, "# {}\n", t.t("report.title"))?;
    writeln!(w, "## {}\n", t.t("report.summary"))?;
    writeln!(
        w,
        "| {} | {} | {} | {} | {} | {} |",
        t.t("report.document"),
        t.t("report.doc_title"),
        t.t("report.region"),
        t.t("report.kind"),
        t.t("report.year"),
        t.t("report.figures_col")
    )?;
    writeln!(w, "|---|---|---|---|---|---:|")?;
    for d in a.catalog.docs.iter().take(limit) {
        let inferred = if d.meta.inferred.is_empty() {
            String::new()
        } else {
            format!(
                " ({} {})",
                t.t("report.inferred"),
                d.meta.inferred.join(", ")
            )
        };
        writeln!(
            w,
            "| {} | {} | {} | {} | {}{} | {} |",
            d.id,
            md_cell(&d.meta.title),
            d.meta.region,
            t.doc_kind(d.meta.kind),
            d.meta.year.map(|y| y.to_string()).unwrap_or_default(),
            inferred,
            d.figures
        )?;
    }
    more(w, t, a.catalog.docs.len(), limit, "report.json")?;
    let nf = &a.non_figures;
    let nf_list = nf
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        w,
        "\n{}: {} · {}: {} ({}) · {}: {} · {}: {}\n",
        t.t("report.figures_total"),
        a.figures,
        t.t("report.non_figures_total"),
        nf.values().sum::<usize>(),
        nf_list,
        t.t("report.comparisons_total"),
        a.rows.len(),
        t.t("report.findings_total"),
        a.findings.len()
    )?;
    if !a.skipped.is_empty() {
        writeln!(w, "{}:\n", t.t("report.files_skipped"))?;
        for s in &a.skipped {
            writeln!(w, "- {}", md_cell(s))?;
        }
        writeln!(w)?;
    }
    writeln!(
        w,
        "| {} | {} |\n|---|---:|---:|---:|",
        t.t("report.finding"),
        Severity::ALL.map(|s| t.severity(s)).join(" | ")
    )?;
    let counts = &a.finding_counts;
    for k in FindingKind::ALL {
        let n = Severity::ALL.map(|s| counts.get(&(k, s)).copied().unwrap_or(0).to_string());
        writeln!(w, "| {} | {} |", t.finding_kind(k), n.join(" | "))?;
    }
    writeln!(w, "\n## {}\n", t.t("report.comparison_by_metric"))?;
    let rows = audit::rows(a);
    if rows.is_empty() {
        writeln!(w, "{}\n", t.t("report.none"))?;
    } else {
        writeln!(
            w,
            "| {} |",
            [
                "report.region",
                "report.metric",
                "audit.years",
                "audit.prior_target",
                "audit.prior_actual",
                "audit.attainment",
                "audit.current_target",
                "audit.change",
                "audit.flag",
                "audit.sources",
            ]
            .map(|k| t.t(k))
            .join(" | ")
        )?;
        writeln!(w, "|---|---|---|---:|---:|---|---:|---:|---|---|")?;
        for r in rows.iter().take(limit) {
            let [pt, pa, at, ct, ch, fl] = audit::cells(r, t);
            let cells = [
                r.region.to_string(),
                metric_label(r.label, r.label_en),
                audit::years(r),
                pt,
                pa,
                at,
                ct,
                ch,
                fl,
                audit::sources(a, r).join("; "),
            ];
            writeln!(
                w,
                "| {} |",
                cells
                    .iter()
                    .map(|x| md_cell(x))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )?;
        }
        more(w, t, rows.len(), limit, "comparison.csv")?;
        writeln!(w, "\n{}\n", t.t("audit.pairs"))?;
    }
    findings(w, a, t, limit)
}

/// The findings, sorted by severity first: one pass, a heading whenever
/// the severity changes, each kind cut at `limit` per severity.
fn findings<W: Write>(w: &mut W, a: &Analysis, t: &Words, limit: usize) -> std::io::Result<()> {
    let mut sev: Option<Severity> = None;
    let mut i = 0;
    let mut shown: BTreeMap<FindingKind, usize> = BTreeMap::new();
    let omitted = |w: &mut W, shown: &BTreeMap<FindingKind, usize>| -> std::io::Result<()> {
        for (k, n) in shown {
            if *n > limit {
                writeln!(
                    w,
                    "\n… {} {} {}",
                    n - limit,
                    t.finding_kind(*k),
                    t.t("report.more_findings")
                )?;
            }
        }
        Ok(())
    };
    for f in a.findings.iter()? {
        let f = f?;
        if sev != Some(f.severity) {
            if sev.is_some() {
                omitted(w, &shown)?;
                writeln!(w)?;
            }
            sev = Some(f.severity);
            i = 0;
            shown.clear();
            let n: usize = a
                .finding_counts
                .iter()
                .filter(|((_, s), _)| *s == f.severity)
                .map(|(_, n)| n)
                .sum();
            writeln!(w, "### {} ({})\n", t.severity(f.severity), n)?;
        }
        i += 1;
        let n = shown.entry(f.kind).or_insert(0);
        *n += 1;
        if *n > limit {
            continue;
        }
        writeln!(
            w,
            "{}. {}**{}** {}{}{} `{}`",
            i,
            a.status(&f)
                .map(|s| format!("[{}] ", t.status(s)))
                .unwrap_or_default(),
            t.finding_kind(f.kind),
            if f.metric.is_empty() {
                String::new()
            } else {
                format!("`{}` ", f.metric)
            },
            f.year.map(|y| format!("{y} ")).unwrap_or_default(),
            md_cell(&f.message(t.m, t.lang)),
            f.id()
        )?;
        for e in &f.evidence {
            let q: String = e.quote.chars().take(QUOTE_CHARS).collect();
            let more = if q.len() < e.quote.len() { "…" } else { "" };
            writeln!(
                w,
                "   > {}{} — `{}` {} {}",
                md_cell(&q.replace('\n', " ")),
                more,
                e.span(),
                t.t("report.line"),
                e.line
            )?;
        }
    }
    if sev.is_some() {
        omitted(w, &shown)?;
        writeln!(w)?;
    }
    Ok(())
}
