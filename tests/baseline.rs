//! Known findings between audits: a finding's id survives edits that move
//! its text, `--baseline` marks findings new or known, and `yoy check
//! --baseline` fails only on new ones.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yoy(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yoy"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A copy of the seeds in a fresh folder.
fn corpus(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yoy-baseline-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    for e in std::fs::read_dir("seeds").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join("seeds").join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// findings.csv's records as (id, status) pairs.
fn ids(path: &Path) -> Vec<(String, String)> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let head: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let (i, s) = (
        head.iter().position(|h| h == "id").expect("an id column"),
        head.iter()
            .position(|h| h == "status")
            .expect("a status column"),
    );
    r.records()
        .map(|r| {
            let r = r.unwrap();
            (r[i].to_string(), r[s].to_string())
        })
        .collect()
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let t = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(t)).unwrap();
}

#[test]
fn moved_text_stays_known_and_a_new_conflict_fails_the_check() {
    let dir = corpus("moved");
    let o = yoy(&dir, &["report", "seeds", "--out", "r1", "-q"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let before = ids(&dir.join("r1/findings.csv"));
    assert!(before.len() > 40, "{}", before.len());
    assert!(before
        .iter()
        .all(|(id, s)| id.starts_with("f-") && id.len() == 14 && s.is_empty()));
    // Move a line: the work report's second line goes to the top, and a
    // blank line is added; every offset and line number after it moves.
    edit(&dir.join("seeds/003_a55f1f49b26a8933.txt"), |t| {
        let mut lines: Vec<&str> = t.lines().collect();
        let second = lines.remove(1);
        lines.insert(0, second);
        format!("\n{}\n", lines.join("\n"))
    });
    let o = yoy(
        &dir,
        &[
            "report",
            "seeds",
            "--out",
            "r2",
            "--baseline",
            "r1/findings.csv",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let after = ids(&dir.join("r2/findings.csv"));
    assert_eq!(after.len(), before.len());
    let new: Vec<_> = after.iter().filter(|(_, s)| s != "known").collect();
    assert!(new.is_empty(), "moved text made findings new: {new:?}");
    assert!(
        text(&o.stdout).contains(&format!("0 项新增,{} 项已知", before.len())),
        "{}",
        text(&o.stdout)
    );
    // The evidence did move: the spans differ, the ids do not.
    let spans = |p: &str| std::fs::read_to_string(dir.join(p)).unwrap();
    assert_ne!(spans("r1/findings.csv"), spans("r2/findings.csv"));
    let o = yoy(&dir, &["check", "seeds", "--baseline", "r1/findings.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // Without the baseline the same findings fail the check.
    let o = yoy(&dir, &["check", "seeds"]);
    assert_eq!(o.status.code(), Some(1));

    // A new conflict: a news report states a 2024 target for new
    // childcare places below the practical projects' 6000个以上.
    edit(&dir.join("seeds/000_25ce8405e5d1b496.txt"), |t| {
        t + "2024年,我市将新增托位5000个。\n"
    });
    let o = yoy(&dir, &["check", "seeds", "--baseline", "r1/findings.csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let new: Vec<&str> = out.lines().filter(|l| l.ends_with("\tnew")).collect();
    assert_eq!(new.len(), 1, "{out}");
    assert!(new[0].starts_with("error\tconflict\t"), "{}", new[0]);
    assert!(new[0].contains("childcare_places_new"), "{}", new[0]);
    // --fail-on decides what counts among the new ones.
    let o = yoy(
        &dir,
        &[
            "check",
            "seeds",
            "--baseline",
            "r1/findings.csv",
            "--fail-on",
            "numbering",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // The report marks it too, in findings.csv and report.json.
    let o = yoy(
        &dir,
        &[
            "report",
            "seeds",
            "--out",
            "r3",
            "--baseline",
            "r1/findings.csv",
            "-q",
        ],
    );
    assert!(o.status.success());
    let r3 = ids(&dir.join("r3/findings.csv"));
    assert_eq!(r3.iter().filter(|(_, s)| s == "new").count(), 1);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("r3/report.json")).unwrap())
            .unwrap();
    let statuses: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "new").count(), 1);
    let md = std::fs::read_to_string(dir.join("r3/report.md")).unwrap();
    assert!(
        md.contains("[新增] **数据冲突**"),
        "report.md marks the new one"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_baseline_that_is_not_a_findings_csv_is_refused_by_name() {
    let dir = corpus("bad");
    std::fs::write(dir.join("notes.csv"), "kind,severity\nconflict,error\n").unwrap();
    for cmd in ["check", "report"] {
        let o = yoy(&dir, &[cmd, "seeds", "--baseline", "notes.csv"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        let err = text(&o.stderr);
        assert!(err.contains("notes.csv") && err.contains("id"), "{err}");
    }
    let o = yoy(&dir, &["check", "seeds", "--baseline", "missing.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("missing.csv"));
    let _ = std::fs::remove_dir_all(&dir);
}
