//! README.md shows the main job's terminal output as it really is: the
//! whole ```text block after "The main job on the default corpus prints
//! this", line for line.

use std::process::Command;

/// The fenced block that follows `marker` in `doc`.
fn block_after<'a>(doc: &'a str, marker: &str) -> &'a str {
    let at = doc
        .find(marker)
        .expect("README.md names the main job's output");
    let rest = &doc[at..];
    let open = rest.find("```text\n").expect("a ```text block") + "```text\n".len();
    let close = rest[open..].find("```").expect("the block closes");
    &rest[open..open + close]
}

#[test]
fn readme_shows_the_real_terminal_output() {
    let dir = std::env::temp_dir().join(format!("yoy-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["report", "--out", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    // The last line names the folder: the README's says reports/.
    let out = String::from_utf8(o.stdout)
        .unwrap()
        .replace(&format!("{}/:", dir.display()), "reports/:");
    let readme = std::fs::read_to_string("README.md").unwrap();
    let shown = block_after(&readme, "The main job on the default corpus prints");
    assert!(
        out.lines().count() > 10,
        "the main job printed too little to be the report:\n{out}"
    );
    assert_eq!(
        shown, out,
        "README.md's terminal output is out of date; paste the output of `cargo run --release -- report`"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
