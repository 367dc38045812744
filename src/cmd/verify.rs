//! `yoy verify` (the editor's check): every figure of a draft against the
//! sources — a table, CSV or JSON on stdout, and with `--html` one page
//! with the draft's figures marked. Exit 0 when nothing differs, 1 when a
//! figure differs (value or qualifier), 2 on error.

use super::{emit, emit_data, input_paths, AppError};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use serde::Serialize;
use std::path::{Path, PathBuf};
use yoy::corpus::{self, DocKind, Document};
use yoy::extract::{extract_all, DocExtraction};
use yoy::lexicon::Lexicon;
use yoy::messages::{Lang, Messages};
use yoy::regions::Gazetteer;
use yoy::report::json::to_writer;
use yoy::report::Words;
use yoy::verify::{self, Sources, Status, Verdict};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// The draft(s) to check: files.
    #[arg(required = true)]
    pub drafts: Vec<PathBuf>,
    /// The sources: files or folders (default: seeds/). A draft named
    /// among them is not its own source.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub against: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Also write one self-contained page with the draft's figures marked.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// The draft's region, when its text does not name it.
    #[arg(long)]
    pub region: Option<String>,
    /// The year the draft's plans are for (a news article of 2024 reports
    /// 2023's results), when its text does not say.
    #[arg(long, value_parser = plausible_year)]
    pub year: Option<i32>,
    /// What the draft is (work_report, key_tasks, practical_projects,
    /// news, other). Default: news — a draft retells, whatever report it
    /// names — unless a manifest says otherwise.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<DocKind>,
    #[arg(long, value_enum, default_value = "en")]
    pub lang: Lang,
    /// Stop at the first source that cannot be read.
    #[arg(long)]
    pub strict: bool,
}

/// A draft after the check: its text (for the page) and its verdicts.
struct Checked {
    doc: Document,
    verdicts: Vec<Verdict>,
}

fn parse_kind(s: &str) -> Result<DocKind, String> {
    DocKind::parse(s).ok_or_else(|| {
        format!("\"{s}\" is not a kind (work_report, key_tasks, practical_projects, news, other)")
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `--year` within the years yoy reads as years, as a manifest's `year`.
fn plausible_year(s: &str) -> Result<i32, String> {
    let years = yoy::numbers::PLAUSIBLE_YEARS;
    s.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| years.contains(y))
        .ok_or_else(|| format!("not a plausible year ({}–{})", years.start, years.end - 1))
}

pub fn run(a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    let lx = Lexicon::load(data)?;
    let messages = Messages::load(data)?;
    let words = Words::new(&messages, a.lang);

    let loaded = corpus::load(&a.drafts, true)?;
    // Nothing to check (every draft skipped, e.g. inside a report folder)
    // is an error, not a clean result.
    if loaded.documents.is_empty() {
        return Err(AppError::NoDocuments {
            skipped: loaded.skipped.len(),
            kept: String::new(),
        });
    }
    let mut drafts = loaded.documents;
    for d in &mut drafts {
        // A draft's kind is what the editor says, else its manifest's, else
        // news: its text names the reports it retells, which must not make
        // it one. The year is then read as that kind's.
        let inferred_kind = d.meta.inferred.contains(&"kind");
        if a.kind.is_some() || inferred_kind {
            d.meta.kind = a.kind.unwrap_or(DocKind::News);
            d.meta.inferred.retain(|f| *f != "kind");
            if d.meta.inferred.contains(&"year") {
                let stem = d
                    .path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                d.meta.year = corpus::infer_year_as(&d.text, stem, d.meta.kind);
            }
        }
        if let Some(r) = &a.region {
            let g = Gazetteer::get();
            d.meta.region = r.clone();
            d.meta.region_code = g
                .lookup(r)
                .map(|id| g.place(id).code.clone())
                .unwrap_or_default();
            d.meta.inferred.retain(|f| *f != "region");
        }
        if let Some(y) = a.year {
            d.meta.year = Some(y);
            d.meta.inferred.retain(|f| *f != "year");
        }
    }
    let against = input_paths(&a.against);
    let loaded = corpus::load(&against, a.strict)?;
    // Nothing to check against would leave every figure unsourced and
    // exit 0, as if the draft were fine.
    if loaded.documents.is_empty() {
        return Err(AppError::NoSources {
            skipped: loaded.skipped.len(),
        });
    }
    let mut sources = loaded.documents;
    if let Some(page) = &a.html {
        // Never a draft or a source replaced by the page.
        super::guard_output(
            page,
            &[a.drafts.clone(), against.clone()].concat(),
            sources.iter().chain(&drafts).map(|d| d.path.as_path()),
        )?;
    }
    // A draft inside the sources' folder is not its own source.
    sources.retain(|s| !drafts.iter().any(|d| same_file(&d.path, &s.path)));
    let n_sources = sources.len();

    let mut index = Sources::new();
    for s in extract_all(sources, &lx) {
        index.add(&s);
    }
    let checked: Vec<Checked> = extract_all(drafts, &lx)
        .into_iter()
        .map(|d: DocExtraction| Checked {
            verdicts: verify::verify(&d, &index, lx.config.verify_rounding_digits),
            doc: d.doc,
        })
        .collect();

    let all: Vec<&Verdict> = checked.iter().flat_map(|c| &c.verdicts).collect();
    if let Some(path) = &a.html {
        write_page(path, &checked, &words)?;
    }
    let out = match a.format {
        Format::Table => table(&checked, &all, n_sources, &words),
        Format::Csv => csv(&all, &words)?,
        Format::Json => json(&all, &words)?,
    };
    match a.format {
        Format::Table => emit(&out)?,
        Format::Csv | Format::Json => emit_data(&out)?,
    }
    Ok(if all.iter().any(|v| v.status.is_difference()) {
        1
    } else {
        0
    })
}

fn status_label<'a>(w: &Words<'a>, s: Status) -> &'a str {
    w.t(&format!("verify.{}", s.as_str()))
}

fn note_label<'a>(w: &Words<'a>, v: &Verdict) -> &'a str {
    v.note
        .map(|n| w.t(&format!("verify.note_{}", n.as_str())))
        .unwrap_or("")
}

fn period(v: &Verdict) -> String {
    v.year
        .map(|y| yoy::compare::period_label(v.year_from, y))
        .unwrap_or_default()
}

fn table(checked: &[Checked], all: &[&Verdict], n_sources: usize, w: &Words) -> String {
    let mut out = w.m.fill(
        w.lang,
        "verify.summary",
        &[
            ("drafts", &checked.len()),
            ("figures", &all.len()),
            ("sources", &n_sources),
        ],
    );
    out.push('\n');
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_header(vec![
        w.t("verify.line"),
        w.t("verify.draft"),
        w.t("verify.metric"),
        w.t("verify.year"),
        w.t("verify.status"),
        w.t("verify.source_value"),
        w.t("verify.source"),
    ]);
    let many = checked.len() > 1;
    for v in all {
        let line = if many {
            format!("{}:{}", v.doc, v.line)
        } else {
            v.line.to_string()
        };
        let kind = v.kind.map(|k| w.kind(k)).unwrap_or_default();
        let mut status = status_label(w, v.status).to_string();
        let note = note_label(w, v);
        if !note.is_empty() {
            status = format!("{status}\n({note})");
        }
        // Values as the sources write them (36.8万人, not 368000人): what
        // an editor looks for in the source.
        let mut value = v
            .source
            .as_ref()
            .map(|s| s.quote.clone())
            .unwrap_or_default();
        let mut src = v
            .source
            .as_ref()
            .map(|s| format!("{}:{}", s.doc, s.line))
            .unwrap_or_default();
        for o in &v.others {
            value.push_str(&format!("\n{} {}", w.t("verify.also"), o.quote));
            src.push_str(&format!("\n{}:{}", o.doc, o.line));
        }
        t.add_row(vec![
            line,
            v.quote.clone(),
            v.metric_label.clone(),
            format!("{} {}", period(v), kind).trim().to_string(),
            status,
            value,
            src,
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    let counts: Vec<String> = verify::counts(all.iter().map(|v| v.status))
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{} {n}", status_label(w, s)))
        .collect();
    out.push_str(&counts.join(" · "));
    out.push('\n');
    out
}

/// The columns of verify's CSV that hold numbers: written as they are
/// (−0.3 stays a number); every other cell goes through
/// `escape::csv_cell`.
const NUMBER_COLUMNS: &[&str] = &[
    "line",
    "start",
    "end",
    "year",
    "year_from",
    "value",
    "source_value",
    "source_line",
    "source_start",
    "source_end",
];

const CSV_COLUMNS: &[&str] = &[
    "doc",
    "line",
    "quote",
    "start",
    "end",
    "status",
    "status_label",
    "note",
    "region",
    "metric",
    "metric_label",
    "year",
    "year_from",
    "kind",
    "value",
    "unit",
    "qualifier",
    "source_value",
    "source_unit",
    "source_qualifier",
    "source_doc",
    "source_line",
    "source_start",
    "source_end",
    "source_quote",
    "source_sentence",
    "other_sources",
];

fn csv(all: &[&Verdict], w: &Words) -> Result<String, AppError> {
    let err = |e: csv::Error| AppError::Write {
        path: "<stdout>".into(),
        source: std::io::Error::other(e),
    };
    let mut wr = csv::Writer::from_writer(Vec::new());
    wr.write_record(CSV_COLUMNS).map_err(err)?;
    let opt = |o: Option<String>| o.unwrap_or_default();
    for v in all {
        let s = v.source.as_ref();
        let others: Vec<String> = v
            .others
            .iter()
            .map(|o| {
                format!(
                    "{}@{}:{}",
                    yoy::numbers::format_value(o.value),
                    o.doc,
                    o.line
                )
            })
            .collect();
        let row = [
            v.doc.clone(),
            v.line.to_string(),
            v.quote.clone(),
            v.start.to_string(),
            v.end.to_string(),
            v.status.as_str().to_string(),
            status_label(w, v.status).to_string(),
            v.note.map(|n| n.as_str().to_string()).unwrap_or_default(),
            v.region.clone(),
            v.metric.clone(),
            v.metric_label.clone(),
            opt(v.year.map(|y| y.to_string())),
            opt(v.year_from.map(|y| y.to_string())),
            opt(v.kind.map(|k| k.as_str().to_string())),
            yoy::numbers::format_value(v.value),
            v.unit.clone(),
            v.qualifier.as_str().to_string(),
            opt(s.map(|s| yoy::numbers::format_value(s.value))),
            opt(s.map(|s| s.unit.clone())),
            opt(s.map(|s| s.qualifier.as_str().to_string())),
            opt(s.map(|s| s.doc.clone())),
            opt(s.map(|s| s.line.to_string())),
            opt(s.map(|s| s.start.to_string())),
            opt(s.map(|s| s.end.to_string())),
            opt(s.map(|s| s.quote.clone())),
            opt(s.map(|s| s.sentence.clone())),
            others.join(";"),
        ];
        wr.write_record(row.iter().zip(CSV_COLUMNS).map(|(c, name)| {
            if NUMBER_COLUMNS.contains(name) {
                c.clone()
            } else {
                yoy::escape::csv_cell(c).into_owned()
            }
        }))
        .map_err(err)?;
    }
    let bytes = wr.into_inner().map_err(|e| AppError::Write {
        path: "<stdout>".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A verdict as JSON: the verdict itself plus the words a reader sees.
#[derive(Serialize)]
struct VerdictOut<'a> {
    #[serde(flatten)]
    v: &'a Verdict,
    status_label: &'a str,
    note_label: &'a str,
    source_value: Option<f64>,
    source_doc: Option<&'a str>,
    source_quote: Option<&'a str>,
}

impl<'a> VerdictOut<'a> {
    fn of(v: &'a Verdict, w: &Words<'a>) -> VerdictOut<'a> {
        VerdictOut {
            v,
            status_label: status_label(w, v.status),
            note_label: note_label(w, v),
            source_value: v.source.as_ref().map(|s| s.value),
            source_doc: v.source.as_ref().map(|s| s.doc.as_str()),
            source_quote: v.source.as_ref().map(|s| s.quote.as_str()),
        }
    }
}

fn json(all: &[&Verdict], w: &Words) -> Result<String, AppError> {
    let out: Vec<VerdictOut> = all.iter().map(|v| VerdictOut::of(v, w)).collect();
    let mut s = serde_json::to_string_pretty(&out).map_err(|e| AppError::Write {
        path: "<stdout>".into(),
        source: std::io::Error::other(e),
    })?;
    s.push('\n');
    Ok(s)
}

/// The page: templates/verify.html with its style and script; the data
/// (drafts' text and verdicts, labels) embedded as script-safe JSON. The
/// script builds the DOM with textContent only, as report.html does.
const TEMPLATE: &str = include_str!("../../templates/verify.html");
const STYLE: &str = include_str!("../../templates/verify.css");
const SCRIPT: &str = include_str!("../../templates/verify.js");

/// A stretch of a draft's text: plain, or a figure (`v`: its verdict).
#[derive(Serialize)]
struct Part<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    v: Option<usize>,
}

/// A source figure as the page shows it: its sentence cut around it, so
/// the script never has to map UTF-8 offsets.
#[derive(Serialize)]
struct SourceOut<'a> {
    doc: &'a str,
    line: u32,
    value: String,
    before: &'a str,
    mark: &'a str,
    after: &'a str,
}

impl<'a> SourceOut<'a> {
    fn of(s: &'a yoy::verify::SourceRef, w: &Words) -> SourceOut<'a> {
        let t = &s.sentence;
        let (a, b) = (s.mark_start, s.mark_end);
        let ok = a <= b && t.is_char_boundary(a) && t.get(b..).is_some();
        let (before, mark, after) = if ok {
            (&t[..a], &t[a..b], &t[b..])
        } else {
            ("", t.as_str(), "")
        };
        SourceOut {
            doc: &s.doc,
            line: s.line,
            value: w.show(s.value, &s.unit, s.qualifier, None),
            before,
            mark,
            after,
        }
    }
}

/// A verdict as the page shows it.
#[derive(Serialize)]
struct PageVerdict<'a> {
    quote: &'a str,
    line: usize,
    status: Status,
    metric: &'a str,
    period: String,
    kind: &'a str,
    note: &'a str,
    source: Option<SourceOut<'a>>,
    others: Vec<SourceOut<'a>>,
}

#[derive(Serialize)]
struct DraftOut<'a> {
    id: &'a str,
    title: &'a str,
    region: &'a str,
    year: Option<i32>,
    parts: Vec<Part<'a>>,
    verdicts: Vec<PageVerdict<'a>>,
}

impl<'a> DraftOut<'a> {
    fn of(c: &'a Checked, w: &Words<'a>) -> DraftOut<'a> {
        let text = &c.doc.text;
        let mut parts = Vec::new();
        let mut at = 0;
        // Figures in text order; one that overlaps the previous (a from–to
        // pair's old value) stays in the list but is not marked twice.
        let mut order: Vec<usize> = (0..c.verdicts.len()).collect();
        order.sort_by_key(|&i| (c.verdicts[i].start, c.verdicts[i].end));
        for i in order {
            let v = &c.verdicts[i];
            if v.start < at || text.get(v.start..v.end).is_none() {
                continue;
            }
            if let Some(t) = text.get(at..v.start) {
                if !t.is_empty() {
                    parts.push(Part { text: t, v: None });
                }
            }
            parts.push(Part {
                text: &text[v.start..v.end],
                v: Some(i),
            });
            at = v.end;
        }
        if let Some(t) = text.get(at..) {
            parts.push(Part { text: t, v: None });
        }
        let verdicts = c
            .verdicts
            .iter()
            .map(|v| PageVerdict {
                quote: &v.quote,
                line: v.line,
                status: v.status,
                metric: &v.metric_label,
                period: period(v),
                kind: v.kind.map(|k| w.kind(k)).unwrap_or_default(),
                note: note_label(w, v),
                source: v.source.as_ref().map(|s| SourceOut::of(s, w)),
                others: v.others.iter().map(|s| SourceOut::of(s, w)).collect(),
            })
            .collect();
        DraftOut {
            id: &c.doc.id,
            title: &c.doc.meta.title,
            region: &c.doc.meta.region,
            year: c.doc.meta.year,
            parts,
            verdicts,
        }
    }
}

#[derive(Serialize)]
struct PageData<'a> {
    lang: Lang,
    labels: serde_json::Value,
    drafts: Vec<DraftOut<'a>>,
}

fn write_page(path: &Path, checked: &[Checked], w: &Words) -> Result<(), AppError> {
    use serde_json::{json, Map, Value};
    let io_err = |e: std::io::Error| AppError::Write {
        path: path.display().to_string(),
        source: e,
    };
    let mut labels: Map<String, Value> =
        w.m.section(w.lang, "verify")
            .into_iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect();
    labels.insert("target".into(), json!(w.t("word.target")));
    labels.insert("actual".into(), json!(w.t("word.actual")));
    let data = PageData {
        lang: w.lang,
        labels: Value::Object(labels),
        drafts: checked.iter().map(|c| DraftOut::of(c, w)).collect(),
    };
    let mut buf = Vec::new();
    to_writer(&mut buf, &data, true).map_err(io_err)?;
    let page = TEMPLATE
        .replace(
            "{{LANG}}",
            match w.lang {
                Lang::Zh => "zh-CN",
                Lang::En => "en",
            },
        )
        .replace("{{STYLE}}", STYLE)
        .replace("{{SCRIPT}}", SCRIPT);
    // The data last: nothing in it is ever read as a placeholder.
    let page = page.replacen("{{DATA}}", &String::from_utf8_lossy(&buf), 1);
    // Whole or not at all, as `extract --out`: a part file beside the
    // page, renamed over it once written, removed on errors and signals.
    let (out, mut f) = yoy::outdir::OutFile::create(path)?;
    {
        use std::io::Write;
        f.write_all(page.as_bytes())
            .and_then(|_| f.flush())
            .map_err(io_err)?;
    }
    drop(f);
    out.commit()?;
    Ok(())
}
