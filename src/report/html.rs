//! HTML: takes a `Report`, gives report.html — one self-contained page (no
//! network): the template in templates/report.html with the report's data
//! embedded as JSON. The page builds its DOM with textContent only, so
//! nothing from a document is ever parsed as HTML.

use super::{flag, Report};
use crate::figures::Role;
use crate::findings::Lang;
use serde_json::json;

const TEMPLATE: &str = include_str!("../../templates/report.html");

/// JSON safe to place inside a <script> element: no "<" can close it.
fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

pub fn render(r: &Report, lang: Lang) -> String {
    let docs: Vec<_> = r
        .docs
        .iter()
        .map(|d| {
            json!({
                "id": d.doc.id, "title": d.doc.meta.title, "region": d.doc.meta.region,
                "kind": d.doc.meta.kind.as_str(), "year": d.doc.meta.year, "text": d.doc.text,
            })
        })
        .collect();
    let facts: Vec<_> = r
        .figures
        .iter()
        .filter(|f| f.role == Role::Figure)
        .map(|f| {
            json!({
                "doc": f.doc, "line": f.line, "start": f.start, "end": f.end, "quote": f.quote,
                "value": f.value, "unit": f.unit, "qualifier": f.qualifier.as_str(), "year": f.year,
                "kind": f.kind.map(|k| k.as_str()), "metric": f.metric, "label": f.metric_label,
                "label_en": f.metric_en, "category": f.category, "region": f.region,
                "section": f.section, "item": f.item,
                "s0": f.sentence_start, "s1": f.sentence_end,
            })
        })
        .collect();
    let rows: Vec<_> = r
        .rows
        .iter()
        .map(|x| {
            json!({
                "region": x.region, "metric": x.metric, "label": x.label, "label_en": x.label_en,
                "category": x.category, "unit": x.unit, "comparison": x.comparison,
                "from_year": x.from_year, "from_kind": x.from_kind, "from_value": x.from_value,
                "from_q": x.from_qualifier, "to_year": x.to_year, "to_kind": x.to_kind,
                "to_value": x.to_value, "to_q": x.to_qualifier, "change": x.change,
                "change_pct": x.change_pct, "attainment_pct": x.attainment_pct,
                "flag": flag(x), "evidence": x.evidence.split(';').collect::<Vec<_>>(),
            })
        })
        .collect();
    let sides: Vec<_> = r
        .sides
        .iter()
        .filter(|s| s.known)
        .map(|s| {
            json!({
                "region": s.region, "metric": s.metric, "label": s.label, "label_en": s.label_en,
                "unit": s.unit, "year": s.year, "kind": s.kind.as_str(), "value": s.value,
            })
        })
        .collect();
    let findings: Vec<_> = r
        .findings
        .iter()
        .map(|f| {
            json!({
                "kind": f.kind.as_str(), "severity": f.severity.as_str(), "region": f.region,
                "metric": f.metric, "year": f.year, "message": f.message(lang),
                "evidence": f.evidence,
            })
        })
        .collect();
    let data = json!({
        "lang": match lang { Lang::Zh => "zh", Lang::En => "en" },
        "docs": docs, "facts": facts, "rows": rows, "sides": sides, "findings": findings,
        "skipped": r.skipped,
    });
    TEMPLATE
        .replace(
            "{{LANG}}",
            match lang {
                Lang::Zh => "zh-CN",
                Lang::En => "en",
            },
        )
        .replace("{{DATA}}", &script_json(&data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script() {
        let v = json!({"t": "</script><img src=x onerror=alert(1)>"});
        let s = script_json(&v);
        assert!(!s.contains("</"));
        assert!(!s.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
