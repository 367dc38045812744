//! Built-in corpus: takes nothing, gives the sample documents of seeds/
//! and their manifest, built into the binary (build.rs), written out to a
//! folder when `yoy` runs with no PATH where there is no ./seeds.

use std::path::PathBuf;

/// Every file of seeds/ (manifest.toml among them), by name.
pub const SEEDS: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

/// Writes the built-in corpus to a folder of the temporary directory (one
/// per version; a file already there with the same bytes is left alone)
/// and gives its path.
pub fn materialise() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("yoy-seeds-{}", env!("CARGO_PKG_VERSION")));
    std::fs::create_dir_all(&dir)?;
    for (name, bytes) in SEEDS {
        let path = dir.join(name);
        if std::fs::read(&path).ok().as_deref() != Some(*bytes) {
            // Written beside, then renamed: a concurrent run never reads
            // half a file.
            let tmp = dir.join(format!(".{name}.{}", std::process::id()));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, &path)?;
        }
    }
    Ok(dir)
}
