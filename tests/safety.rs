//! The report folder and every output under hostile and careless use, end
//! to end: two runs at once, a run killed mid-way, symlinks planted at
//! temporary names and inside the target, an output pointed at its input,
//! a report folder given back as input, CSV injection, escape sequences,
//! a run with no readable document, a write that fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const YOY: &str = env!("CARGO_BIN_EXE_yoy");

fn yoy(args: &[&str]) -> Output {
    Command::new(YOY).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh temporary folder for one test (resolved: the report folder is
/// compared by its real path).
fn tmp(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("yoy-safety-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p.canonicalize().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A 20 MB generated corpus: a run on it takes long enough to be met by
/// another run or a kill. Made once in target/tmp and kept there for
/// later runs (the generator is deterministic).
fn big_corpus() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("safety-corpus-20mb-seed1");
        if dir.is_dir() {
            return dir;
        }
        let part = tmp("corpus");
        let o = Command::new(env!("CARGO_BIN_EXE_yoy-gen"))
            .args(["--mb", "20", "--seed", "1", "--out", s(&part)])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        // Whole or not at all, as everything else here.
        if std::fs::rename(&part, &dir).is_err() {
            let _ = std::fs::remove_dir_all(&part);
        }
        dir
    })
}

/// Entries of a folder whose names start with a dot, other than the
/// marker: what a run may leave behind.
fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".yoy-report")
        .collect()
}

/// A complete report: the marker, report.json that parses with as many
/// facts as facts.csv has rows, every facts.csv record whole.
fn assert_complete(dir: &Path) {
    assert!(dir.join(".yoy-report").is_file(), "{}", dir.display());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap())
            .expect("report.json parses");
    let facts = json["facts"].as_array().expect("facts").len();
    let mut r = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(dir.join("facts.csv"))
        .unwrap();
    let mut rows = 0;
    for rec in r.records() {
        rec.expect("whole record");
        rows += 1;
    }
    assert_eq!(rows, facts, "facts.csv rows vs report.json facts");
    assert!(std::fs::read(dir.join("facts.csv"))
        .unwrap()
        .ends_with(b"\n"));
    assert!(hidden(dir).is_empty(), "{:?}", hidden(dir));
}

#[test]
fn two_concurrent_runs_one_stops_and_the_report_is_whole() {
    let corpus = big_corpus();
    let root = tmp("concurrent");
    let out = root.join("R");
    let run = || {
        Command::new(YOY)
            .args(["report", s(corpus), "--out", s(&out), "--force"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (run(), run());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let ok = [&a, &b].iter().filter(|o| o.status.success()).count();
    assert_eq!(ok, 1, "{} / {}", stderr(&a), stderr(&b));
    let failed = if a.status.success() { &b } else { &a };
    assert_eq!(failed.status.code(), Some(2));
    let e = stderr(failed);
    assert!(e.contains(s(&out)) && e.contains("another yoy run"), "{e}");
    assert_complete(&out);
    // Nothing beside it either: no private folder, no lock.
    assert_eq!(hidden(&root), Vec::<String>::new());
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_run_killed_mid_way_leaves_the_old_report_and_the_rerun_cleans_up() {
    let corpus = big_corpus();
    let root = tmp("kill");
    let out = root.join("R");
    let o = yoy(&["report", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(out.join("report.json")).unwrap();
    let mut child = Command::new(YOY)
        .args(["report", s(corpus), "--out", s(&out)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed once its private folder has grown (facts streaming in).
    let start = Instant::now();
    loop {
        let private = std::fs::read_dir(&root)
            .unwrap()
            .flatten()
            .find(|e| e.file_name().to_string_lossy().contains(".yoy-new-"));
        let grown = private
            .and_then(|p| std::fs::metadata(p.path().join(".facts.csv.part")).ok())
            .is_some_and(|m| m.len() > 100_000);
        if grown || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap(); // SIGKILL: nothing of the run gets to clean up
    child.wait().unwrap();
    assert!(!hidden(&root).is_empty(), "the killed run left its folder");
    assert_eq!(std::fs::read(out.join("report.json")).unwrap(), before);
    // The next run removes what the killed one left, and succeeds.
    let o = yoy(&["report", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(hidden(&root), Vec::<String>::new());
    assert_complete(&out);
    std::fs::remove_dir_all(&root).unwrap();
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_remove_the_private_folder() {
    let corpus = big_corpus();
    let root = tmp("signals");
    let out = root.join("R");
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let mut child = Command::new(YOY)
            .args(["report", s(corpus), "--out", s(&out)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The lock and the private folder are there: the run is writing.
        let start = Instant::now();
        while hidden(&root).len() < 2 && start.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(500));
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        assert_eq!(child.wait().unwrap().code(), Some(code), "SIG{signal}");
        assert_eq!(hidden(&root), Vec::<String>::new(), "SIG{signal}");
        assert!(!out.exists());
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[cfg(unix)]
#[test]
fn planted_symlinks_are_never_written_through() {
    let root = tmp("symlink");
    let out = root.join("R");
    let o = yoy(&["report", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let victim = root.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // At the old fixed temporary names inside the target, at a report
    // file's name, and at a temporary name beside it.
    for name in [".facts.csv.part", ".report.json.part", ".report.md.tmp"] {
        std::os::unix::fs::symlink(&victim, out.join(name)).unwrap();
    }
    std::fs::remove_file(out.join("facts.csv")).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("facts.csv")).unwrap();
    std::os::unix::fs::symlink(&victim, root.join(".R.yoy-new-1-0")).unwrap();
    let o = yoy(&["report", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!std::fs::symlink_metadata(out.join("facts.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_complete(&out);
    // A symlink at the lock's name is refused, not followed.
    std::os::unix::fs::symlink(&victim, root.join(".R.yoy-lock")).unwrap();
    let o = yoy(&["report", "seeds", "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".R.yoy-lock"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn an_output_never_replaces_its_input() {
    let root = tmp("input");
    let doc = root.join("doc.txt");
    std::fs::copy("seeds/001_a9bf2c6de2e6aed3.txt", &doc).unwrap();
    let text = std::fs::read(&doc).unwrap();
    let other_spelling = root.join(".").join("doc.txt");
    let link = root.join("hard.txt");
    std::fs::hard_link(&doc, &link).unwrap();
    for out in [&doc, &other_spelling, &link] {
        let o = yoy(&["extract", s(&doc), "--out", s(out)]);
        assert_eq!(o.status.code(), Some(2), "{}", s(out));
        assert!(
            stderr(&o).contains("would replace the input"),
            "{}",
            stderr(&o)
        );
    }
    // A manifest is an input too.
    let o = yoy(&["extract", "seeds", "--out", "seeds/manifest.toml"]);
    assert_eq!(o.status.code(), Some(2));
    // verify's page onto its draft.
    let o = yoy(&["verify", s(&doc), "--html", s(&doc)]);
    assert_eq!(o.status.code(), Some(2));
    // A report folder at an input folder, or holding one.
    for out in [s(&root), root.parent().unwrap().to_str().unwrap()] {
        let o = yoy(&["report", s(&root), "--out", out, "--force"]);
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(
            stderr(&o).contains("would replace the input"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(std::fs::read(&doc).unwrap(), text);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_report_folder_given_again_is_not_read_as_input() {
    let root = tmp("again");
    let out = root.join("R");
    let o = yoy(&["report", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = yoy(&["report", s(&out), "seeds", "--out", s(&root.join("R2"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("holds yoy's reports"), "{}", stderr(&o));
    // The seeds' five documents, not report.md and report.html.
    assert!(stdout(&o).starts_with("5 "), "{}", stdout(&o));
    // Given alone: nothing to read, an error, the folder kept.
    let before = std::fs::read(out.join("report.json")).unwrap();
    let o = yoy(&["report", s(&out), "--out", s(&out), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(out.join("report.json")).unwrap(), before);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Every cell of a CSV text that starts a formula: none may, but numbers.
fn formula_cells(csv_text: &str) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .flat_map(|rec| rec.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|c| c.starts_with(['=', '+', '-', '@', '\t', '\r']) && c.parse::<f64>().is_err())
        .collect()
}

#[test]
fn csv_cells_never_start_a_formula() {
    let root = tmp("injection");
    let docs = root.join("docs");
    std::fs::create_dir(&docs).unwrap();
    let line = "+cmd|' /C calc'!A0 城镇新增就业35万人，新增托位6000个，建设绿道100公里。";
    std::fs::write(
        docs.join("=1+2.txt"),
        format!("青岛市2024年政府工作报告\n{line}\n\n{line}\n"),
    )
    .unwrap();
    std::fs::copy("seeds/000_25ce8405e5d1b496.txt", docs.join("a.txt")).unwrap();
    std::fs::copy("seeds/001_a9bf2c6de2e6aed3.txt", docs.join("b.txt")).unwrap();
    let out = root.join("R");
    let o = yoy(&["report", s(&docs), "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut all = String::new();
    for f in ["facts.csv", "comparison.csv", "findings.csv"] {
        let t = std::fs::read_to_string(out.join(f)).unwrap();
        assert_eq!(formula_cells(&t), Vec::<String>::new(), "{f}");
        all.push_str(&t);
    }
    assert!(all.contains("'=1+2.txt"), "the document's name neutralised");
    assert!(
        all.contains("'+cmd|' /C calc'!A0"),
        "the quoted line neutralised"
    );
    // A negative change stays a number.
    let cmp = std::fs::read_to_string(out.join("comparison.csv")).unwrap();
    assert!(cmp.contains(",-"), "{cmp}");
    assert!(!cmp.contains(",'-"));
    for args in [
        vec!["extract", s(&docs)],
        vec![
            "verify",
            "tests/fixtures/verify/draft.txt",
            "--format",
            "csv",
            "--against",
            s(&docs),
        ],
    ] {
        let o = yoy(&args);
        assert_eq!(formula_cells(&stdout(&o)), Vec::<String>::new(), "{args:?}");
    }
    let o = yoy(&["extract", s(&docs)]);
    assert!(stdout(&o).contains("'=1+2.txt,"));
    // The workbook holds the text as text, without the quote, never a
    // formula.
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = open_workbook(out.join("report.xlsx")).unwrap();
    let names = wb.sheet_names();
    let mut found = false;
    for n in &names {
        let range = wb.worksheet_range(n).unwrap();
        found |= range.rows().any(|r| {
            r.iter()
                .any(|c| matches!(c, Data::String(s) if s == "=1+2.txt"))
        });
        let formulas = wb.worksheet_formula(n).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{n}");
    }
    assert!(found, "the workbook shows =1+2.txt as text");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let root = tmp("escape");
    let docs = root.join("docs");
    std::fs::create_dir(&docs).unwrap();
    let line = "\u{1b}[2J城镇新增就业35万人，新增托位6000个。\u{202e}abc";
    std::fs::write(
        docs.join("a\u{1b}[31m.txt"),
        format!("青岛市2024年政府工作报告\n{line}\n\n{line}\n"),
    )
    .unwrap();
    std::fs::write(
        docs.join("manifest.toml"),
        "[[document]]\nfile = \"a\\u001b[31m.txt\"\nregion = \"\\u001b[2J青岛市\"\nkind = \"work_report\"\nyear = 2024\n",
    )
    .unwrap();
    let out = root.join("R");
    let runs = [
        vec!["check", s(&docs), "--fail-on", "info"],
        vec!["report", s(&docs), "--out", s(&out), "--all-metrics"],
        vec![
            "verify",
            "tests/fixtures/verify/draft.txt",
            "--against",
            s(&docs),
        ],
        vec!["metrics", s(&docs)],
        vec!["extract", "--out", "/nonexistent\u{1b}[2J/x.csv", s(&docs)],
    ];
    for args in &runs {
        let o = yoy(args);
        let both = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
        assert!(
            !both.contains(&0x1b),
            "{args:?}: {}",
            String::from_utf8_lossy(&both)
        );
        assert!(
            !String::from_utf8_lossy(&both).contains('\u{202e}'),
            "{args:?}"
        );
    }
    // The escape is shown, not dropped silently.
    let o = yoy(&runs[0]);
    assert!(stdout(&o).contains("␛[2J青岛市"), "{}", stdout(&o));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn no_readable_document_is_an_error_and_keeps_the_old_report() {
    let root = tmp("unreadable");
    let out = root.join("R");
    let o = yoy(&["report", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(out.join("report.json")).unwrap();
    let bad = root.join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("x.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let o = yoy(&["report", s(&bad), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no readable document"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(out.join("report.json")).unwrap(), before);
    assert_eq!(hidden(&root), Vec::<String>::new());
    let o = yoy(&["check", s(&bad)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    std::fs::remove_dir_all(&root).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_names_the_file() {
    // /dev/full: every write fails with "No space left on device".
    let o = yoy(&["extract", "seeds", "--out", "/dev/full"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("/dev/full") && e.contains("No space left"),
        "{e}"
    );
    // A report that outgrows the file size limit: the file is named, the
    // old report and its surroundings stay as they were.
    let root = tmp("full");
    let out = root.join("R");
    let o = yoy(&["report", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(out.join("report.json")).unwrap();
    let o = Command::new("sh")
        .args([
            "-c",
            &format!(
                "trap '' XFSZ; ulimit -f 100; exec {YOY} report seeds --out {}",
                s(&out)
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("File too large") && e.contains(".R.yoy-new-"),
        "{e}"
    );
    assert_eq!(std::fs::read(out.join("report.json")).unwrap(), before);
    assert_eq!(hidden(&root), Vec::<String>::new());
    std::fs::remove_dir_all(&root).unwrap();
}

/// True when a work folder of process `pid` is in the temporary folder.
#[cfg(target_os = "linux")]
fn work_dir_of(pid: u32) -> bool {
    let prefix = format!("yoy-work-{pid}-");
    std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
}

#[cfg(target_os = "linux")]
#[test]
fn a_killed_checks_work_folder_goes_with_the_next_check() {
    let corpus = big_corpus();
    let mut child = Command::new(YOY)
        .args(["check", s(corpus)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mine = std::env::temp_dir().join(format!("yoy-work-{}-", child.id()));
    let exists = || {
        std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .flatten()
            .any(|e| {
                e.path()
                    .to_string_lossy()
                    .starts_with(&*mine.to_string_lossy())
            })
    };
    let start = Instant::now();
    while !exists() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(exists(), "the check made its work folder");
    // SIGKILL: the folder stays until a later check (this one, or one
    // of another test running meanwhile) removes it.
    child.kill().unwrap();
    child.wait().unwrap();
    let o = yoy(&["check", "seeds"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!exists(), "the next check removed it");
}

#[cfg(target_os = "linux")]
#[test]
fn spilled_findings_leave_nothing_behind() {
    let root = tmp("spill");
    let data = root.join("data");
    std::fs::create_dir(&data).unwrap();
    let config = std::fs::read_to_string("data/config.toml")
        .unwrap()
        .replace("findings_in_memory = 25000", "findings_in_memory = 2");
    assert!(config.contains("findings_in_memory = 2"));
    std::fs::write(data.join("config.toml"), config).unwrap();
    let out = root.join("R");
    let o = yoy(&["--data", s(&data), "report", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_complete(&out);
    assert_eq!(hidden(&root), Vec::<String>::new());
    let check = Command::new(YOY)
        .args(["--data", s(&data), "check", "seeds"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let pid = check.id();
    let o = check.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!work_dir_of(pid));
    std::fs::remove_dir_all(&root).unwrap();
}

/// The built-in corpus goes to the shared temporary folder: a folder
/// planted there under its name (open to all, holding a link to another
/// file and a document of its own) is neither written through nor read.
#[cfg(unix)]
#[test]
fn a_planted_built_in_corpus_folder_is_not_used() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let root = tmp("builtin");
    let temp = root.join("tmp");
    std::fs::create_dir(&temp).unwrap();
    let probe = root.join("probe");
    std::fs::write(&probe, "").unwrap();
    let uid = std::fs::metadata(&probe).unwrap().uid();
    let victim = root.join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    // Under the name of this version, with and without the user's id.
    let version = env!("CARGO_PKG_VERSION");
    let names = [
        format!("yoy-seeds-{version}"),
        format!("yoy-seeds-{version}-{uid}"),
    ];
    for name in &names {
        let planted = temp.join(name);
        std::fs::create_dir(&planted).unwrap();
        std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o777)).unwrap();
        std::os::unix::fs::symlink(&victim, planted.join("manifest.toml")).unwrap();
        std::fs::write(planted.join("forged.txt"), "2024年新增托位99999个。\n").unwrap();
    }
    let cwd = root.join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    let o = Command::new(YOY)
        .args(["report", "--out", s(&root.join("R"))])
        .current_dir(&cwd)
        .env("TMPDIR", &temp)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(stderr(&o).contains("built-in sample corpus (5 documents"));
    for name in &names {
        assert!(!stderr(&o).contains(&format!("{name},")), "{}", stderr(&o));
        assert!(!stderr(&o).contains(&format!("{name})")), "{}", stderr(&o));
    }
    let facts = std::fs::read_to_string(root.join("R").join("facts.csv")).unwrap();
    assert!(!facts.contains("forged.txt") && !facts.contains("99999"));
    std::fs::remove_dir_all(&root).unwrap();
}

/// `extract --partition` replaces its folder whole: a region or year of an
/// earlier run that this one lacks does not stay mixed into the dataset;
/// a folder yoy did not write is left alone without --force.
#[test]
fn a_partitioned_extract_replaces_the_old_dataset_whole() {
    let root = tmp("partition");
    let out = root.join("P");
    let run = |paths: &[&str], extra: &[&str]| {
        let mut args = vec!["extract", "--format", "parquet", "--partition"];
        args.extend(extra);
        args.extend(["--out", s(&out)]);
        args.extend(paths);
        yoy(&args)
    };
    let o = run(&["seeds"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("region=西海岸新区").is_dir());
    let o = run(&["seeds/000_25ce8405e5d1b496.txt"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("region=西海岸新区").exists());
    assert!(!out.join("region=青岛市/year=2022").exists());
    assert!(out
        .join("region=青岛市/year=2023/part-00000.parquet")
        .is_file());
    assert_eq!(hidden(&root), Vec::<String>::new());
    assert_eq!(hidden(&out), Vec::<String>::new());
    let mine = root.join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    let o = yoy(&[
        "extract",
        "--format",
        "parquet",
        "--partition",
        "--out",
        s(&mine),
        "seeds",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "mine"
    );
    std::fs::remove_dir_all(&root).unwrap();
}

/// `extract --out FILE` is written beside and put in place at the end: a
/// run that reads no document, or fails on one (`--strict`), leaves the
/// old file as it was; a killed run's part file goes with the next run.
#[cfg(unix)]
#[test]
fn extract_out_keeps_the_old_file_unless_it_finishes() {
    let root = tmp("extract-out");
    let out = root.join("facts.csv");
    let o = yoy(&["extract", "seeds", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = std::fs::read(&out).unwrap();
    assert!(before.len() > 10_000);
    let bad = root.join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("x.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let o = yoy(&["extract", s(&bad), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no readable document"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&out).unwrap(), before);
    std::fs::copy("seeds/000_25ce8405e5d1b496.txt", bad.join("a.txt")).unwrap();
    let o = yoy(&["extract", "--strict", s(&bad), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    // A part file of a process that is gone (pid 0x7ffffffe is never one).
    let stale = root.join(".facts.csv.yoy-part-2147483646-0abc");
    std::fs::write(&stale, "half").unwrap();
    let o = yoy(&[
        "extract",
        "seeds/000_25ce8405e5d1b496.txt",
        "--out",
        s(&out),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(std::fs::read(&out).unwrap(), before);
    assert_eq!(hidden(&root), Vec::<String>::new());
    std::fs::remove_dir_all(&root).unwrap();
}

/// `verify` with nothing to check, or nothing to check against (every
/// path skipped, as a report folder is), is an error: never "0 figures"
/// or every figure unsourced, and exit 0.
#[test]
fn verify_with_no_readable_draft_or_source_is_an_error() {
    let root = tmp("verify-nothing");
    let rep = root.join("R");
    let o = yoy(&["report", "seeds", "--out", s(&rep)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = "seeds/000_25ce8405e5d1b496.txt";
    let o = yoy(&["verify", d, "--against", s(&rep)]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("no readable source document"),
        "{}",
        stderr(&o)
    );
    let o = yoy(&["verify", s(&rep.join("report.md"))]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("no readable document"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&root).unwrap();
}

/// An --out under a file (`notes.txt/R`) names the file that is not a
/// folder, for a report and for an extract, and writes nothing.
#[test]
fn an_out_path_through_a_file_names_the_file() {
    let root = tmp("through-file");
    let file = root.join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    for args in [
        vec!["report", "seeds", "--out", "R"],
        vec!["extract", "seeds", "--out", "x.csv"],
    ] {
        let out = file.join(args[3]);
        let mut args = args.clone();
        args[3] = s(&out);
        let o = yoy(&args);
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        assert!(e.contains("notes.txt: exists and is not a folder"), "{e}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(hidden(&root), Vec::<String>::new());
    std::fs::remove_dir_all(&root).unwrap();
}

/// A file where no lock can be created beside it is refused as a file,
/// not with the lock's "cannot write".
#[cfg(target_os = "linux")]
#[test]
fn an_out_onto_a_system_file_says_it_is_not_a_folder() {
    let o = yoy(&["report", "seeds", "--out", "/proc/version"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/proc/version: exists and is not a folder"),
        "{}",
        stderr(&o)
    );
}
