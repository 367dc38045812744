//! `yoy report` (the main job) and `yoy check` (for CI pipelines).

use super::{input_paths, AppError};
use std::path::{Path, PathBuf};
use yoy::corpus;
use yoy::extract::extract_all;
use yoy::findings::{FindingKind, Lang, Severity};
use yoy::lexicon::Lexicon;
use yoy::report::{build, write_all, Report};

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

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders (default: seeds/).
    pub paths: Vec<PathBuf>,
    /// Folder for the reports.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Language of headings and messages (metric labels are shown in both).
    #[arg(long, value_enum, default_value = "en")]
    pub lang: Lang,
    /// Overwrite an output folder that yoy did not write.
    #[arg(long)]
    pub force: bool,
    /// Stop at the first file that cannot be read.
    #[arg(long)]
    pub strict: bool,
    /// Show auto: metrics in the terminal table too.
    #[arg(long)]
    pub all_metrics: bool,
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
    #[arg(long, value_enum, default_value = "en")]
    pub lang: Lang,
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub thresholds: Thresholds,
}

fn run_pipeline(
    paths: &[PathBuf],
    data: Option<&Path>,
    strict: bool,
    t: &Thresholds,
) -> Result<(Lexicon, Report), AppError> {
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
    let mut c = corpus::load(&input_paths(paths), strict)?;
    let skipped: Vec<String> = c.skipped.iter().map(|s| s.error.to_string()).collect();
    for s in &skipped {
        eprintln!("yoy: skipped: {s}");
    }
    let docs = std::mem::take(&mut c.documents);
    let ex = extract_all(docs, &lx);
    let report = build(ex, &lx, skipped)?;
    Ok((lx, report))
}

pub fn run(a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    let (_lx, report) = run_pipeline(&a.paths, data, a.strict, &a.thresholds)?;
    // Reports first: a reader who closes the terminal output early still
    // gets them.
    let written = write_all(&report, &a.out, a.lang, a.force)?;
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(String::from))
        .filter(|n| !n.starts_with('.'))
        .collect();
    let wrote = if a.lang == Lang::Zh {
        "已写入"
    } else {
        "wrote"
    };
    super::emit(&format!(
        "{}{} {}/: {}\n",
        report.terminal(a.lang, !a.all_metrics),
        wrote,
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
    let (_lx, report) = run_pipeline(&a.paths, data, a.strict, &a.thresholds)?;
    let mut hits = 0;
    let mut lines = String::new();
    for f in &report.findings {
        let over = match &threshold {
            Threshold::Severity(s) => f.severity <= *s,
            Threshold::Kinds(ks) => ks.contains(&f.kind),
        };
        hits += over as usize;
        lines.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            f.severity.as_str(),
            f.kind.as_str(),
            f.region,
            f.metric,
            f.year.map(|y| y.to_string()).unwrap_or_default(),
            f.message(a.lang),
            f.evidence_refs()
        ));
    }
    // The exit code is the answer; a closed pipe does not change it.
    match super::emit(&lines) {
        Err(e) if !e.is_broken_pipe() => return Err(e),
        _ => {}
    }
    eprintln!(
        "yoy: {} findings, {} at or over --fail-on {}",
        report.findings.len(),
        hits,
        a.fail_on
    );
    Ok(if hits > 0 { 1 } else { 0 })
}
