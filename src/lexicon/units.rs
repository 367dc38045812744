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
    /// How many of its group's reference unit one of this unit is (斤 0.5
    /// and 吨 1000 in kilograms): lets one region's figures written in two
    /// units of a group be compared.
    #[serde(default)]
    pub in_group: Option<f64>,
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
    /// (base unit, group, size in the group's reference unit).
    pub sizes: Vec<(String, String, f64)>,
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
    let sizes = file
        .unit
        .iter()
        .filter(|u| u.base.is_none())
        .filter_map(|u| match (&u.group, u.in_group) {
            (Some(g), Some(k)) => Some((u.name.clone(), g.clone(), k)),
            _ => None,
        })
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
        sizes,
    })
}
