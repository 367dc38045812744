//! Units: takes data/units.toml, gives the unit table (longest match) and
//! the counter groups (个 and 处 count alike).

use super::table::WordTable;
use super::{parse_toml, DataError};
use serde::Deserialize;
use std::path::Path;

/// What a unit makes of the number before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Counter,
    Measure,
    Ordinal,
    Class,
    Code,
    Date,
    Condition,
    Grouping,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: String,
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default = "one")]
    pub factor: f64,
    pub kind: UnitKind,
    #[serde(default)]
    pub group: Option<String>,
    /// A rate (%, 个百分点, ‰): compared in percentage points, never by
    /// ratio.
    #[serde(default)]
    pub rate: bool,
}

fn one() -> f64 {
    1.0
}

impl Unit {
    pub fn base(&self) -> &str {
        self.base.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    unit: Vec<Unit>,
}

/// The units, compiled.
pub(super) struct Units {
    pub table: WordTable<Unit>,
    /// (base unit, group) for units that have a group.
    pub groups: Vec<(String, String)>,
    /// Base units that are rates.
    pub rates: Vec<String>,
}

pub(super) fn load(path: &Path, raw: &str) -> Result<Units, DataError> {
    let file: UnitsFile = parse_toml(path, raw)?;
    let groups = file
        .unit
        .iter()
        .filter_map(|u| u.group.clone().map(|g| (u.base().to_string(), g)))
        .collect();
    let rates = file
        .unit
        .iter()
        .filter(|u| u.rate)
        .map(|u| u.base().to_string())
        .collect();
    let table = WordTable::new(file.unit.into_iter().map(|u| (u.name.clone(), u)).collect())
        .map_err(|msg| DataError::Invalid {
            path: path.to_path_buf(),
            msg,
        })?;
    Ok(Units {
        table,
        groups,
        rates,
    })
}
