//! DOCX: takes a Word document (zip + XML; WPS writes the same), gives its
//! text: paragraphs in order, one per line; a table row by row, cells
//! separated by tabs; and the numbers of Word's automatic lists (一、
//! （一） 1.) rebuilt from `numbering.xml` and written before their
//! paragraph, so the numbering checks see the numbers a reader sees.

use super::{ReadError, Text};
use crate::numbers::format_number;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One level of a list: how its number is written.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    /// "%1、", "（%2）", "%1.%2.": `%n` is level n's number.
    text: String,
}

/// The lists of a document: numId → levels (from its abstract list,
/// with level start overrides applied).
#[derive(Debug, Default)]
struct Numbering {
    lists: HashMap<String, Vec<Option<Level>>>,
}

/// The `w:val` (or any prefix's `val`) attribute of an element.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.into_owned())
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

fn parse_numbering(xml: &str) -> Numbering {
    let mut abstracts: HashMap<String, Vec<Option<Level>>> = HashMap::new();
    let mut nums: HashMap<String, (String, Vec<(usize, u32)>)> = HashMap::new();
    let mut r = Reader::from_str(xml);
    let (mut cur_abs, mut cur_num): (Option<String>, Option<String>) = (None, None);
    let mut lvl: Option<(usize, Level)> = None;
    let mut override_lvl: Option<usize> = None;
    loop {
        let (e, empty) = match r.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(a), Some((i, l))) = (&cur_abs, lvl.take()) {
                            let v = abstracts.entry(a.clone()).or_default();
                            if v.len() <= i {
                                v.resize(i + 1, None);
                            }
                            v[i] = Some(l);
                        }
                    }
                    "abstractNum" => cur_abs = None,
                    "num" => cur_num = None,
                    "lvlOverride" => override_lvl = None,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match local(&e).as_str() {
            "abstractNum" => cur_abs = attr(&e, "abstractNumId"),
            "num" => {
                cur_num = attr(&e, "numId");
                if let Some(n) = &cur_num {
                    nums.insert(n.clone(), (String::new(), Vec::new()));
                }
            }
            "abstractNumId" => {
                if let (Some(n), Some(v)) = (&cur_num, val(&e)) {
                    if let Some(x) = nums.get_mut(n) {
                        x.0 = v;
                    }
                }
            }
            "lvlOverride" => override_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
            "startOverride" => {
                if let (Some(n), Some(i), Some(v)) = (&cur_num, override_lvl, val(&e)) {
                    if let (Some(x), Ok(s)) = (nums.get_mut(n), v.parse()) {
                        x.1.push((i, s));
                    }
                }
            }
            "lvl" if cur_abs.is_some() && !empty => {
                let i = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                lvl = Some((
                    i,
                    Level {
                        start: 1,
                        format: "decimal".into(),
                        text: String::new(),
                    },
                ));
            }
            "start" => {
                if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val(&e)) {
                    l.start = v.parse().unwrap_or(1);
                }
            }
            "numFmt" => {
                if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val(&e)) {
                    l.format = v;
                }
            }
            "lvlText" => {
                if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val(&e)) {
                    l.text = v;
                }
            }
            _ => {}
        }
    }
    let mut lists = HashMap::new();
    for (num, (abs, overrides)) in nums {
        let mut levels = abstracts.get(&abs).cloned().unwrap_or_default();
        for (i, s) in overrides {
            if let Some(Some(l)) = levels.get_mut(i) {
                l.start = s;
            }
        }
        lists.insert(num, levels);
    }
    Numbering { lists }
}

/// Paragraph styles that carry a list (numId, level).
fn parse_styles(xml: &str) -> HashMap<String, (String, usize)> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut style: Option<String> = None;
    let (mut num, mut ilvl): (Option<String>, usize) = (None, 0);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match local(&e).as_str() {
                "style" => {
                    style = attr(&e, "styleId");
                    num = None;
                    ilvl = 0;
                }
                "numId" => num = val(&e),
                "ilvl" => ilvl = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                if let (Some(s), Some(n)) = (style.take(), num.take()) {
                    out.insert(s, (n, ilvl));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Counters of the lists met so far, to number each item.
#[derive(Default)]
struct Counters {
    by_list: HashMap<String, Vec<u32>>,
}

impl Counters {
    /// The number label of the next item of `list` at `level` ("二、").
    fn label(&mut self, numbering: &Numbering, list: &str, level: usize) -> Option<String> {
        let levels = numbering.lists.get(list)?;
        let this = levels.get(level)?.as_ref()?;
        let counts = self
            .by_list
            .entry(list.to_string())
            .or_insert_with(|| vec![0; levels.len()]);
        if counts.len() < levels.len() {
            counts.resize(levels.len(), 0);
        }
        counts[level] = if counts[level] == 0 {
            this.start
        } else {
            counts[level] + 1
        };
        // A new item restarts the levels below it.
        for c in counts.iter_mut().skip(level + 1) {
            *c = 0;
        }
        if this.format == "bullet" {
            return Some(crate::marks::BULLETS[0].to_string());
        }
        let mut s = this.text.clone();
        for (i, l) in levels.iter().enumerate().take(level + 1) {
            let key = format!("%{}", i + 1);
            if s.contains(&key) {
                let n = match counts[i] {
                    0 => l.as_ref().map_or(1, |l| l.start),
                    n => n,
                };
                let f = l.as_ref().map_or("decimal", |l| l.format.as_str());
                s = s.replace(&key, &format_number(n, f));
            }
        }
        Some(s)
    }
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).ok()?;
    Some(s)
}

/// Reads a .docx (or a WPS document saved in the same format).
pub fn read(path: &Path, raw: &[u8]) -> Result<Text, ReadError> {
    let broken = |msg: String| ReadError::Broken {
        path: path.to_path_buf(),
        format: "DOCX",
        msg,
    };
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(raw)).map_err(|e| broken(e.to_string()))?;
    let doc = part(&mut zip, "word/document.xml")
        .ok_or_else(|| broken("no readable word/document.xml".into()))?;
    let numbering = part(&mut zip, "word/numbering.xml")
        .map(|x| parse_numbering(&x))
        .unwrap_or_default();
    let styles = part(&mut zip, "word/styles.xml")
        .map(|x| parse_styles(&x))
        .unwrap_or_default();
    let text = body_text(&doc, &numbering, &styles).map_err(broken)?;
    Ok(Text {
        text,
        encoding: "DOCX",
    })
}

/// The paragraph being read: its text and list membership.
#[derive(Default)]
struct Para {
    text: String,
    num: Option<String>,
    ilvl: usize,
    style: Option<String>,
}

fn body_text(
    xml: &str,
    numbering: &Numbering,
    styles: &HashMap<String, (String, usize)>,
) -> Result<String, String> {
    let mut r = Reader::from_str(xml);
    let mut out = String::new();
    let mut counters = Counters::default();
    let mut para: Option<Para> = None;
    // Cells of the rows being read (tables nest: one entry per open row).
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_text = false;
    // Deleted text (tracked changes) and field instructions are not read.
    let mut skip = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| e.to_string())?;
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let name = local(&e);
                match name.as_str() {
                    "del" | "instrText" | "delText" if !empty => skip += 1,
                    "p" => {
                        para = Some(Para::default());
                        if empty {
                            finish_para(
                                para.take(),
                                numbering,
                                styles,
                                &mut counters,
                                &mut rows,
                                &mut out,
                            );
                        }
                    }
                    "pStyle" => {
                        if let Some(p) = para.as_mut() {
                            p.style = val(&e);
                        }
                    }
                    "numId" => {
                        if let Some(p) = para.as_mut() {
                            p.num = val(&e);
                        }
                    }
                    "ilvl" => {
                        if let Some(p) = para.as_mut() {
                            p.ilvl = val(&e).and_then(|v| v.parse().ok()).unwrap_or(0);
                        }
                    }
                    "t" if !empty => in_text = true,
                    "tab" if skip == 0 => {
                        if let Some(p) = para.as_mut() {
                            p.text.push('\t');
                        }
                    }
                    "br" | "cr" if skip == 0 => {
                        if let Some(p) = para.as_mut() {
                            p.text.push('\n');
                        }
                    }
                    "tr" if !empty => rows.push(Vec::new()),
                    "tc" if !empty => {
                        if let Some(row) = rows.last_mut() {
                            row.push(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_text && skip == 0 => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*g {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let (Some(p), Some(c)) = (para.as_mut(), c) {
                    p.text.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "del" | "instrText" | "delText" => skip = skip.saturating_sub(1),
                "t" => in_text = false,
                "p" => finish_para(
                    para.take(),
                    numbering,
                    styles,
                    &mut counters,
                    &mut rows,
                    &mut out,
                ),
                "tr" => {
                    if let Some(cells) = rows.pop() {
                        let line = cells
                            .iter()
                            .map(|c| c.trim())
                            .collect::<Vec<_>>()
                            .join("\t");
                        match rows.last_mut().and_then(|r| r.last_mut()) {
                            // A table inside a cell: its rows go into the cell.
                            Some(cell) => {
                                cell.push(' ');
                                cell.push_str(&line);
                            }
                            None => {
                                out.push_str(&line);
                                out.push('\n');
                            }
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Writes a finished paragraph: into the open table cell, or as a line.
fn finish_para(
    para: Option<Para>,
    numbering: &Numbering,
    styles: &HashMap<String, (String, usize)>,
    counters: &mut Counters,
    rows: &mut [Vec<String>],
    out: &mut String,
) {
    let Some(p) = para else { return };
    let list = match (&p.num, &p.style) {
        (Some(n), _) => Some((n.clone(), p.ilvl)),
        (None, Some(s)) => styles.get(s).cloned(),
        _ => None,
    };
    // numId 0 switches numbering off for the paragraph.
    let label = list
        .filter(|(n, _)| n != "0")
        .and_then(|(n, l)| counters.label(numbering, &n, l));
    let mut text = String::new();
    if let Some(l) = label {
        text.push_str(&l);
    }
    text.push_str(&p.text);
    if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(text.trim());
    } else {
        out.push_str(&text);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="3">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;

    fn p(lvl: Option<usize>, t: &str) -> String {
        let num = lvl.map_or(String::new(), |l| {
            format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="7"/></w:numPr></w:pPr>"#
            )
        });
        format!("<w:p>{num}<w:r><w:t>{t}</w:t></w:r></w:p>")
    }

    #[test]
    fn rebuilds_list_numbers_and_reads_tables() {
        let n = parse_numbering(NUMBERING);
        let body = [
            p(Some(0), "目标"),
            p(Some(1), "就业"),
            p(Some(2), "新增就业35万人。"),
            p(Some(2), "扶持创业3万人。"),
            p(Some(1), "教育"),
            p(Some(2), "新建学校30所。"),
            p(Some(0), "措施"),
            p(None, "正文&amp;说明"),
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>目标</w:t></w:r></w:p></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>新增托位</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>6000个</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                .to_string(),
        ]
        .concat();
        let xml = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        let t = body_text(&xml, &n, &HashMap::new()).unwrap();
        assert_eq!(
            t,
            "一、目标\n（一）就业\n1.新增就业35万人。\n2.扶持创业3万人。\n（二）教育\n1.新建学校30所。\n二、措施\n正文&说明\n指标\t目标\n新增托位\t6000个\n"
        );
        // A list carried by a paragraph style, its start overridden.
        let styles = parse_styles(
            r#"<w:styles xmlns:w="w"><w:style w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="8"/></w:numPr></w:pPr></w:style></w:styles>"#,
        );
        let n = parse_numbering(&NUMBERING.replace(
            "</w:numbering>",
            r#"<w:num w:numId="8"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num></w:numbering>"#,
        ));
        let xml = r#"<w:document xmlns:w="w"><w:body><w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr><w:r><w:t>改革</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(body_text(xml, &n, &styles).unwrap(), "三、改革\n");
    }
}
