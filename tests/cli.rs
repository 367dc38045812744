//! The command line end to end: extract, scan, report, check, errors,
//! encodings, determinism. Runs the built binary from the repository root.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn yoy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(args)
        .output()
        .unwrap()
}

fn yoy_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yoy"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh temporary folder for one test.
fn tmp(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("yoy-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

#[test]
fn extract_csv_columns_and_rows() {
    let o = yoy(&["extract"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let header = out.lines().next().unwrap();
    assert!(header.starts_with(
        "doc,line,start,end,quote,value,unit,qualifier,low,high,year,kind,metric,metric_label,region,section,item"
    ));
    // 35万人 → 350000 人, at its byte span in 001.
    let row = out
        .lines()
        .find(|l| l.starts_with("001_a9bf2c6de2e6aed3.txt,11,") && l.contains(",35万人,"))
        .expect("城镇新增就业35万人 in line 11");
    assert!(
        row.contains(",350000,人,eq,350000,350000,2024,target,urban_new_jobs,"),
        "{row}"
    );
    // 5351亿元 → 535100000000 元.
    assert!(out
        .lines()
        .any(|l| l.contains(",5351亿元,535100000000,元,")));
    assert!(out.lines().count() > 400);
}

#[test]
fn extract_all_includes_non_figures() {
    let o = yoy(&["extract", "--all", "seeds/001_a9bf2c6de2e6aed3.txt"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out
        .lines()
        .any(|l| l.contains(",6号线,") && l.contains(",code,name or code,")));
    assert!(out
        .lines()
        .any(|l| l.contains(",第二届,") && l.contains(",ordinal,")));
    assert!(out
        .lines()
        .any(|l| l.contains(",65岁以上,") && l.contains(",condition,")));
}

#[test]
fn extract_json_and_parquet() {
    let dir = tmp("formats");
    let json = dir.join("f.jsonl");
    let o = yoy(&[
        "extract",
        "--format",
        "json",
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = std::fs::read_to_string(&json).unwrap();
    let v: serde_json::Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert!(v.get("metric").is_some() && v.get("start").is_some());
    let pq = dir.join("f.parquet");
    let o = yoy(&[
        "extract",
        "--format",
        "parquet",
        "--out",
        pq.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&pq).unwrap();
    assert_eq!(&bytes[..4], b"PAR1");
    // Parquet cannot go to a terminal.
    let o = yoy(&["extract", "--format", "parquet"]);
    assert_eq!(o.status.code(), Some(2));
    // Partitioned by region and year, for sharded processing.
    let part = dir.join("parts");
    let o = yoy(&[
        "extract",
        "--format",
        "parquet",
        "--partition",
        "--out",
        part.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for p in [
        "region=青岛市/year=2024/part-00000.parquet",
        "region=青岛市/year=2022/part-00000.parquet",
        "region=西海岸新区/year=2023/part-00000.parquet",
    ] {
        assert_eq!(&std::fs::read(part.join(p)).unwrap()[..4], b"PAR1", "{p}");
    }
    // Read back as one dataset: every figure once, in a partition that
    // matches its region and year (yoy's marker, a hidden file, is what
    // dataset readers skip).
    assert!(part.join(".yoy-report").is_file());
    let mut rows = 0;
    for region in std::fs::read_dir(&part).unwrap() {
        let region = region.unwrap().path();
        if region
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with('.')
        {
            continue;
        }
        for year in std::fs::read_dir(&region).unwrap() {
            let year = year.unwrap().path();
            for file in std::fs::read_dir(&year).unwrap() {
                use polars::prelude::*;
                let f = std::fs::File::open(file.unwrap().path()).unwrap();
                let df = ParquetReader::new(f).finish().unwrap();
                let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
                let r = df
                    .column("region")
                    .unwrap()
                    .str()
                    .unwrap()
                    .get(0)
                    .unwrap()
                    .to_string();
                assert_eq!(name(&region), format!("region={r}"));
                rows += df.height();
            }
        }
    }
    let csv_rows = csv::Reader::from_reader(stdout(&yoy(&["extract"])).as_bytes())
        .records()
        .count();
    assert_eq!(rows, csv_rows);
    let o = yoy(&["extract", "--partition"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn scan_reports_character_offsets() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .arg("scan")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("2024年新增托位6000个以上,约6.2万个学位。".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["role"], "year");
    assert_eq!(lines[1]["text"], "6000个以上");
    assert_eq!(lines[1]["start"], 9); // characters, not bytes
    assert_eq!(lines[1]["qualifier"], "ge");
    assert_eq!(lines[2]["value"], 62000.0);
    assert_eq!(lines[2]["qualifier"], "approx");
}

/// An input of several pieces (lines, then one 5 MB line with no line end)
/// streams through `yoy scan`: every offset still counts characters from
/// the start of the input, and no number is lost or split at a cut.
#[test]
fn scan_streams_large_input_with_character_offsets() {
    let mut input = String::new();
    let lines = 40_000;
    for k in 0..lines {
        input.push_str(&format!("第{k}段：新增就业35万人，惠及500余万人。\n"));
    }
    let long = "一千多万元、负3.5%、三分之一，".repeat(180_000);
    input.push_str(&long);
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .arg("scan")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feed = input.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(feed.as_bytes()).unwrap();
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(o.status.success());
    let chars: Vec<char> = input.chars().collect();
    let mut counts = std::collections::BTreeMap::new();
    for l in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        let at: String = chars[s..e].iter().collect();
        assert_eq!(at, v["text"].as_str().unwrap(), "offsets {s}..{e}");
        *counts.entry(at).or_insert(0usize) += 1;
    }
    assert_eq!(counts.get("35万人"), Some(&lines));
    assert_eq!(counts.get("500余万人"), Some(&lines));
    assert_eq!(counts.get("一千多万元"), Some(&180_000));
    assert_eq!(counts.get("负3.5%"), Some(&180_000));
    assert_eq!(counts.get("三分之一"), Some(&180_000));
}

#[test]
fn metrics_unmapped_lists_auto_keys() {
    let o = yoy(&["metrics", "--unmapped"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("auto:"));
    let o = yoy(&["metrics"]);
    assert!(stdout(&o).contains("urban_new_jobs"));
}

#[test]
fn report_matches_committed_reports() {
    let dir = tmp("golden");
    let out = dir.join("r");
    let o = yoy(&["report", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    same_as_committed(&out);
    let term = stdout(&o);
    // Chinese by default, every label from the message table.
    assert!(term.contains("5 份文件"), "{term}");
    assert!(term.contains("数据冲突") && term.contains("严重"), "{term}");
    // Without JavaScript the page still gives its summary.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<noscript><h1>yoy 逐年对照报告</h1><p>5 份文件 · 481 个数字 · 50 项比较 · 57 项发现</p><p>严重 7 · 警告 36 · 提示 14</p>"),
        "no <noscript> summary"
    );
}

#[test]
fn report_is_deterministic_across_threads() {
    let dir = tmp("det");
    let (a, b) = (dir.join("a"), dir.join("b"));
    let o1 = yoy_env(
        &["report", "--out", a.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "1")],
    );
    let o2 = yoy_env(
        &["report", "--out", b.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "4")],
    );
    assert!(o1.status.success() && o2.status.success());
    for name in REPORT_FILES {
        assert_eq!(
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn report_refuses_a_folder_it_did_not_write() {
    let dir = tmp("notours");
    std::fs::write(dir.join("keep.txt"), "mine").unwrap();
    let o = yoy(&["report", "--out", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    let o = yoy(&["report", "--out", dir.to_str().unwrap(), "--force"]);
    assert!(o.status.success());
    // Once written by yoy, it may be written again.
    let o = yoy(&["report", "--out", dir.to_str().unwrap()]);
    assert!(o.status.success());
}

#[test]
fn required_findings_on_the_seeds() {
    let f = std::fs::read_to_string("reports/findings.csv").unwrap();
    let c = std::fs::read_to_string("reports/comparison.csv").unwrap();
    let text = |doc: &str| std::fs::read_to_string(format!("seeds/{doc}")).unwrap();
    // Evidence spans must point at the figures themselves.
    let span_text = |span: &str| -> String {
        let (doc, range) = span.rsplit_once(':').unwrap();
        let (s, e) = range.split_once('-').unwrap();
        text(doc)[s.parse::<usize>().unwrap()..e.parse::<usize>().unwrap()].to_string()
    };
    let row = |kind: &str, metric: &str| -> String {
        f.lines()
            .find(|l| l.starts_with(&format!("{kind},")) && l.contains(&format!(",{metric},")))
            .unwrap_or_else(|| panic!("no {kind} finding for {metric}"))
            .to_string()
    };
    let spans = |line: &str| -> Vec<String> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        rec[6].split(';').map(&span_text).collect()
    };
    let roads = row("conflict", "roads_connected");
    assert!(roads.contains(",2024,"));
    let q = spans(&roads);
    assert!(
        q.iter().any(|s| s == "20条") && q.iter().any(|s| s == "28条"),
        "{q:?}"
    );
    let hightech = row("conflict", "high_tech_enterprises");
    let q = spans(&hightech);
    assert!(
        q.iter().any(|s| s == "7000家") && q.iter().any(|s| s == "7300家"),
        "{q:?}"
    );
    // The message as the table words it: the test follows a rewording.
    let items_missing = yoy::findings::Detail::ItemsMissing {
        doc: "001_a9bf2c6de2e6aed3.txt".into(),
        missing: vec![8, 9, 10],
        min: 1,
        max: 15,
    }
    .message(yoy::messages::Messages::builtin(), yoy::messages::Lang::Zh);
    assert!(
        f.lines()
            .any(|l| l.starts_with("numbering,error,") && l.contains(&items_missing)),
        "{items_missing}"
    );
    assert!(
        f.lines()
            .any(|l| l.starts_with("numbering,error,") && l.contains("15件")),
        "declared 15件 against 12 items"
    );
    // New urban jobs 2023: 36.8万 against 35万 = 105.1%.
    let jobs = c
        .lines()
        .find(|l| {
            l.contains(",urban_new_jobs,") && l.contains(",2023,target,350000,2023,actual,368000,")
        })
        .expect("urban jobs attainment row");
    assert!(jobs.contains(",105.1,"), "{jobs}");
    assert!(f
        .lines()
        .any(|l| l.starts_with("unsupported,") && l.contains("pocket_parks")));
    assert!(f
        .lines()
        .any(|l| l.starts_with("misplaced,") && l.contains("ai_labs")));
    assert!(f
        .lines()
        .any(|l| l.starts_with("outlier,") && l.contains("school places per school")));
    // CSV opens in Excel: UTF-8 BOM.
    assert!(std::fs::read("reports/findings.csv")
        .unwrap()
        .starts_with(&[0xEF, 0xBB, 0xBF]));
}

#[test]
fn check_exit_codes() {
    let o = yoy(&["check"]);
    assert_eq!(o.status.code(), Some(1), "seeds have errors");
    assert!(stdout(&o).contains("conflict"));
    let o = yoy(&["check", "--fail-on", "new_metric,dropped_metric"]);
    assert_eq!(o.status.code(), Some(0));
    let o = yoy(&["check", "--fail-on", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nonsense"));
}

#[test]
fn bad_inputs_name_the_file() {
    let dir = tmp("bad");
    // Missing path.
    let o = yoy(&["extract", "no/such/place.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/place.txt"));
    // A binary file given by name.
    let bin = dir.join("image.txt");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let o = yoy(&["extract", bin.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("image.txt") && stderr(&o).contains("not a text document"),
        "{}",
        stderr(&o)
    );
    // A folder with one good file and a stray binary: the good one is read,
    // the bad one reported; --strict makes it fatal.
    let folder = dir.join("mixed");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("good.txt"), "2024年,我市将新增托位6000个。").unwrap();
    std::fs::write(folder.join("bad.txt"), [0u8, 1, 2, 3, 255]).unwrap();
    std::fs::write(folder.join("photo.png"), [137u8, 80, 78, 71]).unwrap();
    let o = yoy(&["extract", folder.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("6000个"));
    assert!(stderr(&o).contains("bad.txt") && stderr(&o).contains("photo.png"));
    let o = yoy(&["extract", "--strict", folder.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    // A broken manifest: file and line.
    let m = dir.join("manifest");
    std::fs::create_dir_all(&m).unwrap();
    std::fs::write(m.join("a.txt"), "新增托位6000个。").unwrap();
    std::fs::write(
        m.join("manifest.toml"),
        "[[document]]\nfile = \"a.txt\"\nyear = \"twenty\"\n",
    )
    .unwrap();
    let o = yoy(&["extract", m.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("manifest.toml:3"), "{}", stderr(&o));
    // A broken data table: file and line.
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("units.toml"),
        "unit = [\n  { name = \"个\" },\n]\n",
    )
    .unwrap();
    let o = yoy(&["--data", data.to_str().unwrap(), "extract"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("units.toml:2"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

/// data/messages.toml is the planner's: an edited copy rewords the
/// findings wherever they are shown, and a copy that names a placeholder
/// its message cannot fill is refused, naming the file.
#[test]
fn messages_are_data_a_planner_edits() {
    let dir = std::env::temp_dir().join(format!("yoy-msgs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let table = std::fs::read_to_string("data/messages.toml").unwrap();
    let edited = table.replace(
        "{doc}: items {missing} are missing (numbers {min}–{max})",
        "{doc}: MISSING ITEMS {missing} ({min}..{max})",
    );
    assert_ne!(edited, table);
    std::fs::write(data.join("messages.toml"), &edited).unwrap();
    let d = data.to_str().unwrap();
    let o = yoy(&["--data", d, "check", "--lang", "en", "--fail-on", "info"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("001_a9bf2c6de2e6aed3.txt: MISSING ITEMS 8, 9, 10 (1..15)"),
        "{}",
        stdout(&o)
    );
    let out = dir.join("reports");
    let o = yoy(&[
        "--data",
        d,
        "report",
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["findings.csv", "report.md", "report.json", "report.html"] {
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        assert!(text.contains("MISSING ITEMS 8, 9, 10"), "{f}");
    }
    let broken = table.replace("{doc}: items {missing}", "{doc}: items {missed}");
    std::fs::write(data.join("messages.toml"), broken).unwrap();
    let o = yoy(&["--data", d, "check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("messages.toml") && err.contains("items_missing") && err.contains("{missed}"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The 2024 practical-projects document in other encodings and forms gives
/// the same figures as the UTF-8 original.
#[test]
fn encodings_and_forms_give_the_same_figures() {
    let src = std::fs::read_to_string("seeds/001_a9bf2c6de2e6aed3.txt").unwrap();
    let dir = tmp("enc");
    let manifest = |name: &str| {
        format!("[[document]]\nfile = \"{name}\"\nregion = \"青岛市\"\nkind = \"practical_projects\"\nyear = 2024\n")
    };
    let mut forms: Vec<(&str, Vec<u8>)> = Vec::new();
    forms.push(("utf8.txt", src.as_bytes().to_vec()));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(src.as_bytes());
    forms.push(("bom.txt", bom));
    let (gb, _, _) = encoding_rs::GB18030.encode(&src);
    forms.push(("gb18030.txt", gb.into_owned()));
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in src.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    forms.push(("utf16le.txt", le));
    forms.push(("utf16be.txt", be));
    forms.push(("crlf.txt", src.replace('\n', "\r\n").into_bytes()));
    let full: String = src
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            ',' => '，',
            '(' => '（',
            ')' => '）',
            ';' => '；',
            '%' => '％',
            _ => c,
        })
        .collect();
    forms.push(("fullwidth.txt", full.into_bytes()));
    let html: String = {
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        };
        let body: String = src
            .split("\n\n")
            .map(|p| format!("<p>{}</p>\n", esc(p.trim())))
            .collect();
        format!("<!DOCTYPE html><html><head><title>x</title><style>p {{ color: red }}</style><script>var x = '<p>9999个</p>';</script></head><body>\n{body}</body></html>")
    };
    forms.push(("page.html", html.into_bytes()));

    let key = |out: &str| -> Vec<String> {
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let h = r.headers().unwrap().clone();
        let idx = |n: &str| h.iter().position(|x| x == n).unwrap();
        let cols = ["value", "unit", "qualifier", "year", "kind", "metric"].map(idx);
        r.records()
            .map(|rec| {
                let rec = rec.unwrap();
                cols.iter()
                    .map(|&i| {
                        // Keys of figures with no noun phrase are unique to
                        // their document and place on purpose.
                        let v = &rec[i];
                        if v.starts_with("auto:") && v.contains('@') {
                            "auto:<unique>".to_string()
                        } else {
                            v.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    };
    let mut base: Option<Vec<String>> = None;
    for (name, bytes) in forms {
        let d = dir.join(name.replace('.', "_"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join(name), bytes).unwrap();
        std::fs::write(d.join("manifest.toml"), manifest(name)).unwrap();
        let o = yoy(&["extract", d.to_str().unwrap()]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let k = key(&stdout(&o));
        match &base {
            None => base = Some(k),
            Some(b) => assert_eq!(&k, b, "{name} gives other figures"),
        }
        // Quotes are the decoded text at the offsets, in every form.
        assert!(!stdout(&o).contains("9999"), "{name}: script text read");
    }
}

#[test]
fn huge_inputs_stay_bounded() {
    let dir = tmp("huge");
    // 10 MB on one line, and a 1 MB numeral string.
    let line: String = "新增托位6000个以上,".repeat(10 * 1024 * 1024 / 28);
    std::fs::write(dir.join("one_line.txt"), &line).unwrap();
    let numeral: String = "一二三四五六七八九".repeat(1024 * 1024 / 27);
    std::fs::write(dir.join("numeral.txt"), &numeral).unwrap();
    let nested: String = "<div>".repeat(50_000) + "新增托位6000个" + &"</div>".repeat(50_000);
    std::fs::write(
        dir.join("nested.html"),
        format!("<html><body>{nested}</body></html>"),
    )
    .unwrap();
    let o = yoy(&["extract", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let n = stdout(&o)
        .lines()
        .filter(|l| l.contains("one_line.txt"))
        .count();
    assert!(n > 300_000, "{n}");
    assert!(stdout(&o).lines().any(|l| l.starts_with("nested.html,")));
}

#[test]
fn ten_thousand_files() {
    let dir = tmp("many");
    for i in 0..10_000 {
        std::fs::write(
            dir.join(format!("doc{i:05}.txt")),
            format!("{}年,我市将新增托位{}个以上。", 2020 + i % 5, 100 + i),
        )
        .unwrap();
    }
    let o = yoy(&["extract", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 10_001);
    // Sorted by file name, whatever the order on disk.
    assert!(out.lines().nth(1).unwrap().starts_with("doc00000.txt,"));
    assert!(out.lines().last().unwrap().starts_with("doc09999.txt,"));
}

#[test]
fn extract_all_reconciles_with_the_report_summary() {
    // Records, not lines: a quote may span a line break ("2023\n届").
    let records = |out: &str| csv::Reader::from_reader(out.as_bytes()).records().count();
    let o = yoy(&["extract", "--all"]);
    let rows = records(&stdout(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("reports/report.json").unwrap()).unwrap();
    let figures = json["figures"].as_u64().unwrap() as usize;
    let non: usize = json["non_figures"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap() as usize)
        .sum();
    assert_eq!(
        rows,
        figures + non,
        "extract --all rows against report figures + non-figures"
    );
    let o = yoy(&["extract"]);
    assert_eq!(records(&stdout(&o)), figures);
}

/// `yoy … | head` closes stdout early: the run ends quietly, no panic.
#[test]
fn closed_stdout_is_not_an_error() {
    use std::io::Read;
    for args in [
        &["metrics", "--unmapped"][..],
        &["extract", "--all"][..],
        &["check", "--fail-on", "conflict"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yoy"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        let mut out = child.stdout.take().unwrap();
        let _ = out.read(&mut first);
        drop(out);
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// The files `yoy report` writes.
const REPORT_FILES: [&str; 7] = [
    "report.md",
    "comparison.csv",
    "findings.csv",
    "facts.csv",
    "report.json",
    "report.html",
    "report.xlsx",
];

/// The committed reports, compared file by file with those in `out`.
fn same_as_committed(out: &Path) {
    for name in REPORT_FILES {
        assert!(
            std::fs::read(out.join(name)).unwrap()
                == std::fs::read(Path::new("reports").join(name)).unwrap(),
            "reports/{name} drifted: run `cargo run --release -- report` and commit it"
        );
    }
}

#[test]
fn findings_spilled_to_disk_give_the_same_reports() {
    // Five findings in memory at most: the seeds' 57 go through sorted
    // runs on disk and a merge, and must come out exactly as in memory.
    let dir = tmp("spill");
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let config = std::fs::read_to_string("data/config.toml")
        .unwrap()
        .replace("findings_in_memory = 25000", "findings_in_memory = 5");
    assert!(config.contains("findings_in_memory = 5"));
    std::fs::write(data.join("config.toml"), config).unwrap();
    let out = dir.join("r");
    let o = yoy(&[
        "--data",
        data.to_str().unwrap(),
        "report",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    same_as_committed(&out);
    // The runs are gone; only the reports and the marker remain.
    let mut left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            ".yoy-report",
            "comparison.csv",
            "facts.csv",
            "findings.csv",
            "report.html",
            "report.json",
            "report.md",
            "report.xlsx",
        ]
    );
    let o = yoy(&["--data", data.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 57);
}

#[test]
fn readable_reports_are_cut_at_the_list_limit() {
    let dir = tmp("limits");
    let out = dir.join("r");
    let o = yoy(&[
        "report",
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
        "--list-limit",
        "2",
        "--embed-limit-mb",
        "0",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("more comparisons in comparison.csv"));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("… 3 more in report.json"), "documents cut");
    assert!(md.contains("more in comparison.csv"), "rows cut");
    assert!(md.contains("more in findings.csv"), "findings cut");
    // The data files are whole.
    let records = |name: &str| {
        csv::Reader::from_path(out.join(name))
            .unwrap()
            .records()
            .count()
    };
    assert_eq!(records("findings.csv"), 57);
    assert_eq!(records("comparison.csv"), 50);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 57);
    assert_eq!(json["documents"].as_array().unwrap().len(), 5);
    // The page: no document text, two rows, and the totals.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("\"embedded\":false"));
    assert!(!html.contains("\"text\":"));
    assert!(html.contains("\"docs\":5,\"figures\":481,\"rows\":50,\"findings\":57"));
}

/// People read 3496亿元 and 36.8万人, not 349600000000元: the terminal and
/// report.md write magnitudes the Chinese way (and the English way in
/// English), while the CSV files keep base units for machines.
#[test]
fn readable_magnitudes_on_the_seeds() {
    let dir = tmp("magnitudes");
    let zh = dir.join("zh");
    let o = yoy(&[
        "report",
        "--lang",
        "zh",
        "--all-metrics",
        "--out",
        zh.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let term = stdout(&o);
    let md = std::fs::read_to_string(zh.join("report.md")).unwrap();
    // The auditor's layout: 2023's jobs target, actual, attainment and
    // 2024's target on one line.
    let jobs = |text: &str| -> String {
        text.lines()
            .find(|l| l.contains("城镇新增就业") && l.contains("2023 → 2024"))
            .unwrap_or_else(|| panic!("no 2023 jobs row in {text}"))
            .to_string()
    };
    for text in [&term, &md] {
        assert!(text.contains("3496亿元"), "{text}");
        let row = jobs(text);
        for cell in ["35万人", "36.8万人", "✓ 完成 105.1%", "+0.0%"] {
            assert!(row.contains(cell), "{cell} in {row}");
        }
        assert!(!text.contains("349600000000"), "{text}");
    }
    assert!(
        md.contains("| 35万人 | 36.8万人 | ✓ 完成 105.1% | 35万人 | +0.0% |"),
        "{md}"
    );
    let csv = std::fs::read_to_string(zh.join("comparison.csv")).unwrap();
    assert!(csv.contains(",349600000000,") && csv.contains(",368000,"));
    let en = dir.join("en");
    let o = yoy(&[
        "report",
        "--lang",
        "en",
        "--all-metrics",
        "--out",
        en.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = std::fs::read_to_string(en.join("report.md")).unwrap();
    for text in [&stdout(&o), &md] {
        assert!(text.contains("349.6 bn yuan"), "{text}");
        assert!(text.contains("368,000 people"), "{text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--format` chooses the files: only the workbook for an auditor.
#[test]
fn report_format_chooses_the_files() {
    let dir = tmp("format");
    let out = dir.join("r");
    let o = yoy(&["report", "--format", "xlsx", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(names, ["report.xlsx"]);
    assert!(stdout(&o).contains(": report.xlsx\n"), "{}", stdout(&o));
    let o = yoy(&["report", "--format", "pdf", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A downloaded binary, run in an empty folder with no arguments, reports
/// on the sample corpus built into it, says so, and gives the seeds' report.
#[test]
fn the_binary_alone_reports_on_its_built_in_corpus() {
    let dir = tmp("alone");
    let o = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .arg("report")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("built-in sample corpus (5 documents"),
        "{}",
        stderr(&o)
    );
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports");
    for name in ["report.md", "comparison.csv", "findings.csv", "facts.csv"] {
        assert!(
            std::fs::read(dir.join("reports").join(name)).unwrap()
                == std::fs::read(committed.join(name)).unwrap(),
            "{name} differs from the seeds' report"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Each side of a comparison row says where it stands: its line, its
/// sentence (found in the document at that line) and its section.
#[test]
fn comparison_rows_carry_each_sides_line_sentence_and_section() {
    let mut r = csv::Reader::from_path("reports/comparison.csv").unwrap();
    let head: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let col = |n: &str| {
        head.iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("{n}"))
    };
    let mut sections = 0;
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        rows += 1;
        for side in ["from", "to"] {
            let doc = &rec[col(&format!("{side}_source"))];
            let line: usize = rec[col(&format!("{side}_line"))].parse().unwrap();
            let sentence = &rec[col(&format!("{side}_sentence"))];
            let section = &rec[col(&format!("{side}_section"))];
            let text = std::fs::read_to_string(format!("seeds/{doc}")).unwrap();
            let flat = text.replace(['\n', '\r'], " ");
            // A long sentence is cut around the figure: its longest part.
            let part = sentence.split('…').max_by_key(|p| p.len()).unwrap().trim();
            assert!(!part.is_empty(), "{side} of {:?}", &rec);
            let at = flat
                .find(part)
                .unwrap_or_else(|| panic!("{doc}: no sentence {part:?}"));
            let first = text[..at].matches('\n').count() + 1;
            let last = first + text[at..at + part.len()].matches('\n').count();
            assert!(
                (first..=last).contains(&line),
                "{doc}: {part:?} at lines {first}-{last}, not {line}"
            );
            if !section.is_empty() {
                sections += 1;
                assert!(text.contains(section), "{doc}: no section {section:?}");
            }
        }
    }
    assert!(rows > 40);
    assert!(
        sections > rows / 2,
        "{sections} of {} sides have a section",
        rows * 2
    );
}

/// No progress bar where nobody watches it: stderr piped (as here, and in
/// CI) carries no bar, and `--quiet` leaves stderr empty but for errors.
#[test]
fn progress_stays_off_pipes_and_quiet_silences_stderr() {
    let dir = tmp("progress");
    let out = dir.join("r");
    let o = yoy(&["report", "--out", out.to_str().unwrap()]);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(
        !err.contains('\r') && !err.contains("[=") && !err.contains("份文件"),
        "a bar on a pipe: {err:?}"
    );
    for args in [
        &["report", "--out", out.to_str().unwrap(), "--quiet"][..],
        &["check", "-q"][..],
        &["extract", "--quiet"][..],
    ] {
        let o = yoy(args);
        assert!(o.status.code().is_some_and(|c| c < 2), "{args:?}");
        assert_eq!(stderr(&o), "", "{args:?} with --quiet");
        assert!(!o.stdout.is_empty(), "{args:?}: the results still come");
    }
    // Without --quiet, check says what it counted; errors still show.
    assert!(stderr(&yoy(&["check"])).contains("findings"));
    let o = yoy(&["check", "-q", "no/such/place"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/place"));
    let _ = std::fs::remove_dir_all(&dir);
}
