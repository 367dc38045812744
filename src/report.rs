//! Report: takes the extracted documents, runs compare and findings, gives
//! the reports: terminal tables, report.md, comparison.csv, findings.csv,
//! facts.csv, report.json (and report.html, see `html`). Writes are atomic
//! (temporary file, then rename) and deterministic.

use crate::compare::{self, Row, Side};
use crate::extract::{DocExtraction, Figure};
use crate::figures::Role;
use crate::findings::{self, Finding, FindingKind, Inputs, Lang, Severity};
use crate::frame::{facts_frame, write_frame, Format, FrameError};
use crate::lexicon::Lexicon;
use crate::numbers::format_value;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, Table};
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use thiserror::Error;

pub mod html;

#[derive(Debug, Error)]
pub enum ReportError {
    #[error("building the comparison: {0}")]
    Polars(#[from] PolarsError),
    #[error(transparent)]
    Frame(#[from] FrameError),
    #[error("{path}: cannot write: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: folder exists and was not written by yoy; use --force to overwrite it")]
    NotOurs { path: PathBuf },
}

/// Everything a report shows.
pub struct Report {
    pub docs: Vec<DocExtraction>,
    /// Every numeric expression, figures and non-figures, in document order.
    pub figures: Vec<Figure>,
    pub sides: Vec<Side>,
    pub comparison: DataFrame,
    pub rows: Vec<Row>,
    pub findings: Vec<Finding>,
    pub skipped: Vec<String>,
}

/// Runs compare and findings over extracted documents.
pub fn build(
    docs: Vec<DocExtraction>,
    lx: &Lexicon,
    skipped: Vec<String>,
) -> Result<Report, ReportError> {
    let figures: Vec<Figure> = docs
        .iter()
        .flat_map(|d| d.figures.iter().cloned())
        .collect();
    let sides = compare::consolidate(&figures);
    let sides_df = compare::sides_frame(&sides, &figures)?;
    let mut comparison = compare::comparison_frame(&sides_df)?;
    let rows = compare::rows(&comparison)?;
    let met: Vec<Option<bool>> = rows.iter().map(|r| r.met()).collect();
    let flags: Vec<String> = rows.iter().map(|r| flag(r).to_string()).collect();
    comparison.with_column(Column::new("met".into(), met))?;
    comparison.with_column(Column::new("flag".into(), flags))?;
    let findings = findings::find(&Inputs {
        docs: &docs,
        figures: &figures,
        sides: &sides,
        rows: &rows,
        config: &lx.config,
        lexicon: lx,
    });
    Ok(Report {
        docs,
        figures,
        sides,
        comparison,
        rows,
        findings,
        skipped,
    })
}

/// A short tag for a comparison row.
pub fn flag(r: &Row) -> &'static str {
    match r.comparison.as_str() {
        "actual_vs_target" => match r.met() {
            Some(true) => "met",
            _ => "missed",
        },
        "actual_vs_next_target" => {
            if r.to_value < r.from_value {
                "below_prior_actual"
            } else {
                ""
            }
        }
        _ => {
            if r.from_qualifier != r.to_qualifier && r.from_value == r.to_value {
                "qualifier_changed"
            } else if r.to_value > r.from_value {
                "up"
            } else if r.to_value < r.from_value {
                "down"
            } else {
                "same"
            }
        }
    }
}

fn flag_text(f: &str, lang: Lang) -> &'static str {
    match (f, lang) {
        ("met", Lang::Zh) => "✓ 完成",
        ("met", Lang::En) => "✓ met",
        ("missed", Lang::Zh) => "✗ 未完成",
        ("missed", Lang::En) => "✗ missed",
        ("below_prior_actual", Lang::Zh) => "⚠ 低于上年实际",
        ("below_prior_actual", Lang::En) => "⚠ below prior actual",
        ("qualifier_changed", Lang::Zh) => "限定词变化",
        ("qualifier_changed", Lang::En) => "qualifier changed",
        ("up", _) => "↑",
        ("down", _) => "↓",
        ("same", _) => "=",
        _ => "",
    }
}

fn qual_suffix(q: &str) -> &'static str {
    match q {
        "ge" => "以上",
        "gt" => "余",
        "approx" => "左右",
        "le" => "以内",
        "lt" => "不到",
        _ => "",
    }
}

/// "35万人以上"-style display of a value in base units.
pub fn show_value(v: f64, unit: &str, q: &str) -> String {
    format!("{}{}{}", format_value(v), unit, qual_suffix(q))
}

fn pct(v: Option<f64>) -> String {
    v.map(|p| format!("{p:+.1}%"))
        .unwrap_or_else(|| "n/m".into())
}

/// Headings and labels in the report's language.
pub struct Words {
    pub lang: Lang,
}

impl Words {
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
    pub fn comparison(&self, c: &str) -> &'static str {
        match c {
            "target_vs_next_target" => {
                self.t("目标对下一年目标", "Target against next year's target")
            }
            "actual_vs_target" => {
                self.t("实际对目标(完成率)", "Actual against target (attainment)")
            }
            _ => self.t("实际对下一年目标", "Actual against next year's target"),
        }
    }
}

/// Metric label in both languages.
pub fn metric_label(label: &str, en: &str) -> String {
    if en.is_empty() || en == label {
        label.to_string()
    } else {
        format!("{label} / {en}")
    }
}

impl Report {
    pub fn figure_count(&self) -> usize {
        self.figures
            .iter()
            .filter(|f| f.role == Role::Figure)
            .count()
    }

    pub fn non_figure_counts(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for f in self.figures.iter().filter(|f| f.role != Role::Figure) {
            *m.entry(f.role.as_str()).or_insert(0) += 1;
        }
        m
    }

    pub fn finding_counts(&self) -> BTreeMap<(FindingKind, Severity), usize> {
        let mut m = BTreeMap::new();
        for f in &self.findings {
            *m.entry((f.kind, f.severity)).or_insert(0) += 1;
        }
        m
    }

    /// The comparison table for the terminal and markdown.
    fn comparison_cells(&self, lang: Lang) -> Vec<(String, [String; 7])> {
        self.rows
            .iter()
            .map(|r| {
                let label = metric_label(&r.label, &r.label_en);
                let prior = format!(
                    "{} {} {}",
                    r.from_year,
                    kind_word(&r.from_kind, lang),
                    show_value(r.from_value, &r.unit, &r.from_qualifier)
                );
                let current = format!(
                    "{} {} {}",
                    r.to_year,
                    kind_word(&r.to_kind, lang),
                    show_value(r.to_value, &r.unit, &r.to_qualifier)
                );
                let delta = if r.comparison == "actual_vs_target" {
                    r.attainment_pct
                        .map(|p| format!("{p:.1}%"))
                        .unwrap_or_else(|| "n/m".into())
                } else {
                    format!(
                        "{:+}",
                        format_value(r.change).parse::<f64>().unwrap_or(r.change)
                    )
                };
                let dpct = if r.comparison == "actual_vs_target" {
                    String::new()
                } else {
                    pct(r.change_pct)
                };
                (
                    r.comparison.clone(),
                    [
                        r.region.clone(),
                        label,
                        prior,
                        current,
                        delta,
                        dpct,
                        flag_text(flag(r), lang).to_string(),
                    ],
                )
            })
            .collect()
    }

    /// What the terminal shows after a run.
    pub fn terminal(&self, lang: Lang, only_known: bool) -> String {
        let w = Words { lang };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {} · {} {} · {} {} · {} {}",
            self.docs.len(),
            w.t("份文件", "documents"),
            self.figure_count(),
            w.t("个数字", "figures"),
            self.rows.len(),
            w.t("项比较", "comparisons"),
            self.findings.len(),
            w.t("项发现", "findings")
        );
        if !self.skipped.is_empty() {
            let _ = writeln!(
                out,
                "{} {}",
                self.skipped.len(),
                w.t("个文件未能读取(见上)", "files skipped (see above)")
            );
        }
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED);
        t.set_header(vec![
            w.t("地区", "region"),
            w.t("指标", "metric"),
            w.t("前值", "prior"),
            w.t("现值", "current"),
            "Δ",
            "Δ%",
            w.t("标记", "flag"),
        ]);
        let mut shown = 0;
        for (i, (_, cells)) in self.comparison_cells(lang).into_iter().enumerate() {
            if only_known && self.rows[i].metric.starts_with("auto:") {
                continue;
            }
            shown += 1;
            t.add_row(cells.iter().enumerate().map(|(k, c)| {
                let cell = Cell::new(c);
                if (4..=5).contains(&k) {
                    cell.set_alignment(CellAlignment::Right)
                } else {
                    cell
                }
            }));
        }
        if shown > 0 {
            let _ = writeln!(out, "{t}");
        }
        let mut ft = Table::new();
        ft.load_preset(UTF8_FULL_CONDENSED);
        ft.set_header(vec![w.t("发现", "finding"), "error", "warning", "info"]);
        let counts = self.finding_counts();
        for k in FindingKind::ALL {
            let n = |s| counts.get(&(k, s)).copied().unwrap_or(0);
            let (e, wa, i) = (n(Severity::Error), n(Severity::Warning), n(Severity::Info));
            if e + wa + i > 0 {
                ft.add_row(vec![
                    Cell::new(k.as_str()),
                    Cell::new(e).set_alignment(CellAlignment::Right),
                    Cell::new(wa).set_alignment(CellAlignment::Right),
                    Cell::new(i).set_alignment(CellAlignment::Right),
                ]);
            }
        }
        let _ = writeln!(out, "{ft}");
        out
    }

    /// report.md.
    pub fn markdown(&self, lang: Lang) -> String {
        let w = Words { lang };
        let mut md = String::new();
        let _ = writeln!(
            md,
            "# {}\n",
            w.t("yoy 逐年对照报告", "yoy year-over-year report")
        );
        let _ = writeln!(md, "## {}\n", w.t("概要", "Summary"));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            w.t("文件", "document"),
            w.t("标题", "title"),
            w.t("地区", "region"),
            w.t("类型", "kind"),
            w.t("年份", "year"),
            w.t("数字", "figures")
        );
        let _ = writeln!(md, "|---|---|---|---|---|---:|");
        for d in &self.docs {
            let n = d.figures.iter().filter(|f| f.role == Role::Figure).count();
            let inferred = if d.doc.meta.inferred.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} {})",
                    w.t("推断:", "inferred:"),
                    d.doc.meta.inferred.join(", ")
                )
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {}{} | {} |",
                d.doc.id,
                md_cell(&d.doc.meta.title),
                d.doc.meta.region,
                d.doc.meta.kind,
                d.doc.meta.year.map(|y| y.to_string()).unwrap_or_default(),
                inferred,
                n
            );
        }
        let nf = self.non_figure_counts();
        let nf_list = nf
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            md,
            "\n{}: {} · {}: {} ({}) · {}: {} · {}: {}\n",
            w.t("数字", "Figures"),
            self.figure_count(),
            w.t("非数量数字", "Non-figures"),
            nf.values().sum::<usize>(),
            nf_list,
            w.t("比较", "Comparisons"),
            self.rows.len(),
            w.t("发现", "Findings"),
            self.findings.len()
        );
        if !self.skipped.is_empty() {
            let _ = writeln!(md, "{}:\n", w.t("未能读取的文件", "Files skipped"));
            for s in &self.skipped {
                let _ = writeln!(md, "- {}", md_cell(s));
            }
            md.push('\n');
        }
        let _ = writeln!(
            md,
            "| {} | error | warning | info |\n|---|---:|---:|---:|",
            w.t("发现", "finding")
        );
        let counts = self.finding_counts();
        for k in FindingKind::ALL {
            let n = |s| counts.get(&(k, s)).copied().unwrap_or(0);
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                k.as_str(),
                n(Severity::Error),
                n(Severity::Warning),
                n(Severity::Info)
            );
        }
        let _ = writeln!(md, "\n## {}\n", w.t("按指标对照", "Comparison by metric"));
        let cells = self.comparison_cells(lang);
        for c in [
            "target_vs_next_target",
            "actual_vs_target",
            "actual_vs_next_target",
        ] {
            let rows: Vec<&(String, [String; 7])> = cells.iter().filter(|(k, _)| k == c).collect();
            let _ = writeln!(md, "### {}\n", w.comparison(c));
            if rows.is_empty() {
                let _ = writeln!(md, "{}\n", w.t("(无)", "(none)"));
                continue;
            }
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | Δ | Δ% | {} |",
                w.t("地区", "region"),
                w.t("指标", "metric"),
                w.t("前值", "prior"),
                w.t("现值", "current"),
                w.t("标记", "flag")
            );
            let _ = writeln!(md, "|---|---|---|---|---:|---:|---|");
            for (_, r) in rows {
                let _ = writeln!(
                    md,
                    "| {} |",
                    r.iter().map(|x| md_cell(x)).collect::<Vec<_>>().join(" | ")
                );
            }
            md.push('\n');
        }
        let _ = writeln!(md, "## {}\n", w.t("发现", "Findings"));
        for sev in [Severity::Error, Severity::Warning, Severity::Info] {
            let fs: Vec<&Finding> = self.findings.iter().filter(|f| f.severity == sev).collect();
            if fs.is_empty() {
                continue;
            }
            let _ = writeln!(md, "### {} ({})\n", sev.as_str(), fs.len());
            for (i, f) in fs.iter().enumerate() {
                let _ = writeln!(
                    md,
                    "{}. **{}** {}{}{}",
                    i + 1,
                    f.kind.as_str(),
                    if f.metric.is_empty() {
                        String::new()
                    } else {
                        format!("`{}` ", f.metric)
                    },
                    f.year.map(|y| format!("{y} ")).unwrap_or_default(),
                    md_cell(f.message(lang))
                );
                for e in &f.evidence {
                    let q: String = e.quote.chars().take(120).collect();
                    let more = if q.len() < e.quote.len() { "…" } else { "" };
                    let _ = writeln!(
                        md,
                        "   > {}{} — `{}` {} {}",
                        md_cell(&q.replace('\n', " ")),
                        more,
                        e.span(),
                        w.t("第", "line"),
                        e.line
                    );
                }
            }
            md.push('\n');
        }
        md
    }

    /// findings.csv as a frame.
    pub fn findings_frame(&self, lang: Lang) -> PolarsResult<DataFrame> {
        let f = &self.findings;
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
                s("message", &|x| x.message(lang).to_string()),
                s("evidence", &|x| x.evidence_refs()),
                s("quotes", &|x| {
                    x.evidence
                        .iter()
                        .map(|e| {
                            e.quote
                                .chars()
                                .take(80)
                                .collect::<String>()
                                .replace('\n', " ")
                        })
                        .collect::<Vec<_>>()
                        .join(" | ")
                }),
            ],
        )
    }

    /// report.json: summary, documents, comparison, findings, facts.
    pub fn json(&self, lang: Lang) -> Result<String, ReportError> {
        #[derive(Serialize)]
        struct Doc<'a> {
            id: &'a str,
            title: &'a str,
            region: &'a str,
            kind: &'static str,
            year: Option<i32>,
            published: Option<&'a str>,
            inferred: &'a [&'static str],
            encoding: &'static str,
            figures: usize,
        }
        #[derive(Serialize)]
        struct Cmp<'a> {
            region: &'a str,
            metric: &'a str,
            metric_label: &'a str,
            metric_en: &'a str,
            comparison: &'a str,
            from_year: i32,
            from_kind: &'a str,
            from_value: f64,
            from_qualifier: &'a str,
            to_year: i32,
            to_kind: &'a str,
            to_value: f64,
            to_qualifier: &'a str,
            unit: &'a str,
            change: f64,
            change_pct: Option<f64>,
            attainment_pct: Option<f64>,
            met: Option<bool>,
            flag: &'static str,
            evidence: Vec<&'a str>,
        }
        #[derive(Serialize)]
        struct Fact<'a> {
            doc: &'a str,
            line: usize,
            start: usize,
            end: usize,
            quote: &'a str,
            value: f64,
            unit: &'a str,
            qualifier: &'static str,
            low: Option<f64>,
            high: Option<f64>,
            year: Option<i32>,
            kind: Option<&'static str>,
            metric: &'a str,
            metric_label: &'a str,
            region: &'a str,
            section: &'a str,
            item: &'a str,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            lang: Lang,
            documents: Vec<Doc<'a>>,
            skipped: &'a [String],
            figures: usize,
            non_figures: BTreeMap<&'static str, usize>,
            comparison: Vec<Cmp<'a>>,
            findings: Vec<serde_json::Value>,
            facts: Vec<Fact<'a>>,
        }
        let out = Out {
            lang,
            documents: self
                .docs
                .iter()
                .map(|d| Doc {
                    id: &d.doc.id,
                    title: &d.doc.meta.title,
                    region: &d.doc.meta.region,
                    kind: d.doc.meta.kind.as_str(),
                    year: d.doc.meta.year,
                    published: d.doc.meta.published.as_deref(),
                    inferred: &d.doc.meta.inferred,
                    encoding: d.doc.encoding,
                    figures: d.figures.iter().filter(|f| f.role == Role::Figure).count(),
                })
                .collect(),
            skipped: &self.skipped,
            figures: self.figure_count(),
            non_figures: self.non_figure_counts(),
            comparison: self
                .rows
                .iter()
                .map(|r| Cmp {
                    region: &r.region,
                    metric: &r.metric,
                    metric_label: &r.label,
                    metric_en: &r.label_en,
                    comparison: &r.comparison,
                    from_year: r.from_year,
                    from_kind: &r.from_kind,
                    from_value: r.from_value,
                    from_qualifier: &r.from_qualifier,
                    to_year: r.to_year,
                    to_kind: &r.to_kind,
                    to_value: r.to_value,
                    to_qualifier: &r.to_qualifier,
                    unit: &r.unit,
                    change: r.change,
                    change_pct: r.change_pct,
                    attainment_pct: r.attainment_pct,
                    met: r.met(),
                    flag: flag(r),
                    evidence: r.evidence.split(';').collect(),
                })
                .collect(),
            findings: self
                .findings
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "kind": f.kind, "severity": f.severity, "region": f.region, "metric": f.metric,
                        "year": f.year, "message": f.message(lang), "message_zh": f.message_zh,
                        "message_en": f.message_en, "evidence": f.evidence,
                    })
                })
                .collect(),
            facts: self
                .figures
                .iter()
                .filter(|f| f.role == Role::Figure)
                .map(|f| Fact {
                    doc: &f.doc,
                    line: f.line,
                    start: f.start,
                    end: f.end,
                    quote: &f.quote,
                    value: f.value,
                    unit: &f.unit,
                    qualifier: f.qualifier.as_str(),
                    low: f.low,
                    high: f.high,
                    year: f.year,
                    kind: f.kind.map(|k| k.as_str()),
                    metric: &f.metric,
                    metric_label: &f.metric_label,
                    region: &f.region,
                    section: &f.section,
                    item: &f.item,
                })
                .collect(),
        };
        serde_json::to_string_pretty(&out).map_err(|e| ReportError::Io {
            path: "report.json".into(),
            source: std::io::Error::other(e),
        })
    }
}

fn kind_word(k: &str, lang: Lang) -> &'static str {
    match (k, lang) {
        ("target", Lang::Zh) => "目标",
        ("actual", Lang::Zh) => "实际",
        ("target", Lang::En) => "target",
        _ => "actual",
    }
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The marker that says a folder holds yoy's reports.
pub const MARKER: &str = ".yoy-report";

/// Writes `bytes` to `path` atomically: a temporary file beside it, then
/// a rename, so an interrupted run never leaves half a report.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let tmp = path.with_extension(format!(
        "{}.tmp",
        path.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    let io = |e| ReportError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// Writes every report file into `dir`. An existing folder is only
/// written into when it holds yoy's marker, is empty, or `force` is set.
/// CSV files start with a UTF-8 BOM so Excel opens the Chinese text right.
pub fn write_all(
    r: &Report,
    dir: &Path,
    lang: Lang,
    force: bool,
) -> Result<Vec<PathBuf>, ReportError> {
    if dir.exists() && !force && !dir.join(MARKER).exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(ReportError::NotOurs {
                path: dir.to_path_buf(),
            });
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| ReportError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut written = Vec::new();
    let mut put = |name: &str, bytes: Vec<u8>| -> Result<(), ReportError> {
        let p = dir.join(name);
        write_atomic(&p, &bytes)?;
        written.push(p);
        Ok(())
    };
    let csv = |df: &mut DataFrame| -> Result<Vec<u8>, ReportError> {
        let mut buf = Vec::new();
        write_frame(df, Format::Csv, true, &mut buf)?;
        Ok(buf)
    };
    put(
        MARKER,
        b"Written by yoy; yoy report may overwrite this folder.\n".to_vec(),
    )?;
    put("report.md", r.markdown(lang).into_bytes())?;
    let figs: Vec<&Figure> = r
        .figures
        .iter()
        .filter(|f| f.role == Role::Figure)
        .collect();
    put("facts.csv", csv(&mut facts_frame(&figs)?)?)?;
    put("comparison.csv", csv(&mut r.comparison.clone())?)?;
    put("findings.csv", csv(&mut r.findings_frame(lang)?)?)?;
    put("report.json", r.json(lang)?.into_bytes())?;
    put("report.html", html::render(r, lang).into_bytes())?;
    Ok(written)
}
