//! Web pages: takes an HTML page (as saved from a government portal), gives
//! the text of its body: one line per block, table rows as lines with
//! cells separated by tabs, scripts and styles dropped.
//!
//! What is not the body is kept out by structure, not by one site's class
//! names: `<nav>`, `<header>`, `<footer>`, `<aside>` and forms; when the
//! page marks its body with `<article>` or `<main>`, only that (and the
//! title); and any block whose text is mostly link text (menus,
//! breadcrumbs, lists of related articles). The charset comes from the
//! page's meta tag (`meta_charset`).

use crate::text::{decode_entity, is_cjk, read_tag};

/// Elements that frame a page rather than say anything.
const CHROME: &[&str] = &["nav", "header", "footer", "aside", "form", "menu"];

/// Elements whose content is not text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "select", "svg", "iframe", "object",
];

/// A block's text counts as navigation when links make up more than this
/// share of its letters and digits.
const MAX_LINK_SHARE: f64 = 0.5;

/// The encoding a page's `<meta charset=…>` or `<meta http-equiv=
/// "Content-Type" content="…; charset=…">` names, looked for in its
/// first 4 KB (ASCII in every encoding a page may declare). UTF-8 and
/// UTF-16 are left to the decoder.
pub fn meta_charset(raw: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head: Vec<u8> = raw[..raw.len().min(4096)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = find(&head[from..], b"<meta") {
        let tag_start = from + p;
        let tag_end = find(&head[tag_start..], b">").map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest
                .iter()
                .position(|&b| b != b' ' && b != b'=' && b != b'"' && b != b'\'')
                .map_or(&rest[rest.len()..], |s| &rest[s..]);
            let end = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                .unwrap_or(rest.len());
            let enc = encoding_rs::Encoding::for_label(&rest[..end])?;
            if enc == encoding_rs::UTF_8
                || enc == encoding_rs::UTF_16LE
                || enc == encoding_rs::UTF_16BE
            {
                return None;
            }
            return Some(enc);
        }
        from = tag_end;
    }
    None
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

/// The line being gathered: its text and how much of it is link text.
#[derive(Default)]
struct Line {
    text: String,
    chars: usize,
    link_chars: usize,
    /// A whitespace run is pending (written once the next character shows
    /// whether it separates anything).
    space: bool,
    space_newline: bool,
}

impl Line {
    fn push(&mut self, c: char, in_link: bool) {
        if c.is_whitespace() {
            if !self.text.is_empty() {
                self.space = true;
                self.space_newline |= c == '\n';
            }
            return;
        }
        if self.space {
            // CSS drops a line break between two East Asian characters.
            let prev = self.text.chars().next_back();
            let joins = self.space_newline && prev.is_some_and(wide) && wide(c);
            if !joins {
                self.text.push(' ');
            }
            self.space = false;
            self.space_newline = false;
        }
        self.text.push(c);
        // Words, not separators (首页 > 新闻 > 正文), weigh links against text.
        if c.is_alphanumeric() {
            self.chars += 1;
            if in_link {
                self.link_chars += 1;
            }
        }
    }

    fn cell_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\t') {
            self.text.push('\t');
        }
        self.space = false;
        self.space_newline = false;
    }

    /// Ends the line: written unless empty or mostly links.
    fn flush(&mut self, out: &mut String) {
        let line = std::mem::take(self);
        let text = line.text.trim_end_matches(['\t', ' ']);
        if line.chars == 0 || (line.link_chars as f64) > (line.chars as f64) * MAX_LINK_SHARE {
            return;
        }
        out.push_str(text);
        out.push('\n');
    }
}

fn wide(c: char) -> bool {
    is_cjk(c) || ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// Position just past the end tag `</name…>` in `s`, ASCII
/// case-insensitively, or the end of `s`.
fn past_end_tag(s: &str, name: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(p) = s[i..].find("</") {
        let at = i + p + 2;
        if b.len() >= at + name.len()
            && b[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return s[at..].find('>').map_or(s.len(), |e| at + e + 1);
        }
        i = at;
    }
    s.len()
}

/// The text of a page's body.
pub fn to_text(src: &str) -> String {
    let lower_has = |tag: &str| {
        let b = src.as_bytes();
        let t = tag.as_bytes();
        b.windows(t.len()).any(|w| w.eq_ignore_ascii_case(t))
    };
    // A page that marks its body keeps only that.
    let marked = lower_has("<article") || lower_has("<main");
    let mut out = String::with_capacity(src.len() / 2);
    let mut line = Line::default();
    let mut chrome: Vec<String> = Vec::new();
    let (mut body_depth, mut in_title, mut links) = (0usize, false, 0usize);
    let mut i = 0;
    while i < src.len() {
        let rest = &src[i..];
        let Some(c) = rest.chars().next() else { break };
        if c == '<' {
            if let Some((name, closing, len)) = read_tag(rest) {
                let self_closing = rest[..len].ends_with("/>");
                if !closing && SKIP.contains(&name.as_str()) && !self_closing {
                    i += len + past_end_tag(&rest[len..], &name);
                    continue;
                }
                if crate::text::BLOCK_TAGS.contains(&name.as_str()) {
                    line.flush(&mut out);
                } else if matches!(name.as_str(), "td" | "th") {
                    line.cell_break();
                }
                match (name.as_str(), closing) {
                    // An article's own <header>/<footer> (its title, its byline)
                    // belongs to it.
                    ("header" | "footer", false) if body_depth > 0 => {}
                    (n, false) if CHROME.contains(&n) && !self_closing => {
                        chrome.push(n.to_string())
                    }
                    (n, true) if CHROME.contains(&n) => {
                        if let Some(p) = chrome.iter().rposition(|x| x == n) {
                            chrome.truncate(p);
                        }
                    }
                    ("article" | "main", false) => body_depth += 1,
                    ("article" | "main", true) => body_depth = body_depth.saturating_sub(1),
                    ("title", c) => in_title = !c,
                    ("a", false) if !self_closing => links += 1,
                    ("a", true) => links = links.saturating_sub(1),
                    _ => {}
                }
                i += len;
                continue;
            }
        }
        let (ch, len) = if c == '&' {
            decode_entity(rest).unwrap_or((c, 1))
        } else {
            (c, c.len_utf8())
        };
        let keep = in_title || (chrome.is_empty() && (!marked || body_depth > 0));
        if keep {
            line.push(if ch == '\u{00A0}' { ' ' } else { ch }, links > 0);
        }
        i += len;
    }
    line.flush(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_body_without_chrome() {
        let page = r#"<html><head><meta charset="gbk"><title>青岛要闻</title><script>var a="<p>1个</p>";</script></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/b">2024年计划</a></li></ul></nav>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/n">新闻</a> &gt; 正文</div>
<p>全市新增托位
6000个以上,完成率100%。</p>
<table><tr><th>指标</th><th>目标</th></tr><tr><td>新增就业</td><td>35万人</td></tr></table>
<ul><li><a href="/1">相关:新建学校30所</a></li></ul>
<div class="foot">版权所有 <a href="/m">网站地图</a></div><footer>联系电话 12345</footer></body></html>"#;
        assert_eq!(
            to_text(page),
            "青岛要闻\n全市新增托位 6000个以上,完成率100%。\n指标\t目标\n新增就业\t35万人\n版权所有 网站地图\n"
        );
        assert_eq!(meta_charset(page.as_bytes()).map(|e| e.name()), Some("GBK"));
        let legacy = br#"<meta http-equiv="Content-Type" content="text/html; charset=big5">"#;
        assert_eq!(meta_charset(legacy).map(|e| e.name()), Some("Big5"));
        assert_eq!(meta_charset(b"<meta charset='utf-8'>"), None);
    }

    #[test]
    fn a_marked_body_is_all_that_is_read() {
        let page = "<body><div>菜单 全市100个</div><article><p>新增就业35万人。</p></article><div>备案号 123</div></body>";
        assert_eq!(to_text(page), "新增就业35万人。\n");
        let page = "<body><header>网站 2024</header><article><header><h1>2024年青岛15件市办实事</h1></header><p>新增就业35万人。</p></article></body>";
        assert_eq!(to_text(page), "2024年青岛15件市办实事\n新增就业35万人。\n");
    }
}
