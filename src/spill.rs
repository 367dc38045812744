//! Spill: takes items in any order, gives them back sorted. Up to a budget
//! they are held in memory; beyond it each full buffer is sorted and
//! written to a run file (JSON lines) in a folder, and reading merges the
//! runs. A national corpus has millions of findings, each with its quotes:
//! this keeps memory flat however many there are (an external merge sort,
//! as sort(1) does it).

use serde::{de::DeserializeOwned, Serialize};
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

/// How items are ordered.
pub type Order<T> = fn(&T, &T) -> Ordering;

/// Items being gathered.
pub struct Spill<T> {
    dir: PathBuf,
    prefix: String,
    budget: usize,
    order: Order<T>,
    buf: Vec<T>,
    runs: Vec<PathBuf>,
    len: usize,
    /// The run file a write failed on, for the error's message.
    failed: Option<PathBuf>,
}

impl<T: Serialize + DeserializeOwned + Clone> Spill<T> {
    /// Runs go to `dir` as `{prefix}-{process}-{spill}-{run}.part`, names
    /// no other spill can take (several may share a temporary folder);
    /// `budget` items are held in memory before a run is written.
    pub fn new(dir: &Path, prefix: &str, budget: usize, order: Order<T>) -> Spill<T> {
        static SPILLS: AtomicUsize = AtomicUsize::new(0);
        let n = SPILLS.fetch_add(1, AtomicOrdering::Relaxed);
        Spill {
            dir: dir.to_path_buf(),
            prefix: format!("{prefix}-{}-{n}", std::process::id()),
            budget: budget.max(1),
            order,
            buf: Vec::new(),
            runs: Vec::new(),
            len: 0,
            failed: None,
        }
    }

    /// The folder the runs go to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the last write went wrong: the run file (a full disk names
    /// it), else the folder.
    pub fn failed_path(&self) -> &Path {
        self.failed.as_deref().unwrap_or(&self.dir)
    }

    pub fn push(&mut self, items: impl IntoIterator<Item = T>) -> io::Result<()> {
        for it in items {
            self.buf.push(it);
            self.len += 1;
            if self.buf.len() >= self.budget {
                self.spill()?;
            }
        }
        Ok(())
    }

    fn spill(&mut self) -> io::Result<()> {
        let order = self.order;
        self.buf.sort_by(order);
        // The folder is the caller's (a private one, see `outdir`): it is
        // never created here, so a run whose folder was removed under it
        // (Ctrl-C) cannot bring it back.
        let path = self
            .dir
            .join(format!("{}-{}.part", self.prefix, self.runs.len()));
        self.failed = Some(path.clone());
        let mut w = BufWriter::new(File::create(&path)?);
        // Listed at once: a run given up half-written is removed too.
        self.runs.push(path);
        for it in self.buf.drain(..) {
            serde_json::to_writer(&mut w, &it).map_err(io::Error::other)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        self.failed = None;
        Ok(())
    }

    /// Everything gathered, sorted.
    pub fn finish(mut self) -> Sorted<T> {
        let order = self.order;
        self.buf.sort_by(order);
        Sorted {
            mem: std::mem::take(&mut self.buf),
            runs: std::mem::take(&mut self.runs),
            order,
            len: self.len,
        }
    }
}

impl<T> Drop for Spill<T> {
    /// A spill given up (an error before `finish`) removes its runs.
    fn drop(&mut self) {
        for r in &self.runs {
            let _ = std::fs::remove_file(r);
        }
    }
}

/// Sorted items: some in memory, the rest in run files (removed on drop).
pub struct Sorted<T> {
    mem: Vec<T>,
    runs: Vec<PathBuf>,
    order: Order<T>,
    len: usize,
}

impl<T> Drop for Sorted<T> {
    fn drop(&mut self) {
        for r in &self.runs {
            let _ = std::fs::remove_file(r);
        }
    }
}

type Source<'a, T> = Box<dyn Iterator<Item = io::Result<T>> + 'a>;

/// The next item of one source, ordered for a min-heap.
struct Head<T> {
    item: T,
    src: usize,
    order: Order<T>,
}

impl<T> PartialEq for Head<T> {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl<T> Eq for Head<T> {}
impl<T> PartialOrd for Head<T> {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl<T> Ord for Head<T> {
    fn cmp(&self, o: &Self) -> Ordering {
        // Reversed: BinaryHeap pops the greatest. Ties go to the earlier
        // source, so equal items keep the order they were pushed in.
        (self.order)(&o.item, &self.item).then(o.src.cmp(&self.src))
    }
}

/// The merged, sorted items.
pub struct Merge<'a, T> {
    sources: Vec<Source<'a, T>>,
    heap: BinaryHeap<Head<T>>,
    order: Order<T>,
}

impl<T> Iterator for Merge<'_, T> {
    type Item = io::Result<T>;
    fn next(&mut self) -> Option<io::Result<T>> {
        let Head { item, src, .. } = self.heap.pop()?;
        match self.sources[src].next() {
            Some(Ok(next)) => self.heap.push(Head {
                item: next,
                src,
                order: self.order,
            }),
            Some(Err(e)) => return Some(Err(e)),
            None => {}
        }
        Some(Ok(item))
    }
}

impl<T: DeserializeOwned + Clone> Sorted<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reads the items in order (run files are read again each time).
    pub fn iter(&self) -> io::Result<Merge<'_, T>> {
        let mut sources: Vec<Source<T>> = Vec::new();
        for r in &self.runs {
            let path = r.clone();
            let lines = BufReader::new(File::open(r)?).lines();
            sources.push(Box::new(lines.map(move |l| {
                let l = l?;
                serde_json::from_str(&l)
                    .map_err(|e| io::Error::other(format!("{}: corrupt run: {e}", path.display())))
            })));
        }
        // The in-memory items come last: they were pushed last.
        sources.push(Box::new(self.mem.iter().cloned().map(Ok)));
        let mut heap = BinaryHeap::new();
        for (src, s) in sources.iter_mut().enumerate() {
            if let Some(first) = s.next() {
                heap.push(Head {
                    item: first?,
                    src,
                    order: self.order,
                });
            }
        }
        Ok(Merge {
            sources,
            heap,
            order: self.order,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_runs_merge_in_order_and_are_removed() {
        let dir = std::env::temp_dir().join(format!("yoy-spill-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut s: Spill<(u32, String)> = Spill::new(&dir, "t", 3, |a, b| a.0.cmp(&b.0));
        let items: Vec<(u32, String)> = [5, 1, 9, 3, 3, 8, 2, 7, 0, 6]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, format!("#{i}")))
            .collect();
        s.push(items.clone()).unwrap();
        let sorted = s.finish();
        assert_eq!(sorted.len(), 10);
        let got: Vec<(u32, String)> = sorted.iter().unwrap().map(|r| r.unwrap()).collect();
        let mut want = items;
        want.sort_by_key(|a| a.0); // stable: the two 3s keep their order
        assert_eq!(got, want);
        // Read twice: the same.
        assert_eq!(sorted.iter().unwrap().count(), 10);
        drop(sorted);
        assert_eq!(std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0), 0);
        let _ = std::fs::remove_dir(&dir);
    }
}
