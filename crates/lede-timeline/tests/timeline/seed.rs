//! The acceptance checks on the seed article, with `--date 2023-04-20`.

use lede_core::{Document, Metadata};

use crate::{date, shared};

#[test]
#[cfg_attr(not(shared_seed), ignore = "needs ../shared/seed")]
fn seed_article_dates_and_timeline() {
    let path = shared("seed/000_47459a84323fbb6b.txt");
    let text = std::fs::read_to_string(path).expect("seed");
    let doc = Document::from_plain_text(
        "seed",
        text,
        Metadata {
            date: Some(date("2023-04-20")),
            ..Metadata::default()
        },
    );
    let out = lede_timeline::analyze(&doc);
    let find = |t: &str| {
        out.timexes
            .iter()
            .find(|x| x.span.text == t)
            .unwrap_or_else(|| panic!("{t:?} not found in {:#?}", out.timexes))
    };
    let ago = find("just over a year ago");
    assert_eq!(ago.value, "2022");
    assert_eq!(
        ago.event.as_ref().map(|e| e.text.as_str()),
        Some("invasion")
    );
    let y2008 = find("2008");
    assert_eq!(y2008.value, "2008");
    assert_eq!(y2008.event.as_ref().map(|e| e.text.as_str()), Some("said"));
    for t in ["today", "tomorrow"] {
        let x = find(t);
        assert!(x.in_quote, "{t} is inside the quotation");
    }
    assert_eq!(find("today").value, "2023-04-20");
    assert_eq!(find("tomorrow").value, "2023-04-21");
    // 2008 statement < invasion < the visit (DCT)
    let pos = |pred: &dyn Fn(&lede_timeline::TimelineEntry) -> bool| {
        out.timeline
            .iter()
            .position(pred)
            .unwrap_or_else(|| panic!("entry missing in {:#?}", out.timeline))
    };
    let said = pos(&|e| e.value == "2008" && e.event.text == "said");
    let invasion = pos(&|e| e.value == "2022" && e.event.text == "invasion");
    let visit = pos(&|e| e.timex == "t0" && e.clause.text.contains("visit"));
    assert!(said < invasion && invasion < visit, "{:#?}", out.timeline);
    assert!(out.timeline[said]
        .clause
        .text
        .contains("Ukraine would join"));
}
