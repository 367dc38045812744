//! `cargo bench`: the hot stages on the seeds — numeral parsing, scanning,
//! normalisation, and extraction of one whole document.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use yoy::corpus;
use yoy::extract::extract_document;
use yoy::figures::scan;
use yoy::lexicon::Lexicon;
use yoy::numbers::parse_numeral;
use yoy::text::normalize;

fn stages(c: &mut Criterion) {
    let lx = Lexicon::load(None).unwrap();
    let docs = corpus::load(&[PathBuf::from("seeds")], true)
        .unwrap()
        .documents;
    let doc = docs
        .iter()
        .find(|d| d.id.starts_with("002"))
        .unwrap()
        .clone();
    let text = doc.text.clone();
    let norm = normalize(&text);

    let numerals = [
        "一百二十",
        "三万四千五百六十七",
        "4.78万亿",
        "一千一百一十一万一千一百一十一",
        "二〇二三",
        "3万4000",
    ];
    let mut g = c.benchmark_group("numbers");
    g.throughput(Throughput::Elements(numerals.len() as u64));
    g.bench_function("parse_numeral", |b| {
        b.iter(|| {
            numerals
                .iter()
                .filter_map(|s| parse_numeral(black_box(s)))
                .sum::<f64>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("document");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("normalize", |b| b.iter(|| normalize(black_box(&text))));
    g.bench_function("scan", |b| b.iter(|| scan(black_box(&norm.text), &lx)));
    g.bench_function("extract_document", |b| {
        b.iter(|| extract_document(black_box(doc.clone()), &lx))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
