//! `yoy report` (the main job) and `yoy check` (for CI pipelines).

use super::progress::{Counted, Progress};
use super::{input_paths, AppError};
use std::io::Write;
use std::path::{Path, PathBuf};
use yoy::baseline::{Baseline, Status};
use yoy::corpus;
use yoy::findings::{FindingKind, Severity};
use yoy::lexicon::Lexicon;
use yoy::messages::{Lang, Messages};
use yoy::outdir::{self, Staging, WorkDir};
use yoy::pipeline::{self, NoSink};
use yoy::report::files::ReportFiles;
use yoy::report::{terminal, Limits, Words};

/// Threshold overrides shared by report and check (defaults in
/// data/config.toml).
#[derive(clap::Args, Clone)]
pub struct Thresholds {
    /// Year-over-year change factor beyond which a value is an outlier.
    #[arg(long)]
    pub outlier_factor: Option<f64>,
    /// Factor beyond which a per-unit ratio differs from another year's.
    #[arg(long)]
    pub ratio_outlier_factor: Option<f64>,
    /// Similarity (0–1) from which two paragraphs are near-duplicates.
    #[arg(long)]
    pub near_duplicate_similarity: Option<f64>,
}

/// A kind of report file `--format` may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    Md,
    Csv,
    Json,
    Html,
    Xlsx,
}

impl OutFormat {
    /// The format a report file belongs to.
    fn of(name: &str) -> Option<OutFormat> {
        Some(match name.rsplit('.').next()? {
            "md" => OutFormat::Md,
            "csv" => OutFormat::Csv,
            "json" => OutFormat::Json,
            "html" => OutFormat::Html,
            "xlsx" => OutFormat::Xlsx,
            _ => return None,
        })
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (default: seeds/).
    pub paths: Vec<PathBuf>,
    /// Folder for the reports.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Language of everything a person reads (zh, the default, or en);
    /// metric labels are shown in both, the data files keep stable ids.
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: Lang,
    /// Replace an output folder that yoy did not write (never one that
    /// holds an input).
    #[arg(long)]
    pub force: bool,
    /// Which files to write, comma-separated (default: all): md, csv,
    /// json, html, xlsx.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<OutFormat>,
    /// Stop at the first file that cannot be read.
    #[arg(long)]
    pub strict: bool,
    /// Show auto: metrics in the terminal table too.
    #[arg(long)]
    pub all_metrics: bool,
    /// Most documents, rows per comparison, findings per kind and
    /// severity, and charts that the terminal, report.md and report.html
    /// list (the CSV files and report.json hold all).
    #[arg(long)]
    pub list_limit: Option<usize>,
    /// Largest corpus (MB) whose text report.html embeds.
    #[arg(long)]
    pub embed_limit_mb: Option<f64>,
    /// A findings.csv of an earlier run: each finding is marked new or
    /// known (by its id).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[command(flatten)]
    pub thresholds: Thresholds,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    pub paths: Vec<PathBuf>,
    /// A comma list of a severity (error, warning, info: that or worse)
    /// and finding kinds (conflict,numbering,…) that make the exit code 1.
    #[arg(long, default_value = "error")]
    pub fail_on: String,
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: Lang,
    #[arg(long)]
    pub strict: bool,
    /// A findings.csv of an earlier run: only findings not in it (new
    /// ones) count towards --fail-on.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[command(flatten)]
    pub thresholds: Thresholds,
}

/// The dictionary and thresholds, with the flags applied.
fn lexicon(data: Option<&Path>, t: &Thresholds) -> Result<Lexicon, AppError> {
    let mut lx = Lexicon::load(data)?;
    if let Some(v) = t.outlier_factor {
        lx.config.outlier_factor = v;
    }
    if let Some(v) = t.ratio_outlier_factor {
        lx.config.ratio_outlier_factor = v;
    }
    if let Some(v) = t.near_duplicate_similarity {
        lx.config.near_duplicate_similarity = v;
    }
    check_flags(&lx)?;
    Ok(lx)
}

/// Checks the thresholds after the flags: data/config.toml was checked at
/// load, so a value out of range now came from its flag.
fn check_flags(lx: &Lexicon) -> Result<(), AppError> {
    lx.config
        .check()
        .map_err(|(key, msg)| AppError::Usage(format!("--{} {msg}", key.replace('_', "-"))))
}

pub fn run(a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    let mut lx = lexicon(data, &a.thresholds)?;
    if let Some(v) = a.list_limit {
        lx.config.list_limit = v;
    }
    if let Some(v) = a.embed_limit_mb {
        lx.config.embed_limit_mb = v;
    }
    check_flags(&lx)?;
    let limits = Limits::from_config(&lx.config);
    let messages = Messages::load(data)?;
    let words = Words::new(&messages, a.lang);
    // A bad baseline is refused before the long run.
    let baseline = a.baseline.as_deref().map(Baseline::load).transpose()?;
    let inputs = input_paths(&a.paths);
    let (sources, skipped) = corpus::list(&inputs, a.strict)?;
    let bytes: u64 = sources.iter().map(|s| s.size).sum();
    // The set is written into a private folder beside the target and
    // swapped in whole at the end: an error, a kill or a second run never
    // leaves a half-written report, and the old one stays until then.
    let target = outdir::resolve(&a.out)?;
    super::guard_output(&target, &inputs, sources.iter().map(|s| s.path.as_path()))?;
    let staging = Staging::begin(&target, a.force)?;
    let mut files = ReportFiles::create(staging.dir(), bytes <= limits.embed_bytes)?;
    let mut progress = Progress::new(sources.len(), words.t("report.documents"));
    let mut report = pipeline::run(
        &sources,
        skipped,
        &lx,
        a.strict,
        &mut Counted {
            inner: &mut files,
            progress: &mut progress,
            after: words.t("report.progress_after"),
        },
        staging.work(),
    )?;
    if report.catalog.docs.is_empty() {
        return Err(AppError::NoDocuments {
            skipped: report.skipped.len(),
            kept: a.out.display().to_string(),
        });
    }
    report.baseline = baseline;
    // Reports first: a reader who closes the terminal output early still
    // gets them.
    let workbook = a.format.is_empty() || a.format.contains(&OutFormat::Xlsx);
    let written = files.finish(&report, &words, limits, workbook)?;
    progress.finish();
    // The workbook reads the CSV files, so they are always built; those
    // not asked for are removed.
    let mut names: Vec<String> = Vec::new();
    for p in &written {
        let Some(n) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if n.starts_with('.') {
            continue;
        }
        match OutFormat::of(n) {
            Some(f) if !a.format.is_empty() && !a.format.contains(&f) => {
                std::fs::remove_file(p).map_err(|e| AppError::Write {
                    path: p.display().to_string(),
                    source: e,
                })?;
            }
            _ => names.push(n.to_string()),
        }
    }
    let against = match (
        &a.baseline,
        report.baseline_counts().map_err(AppError::Spill)?,
    ) {
        (Some(path), Some((new, known))) => format!(
            "{}\n",
            messages.fill(
                a.lang,
                "report.baseline",
                &[("new", &new), ("known", &known), ("file", &path.display())]
            )
        ),
        _ => String::new(),
    };
    let summary = terminal::render(&report, &words, !a.all_metrics, limits.list);
    // The findings spilled to disk are let go before their folder goes.
    drop(report);
    staging.commit()?;
    super::emit(&format!(
        "{}{}{} {}/: {}\n",
        summary,
        against,
        words.t("report.wrote"),
        a.out.display(),
        names.join(", ")
    ))?;
    Ok(0)
}

/// What --fail-on means: findings of a severity or worse, and findings of
/// the kinds named, whatever their severity (`error,conflict` is both).
struct Threshold {
    severity: Option<Severity>,
    kinds: Vec<FindingKind>,
}

fn parse_fail_on(s: &str) -> Result<Threshold, AppError> {
    let words: Vec<&str> = s.split(',').map(str::trim).collect();
    if words.iter().all(|w| w.is_empty()) {
        return Err(AppError::Usage(format!(
            "--fail-on: empty; name a severity ({}) or finding kinds ({})",
            Severity::ALL.map(|s| s.as_str()).join(", "),
            FindingKind::ALL.map(|k| k.as_str()).join(", ")
        )));
    }
    let mut t = Threshold {
        severity: None,
        kinds: Vec::new(),
    };
    for w in words.into_iter().filter(|w| !w.is_empty()) {
        if let Some(sev) = Severity::parse(w) {
            // The lowest severity named wins: error,warning is warning.
            t.severity = Some(t.severity.map_or(sev, |s: Severity| s.max(sev)));
        } else if let Some(k) = FindingKind::parse(w) {
            t.kinds.push(k);
        } else {
            return Err(AppError::Usage(format!(
                "--fail-on: \"{w}\" is not a severity ({}) or a finding kind ({})",
                Severity::ALL.map(|s| s.as_str()).join(", "),
                FindingKind::ALL.map(|k| k.as_str()).join(", ")
            )));
        }
    }
    Ok(t)
}

pub fn check(a: CheckArgs, data: Option<&Path>) -> Result<u8, AppError> {
    let threshold = parse_fail_on(&a.fail_on)?;
    let lx = lexicon(data, &a.thresholds)?;
    let messages = Messages::load(data)?;
    let baseline = a.baseline.as_deref().map(Baseline::load).transpose()?;
    let (sources, skipped) = corpus::list(&input_paths(&a.paths), a.strict)?;
    // Findings beyond memory spill into a private folder of the system's
    // temporary folder, removed however the run ends.
    let work = WorkDir::new()?;
    let words = Words::new(&messages, a.lang);
    let mut progress = Progress::new(sources.len(), words.t("report.documents"));
    let mut report = pipeline::run(
        &sources,
        skipped,
        &lx,
        a.strict,
        &mut Counted {
            inner: &mut NoSink,
            progress: &mut progress,
            after: words.t("report.progress_after"),
        },
        work.path(),
    )?;
    progress.finish();
    if report.catalog.docs.is_empty() {
        return Err(AppError::NoDocuments {
            skipped: report.skipped.len(),
            kept: String::new(),
        });
    }
    let over = |k: FindingKind, s: Severity| {
        threshold.severity.is_some_and(|t| s <= t) || threshold.kinds.contains(&k)
    };
    report.baseline = baseline;
    // Without a baseline the counts answer; with one, only new findings
    // count, so each is looked at as it is printed.
    let mut hits: usize = if report.baseline.is_some() {
        0
    } else {
        report
            .finding_counts
            .iter()
            .filter(|((k, s), _)| over(*k, *s))
            .map(|(_, n)| n)
            .sum()
    };
    let (mut new, mut known) = (0usize, 0usize);
    // One line per finding, streamed. The exit code is the answer; a
    // closed pipe does not change it.
    // Lines a person reads: control characters from the documents are
    // made visible.
    let mut out = std::io::BufWriter::new(yoy::escape::Terminal::new(std::io::stdout().lock()));
    let stdout_err = |e: std::io::Error| AppError::Write {
        path: "<stdout>".into(),
        source: e,
    };
    let mut closed = false;
    for f in report.findings.iter().map_err(AppError::Spill)? {
        let f = f.map_err(AppError::Spill)?;
        let status = report.status(&f);
        match status {
            Some(Status::Known) => known += 1,
            Some(Status::New) => {
                new += 1;
                if over(f.kind, f.severity) {
                    hits += 1;
                }
            }
            None => {}
        }
        if closed {
            continue;
        }
        let line = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}{}",
            f.severity.as_str(),
            f.kind.as_str(),
            f.region,
            f.metric,
            f.year.map(|y| y.to_string()).unwrap_or_default(),
            f.message(&messages, a.lang),
            f.evidence_refs(),
            f.id(),
            status
                .map(|s| format!("\t{}", s.as_str()))
                .unwrap_or_default()
        );
        if let Err(e) = line {
            let e = stdout_err(e);
            if !e.is_broken_pipe() {
                return Err(e);
            }
            closed = true;
        }
    }
    if !closed {
        if let Err(e) = out.flush().map_err(stdout_err) {
            if !e.is_broken_pipe() {
                return Err(e);
            }
        }
    }
    let (known_note, new_word) = if report.baseline.is_some() {
        (format!(" ({new} new, {known} known)"), "new ")
    } else {
        (String::new(), "")
    };
    if !super::quiet() {
        super::note(&format!(
            "yoy: {} findings{known_note}, {hits} {new_word}at or over --fail-on {}",
            report.findings.len(),
            a.fail_on
        ));
    }
    Ok(if hits > 0 { 1 } else { 0 })
}
