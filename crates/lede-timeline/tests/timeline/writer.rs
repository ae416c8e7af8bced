//! The `TimeML` writer (`lede analyze --format timeml`): TIMEX3 tags with the attributes the
//! analyser gives, from the typed output and from the JSON record alike.

use lede_timeline::timeml::{write, write_from_json, TimexMark};

use crate::run;

const TEXT: &str = "The ferry runs twice a week, each Monday, for about two years from early 2024.";

#[test]
fn sets_and_modifiers_carry_their_attributes() {
    let out = run(TEXT, Some("2023-04-20"));
    let marks: Vec<TimexMark<'_>> = out.timexes.iter().map(TimexMark::from).collect();
    let xml = write("ferry", TEXT, out.dct, &marks);
    for tag in [
        r#"type="SET" value="P1W" freq="2X">twice a week</TIMEX3>"#,
        r#"type="SET" value="XXXX-WXX-1" quant="EACH">each Monday</TIMEX3>"#,
        r#"type="DURATION" value="P2Y" mod="APPROX">about two years</TIMEX3>"#,
        r#"type="DATE" value="2024" mod="START">early 2024</TIMEX3>"#,
    ] {
        assert!(xml.contains(tag), "{tag} not in\n{xml}");
    }
    // the JSON record gives the same document
    let json = serde_json::to_value(&out).expect("serialisable");
    assert_eq!(write_from_json("ferry", TEXT, out.dct, Some(&json)), xml);
}

#[test]
fn attributes_are_escaped_and_overlaps_skipped() {
    let text = "a \"b\" c";
    let marks = [
        TimexMark {
            span: lede_core::Span::new(0, 1),
            kind: "SET",
            value: "P1D",
            modifier: None,
            quant: Some("\"EVERY\""),
            freq: None,
        },
        TimexMark {
            span: lede_core::Span::new(0, 3),
            kind: "DATE",
            value: "2020",
            modifier: None,
            quant: None,
            freq: None,
        },
    ];
    let xml = write("x", text, None, &marks);
    assert!(
        xml.contains(r#"quant="&quot;EVERY&quot;">a</TIMEX3>"#),
        "{xml}"
    );
    assert_eq!(xml.matches("<TIMEX3").count(), 1, "{xml}");
}
