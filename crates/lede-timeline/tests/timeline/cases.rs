//! Hard cases, one sentence each, with the expected extent, type and value. The sentences are
//! our own; the DCT is Thursday 2023-04-20 unless a case says otherwise.

use lede_timeline::TimexType;

use crate::run;

const DCT: &str = "2023-04-20";

/// (text, dct, expected expressions as (extent, type, value)).
type Case = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, TimexType, &'static str)],
);

use TimexType::{Date, Duration, Set, Time};

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for (text, dct, want) in cases {
        let out = run(text, Some(dct.unwrap_or(DCT)));
        let got: Vec<(&str, TimexType, &str)> = out
            .timexes
            .iter()
            .map(|t| (t.span.text.as_str(), t.kind, t.value.as_str()))
            .collect();
        if got != *want {
            failures.push(format!("{text}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn direction_follows_tense() {
    check(&[
        // a bare weekday in a past-tense report is the previous one...
        (
            "The minister resigned on Tuesday.",
            None,
            &[("Tuesday", Date, "2023-04-18")],
        ),
        // ...and in a future-tense statement the next one
        (
            "The minister will resign on Tuesday.",
            None,
            &[("Tuesday", Date, "2023-04-25")],
        ),
        (
            "Talks are set to resume on Monday.",
            None,
            &[("Monday", Date, "2023-04-24")],
        ),
        (
            "The port reopened last Tuesday.",
            None,
            &[("last Tuesday", Date, "2023-04-18")],
        ),
        (
            "The vote is next Tuesday.",
            None,
            &[("next Tuesday", Date, "2023-04-25")],
        ),
        // months: backward in the past, forward in the future
        (
            "The talks collapsed in March.",
            None,
            &[("March", Date, "2023-03")],
        ),
        (
            "The talks will resume in March.",
            None,
            &[("March", Date, "2024-03")],
        ),
        (
            "The court ruled in November.",
            None,
            &[("November", Date, "2022-11")],
        ),
        (
            "The board will meet on May 2.",
            None,
            &[("May 2", Date, "2023-05-02")],
        ),
        (
            "Ships were seized on Dec. 28.",
            None,
            &[("Dec. 28", Date, "2022-12-28")],
        ),
    ]);
}

#[test]
fn granularity_of_values() {
    check(&[
        (
            "NATO leaders said in 2008 that it would grow.",
            None,
            &[("2008", Date, "2008")],
        ),
        (
            "Prices peaked in April 2022.",
            None,
            &[("April 2022", Date, "2022-04")],
        ),
        (
            "The deal was signed on April 3, 2022.",
            None,
            &[("April 3, 2022", Date, "2022-04-03")],
        ),
        (
            "It was signed on 3 April 2022.",
            None,
            &[("3 April 2022", Date, "2022-04-03")],
        ),
        (
            "Output fell last year.",
            None,
            &[("last year", Date, "2022")],
        ),
        (
            "Output fell last month.",
            None,
            &[("last month", Date, "2023-03")],
        ),
        (
            "Talks resume this week.",
            None,
            &[("this week", Date, "2023-W16")],
        ),
        (
            "Exports grew in the 1990s.",
            None,
            &[("the 1990s", Date, "199")],
        ),
        ("Sales rose in Q3.", None, &[("Q3", Date, "2022-Q3")]),
        (
            "Sales rose in the third quarter.",
            None,
            &[("the third quarter", Date, "2022-Q3")],
        ),
        (
            "The invasion began just over a year ago.",
            None,
            &[("just over a year ago", Date, "2022")],
        ),
        (
            "The plant closed two months ago.",
            None,
            &[("two months ago", Date, "2023-02")],
        ),
        (
            "They arrived yesterday.",
            None,
            &[("yesterday", Date, "2023-04-19")],
        ),
        ("Rates are high now.", None, &[("now", Date, "PRESENT_REF")]),
    ]);
}

#[test]
fn times_durations_and_sets() {
    check(&[
        (
            "The blast came at 3 p.m. local time.",
            None,
            &[("3 p.m. local time", Time, "2023-04-20T15:00")],
        ),
        (
            "Rebels attacked overnight.",
            None,
            &[("overnight", Time, "2023-04-20TNI")],
        ),
        (
            "Bids are due at 1100 GMT.",
            None,
            &[("1100 GMT", Time, "2023-04-20T11:00")],
        ),
        (
            "Markets closed on Christmas Eve.",
            None,
            &[("Christmas Eve", Date, "2022-12-24")],
        ),
        (
            "The war ended in 1945 and the troops left in 1861-1863.",
            None,
            &[
                ("1945", Date, "1945"),
                ("1861", Date, "1861"),
                ("1863", Date, "1863"),
            ],
        ),
        (
            "Athens fell in 480 BC.",
            None,
            &[("480 BC", Date, "BC0480")],
        ),
        (
            "Profit rose in this year's third quarter.",
            None,
            &[("this year's third quarter", Date, "2023-Q3")],
        ),
        (
            "It beat the year-ago third quarter.",
            None,
            &[("the year-ago third quarter", Date, "2021-Q3")],
        ),
        (
            "Sales fell in the 1988 third quarter.",
            None,
            &[("the 1988 third quarter", Date, "1988-Q3")],
        ),
        (
            "Earlier yesterday, the talks stalled.",
            None,
            &[("Earlier yesterday", Date, "2023-04-19")],
        ),
        (
            "Prices fell in nineteen ninety-six.",
            None,
            &[("nineteen ninety-six", Date, "1996")],
        ),
        (
            "Rents doubled in the nineties.",
            None,
            &[("the nineties", Date, "199")],
        ),
        (
            "A deal is likely by the end of the year.",
            None,
            &[("the end of the year", Date, "2023")],
        ),
        (
            "Troops moved in on Sunday morning.",
            None,
            &[("Sunday morning", Time, "2023-04-16TMO")],
        ),
        (
            "The strike lasted for 18 months.",
            None,
            &[("18 months", Duration, "P18M")],
        ),
        (
            "Prices doubled over the past two years.",
            None,
            &[("the past two years", Duration, "P2Y")],
        ),
        (
            "He signed a two-year contract.",
            None,
            &[("two-year", Duration, "P2Y")],
        ),
        (
            "The summit is held every year.",
            None,
            &[("every year", Set, "P1Y")],
        ),
        ("The paper appears weekly.", None, &[("weekly", Set, "P1W")]),
    ]);
}

#[test]
fn no_false_positives_in_running_text() {
    check(&[
        ("Turnout reached 76% in the capital.", None, &[]),
        ("The minister may resign.", None, &[]),
        ("May God protect them, she said.", None, &[]),
        ("Thousands joined the march on the capital.", None, &[]),
        ("Protesters plan to march to parliament.", None, &[]),
        ("The army sent 1,500 troops.", None, &[]),
        ("Officials sent 2000 troops to the border.", None, &[]),
        ("Call the hotline on 0800 555 0199 for details.", None, &[]),
        ("The home side won 3-2 after extra time.", None, &[]),
        ("The index closed at 1995.5 points.", None, &[]),
        ("He was elected with 1987 votes.", None, &[]),
        ("The bank raised rates by a quarter point.", None, &[]),
        ("The plant makes $90 million a year.", None, &[]),
    ]);
}

#[test]
fn without_a_dct_relative_values_stay_unresolved() {
    let out = run(
        "The minister resigned on Tuesday, two days after the vote in 2008.",
        None,
    );
    let got: Vec<(&str, &str, bool)> = out
        .timexes
        .iter()
        .map(|t| (t.span.text.as_str(), t.value.as_str(), t.resolved))
        .collect();
    assert_eq!(
        got,
        [
            ("Tuesday", "XXXX-WXX-2", false),
            ("two days", "P2D", true),
            ("2008", "2008", true)
        ]
    );
    assert!(
        out.note.is_some(),
        "the output says why values are unresolved"
    );
    assert!(out.dct.is_none());
    // the same text with a DCT resolves, so the value comes from metadata, not the clock
    let out = run("The minister resigned on Tuesday.", Some("2020-01-01"));
    assert_eq!(out.timexes[0].value, "2019-12-31");
    assert!(out.note.is_none());
}

#[test]
fn quoted_speech_is_marked() {
    let out = run(
        "“We will stay with you today and tomorrow,” the minister said on Monday.",
        Some(DCT),
    );
    let got: Vec<(&str, bool)> = out
        .timexes
        .iter()
        .map(|t| (t.span.text.as_str(), t.in_quote))
        .collect();
    assert_eq!(
        got,
        [("today", true), ("tomorrow", true), ("Monday", false)]
    );
    // a quote left open at the end of its paragraph runs to the paragraph's end
    let out = run("He said: \"We leave on Friday.\n\nThen we rest.", Some(DCT));
    assert!(out.timexes[0].in_quote);
}

#[test]
fn events_are_anchored() {
    let out = run(
        "NATO leaders said in 2008 that Ukraine would join. Russia's invasion just over a year ago changed that.",
        Some(DCT),
    );
    let got: Vec<(&str, Option<&str>)> = out
        .timexes
        .iter()
        .map(|t| {
            (
                t.span.text.as_str(),
                t.event.as_ref().map(|e| e.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("2008", Some("said")),
            ("just over a year ago", Some("invasion"))
        ]
    );
    let order: Vec<&str> = out.timeline.iter().map(|e| e.value.as_str()).collect();
    // the lead sentence's event is "now" (the DCT)
    assert_eq!(order, ["2008", "2022", "2023-04-20"]);
    assert_eq!(out.timeline[0].relation, "before");
    assert_eq!(
        (out.timeline[2].timex.as_str(), out.timeline[2].relation),
        ("t0", "now")
    );
}

/// A paragraph without any punctuation (a feed that lost its line breaks) must not make every
/// entry carry the whole paragraph: clauses are bounded, so output grows linearly.
#[test]
fn clauses_stay_bounded_in_unpunctuated_text() {
    let unit = "officials said on Tuesday that talks would resume in 2019 while prices rose ";
    let text = format!("Headline\n\n{}", unit.repeat(2_000));
    let out = run(&text, Some("2023-01-01"));
    assert!(
        out.timeline.len() > 1_000,
        "entries: {}",
        out.timeline.len()
    );
    let longest = out
        .timeline
        .iter()
        .map(|e| e.clause.text.len())
        .max()
        .unwrap_or(0);
    assert!(longest < 1_000, "a clause of {longest} bytes");
    assert!(out.timeline.iter().all(|e| e.event.text.len() < 40));
}
