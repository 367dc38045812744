//! Built-in corpus: takes nothing, gives the sample documents of seeds/
//! and their manifest, built into the binary (build.rs), written out to a
//! folder when `yoy` runs with no PATH where there is no ./seeds.

use std::path::PathBuf;

/// Every file of seeds/ (manifest.toml among them), by name.
pub const SEEDS: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

/// Writes the built-in corpus to a folder of the temporary directory (one
/// per version and user; a file already there with the same bytes is left
/// alone) and gives its path.
///
/// The temporary directory is shared with every user: a folder there with
/// the expected name may have been made by someone else, to plant links
/// that the files would be written through or documents that would be
/// read as the sample. So the folder is used only when it is a real folder
/// (not a link) of this user that nobody else may write to; otherwise a
/// fresh one is created exclusively. Files are written beside and renamed
/// (a concurrent run never reads half a file), each created new, never
/// through a link.
pub fn materialise() -> std::io::Result<PathBuf> {
    let tmp = std::env::temp_dir();
    let base = format!("yoy-seeds-{}-{}", env!("CARGO_PKG_VERSION"), user());
    let shared = tmp.join(&base);
    let dir = match private_folder(&shared) {
        Ok(()) => shared,
        Err(_) => {
            let mut n = 0u32;
            loop {
                let d = tmp.join(format!("{base}-{}-{n}", std::process::id()));
                match private_folder_new(&d) {
                    Ok(()) => break d,
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                    Err(e) => return Err(e),
                }
            }
        }
    };
    for (name, bytes) in SEEDS {
        let path = dir.join(name);
        let same = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
            && std::fs::read(&path).ok().as_deref() == Some(*bytes);
        if !same {
            let tmp = dir.join(format!(".{name}.{}", std::process::id()));
            let _ = std::fs::remove_file(&tmp);
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)?;
            std::io::Write::write_all(&mut f, bytes)?;
            drop(f);
            std::fs::rename(&tmp, &path)?;
        }
    }
    Ok(dir)
}

#[cfg(unix)]
fn user() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

#[cfg(not(unix))]
fn user() -> u32 {
    0
}

/// Creates `dir` for this user alone, or accepts it when it already is
/// one: a folder (not a link), owned by this user, closed to others.
fn private_folder(dir: &std::path::Path) -> std::io::Result<()> {
    match private_folder_new(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let m = std::fs::symlink_metadata(dir)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                if m.is_dir() && m.uid() == user() && m.mode() & 0o077 == 0 {
                    return Ok(());
                }
            }
            #[cfg(not(unix))]
            if m.is_dir() {
                return Ok(());
            }
            Err(std::io::Error::other("not a private folder of this user"))
        }
        r => r,
    }
}

/// Creates `dir` exclusively, readable and writable by this user only.
fn private_folder_new(dir: &std::path::Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}
