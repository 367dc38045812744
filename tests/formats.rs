//! Document formats end to end: each fixture in tests/fixtures/formats/
//! (made from a seed by scripts/make_fixtures.py) gives the figures of the
//! seed it came from, apart from the differences listed here with their
//! reason; the files that are not documents are refused naming the file.
//! PDF cases need pdftotext (poppler-utils + poppler-data) and are skipped
//! with a note where it is not installed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURES: &str = "tests/fixtures/formats";

fn yoy(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yoy"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("yoy-formats-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

fn have_pdftotext() -> bool {
    let ok = Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stderr.is_empty());
    if !ok {
        eprintln!("note: pdftotext not installed (apt-get install poppler-utils poppler-data); PDF cases skipped");
    }
    ok
}

/// The seed's manifest entry, for the fixture's own manifest: the same
/// metadata, so only the format differs.
fn manifest_for(seed: &str, file: &str) -> String {
    let m = std::fs::read_to_string("seeds/manifest.toml").unwrap();
    let entry = m
        .split("[[document]]")
        .find(|e| e.contains(&format!("file = \"{seed}\"")))
        .unwrap();
    let body: String = entry
        .lines()
        .filter(|l| l.contains('=') && !l.starts_with('#'))
        .map(|l| {
            if l.starts_with("file") {
                format!("file = \"{file}\"\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    format!("[[document]]\n{body}")
}

/// The figures of one document as (value|unit|year|kind|metric) → count.
fn figures(file: &Path, seed: &str) -> (BTreeMap<String, i32>, String) {
    let name = file.file_name().unwrap().to_str().unwrap();
    let dir = tmp(&name.replace('.', "_"));
    std::fs::copy(file, dir.join(name)).unwrap();
    std::fs::write(dir.join("manifest.toml"), manifest_for(seed, name)).unwrap();
    let o = yoy(&["extract", dir.to_str().unwrap()], &[]);
    assert!(o.status.success(), "{name}: {}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let h = r.headers().unwrap().clone();
    let idx = |n: &str| h.iter().position(|x| x == n).unwrap();
    let cols = ["value", "unit", "year", "kind", "metric"].map(idx);
    let mut m = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let key = cols
            .iter()
            .map(|&i| {
                let v = &rec[i];
                // Keys of figures with no noun phrase name their place.
                if v.starts_with("auto:") && v.contains('@') {
                    "auto:<unique>".to_string()
                } else {
                    v.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("|");
        *m.entry(key).or_insert(0) += 1;
    }
    (m, out)
}

/// Figures the fixture has more (+) or fewer (−) than its seed.
fn difference(fixture: &str, seed: &str) -> (Vec<String>, String) {
    let (f, out) = figures(&Path::new(FIXTURES).join(fixture), seed);
    let (s, _) = figures(&Path::new("seeds").join(seed), seed);
    let mut d = Vec::new();
    for k in f
        .keys()
        .chain(s.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let n = f.get(k).unwrap_or(&0) - s.get(k).unwrap_or(&0);
        if n != 0 {
            d.push(format!("{n:+} {k}"));
        }
    }
    (d, out)
}

fn assert_same(fixture: &str, seed: &str, expected: &[(&str, &str)]) -> String {
    let (d, out) = difference(fixture, seed);
    let want: Vec<String> = expected.iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(d, want, "{fixture}: figures differ from {seed}");
    out
}

#[test]
fn cid_font_pdf_gives_the_seed_figures_with_pages() {
    if !have_pdftotext() {
        return;
    }
    let out = assert_same("cid_font.pdf", "001_a9bf2c6de2e6aed3.txt", &[]);
    // Pages: the figures of the first page say 1, later ones more.
    let header = out.lines().next().unwrap();
    assert!(
        header.ends_with(",reason,year_from,region_code,page"),
        "{header}"
    );
    let pages: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(pages.first(), Some(&"1"));
    assert!(
        pages.iter().any(|p| p.parse::<u32>().unwrap() >= 3),
        "{pages:?}"
    );
    // The running header "…2024年市办实事项目" and "— 2 —" give no figures.
    assert!(!out.contains("— "));
}

#[test]
fn pdf_printed_from_docx_gives_the_seed_figures() {
    if !have_pdftotext() {
        return;
    }
    assert_same(
        "from_docx.pdf",
        "002_3d3cdc7cbf504bdd.txt",
        &[
            (
                "+1 350000|人|2023|target|auto:<unique>",
                "the DOCX's table row 新增城镇就业 | 35万人; the PDF puts each cell on a line of its own, so the figure stands without its row's words",
            ),
            ("+1 6000|个|2023|target|auto:<unique>", "the same for 新增托位 | 6000个"),
        ],
    );
}

/// The table the DOCX fixture adds after the seed's text restates two
/// figures of it (新增城镇就业 35万人, 新增托位 6000个).
const TABLE_ROWS: &[(&str, &str)] = &[
    (
        "+1 350000|人|2023|target|urban_new_jobs",
        "table row 新增城镇就业 | 35万人, not in the seed",
    ),
    (
        "+1 6000|个|2023|target|childcare_places_new",
        "table row 新增托位 | 6000个, not in the seed",
    ),
];

#[test]
fn docx_gives_the_seed_figures_and_its_list_numbers() {
    let out = assert_same("numbered.docx", "002_3d3cdc7cbf504bdd.txt", TABLE_ROWS);
    let o = yoy(&["text", &format!("{FIXTURES}/numbered.docx")], &[]);
    let text = String::from_utf8(o.stdout).unwrap();
    // The numbers Word shows, rebuilt from numbering.xml.
    // The tasks are a list of their own, numbered on across sections.
    for n in [
        "一、实施创新驱动",
        "\n1.建设崂山实验室",
        "二、建设现代化产业体系\n14.优化提升",
    ] {
        assert!(text.contains(n), "{n} missing from the DOCX text");
    }
    assert!(text.contains("新增托位\t6000个"), "table row");
    assert!(!out.is_empty());
}

#[test]
fn xlsx_task_table_gives_the_seed_figures() {
    let out = assert_same(
        "tasks.xlsx",
        "001_a9bf2c6de2e6aed3.txt",
        &[
            (
                "+1 22800000000|元|2024|target|auto:<unique>",
                "sheet 投资, not in the seed: 228 under 总投资 with 单位：亿元 above the table",
            ),
            (
                "+1 3550000000|元|2024|target|auto:<unique>",
                "sheet 投资: 35.5 under 年度计划投资, the same unit",
            ),
            (
                "+1 70|公里|2024|target|rural_water_mains_km",
                "sheet 投资: 70 under 长度（公里）",
            ),
        ],
    );
    // The header's unit applies to bare numbers under it.
    let o = yoy(&["text", &format!("{FIXTURES}/tasks.xlsx")], &[]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("地铁6号线一期\t228亿元\t35.5亿元"), "{text}");
    assert!(text.contains("农村供水主管网\t70公里"), "{text}");
    assert!(!out.is_empty());
}

#[test]
fn gbk_portal_page_gives_the_seed_figures_without_its_chrome() {
    let out = assert_same("portal_gbk.html", "000_25ce8405e5d1b496.txt", &[]);
    assert!(!out.contains("123456"), "script text read");
    assert!(!out.contains("公顷"), "related-news links read");
}

/// Every span of a converted document is a byte range of `yoy text`.
#[test]
fn quotes_are_found_in_the_text_yoy_made() {
    let mut files = vec!["numbered.docx", "tasks.xlsx", "portal_gbk.html"];
    if have_pdftotext() {
        files.extend(["cid_font.pdf", "from_docx.pdf"]);
    }
    for f in files {
        let path = format!("{FIXTURES}/{f}");
        let text = yoy(&["text", &path], &[]).stdout;
        let o = yoy(&["extract", &path], &[]);
        assert!(o.status.success(), "{f}: {}", stderr(&o));
        let out = String::from_utf8(o.stdout).unwrap();
        let mut r = csv::Reader::from_reader(out.as_bytes());
        let mut n = 0;
        for rec in r.records() {
            let rec = rec.unwrap();
            let (s, e): (usize, usize) = (rec[2].parse().unwrap(), rec[3].parse().unwrap());
            assert_eq!(&text[s..e], rec[4].as_bytes(), "{f}: {}", &rec[4]);
            n += 1;
        }
        assert!(n > 10, "{f}: {n} figures");
    }
}

/// A file, what its refusal must say, and the environment to run it in.
type Refusal<'a> = (String, &'a str, Vec<(&'a str, &'a str)>);

#[test]
fn what_is_not_a_document_is_refused_naming_the_file() {
    let dir = tmp("refused");
    let old_doc = dir.join("old.doc");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 504));
    std::fs::write(&old_doc, &ole).unwrap();
    let mut cases: Vec<Refusal> = vec![
        (
            format!("{FIXTURES}/random.bin"),
            "not a text document",
            vec![],
        ),
        (old_doc.display().to_string(), "save it as .docx", vec![]),
        (
            format!("{FIXTURES}/cid_font.pdf"),
            "install poppler-utils",
            vec![("YOY_PDFTOTEXT", "/no/such/pdftotext")],
        ),
    ];
    if have_pdftotext() {
        cases.push((format!("{FIXTURES}/scanned.pdf"), "no text layer", vec![]));
    }
    for (path, says, env) in &cases {
        for cmd in ["extract", "text"] {
            let o = yoy(&[cmd, path], env);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{cmd} {path}: {err}");
            let name = Path::new(path).file_name().unwrap().to_str().unwrap();
            assert!(
                err.contains(name) && err.contains(says),
                "{cmd} {path}: {err}"
            );
            assert!(!err.contains("panicked"), "{err}");
        }
    }
    // Random bytes named .txt are no more text than as .bin.
    let txt = dir.join("noise.txt");
    std::fs::copy(format!("{FIXTURES}/random.bin"), &txt).unwrap();
    let o = yoy(&["extract", txt.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// A folder without a manifest takes the formats by extension.
#[test]
fn a_folder_takes_the_formats() {
    let dir = tmp("folder");
    for f in ["numbered.docx", "tasks.xlsx", "portal_gbk.html"] {
        std::fs::copy(Path::new(FIXTURES).join(f), dir.join(f)).unwrap();
    }
    let o = yoy(&["extract", dir.to_str().unwrap()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    for f in ["numbered.docx", "tasks.xlsx", "portal_gbk.html"] {
        assert!(out.lines().any(|l| l.starts_with(&format!("{f},"))), "{f}");
    }
}

/// Big5 (a web page declaring it; characters Big5 lacks written as
/// numeric references, as an encoder does) and UTF-16 without a BOM are
/// decoded as what they are.
#[test]
fn legacy_encodings_give_the_seed_figures() {
    let seed = "001_a9bf2c6de2e6aed3.txt";
    let src = std::fs::read_to_string(Path::new("seeds").join(seed)).unwrap();
    let dir = tmp("legacy");
    let body: String = src
        .split("\n\n")
        .map(|p| format!("<p>{}</p>\n", p.trim()))
        .collect();
    let page = format!("<html><head><meta charset=\"big5\"></head><body>{body}</body></html>");
    let big5: Vec<u8> = page
        .chars()
        .flat_map(|c| {
            let s = c.to_string();
            let (b, _, bad) = encoding_rs::BIG5.encode(&s);
            if bad {
                format!("&#{};", c as u32).into_bytes()
            } else {
                b.into_owned()
            }
        })
        .collect();
    let utf16: Vec<u8> = src.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let (seed_figs, _) = figures(&Path::new("seeds").join(seed), seed);
    for (name, bytes) in [("big5.html", big5), ("utf16.txt", utf16)] {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let (f, _) = figures(&p, seed);
        assert_eq!(f, seed_figs, "{name}");
    }
}
