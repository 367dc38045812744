//! Report: takes what the pipeline kept (the catalog, the comparable
//! points, each document's own findings), runs compare and the
//! cross-document findings, gives the reports: terminal tables, report.md,
//! comparison.csv, findings.csv, facts.csv, report.json (and report.html,
//! see `html`). Every file is streamed to disk, facts batch by batch as
//! documents are extracted (`ReportFiles`); writes are atomic (temporary
//! file, then rename) and deterministic.

use crate::compare::{self, Catalog, Point, Row, Side, LINK_COLUMNS};
use crate::extract::{DocExtraction, Figure};
use crate::figures::Role;
use crate::findings::{self, Finding, FindingKind, Inputs, Lang, Severity};
use crate::frame::{facts_frame, write_frame, Format, FrameError, PartWriter};
use crate::numbers::format_value;
use crate::pipeline::{Collector, Sink};
use crate::spill::Sorted;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, Table};
use polars::prelude::*;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
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
    /// Documents, metrics and units, named once.
    pub catalog: Catalog,
    /// Every comparable figure (a metric, a year and a kind), in corpus
    /// order.
    pub points: Vec<Point>,
    /// Figures proper, and the non-figures by role.
    pub figures: usize,
    pub non_figures: BTreeMap<&'static str, usize>,
    pub sides: Vec<Side>,
    /// The comparison as written to comparison.csv.
    pub comparison: DataFrame,
    pub rows: Vec<Row>,
    /// Every finding in report order (read with `findings.iter()`; a large
    /// corpus's are on disk).
    pub findings: Sorted<Finding>,
    pub finding_counts: findings::Counts,
    pub skipped: Vec<String>,
}

/// How much the readable reports (report.md, report.html) show; the CSV
/// files and report.json always hold everything.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Documents, rows per comparison, findings per kind and severity,
    /// metric charts.
    pub list: usize,
    /// report.html embeds document text up to this many bytes of corpus.
    pub embed_bytes: u64,
}

impl Limits {
    pub fn from_config(c: &crate::lexicon::Config) -> Limits {
        Limits {
            list: c.list_limit,
            embed_bytes: (c.embed_limit_mb.max(0.0) * 1_048_576.0) as u64,
        }
    }
}

impl Report {
    /// Runs compare and the cross-document findings over what the
    /// pipeline kept (with the findings of each document's own checks).
    pub fn assemble(c: Collector, skipped: Vec<String>) -> Result<Report, ReportError> {
        let Collector {
            lx,
            catalog,
            points,
            mut findings,
            non_figures,
        } = c;
        let figures = catalog.docs.iter().map(|d| d.figures).sum();
        let timer = crate::pipeline::Timer::start();
        let sides = compare::consolidate(&catalog, &points);
        timer.lap(&format!(
            "sides: {} from {} points",
            sides.len(),
            points.len()
        ));
        let sides_df = compare::sides_frame(&catalog, &sides, &points)?;
        timer.lap(&format!("sides frame: {} that can join", sides_df.height()));
        let mut comparison = compare::comparison_frame(&sides_df)?;
        drop(sides_df);
        let rows = compare::rows(&comparison)?;
        let met: Vec<Option<bool>> = rows.iter().map(|r| r.met()).collect();
        let flags: Vec<&str> = rows.iter().map(flag).collect();
        comparison.with_column(Column::new("met".into(), met))?;
        comparison.with_column(Column::new("flag".into(), flags))?;
        let comparison = comparison.drop_many(LINK_COLUMNS);
        timer.lap("comparison");
        findings::across(
            &Inputs {
                catalog: &catalog,
                points: &points,
                sides: &sides,
                rows: &rows,
                config: &lx.config,
            },
            &mut findings,
        );
        let (findings, finding_counts) = findings.finish()?;
        timer.lap("findings");
        Ok(Report {
            catalog,
            points,
            figures,
            non_figures,
            sides,
            comparison,
            rows,
            findings,
            finding_counts,
            skipped,
        })
    }
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
    /// A comparison row's cells for the terminal and markdown.
    fn cells(r: &Row, lang: Lang) -> [String; 7] {
        {
            {
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
                [
                    r.region.clone(),
                    label,
                    prior,
                    current,
                    delta,
                    dpct,
                    flag_text(flag(r), lang).to_string(),
                ]
            }
        }
    }

    /// What the terminal shows after a run.
    pub fn terminal(&self, lang: Lang, only_known: bool, limit: usize) -> String {
        let w = Words { lang };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {} · {} {} · {} {} · {} {}",
            self.catalog.docs.len(),
            w.t("份文件", "documents"),
            self.figures,
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
        let rows = self
            .rows
            .iter()
            .filter(|r| !only_known || crate::metrics::is_dictionary(&r.metric));
        let mut shown = 0;
        for r in rows.clone().take(limit) {
            shown += 1;
            t.add_row(Self::cells(r, lang).iter().enumerate().map(|(k, c)| {
                let cell = Cell::new(c);
                if (4..=5).contains(&k) {
                    cell.set_alignment(CellAlignment::Right)
                } else {
                    cell
                }
            }));
        }
        let hidden = rows.count() - shown;
        if shown > 0 {
            let _ = writeln!(out, "{t}");
        }
        if hidden > 0 {
            let _ = writeln!(
                out,
                "… {hidden} {}",
                w.t(
                    "项比较未列出,见 comparison.csv",
                    "more comparisons in comparison.csv"
                )
            );
        }
        let mut ft = Table::new();
        ft.load_preset(UTF8_FULL_CONDENSED);
        ft.set_header(vec![w.t("发现", "finding"), "error", "warning", "info"]);
        let counts = &self.finding_counts;
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

    /// report.md: the summary, the comparison and the findings, each list
    /// cut at `limit` entries with a line saying how many more the CSV
    /// files hold.
    pub fn markdown<W: Write>(&self, w: &mut W, lang: Lang, limit: usize) -> std::io::Result<()> {
        let t = Words { lang };
        writeln!(
            w,
            "# {}\n",
            t.t("yoy 逐年对照报告", "yoy year-over-year report")
        )?;
        writeln!(w, "## {}\n", t.t("概要", "Summary"))?;
        writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} |",
            t.t("文件", "document"),
            t.t("标题", "title"),
            t.t("地区", "region"),
            t.t("类型", "kind"),
            t.t("年份", "year"),
            t.t("数字", "figures")
        )?;
        writeln!(w, "|---|---|---|---|---|---:|")?;
        for d in self.catalog.docs.iter().take(limit) {
            let inferred = if d.meta.inferred.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} {})",
                    t.t("推断:", "inferred:"),
                    d.meta.inferred.join(", ")
                )
            };
            writeln!(
                w,
                "| {} | {} | {} | {} | {}{} | {} |",
                d.id,
                md_cell(&d.meta.title),
                d.meta.region,
                d.meta.kind,
                d.meta.year.map(|y| y.to_string()).unwrap_or_default(),
                inferred,
                d.figures
            )?;
        }
        more(w, &t, self.catalog.docs.len(), limit, "report.json")?;
        let nf = &self.non_figures;
        let nf_list = nf
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        writeln!(
            w,
            "\n{}: {} · {}: {} ({}) · {}: {} · {}: {}\n",
            t.t("数字", "Figures"),
            self.figures,
            t.t("非数量数字", "Non-figures"),
            nf.values().sum::<usize>(),
            nf_list,
            t.t("比较", "Comparisons"),
            self.rows.len(),
            t.t("发现", "Findings"),
            self.findings.len()
        )?;
        if !self.skipped.is_empty() {
            writeln!(w, "{}:\n", t.t("未能读取的文件", "Files skipped"))?;
            for s in &self.skipped {
                writeln!(w, "- {}", md_cell(s))?;
            }
            writeln!(w)?;
        }
        writeln!(
            w,
            "| {} | error | warning | info |\n|---|---:|---:|---:|",
            t.t("发现", "finding")
        )?;
        let counts = &self.finding_counts;
        for k in FindingKind::ALL {
            let n = |s| counts.get(&(k, s)).copied().unwrap_or(0);
            writeln!(
                w,
                "| {} | {} | {} | {} |",
                k.as_str(),
                n(Severity::Error),
                n(Severity::Warning),
                n(Severity::Info)
            )?;
        }
        writeln!(w, "\n## {}\n", t.t("按指标对照", "Comparison by metric"))?;
        for c in [
            "target_vs_next_target",
            "actual_vs_target",
            "actual_vs_next_target",
        ] {
            let rows = self.rows.iter().filter(|r| r.comparison == c);
            let n = rows.clone().count();
            writeln!(w, "### {}\n", t.comparison(c))?;
            if n == 0 {
                writeln!(w, "{}\n", t.t("(无)", "(none)"))?;
                continue;
            }
            writeln!(
                w,
                "| {} | {} | {} | {} | Δ | Δ% | {} |",
                t.t("地区", "region"),
                t.t("指标", "metric"),
                t.t("前值", "prior"),
                t.t("现值", "current"),
                t.t("标记", "flag")
            )?;
            writeln!(w, "|---|---|---|---|---:|---:|---|")?;
            for r in rows.take(limit) {
                writeln!(
                    w,
                    "| {} |",
                    Self::cells(r, lang)
                        .iter()
                        .map(|x| md_cell(x))
                        .collect::<Vec<_>>()
                        .join(" | ")
                )?;
            }
            more(w, &t, n, limit, "comparison.csv")?;
            writeln!(w)?;
        }
        // Findings come sorted by severity first: one pass, a heading
        // whenever the severity changes.
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
                        k.as_str(),
                        t.t("项未列出,见 findings.csv", "more in findings.csv")
                    )?;
                }
            }
            Ok(())
        };
        for f in self.findings.iter()? {
            let f = f?;
            if sev != Some(f.severity) {
                if sev.is_some() {
                    omitted(w, &shown)?;
                    writeln!(w)?;
                }
                sev = Some(f.severity);
                i = 0;
                shown.clear();
                let n: usize = counts
                    .iter()
                    .filter(|((_, s), _)| *s == f.severity)
                    .map(|(_, n)| n)
                    .sum();
                writeln!(w, "### {} ({})\n", f.severity.as_str(), n)?;
            }
            i += 1;
            let n = shown.entry(f.kind).or_insert(0);
            *n += 1;
            if *n > limit {
                continue;
            }
            writeln!(
                w,
                "{}. **{}** {}{}{}",
                i,
                f.kind.as_str(),
                if f.metric.is_empty() {
                    String::new()
                } else {
                    format!("`{}` ", f.metric)
                },
                f.year.map(|y| format!("{y} ")).unwrap_or_default(),
                md_cell(f.message(lang))
            )?;
            for e in &f.evidence {
                let q: String = e.quote.chars().take(120).collect();
                let more = if q.len() < e.quote.len() { "…" } else { "" };
                writeln!(
                    w,
                    "   > {}{} — `{}` {} {}",
                    md_cell(&q.replace('\n', " ")),
                    more,
                    e.span(),
                    t.t("第", "line"),
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

    /// findings.csv as a frame, for a slice of the findings.
    pub fn findings_frame(f: &[Finding], lang: Lang) -> PolarsResult<DataFrame> {
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

    /// findings.csv, written in slices so that no frame of every finding
    /// is ever built (UTF-8 with a BOM for Excel).
    pub fn findings_csv<W: Write>(&self, mut w: W, lang: Lang) -> std::io::Result<()> {
        const SLICE: usize = 5_000;
        let mut first = true;
        let mut part: Vec<Finding> = Vec::with_capacity(SLICE.min(self.findings.len()));
        let mut stream = self.findings.iter()?.peekable();
        loop {
            let f = stream.next().transpose()?;
            let done = f.is_none();
            part.extend(f);
            if part.len() == SLICE || (done && (first || !part.is_empty())) {
                CsvWriter::new(&mut w)
                    .include_bom(first)
                    .include_header(first)
                    .finish(&mut Self::findings_frame(&part, lang).map_err(std::io::Error::other)?)
                    .map_err(std::io::Error::other)?;
                first = false;
                part.clear();
            }
            if done {
                return Ok(());
            }
        }
    }

    /// The rest of report.json after its facts (streamed during the
    /// extraction): summary, documents, comparison and findings.
    fn json<W: Write>(&self, w: &mut W, lang: Lang) -> std::io::Result<()> {
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
        struct Fnd<'a> {
            kind: FindingKind,
            severity: Severity,
            region: &'a str,
            metric: &'a str,
            year: Option<i32>,
            message: &'a str,
            message_zh: &'a str,
            message_en: &'a str,
            evidence: &'a [findings::Evidence],
        }
        write!(w, "\"lang\": ")?;
        html::to_writer(w, &lang, false)?;
        write!(w, ",\n\"documents\": [")?;
        html::each(w, &self.catalog.docs, |w, d| {
            html::to_writer(w, &DocOut::of(d, None), false)
        })?;
        write!(w, "],\n\"skipped\": ")?;
        html::to_writer(w, &self.skipped, false)?;
        write!(w, ",\n\"figures\": {},\n\"non_figures\": ", self.figures)?;
        html::to_writer(w, &self.non_figures, false)?;
        write!(w, ",\n\"comparison\": [")?;
        html::each(w, &self.rows, |w, r| {
            html::to_writer(
                w,
                &Cmp {
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
                },
                false,
            )
        })?;
        write!(w, "],\n\"findings\": [")?;
        html::each_result(w, self.findings.iter()?, |w, f| {
            html::to_writer(
                w,
                &Fnd {
                    kind: f.kind,
                    severity: f.severity,
                    region: &f.region,
                    metric: &f.metric,
                    year: f.year,
                    message: f.message(lang),
                    message_zh: &f.message_zh,
                    message_en: &f.message_en,
                    evidence: &f.evidence,
                },
                false,
            )
        })?;
        writeln!(w, "]}}")
    }
}

/// "… N more (see FILE)" after a list cut at `limit`.
fn more<W: Write>(w: &mut W, t: &Words, n: usize, limit: usize, file: &str) -> std::io::Result<()> {
    if n > limit {
        writeln!(
            w,
            "\n… {} {} {}",
            n - limit,
            t.t("项未列出,见", "more in"),
            file
        )?;
    }
    Ok(())
}

/// A figure as report.json and report.html give it.
#[derive(Serialize)]
pub(crate) struct FactOut<'a> {
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
    metric_en: &'a str,
    category: &'a str,
    region: &'a str,
    section: &'a str,
    item: &'a str,
    /// The sentence around the figure, for the page's source panel.
    sentence_start: usize,
    sentence_end: usize,
    /// The page, for documents with pages (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
}

impl<'a> FactOut<'a> {
    pub(crate) fn of(f: &'a Figure) -> Self {
        FactOut {
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
            metric_en: &f.metric_en,
            category: &f.category,
            region: &f.region,
            section: &f.section,
            item: &f.item,
            sentence_start: f.sentence_start,
            sentence_end: f.sentence_end,
            page: f.page,
        }
    }
}

/// A document as report.json and report.html list it; the page's carries
/// its text when the corpus is small enough to embed.
#[derive(Serialize)]
pub(crate) struct DocOut<'a> {
    id: &'a str,
    title: &'a str,
    region: &'a str,
    kind: &'static str,
    year: Option<i32>,
    published: Option<&'a str>,
    inferred: &'a [&'static str],
    encoding: &'static str,
    figures: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

impl<'a> DocOut<'a> {
    pub(crate) fn of(d: &'a compare::DocInfo, text: Option<&'a str>) -> Self {
        DocOut {
            id: &d.id,
            title: &d.meta.title,
            region: &d.meta.region,
            kind: d.meta.kind.as_str(),
            year: d.meta.year,
            published: d.meta.published.as_deref(),
            inferred: &d.meta.inferred,
            encoding: d.encoding,
            figures: d.figures,
            text,
        }
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

/// Temporary files inside the output folder, removed when the reports are
/// written: the facts stream here while documents are extracted.
const FACTS_CSV_PART: &str = ".facts.csv.part";
const JSON_PART: &str = ".report.json.part";
const HTML_FACTS_PART: &str = ".report.html.facts.part";
const HTML_DOCS_PART: &str = ".report.html.docs.part";

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> ReportError + '_ {
    move |e| ReportError::Io {
        path: path.to_path_buf(),
        source: e,
    }
}

fn create(path: &Path) -> Result<BufWriter<File>, ReportError> {
    Ok(BufWriter::with_capacity(
        1 << 20,
        File::create(path).map_err(io_err(path))?,
    ))
}

/// A list streamed as comma-separated chunks of elements.
struct Part {
    path: PathBuf,
    out: BufWriter<File>,
    count: usize,
}

impl Part {
    /// A part beginning with `head`.
    fn new(dir: &Path, name: &str, head: &[u8]) -> Result<Part, ReportError> {
        let path = dir.join(name);
        let mut out = create(&path)?;
        out.write_all(head).map_err(io_err(&path))?;
        Ok(Part {
            out,
            path,
            count: 0,
        })
    }

    /// Appends a chunk of elements already serialised (each on its own
    /// line, comma-separated, as `html::each` writes them).
    fn append(&mut self, chunk: &[u8]) -> Result<(), ReportError> {
        if chunk.is_empty() {
            return Ok(());
        }
        let sep: &[u8] = if self.count == 0 { b"" } else { b"," };
        self.out
            .write_all(sep)
            .and_then(|_| self.out.write_all(chunk))
            .map_err(io_err(&self.path))?;
        self.count += 1;
        Ok(())
    }

    /// Closes the part; gives its path to copy from.
    fn close(mut self) -> Result<PathBuf, ReportError> {
        self.out.flush().map_err(io_err(&self.path))?;
        Ok(self.path)
    }
}

/// The report folder being written: takes each batch of extracted
/// documents as it comes (facts.csv, and the facts of report.json and
/// report.html, are streamed), then `finish` writes the rest.
pub struct ReportFiles {
    dir: PathBuf,
    facts_csv: PartWriter<BufWriter<File>>,
    /// report.json, facts first: the rest is known at the end.
    json: Part,
    /// Facts and document texts for report.html, when it embeds them.
    html: Option<(Part, Part)>,
    written: Vec<PathBuf>,
}

impl ReportFiles {
    /// Opens `dir` for the reports. An existing folder is only written
    /// into when it holds yoy's marker, is empty, or `force` is set.
    /// `embed` says whether report.html carries the documents' text.
    pub fn create(dir: &Path, force: bool, embed: bool) -> Result<ReportFiles, ReportError> {
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
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let marker = dir.join(MARKER);
        write_atomic(
            &marker,
            b"Written by yoy; yoy report may overwrite this folder.\n",
        )?;
        let html = if embed {
            Some((
                Part::new(dir, HTML_FACTS_PART, b"")?,
                Part::new(dir, HTML_DOCS_PART, b"")?,
            ))
        } else {
            None
        };
        Ok(ReportFiles {
            dir: dir.to_path_buf(),
            // CSV starts with a UTF-8 BOM so Excel opens the Chinese text
            // right.
            facts_csv: PartWriter::new(Format::Csv, true, create(&dir.join(FACTS_CSV_PART))?),
            json: Part::new(dir, JSON_PART, b"{\"facts\": [")?,
            html,
            written: vec![marker],
        })
    }

    /// Writes every report file; gives their paths.
    pub fn finish(
        self,
        r: &Report,
        lang: Lang,
        limits: Limits,
    ) -> Result<Vec<PathBuf>, ReportError> {
        let ReportFiles {
            dir,
            facts_csv,
            json,
            html,
            mut written,
        } = self;
        // The parts already on disk become their files by a rename.
        let rename = |part: &Path, name: &str| {
            let path = dir.join(name);
            std::fs::rename(part, &path).map_err(io_err(&path))
        };
        let put = |name: &str,
                   fill: &mut dyn FnMut(&mut BufWriter<File>) -> std::io::Result<()>|
         -> Result<(), ReportError> {
            let path = dir.join(name);
            let tmp = dir.join(format!(".{name}.tmp"));
            let mut w = create(&tmp)?;
            fill(&mut w)
                .and_then(|_| w.flush())
                .map_err(io_err(&path))?;
            drop(w);
            std::fs::rename(&tmp, &path).map_err(io_err(&path))
        };
        let timer = crate::pipeline::Timer::start();
        put("report.md", &mut |w| r.markdown(w, lang, limits.list))?;
        timer.lap("report.md");
        facts_csv.finish()?;
        rename(&dir.join(FACTS_CSV_PART), "facts.csv")?;
        put("comparison.csv", &mut |w| {
            write_frame(&mut r.comparison.clone(), Format::Csv, true, w)
                .map_err(std::io::Error::other)
        })?;
        timer.lap("comparison.csv");
        put("findings.csv", &mut |w| r.findings_csv(w, lang))?;
        timer.lap("findings.csv");
        let Part { path, mut out, .. } = json;
        out.write_all(b"],\n")
            .and_then(|_| r.json(&mut out, lang))
            .and_then(|_| out.flush())
            .map_err(io_err(&path))?;
        drop(out);
        rename(&path, "report.json")?;
        timer.lap("report.json");
        let embedded = match html {
            Some((facts, docs)) => Some((facts.close()?, docs.close()?)),
            None => None,
        };
        put("report.html", &mut |w| {
            html::render(w, r, lang, limits, embedded.as_ref())
        })?;
        timer.lap("report.html");
        if let Some((facts, docs)) = &embedded {
            for p in [facts, docs] {
                std::fs::remove_file(p).map_err(io_err(p))?;
            }
        }
        written.extend(
            [
                "report.md",
                "facts.csv",
                "comparison.csv",
                "findings.csv",
                "report.json",
                "report.html",
            ]
            .map(|n| dir.join(n)),
        );
        Ok(written)
    }
}

impl Sink for ReportFiles {
    fn batch(&mut self, docs: &[DocExtraction]) -> Result<(), ReportError> {
        let figs: Vec<&Figure> = docs
            .iter()
            .flat_map(|d| d.figures.iter())
            .filter(|f| f.role == Role::Figure)
            .collect();
        self.facts_csv.write(&mut facts_frame(&figs)?)?;
        // The facts of report.json and report.html, serialised per
        // document in parallel, appended in corpus order.
        let embed = self.html.is_some();
        let chunks: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = docs
            .par_iter()
            .map(|d| -> std::io::Result<_> {
                let facts = d.figures.iter().filter(|f| f.role == Role::Figure);
                let mut json = Vec::new();
                html::each(&mut json, facts.map(FactOut::of), |w, f| {
                    html::to_writer(w, &f, false)
                })?;
                let (hf, hd) = if embed {
                    (html::doc_facts(d)?, html::doc_text(d)?)
                } else {
                    (Vec::new(), Vec::new())
                };
                Ok((json, hf, hd))
            })
            .collect::<Result<_, _>>()
            .map_err(io_err(&self.dir))?;
        for (json, hf, hd) in chunks {
            self.json.append(&json)?;
            if let Some((facts, texts)) = self.html.as_mut() {
                facts.append(&hf)?;
                texts.append(&hd)?;
            }
        }
        Ok(())
    }
}
