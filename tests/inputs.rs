//! Hostile and careless input, end to end: invisible characters and digit
//! groups inside numbers, old Mac line endings, a file reached twice or
//! under a shared name, manifests with implausible years and paths,
//! numbers too large to be figures, thresholds out of range, and inputs
//! that are no document at all. Each case runs the built binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn yoy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh temporary folder for one test.
fn tmp(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("yoy-inputs-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Splits one CSV line into cells (quotes as the writer sets them).
fn cells(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                out.last_mut().unwrap().push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// The figures `yoy extract` gives: (doc, line, start, end, quote, value).
fn figures(args: &[&str]) -> Vec<(String, usize, usize, usize, String, f64)> {
    let o = yoy(&[&["extract"], args].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .skip(1)
        .map(|l| {
            let c = cells(l);
            (
                c[0].clone(),
                c[1].parse().unwrap(),
                c[2].parse().unwrap(),
                c[3].parse().unwrap(),
                c[4].clone(),
                c[5].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn invisible_characters_inside_numbers() {
    let dir = tmp("invisible");
    let f = dir.join("inv.txt");
    let text = "2024年青岛市市办实事\n\
        新增就业3\u{200b}5万人。\
        新增托位60\u{200d}00个。\
        建设口袋公园6 000个。\
        改造老旧小区6\u{2009}000个。\
        新建停车泊位1\u{202F}234\u{202F}567个。\
        建成学校3\u{fe0f}\u{20e3}所。\
        新建绿道8\u{200f}公里。\
        年份2024 2025。\n";
    std::fs::write(&f, text).unwrap();
    let got = figures(&[s(&f)]);
    let values: Vec<f64> = got.iter().map(|g| g.5).collect();
    assert_eq!(
        values,
        vec![350000.0, 6000.0, 6000.0, 6000.0, 1234567.0, 3.0, 8.0],
        "{got:?}"
    );
    // Every span points at the original text, invisible characters and
    // separators included.
    for (_, line, start, end, quote, _) in &got {
        assert_eq!(*line, 2);
        assert_eq!(&text[*start..*end], quote.as_str());
    }
    assert_eq!(got[0].4, "3\u{200b}5万人");
    assert_eq!(got[2].4, "6 000个");
}

#[test]
fn cr_only_line_endings_number_lines() {
    let dir = tmp("cr");
    for (name, eol) in [("mac.txt", "\r"), ("dos.txt", "\r\n"), ("unix.txt", "\n")] {
        let text = [
            "2024年青岛市市办实事",
            "新增托位100个。",
            "",
            "改造老旧小区200个。",
        ]
        .join(eol);
        std::fs::write(dir.join(name), text).unwrap();
    }
    for name in ["mac.txt", "dos.txt", "unix.txt"] {
        let got = figures(&[s(&dir.join(name))]);
        let lines: Vec<(usize, f64)> = got.iter().map(|g| (g.1, g.5)).collect();
        assert_eq!(lines, vec![(2, 100.0), (4, 200.0)], "{name}");
    }
}

#[test]
fn a_path_given_twice_is_read_once() {
    let dir = tmp("twice");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    let f = dir.join("a").join("r.txt");
    std::fs::write(&f, "2024年青岛市市办实事\n新增托位100个。\n").unwrap();
    let once = figures(&[s(&f)]);
    assert_eq!(once.len(), 1);
    let other_spelling = dir.join("a").join("..").join("a").join("r.txt");
    let mut args = vec![s(&f), s(&f), s(&other_spelling), s(&dir)];
    #[cfg(unix)]
    let link = dir.join("link.txt");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&f, &link).unwrap();
        args.push(s(&link));
    }
    let got = figures(&args);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "r.txt");
}

#[test]
fn files_of_one_name_in_two_folders_get_two_ids() {
    let dir = tmp("names");
    for (sub, n) in [("2023", 100), ("2024", 200)] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(
            dir.join(sub).join("report.txt"),
            format!("{sub}年青岛市市办实事\n新增托位{n}个。\n"),
        )
        .unwrap();
    }
    let got = figures(&[
        s(&dir.join("2023").join("report.txt")),
        s(&dir.join("2024").join("report.txt")),
    ]);
    let docs: Vec<(&str, f64)> = got.iter().map(|g| (g.0.as_str(), g.5)).collect();
    assert_eq!(
        docs,
        vec![("2023/report.txt", 100.0), ("2024/report.txt", 200.0)]
    );
}

#[cfg(unix)]
#[test]
fn a_non_utf8_file_name_gets_a_lossless_id() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tmp("nonutf8");
    let name = std::ffi::OsStr::from_bytes(b"r\xff\xfe%.txt");
    std::fs::write(dir.join(name), "2024年青岛市市办实事\n新增托位100个。\n").unwrap();
    let got = figures(&[s(&dir)]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "r%FF%FE%25.txt");
}

fn manifest_dir(name: &str, manifest: &str) -> PathBuf {
    let dir = tmp(name);
    std::fs::write(dir.join("a.txt"), "青岛市市办实事\n新增托位100个。\n").unwrap();
    std::fs::write(dir.join("manifest.toml"), manifest).unwrap();
    dir
}

#[test]
fn manifest_years_must_be_plausible() {
    for year in ["0", "-5", "99999", "-2147483648"] {
        let dir = manifest_dir(
            "years",
            &format!("[[document]]\nfile = \"a.txt\"\nregion = \"青岛市\"\nyear = {year}\n"),
        );
        let o = yoy(&["extract", s(&dir)]);
        assert_eq!(o.status.code(), Some(2), "{year}");
        let e = stderr(&o);
        assert!(
            e.contains("manifest.toml:4") && e.contains(&format!("year {year} ")),
            "{e}"
        );
        assert!(!e.contains("2147483647"), "{e}");
    }
    let dir = manifest_dir("year-ok", "[[document]]\nfile = \"a.txt\"\nyear = 2024\n");
    let o = yoy(&["extract", s(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(",2024,target,"), "{}", stdout(&o));
}

#[test]
fn manifest_files_in_subfolders_are_read_and_escapes_refused() {
    let dir = manifest_dir(
        "sub",
        "[[document]]\nfile = \"a.txt\"\nyear = 2024\n\n[[document]]\nfile = \"sub/b.txt\"\nyear = 2023\n",
    );
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub").join("b.txt"), "新增托位200个。\n").unwrap();
    let o = yoy(&["extract", s(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Vec<Vec<String>> = stdout(&o).lines().skip(1).map(cells).collect();
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[5].as_str(), r[10].as_str()))
        .collect();
    assert_eq!(
        got,
        vec![("a.txt", "100", "2024"), ("sub/b.txt", "200", "2023")]
    );
    for file in ["../x.txt", "/etc/hostname", "sub/../../x.txt"] {
        let dir = manifest_dir(
            "escape",
            &format!("[[document]]\nfile = \"a.txt\"\n\n[[document]]\nfile = \"{file}\"\n"),
        );
        let o = yoy(&["extract", s(&dir)]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let e = stderr(&o);
        assert!(
            e.contains("manifest.toml:5") && e.contains(file) && e.contains("outside"),
            "{e}"
        );
    }
}

#[test]
fn a_manifest_of_32000_entries_is_read_at_once() {
    let mut m = String::from("[[document]]\nfile = \"a.txt\"\nyear = 2024\n");
    for i in 0..32_000 {
        m.push_str(&format!(
            "\n[[document]]\nfile = \"missing_{i}.txt\"\nyear = 2024\n"
        ));
    }
    let dir = manifest_dir("many", &m);
    let t = Instant::now();
    let o = yoy(&["extract", s(&dir)]);
    let took = t.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);
    // The last missing entry is named with its own line.
    assert!(
        stderr(&o).contains(&format!("manifest.toml:{}:", 6 + 4 * 31_999)),
        "{}",
        &stderr(&o)[..300]
    );
    eprintln!("32,000 manifest entries: {took:?}");
    // About half a second on the 2-core development machine, most of it
    // the 32,000 lines of stderr; the quadratic lookup took minutes.
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn numbers_beyond_any_figure_reach_no_output() {
    let dir = tmp("huge");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let h = "9".repeat(400);
    std::fs::write(
        corpus.join("a.txt"),
        format!("2024年青岛市政府工作报告\n一、2023年工作回顾\n2023年,新增托位{h}个,建成口袋公园0个。\n二、2024年工作安排\n2024年,新增托位{h}个,建成口袋公园100个。\n"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.txt"),
        format!("2025年青岛市政府工作报告\n一、2024年工作回顾\n2024年,新增托位{h}个。\n二、2025年工作安排\n2025年,新增托位{h}个。\n"),
    )
    .unwrap();
    let o = yoy(&["extract", "--all", s(&corpus)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    // The run is read in pieces a float can hold, each beyond any figure.
    let huge: Vec<&str> = out.lines().filter(|l| l.contains("99999")).collect();
    assert!(huge.len() >= 4, "{out}");
    for l in &huge {
        assert!(l.contains(",other,beyond any figure,"), "{l}");
    }
    assert!(!out.contains("inf") && !out.contains("NaN"));
    let figures: Vec<&str> = out.lines().filter(|l| l.contains(",figure,")).collect();
    assert_eq!(figures.len(), 2, "{figures:?}");
    let out_dir = dir.join("out");
    let o = yoy(&["report", s(&corpus), "--out", s(&out_dir), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in [
        "facts.csv",
        "comparison.csv",
        "findings.csv",
        "report.json",
        "report.md",
    ] {
        let t = std::fs::read_to_string(out_dir.join(name)).unwrap();
        for bad in ["inf", "NaN", "nan", "Infinity"] {
            // As a word: "info" and "Infinity" in prose are not values.
            let alpha = |c: char| c.is_ascii_alphabetic();
            let hit = t
                .match_indices(bad)
                .any(|(p, _)| !t[..p].ends_with(alpha) && !t[p + bad.len()..].starts_with(alpha));
            assert!(!hit, "{name} holds {bad}");
        }
    }
}

#[test]
fn thresholds_on_the_command_line_are_checked() {
    for (flag, value) in [
        ("--outlier-factor", "NaN"),
        ("--outlier-factor", "-3"),
        ("--ratio-outlier-factor", "inf"),
        ("--near-duplicate-similarity", "-5"),
        ("--near-duplicate-similarity", "1.5"),
        ("--list-limit", "0"),
        ("--embed-limit-mb", "NaN"),
    ] {
        let arg = format!("{flag}={value}");
        for cmd in ["report", "check"] {
            if cmd == "check" && (flag == "--list-limit" || flag == "--embed-limit-mb") {
                continue;
            }
            let out = tmp("flags");
            let args: Vec<&str> = if cmd == "report" {
                vec![cmd, "seeds", "--out", s(&out), "--force", &arg]
            } else {
                vec![cmd, "seeds", &arg]
            };
            let o = yoy(&args);
            assert_eq!(o.status.code(), Some(2), "{cmd} {arg}: {}", stderr(&o));
            assert!(stderr(&o).contains(flag), "{cmd} {arg}: {}", stderr(&o));
            assert!(
                !out.join("report.md").exists(),
                "{cmd} {arg} wrote a report"
            );
        }
    }
}

#[test]
fn thresholds_in_config_toml_are_checked_with_their_line() {
    let config = include_str!("../data/config.toml");
    let line = |key: &str| {
        config
            .lines()
            .position(|l| l.starts_with(key))
            .map(|p| p + 1)
            .unwrap()
    };
    for (from, to, key) in [
        (
            "outlier_factor = 3.0",
            "outlier_factor = nan",
            "outlier_factor",
        ),
        (
            "approx_tolerance = 0.05",
            "approx_tolerance = -0.05",
            "approx_tolerance",
        ),
        (
            "auto_metric_severity = \"info\"",
            "auto_metric_severity = \"catastrophic\"",
            "auto_metric_severity",
        ),
    ] {
        let data = tmp("config");
        std::fs::write(data.join("config.toml"), config.replace(from, to)).unwrap();
        let o = yoy(&["--data", s(&data), "check"]);
        assert_eq!(o.status.code(), Some(2), "{to}");
        let e = stderr(&o);
        assert!(
            e.contains(&format!("config.toml:{}:", line(key))),
            "{to}: {e}"
        );
    }
    let o = yoy(&["--data", "/no/such/dir", "extract"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/no/such/dir") && stderr(&o).contains("--data"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn fail_on_must_name_something_it_knows() {
    let o = yoy(&["check", "--fail-on", ""]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--fail-on"), "{}", stderr(&o));
    // A severity and a kind together: errors, or any conflict.
    let o = yoy(&["check", "--fail-on", "error,conflict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = yoy(&["check", "--fail-on", "info,new_metric"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = yoy(&["check", "--fail-on", "error,bogus"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("\"bogus\"") && e.contains("warning") && e.contains("conflict"),
        "{e}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_not_a_document_and_does_not_block() {
    let dir = tmp("fifo");
    let fifo = dir.join("pipe.txt");
    let ok = Command::new("mkfifo").arg(&fifo).status();
    if !ok.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mkfifo unavailable");
        return;
    }
    std::fs::write(dir.join("a.txt"), "新增托位100个。\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["extract", s(&fifo)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let t = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t.elapsed() > Duration::from_secs(20) {
            child.kill().ok();
            panic!("yoy blocked on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("pipe.txt") && stderr(&o).contains("not a regular file"),
        "{}",
        stderr(&o)
    );
    let o = yoy(&["text", s(&fifo)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    // Inside a folder it is skipped, naming it, and the rest is read.
    let o = yoy(&["extract", s(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("100个"));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp("perm");
    let locked = dir.join("locked");
    std::fs::create_dir_all(&locked).unwrap();
    std::fs::write(locked.join("a.txt"), "新增托位100个。\n").unwrap();
    for mode in [0o000, 0o600] {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(mode)).unwrap();
        // Root reads every folder: nothing to test.
        if std::fs::metadata(locked.join("a.txt")).is_ok() {
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
            eprintln!("SKIPPED: running as a user who reads every folder (root)");
            return;
        }
        let o = yoy(&["extract", s(&locked)]);
        assert_eq!(o.status.code(), Some(2), "{mode:o}");
        let e = stderr(&o);
        assert!(
            e.contains("cannot read folder") && e.contains("permission denied"),
            "{mode:o}: {e}"
        );
        assert!(!e.contains("no documents"), "{e}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn utf16_without_byte_order_mark() {
    let dir = tmp("utf16");
    let text = "2024年青岛市市办实事\n新增托位100个。\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    std::fs::write(dir.join("le.txt"), &le).unwrap();
    let got = figures(&[s(&dir.join("le.txt"))]);
    assert_eq!(got.iter().map(|g| g.5).collect::<Vec<_>>(), vec![100.0]);
    // Chinese characters alone (no NUL byte at all), either byte order,
    // and text whose few ASCII characters leave NULs on both sides.
    let cjk = "青岛市市办实事新增托位一百个改造老旧小区二百个建设口袋公园五十个。";
    let mixed = "2024年青岛市市办实事:新增托位一百个,改造老旧小区二百个。\n";
    for (name, text, be) in [
        ("cjk-le.txt", cjk, false),
        ("cjk-be.txt", cjk, true),
        ("mixed-be.txt", mixed, true),
    ] {
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect();
        std::fs::write(dir.join(name), &bytes).unwrap();
        let o = yoy(&["text", s(&dir.join(name))]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert_eq!(stdout(&o).trim_end(), text.trim_end(), "{name}");
    }
    // Cut in the middle of a code unit: said to be UTF-16, not binary.
    std::fs::write(dir.join("cut.txt"), &le[..le.len() - 1]).unwrap();
    let o = yoy(&["extract", s(&dir.join("cut.txt"))]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("cut.txt") && e.contains("UTF-16LE without byte-order mark"),
        "{e}"
    );
}

#[test]
fn data_table_errors_name_file_and_line() {
    let line_of = |table: &str, needle: &str| {
        table
            .lines()
            .position(|l| l.contains(needle))
            .map(|p| p + 1)
            .unwrap()
    };
    let messages = include_str!("../data/messages.toml");
    let metrics = include_str!("../data/metrics.toml");
    let config = include_str!("../data/config.toml");
    for (name, table, from, to, at) in [
        // A placeholder the message cannot fill.
        (
            "messages.toml",
            messages,
            "{doc}: items {missing}",
            "{doc}: items {missed}",
            "items_missing =",
        ),
        // A message no code asks for.
        (
            "messages.toml",
            messages,
            "[finding]\n",
            "[finding]\nno_such_message = { zh = \"x\", en = \"x\" }\n",
            "no_such_message",
        ),
        // A metric defined twice: the second definition.
        (
            "metrics.toml",
            metrics,
            "id = \"school_places\"",
            "id = \"urban_new_jobs\"",
            "id = \"school_places\"",
        ),
        // A ratio naming a metric the dictionary lacks.
        (
            "config.toml",
            config,
            "numerator = \"school_places\"",
            "numerator = \"school_place\"",
            "numerator = ",
        ),
    ] {
        assert!(table.contains(from), "{from}");
        let data = tmp("tables");
        std::fs::write(data.join(name), table.replacen(from, to, 1)).unwrap();
        let o = yoy(&["--data", s(&data), "check"]);
        assert_eq!(o.status.code(), Some(2), "{to}");
        let e = stderr(&o);
        // The added message stands on the line after its section's head.
        let line = match at {
            "no_such_message" => line_of(table, "[finding]") + 1,
            _ => line_of(table, at),
        };
        let want = format!("{name}:{line}:");
        assert!(e.contains(&want), "{to}: want {want} in {e}");
    }
}

/// A document with no text (0 bytes, only white space and invisible
/// characters, a 0-byte .pdf) is refused naming the file, never read as a
/// document without figures; a folder of nothing else is an error.
#[test]
fn empty_documents_are_refused() {
    let dir = tmp("empty");
    std::fs::write(dir.join("zero.txt"), "").unwrap();
    std::fs::write(dir.join("blank.txt"), " \n\t\u{3000}\u{200b}\r\n").unwrap();
    std::fs::write(dir.join("zero.pdf"), "").unwrap();
    for name in ["zero.txt", "blank.txt", "zero.pdf"] {
        let o = yoy(&["text", s(&dir.join(name))]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let e = stderr(&o);
        assert!(e.contains(name) && e.contains("empty document"), "{e}");
    }
    let o = yoy(&["check", s(&dir)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no readable document (3 skipped)"),
        "{}",
        stderr(&o)
    );
    std::fs::write(dir.join("a.txt"), "新增托位100个。\n").unwrap();
    let o = yoy(&["extract", s(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).matches("empty document").count(),
        3,
        "{}",
        stderr(&o)
    );
}

/// A manifest that lists itself (or a subfolder's manifest) as a document
/// is refused with its line: a manifest's years are not figures.
#[test]
fn a_manifest_listing_a_manifest_is_refused() {
    for file in ["manifest.toml", "./manifest.toml", "sub/manifest.toml"] {
        let dir = manifest_dir(
            "self",
            &format!("[[document]]\nfile = \"a.txt\"\nyear = 2024\n\n[[document]]\nfile = \"{file}\"\nyear = 2024\n"),
        );
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/manifest.toml"), "").unwrap();
        let o = yoy(&["extract", s(&dir)]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let e = stderr(&o);
        assert!(
            e.contains("manifest.toml:6") && e.contains("is a manifest"),
            "{e}"
        );
    }
}

/// Unicode's compatibility digits (mathematical bold and the like) are
/// read as the digits they are, the quote still the original text.
#[test]
fn compatibility_digits_are_read_as_digits() {
    let dir = tmp("mathdigits");
    let p = dir.join("a.txt");
    std::fs::write(&p, "新增就业𝟑𝟓万人，新建学校𝟙𝟚所。\n").unwrap();
    let got = figures(&[s(&p)]);
    let values: Vec<(String, f64)> = got.iter().map(|g| (g.4.clone(), g.5)).collect();
    assert_eq!(
        values,
        vec![("𝟑𝟓万人".to_string(), 350000.0), ("𝟙𝟚所".to_string(), 12.0)]
    );
}

/// A manifest `file` that names nothing (empty, `.`) or a folder says so
/// with its line, not that it is outside the folder or missing.
#[test]
fn a_manifest_file_naming_nothing_or_a_folder_says_so() {
    for (file, says) in [
        ("", "names no file"),
        ("./", "names no file"),
        ("sub", "is a folder, not a document"),
    ] {
        let dir = manifest_dir(
            "nothing",
            &format!("[[document]]\nfile = \"a.txt\"\n\n[[document]]\nfile = \"{file}\"\n"),
        );
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let o = yoy(&["extract", "--strict", s(&dir)]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let e = stderr(&o);
        assert!(
            e.contains("manifest.toml:5") && e.contains(says),
            "{file}: {e}"
        );
    }
}

/// `verify --year` holds to the years a manifest may give: 99999 or 0
/// would make every figure unsourced and exit 0.
#[test]
fn verify_year_must_be_plausible() {
    for year in ["99999", "0", "-5", "x"] {
        let arg = format!("--year={year}");
        let o = yoy(&["verify", "tests/fixtures/verify/draft.txt", &arg]);
        assert_eq!(o.status.code(), Some(2), "{year}");
        assert!(stderr(&o).contains("--year"), "{}", stderr(&o));
    }
    let o = yoy(&[
        "verify",
        "tests/fixtures/verify/draft.txt",
        "--year",
        "2024",
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}
