use crate::analyze_plain;

#[test]
fn mentions_never_cross_a_newline_and_spans_hold_their_text() {
    let text = "Talks in Paris\n\nThe minister met Angela\nMerkel and officials of the\nEuropean Union in Berlin on Monday.\n";
    let out = analyze_plain(text);
    assert!(!out.mentions.is_empty());
    for m in &out.mentions {
        assert!(!m.span.text.contains('\n'), "{m:?}");
        assert_eq!(&text[m.span.start..m.span.end], m.span.text);
    }
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "\n\n",
        "’s",
        "A",
        "...\u{0}\u{feff}",
        "NATO NATO NATO",
        "é\n\u{301}x",
    ] {
        let out = analyze_plain(text);
        for m in &out.mentions {
            assert!(out.entities.get(m.entity).is_some());
        }
    }
}

#[test]
fn all_caps_headline_finds_the_names_of_the_body() {
    let text = "MERKEL MEETS MACRON IN BERLIN\n\nGerman Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday, officials said.\n";
    let out = analyze_plain(text);
    let merkel = out
        .entities
        .iter()
        .find(|e| e.canonical == "Angela Merkel")
        .expect("Merkel is found");
    assert!(merkel.mentions.len() >= 2, "{:#?}", out.entities);
}

#[test]
fn deterministic() {
    let text =
        "Kremlin spokesman Dmitry Peskov said Moscow would respond. Peskov spoke to reporters.";
    let a = serde_json::to_string(&analyze_plain(text)).unwrap_or_default();
    let b = serde_json::to_string(&analyze_plain(text)).unwrap_or_default();
    assert_eq!(a, b);
}

#[test]
fn title_case_headline_takes_names_from_the_body() {
    let text = "Merkel Meets Macron in Berlin Over Budget Plans\n\nGerman Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday to discuss the budget.\n";
    let out = analyze_plain(text);
    let headline_end = text.find('\n').unwrap_or(text.len());
    let in_headline: Vec<(&str, lede_entity::EntityType)> = out
        .mentions
        .iter()
        .filter(|m| m.span.end <= headline_end)
        .map(|m| (m.span.text.as_str(), m.etype))
        .collect();
    assert!(
        in_headline.contains(&("Merkel", lede_entity::EntityType::Person)),
        "{in_headline:?}"
    );
    assert!(
        in_headline.contains(&("Berlin", lede_entity::EntityType::Loc)),
        "{in_headline:?}"
    );
    assert!(
        !in_headline.iter().any(|(t, _)| t.contains("Budget")),
        "{in_headline:?}"
    );
    // the headline's Merkel is the body's Angela Merkel
    let merkel = out
        .entities
        .iter()
        .find(|e| e.canonical == "Angela Merkel")
        .expect("Merkel");
    assert!(merkel.mentions.len() >= 2);
}
