//! Metrics: takes the figures of a document in their text and the
//! dictionary (data/metrics.toml), gives each figure a metric: a dictionary
//! id when a phrase names it, or an `auto:` key derived from its noun
//! phrase, so the same wording still joins across documents and years.
//!
//! The phrase is looked for first in the figure's own clause before it
//! (城镇新增就业35万人), then after it (完成473个老旧小区改造); a
//! distributive list (分别) uses the subject at the figure's position. The
//! longest phrase wins, then the nearest; `cues`/`not` words in the clause
//! and the metric's unit must agree.

use crate::figures::{clause_end, clause_start, Mention, Role};
use crate::lexicon::{Lexicon, Variant};
use crate::marks;

/// True for a dictionary metric's id; false for an `auto:` key or none.
pub fn is_dictionary(id: &str) -> bool {
    !id.is_empty() && !id.starts_with("auto:")
}

/// The metric a figure was given.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricRef {
    pub id: String,
    pub zh: String,
    pub en: String,
    pub category: String,
    /// False for `auto:` keys.
    pub known: bool,
}

/// A phrase occurrence in the document.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    metric: usize,
    chars: usize,
}

fn hits_in(lx: &Lexicon, text: &str, offset: usize) -> Vec<Hit> {
    let mut out: Vec<Hit> = lx
        .phrases
        .find_overlapping_iter(text)
        .map(|m| {
            let p = m.pattern().as_usize();
            Hit {
                start: offset + m.start(),
                end: offset + m.end(),
                metric: lx.phrase_metric[p],
                chars: lx.phrase_len[p],
            }
        })
        .collect();
    out.sort_by_key(|h| (h.start, h.end));
    out
}

fn metric_ref(lx: &Lexicon, i: usize) -> MetricRef {
    let m = &lx.metrics[i];
    MetricRef {
        id: m.id.clone(),
        zh: m.zh.clone(),
        en: m.en.clone(),
        category: m.category.clone(),
        known: true,
    }
}

/// True when the metric's cue words allow this clause.
fn cues_allow(lx: &Lexicon, metric: usize, clause: &str) -> bool {
    let m = &lx.metrics[metric];
    (m.cues.is_empty() || m.cues.iter().any(|c| clause.contains(c.as_str())))
        && !m.not.iter().any(|c| clause.contains(c.as_str()))
}

/// Best hit among `hits` for a figure, scored by phrase length, then
/// closeness to `anchor`. Metrics with cues beat the same-length phrase
/// without, because they are the more specific reading.
fn best(
    lx: &Lexicon,
    hits: &[Hit],
    clause: &str,
    unit: &str,
    anchor: usize,
    before: bool,
) -> Option<usize> {
    hits.iter()
        .filter(|h| cues_allow(lx, h.metric, clause))
        .filter(|h| lx.units_compatible(&lx.metrics[h.metric].unit, unit))
        .max_by_key(|h| {
            let dist = if before {
                anchor.saturating_sub(h.end)
            } else {
                h.start.saturating_sub(anchor)
            };
            let specific = !lx.metrics[h.metric].cues.is_empty();
            (
                h.chars,
                specific,
                std::cmp::Reverse(dist),
                std::cmp::Reverse(h.metric),
            )
        })
        .map(|h| h.metric)
}

/// The nearest hit that fits the clause and unit (for a subject carried
/// over from an earlier clause, nearness beats length).
fn best_nearest(lx: &Lexicon, hits: &[Hit], clause: &str, unit: &str) -> Option<usize> {
    hits.iter()
        .rev()
        .find(|h| {
            cues_allow(lx, h.metric, clause)
                && lx.units_compatible(&lx.metrics[h.metric].unit, unit)
        })
        .map(|h| h.metric)
}

/// Start of the sentence holding byte `pos`: after the last 。, ;, ! or ?
/// or line break before it.
fn sentence_start(text: &str, pos: usize) -> usize {
    text[..pos]
        .rfind(|c: char| c == '\n' || marks::ends_sentence(c))
        .map(|p| p + text[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0)
}

/// Derives an `auto:` key from a noun phrase: only letters kept, verbs and
/// fillers dropped, the part nearest the number kept.
pub fn auto_key(lx: &Lexicon, phrase: &str, before: bool) -> Option<String> {
    auto_key_keep(lx, phrase, before, 8)
}

fn auto_key_keep(lx: &Lexicon, phrase: &str, before: bool, keep: usize) -> Option<String> {
    // Bracketed asides ((上接第一版), (齐鲁号)) name nothing.
    let mut bare = String::with_capacity(phrase.len());
    let mut depth = 0;
    for c in phrase.chars() {
        match c {
            c if marks::OPEN_BRACKETS.contains(&c) => depth += 1,
            c if marks::CLOSE_BRACKETS.contains(&c) => depth = (depth - 1).max(0),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let letters: String = bare
        .chars()
        .filter(|c| crate::text::is_cjk(*c) || c.is_ascii_alphabetic())
        .collect();
    // Longest word first (新培育 before 培育), all in one pass.
    let s = lx
        .strip
        .replace_all(&letters, &vec![""; lx.strip.patterns_len()]);
    let chars: Vec<char> = s.chars().collect();
    // One or two characters (项目, 企业) name no metric: joining on them
    // would pair unrelated figures.
    if chars.len() < 3 {
        return None;
    }
    let kept: String = if before {
        chars[chars.len().saturating_sub(keep)..].iter().collect()
    } else {
        chars[..chars.len().min(keep)].iter().collect()
    };
    Some(kept)
}

/// A variant of a metric (data/metrics.toml `[variants]`): its id and
/// labels with the variant's.
fn variant_ref(r: MetricRef, v: &Variant) -> MetricRef {
    MetricRef {
        id: format!("{}{}", r.id, v.id),
        zh: format!("{}{}", r.zh, v.zh),
        en: if r.en.is_empty() {
            r.en
        } else {
            format!("{}{}", r.en, v.en)
        },
        category: r.category,
        known: r.known,
    }
}

/// The stock variant of a flow metric: 累计配置AED约2054台 is not this
/// year's 300台.
fn stock_ref(lx: &Lexicon, r: MetricRef) -> MetricRef {
    variant_ref(r, &lx.metric_variants.total)
}

/// The whole-period variant of a rate of change: 增长19.8% over five years
/// is not the 年均增长5% of a year.
pub fn cumulative_ref(lx: &Lexicon, r: MetricRef) -> MetricRef {
    variant_ref(r, &lx.metric_variants.cumulative)
}

fn auto_ref(key: String) -> MetricRef {
    MetricRef {
        id: format!("auto:{key}"),
        zh: key.clone(),
        en: String::new(),
        category: "unmapped".into(),
        known: false,
    }
}

/// Assigns a metric to every figure in `ms` (others get None).
pub fn assign(lx: &Lexicon, text: &str, ms: &[Mention], doc_id: &str) -> Vec<Option<MetricRef>> {
    let hits = hits_in(lx, text, 0);
    let mut out = Vec::with_capacity(ms.len());
    let mut prev_figure_end: Option<usize> = None;
    // End of the phrase a figure took from its right (10个市级示范片区):
    // the next figure must not take it again from its left.
    let mut consumed_until = 0usize;
    // The previous figure's phrase search start, start and end.
    let mut prev_level: Option<(usize, usize, usize)> = None;
    for (k, m) in ms.iter().enumerate() {
        if m.role != Role::Figure {
            out.push(None);
            continue;
        }
        let cs = clause_start(text, m.num_start);
        let ce = clause_end(text, m.end);
        let clause = &text[cs..ce.max(cs)];
        let left_start = prev_figure_end
            .filter(|&e| e > cs && e <= m.start)
            .unwrap_or(cs)
            .max(consumed_until.min(m.start));
        prev_figure_end = Some(m.end);

        // Distributive subject: its own phrase, or its own auto key.
        if let Some(subject) = &m.subject {
            let sh = hits_in(lx, subject, 0);
            let r = best(lx, &sh, clause, &m.unit, subject.len(), true)
                .map(|i| metric_ref(lx, i))
                .or_else(|| auto_key_keep(lx, subject, true, 16).map(auto_ref));
            // Subjects that share a dictionary metric would collapse into
            // one; keep them apart by their own wording.
            out.push(r);
            continue;
        }

        let lo = hits.partition_point(|h| h.start < left_start);
        let left: Vec<Hit> = hits[lo..]
            .iter()
            .take_while(|h| h.start < m.start)
            .filter(|h| h.end <= m.start)
            .copied()
            .collect();
        let mut found = best(lx, &left, clause, &m.unit, m.start, true);
        // 生产总值6.36万亿元、增长5.1%: a change right after a level is the
        // same indicator's, named before the level.
        if found.is_none() {
            if let Some((pl, ps, pe)) = prev_level.filter(|&(_, _, pe)| pe <= m.start) {
                if lx.follows_level(&text[pe..m.start]) {
                    let lo = hits.partition_point(|h| h.start < pl);
                    let named: Vec<Hit> = hits[lo..]
                        .iter()
                        .take_while(|h| h.end <= ps)
                        .copied()
                        .collect();
                    found = best(lx, &named, clause, &m.unit, ps, true);
                }
            }
        }
        prev_level = Some((left_start, m.start, m.end));
        // The right side ends at the next number or list separator: in
        // 山头公园7个、综合公园和口袋公园50个 the 口袋公园 is not the 7's.
        let next_start = ms[k + 1..]
            .iter()
            .find(|n| n.start >= m.end)
            .map(|n| n.start)
            .unwrap_or(text.len())
            .min(ce.max(m.end));
        let next_start = text[m.end..next_start]
            .find(marks::LIST_COMMA)
            .map(|p| m.end + p)
            .unwrap_or(next_start);
        if found.is_none() {
            let lo = hits.partition_point(|h| h.start < m.end);
            let right: Vec<Hit> = hits[lo..]
                .iter()
                .take_while(|h| h.start < next_start)
                .filter(|h| h.end <= next_start)
                .copied()
                .collect();
            found = best(lx, &right, clause, &m.unit, m.end, false);
            if let Some(i) = found {
                consumed_until = right
                    .iter()
                    .filter(|h| h.metric == i)
                    .map(|h| h.end)
                    .max()
                    .unwrap_or(consumed_until);
            }
        }
        // The noun phrase for an auto key starts after any other number
        // (2023年为全市28万余户企业 names 户企业, not 年).
        let phrase_start = ms[..k]
            .iter()
            .rev()
            .map(|p| p.end)
            .find(|&e| e <= m.start)
            .filter(|&e| e > left_start)
            .unwrap_or(left_start);
        let stock = lx.stock.any_in(&text[left_start..m.start]);
        let r = match found {
            Some(i) if stock && !lx.metrics[i].level => Some(stock_ref(lx, metric_ref(lx, i))),
            Some(i) => Some(metric_ref(lx, i)),
            None => match auto_key(lx, &text[phrase_start..m.start], true)
                .or_else(|| auto_key(lx, &text[m.end..next_start], false))
                // A bare head word (总产量, 总量) names no indicator alone.
                .filter(|k| !lx.generic_heads.iter().any(|g| g == k))
            {
                Some(key) => Some(auto_ref(key)),
                // Only a figure that opens its clause and has no words of
                // its own after it continues an earlier clause's subject.
                None if phrase_start > cs
                    || text[m.end..next_start].chars().any(crate::text::is_cjk) =>
                {
                    auto_key(lx, &text[phrase_start..m.start], true)
                        .or_else(|| auto_key(lx, &text[m.end..next_start], false))
                        .or_else(|| Some(format!("{doc_id}@{}", m.start)))
                        .map(auto_ref)
                }
                // A clause with no subject of its own continues the
                // sentence's (地区生产总值…增长5.6%，全年增长4.8%、总量达
                // 5.3万亿元): the nearest earlier phrase of the sentence that
                // fits the unit. Else a key of its own, so it never joins by
                // accident.
                None => {
                    let from = sentence_start(text, cs);
                    let lo = hits.partition_point(|h| h.start < from);
                    let earlier: Vec<Hit> = hits[lo..]
                        .iter()
                        .take_while(|h| h.end <= cs)
                        .copied()
                        .collect();
                    match best_nearest(lx, &earlier, clause, &m.unit) {
                        Some(i) if stock && !lx.metrics[i].level => {
                            Some(stock_ref(lx, metric_ref(lx, i)))
                        }
                        Some(i) => Some(metric_ref(lx, i)),
                        None => auto_key(lx, &text[phrase_start..m.start], true)
                            .or_else(|| Some(format!("{doc_id}@{}", m.start)))
                            .map(auto_ref),
                    }
                }
            },
        };
        out.push(r);
    }
    dedupe_distributive(ms, &mut out);
    out
}

/// When the subjects of one distributive list land on the same dictionary
/// metric (一级/二级/三级…报销比例), the metric cannot tell them apart:
/// give each its own auto key from its subject.
fn dedupe_distributive(ms: &[Mention], out: &mut [Option<MetricRef>]) {
    for k in 1..ms.len() {
        if ms[k].subject.is_none() || ms[k - 1].subject.is_none() {
            continue;
        }
        let same = matches!((&out[k], &out[k - 1]), (Some(a), Some(b)) if a.id == b.id);
        if same {
            for j in [k - 1, k] {
                if let (Some(s), Some(r)) = (&ms[j].subject, &mut out[j]) {
                    let key: String = s.chars().filter(|c| crate::text::is_cjk(*c)).collect();
                    *r = MetricRef {
                        id: format!("{}:{}", r.id, key),
                        zh: key,
                        en: r.en.clone(),
                        category: r.category.clone(),
                        known: r.known,
                    };
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::scan;

    fn metrics_of(text: &str) -> Vec<(String, String)> {
        let lx = Lexicon::load(None).unwrap();
        let ms = scan(text, &lx);
        let rs = assign(&lx, text, &ms, "t");
        ms.iter()
            .zip(rs)
            .filter_map(|(m, r)| r.map(|r| (text[m.start..m.end].to_string(), r.id)))
            .collect()
    }

    #[test]
    fn left_phrase_longest_then_nearest() {
        let got = metrics_of(
            "开工新建、改扩建中小学和幼儿园30所,推动续建完工40所;新增电动自行车充电桩1万个以上",
        );
        assert_eq!(got[0].1, "schools_started");
        assert_eq!(got[1].1, "schools_completed");
        assert_eq!(got[2].1, "ebike_chargers_new");
    }

    #[test]
    fn right_phrase_and_cues() {
        let got = metrics_of("完成473个老旧小区改造,惠及137万户。新增3岁以下婴幼儿托位8000个。全市每千人口托位数达到4个。");
        assert_eq!(got[0].1, "old_communities_renovated");
        assert!(got[1].1.starts_with("auto:"), "{:?}", got[1]);
        assert_eq!(got[2].1, "childcare_places_new");
        assert_eq!(got[3].1, "childcare_places_per_1000");
    }

    #[test]
    fn stock_and_list_neighbours() {
        let got = metrics_of("完成300台AED的配置。全市累计配置AED约2054台。");
        assert_eq!(got[0].1, "aed_devices");
        assert_eq!(got[1].1, "aed_devices_total");
        let got = metrics_of("建设绿道100公里以上、山头公园7个、综合公园和口袋公园50个");
        assert_ne!(got[1].1, "pocket_parks");
        assert_eq!(got[2].1, "pocket_parks");
        let got = metrics_of("高质量建设10个市级乡村振兴示范片区和36个区(市)级乡村振兴示范片区");
        assert_eq!(got[0].1, "rural_revitalization_zones_city");
        assert_eq!(got[1].1, "rural_revitalization_zones_district");
    }

    #[test]
    fn unit_must_fit() {
        let got = metrics_of("完成300台AED的配置及配套3000人的应急救护取证培训工作");
        assert_eq!(got[0].1, "aed_devices");
        assert_ne!(got[1].1, "aed_devices");
    }

    #[test]
    fn synonyms_join() {
        let a = metrics_of("打通城市未贯通道路20条");
        let b = metrics_of("打通断头路28条");
        assert_eq!(a[0].1, b[0].1);
    }

    #[test]
    fn auto_keys_join_same_wording() {
        let a = metrics_of("培育山东省技术创新示范企业3家以上");
        let b = metrics_of("新培育山东省技术创新示范企业5家");
        assert!(a[0].1.starts_with("auto:"));
        assert_eq!(a[0].1, b[0].1);
    }

    #[test]
    fn distributive_subjects() {
        let got = metrics_of("高新技术企业、科技型中小企业分别达到7300家、8000家");
        assert_eq!(got[0].1, "high_tech_enterprises");
        assert_eq!(got[1].1, "tech_smes");
        let got = metrics_of("一、二、三级医疗机构报销比例分别达到80%、70%、60%");
        let ids: std::collections::BTreeSet<_> = got.iter().map(|g| g.1.clone()).collect();
        assert_eq!(ids.len(), 3, "{got:?}");
    }
}
