//! Out folder: takes the folder a report set is for, gives a private
//! folder to write the set into and swaps the finished set into place as
//! a whole.
//!
//! - **Private folder**: `.<name>.yoy-new-<pid>-<n>` beside the target,
//!   created exclusively (`create_dir`, mode 0700), so nothing planted
//!   beforehand (a symlink at a temporary name) is ever written through;
//!   every temporary and spill file lives inside it.
//! - **Lock**: `.<name>.yoy-lock` beside the target, held (`File::try_lock`)
//!   from start to swap; a second run on the same folder stops at once
//!   with an error naming it (it does not wait).
//! - **Swap**: on Linux one system call exchanges the two folders
//!   (`renameat2` with `RENAME_EXCHANGE`), then the old set, now at the
//!   private name, is removed. Elsewhere (or on a file system without the
//!   exchange): target → `.<name>.yoy-old-<pid>-<n>`, private → target, old
//!   removed; between those two renames the target does not exist, and a
//!   run killed right there leaves the old set aside for the next run to
//!   put back.
//! - **Cleanup**: the private folder goes on every error (drop) and on
//!   Ctrl-C, SIGTERM and SIGHUP (a signal thread removes what is
//!   registered, then exits 130, 143, 129). Leftovers of killed runs on
//!   the same target are removed by the next run, under the lock; work
//!   folders in the temporary folder (`yoy check`) when their process is
//!   gone or they are older than a day.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, Once};
use std::time::{Duration, SystemTime};
use thiserror::Error;

/// The marker that says a folder holds yoy's reports.
pub const MARKER: &str = ".yoy-report";

/// Work folders of `yoy check` older than this are removed whatever their
/// process: a pid may have been reused.
const STALE_AGE: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, Error)]
pub enum OutDirError {
    #[error("{path}: cannot write: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}: folder exists and was not written by yoy; use --force to replace it")]
    NotOurs { path: PathBuf },
    #[error("{path}: exists and is a folder; choose a file for --out")]
    IsFolder { path: PathBuf },
    #[error("{path}: exists and is not a folder; choose another --out")]
    NotFolder { path: PathBuf },
    #[error("{path}: another yoy run is writing this report folder (it holds {lock}); try again when it has finished")]
    Busy { path: PathBuf, lock: PathBuf },
    #[error("{out}: the output would replace the input {input}; choose another output path")]
    ReplacesInput { out: PathBuf, input: PathBuf },
    #[error("{path}: cannot be a report folder (it holds the working folder or a root)")]
    Unsafe { path: PathBuf },
}

fn io_at(path: &Path) -> impl Fn(io::Error) -> OutDirError + '_ {
    move |e| OutDirError::Io {
        path: path.to_path_buf(),
        source: e,
    }
}

// ---- cleanup on signals -------------------------------------------------

/// Folders and files to remove if the process is told to stop.
static REGISTERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn registered() -> MutexGuard<'static, Vec<PathBuf>> {
    REGISTERED.lock().unwrap_or_else(|e| e.into_inner())
}

/// Starts, once, the thread that removes what is registered when
/// SIGINT, SIGTERM or SIGHUP arrives and then exits with 128 + signal.
fn watch_signals() {
    static START: Once = Once::new();
    START.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    // Held to the end: a swap in progress finishes first,
                    // and nothing new is registered meanwhile.
                    let paths = registered();
                    for p in paths.iter() {
                        remove_any(p);
                    }
                    std::process::exit(128 + sig);
                }
            });
        }
    });
}

fn register(p: &Path) {
    watch_signals();
    registered().push(p.to_path_buf());
}

fn forget(p: &Path) {
    let mut r = registered();
    if let Some(i) = r.iter().rposition(|q| q == p) {
        r.remove(i);
    }
}

/// Removes a folder or a file; retried because another thread may still
/// be creating files in it while it goes.
fn remove_any(p: &Path) {
    for _ in 0..3 {
        let r = match fs::symlink_metadata(p) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(p),
            Ok(_) => fs::remove_file(p),
            Err(_) => return,
        };
        if r.is_ok() {
            return;
        }
    }
}

// ---- names and folders --------------------------------------------------

/// A name no other run takes: the process id and a counter, plus the
/// time for runs that reuse a pid.
fn unique() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let t = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}-{}{:08x}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        t
    )
}

/// Creates a fresh folder readable by this user only; fails if anything,
/// a symlink included, is at that name.
fn create_private(p: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(p)
}

/// A fresh private folder named `{stem}{unique}` in `parent`.
fn fresh(parent: &Path, stem: &str) -> Result<PathBuf, OutDirError> {
    loop {
        let p = parent.join(format!("{stem}{}", unique()));
        match create_private(&p) {
            Ok(()) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_at(&p)(e)),
        }
    }
}

/// True when both paths name the same file (device and inode), however
/// they are written.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(x), Ok(y)) => {
            use std::os::unix::fs::MetadataExt;
            x.dev() == y.dev() && x.ino() == y.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y),
        _ => false,
    }
}

/// The absolute path of an output, its symlinks resolved (a `reports`
/// that links elsewhere is written where it points); its parent folders
/// are created.
pub fn resolve(out: &Path) -> Result<PathBuf, OutDirError> {
    if let Ok(c) = out.canonicalize() {
        return Ok(c);
    }
    let name = out.file_name().ok_or_else(|| OutDirError::Unsafe {
        path: out.to_path_buf(),
    })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Err(e) = fs::create_dir_all(parent) {
        // A file where a folder of the path should be (`--out notes.txt/R`)
        // says so, rather than "File exists".
        let file = parent
            .ancestors()
            .find(|a| fs::metadata(a).is_ok_and(|m| !m.is_dir()));
        return Err(match file {
            Some(f) => OutDirError::NotFolder {
                path: f.to_path_buf(),
            },
            None => io_at(parent)(e),
        });
    }
    Ok(parent.canonicalize().map_err(io_at(parent))?.join(name))
}

/// Refuses an output that is, or holds, one of the inputs (files or
/// folders, as given or listed).
pub fn check_inputs<'a>(
    out: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), OutDirError> {
    let out_c = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    for input in inputs {
        let c = input.canonicalize().unwrap_or_else(|_| input.to_path_buf());
        if c.starts_with(&out_c) || same_file(input, out) {
            return Err(OutDirError::ReplacesInput {
                out: out.to_path_buf(),
                input: input.to_path_buf(),
            });
        }
    }
    Ok(())
}

// ---- the lock -----------------------------------------------------------

/// The lock on one report folder; removed and released on drop.
struct Lock {
    path: PathBuf,
    _file: fs::File,
}

impl Lock {
    fn acquire(path: PathBuf, target: &Path) -> Result<Lock, OutDirError> {
        let err = |e| OutDirError::Io {
            path: path.clone(),
            source: e,
        };
        loop {
            let mut o = fs::OpenOptions::new();
            o.read(true).write(true).create(true).truncate(false);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                // A symlink planted at the lock's name is refused.
                o.custom_flags(libc::O_NOFOLLOW);
            }
            let file = o.open(&path).map_err(err)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(OutDirError::Busy {
                        path: target.to_path_buf(),
                        lock: path,
                    })
                }
                Err(fs::TryLockError::Error(e)) => return Err(err(e)),
            }
            // The run that held it may have removed the file after we
            // opened it: the lock counts only on the file at the path.
            if same_open_file(&file, &path) {
                return Ok(Lock { path, _file: file });
            }
        }
    }
}

fn same_open_file(f: &fs::File, p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (f.metadata(), fs::symlink_metadata(p)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (f, p);
        true
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held; the file closes (and unlocks) after.
        let _ = fs::remove_file(&self.path);
        forget(&self.path);
    }
}

// ---- the report folder --------------------------------------------------

/// A report set being written: the private folder, the lock, the target.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    work: PathBuf,
    committed: bool,
    _lock: Lock,
}

/// The leftovers' name stems for a target: `.<name>.yoy-`.
fn stem(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.yoy-")
}

impl Staging {
    /// Locks `target` (already `resolve`d), removes what killed runs left
    /// beside it, checks that it may be replaced (a folder with yoy's
    /// marker, an empty one, or `force`) and creates the private folder,
    /// with a `.work` folder inside for spill files.
    pub fn begin(target: &Path, force: bool) -> Result<Staging, OutDirError> {
        let parent = target.parent().ok_or_else(|| OutDirError::Unsafe {
            path: target.to_path_buf(),
        })?;
        if let Ok(cwd) = std::env::current_dir().and_then(|c| c.canonicalize()) {
            if cwd.starts_with(target) {
                return Err(OutDirError::Unsafe {
                    path: target.to_path_buf(),
                });
            }
        }
        // Said before the lock is tried: a file in a folder where nothing
        // can be created (`--out /proc/version`) is "not a folder", not
        // a failure to write the lock.
        if fs::symlink_metadata(target).is_ok_and(|m| !m.is_dir()) {
            return Err(OutDirError::NotFolder {
                path: target.to_path_buf(),
            });
        }
        let stem = stem(target);
        let lock_path = parent.join(format!("{stem}lock"));
        register(&lock_path);
        let lock = Lock::acquire(lock_path.clone(), target).inspect_err(|_| forget(&lock_path))?;
        clean_leftovers(parent, &stem, target);
        match fs::symlink_metadata(target) {
            Ok(m) if !m.is_dir() => {
                return Err(OutDirError::NotFolder {
                    path: target.to_path_buf(),
                })
            }
            Ok(_) if !force && !target.join(MARKER).exists() => {
                let empty = fs::read_dir(target)
                    .map(|mut d| d.next().is_none())
                    .unwrap_or(false);
                if !empty {
                    return Err(OutDirError::NotOurs {
                        path: target.to_path_buf(),
                    });
                }
            }
            _ => {}
        }
        // A signal between creation and registration leaves the folder
        // to the next run's cleanup.
        let dir = fresh(parent, &format!("{stem}new-"))?;
        register(&dir);
        let work = dir.join(".work");
        let s = Staging {
            target: target.to_path_buf(),
            work: work.clone(),
            dir,
            committed: false,
            _lock: lock,
        };
        create_private(&work).map_err(io_at(&work))?;
        Ok(s)
    }

    /// The private folder the set is written into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A folder inside it for spill files, removed before the swap.
    pub fn work(&self) -> &Path {
        &self.work
    }

    /// Puts the finished set in place of the target: the work folder
    /// goes, the folder gets the old one's permissions (or those the
    /// user's umask gives a new one), then the swap.
    pub fn commit(mut self) -> Result<(), OutDirError> {
        fs::remove_dir_all(&self.work).map_err(io_at(&self.work))?;
        let perms = match fs::metadata(&self.target) {
            Ok(m) => Some(m.permissions()),
            Err(_) => new_folder_permissions(&self.dir.join(MARKER)),
        };
        if let Some(p) = perms {
            fs::set_permissions(&self.dir, p).map_err(io_at(&self.dir))?;
        }
        let parent = self.target.parent().unwrap_or(Path::new("."));
        let old = parent.join(format!("{}old-{}", stem(&self.target), unique()));
        let mut reg = registered();
        let had_old = self.target.exists();
        if had_old && exchange(&self.dir, &self.target).is_ok() {
            // The private name now holds the old set, still registered
            // for removal on a signal.
            self.committed = true;
            drop(reg);
            fs::remove_dir_all(&self.dir).map_err(io_at(&self.dir))?;
            forget(&self.dir);
            return Ok(());
        }
        if had_old {
            fs::rename(&self.target, &old).map_err(io_at(&self.target))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(io_at(&self.target)(e));
        }
        self.committed = true;
        if let Some(i) = reg.iter().rposition(|q| q == &self.dir) {
            reg.remove(i);
        }
        if had_old {
            reg.push(old.clone());
        }
        drop(reg);
        if had_old {
            fs::remove_dir_all(&old).map_err(io_at(&old))?;
            forget(&old);
        }
        Ok(())
    }
}

/// Swaps two folders in one step where the system can.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are NUL-terminated paths that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            remove_any(&self.dir);
            forget(&self.dir);
        }
    }
}

/// A new folder's permissions from the umask, as a file just created
/// shows it: read and write as the file's, execute where it may read.
fn new_folder_permissions(file: &Path) -> Option<fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let m = fs::metadata(file).ok()?.permissions().mode() & 0o666;
        Some(fs::Permissions::from_mode(m | ((m & 0o444) >> 2)))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        None
    }
}

/// Removes, under the lock, what killed runs left beside the target:
/// private folders (`new-`) and, when the target itself is missing
/// (killed between the two renames of a swap), the set put aside (`old-`)
/// goes back in place; other old sets are removed.
fn clean_leftovers(parent: &Path, stem: &str, target: &Path) {
    let Ok(rd) = fs::read_dir(parent) else {
        return;
    };
    let mut olds = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(stem) else {
            continue;
        };
        // Exactly our names (`unique`): a folder of another target whose
        // name merely begins like ours is not touched.
        let ours = |kind: &str| {
            rest.strip_prefix(kind).is_some_and(|u| {
                !u.is_empty() && u.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
            })
        };
        if ours("new-") {
            remove_any(&e.path());
        } else if ours("old-") {
            olds.push(e.path());
        }
    }
    if !target.exists() {
        if let Some(p) = olds.pop() {
            let _ = fs::rename(&p, target);
        }
    }
    for p in olds {
        remove_any(&p);
    }
}

// ---- one output file ----------------------------------------------------

/// One output file written whole or not at all (`extract --out FILE`):
/// the data goes into a fresh file beside it (`.<name>.yoy-part-…`,
/// created exclusively), renamed over the target only once complete, so
/// a failed or killed run, or one that read no document, leaves the old
/// file as it was. A target that is not a regular file (a pipe,
/// /dev/stdout) is written directly: it has no old content to keep.
pub struct OutFile {
    target: PathBuf,
    part: Option<PathBuf>,
}

impl OutFile {
    /// Opens the file to write for `target` (a symlink is written where it
    /// points).
    pub fn create(target: &Path) -> Result<(OutFile, fs::File), OutDirError> {
        match fs::metadata(target) {
            Ok(m) if !m.is_file() && !m.is_dir() => {
                let f = fs::File::create(target).map_err(io_at(target))?;
                return Ok((
                    OutFile {
                        target: target.to_path_buf(),
                        part: None,
                    },
                    f,
                ));
            }
            Ok(m) if m.is_dir() => {
                return Err(OutDirError::IsFolder {
                    path: target.to_path_buf(),
                })
            }
            _ => {}
        }
        let real = resolve(target)?;
        let parent = real.parent().unwrap_or(Path::new("."));
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = format!(".{name}.yoy-part-");
        clean_parts(parent, &stem);
        loop {
            let part = parent.join(format!("{stem}{}", unique()));
            register(&part);
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&part)
            {
                Ok(f) => {
                    return Ok((
                        OutFile {
                            target: real,
                            part: Some(part),
                        },
                        f,
                    ))
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => forget(&part),
                Err(e) => {
                    forget(&part);
                    return Err(io_at(&part)(e));
                }
            }
        }
    }

    /// Puts the finished file in place (with the old one's permissions).
    pub fn commit(mut self) -> Result<(), OutDirError> {
        let Some(part) = self.part.take() else {
            return Ok(());
        };
        if let Ok(m) = fs::metadata(&self.target) {
            let _ = fs::set_permissions(&part, m.permissions());
        }
        let r = fs::rename(&part, &self.target).map_err(io_at(&self.target));
        if r.is_err() {
            let _ = fs::remove_file(&part);
        }
        forget(&part);
        r
    }
}

/// The entries of `dir` named `stem<pid>-…` that a run no longer alive
/// left behind (or, with `max_age`, that are older than it): the one
/// way part files and work folders of killed runs are found.
fn leftovers(dir: &Path, stem: &str, max_age: Option<std::time::Duration>) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    rd.flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(rest) = name.strip_prefix(stem) else {
                return false;
            };
            let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
            let old = max_age.is_some_and(|max| {
                e.metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > max)
            });
            old || pid.is_some_and(|p| !alive(p))
        })
        .map(|e| e.path())
        .collect()
}

/// Removes the part files a killed run (its process gone) left for the
/// same output.
fn clean_parts(parent: &Path, stem: &str) {
    for p in leftovers(parent, stem, None) {
        let _ = fs::remove_file(p);
    }
}

impl Drop for OutFile {
    fn drop(&mut self) {
        if let Some(part) = self.part.take() {
            let _ = fs::remove_file(&part);
            forget(&part);
        }
    }
}

// ---- work folders outside a report --------------------------------------

/// A private folder in the system's temporary folder for spill files of
/// a run that writes no report (`yoy check`); removed on drop and on
/// signals, and by a later run when its process is gone.
pub struct WorkDir {
    path: PathBuf,
}

const WORK_STEM: &str = "yoy-work-";

impl WorkDir {
    pub fn new() -> Result<WorkDir, OutDirError> {
        let tmp = std::env::temp_dir();
        clean_work_dirs(&tmp);
        let path = fresh(&tmp, WORK_STEM)?;
        register(&path);
        Ok(WorkDir { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        remove_any(&self.path);
        forget(&self.path);
    }
}

/// Removes work folders whose process is gone or that are older than
/// `STALE_AGE`.
fn clean_work_dirs(tmp: &Path) {
    for p in leftovers(tmp, WORK_STEM, Some(STALE_AGE)) {
        remove_any(&p);
    }
}

/// True when a process with this id exists.
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // Signal 0 checks without sending; EPERM means it exists.
        // SAFETY: kill with signal 0 only checks the process.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let p = std::env::temp_dir().join(format!("yoy-outdir-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).unwrap();
        p.canonicalize().unwrap()
    }

    #[test]
    fn a_set_is_swapped_in_whole_and_leaves_nothing_beside_it() {
        let root = tmp("swap");
        let target = root.join("R");
        fs::create_dir(&target).unwrap();
        fs::write(target.join(MARKER), "x").unwrap();
        fs::write(target.join("old.txt"), "old").unwrap();
        let s = Staging::begin(&target, false).unwrap();
        fs::write(s.dir().join(MARKER), "x").unwrap();
        fs::write(s.dir().join("new.txt"), "new").unwrap();
        fs::write(s.work().join("spill.part"), "x").unwrap();
        // A second run on the same folder stops.
        assert!(matches!(
            Staging::begin(&target, true),
            Err(OutDirError::Busy { .. })
        ));
        s.commit().unwrap();
        assert!(target.join("new.txt").exists());
        assert!(!target.join("old.txt").exists());
        assert!(!target.join(".work").exists());
        let left: Vec<_> = fs::read_dir(&root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["R"]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn an_abandoned_set_leaves_the_target_alone() {
        let root = tmp("abandon");
        let target = root.join("R");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep.txt"), "mine").unwrap();
        assert!(matches!(
            Staging::begin(&target, false),
            Err(OutDirError::NotOurs { .. })
        ));
        let s = Staging::begin(&target, true).unwrap();
        fs::write(s.dir().join("half.txt"), "x").unwrap();
        drop(s);
        let left: Vec<_> = fs::read_dir(&root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["R"]);
        assert_eq!(fs::read_to_string(target.join("keep.txt")).unwrap(), "mine");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_set_put_aside_by_a_killed_swap_comes_back() {
        let root = tmp("killed");
        let target = root.join("R");
        let old = root.join(".R.yoy-old-1-0");
        let new = root.join(".R.yoy-new-1-0");
        fs::create_dir(&old).unwrap();
        fs::write(old.join(MARKER), "x").unwrap();
        fs::create_dir(&new).unwrap();
        let s = Staging::begin(&target, false).unwrap();
        assert!(target.join(MARKER).exists());
        assert!(!old.exists() && !new.exists());
        drop(s);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn an_output_holding_an_input_is_refused() {
        let root = tmp("inputs");
        let f = root.join("a.txt");
        fs::write(&f, "x").unwrap();
        assert!(check_inputs(&root, [f.as_path()]).is_err());
        assert!(check_inputs(&f, [f.as_path()]).is_err());
        assert!(check_inputs(&root.join("out"), [f.as_path()]).is_ok());
        fs::remove_dir_all(&root).unwrap();
    }
}
