//! report.xlsx read back with an independent reader (calamine): its sheets,
//! every row of the CSV files, numbers stored as numbers, the sources
//! beside the comparison's figures, and (from the sheet XML) the frozen
//! header, the filter and the flags' conditional formats.

use calamine::{open_workbook, Data, Reader, Xlsx};
use std::io::Read;
use std::path::Path;
use std::process::Command;

fn records(path: &Path) -> usize {
    csv::Reader::from_path(path).unwrap().records().count()
}

fn sheet_xml(path: &Path, n: usize) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{n}.xml"))
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn report_xlsx_holds_every_row_with_numbers_as_numbers() {
    let dir = std::env::temp_dir().join(format!("yoy-xlsx-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["report", "--out", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = dir.join("report.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    // Chinese by default: the sheet names come from data/messages.toml.
    assert_eq!(
        wb.sheet_names(),
        ["审计对照", "对照", "发现", "数字", "文件"]
    );
    for (sheet, file) in [
        ("对照", "comparison.csv"),
        ("发现", "findings.csv"),
        ("数字", "facts.csv"),
    ] {
        let range = wb.worksheet_range(sheet).unwrap();
        assert_eq!(
            range.height() - 1,
            records(&dir.join(file)),
            "{sheet} against {file}"
        );
        assert!(range.height() > 40, "{sheet}: {}", range.height());
    }
    let docs = wb.worksheet_range("文件").unwrap();
    assert_eq!(docs.height() - 1, 5);

    // Numbers are numbers, texts are texts; each figure has its source.
    let cmp = wb.worksheet_range("对照").unwrap();
    let head: Vec<String> = cmp
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let row = cmp
        .rows()
        .find(|r| {
            r[col("metric")] == Data::String("urban_new_jobs".into())
                && r[col("to_kind")] == Data::String("actual".into())
        })
        .expect("the 2023 jobs attainment row");
    assert_eq!(row[col("from_value")], Data::Float(350000.0));
    assert_eq!(row[col("to_value")], Data::Float(368000.0));
    assert!(matches!(row[col("attainment_pct")], Data::Float(p) if (p - 105.1).abs() < 0.05));
    assert!(matches!(row[col("to_line")], Data::Float(l) if l > 0.0));
    assert!(
        row[col("to_quote")].to_string().contains("36.8万"),
        "{:?}",
        row[col("to_quote")]
    );
    assert!(matches!(row[col("region")], Data::String(_)));
    let facts = wb.worksheet_range("数字").unwrap();
    let fhead: Vec<String> = facts
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let v = fhead.iter().position(|h| h == "value").unwrap();
    assert!(facts.rows().skip(1).all(|r| matches!(r[v], Data::Float(_))));

    // The auditor's sheet: one row per metric and year chain, 2023's jobs
    // with its target, actual, attainment and next target on one row, and
    // each figure's source a link into report.html that opens it.
    let audit = wb.worksheet_range("审计对照").unwrap();
    let jobs: Vec<String> = audit
        .rows()
        .find(|r| {
            r[1].to_string().starts_with("城镇新增就业") && r[2].to_string().starts_with("2023")
        })
        .expect("the 2023 jobs row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        &jobs[3..6],
        ["35万人", "36.8万人", "✓ 完成 105.1%"],
        "{jobs:?}"
    );
    assert_eq!(jobs[7], "35万人", "{jobs:?}");
    assert!(audit.height() < cmp.height(), "fewer rows than pairs");
    let xml = sheet_xml(&path, 1);
    let rels = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut s = String::new();
        zip.by_name("xl/worksheets/_rels/sheet1.xml.rels")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(
        xml.contains("<hyperlink ") && xml.contains("location=\"src="),
        "no links"
    );
    assert!(rels.contains("Target=\"report.html\""), "{rels}");
    // The findings sheet: each id a link to the finding on the page.
    let xml3 = sheet_xml(&path, 3);
    assert!(
        xml3.contains("location=\"f-"),
        "finding ids link into the page"
    );
    let page = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(page.contains("#src="), "the page opens a #src= link");

    // Frozen header, filter and flag colours, as the sheet XML says.
    for n in 1..=5 {
        let xml = sheet_xml(&path, n);
        assert!(
            xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""),
            "sheet{n}: no frozen header"
        );
        assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet{n}: no filter");
    }
    let xml = sheet_xml(&path, 2);
    for flag in ["missed", "below_prior_actual"] {
        assert!(
            xml.contains(&format!("<formula>NOT(ISERROR(SEARCH(\"{flag}\"")),
            "{flag}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
