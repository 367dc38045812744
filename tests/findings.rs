//! The comparison and each finding kind on small crafted documents.

use std::path::PathBuf;
use yoy::analysis::Analysis as Report;
use yoy::compare::Comparison;
use yoy::corpus::{DocKind, Document, Meta};
use yoy::extract::extract_all;
use yoy::findings::{Detail, Finding, FindingKind, Severity};
use yoy::lexicon::Lexicon;
use yoy::pipeline::build;

fn doc(id: &str, kind: DocKind, year: i32, text: &str) -> Document {
    Document {
        id: id.to_string(),
        path: PathBuf::from(id),
        meta: Meta {
            title: id.to_string(),
            region: "甲市".to_string(),
            region_code: String::new(),
            kind,
            year: Some(year),
            published: None,
            inferred: vec![],
        },
        text: text.to_string(),
        encoding: "UTF-8",
    }
}

fn run(docs: Vec<Document>) -> Report {
    let lx = Lexicon::load(None).unwrap();
    build(extract_all(docs, &lx), &lx, vec![]).unwrap()
}

fn of(r: &Report, kind: FindingKind) -> Vec<Finding> {
    r.findings
        .iter()
        .unwrap()
        .map(|f| f.unwrap())
        .filter(|f| f.kind == kind)
        .collect()
}

#[test]
fn conflict_between_sources_and_qualified_agreement() {
    let r = run(vec![
        doc(
            "a.txt",
            DocKind::PracticalProjects,
            2024,
            "第1件\n打通城市未贯通道路20条;新设城乡公益性岗位5万余个。",
        ),
        doc(
            "b.txt",
            DocKind::News,
            2024,
            "2024年,我市将打通28条断头路,新设城乡公益性岗位5.05万个。",
        ),
    ]);
    let c = of(&r, FindingKind::Conflict);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].metric, "roads_connected");
    assert_eq!(c[0].severity, Severity::Error);
    let quotes: Vec<&str> = c[0].evidence.iter().map(|e| e.quote.as_str()).collect();
    assert!(
        quotes.contains(&"20条") && quotes.contains(&"28条"),
        "{quotes:?}"
    );
    // 5万余 and 5.05万 agree: no conflict for public-welfare jobs.
    assert!(!c.iter().any(|f| f.metric == "public_welfare_jobs"));
}

#[test]
fn duplicates_exact_and_near() {
    let text = "第1件\n建设养老服务站500处。\n●实施以助餐功能为主的社区养老服务站500处。通过建设进一步延伸服务网络。\n●建设以助餐功能为主的社区养老服务站500处。通过建设进一步延伸服务网络。\n●改造城镇老旧小区400个以上,惠及居民。\n●改造城镇老旧小区400个以上,惠及居民。";
    let r = run(vec![doc("d.txt", DocKind::PracticalProjects, 2024, text)]);
    let d = of(&r, FindingKind::Duplicate);
    assert!(
        d.iter()
            .any(|f| f.severity == Severity::Warning && f.evidence.len() == 2),
        "exact: {d:#?}"
    );
    assert!(
        d.iter().any(|f| f.severity == Severity::Info
            && matches!(&f.detail, Detail::NearDuplicate { lines: (3, 4), similarity, .. } if *similarity >= 0.85)),
        "near: {d:#?}"
    );
    // Evidence points at the repeated lines.
    let exact = d.iter().find(|f| f.severity == Severity::Warning).unwrap();
    assert!(exact
        .evidence
        .iter()
        .all(|e| e.quote.contains("老旧小区400个")));
}

#[test]
fn numbering_gaps_order_and_declared_count() {
    let text = "2024年5件市办实事发布\n第1件\n新增托位6000个。\n第2件\n改造老旧小区400个。\n第4件\n建设绿道100公里。\n第3件\n打通未贯通道路20条。";
    let r = run(vec![doc("n.txt", DocKind::PracticalProjects, 2024, text)]);
    let n = of(&r, FindingKind::Numbering);
    assert!(
        n.iter().any(|f| matches!(&f.detail,
            Detail::ItemOutOfOrder { item, after, .. } if item == "第3件" && after == "第4件")),
        "{n:#?}"
    );
    assert!(
        n.iter().any(|f| f.severity == Severity::Error
            && matches!(&f.detail,
                Detail::DeclaredCount { declared, found: 4, .. } if declared == "5件")),
        "{n:#?}"
    );
    let r = run(vec![doc(
        "m.txt",
        DocKind::PracticalProjects,
        2024,
        "第1件\n新增托位6000个。\n第2件\n改造老旧小区400个。\n第5件\n建设绿道100公里。",
    )]);
    let n = of(&r, FindingKind::Numbering);
    assert!(
        n.iter().any(|f| matches!(&f.detail,
            Detail::ItemsMissing { missing, min: 1, max: 5, .. } if missing == &[3, 4])),
        "{n:#?}"
    );
}

#[test]
fn misplaced_bullet_and_unsupported_headline() {
    let text = "新增托位6000个 建成100个口袋公园\n第1件\n新增托位6000个以上。\n●新增托位6000个以上。项目实施后供给扩大。\n第2件\n改造城镇老旧小区400个。\n●新增托位6000个以上。\n●改造城镇老旧小区400个。";
    let r = run(vec![doc("p.txt", DocKind::PracticalProjects, 2024, text)]);
    let m = of(&r, FindingKind::Misplaced);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(
        matches!(&m[0].detail,
            Detail::MisplacedFigures { under, belongs, .. } if under == "第2件" && belongs == "第1件"),
        "{:?}",
        m[0].detail
    );
    let u = of(&r, FindingKind::Unsupported);
    assert_eq!(u.len(), 1, "{u:#?}");
    assert_eq!(u[0].metric, "pocket_parks");
    assert_eq!(u[0].evidence[0].quote, "100个");
}

#[test]
fn comparison_attainment_missed_and_below_prior_actual() {
    let r = run(vec![
        doc("t23.txt", DocKind::KeyTasks, 2023, "1.实施就业优先战略。力争实现全市城镇新增就业35万人,完成造林3000亩。"),
        doc(
            "wr24.txt",
            DocKind::WorkReport,
            2024,
            "一、2023年工作回顾\n城镇新增就业30万人,完成造林3500亩。\n二、2024年工作总体要求和主要预期目标\n城镇新增就业28万人,完成造林5万亩。",
        ),
    ]);
    let jobs: Vec<_> = r
        .rows
        .iter()
        .filter(|x| x.metric == "urban_new_jobs")
        .collect();
    let att = jobs
        .iter()
        .find(|x| x.comparison == Comparison::ActualVsTarget)
        .unwrap();
    assert_eq!((att.from_value, att.to_value), (350000.0, 300000.0));
    assert_eq!(att.attainment_pct, Some(85.7));
    assert_eq!(att.met, Some(false));
    let next = jobs
        .iter()
        .find(|x| x.comparison == Comparison::TargetVsNextTarget)
        .unwrap();
    assert_eq!(next.change, -70000.0);
    assert_eq!(next.change_pct, Some(-20.0));
    assert!(att.evidence.contains("t23.txt:") && att.evidence.contains("wr24.txt:"));
    let missed = of(&r, FindingKind::MissedTarget);
    assert!(
        missed.iter().any(|f| f.metric == "urban_new_jobs"
            && matches!(f.detail, Detail::MissedTarget { attainment_pct: Some(p), .. } if p == 85.7)),
        "{missed:#?}"
    );
    let below = of(&r, FindingKind::BelowPriorActual);
    assert!(
        below.iter().any(|f| f.metric == "urban_new_jobs"),
        "{below:#?}"
    );
    // Afforestation: 3000 → 50000 target is an outlier (×16.7).
    let out = of(&r, FindingKind::Outlier);
    assert!(
        out.iter().any(|f| f.metric == "afforestation"
            && matches!(&f.detail, Detail::Jump { from, to, .. }
                if from.value == 3000.0 && to.value == 50000.0)),
        "{out:#?}"
    );
}

#[test]
fn change_pct_not_meaningful_from_zero() {
    let r = run(vec![
        doc(
            "a.txt",
            DocKind::KeyTasks,
            2023,
            "1.建设。新建7台燃气锅炉。",
        ),
        doc(
            "b.txt",
            DocKind::KeyTasks,
            2024,
            "1.建设。新建0台燃气锅炉。",
        ),
        doc(
            "c.txt",
            DocKind::KeyTasks,
            2025,
            "1.建设。新建5台燃气锅炉。",
        ),
    ]);
    let rows: Vec<_> = r
        .rows
        .iter()
        .filter(|x| x.metric == "gas_boilers_built")
        .collect();
    let from_zero = rows.iter().find(|x| x.from_value == 0.0).unwrap();
    assert_eq!(from_zero.change_pct, None);
    assert_eq!(from_zero.change, 5.0);
}

#[test]
fn new_and_dropped_metrics_same_kind_only() {
    let r = run(vec![
        doc(
            "k23.txt",
            DocKind::KeyTasks,
            2023,
            "1.任务。新建7台燃气锅炉,关停24台燃煤锅炉。",
        ),
        doc(
            "k24.txt",
            DocKind::KeyTasks,
            2024,
            "1.任务。新建5台燃气锅炉,建设绿道100公里。",
        ),
        doc(
            "n24.txt",
            DocKind::News,
            2024,
            "2024年,我市将关停20台燃煤锅炉。",
        ),
    ]);
    let dropped = of(&r, FindingKind::DroppedMetric);
    assert_eq!(dropped.len(), 1, "{dropped:#?}");
    assert_eq!(dropped[0].metric, "coal_boilers_closed");
    let new = of(&r, FindingKind::NewMetric);
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].metric, "greenways_km");
}

#[test]
fn ratio_outlier_school_places_per_school() {
    let r = run(vec![
        doc("a.txt", DocKind::KeyTasks, 2023, "1.教育。开工新建、改扩建中小学和幼儿园30所,推动续建完工50所,提供学位约82万个。"),
        doc("b.txt", DocKind::KeyTasks, 2024, "1.教育。开工新建、改扩建中小学和幼儿园30所,推动续建完工40所。建成后可提供优质学位约6.2万个。"),
    ]);
    let out = of(&r, FindingKind::Outlier);
    assert!(
        out.iter().any(|f| f.evidence.len() == 6
            && matches!(&f.detail, Detail::RatioJump { name, from, to, .. }
                if name == "school places per school"
                    && from.year == 2023 && to.year == 2024
                    && from.denominator == 80.0 && to.denominator == 70.0)),
        "{out:#?}"
    );
}

#[test]
fn misplaced_bullet_without_figures_by_topic() {
    let text = "第1件\n打造优秀规范化农贸市场40处以上。\n●通过打造规范化农贸市场,提高整体水平。\n第2件\n改造城镇老旧小区400个。\n●通过打造规范化农贸市场,提高整体水平。\n●通过老旧小区改造,改善居住条件。";
    let r = run(vec![doc("t.txt", DocKind::PracticalProjects, 2024, text)]);
    let m = of(&r, FindingKind::Misplaced);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(
        matches!(&m[0].detail,
            Detail::MisplacedTopic { under, belongs, .. } if under == "第2件" && belongs == "第1件"),
        "{:?}",
        m[0].detail
    );
    assert_eq!(m[0].metric, "farmers_markets_standardised");
}

/// A work report of year `y`: last year's results, this year's targets.
fn report(id: &str, y: i32, review: &str, targets: &str) -> Document {
    doc(
        id,
        DocKind::WorkReport,
        y,
        &format!(
            "一、{}年工作回顾\n{review}\n二、{y}年工作总体要求和主要预期目标\n主要预期目标是:{targets}\n",
            y - 1
        ),
    )
}

fn attainment(r: &Report, metric: &str) -> yoy::compare::Row {
    r.rows
        .iter()
        .find(|x| x.metric == metric && x.comparison == Comparison::ActualVsTarget)
        .unwrap_or_else(|| panic!("no attainment row for {metric}"))
        .clone()
}

#[test]
fn rates_in_points_direction_and_bands() {
    use yoy::verdict::Verdict;
    let r = run(vec![
        report(
            "2025.txt",
            2025,
            "地区生产总值增长5.1%。",
            "地区生产总值增长5.5%左右,一般公共预算收入增长3%,城镇调查失业率5.5%左右,城镇新增就业35万人以上,居民消费价格涨幅2%左右。",
        ),
        report(
            "2026.txt",
            2026,
            "地区生产总值增长5%,一般公共预算收入增长7.8%,城镇调查失业率5.3%,城镇新增就业36.8万人,居民消费价格上涨0.2%。",
            "地区生产总值增长5%左右。",
        ),
    ]);
    // A rate: the change in points, no ratio, no attainment.
    let rev = attainment(&r, "budget_revenue_growth");
    assert_eq!(rev.change, 4.8);
    assert_eq!((rev.attainment_pct, rev.change_pct), (None, None));
    assert_eq!(rev.margin, Some(4.8));
    assert_eq!(rev.verdict, Some(Verdict::Met));
    // Within the 左右 band: 5 against 5.5左右.
    let gdp = attainment(&r, "gdp_growth");
    assert_eq!(
        (gdp.margin, gdp.verdict),
        (Some(-0.5), Some(Verdict::WithinBand))
    );
    // Lower is better: 5.3 against 5.5左右 is met.
    let u = attainment(&r, "unemployment_rate");
    assert_eq!(u.verdict, Some(Verdict::Met));
    assert_eq!(u.good, Some(true), "a fall in unemployment is good");
    // A ceiling: CPI 0.2 against 2%左右.
    assert_eq!(attainment(&r, "cpi").verdict, Some(Verdict::Met));
    // A quantity: attainment and its margin in per cent.
    let jobs = attainment(&r, "urban_new_jobs");
    assert_eq!(jobs.attainment_pct, Some(105.1));
    assert_eq!(jobs.margin, Some(5.1));
    // 5.5 − 5.1 is 0.4, not 0.3999999999999995.
    let next = r
        .rows
        .iter()
        .find(|x| {
            x.metric == "gdp_growth"
                && x.comparison == Comparison::ActualVsNextTarget
                && x.from_year == 2024
        })
        .unwrap();
    assert_eq!(format!("{}", next.change), "0.4");
    assert!(of(&r, FindingKind::MissedTarget).is_empty());
}

#[test]
fn a_missed_headline_target_is_a_warning_listed_first() {
    let r = run(vec![
        report("2025.txt", 2025, "", "地区生产总值增长5%左右。"),
        report("2026.txt", 2026, "地区生产总值增长4.1%。", ""),
    ]);
    let m = of(&r, FindingKind::MissedTarget);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert_eq!(m[0].severity, Severity::Warning);
    match &m[0].detail {
        Detail::MissedTarget { margin, rate, .. } => {
            assert_eq!((*margin, *rate), (Some(-0.9), true));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn findings_that_must_not_fire() {
    // A count in running text is not a list's declared count; an item
    // marker followed by a number is still an item marker.
    let text = "2025年重点工作任务\n一年来,办理人大代表建议7.6万件、政协提案9.3件。\n1.推进钢铁产业升级。\n2.推进石化产业升级。\n3.10种有色金属产量增长5%。\n4.推进建材产业升级。";
    let r = run(vec![doc("k.txt", DocKind::KeyTasks, 2025, text)]);
    let n = of(&r, FindingKind::Numbering);
    assert!(n.is_empty(), "{n:#?}");
    // Two values for one key in one document are a part and a whole, not
    // a conflict between sources.
    let text = "2025年重点工作任务\n1.建设豫东平原200万亩整区域高标准农田示范,新建改造高标准农田400万亩以上。";
    let r = run(vec![doc("f.txt", DocKind::KeyTasks, 2025, text)]);
    assert!(of(&r, FindingKind::Conflict).is_empty());
    // A share of GDP is not GDP growth.
    let r = run(vec![
        report(
            "2025.txt",
            2025,
            "",
            "地区生产总值增长5%左右,社会物流总费用与GDP比率降低至13.6%左右。",
        ),
        report("2026.txt", 2026, "地区生产总值增长5.2%。", ""),
    ]);
    assert!(of(&r, FindingKind::Conflict).is_empty());
    assert_eq!(attainment(&r, "gdp_growth").from_value, 5.0);
}

#[test]
fn one_metric_in_two_units_is_compared_in_the_usual_one() {
    // 斤 in the reports, 吨 in a news story: the story's 6755万吨 is
    // 1351亿斤 and meets the 1300亿斤 target.
    let r = run(vec![
        report("2025.txt", 2025, "", "粮食产量1300亿斤以上。"),
        report("2026.txt", 2026, "", "粮食产量1300亿斤以上。"),
        doc(
            "news.txt",
            DocKind::News,
            2026,
            "记者报道\n2025年,全市粮食产量6755万吨。",
        ),
    ]);
    let row = attainment(&r, "grain_output");
    assert_eq!(row.unit, "斤");
    assert_eq!(row.to_value, 135_100_000_000.0);
    assert_eq!(row.verdict, Some(yoy::verdict::Verdict::Met));
}
