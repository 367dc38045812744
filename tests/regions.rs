//! Regions and periods end to end: `yoy report` on real provincial work
//! reports (../shared/corpus/provinces, beside the repository, not in it)
//! joins like with like — never a five-year figure with a year's, never one
//! province's figure with another's — and documents without a manifest get
//! their region from their issuer and their year from their file name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tmp(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("yoy-regions-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

fn csv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let raw = std::fs::read_to_string(path).unwrap();
    let mut r = csv::Reader::from_reader(raw.trim_start_matches('\u{feff}').as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            head.iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn provinces_join_like_with_like() {
    let corpus = Path::new("../shared/corpus/provinces");
    if !corpus.is_dir() {
        eprintln!(
            "note: {} not found (a fresh clone has no ../shared): skipped",
            corpus.display()
        );
        return;
    }
    let out = tmp("provinces");
    let o = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["report", corpus.to_str().unwrap(), "--out"])
        .arg(&out)
        .arg("--force")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Each document's region is its issuer's province, with its code.
    let facts = csv_rows(&out.join("facts.csv"));
    let want = [
        ("henan", "410000"),
        ("hunan", "430000"),
        ("jilin", "220000"),
    ];
    let mut doc_code: HashMap<String, String> = HashMap::new();
    for (prefix, code) in want {
        for f in facts.iter().filter(|f| f["doc"].starts_with(prefix)) {
            doc_code.insert(f["doc"].clone(), code.to_string());
            // A figure is the province's or a part of it (a city it names),
            // never another province's.
            assert_eq!(&f["region_code"][..2], &code[..2], "{f:?}");
        }
    }
    assert_eq!(doc_code.len(), 6, "six documents");

    let rows = csv_rows(&out.join("comparison.csv"));
    assert!(rows.len() > 50, "{} comparison rows", rows.len());
    let mut periods = 0;
    for r in &rows {
        // Both sides a year, or both a period of the same length.
        let span = |from: &str, to: &str| -> i32 {
            let to: i32 = to.parse().unwrap();
            from.parse::<i32>().map_or(1, |f| to - f + 1)
        };
        let (a, b) = (
            span(&r["from_year_from"], &r["from_year"]),
            span(&r["to_year_from"], &r["to_year"]),
        );
        assert_eq!(a, b, "a {a}-year figure joined with a {b}-year one: {r:?}");
        periods += (a > 1) as usize;
        // Both sources are of the row's province.
        for side in ["from_source", "to_source"] {
            let doc_prov = &doc_code[&r[side]][..2];
            let row_prov = facts
                .iter()
                .find(|f| f["region"] == r["region"])
                .map(|f| f["region_code"][..2].to_string())
                .unwrap();
            assert_eq!(doc_prov, row_prov, "{r:?}");
        }
    }
    // The fourteenth plan's totals meet the fifteenth plan's goals.
    assert!(periods > 0, "no period compared with a period");
    let jobs = rows
        .iter()
        .find(|r| {
            r["region"] == "河南省"
                && r["metric"] == "urban_new_jobs"
                && r["from_year_from"] == "2021"
        })
        .expect("河南 new urban jobs 2021-2025 → 2026-2030");
    assert_eq!(
        (
            jobs["from_value"].as_str(),
            jobs["to_year_from"].as_str(),
            jobs["to_value"].as_str()
        ),
        ("6037000", "2026", "5000000")
    );
    // The real 2025 actual is compared with the 2025 target, not the
    // five-year total.
    let met = rows
        .iter()
        .find(|r| {
            r["region"] == "河南省"
                && r["metric"] == "urban_new_jobs"
                && r["comparison"] == "actual_vs_target"
                && r["to_year"] == "2025"
        })
        .expect("河南 2025 new urban jobs: target → actual");
    assert_eq!(met["to_value"], "1217000");
    assert_eq!(met["to_year_from"], "");
}

#[test]
fn region_from_issuer_and_year_from_file_name() {
    let dir = tmp("issuer");
    // No manifest; the text names its issuer at the province level and
    // several cities more often.
    std::fs::write(
        dir.join("report.txt"),
        "政府工作报告\n——在河南省第十四届人民代表大会上\n河南省人民政府省长\n一、2024年工作回顾\n郑州、洛阳、郑州加快发展。全省城镇新增就业110万人。\n",
    )
    .unwrap();
    // A list cut from a report: neither place nor year in its text.
    std::fs::write(
        dir.join("hunan_2025_minsheng_shishi.txt"),
        "1.新增托位2000个。\n2.改造城镇老旧小区100个。\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["extract", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<HashMap<String, String>> = r
        .records()
        .map(|x| {
            head.iter()
                .cloned()
                .zip(x.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    let jobs = rows.iter().find(|f| f["quote"] == "110万人").unwrap();
    assert_eq!(
        (
            jobs["region"].as_str(),
            jobs["region_code"].as_str(),
            jobs["year"].as_str()
        ),
        ("河南省", "410000", "2024")
    );
    let places = rows.iter().find(|f| f["quote"] == "2000个").unwrap();
    assert_eq!(
        (
            places["region"].as_str(),
            places["year"].as_str(),
            places["kind"].as_str()
        ),
        ("湖南省", "2025", "target")
    );
}

/// Binary noise a report must never show: 0.5999999999999996,
/// 6.7000000000003.
fn float_noise(text: &str) -> Option<String> {
    let b = text.as_bytes();
    for i in 0..b.len() {
        if b[i] != b'.' || i == 0 || !b[i - 1].is_ascii_digit() {
            continue;
        }
        let frac: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if frac.len() >= 10 && (frac.contains("000000") || frac.contains("999999")) {
            let from = text[..i].char_indices().rev().nth(12).map_or(0, |(p, _)| p);
            return Some(text[from..(i + 1 + frac.len()).min(text.len())].to_string());
        }
    }
    None
}

#[test]
fn no_float_noise_in_any_report() {
    let mut folders = vec![PathBuf::from("reports")];
    let corpus = Path::new("../shared/corpus/provinces");
    if corpus.is_dir() {
        let out = tmp("noise");
        let o = Command::new(env!("CARGO_BIN_EXE_yoy"))
            .args(["report", corpus.to_str().unwrap(), "--out"])
            .arg(&out)
            .arg("--force")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        folders.push(out);
    } else {
        eprintln!(
            "note: {} not found: only the seeds' reports scanned",
            corpus.display()
        );
    }
    for dir in folders {
        for name in [
            "report.md",
            "facts.csv",
            "comparison.csv",
            "findings.csv",
            "report.json",
            "report.html",
        ] {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            assert_eq!(float_noise(&text), None, "{}", dir.join(name).display());
        }
    }
    assert!(float_noise("change 0.5999999999999996 points").is_some());
}
