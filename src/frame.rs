//! Frame: takes `Figure`s, gives the facts table as one polars DataFrame
//! (built column by column) and writes frames as CSV, JSON or Parquet.

use crate::extract::Figure;
use polars::prelude::*;
use std::io::Write;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum FrameError {
    #[error("building the table: {0}")]
    Polars(#[from] PolarsError),
    #[error("{path}: cannot write: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Output formats for tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Parquet,
}

/// The facts table. Column order is part of the interface: doc, line,
/// start, end, quote, value, unit, qualifier, low, high, year, kind,
/// metric, metric_label, region, section, item, then the extras.
pub fn facts_frame(figs: &[&Figure]) -> Result<DataFrame, FrameError> {
    let n = figs.len();
    let s = |name: &str, f: &dyn Fn(&Figure) -> String| -> Column {
        Column::new(
            name.into(),
            figs.iter().map(|x| f(x)).collect::<Vec<String>>(),
        )
    };
    let opt_f64 = |name: &str, f: &dyn Fn(&Figure) -> Option<f64>| -> Column {
        Column::new(
            name.into(),
            figs.iter().map(|x| f(x)).collect::<Vec<Option<f64>>>(),
        )
    };
    let columns = vec![
        s("doc", &|x| x.doc.clone()),
        Column::new(
            "line".into(),
            figs.iter().map(|x| x.line as u64).collect::<Vec<u64>>(),
        ),
        Column::new(
            "start".into(),
            figs.iter().map(|x| x.start as u64).collect::<Vec<u64>>(),
        ),
        Column::new(
            "end".into(),
            figs.iter().map(|x| x.end as u64).collect::<Vec<u64>>(),
        ),
        s("quote", &|x| x.quote.clone()),
        Column::new(
            "value".into(),
            figs.iter().map(|x| x.value).collect::<Vec<f64>>(),
        ),
        s("unit", &|x| x.unit.clone()),
        s("qualifier", &|x| x.qualifier.as_str().to_string()),
        opt_f64("low", &|x| x.low),
        opt_f64("high", &|x| x.high),
        Column::new(
            "year".into(),
            figs.iter().map(|x| x.year).collect::<Vec<Option<i32>>>(),
        ),
        s("kind", &|x| {
            x.kind.map(|k| k.as_str().to_string()).unwrap_or_default()
        }),
        s("metric", &|x| x.metric.clone()),
        s("metric_label", &|x| x.metric_label.clone()),
        s("region", &|x| x.region.clone()),
        s("section", &|x| x.section.clone()),
        s("item", &|x| x.item.clone()),
        Column::new(
            "bullet".into(),
            figs.iter().map(|x| x.bullet).collect::<Vec<Option<u32>>>(),
        ),
        opt_f64("from_value", &|x| x.from_value),
        s("metric_en", &|x| x.metric_en.clone()),
        s("category", &|x| x.category.clone()),
        s("doc_kind", &|x| x.doc_kind.as_str().to_string()),
        s("role", &|x| x.role.as_str().to_string()),
        s("reason", &|x| x.reason.to_string()),
        Column::new(
            "year_from".into(),
            figs.iter()
                .map(|x| x.year_from)
                .collect::<Vec<Option<i32>>>(),
        ),
        s("region_code", &|x| x.region_code.clone()),
        Column::new(
            "page".into(),
            figs.iter().map(|x| x.page).collect::<Vec<Option<u32>>>(),
        ),
    ];
    Ok(DataFrame::new(n, columns)?)
}

/// Writes a table in parts, as documents are extracted batch by batch, so
/// a corpus larger than memory streams through: CSV and JSON lines are
/// appended (one header), Parquet goes through polars' batched writer.
pub struct PartWriter<W: Write> {
    format: Format,
    bom: bool,
    out: Option<W>,
    parquet: Option<polars::io::parquet::write::BatchedWriter<W>>,
    started: bool,
}

impl<W: Write> PartWriter<W> {
    pub fn new(format: Format, bom: bool, out: W) -> Self {
        PartWriter {
            format,
            bom,
            out: Some(out),
            parquet: None,
            started: false,
        }
    }

    pub fn write(&mut self, df: &mut DataFrame) -> Result<(), FrameError> {
        match self.format {
            Format::Csv => {
                if let Some(out) = self.out.as_mut() {
                    CsvWriter::new(out)
                        .include_bom(self.bom && !self.started)
                        .include_header(!self.started)
                        .with_float_scientific(Some(false))
                        .finish(&mut crate::escape::csv_frame(df)?)?;
                }
            }
            Format::Json => {
                if let Some(out) = self.out.as_mut() {
                    JsonWriter::new(out)
                        .with_json_format(JsonFormat::JsonLines)
                        .finish(df)?;
                }
            }
            Format::Parquet => {
                if self.parquet.is_none() {
                    if let Some(out) = self.out.take() {
                        self.parquet = Some(ParquetWriter::new(out).batched(df.schema())?);
                    }
                }
                if let Some(w) = self.parquet.as_mut() {
                    w.write_batch(df)?;
                }
            }
        }
        self.started = true;
        Ok(())
    }

    /// Ends the table; writes an empty one (header, schema) when no part
    /// came.
    pub fn finish(mut self) -> Result<(), FrameError> {
        if !self.started {
            let mut empty = facts_frame(&[])?;
            self.write(&mut empty)?;
        }
        if let Some(w) = self.parquet.as_mut() {
            w.finish()?;
        }
        if let Some(out) = self.out.as_mut() {
            out.flush().map_err(|e| FrameError::Io {
                path: "<output>".into(),
                source: e,
            })?;
        }
        Ok(())
    }
}

/// Writes a frame in `format` to `out`. CSV gets a UTF-8 BOM when `bom` so
/// that Excel reads the Chinese text correctly, and its text cells that
/// would start a formula a leading `'` (`escape::csv_frame`), as every CSV
/// yoy writes.
pub fn write_frame<W: Write>(
    df: &mut DataFrame,
    format: Format,
    bom: bool,
    out: W,
) -> Result<(), FrameError> {
    match format {
        Format::Csv => {
            CsvWriter::new(out)
                .include_bom(bom)
                .with_float_scientific(Some(false))
                .finish(&mut crate::escape::csv_frame(df)?)?;
        }
        Format::Json => {
            JsonWriter::new(out)
                .with_json_format(JsonFormat::JsonLines)
                .finish(df)?;
        }
        Format::Parquet => {
            ParquetWriter::new(out).finish(df)?;
        }
    }
    Ok(())
}
