//! `yoy verify` end to end: drafts retelling the seeds' figures, some
//! changed, checked against seeds/ (the default sources); the exit codes;
//! the page in headless Chromium (skipped with a loud note when there is
//! none, failing when CI is set).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yoy-verify-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn yoy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(args)
        .output()
        .unwrap()
}

/// Runs `yoy verify … --format json`; the exit code and the verdicts.
fn verify(args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let o = yoy(&all);
    let code = o.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    (code, v.as_array().unwrap().clone())
}

/// (quote, status) of every verdict, in the draft's order.
fn statuses(v: &[Value]) -> Vec<(String, String)> {
    v.iter()
        .map(|x| {
            (
                x["quote"].as_str().unwrap().to_string(),
                x["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A news article retelling the seeds: 2023's results (000, the news
/// article) and 2024's practical projects (001).
const RETOLD: &str = "记者 王小明\n\n\
记者从市人社局获悉,2023年,青岛城镇新增就业36.8万人,扶持创业4.5万人,开发城乡公益性岗位5万余个,养老保险参保人数达到848万人。\n\n\
2024年,青岛将实现城镇新增就业35万人,扶持创业3万人,新设城乡公益性岗位1.65万个。全市将建成口袋公园100个,新增托位6000个以上。\n";

fn draft(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn an_unchanged_retelling_is_confirmed_and_exits_0() {
    let dir = tmp("same");
    let d = draft(&dir, "draft.txt", RETOLD);
    let (code, v) = verify(&[&d]);
    let s = statuses(&v);
    assert_eq!(s.len(), 9, "{s:?}");
    assert!(s.iter().all(|(_, st)| st == "confirmed"), "{s:?}");
    assert_eq!(code, 0);
    // Each names its source: document, line, quote and sentence.
    let jobs = &v[0];
    assert_eq!(jobs["metric"], "urban_new_jobs");
    assert_eq!(jobs["year"], 2023);
    assert_eq!(jobs["kind"], "actual");
    assert_eq!(jobs["source_doc"], "000_25ce8405e5d1b496.txt");
    assert_eq!(jobs["source_quote"], "36.8万人");
    assert_eq!(jobs["source_value"], 368000.0);
    assert!(jobs["source"]["sentence"]
        .as_str()
        .unwrap()
        .contains("城镇新增就业36.8万人"));
    // The terminal table says the same and exits the same.
    let o = yoy(&["verify", &d]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("✓ confirmed 9"), "{out}");
}

#[test]
fn changed_figures_and_only_they_differ() {
    let dir = tmp("changed");
    // Three values changed (4.5万 → 5万, 1.65万 → 2万, 100 → 120), one
    // qualifier dropped (6000个以上 → 6000个), one figure no source has.
    let changed = RETOLD
        .replace("扶持创业4.5万人", "扶持创业5万人")
        .replace("公益性岗位1.65万个", "公益性岗位2万个")
        .replace("口袋公园100个", "口袋公园120个")
        .replace("新增托位6000个以上", "新增托位6000个,新建立体停车场88处");
    let d = draft(&dir, "draft.txt", &changed);
    let (code, v) = verify(&[&d]);
    assert_eq!(code, 1, "a difference exits 1");
    let s = statuses(&v);
    let want: Vec<(&str, &str)> = vec![
        ("36.8万人", "confirmed"),
        ("5万人", "differs"),
        ("5万余个", "confirmed"),
        ("848万人", "confirmed"),
        ("35万人", "confirmed"),
        ("3万人", "confirmed"),
        ("2万个", "differs"),
        ("120个", "differs"),
        ("6000个", "qualifier_differs"),
        ("88处", "unsourced"),
    ];
    let got: Vec<(&str, &str)> = s.iter().map(|(q, t)| (q.as_str(), t.as_str())).collect();
    assert_eq!(got, want);
    // A difference shows the source's value, document, line and quote.
    let d5 = &v[1];
    assert_eq!(d5["source_value"], 45000.0);
    assert_eq!(d5["source"]["line"], 61);
    assert_eq!(d5["source_quote"], "4.5万人");
    let q = &v[8];
    assert_eq!(q["source_quote"], "6000个以上");
    assert_eq!(q["source"]["qualifier"], "ge");
    assert!(v[9]["source"].is_null());
}

#[test]
fn approximations_bounds_rounding_and_disputes() {
    let dir = tmp("approx");
    let d = draft(
        &dir,
        "draft.txt",
        "记者 王小明\n\n2023年,青岛城镇新增就业约37万人,扶持创业超过4万人,养老保险参保人数达到848.0万人。\n\n\
         2024年,青岛将打通28条未贯通道路,城镇新增就业37万人。\n",
    );
    let (code, v) = verify(&[&d]);
    let s = statuses(&v);
    let got: Vec<(&str, &str)> = s.iter().map(|(q, t)| (q.as_str(), t.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("约37万人", "approximate"),
            ("超过4万人", "approximate"),
            ("848.0万人", "confirmed"),
            ("28条", "disputed"),
            ("37万人", "differs"),
        ]
    );
    assert_eq!(v[0]["note"], "approximation");
    assert_eq!(v[1]["note"], "bound");
    // The sources disagree on the roads: both are shown.
    assert_eq!(v[3]["source_value"], 28.0);
    let others = v[3]["others"].as_array().unwrap();
    assert_eq!(others.len(), 1);
    assert_eq!(others[0]["value"], 20.0);
    assert_eq!(code, 1, "37万 for a 35万 target differs");
}

#[test]
fn missing_context_comes_from_the_flags() {
    let dir = tmp("context");
    // No year, no region in the text or the file name.
    let d = draft(&dir, "note.txt", "计划实现城镇新增就业35万人。\n");
    let (_, v) = verify(&[&d]);
    assert_eq!(v[0]["status"], "unsourced");
    let (code, v) = verify(&[&d, "--region", "青岛市", "--year", "2024"]);
    assert_eq!(v[0]["status"], "confirmed", "{v:?}");
    assert_eq!(v[0]["region"], "青岛市");
    assert_eq!(code, 0);
}

#[test]
fn sources_can_be_named_and_a_draft_is_not_its_own_source() {
    let dir = tmp("against");
    let d = draft(&dir, "draft.txt", RETOLD);
    // Against the practical projects only: 2023's results are unsourced.
    let (_, v) = verify(&[&d, "--against", "seeds/001_a9bf2c6de2e6aed3.txt"]);
    assert_eq!(v[0]["status"], "unsourced");
    assert_eq!(v[4]["status"], "confirmed");
    // The draft among the sources does not confirm itself.
    let (_, v) = verify(&[&d, "--against", &d]);
    assert!(v.iter().all(|x| x["status"] == "unsourced"), "{v:?}");
    // Nor when its folder is named: the folder's other documents count.
    std::fs::copy("seeds/000_25ce8405e5d1b496.txt", dir.join("news.txt")).unwrap();
    let (_, v) = verify(&[&d, "--against", dir.to_str().unwrap()]);
    assert_eq!(v[0]["status"], "confirmed");
    assert_eq!(v[0]["source_doc"], "news.txt");
    assert_eq!(v[4]["status"], "unsourced");
}

#[test]
fn csv_has_the_columns_and_neutralises_formulas() {
    let dir = tmp("csv");
    let d = draft(&dir, "=cmd.txt", RETOLD);
    let o = yoy(&["verify", &d, "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    for c in [
        "quote",
        "start",
        "end",
        "status",
        "source_value",
        "source_doc",
        "source_quote",
    ] {
        assert!(h.iter().any(|x| x == c), "{c} in {h:?}");
    }
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 9);
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    assert_eq!(&rows[0][col("doc")], "'=cmd.txt");
    assert_eq!(&rows[0][col("quote")], "36.8万人");
    assert_eq!(&rows[0][col("source_doc")], "000_25ce8405e5d1b496.txt");
    // The quote is the text at start..end of the draft.
    let start: usize = rows[0][col("start")].parse().unwrap();
    let end: usize = rows[0][col("end")].parse().unwrap();
    assert_eq!(&RETOLD[start..end], "36.8万人");
}

#[test]
fn errors_name_the_file_and_exit_2() {
    let o = yoy(&["verify", "no/such/draft.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/draft.txt"));
    let dir = tmp("errors");
    let d = draft(&dir, "draft.txt", RETOLD);
    let o = yoy(&["verify", &d, "--against", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no/such/folder"));
    let bin = dir.join("bin.txt");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let o = yoy(&["verify", bin.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bin.txt"));
}

fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(o) = Command::new("which").arg(name).output() {
            if o.status.success() {
                return Some(PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
            }
        }
    }
    None
}

/// Loads `page` in tests/browser/verify_harness.html and returns what the
/// harness recorded.
fn drive(bin: &Path, dir: &Path, page: &Path) -> Value {
    let harness = std::fs::read_to_string("tests/browser/verify_harness.html")
        .unwrap()
        .replace(
            "{{PAGE}}",
            &format!("file://{}", page.canonicalize().unwrap().display()),
        );
    let h = dir.join("harness.html");
    std::fs::write(&h, harness).unwrap();
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", h.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find("<pre id=\"result\">")
        .expect("harness result in the DOM")
        + "<pre id=\"result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("harness output {json:?}: {e}"))
}

#[test]
fn the_page_marks_the_figures_and_shows_the_source_on_click() {
    let Some(bin) = chromium() else {
        assert!(
            !matches!(std::env::var("CI").as_deref(), Ok(v) if !v.is_empty() && v != "false" && v != "0"),
            "CI needs chromium (see .ci/run)"
        );
        eprintln!(
            "\n{bar}\nSKIPPED the verify page test: no chromium on this machine.\n\
             The page of `yoy verify --html` was NOT checked in a browser.\n{bar}\n",
            bar = "!".repeat(72)
        );
        return;
    };
    let dir = tmp("page");
    // One value changed, one figure unsourced, and markup that must stay
    // text.
    let text = RETOLD
        .replace("扶持创业4.5万人", "扶持创业5万人")
        .replace(
            "新增托位6000个以上。",
            "新增托位6000个以上,打通28条未贯通道路,新建立体停车场88处。<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>",
        );
    let d = draft(&dir, "draft.txt", &text);
    let page = dir.join("verify.html");
    let o = yoy(&["verify", &d, "--html", page.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let r = drive(&bin, &dir, &page);
    assert!(r.get("error").is_none(), "{r}");
    assert_eq!(r["pwned"], Value::Null, "a script from the draft ran");
    assert_eq!(r["imgs"], 0);
    assert_eq!(r["onerrorAttrs"], 0);
    assert!(r["draftText"]
        .as_str()
        .unwrap()
        .contains("<script>window.pwned=2</script>"));
    // Every figure marked, coloured by status.
    let marks = r["marks"].as_array().unwrap();
    assert_eq!(marks.len(), 11, "{marks:?}");
    let colour = |quote: &str| {
        let m = marks.iter().find(|m| m["text"] == quote).unwrap();
        (
            m["status"].as_str().unwrap().to_string(),
            m["color"].as_str().unwrap().to_string(),
        )
    };
    let (s, green) = colour("36.8万人");
    assert_eq!(s, "confirmed");
    let (s, red) = colour("5万人");
    assert_eq!(s, "differs");
    let (s, grey) = colour("88处");
    assert_eq!(s, "unsourced");
    assert_eq!(green, "rgb(211, 245, 220)");
    assert_eq!(red, "rgb(252, 217, 214)");
    assert_eq!(grey, "rgb(228, 231, 236)");
    // A click shows the source sentence with the source figure marked.
    assert_eq!(r["sourceHiddenBefore"], true);
    let clicks = r["clicks"].as_array().unwrap();
    let click = |quote: &str| clicks.iter().find(|c| c["text"] == quote).unwrap();
    let c = click("36.8万人");
    assert_eq!(c["hidden"], false);
    assert!(c["status"].as_str().unwrap().contains("confirmed"));
    assert_eq!(c["mark"], "36.8万人");
    assert!(c["sentence"][0]
        .as_str()
        .unwrap()
        .contains("城镇新增就业36.8万人"));
    assert!(c["meta"][0]
        .as_str()
        .unwrap()
        .contains("000_25ce8405e5d1b496.txt"));
    let c = click("5万人");
    assert!(c["status"].as_str().unwrap().contains("differs"));
    assert_eq!(c["mark"], "4.5万人");
    assert!(c["sentence"][0]
        .as_str()
        .unwrap()
        .contains("扶持创业4.5万人"));
    // A disputed figure shows both sources' sentences.
    let c = click("28条");
    assert!(c["status"].as_str().unwrap().contains("disputed"));
    let sentences = c["sentence"].as_array().unwrap();
    assert_eq!(sentences.len(), 2, "{c}");
    assert!(sentences[1].as_str().unwrap().contains("20条"));
    let c = click("88处");
    assert!(c["status"].as_str().unwrap().contains("unsourced"));
    assert_eq!(c["mark"], Value::Null);
}

#[test]
fn a_draft_is_read_as_a_retelling_whatever_report_it_names() {
    let dir = tmp("kind");
    // Names the work report in its opening; still a news article whose
    // 2023 figures are results and 2024 ones plans.
    let d = draft(
        &dir,
        "draft.txt",
        "市政府工作报告显示,2023年,青岛城镇新增就业36.8万人。\n\n2024年,青岛将实现城镇新增就业35万人。\n",
    );
    let (code, v) = verify(&[&d]);
    let got: Vec<(i64, &str, &str)> = v
        .iter()
        .map(|x| {
            (
                x["year"].as_i64().unwrap(),
                x["kind"].as_str().unwrap(),
                x["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![(2023, "actual", "confirmed"), (2024, "target", "confirmed")]
    );
    assert_eq!(code, 0);
    // Read as the work report it names, its 2023 figure is a target.
    let (_, v) = verify(&[&d, "--kind", "work_report"]);
    assert_eq!(v[0]["kind"], "target");
}

#[test]
fn a_draft_rounding_a_precise_source_is_confirmed_as_rounded() {
    let dir = tmp("rounding");
    let src = dir.join("sources");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        src.join("report.txt"),
        "2024年青岛市政府工作报告\n\n一、2023年工作回顾\n\n城镇新增就业367960人,粮食产量307.4万吨,扶持创业4.5万人。\n",
    )
    .unwrap();
    let d = draft(
        &dir,
        "draft.txt",
        "记者 王小明\n\n2023年,青岛城镇新增就业36.8万人,粮食产量307万吨,扶持创业5万人。\n",
    );
    let (code, v) = verify(&[&d, "--against", src.to_str().unwrap(), "--year", "2024"]);
    // 36.8万 and 307万 write three digits (verify_rounding_digits): each
    // rounds its source at its last digit.
    assert_eq!(v[0]["status"], "confirmed");
    assert_eq!(v[0]["note"], "rounded");
    assert_eq!(v[0]["source_value"], 367960.0);
    assert_eq!(v[1]["status"], "confirmed", "{:?}", v[1]);
    assert_eq!(v[1]["note"], "rounded");
    // 5万 writes one digit: it is not a rounding of 4.5万.
    assert_eq!(v[2]["status"], "differs");
    assert_eq!(code, 1);
}

#[test]
fn readme_shows_the_real_output() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let marker = "`yoy verify tests/fixtures/verify/draft.txt` prints";
    let rest = &readme[readme
        .find(marker)
        .expect("the verify example in README.md")..];
    let open = rest.find("```text\n").expect("a ```text block") + "```text\n".len();
    let close = open + rest[open..].find("```").expect("the block closes");
    let o = yoy(&["verify", "tests/fixtures/verify/draft.txt"]);
    assert_eq!(o.status.code(), Some(1), "the example has a difference");
    let out = String::from_utf8(o.stdout).unwrap();
    for (i, (want, got)) in rest[open..close].lines().zip(out.lines()).enumerate() {
        assert_eq!(want, got, "README.md verify example, line {}", i + 1);
    }
    assert_eq!(rest[open..close].lines().count(), out.lines().count());
}
