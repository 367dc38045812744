//! Corpus: takes paths (files, folders, `manifest.toml`), gives `Document`s:
//! an id (the file name, or its path where names clash), metadata (region, kind, year, published; each
//! either given by the manifest or inferred from the text) and the decoded
//! text.

use crate::marks::YEAR;
use crate::regions::{Gazetteer, RegionRef};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Errors met while reading the corpus. Each names the file.
#[derive(Debug, Error)]
pub enum CorpusError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a text document ({why})")]
    NotText { path: PathBuf, why: String },
    #[error("{path}: cannot decode as UTF-8, UTF-16 or GB18030")]
    Undecodable { path: PathBuf },
    #[error("{path}:{line}: manifest error: {msg}")]
    Manifest {
        path: PathBuf,
        line: usize,
        msg: String,
    },
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
    /// A FIFO, socket or device: reading one could block forever.
    #[error("{path}: not a regular file (a pipe, socket or device)")]
    NotRegular { path: PathBuf },
    #[error("cannot read folder {path}: {}", io_reason(source))]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: no documents (.txt, .md, .html, .pdf, .docx, .xlsx…) found")]
    Empty { path: PathBuf },
    /// A file whose format could not be turned into text (`read`).
    #[error(transparent)]
    Read(#[from] crate::read::ReadError),
}

/// An I/O error's reason without the OS error number ("permission
/// denied").
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        _ => e.to_string(),
    }
}

/// What sort of document it is; decides how its figures are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 政府工作报告: reviews year-1, sets targets for year.
    WorkReport,
    /// 重点工作任务: targets for its year, with lead units.
    KeyTasks,
    /// 市办实事 / 民生实事: targets for its year.
    PracticalProjects,
    /// A news article retelling results and plans.
    News,
    Other,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::WorkReport => "work_report",
            DocKind::KeyTasks => "key_tasks",
            DocKind::PracticalProjects => "practical_projects",
            DocKind::News => "news",
            DocKind::Other => "other",
        }
    }
    /// A kind from its id (work_report), its id with spaces, or one of
    /// its names in data/kinds.toml (政府工作报告).
    pub fn parse(s: &str) -> Option<DocKind> {
        let s = s.trim();
        DocKind::from_id(&s.replace(' ', "_")).or_else(|| {
            kind_table()
                .iter()
                .find(|k| k.names.iter().any(|n| n == s))
                .map(|k| k.kind)
        })
    }

    fn from_id(id: &str) -> Option<DocKind> {
        Some(match id {
            "work_report" => DocKind::WorkReport,
            "key_tasks" => DocKind::KeyTasks,
            "practical_projects" => DocKind::PracticalProjects,
            "news" | "news_article" => DocKind::News,
            "other" => DocKind::Other,
            _ => return None,
        })
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Document metadata. `inferred` lists the fields that were guessed from
/// the text rather than given by a manifest.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    pub region: String,
    /// GB/T 2260 code of the region; empty when the table does not know it.
    pub region_code: String,
    pub kind: DocKind,
    /// The year the document's plans are for.
    pub year: Option<i32>,
    pub published: Option<String>,
    pub inferred: Vec<&'static str>,
}

/// One document of the corpus.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name (its path from the nearest shared folder where two
    /// files share a name; a manifest's `sub/b.txt` as written); the key
    /// used in every report.
    pub id: String,
    pub path: PathBuf,
    pub meta: Meta,
    /// The decoded text; every span yoy reports is a byte range in it.
    pub text: String,
    pub encoding: &'static str,
}

/// A manifest entry as written in `manifest.toml`, with where it stands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    file: toml::Spanned<String>,
    title: Option<String>,
    region: Option<String>,
    kind: Option<toml::Spanned<String>>,
    published: Option<toml::Value>,
    year: Option<toml::Spanned<i64>>,
}

/// A manifest entry, checked (its year plausible, its kind known); it is
/// keyed by its file's path inside the corpus folder ('/'-separated).
#[derive(Debug, Clone)]
struct ManifestEntry {
    title: Option<String>,
    region: Option<String>,
    kind: Option<String>,
    published: Option<toml::Value>,
    year: Option<i32>,
    /// Line of the manifest where the entry names its file.
    line: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    #[serde(default)]
    document: Vec<RawEntry>,
}

/// A file that could not be read, with the reason, when the run goes on.
#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    pub error: CorpusError,
}

/// Documents read plus files skipped.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub skipped: Vec<Skipped>,
}

const DOC_EXTENSIONS: &[&str] = crate::read::EXTENSIONS;

/// A document file found but not read yet: lets large corpora be read in
/// batches.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// The document's id (see `Document::id`).
    pub id: String,
    /// Size on disk, for batching by bytes.
    pub size: u64,
    entry: Option<ManifestEntry>,
    /// Named on the command line: failing to read it is always fatal.
    named: bool,
}

impl Source {
    /// Reads and decodes the file.
    pub fn read(&self) -> Result<Document, CorpusError> {
        load_file(&self.path, &self.id, self.entry.as_ref())
    }

    /// True when a read error must stop the run.
    pub fn fatal(&self, strict: bool) -> bool {
        strict || self.named
    }
}

/// Finds the documents at `paths` without reading them. Folders use their
/// `manifest.toml` when present, or else take every document file in them.
/// A file reached twice (named twice, through two spellings or a link, or
/// named and inside a folder given) is read once. Ids are file names;
/// where two files share a name, their paths from the nearest common
/// folder. Sources come sorted by id, then path: the order never depends
/// on the file system. Files skipped (stray or unreadable entries) are
/// reported on stderr as well as returned.
pub fn list(paths: &[PathBuf], strict: bool) -> Result<(Vec<Source>, Vec<Skipped>), CorpusError> {
    let mut sources = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if holds_reports(path) {
            // yoy's own output is never read back as documents.
            eprintln!(
                "yoy: not read: {} holds yoy's reports ({})",
                crate::escape::terminal(&path.display().to_string()),
                crate::outdir::MARKER
            );
            continue;
        }
        // metadata follows links; a path that exists but is neither a
        // file nor a folder is never opened (a FIFO would block the run).
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => list_dir(path, strict, &mut sources, &mut skipped)?,
            Ok(m) if m.is_file() => sources.push(Source {
                path: path.clone(),
                id: file_id(path),
                size: m.len(),
                entry: None,
                named: true,
            }),
            Ok(_) => return Err(CorpusError::NotRegular { path: path.clone() }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(CorpusError::Missing { path: path.clone() })
            }
            Err(e) => {
                return Err(CorpusError::Io {
                    path: path.clone(),
                    source: e,
                })
            }
        }
    }
    let mut sources = once_each(sources);
    unique_ids(&mut sources);
    sources.sort_by(|a, b| a.id.cmp(&b.id).then(a.path.cmp(&b.path)));
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    for s in &skipped {
        eprintln!(
            "yoy: skipped: {}",
            crate::escape::terminal(&s.error.to_string())
        );
    }
    Ok((sources, skipped))
}

/// Keeps one source per file on disk (by its canonical path): the one a
/// manifest describes, else the first.
fn once_each(sources: Vec<Source>) -> Vec<Source> {
    let mut seen: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut out: Vec<Source> = Vec::with_capacity(sources.len());
    for s in sources {
        let key = std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone());
        match seen.get(&key) {
            Some(&k) => {
                let kept = &mut out[k];
                kept.named |= s.named;
                if kept.entry.is_none() && s.entry.is_some() {
                    kept.entry = s.entry;
                    kept.id = s.id;
                }
            }
            None => {
                seen.insert(key, out.len());
                out.push(s);
            }
        }
    }
    out
}

/// Gives sources that share an id their paths from the nearest folder
/// they have in common (a/report.txt, b/report.txt), so that no two
/// documents are one in the reports.
fn unique_ids(sources: &mut [Source]) {
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, s) in sources.iter().enumerate() {
        by_id.entry(s.id.clone()).or_default().push(k);
    }
    for ks in by_id.values().filter(|ks| ks.len() > 1) {
        let comps: Vec<Vec<std::path::Component>> = ks
            .iter()
            .map(|&k| sources[k].path.components().collect())
            .collect();
        let common = (0..)
            .take_while(|&i| {
                comps
                    .iter()
                    .all(|c| i + 1 < c.len() && c.get(i) == comps[0].get(i))
            })
            .count();
        let ids: Vec<String> = comps
            .iter()
            .map(|c| path_id(&c[common..].iter().collect::<PathBuf>()))
            .collect();
        for (&k, id) in ks.iter().zip(ids) {
            sources[k].id = id;
        }
    }
}

/// True for a report folder yoy wrote, or a file inside one.
fn holds_reports(path: &Path) -> bool {
    let marked = |d: &Path| d.join(crate::outdir::MARKER).is_file();
    if path.is_dir() {
        marked(path)
    } else {
        path.parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .is_some_and(marked)
    }
}

/// Source bytes per batch when a corpus is read in parts: large enough to
/// keep every core busy, small enough that a batch's documents and
/// figures fit in memory many times over.
pub const BATCH_BYTES: u64 = 8 << 20;

/// Splits sources into consecutive batches of about `bytes` each.
pub fn batches(sources: &[Source], bytes: u64) -> Vec<&[Source]> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, s) in sources.iter().enumerate() {
        size += s.size;
        if size >= bytes {
            out.push(&sources[start..=i]);
            start = i + 1;
            size = 0;
        }
    }
    if start < sources.len() {
        out.push(&sources[start..]);
    }
    out
}

/// Reads a batch of sources in parallel, in order. A file that cannot be
/// read is reported on stderr and recorded in `skipped`, or is an error
/// when it must not be skipped (`strict`, or named on the command line).
pub fn read_batch(
    batch: &[Source],
    strict: bool,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<Document>, CorpusError> {
    use rayon::prelude::*;
    let read: Vec<_> = batch.par_iter().map(Source::read).collect();
    let mut docs = Vec::with_capacity(batch.len());
    for (src, r) in batch.iter().zip(read) {
        match r {
            Ok(d) => docs.push(d),
            Err(e) if !src.fatal(strict) => {
                eprintln!("yoy: skipped: {}", crate::escape::terminal(&e.to_string()));
                skipped.push(Skipped {
                    path: src.path.clone(),
                    error: e,
                });
            }
            Err(e) => return Err(e),
        }
    }
    Ok(docs)
}

/// Reads the documents at `paths` (see `list`) in one batch. With
/// `strict`, the first unreadable file is an error; otherwise it is
/// skipped, reported and recorded.
pub fn load(paths: &[PathBuf], strict: bool) -> Result<Corpus, CorpusError> {
    let (sources, mut skipped) = list(paths, strict)?;
    let documents = read_batch(&sources, strict, &mut skipped)?;
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Corpus { documents, skipped })
}

fn file_id(p: &Path) -> String {
    p.file_name().map(os_id).unwrap_or_default()
}

/// A path as an id: its parts joined by '/', each as `os_id` writes it.
fn path_id(p: &Path) -> String {
    p.components()
        .map(|c| os_id(c.as_os_str()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A file name as text, losslessly: a name that is not UTF-8 keeps its
/// valid parts and writes each other byte as %XX (and '%' itself as %25,
/// so that two names never meet).
fn os_id(name: &std::ffi::OsStr) -> String {
    if let Some(s) = name.to_str() {
        return s.to_string();
    }
    let bytes = name.as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len() * 2);
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('%', "%25"));
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A manifest's `file` as a path inside its folder: '/'-separated normal
/// parts; `None` for a path that is absolute or climbs out (`..`).
fn inside_folder(file: &str) -> Option<String> {
    use std::path::Component;
    let mut parts = Vec::new();
    for c in Path::new(file).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?.to_string()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The file that describes a folder's documents.
const MANIFEST: &str = "manifest.toml";

fn list_dir(
    dir: &Path,
    strict: bool,
    sources: &mut Vec<Source>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), CorpusError> {
    let folder_err = |e: std::io::Error| CorpusError::Folder {
        path: dir.to_path_buf(),
        source: e,
    };
    let manifest_path = dir.join(MANIFEST);
    let entries: BTreeMap<String, ManifestEntry> = if manifest_path.is_file() {
        read_manifest(&manifest_path)?
    } else {
        BTreeMap::new()
    };
    let rd = std::fs::read_dir(dir).map_err(folder_err)?;
    let mut found = 0;
    // The folder's own files by name, for the manifest's lookups.
    let mut present: std::collections::HashSet<String> = std::collections::HashSet::new();
    for entry in rd {
        let entry = entry.map_err(folder_err)?;
        let p = entry.path();
        // A folder that can be listed but not entered (no execute
        // permission) fails here, for every file: say so, rather than
        // finding no documents.
        let meta = std::fs::metadata(&p).map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied => folder_err(e),
            _ => CorpusError::Io {
                path: p.clone(),
                source: e,
            },
        });
        let meta = match meta {
            Ok(m) => m,
            Err(e @ CorpusError::Folder { .. }) => return Err(e),
            // A dangling link: skipped like any stray file.
            Err(e) => {
                skipped.push(Skipped {
                    path: p.clone(),
                    error: e,
                });
                continue;
            }
        };
        let name = file_id(&p);
        if meta.is_dir() {
            continue;
        }
        if !meta.is_file() {
            // Reported here; a manifest naming it finds it present.
            present.insert(name);
            skipped.push(Skipped {
                path: p.clone(),
                error: CorpusError::NotRegular { path: p },
            });
            continue;
        }
        present.insert(name.clone());
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        if DOC_EXTENSIONS.contains(&ext.as_str()) || entries.contains_key(&name) {
            found += 1;
            sources.push(Source {
                size: meta.len(),
                entry: entries.get(&name).cloned(),
                id: name,
                path: p,
                named: false,
            });
        } else if name != MANIFEST && !name.starts_with('.') {
            skipped.push(Skipped {
                path: p.clone(),
                error: CorpusError::NotText {
                    path: p,
                    why: "not a document file (.txt, .md, .html, .pdf, .docx, .xlsx…)".into(),
                },
            });
        }
    }
    // Each entry looked up once: by name in the folder's listing, or (one
    // with a folder part) on disk.
    for (rel, entry) in &entries {
        let nested = rel.contains('/');
        let path = dir.join(rel);
        let exists = if nested {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => true,
                // A pipe or device listed in a manifest is never opened.
                Ok(m) if !m.is_dir() => {
                    skipped.push(Skipped {
                        path: path.clone(),
                        error: CorpusError::NotRegular { path },
                    });
                    continue;
                }
                _ => false,
            }
        } else {
            present.contains(rel)
        };
        if exists {
            if nested {
                found += 1;
                sources.push(Source {
                    size: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
                    entry: Some(entry.clone()),
                    id: rel.clone(),
                    path,
                    named: false,
                });
            }
            continue;
        }
        let err = CorpusError::Manifest {
            path: manifest_path.clone(),
            line: entry.line,
            msg: if path.is_dir() {
                format!("file \"{rel}\" is a folder, not a document")
            } else {
                format!("file \"{rel}\" is listed but does not exist")
            },
        };
        if strict {
            return Err(err);
        }
        skipped.push(Skipped { path, error: err });
    }
    if found == 0 {
        return Err(CorpusError::Empty {
            path: dir.to_path_buf(),
        });
    }
    Ok(())
}

/// 1-based line of a byte offset in `raw`.
fn line_at(newlines: &[usize], offset: usize) -> usize {
    newlines.partition_point(|&n| n < offset) + 1
}

fn read_manifest(path: &Path) -> Result<BTreeMap<String, ManifestEntry>, CorpusError> {
    let raw = std::fs::read_to_string(path).map_err(|e| CorpusError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let newlines: Vec<usize> = raw
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let err = |line: usize, msg: String| CorpusError::Manifest {
        path: path.to_path_buf(),
        line,
        msg,
    };
    let parsed: ManifestFile = toml::from_str(&raw).map_err(|e| {
        let line = e.span().map_or(0, |s| line_at(&newlines, s.start));
        err(line, e.message().to_string())
    })?;
    let mut out = BTreeMap::new();
    for raw_entry in parsed.document {
        let line = line_at(&newlines, raw_entry.file.span().start);
        let file = raw_entry.file.into_inner();
        if let Some(k) = &raw_entry.kind {
            if DocKind::parse(k.get_ref()).is_none() {
                return Err(err(
                    line_at(&newlines, k.span().start),
                    format!(
                        "unknown kind \"{}\" (expected work_report, key_tasks, practical_projects, news or other)",
                        k.get_ref()
                    ),
                ));
            }
        }
        let year = match &raw_entry.year {
            None => None,
            Some(y) => {
                let years = crate::numbers::PLAUSIBLE_YEARS;
                let v = *y.get_ref();
                if !(years.start as i64..years.end as i64).contains(&v) {
                    return Err(err(
                        line_at(&newlines, y.span().start),
                        format!(
                            "year {v} is not a plausible year ({}–{})",
                            years.start,
                            years.end - 1
                        ),
                    ));
                }
                i32::try_from(v).ok()
            }
        };
        if Path::new(file.trim())
            .components()
            .all(|c| c == std::path::Component::CurDir)
        {
            return Err(err(line, format!("file \"{file}\" names no file")));
        }
        let Some(rel) = inside_folder(&file) else {
            return Err(err(
                line,
                format!(
                    "file \"{file}\" is outside the manifest's folder (give a path inside it, without .. or a leading /)"
                ),
            ));
        };
        // A manifest (this one or a subfolder's) holds no figures: read as
        // a document it would add its years and counts as if stated.
        if rel.rsplit('/').next() == Some(MANIFEST) {
            return Err(err(
                line,
                format!("file \"{file}\" is a manifest, not a document"),
            ));
        }
        if out.contains_key(&rel) {
            return Err(err(line, format!("file \"{file}\" is listed twice")));
        }
        out.insert(
            rel,
            ManifestEntry {
                title: raw_entry.title,
                region: raw_entry.region,
                kind: raw_entry.kind.map(|k| k.into_inner()),
                published: raw_entry.published,
                year,
                line,
            },
        );
    }
    Ok(out)
}

/// Decodes plain text (see `read::decode`): BOMs, UTF-16, UTF-8, then the
/// legacy encoding detected; refuses what is not text.
pub fn decode(path: &Path, raw: &[u8]) -> Result<(String, &'static str), CorpusError> {
    Ok(crate::read::decode(path, raw)?)
}

fn load_file(
    path: &Path,
    id: &str,
    entry: Option<&ManifestEntry>,
) -> Result<Document, CorpusError> {
    let raw = std::fs::read(path).map_err(|e| CorpusError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let crate::read::Text { text, encoding } = crate::read::read(path, &raw)?;
    let stem = path
        .file_stem()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let meta = infer_meta(&text, entry, &stem);
    Ok(Document {
        id: id.to_string(),
        path: path.to_path_buf(),
        meta,
        text,
        encoding,
    })
}

/// Metadata from the manifest, with whatever is missing inferred from the
/// text (and marked as inferred).
fn infer_meta(text: &str, entry: Option<&ManifestEntry>, stem: &str) -> Meta {
    let mut inferred = Vec::new();
    let head: String = text.chars().take(3000).collect();
    let title = entry.and_then(|e| e.title.clone()).unwrap_or_else(|| {
        inferred.push("title");
        head.split(['\n', '\r'])
            .map(|l| l.trim().trim_start_matches('#').trim())
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .chars()
            .take(60)
            .collect()
    });
    let kind = entry
        .and_then(|e| e.kind.as_deref())
        .and_then(DocKind::parse)
        .unwrap_or_else(|| {
            inferred.push("kind");
            infer_kind(&head)
        });
    let region = match entry.and_then(|e| e.region.clone()) {
        Some(name) => {
            let g = Gazetteer::get();
            let code = g
                .lookup(&name)
                .map(|id| g.place(id).code.clone())
                .unwrap_or_default();
            RegionRef { name, code }
        }
        None => {
            inferred.push("region");
            infer_region(&head, stem)
        }
    };
    let year = match entry.and_then(|e| e.year) {
        Some(y) => Some(y),
        None => {
            inferred.push("year");
            // A report continued from an earlier page may name no year in its
            // opening: then the whole text; a list cut from a report may name
            // none at all: then its file name.
            infer_year_as(text, stem, kind)
        }
    };
    let published = entry.and_then(|e| e.published.as_ref()).map(|v| match v {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    Meta {
        title,
        region: region.name,
        region_code: region.code,
        kind,
        year,
        published,
        inferred,
    }
}

/// The year a text's plans are for, read as a document of `kind` would be:
/// from its opening, else the whole text, else the file name's stem. For
/// a caller that knows the kind better than the text's words (a draft
/// checked by `yoy verify` is a retelling, whatever report it names).
pub fn infer_year_as(text: &str, stem: &str, kind: DocKind) -> Option<i32> {
    let head: String = text.chars().take(3000).collect();
    infer_year(&head, kind)
        .or_else(|| infer_year(text, kind))
        .or_else(|| year_in_file_name(stem))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindEntry {
    kind: String,
    words: Vec<String>,
    names: Vec<String>,
}

/// A kind of data/kinds.toml: the words that tell it in an opening and
/// the names a manifest may call it by.
struct KindRow {
    kind: DocKind,
    words: Vec<String>,
    names: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindsFile {
    kind: Vec<KindEntry>,
}

/// data/kinds.toml, parsed once: the kinds in the order they are tried.
fn kind_table() -> &'static [KindRow] {
    static KINDS: std::sync::OnceLock<Vec<KindRow>> = std::sync::OnceLock::new();
    KINDS.get_or_init(|| {
        let file: KindsFile = toml::from_str(include_str!("../data/kinds.toml"))
            .unwrap_or(KindsFile { kind: vec![] });
        file.kind
            .into_iter()
            .filter_map(|k| {
                DocKind::from_id(&k.kind).map(|kind| KindRow {
                    kind,
                    words: k.words,
                    names: k.names,
                })
            })
            .collect()
    })
}

/// The kind whose words (data/kinds.toml) the opening names first in
/// table order; "other" when none.
fn infer_kind(head: &str) -> DocKind {
    kind_table()
        .iter()
        .find(|k| k.words.iter().any(|w| head.contains(w.as_str())))
        .map_or(DocKind::Other, |k| k.kind)
}

/// The region a text is about, with its code: the issuer its opening names
/// (data/issuers.toml, data/regions.tsv); else the place the file name
/// hints at; else the name in "X市人民政府" or "X县政府工作报告" for a place
/// the table lacks; else "unknown".
fn infer_region(head: &str, stem: &str) -> RegionRef {
    let g = Gazetteer::get();
    if let Some(id) = g
        .issuer(head)
        .or_else(|| g.from_file_name(stem, g.level_of(head)))
    {
        return g.region_ref(id);
    }
    if let Some(name) = g.unlisted_issuer(head) {
        return RegionRef {
            name,
            code: String::new(),
        };
    }
    RegionRef {
        name: UNKNOWN_REGION.to_string(),
        code: String::new(),
    }
}

/// The region name of a document whose region nothing tells.
pub const UNKNOWN_REGION: &str = "unknown";

/// A year written in a file name (henan_2025_…, 青岛2024市办实事): a
/// four-digit run inside the plausible years, not part of a longer number.
fn year_in_file_name(stem: &str) -> Option<i32> {
    let b = stem.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let j = (i..b.len())
                .find(|&k| !b[k].is_ascii_digit())
                .unwrap_or(b.len());
            if j - i == 4 {
                if let Ok(y) = stem[i..j].parse::<i32>() {
                    if crate::numbers::PLAUSIBLE_YEARS.contains(&y) {
                        return Some(y);
                    }
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

/// The review words of data/cues.toml `[time]` (工作回顾, 回顾…): a year
/// followed by one is the year a work report looks back on. Read from the
/// built-in table, since a document's year is settled before any `--data`
/// tables are loaded.
fn review_words() -> &'static [String] {
    #[derive(Deserialize)]
    struct Cues {
        time: Time,
    }
    #[derive(Deserialize)]
    struct Time {
        review: Vec<String>,
    }
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        toml::from_str::<Cues>(include_str!("../data/cues.toml"))
            .map(|c| c.time.review)
            .unwrap_or_default()
    })
}

/// The plan year: the first four-digit year of 2000–2099 followed by 年 in
/// the opening of the text; for a work report whose opening reviews the
/// past ("一、2024年工作回顾"), the year after it.
fn infer_year(head: &str, kind: DocKind) -> Option<i32> {
    // Every "YYYY年" in the opening, with whether a review follows it.
    let years: Vec<(i32, bool)> = crate::numbers::years_in(head)
        .map(|(i, y)| {
            let after: String = head[i + 4 + YEAR.len_utf8()..].chars().take(8).collect();
            (y, review_words().iter().any(|w| after.contains(w.as_str())))
        })
        .collect();
    let &(first, review) = years.first()?;
    Some(match kind {
        DocKind::WorkReport if review => first + 1,
        // A news article retells last year's results and this year's plans:
        // its plan year is the latest it names (but not a far-off 2035).
        DocKind::News => years
            .iter()
            .map(|&(y, _)| y)
            .filter(|&y| y <= first + 1)
            .max()
            .unwrap_or(first),
        _ => first,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_from_heading() {
        let m = infer_meta("2025年北京市政府工作报告\n\n一、2024年工作回顾", None, "");
        assert_eq!(m.kind, DocKind::WorkReport);
        assert_eq!(m.year, Some(2025));
        assert_eq!(m.region, "北京市");
        assert!(m.inferred.contains(&"year"));
        let m = infer_meta("一、2024年工作回顾\n过去一年……", None, "");
        assert_eq!(m.kind, DocKind::Other);
        let m = infer_meta("政府工作报告\n一、2024年工作回顾", None, "");
        assert_eq!(m.year, Some(2025));
        let m = infer_meta(
            "各区、市人民政府,青岛西海岸新区管委:\n青岛市人民政府办公厅\n青岛市2023年重点工作任务",
            None,
            "",
        );
        assert_eq!(m.region, "青岛市");
        assert_eq!(m.region_code, "370200");
        assert_eq!(kind_table().len(), 4, "data/kinds.toml parses");
        assert_eq!(DocKind::parse("民生实事"), Some(DocKind::PracticalProjects));
        assert_eq!(DocKind::parse("key tasks"), Some(DocKind::KeyTasks));
        let m = infer_meta("2025年某某市政府工作报告", None, "");
        assert_eq!(m.region, "某某市");
        let m = infer_meta(
            "记者 报道\n2023年,全市新造林7600亩。2024年,我市将继续推进。到2035年建成。",
            None,
            "",
        );
        assert_eq!((m.kind, m.year), (DocKind::News, Some(2024)));
    }

    #[test]
    fn region_and_year_from_the_file_name() {
        // A list cut from a report: neither its text nor its heading names
        // a place or a year; the file name does.
        let text = "1.新增托位2000个。\n2.改造老旧小区100个。";
        let m = infer_meta(text, None, "henan_2025_minsheng_shishi");
        assert_eq!((m.region.as_str(), m.year), ("河南省", Some(2025)));
        assert_eq!(m.region_code, "410000");
        assert!(m.inferred.contains(&"year") && m.inferred.contains(&"region"));
        let m = infer_meta(text, None, "青岛_2024_市办实事");
        assert_eq!((m.region.as_str(), m.year), ("青岛市", Some(2024)));
        // The text wins over the file name.
        let m = infer_meta("2023年湖南省政府工作报告", None, "henan_2025");
        assert_eq!((m.region.as_str(), m.year), ("湖南省", Some(2023)));
        assert_eq!(year_in_file_name("report_20250101"), None);
        assert_eq!(year_in_file_name("x-1234-2026"), Some(2026));
    }

    #[test]
    fn decodes_encodings() {
        let p = Path::new("x.txt");
        let s = "新增就业35万人";
        let (gb, _, _) = encoding_rs::GB18030.encode(s);
        assert_eq!(decode(p, &gb).unwrap().0, s);
        let mut u16le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            u16le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(p, &u16le).unwrap().0, s);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(p, &bom).unwrap().0, s);
        assert!(decode(p, &[0, 1, 2, 3, 0xFF]).is_err());
    }
}
