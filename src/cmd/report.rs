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
    /// Overwrite an output folder that yoy did not write.
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
    /// A severity (error, warning, info: that or worse) or a comma list of
    /// finding kinds (conflict,numbering,…) that make the exit code 1.
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
    Ok(lx)
}

pub fn run(a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    let mut lx = lexicon(data, &a.thresholds)?;
    if let Some(v) = a.list_limit {
        lx.config.list_limit = v;
    }
    if let Some(v) = a.embed_limit_mb {
        lx.config.embed_limit_mb = v;
    }
    let limits = Limits::from_config(&lx.config);
    let messages = Messages::load(data)?;
    let words = Words::new(&messages, a.lang);
    // A bad baseline is refused before the long run.
    let baseline = a.baseline.as_deref().map(Baseline::load).transpose()?;
    let (sources, skipped) = corpus::list(&input_paths(&a.paths), a.strict)?;
    let bytes: u64 = sources.iter().map(|s| s.size).sum();
    let mut files = ReportFiles::create(&a.out, a.force, bytes <= limits.embed_bytes)?;
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
        &a.out,
    )?;
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
    super::emit(&format!(
        "{}{}{} {}/: {}\n",
        terminal::render(&report, &words, !a.all_metrics, limits.list),
        against,
        words.t("report.wrote"),
        a.out.display(),
        names.join(", ")
    ))?;
    Ok(0)
}

/// What --fail-on means.
enum Threshold {
    Severity(Severity),
    Kinds(Vec<FindingKind>),
}

fn parse_fail_on(s: &str) -> Result<Threshold, AppError> {
    if let Some(sev) = Severity::parse(s) {
        return Ok(Threshold::Severity(sev));
    }
    let mut kinds = Vec::new();
    for k in s.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        match FindingKind::parse(k) {
            Some(k) => kinds.push(k),
            None => {
                return Err(AppError::Usage(format!(
                    "--fail-on: \"{k}\" is neither a severity (error, warning, info) nor a finding kind ({})",
                    FindingKind::ALL.map(|k| k.as_str()).join(", ")
                )))
            }
        }
    }
    Ok(Threshold::Kinds(kinds))
}

pub fn check(a: CheckArgs, data: Option<&Path>) -> Result<u8, AppError> {
    let threshold = parse_fail_on(&a.fail_on)?;
    let lx = lexicon(data, &a.thresholds)?;
    let messages = Messages::load(data)?;
    let baseline = a.baseline.as_deref().map(Baseline::load).transpose()?;
    let (sources, skipped) = corpus::list(&input_paths(&a.paths), a.strict)?;
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
        &std::env::temp_dir(),
    )?;
    progress.finish();
    let over = |k: FindingKind, s: Severity| match &threshold {
        Threshold::Severity(t) => s <= *t,
        Threshold::Kinds(ks) => ks.contains(&k),
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
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
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
        eprintln!(
            "yoy: {} findings{known_note}, {hits} {new_word}at or over --fail-on {}",
            report.findings.len(),
            a.fail_on
        );
    }
    Ok(if hits > 0 { 1 } else { 0 })
}
