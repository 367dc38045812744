//! Analysis: takes what the pipeline keeps of each extracted document (its
//! comparable figures as `Point`s, its names in the `Catalog`, the
//! findings of its own checks), gives an `Analysis`: the sides, the
//! comparison (polars joins) and every finding, the cross-document ones
//! included. The reports only read it.

use crate::baseline::{Baseline, Status};
use crate::compare::{self, Catalog, DocInfo, Point, Row, Side, LINK_COLUMNS};
use crate::extract::DocExtraction;
use crate::figures::Role;
use crate::findings::{self, Finding, Inputs};
use crate::lexicon::Lexicon;
use crate::spill::{Sorted, Spill};
use crate::timing::Timer;
use polars::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AnalysisError {
    #[error("building the comparison: {0}")]
    Polars(#[from] PolarsError),
    #[error("{path}: cannot write: {source}")]
    Spill {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Everything the reports show.
pub struct Analysis {
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
    /// The finding ids of an earlier run (`--baseline`): each finding is
    /// then `new` or `known`.
    pub baseline: Option<Baseline>,
}

impl Analysis {
    /// New or known, when a baseline was given.
    pub fn status(&self, f: &Finding) -> Option<Status> {
        self.baseline.as_ref().map(|b| b.status(f))
    }

    /// How many findings are new and how many known, when a baseline was
    /// given.
    pub fn baseline_counts(&self) -> std::io::Result<Option<(usize, usize)>> {
        if self.baseline.is_none() {
            return Ok(None);
        }
        let (mut new, mut known) = (0, 0);
        for f in self.findings.iter()? {
            match self.status(&f?) {
                Some(Status::Known) => known += 1,
                _ => new += 1,
            }
        }
        Ok(Some((new, known)))
    }
}

/// Findings as the checks make them — local ones per document, then the
/// cross-document ones — tidied, counted and spilled: never all in memory.
struct FindingStore {
    spill: Spill<Finding>,
    counts: findings::Counts,
    /// The first write that failed; reported by `finish`.
    error: Option<std::io::Error>,
}

impl findings::Out for FindingStore {
    fn push(&mut self, mut f: Finding) {
        findings::tidy(&mut f);
        *self.counts.entry((f.kind, f.severity)).or_insert(0) += 1;
        if self.error.is_none() {
            if let Err(e) = self.spill.push([f]) {
                self.error = Some(e);
            }
        }
    }
}

impl FindingStore {
    /// Every finding in report order, and the count per kind and severity.
    fn finish(self) -> Result<(Sorted<Finding>, findings::Counts), AnalysisError> {
        match self.error {
            Some(e) => Err(AnalysisError::Spill {
                path: self.spill.failed_path().to_path_buf(),
                source: e,
            }),
            None => Ok((self.spill.finish(), self.counts)),
        }
    }
}

/// Everything kept from the documents seen so far.
pub struct Collector<'a> {
    lx: &'a Lexicon,
    catalog: Catalog,
    points: Vec<Point>,
    findings: FindingStore,
    non_figures: BTreeMap<&'static str, usize>,
}

impl<'a> Collector<'a> {
    /// `work` is a folder for findings that do not fit in memory.
    pub fn new(lx: &'a Lexicon, work: &std::path::Path) -> Self {
        Collector {
            lx,
            catalog: Catalog::default(),
            points: Vec::new(),
            findings: FindingStore {
                spill: Spill::new(
                    work,
                    ".findings",
                    lx.config.findings_in_memory,
                    findings::order,
                ),
                counts: BTreeMap::new(),
                error: None,
            },
            non_figures: BTreeMap::new(),
        }
    }

    /// Keeps what later stages need of one extracted document and the
    /// findings of its own checks.
    pub fn add(&mut self, d: &DocExtraction, local: Vec<Finding>) {
        use findings::Out;
        let doc = self.catalog.next_doc();
        for f in &d.figures {
            if f.role == Role::Figure {
                if let Some(p) = self.catalog.point(doc, f, &d.doc.text) {
                    self.points.push(p);
                }
            } else {
                *self.non_figures.entry(f.role.as_str()).or_insert(0) += 1;
            }
        }
        self.catalog.docs.push(DocInfo::of(d));
        for f in local {
            self.findings.push(f);
        }
    }

    /// Runs compare and the cross-document findings over everything
    /// collected.
    pub fn finish(self, skipped: Vec<String>) -> Result<Analysis, AnalysisError> {
        let Collector {
            lx,
            catalog,
            points,
            mut findings,
            non_figures,
        } = self;
        let figures = catalog.docs.iter().map(|d| d.figures).sum();
        let timer = Timer::start();
        let mut points = points;
        compare::harmonise_units(&catalog, &mut points, lx);
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
        let mut rows = compare::rows(&comparison)?;
        crate::verdict::judge(&mut rows, &sides, &points, lx);
        // The frame as written takes the judged values: exact changes, no
        // ratio for rates, the verdict and its margin.
        let col_f = |name: &str, f: &dyn Fn(&Row) -> Option<f64>| {
            Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
        };
        let col_s = |name: &str, f: &dyn Fn(&Row) -> &'static str| {
            Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
        };
        for c in [
            col_f("change", &|r| Some(r.change)),
            col_f("change_pct", &|r| r.change_pct),
            col_f("attainment_pct", &|r| r.attainment_pct),
            Column::new("met".into(), rows.iter().map(|r| r.met).collect::<Vec<_>>()),
            col_s("flag", &|r| r.flag.map(|f| f.as_str()).unwrap_or("")),
            col_s("verdict", &|r| r.verdict.map(|v| v.as_str()).unwrap_or("")),
            col_f("margin", &|r| r.margin),
            col_s("margin_unit", &|r| match (r.margin, r.rate) {
                (None, _) => "",
                (Some(_), true) => "points",
                (Some(_), false) => "percent",
            }),
        ] {
            comparison.with_column(c)?;
        }
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
        Ok(Analysis {
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
            baseline: None,
        })
    }
}
