//! `.tml` reading (and reading back what `lede_timeline::timeml` writes), TE3 scoring, and the
//! TE3 scores on the training data.

use lede_eval::timeml::parse;
use lede_eval::timex as eval;
use lede_timeline::timeml::{write, TimexMark};

use crate::{date, shared};

#[test]
fn reads_text_dct_and_gold_spans() {
    let src = r#"<?xml version="1.0" ?>
<TimeML><DOCID>x1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-02-03" functionInDocument="CREATION_TIME">20010203</TIMEX3></DCT>
<TEXT>Fish &amp; chips <EVENT eid="e1">sold</EVENT> out <TIMEX3 tid="t1" type="DATE" value="2001-02-02">yesterday</TIMEX3>.</TEXT></TimeML>"#;
    let doc = parse(src).expect("valid TimeML");
    assert_eq!(doc.id.as_deref(), Some("x1"));
    assert_eq!(doc.dct, Some(date("2001-02-03")));
    assert_eq!(doc.text, "Fish & chips sold out yesterday.");
    assert_eq!(doc.timexes.len(), 1);
    assert_eq!(doc.timexes[0].span.slice(&doc.text), "yesterday");
    assert_eq!(doc.timexes[0].value, "2001-02-02");
    assert!(parse("<TimeML>no text</TimeML>").is_err());
}

#[test]
fn writes_what_it_reads() {
    let doc = lede_core::Document::new(
        "test",
        "Talks ended yesterday & resume in 2024.",
        lede_core::Metadata {
            date: Some(date("2023-04-20")),
            ..lede_core::Metadata::default()
        },
    );
    let out = lede_timeline::analyze(&doc);
    let marks: Vec<TimexMark<'_>> = out.timexes.iter().map(TimexMark::from).collect();
    let xml = write(
        "doc<1>",
        "Talks ended yesterday & resume in 2024.",
        out.dct,
        &marks,
    );
    assert!(xml.contains("<DOCID>doc&lt;1&gt;</DOCID>"));
    assert!(
        xml.contains(r#"<TIMEX3 tid="t1" type="DATE" value="2023-04-19">yesterday</TIMEX3> &amp;"#)
    );
    let back = parse(&xml).expect("own output parses");
    assert_eq!(back.text, "Talks ended yesterday & resume in 2024.");
    assert_eq!(back.dct, Some(date("2023-04-20")));
    let values: Vec<&str> = back.timexes.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["2023-04-19", "2024"]);
    // scoring the analyser against its own output is perfect
    let s = eval::score(&back, &eval::run_on(&back, "x")).scores();
    assert!((s.strict.f1 - 1.0).abs() < 1e-9 && (s.value_f1 - 1.0).abs() < 1e-9);
}

#[test]
fn scores_count_partial_overlaps_as_relaxed_only() {
    let src = "<TimeML><DCT><TIMEX3 value=\"2023-04-20\">x</TIMEX3></DCT><TEXT>Prices rose <TIMEX3 tid=\"t1\" type=\"DURATION\" value=\"P2Y\">the past two years</TIMEX3> and fell <TIMEX3 tid=\"t2\" type=\"DATE\" value=\"2023-03\">early March</TIMEX3>.</TEXT></TimeML>";
    let gold = parse(src).expect("valid");
    let mut sys = eval::run_on(&gold, "x");
    // shrink the second system extent to `March`: relaxed match, not strict
    if let Some(t) = sys.iter_mut().find(|t| t.span.text.contains("March")) {
        let start = t.span.end - "March".len();
        t.span = lede_core::Span::new(start, t.span.end).with_text(&gold.text);
    }
    let c = eval::score(&gold, &sys);
    assert_eq!(
        (c.system, c.gold, c.strict_system, c.relaxed_system),
        (2, 2, 1, 2)
    );
    let s = c.scores();
    assert!((s.strict.f1 - 0.5).abs() < 1e-9);
    assert!((s.relaxed.f1 - 1.0).abs() < 1e-9);
}

/// The issue's thresholds on the TempEval-3 training data (`TimeBank` and `AQUAINT`).
#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn te3_train_scores() {
    let dir = shared("data/timeml/te3-train");
    let mut total = eval::Counts::default();
    for (_, g) in eval::gold_docs(&dir).expect("valid TimeML") {
        total += eval::score(&g, &eval::run_on(&g, "x"));
    }
    let s = total.scores();
    eprintln!("te3-train: {s:?}");
    assert!(s.strict.f1 >= 0.82, "strict F1 {}", s.strict.f1);
    assert!(s.relaxed.f1 >= 0.90, "relaxed F1 {}", s.relaxed.f1);
    assert!(s.value_f1 >= 0.78, "value F1 {}", s.value_f1);
}
