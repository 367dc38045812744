//! Progress on stderr for long runs: a bar of documents done, drawn only
//! when stderr is a terminal, the run has taken more than `DELAY`, and
//! `--quiet` is not given — pipes, CI logs and short runs stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};
use yoy::extract::DocExtraction;
use yoy::pipeline::Sink;

/// A run shorter than this shows no bar.
const DELAY: Duration = Duration::from_secs(1);

/// Documents done out of all, with the stage after extraction.
pub struct Progress {
    bar: ProgressBar,
    start: Instant,
    /// Whether the bar may be drawn at all (a terminal, not --quiet).
    may_show: bool,
    shown: bool,
}

impl Progress {
    /// A bar for `total` documents; `unit` names them (份文件).
    pub fn new(total: usize, unit: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(&format!(
            "{{spinner}} {{elapsed_precise}} [{{bar:30}}] {{pos}}/{{len}} {unit} {{msg}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        Progress {
            bar,
            start: Instant::now(),
            may_show: !super::quiet() && std::io::stderr().is_terminal(),
            shown: false,
        }
    }

    /// Draws the bar once the run has lasted `DELAY`.
    fn show_if_long(&mut self) {
        if self.may_show && !self.shown && self.start.elapsed() >= DELAY {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
            self.shown = true;
        }
    }

    pub fn inc(&mut self, docs: usize) {
        self.bar.inc(docs as u64);
        self.show_if_long();
    }

    /// What the run does now that the documents are read (comparing,
    /// writing the reports).
    pub fn stage(&mut self, what: &str) {
        self.bar.set_message(what.to_string());
        self.show_if_long();
    }

    /// Removes the bar: the results follow on stdout.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

/// A sink that counts the documents passing to the one it wraps.
pub struct Counted<'a, S> {
    pub inner: &'a mut S,
    pub progress: &'a mut Progress,
    /// The stage shown once every document is read.
    pub after: &'a str,
}

impl<S: Sink> Sink for Counted<'_, S> {
    type Error = S::Error;
    fn batch(&mut self, docs: &[DocExtraction]) -> Result<(), S::Error> {
        let r = self.inner.batch(docs);
        self.progress.inc(docs.len());
        if self.progress.bar.position() >= self.progress.bar.length().unwrap_or(u64::MAX) {
            self.progress.stage(self.after);
        }
        r
    }
}
