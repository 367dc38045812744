//! Property tests, also the fuzz targets run by scripts/fuzz.sh with a large
//! case count: numerals round-trip, spans stay on character boundaries and
//! inside the document, and extraction of any text never panics and quotes
//! exactly what its offsets say. Failing cases are saved under
//! tests/properties.proptest-regressions and replayed first.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::path::PathBuf;
use yoy::corpus::{DocKind, Document, Meta};
use yoy::extract::extract_document;
use yoy::figures::scan;
use yoy::lexicon::Lexicon;
use yoy::numbers::{format_chinese, parse_numeral, read_number, Form};
use yoy::text::normalize;

/// Pieces planning documents are made of, hostile ones included.
const VOCAB: &[&str] = &[
    "\u{200b}",
    "\u{200f}",
    "\u{2009}",
    "\u{fe0f}\u{20e3}",
    "\r",
    "新增",
    "托位",
    "城镇新增就业",
    "万",
    "亿",
    "千",
    "百",
    "十",
    "第",
    "件",
    "年",
    "月",
    "日",
    "约",
    "近",
    "超过",
    "以上",
    "左右",
    "余",
    "多",
    "分别",
    "达到",
    "由",
    "提高至",
    "从",
    "到",
    "至",
    "、",
    ",",
    "，",
    "。",
    ";",
    ":",
    "“",
    "”",
    "\"",
    "(",
    ")",
    "(",
    ")",
    "〔",
    "〕",
    "《",
    "》",
    "<b>",
    "</p>",
    "<script>x</script>",
    "&amp;",
    "&#",
    "&lt;",
    "\n",
    "\r\n",
    "\n\n",
    "●",
    "**",
    "## ",
    "一、",
    "(一)",
    "1.",
    "号线",
    "届",
    "级",
    "岁",
    "PM",
    "G",
    "+N",
    "+",
    "—",
    "-",
    "~",
    "%",
    "％",
    "个",
    "人",
    "元",
    "亿元",
    "平方米",
    "公里",
    "三",
    "两",
    "廿",
    "零",
    "〇",
    "点",
    "0",
    "1",
    "2",
    "5",
    "9",
    "12",
    "2023",
    "2024",
    "35",
    ".",
    "1,500",
    "３",
    "５",
    "　",
    " ",
    "\t",
    "负",
    "−",
    "分之",
    "/",
    "又",
    "几",
    "来",
    "‰",
    "兆",
    "兆瓦",
    "  ",
    "e",
    "^",
];

/// Every kind of piece the numeral grammar knows, and a few it does not.
const NUMERAL_SOUP: &[&str] = &[
    "零",
    "一",
    "两",
    "三",
    "九",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "兆",
    "廿",
    "点",
    "几",
    "多",
    "余",
    "来",
    "负",
    "-",
    "−",
    "分之",
    "/",
    "又",
    "百分之",
    "千分之",
    "0",
    "1",
    "5",
    "9",
    ".",
    ",",
    "e",
    "E",
    "^",
    "+",
    " ",
    "  ",
    "个",
    "年",
    "%",
    "‰",
    "之",
    "分",
];

/// Characters that carry no text, as copied from web pages and chats.
const INVISIBLE: &[&str] = &[
    "\u{200b}", "\u{200c}", "\u{200d}", "\u{200e}", "\u{200f}", "\u{2060}", "\u{feff}", "\u{00ad}",
    "\u{202a}", "\u{202c}", "\u{2066}", "\u{2069}", "\u{fe0f}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(VOCAB), 0..120).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

fn lx() -> &'static Lexicon {
    use std::sync::OnceLock;
    static LX: OnceLock<Lexicon> = OnceLock::new();
    LX.get_or_init(|| Lexicon::load(None).unwrap())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn chinese_numerals_round_trip(n in 0u64..10_000_000_000_000u64) {
        let s = format_chinese(n);
        prop_assert_eq!(parse_numeral(&s), Some(n as f64), "{}", s);
    }

    #[test]
    fn arabic_numbers_round_trip(n in 0u64..1_000_000_000_000_000u64, wan in any::<bool>()) {
        let s = if wan { format!("{n}万") } else { n.to_string() };
        let t = read_number(&s, 0).unwrap();
        let want = if wan { n as f64 * 1e4 } else { n as f64 };
        prop_assert!((t.value - want).abs() <= want * 1e-12, "{} → {}", s, t.value);
        prop_assert_eq!(t.end, s.len());
    }

    #[test]
    fn negative_numbers_keep_their_sign(n in 1u64..10_000_000_000u64, frac in 0u32..100, sign in 0usize..4) {
        let signs = ["负", "負", "-", "−"];
        let s = format!("{}{}", signs[sign], format_chinese(n));
        prop_assert_eq!(parse_numeral(&s), Some(-(n as f64)), "{}", s);
        let a = format!("{}{n}.{frac:02}", signs[sign]);
        let t = read_number(&a, 0).unwrap();
        let want = -(n as f64 + frac as f64 / 100.0);
        prop_assert!((t.value - want).abs() <= want.abs() * 1e-12, "{} → {}", a, t.value);
        prop_assert_eq!(t.end, a.len());
        prop_assert!(t.negative);
    }

    #[test]
    fn fractions_read_as_ratios(num in 1u64..100_000u64, den in 1u64..100_000u64, whole in 0u64..100) {
        let want = num as f64 / den as f64;
        let close = |v: f64, w: f64| (v - w).abs() <= w.abs().max(1.0) * 1e-12;
        let cn = format!("{}分之{}", format_chinese(den), format_chinese(num));
        let t = read_number(&cn, 0).unwrap();
        prop_assert!(close(t.value, want) && t.end == cn.len() && t.form == Form::Fraction, "{} → {:?}", cn, t);
        let ar = format!("{num}/{den}");
        let t = read_number(&ar, 0).unwrap();
        prop_assert!(close(t.value, want) && t.end == ar.len() && t.form == Form::Fraction, "{} → {:?}", ar, t);
        if whole > 0 {
            let mixed = format!("{}又{}", format_chinese(whole), cn);
            let t = read_number(&mixed, 0).unwrap();
            prop_assert!(close(t.value, whole as f64 + want), "{} → {}", mixed, t.value);
        }
    }

    #[test]
    fn invisible_characters_and_digit_groups_keep_the_value(
        n in 1u64..1_000_000_000_000u64,
        marks in prop::collection::vec((0usize..16, prop::sample::select(INVISIBLE)), 0..4),
        sep in prop::sample::select(&[" ", "\u{2009}", "\u{202f}", "\u{a0}"][..]),
    ) {
        // The figure as written plainly, with invisible characters between
        // any of its characters, and in digit groups.
        let plain = format!("新增{n}个。");
        let want: Vec<f64> = scan(&normalize(&plain).text, lx()).iter().map(|m| m.value).collect();
        let mut chars: Vec<String> = plain.chars().map(String::from).collect();
        for (at, mark) in &marks {
            let k = 1 + at % (chars.len() - 1);
            chars[k] = format!("{mark}{}", chars[k]);
        }
        let marked = chars.concat();
        let digits = n.to_string();
        let lead = match digits.len() % 3 { 0 => 3, r => r };
        let mut grouped = digits[..lead].to_string();
        for g in digits.as_bytes()[lead..].chunks(3) {
            grouped.push_str(sep);
            grouped.push_str(std::str::from_utf8(g).unwrap());
        }
        for text in [marked, format!("新增{grouped}个。")] {
            let norm = normalize(&text);
            let ms = scan(&norm.text, lx());
            let got: Vec<f64> = ms.iter().map(|m| m.value).collect();
            prop_assert_eq!(&got, &want, "{:?}", text);
            // The span still covers the whole figure in the source.
            let (a, b) = norm.source_span(ms[0].start, ms[0].end);
            prop_assert!(text[a..b].ends_with('个'), "{:?}", &text[a..b]);
        }
    }

    #[test]
    fn spaced_numerals_read_as_one(n in 1u64..100_000_000u64, every in 1usize..4, wan in 1u64..10_000) {
        // Spaces around every place character, as PDF text has them.
        let s = format_chinese(n);
        let mut spaced = String::new();
        for (k, c) in s.chars().enumerate() {
            let place = matches!(c, '十' | '百' | '千' | '万' | '亿');
            if k > 0 && place && k % every == 0 {
                spaced.push(' ');
            }
            spaced.push(c);
        }
        let t = read_number(&spaced, 0).unwrap();
        prop_assert_eq!(t.value, n as f64, "{:?}", spaced);
        prop_assert_eq!(t.end, spaced.len(), "{:?}", spaced);
        let a = format!("{wan} 万");
        let t = read_number(&a, 0).unwrap();
        prop_assert_eq!(t.value, wan as f64 * 1e4);
        // Two numbers side by side stay two.
        let two = format!("{wan} {n}");
        let t = read_number(&two, 0).unwrap();
        prop_assert_eq!(t.value, wan as f64);
    }

    #[test]
    fn numeral_soup_never_panics(parts in prop::collection::vec(prop::sample::select(NUMERAL_SOUP), 0..24)) {
        // Any mix of the grammar's words: parsing may refuse, never panic,
        // and a token read anywhere stays inside the text.
        let s = parts.concat();
        let _ = parse_numeral(&s);
        for (i, _) in s.char_indices() {
            if let Some(t) = read_number(&s, i) {
                prop_assert!(t.start == i && t.end <= s.len() && s.is_char_boundary(t.end));
                prop_assert!(t.value.is_finite(), "{:?} → {}", s, t.value);
            }
        }
    }

    #[test]
    fn scan_spans_are_valid(s in text()) {
        let n = normalize(&s);
        for m in scan(&n.text, lx()) {
            prop_assert!(m.start <= m.end && m.end <= n.text.len());
            prop_assert!(n.text.is_char_boundary(m.start) && n.text.is_char_boundary(m.end));
            let (a, b) = n.source_span(m.start, m.end);
            prop_assert!(a <= b && b <= s.len(), "{}..{} of {}", a, b, s.len());
            prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        }
    }

    #[test]
    fn extraction_quotes_its_offsets(s in text()) {
        let doc = Document {
            id: "p.txt".into(),
            path: PathBuf::from("p.txt"),
            meta: Meta { title: String::new(), region: "x".into(), region_code: String::new(), kind: DocKind::Other, year: Some(2024), published: None, inferred: vec![] },
            text: s.clone(),
            encoding: "UTF-8",
        };
        let d = extract_document(doc, lx());
        for f in &d.figures {
            prop_assert_eq!(s.get(f.start..f.end), Some(f.quote.as_str()));
            // The page shows this sentence around the figure: it must hold
            // the figure and be a slice of the text.
            prop_assert!(f.sentence_start <= f.start && f.end <= f.sentence_end,
                "sentence {}..{} around {}..{}", f.sentence_start, f.sentence_end, f.start, f.end);
            prop_assert!(s.get(f.sentence_start..f.sentence_end).is_some());
            prop_assert!(f.line >= 1);
        }
    }
}

/// Inputs that once broke something, or nearly: each must extract cleanly.
#[test]
fn fuzz_corpus_regressions() {
    let mut n = 0;
    for entry in std::fs::read_dir("tests/fixtures/fuzz").unwrap() {
        let p = entry.unwrap().path();
        let raw = std::fs::read(&p).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let doc = Document {
            id: p.file_name().unwrap().to_string_lossy().into_owned(),
            path: p.clone(),
            meta: Meta {
                title: String::new(),
                region: "x".into(),
                region_code: String::new(),
                kind: DocKind::Other,
                year: Some(2024),
                published: None,
                inferred: vec![],
            },
            text: text.clone(),
            encoding: "UTF-8",
        };
        let d = extract_document(doc, lx());
        for f in &d.figures {
            assert_eq!(
                text.get(f.start..f.end),
                Some(f.quote.as_str()),
                "{}",
                p.display()
            );
        }
        n += 1;
    }
    assert!(n >= 10);
}
