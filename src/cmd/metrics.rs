//! `yoy metrics`: which metrics the corpus uses; `--unmapped` lists the
//! `auto:` keys with counts, for extending data/metrics.toml.

use super::{load_and_extract, AppError};
use comfy_table::{presets::UTF8_FULL, Table};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yoy::figures::Role;

#[derive(clap::Args)]
pub struct Args {
    pub paths: Vec<PathBuf>,
    /// Only the auto: keys (figures the dictionary does not name).
    #[arg(long)]
    pub unmapped: bool,
}

pub fn run(a: Args, data: Option<&Path>) -> Result<u8, AppError> {
    let (_lx, ex, _) = load_and_extract(&a.paths, data, false)?;
    // metric → (label, count, docs, example quote)
    let mut rows: BTreeMap<String, (String, usize, std::collections::BTreeSet<String>, String)> =
        BTreeMap::new();
    for d in &ex {
        for f in d.figures.iter().filter(|f| f.role == Role::Figure) {
            if a.unmapped == f.known_metric() {
                continue;
            }
            let e = rows.entry(f.metric.clone()).or_insert_with(|| {
                (
                    f.metric_label.clone(),
                    0,
                    Default::default(),
                    f.quote.clone(),
                )
            });
            e.1 += 1;
            e.2.insert(f.doc.clone());
        }
    }
    let mut list: Vec<_> = rows.into_iter().collect();
    list.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));
    let mut t = Table::new();
    t.load_preset(UTF8_FULL);
    t.set_header(vec!["metric", "label", "figures", "documents", "example"]);
    for (id, (label, n, docs, ex)) in list {
        t.add_row(vec![id, label, n.to_string(), docs.len().to_string(), ex]);
    }
    super::emit(&format!("{t}\n"))?;
    Ok(0)
}
