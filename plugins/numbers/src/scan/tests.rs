//! The scanner on sentences written for these tests.

// Exact float equality is what these tests check: values come from decimal strings.
#![allow(clippy::float_cmp)]

use super::decimal::Dec;
use super::{scan, Found, Kind, Qualifier};

/// (kind, claim text, value, unit) of each claim in `s`.
fn claims(s: &str) -> Vec<(Kind, String, f64, Option<String>)> {
    scan(s, 0, s.len())
        .into_iter()
        .map(|f| (f.kind, s[f.start..f.end].to_owned(), f.value, f.unit))
        .collect()
}

fn only(s: &str) -> Found {
    let mut all = scan(s, 0, s.len());
    assert_eq!(all.len(), 1, "{s:?}: {all:?}");
    all.remove(0)
}

#[test]
fn decimal_values_are_exact() {
    assert_eq!(
        Dec::parse("1.2").unwrap().scaled(9).to_f64(),
        1_200_000_000.0
    );
    assert_eq!(Dec::parse("1,500").unwrap().to_f64(), 1500.0);
    assert_eq!(Dec::parse("34.50").unwrap().to_f64(), 34.5);
    assert_eq!(
        Dec::parse("99999999999999999999999999999999999999999"),
        None
    );
}

#[test]
fn quantities_with_units() {
    let f = only("The blast left a 16-foot deep crater in the road.");
    assert_eq!((f.kind, f.value), (Kind::Quantity, 16.0));
    assert_eq!(f.unit.as_deref(), Some("foot"));
    assert_eq!(f.dimension.as_deref(), Some("deep"));
    let f = only("Winds reached 120 km/h overnight.");
    assert_eq!(f.unit.as_deref(), Some("kilometre per hour"));
    let f = only("The fire burned 4,000 hectares.");
    assert_eq!((f.value, f.unit.as_deref()), (4000.0, Some("hectare")));
}

#[test]
fn money_in_its_forms() {
    let f = only("The fund will spend 1.2 billion euros on roads.");
    assert_eq!(
        (f.kind, f.value, f.unit.as_deref()),
        (Kind::Money, 1.2e9, Some("EUR"))
    );
    let f = only("It sold the unit for £300m last year.");
    assert_eq!((f.value, f.unit.as_deref()), (3e8, Some("GBP")));
    let f = only("Aid of US$ 40 million arrived.");
    assert_eq!((f.value, f.unit.as_deref()), (4e7, Some("USD")));
    let f = only("The plan costs between $10 million and $12 million.");
    assert_eq!((f.value, f.high), (1e7, Some(1.2e7)));
    let f = only("Aid of $5 m and more.");
    assert_eq!((f.kind, f.value), (Kind::Money, 5e6));
    let f = only("Losses of $10-12 million were reported.");
    assert_eq!((f.value, f.high), (1e7, Some(1.2e7)));
}

#[test]
fn percentages_and_points() {
    let f = only("Turnout fell to no more than 5 per cent of voters.");
    assert_eq!(
        (f.kind, f.value, f.qualifier),
        (Kind::Percent, 5.0, Some(Qualifier::AtMost))
    );
    assert_eq!(f.of.as_deref(), Some("voters"));
    let f = only("The bank cut rates by a quarter point.");
    assert_eq!((f.kind, f.value), (Kind::PercentagePoints, 0.25));
}

#[test]
fn counts_ranges_and_ratios() {
    let f = only("Police said more than 40 ships were waiting.");
    assert_eq!(
        (f.kind, f.value, f.qualifier),
        (Kind::Count, 40.0, Some(Qualifier::MoreThan))
    );
    assert_eq!(f.unit.as_deref(), Some("ships"));
    let f = only("Between 300 and 400 people marched.");
    assert_eq!((f.kind, f.value, f.high), (Kind::Count, 300.0, Some(400.0)));
    let f = only("One in five children is underweight.");
    assert_eq!((f.kind, f.value), (Kind::Ratio, 0.2));
    let f = only("Nearly two-thirds of voters backed it.");
    assert!((f.value - 2.0 / 3.0).abs() < 1e-12, "{f:?}");
    let f = only("Thousands of workers joined.");
    assert!(f.vague && f.kind == Kind::Count);
    let f = only("Over 1.5m people fled.");
    assert_eq!(
        (f.kind, f.value, f.unit.as_deref()),
        (Kind::Count, 1.5e6, Some("people"))
    );
    let f = only("She won the 100m sprint.");
    assert_eq!(
        (f.kind, f.value, f.unit.as_deref()),
        (Kind::Quantity, 100.0, Some("metre"))
    );
    let f = only("Twenty-five soldiers were hurt.");
    assert_eq!((f.value, f.unit.as_deref()), (25.0, Some("soldiers")));
}

#[test]
fn ages_and_tallies() {
    assert_eq!(only("The 24-year-old signed on Friday.").kind, Kind::Age);
    assert_eq!(only("Anna Berg, 41, a teacher, said no.").kind, Kind::Age);
    assert_eq!(only("A man aged 51 was hurt.").kind, Kind::Age);
    let f = only("The court ruled 5-4 against the state.");
    assert_eq!((f.kind, f.value, f.against), (Kind::Score, 5.0, Some(4.0)));
}

#[test]
fn what_is_not_a_claim() {
    for s in [
        "It happened in 2019 and again in the 1990s.",
        "The meeting starts at 3 p.m. on March 3.",
        "Call 1-800-555-0142 or (212) 555-0187 today.",
        "Covid-19 cases rose at the G7 summit.",
        "He wears the number 9 shirt and came 14th.",
        "Ukraine will join the alliance one day.",
        "The two said the deal was one of the best.",
        "The deal closes in the second half of 2027.",
    ] {
        assert_eq!(claims(s), vec![], "{s}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    for s in [
        "",
        "$",
        "1-",
        "-1",
        "between and",
        "a",
        "one in",
        "€€€ 5",
        "9".repeat(200).as_str(),
        "½ of 3½",
    ] {
        let _ = scan(s, 0, s.len());
    }
    // a span that is not on a char boundary is ignored, not a panic
    let s = "é 5 percent";
    assert!(scan(s, 1, s.len()).is_empty());
}
