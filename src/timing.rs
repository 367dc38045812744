//! Timing: stage timings on stderr when `YOY_TIMINGS` is set — seconds
//! since the start and resident memory, for the benchmarks' profile of a
//! run. Takes nothing, gives nothing to the reports.

/// A clock started when `YOY_TIMINGS` is set; silent otherwise.
pub struct Timer(Option<std::time::Instant>);

impl Timer {
    pub fn start() -> Timer {
        Timer(std::env::var_os("YOY_TIMINGS").map(|_| std::time::Instant::now()))
    }

    pub fn lap(&self, what: &str) {
        if let Some(t0) = self.0 {
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmRSS:"))
                        .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
                })
                .unwrap_or_default();
            eprintln!(
                "yoy: {:>8.2} s  rss {rss:>12}  {what}",
                t0.elapsed().as_secs_f64()
            );
        }
    }
}
