//! README.md shows the main job's terminal output as it really is.

use std::process::Command;

#[test]
fn readme_shows_the_real_terminal_output() {
    let dir = std::env::temp_dir().join(format!("yoy-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["report", "--out", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    // All but the last line ("wrote <dir>: …"), which names the folder.
    let lines: Vec<&str> = out.lines().collect();
    let body = lines[..lines.len() - 1].join("\n");
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains(&body),
        "README.md's terminal output is out of date; paste the output of `cargo run --release -- report`"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
