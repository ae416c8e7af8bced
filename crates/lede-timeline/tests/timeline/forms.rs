//! The forms of issue 19, one kind per test: numeric and ISO dates, a date and a time in one
//! expression, arithmetic, days of the month by ordinal, number words, sets, holidays, eras,
//! and the resolution policy. The sentences are our own; each case gives its publication date
//! (Thursday 2023-04-20 unless it says otherwise).

use lede_timeline::TimexType::{self, Date, Duration, Set, Time};

use crate::run;

const DCT: &str = "2023-04-20";

/// (text, dct, expected expressions as (extent, type, value)).
type Case = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, TimexType, &'static str)],
);

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
fn numeric_and_iso_dates_and_glued_times() {
    check(&[
        (
            "The filing is dated 2008-04-17.",
            None,
            &[("2008-04-17", Date, "2008-04-17")],
        ),
        (
            "Revised figures for 2008-04 were published.",
            None,
            &[("2008-04", Date, "2008-04")],
        ),
        // month first (the American order) unless the first number cannot be a month
        (
            "The lease was signed on 6/12/2008.",
            None,
            &[("6/12/2008", Date, "2008-06-12")],
        ),
        (
            "The invoice is dated 09/18/05.",
            None,
            &[("09/18/05", Date, "2005-09-18")],
        ),
        (
            "The ferry sank on 25/12/2021.",
            None,
            &[("25/12/2021", Date, "2021-12-25")],
        ),
        (
            "The treaty was signed on 12.06.2008 in Oslo.",
            None,
            &[("12.06.2008", Date, "2008-06-12")],
        ),
        (
            "Doors open at 7pm.",
            None,
            &[("7pm", Time, "2023-04-20T19:00")],
        ),
        (
            "The last train leaves at 7:20pm.",
            None,
            &[("7:20pm", Time, "2023-04-20T19:20")],
        ),
        // an abbreviated year is the one nearest the publication date
        (
            "The bridge was opened on 18 Sep '05.",
            None,
            &[("18 Sep '05", Date, "2005-09-18")],
        ),
        (
            "The plant closed in the summer of '98.",
            None,
            &[("the summer of '98", Date, "1998-SU")],
        ),
        // fractions and scores stay numbers
        ("Rates rose by 3/4 of a point.", None, &[]),
        ("The score was 2-1 at the break.", None, &[]),
    ]);
}

#[test]
fn a_date_and_a_time_make_one_expression() {
    check(&[
        // the example: written on Thursday 1995-07-20
        (
            "The concert starts at 8:00 pm on Friday.",
            Some("1995-07-20"),
            &[("8:00 pm on Friday", Time, "1995-07-21T20:00")],
        ),
        (
            "The council met last Monday at 8 p.m.",
            None,
            &[("last Monday at 8 p.m.", Time, "2023-04-17T20:00")],
        ),
        (
            "Shots were heard on Friday night.",
            None,
            &[("Friday night", Time, "2023-04-14TNI")],
        ),
        (
            "Its 1998 first quarter was the weakest.",
            None,
            &[("1998 first quarter", Date, "1998-Q1")],
        ),
        (
            "The vote was held at 12:15 on Thursday.",
            Some("2023-04-21"),
            &[("12:15 on Thursday", Time, "2023-04-20T12:15")],
        ),
        (
            "The ceasefire began at 6 a.m. on March 3, 2022.",
            None,
            &[("6 a.m. on March 3, 2022", Time, "2022-03-03T06:00")],
        ),
        // informal text writes weekday and month names in lowercase
        (
            "we will meet monday at 8 p.m. as planned",
            None,
            &[("monday at 8 p.m.", Time, "2023-04-24T20:00")],
        ),
        (
            "the deal closed on january 5 after a long wait",
            None,
            &[("january 5", Date, "2023-01-05")],
        ),
        // ... but `may` and `march` in lowercase stay a verb and a noun
        ("they may march on the capital", None, &[]),
    ]);
}

#[test]
fn arithmetic_on_an_anchor() {
    check(&[
        (
            "The hearing is two weeks from next Tuesday.",
            None,
            &[("two weeks from next Tuesday", Date, "2023-05-09")],
        ),
        (
            "The ship sailed 2 days before yesterday.",
            None,
            &[("2 days before yesterday", Date, "2023-04-17")],
        ),
        (
            "The runoff was held three months after June 4, 2022.",
            None,
            &[("three months after June 4, 2022", Date, "2022-09-04")],
        ),
        (
            "Ten days after 3 March 2020, the border closed.",
            None,
            &[("Ten days after 3 March 2020", Date, "2020-03-13")],
        ),
        (
            "The fund will close a week from today.",
            None,
            &[("a week from today", Date, "2023-04-27")],
        ),
        (
            "The results come the day after tomorrow.",
            None,
            &[("the day after tomorrow", Date, "2023-04-22")],
        ),
        (
            "They landed the day before yesterday.",
            None,
            &[("the day before yesterday", Date, "2023-04-18")],
        ),
        // when the anchor is an event, not a date, the length stays a duration
        (
            "Repairs finished three months after the flood.",
            None,
            &[("three months", Duration, "P3M")],
        ),
    ]);
}

#[test]
fn anaphoric_expressions_take_the_last_date_named() {
    check(&[
        (
            "The dam burst on 3 May 2019. The next day, the army arrived.",
            None,
            &[
                ("3 May 2019", Date, "2019-05-03"),
                ("The next day", Date, "2019-05-04"),
            ],
        ),
        (
            "The company was founded in 1998. Two years later it was sold.",
            None,
            &[("1998", Date, "1998"), ("Two years later", Date, "2000")],
        ),
        (
            "He was elected in 2004 and resigned the following year.",
            None,
            &[("2004", Date, "2004"), ("the following year", Date, "2005")],
        ),
        (
            "The port reopened in March 2010; that year, exports doubled.",
            None,
            &[("March 2010", Date, "2010-03"), ("that year", Date, "2010")],
        ),
        // with no date named before, the publication date is the anchor
        (
            "The next day will tell.",
            None,
            &[("The next day", Date, "2023-04-21")],
        ),
        // in news, `earlier` counts back from the present of the report, as `ago`
        (
            "The plant opened in 1998. Profit fell from $3 million a year earlier.",
            None,
            &[("1998", Date, "1998"), ("a year earlier", Date, "2022")],
        ),
    ]);
}

#[test]
fn days_of_the_month_by_ordinal() {
    check(&[
        (
            "The law took effect on the first of August 2010.",
            None,
            &[("the first of August 2010", Date, "2010-08-01")],
        ),
        (
            "The ban took effect on the second of December.",
            None,
            &[("the second of December", Date, "2022-12-02")],
        ),
        (
            "Polls close on the 5th of May.",
            None,
            &[("the 5th of May", Date, "2023-05-05")],
        ),
    ]);
}

#[test]
fn number_words_in_durations() {
    check(&[
        (
            "The siege lasted five hundred and twelve days.",
            None,
            &[("five hundred and twelve days", Duration, "P512D")],
        ),
        (
            "The dynasty ruled for three hundred years.",
            None,
            &[("three hundred years", Duration, "P300Y")],
        ),
        (
            "The walls stood for two thousand years.",
            None,
            &[("two thousand years", Duration, "P2000Y")],
        ),
        (
            "The strike lasted a hundred days.",
            None,
            &[("a hundred days", Duration, "P100D")],
        ),
        (
            "The search took twenty-one days.",
            None,
            &[("twenty-one days", Duration, "P21D")],
        ),
    ]);
}

#[test]
fn sets() {
    check(&[
        (
            "The board meets every other week.",
            None,
            &[("every other week", Set, "P2W")],
        ),
        (
            "She works alternate Fridays.",
            None,
            &[("alternate Fridays", Set, "XXXX-WXX-5")],
        ),
        (
            "The report is published annually.",
            None,
            &[("annually", Set, "P1Y")],
        ),
        (
            "Dividends are paid quarterly.",
            None,
            &[("quarterly", Set, "P3M")],
        ),
        (
            "The newsletter comes out biweekly.",
            None,
            &[("biweekly", Set, "P2W")],
        ),
        (
            "The committee reports fortnightly.",
            None,
            &[("fortnightly", Set, "P2W")],
        ),
        (
            "The market opens each Monday.",
            None,
            &[("each Monday", Set, "XXXX-WXX-1")],
        ),
        (
            "The ferry runs twice a week.",
            None,
            &[("twice a week", Set, "P1W")],
        ),
        (
            "Trains run three times a day.",
            None,
            &[("three times a day", Set, "P1D")],
        ),
        (
            "Inspectors call once a month.",
            None,
            &[("once a month", Set, "P1M")],
        ),
        // an amount per period is a rate, not a recurring time
        ("The plant makes $90 million a year.", None, &[]),
        // `quarterly` before a noun names a kind of report
        ("The quarterly report was late.", None, &[]),
    ]);
}

/// SET attributes: `quant` for the quantifier, `freq` for how often in each period.
#[test]
fn set_attributes() {
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        ("The market opens each Monday.", Some("EACH"), None),
        ("The board meets every other week.", Some("EVERY"), None),
        ("She works alternate Fridays.", Some("EVERY OTHER"), None),
        ("The ferry runs twice a week.", None, Some("2X")),
        ("Trains run three times a day.", None, Some("3X")),
        ("The summit is held every year.", Some("EVERY"), None),
    ];
    for (text, quant, freq) in cases {
        let out = run(text, Some(DCT));
        let t = &out.timexes[0];
        assert_eq!((t.quant, t.freq.as_deref()), (*quant, *freq), "{text}");
    }
}

#[test]
fn holidays_computed_per_year() {
    check(&[
        (
            "Shops will reopen after Easter 2011.",
            None,
            &[("Easter 2011", Date, "2011-04-24")],
        ),
        // in a past-tense report, the last one
        (
            "Prices rose before Easter.",
            None,
            &[("Easter", Date, "2023-04-09")],
        ),
        (
            "The talks ended on Good Friday 1998.",
            None,
            &[("Good Friday 1998", Date, "1998-04-10")],
        ),
        (
            "Sales fell last Thanksgiving.",
            None,
            &[("last Thanksgiving", Date, "2022-11-24")],
        ),
        (
            "The store will close on Christmas Day.",
            None,
            &[("Christmas Day", Date, "2023-12-25")],
        ),
        (
            "Fireworks lit the sky on New Year's Day.",
            None,
            &[("New Year's Day", Date, "2023-01-01")],
        ),
        (
            "The parade is next Memorial Day.",
            None,
            &[("next Memorial Day", Date, "2023-05-29")],
        ),
        (
            "The market was shut on Boxing Day.",
            None,
            &[("Boxing Day", Date, "2022-12-26")],
        ),
        (
            "The deal was sealed within a fortnight.",
            None,
            &[("a fortnight", Duration, "P2W")],
        ),
        (
            "The ship left a fortnight ago.",
            None,
            &[("a fortnight ago", Date, "2023-W14")],
        ),
    ]);
}

#[test]
fn eras() {
    check(&[
        (
            "The temple dates from the 5th century B.C.",
            None,
            &[("the 5th century B.C.", Date, "BC04")],
        ),
        (
            "The city was founded in 1000 BC.",
            None,
            &[("1000 BC", Date, "BC1000")],
        ),
        (
            "Vesuvius erupted in AD 79.",
            None,
            &[("AD 79", Date, "0079")],
        ),
        (
            "The revolt broke out in the 470s BC.",
            None,
            &[("the 470s BC", Date, "BC047")],
        ),
    ]);
}

/// The resolution policy of docs/timeline.md.
#[test]
fn resolution_policy() {
    check(&[
        // `this` + weekday: the clause's tense decides; when nothing tells, the coming one
        (
            "The vote is this Wednesday.",
            Some("2023-04-18"),
            &[("this Wednesday", Date, "2023-04-19")],
        ),
        (
            "The strike began this Monday.",
            Some("2023-04-18"),
            &[("this Monday", Date, "2023-04-17")],
        ),
        // `last` and `next` + weekday: strictly before / after the publication day
        (
            "The vote was last Thursday.",
            None,
            &[("last Thursday", Date, "2023-04-13")],
        ),
        (
            "The vote is next Thursday.",
            None,
            &[("next Thursday", Date, "2023-04-27")],
        ),
        // months and seasons: `last` is the latest one before, `next` the first one after
        (
            "Rents rose last March.",
            None,
            &[("last March", Date, "2023-03")],
        ),
        (
            "Rents will rise next March.",
            None,
            &[("next March", Date, "2024-03")],
        ),
        (
            "Rents rose last winter.",
            None,
            &[("last winter", Date, "2022-WI")],
        ),
        (
            "Talks resume this summer.",
            None,
            &[("this summer", Date, "2023-SU")],
        ),
        // bare weekdays: the past in a past-tense clause, the future in a future one
        (
            "The minister resigned on Monday.",
            None,
            &[("Monday", Date, "2023-04-17")],
        ),
        (
            "The minister will resign on Monday.",
            None,
            &[("Monday", Date, "2023-04-24")],
        ),
        // a month with no tense to tell: the nearest, and six months away the past one
        (
            "Its peak of October 12 stands.",
            None,
            &[("October 12", Date, "2022-10-12")],
        ),
        (
            "Its peak of September 12 stands.",
            None,
            &[("September 12", Date, "2023-09-12")],
        ),
        // what is put off lands after the putting off, whatever the verb's tense
        (
            "The court postponed its ruling until Monday.",
            None,
            &[("Monday", Date, "2023-04-24")],
        ),
        (
            "The ferry sailed on Monday.",
            None,
            &[("Monday", Date, "2023-04-17")],
        ),
        // a month, day or season without a year shares the year of the one coordinated
        // with it
        (
            "Prices fell between June and August 2019.",
            None,
            &[("June", Date, "2019-06"), ("August 2019", Date, "2019-08")],
        ),
        (
            "The camp was open from May 2 to July 9, 2014.",
            None,
            &[
                ("May 2", Date, "2014-05-02"),
                ("July 9, 2014", Date, "2014-07-09"),
            ],
        ),
        (
            "The crops failed in the spring and early summer of 1921.",
            None,
            &[
                ("the spring", Date, "1921-SP"),
                ("early summer of 1921", Date, "1921-SU"),
            ],
        ),
        // 29 February without a year: the nearest leap year the tense points to
        (
            "The bridge reopened on February 29.",
            None,
            &[("February 29", Date, "2020-02-29")],
        ),
        (
            "The bridge will reopen on February 29.",
            None,
            &[("February 29", Date, "2024-02-29")],
        ),
    ]);
}

/// Further general forms: periods named relative to now or to a date, times of day in
/// words, lengths with `more`, `and a half`, `or so`, open ranges, and what is not a time.
#[test]
fn further_forms() {
    check(&[
        (
            "Sales for the current quarter rose.",
            None,
            &[("the current quarter", Date, "2023-Q2")],
        ),
        (
            "They arrive this coming Sunday, April 23.",
            None,
            &[("this coming Sunday, April 23", Date, "2023-04-23")],
        ),
        (
            "The market fell in the week of March 6.",
            None,
            &[("the week of March 6", Date, "2023-W10")],
        ),
        (
            "Shops were busy in the week before Christmas.",
            None,
            &[("the week before Christmas", Date, "2022-W51")],
        ),
        (
            "Shots rang out at ten at night.",
            None,
            &[("ten at night", Time, "2023-04-20T22:00")],
        ),
        (
            "The archive dates from January nineteen ninety-seven.",
            None,
            &[("January nineteen ninety-seven", Date, "1997-01")],
        ),
        (
            "Talks were held on March 4 and 5.",
            None,
            &[("March 4", Date, "2023-03-04"), ("5", Date, "2023-03-05")],
        ),
        (
            "The bank will publish its accounts at year-end.",
            None,
            &[("year-end", Date, "2023")],
        ),
        (
            "Polls open on Election Day.",
            None,
            &[("Election Day", Date, "2023-11-07")],
        ),
        (
            "The train leaves at 4 in the morning.",
            None,
            &[("4 in the morning", Time, "2023-04-20T04:00")],
        ),
        (
            "The talks broke up in mid afternoon.",
            None,
            &[("mid afternoon", Time, "2023-04-20TAF")],
        ),
        (
            "The trial needs two more weeks.",
            None,
            &[("two more weeks", Duration, "P2W")],
        ),
        (
            "Shares settle in three business days.",
            None,
            &[("three business days", Duration, "P3D")],
        ),
        (
            "The mission lasted two and a half years.",
            None,
            &[("two and a half years", Duration, "P2Y6M")],
        ),
        (
            "The flight took 5 1/2 hours.",
            None,
            &[("5 1/2 hours", Duration, "PT5H30M")],
        ),
        (
            "They met a couple of years ago.",
            None,
            &[("a couple of years ago", Date, "2021")],
        ),
        (
            "The rebuild will take a year or so.",
            None,
            &[("a year or so", Duration, "P1Y")],
        ),
        (
            "The rule covers cars built in 1994 or later.",
            None,
            &[("1994 or later", Date, "1994")],
        ),
        (
            "Prices may ease in the near term.",
            None,
            &[("the near term", Date, "FUTURE_REF")],
        ),
        (
            "Markets will be volatile in the weeks ahead.",
            None,
            &[("the weeks ahead", Duration, "PXW")],
        ),
        (
            "The bond will be repaid at a later date.",
            None,
            &[("a later date", Date, "FUTURE_REF")],
        ),
        (
            "For the year, revenue rose 4%.",
            None,
            &[("the year", Date, "2023")],
        ),
        (
            "The post-1990 boom is over.",
            None,
            &[("post-1990", Date, "1990")],
        ),
        // a length that starts at a date stays a length
        (
            "The lease runs for two years from 2024.",
            None,
            &[("two years", Duration, "P2Y"), ("2024", Date, "2024")],
        ),
        // titles, ages and names are not times
        ("She spoke on \"This Week\" about the vote.", None, &[]),
        ("The 6-year-old boy returned home.", None, &[]),
        ("Minister Jan Kavan signed the treaty.", None, &[]),
    ]);
}

/// `mod` for modifiers and hedges.
#[test]
fn modifiers() {
    let cases: &[(&str, &str)] = &[
        ("Prices rose in early 2021.", "START"),
        ("The plant shut in mid-March.", "MID"),
        ("A deal is due by the end of the year.", "END"),
        ("The talks took about two weeks.", "APPROX"),
        ("The talks took more than two weeks.", "MORE_THAN"),
        ("The rebuild will take a year or so.", "APPROX"),
        (
            "The rule covers cars built in 1994 or later.",
            "ON_OR_AFTER",
        ),
    ];
    for (text, modifier) in cases {
        let out = run(text, Some(DCT));
        assert_eq!(out.timexes[0].modifier, Some(*modifier), "{text}");
    }
}

/// Histories (at least five explicit past years): a day without a year takes the year last
/// named, but not a year only planned or foreseen; `until 1402` is a year there, not a time;
/// `the fall of` a place is no season.
#[test]
fn narratives() {
    check(&[
        (
            "The canal was surveyed in 1881, begun in 1882 and halted in 1889. Work resumed \
             in 1894 and the locks were finished in 1904. In 1911 the company planned a second \
             canal for 1920. Its first dredger sank on 15 August.",
            None,
            &[
                ("1881", Date, "1881"),
                ("1882", Date, "1882"),
                ("1889", Date, "1889"),
                ("1894", Date, "1894"),
                ("1904", Date, "1904"),
                ("1911", Date, "1911"),
                ("1920", Date, "1920"),
                ("15 August", Date, "1911-08-15"),
            ],
        ),
        (
            "The walls were raised in 1205, 1241 and 1302, and mended in 1350 and 1388. The \
             town held out until 1402. With the fall of the town, trade moved west.",
            None,
            &[
                ("1205", Date, "1205"),
                ("1241", Date, "1241"),
                ("1302", Date, "1302"),
                ("1350", Date, "1350"),
                ("1388", Date, "1388"),
                ("1402", Date, "1402"),
            ],
        ),
        // `this day` in a past-tense clause of a history is the day last named; `this year`
        // in the present tense is still the writer's
        (
            "The port was founded in 1820 and grew in 1850, 1870, 1890 and 1901. The great \
             fire broke out on 3 May 1906. The mayor called this day the darkest in its \
             history. Trade still grows this year.",
            None,
            &[
                ("1820", Date, "1820"),
                ("1850", Date, "1850"),
                ("1870", Date, "1870"),
                ("1890", Date, "1890"),
                ("1901", Date, "1901"),
                ("3 May 1906", Date, "1906-05-03"),
                ("this day", Date, "1906-05-03"),
                ("this year", Date, "2023"),
            ],
        ),
        // a year that heads a section (`2005: ...`) is a year; `2005:12` is not
        (
            "Dams were built in 1931, 1936, 1952, 1960 and 1994.\n\n2001: New owners\n\nOn \
             March 2, the first dam was sold. The rule is in clause 2001:12.",
            None,
            &[
                ("1931", Date, "1931"),
                ("1936", Date, "1936"),
                ("1952", Date, "1952"),
                ("1960", Date, "1960"),
                ("1994", Date, "1994"),
                ("2001", Date, "2001"),
                ("March 2", Date, "2001-03-02"),
            ],
        ),
        (
            "The fall of the empire came slowly; in the fall of 1999 it ended.",
            None,
            &[("the fall of 1999", Date, "1999-FA")],
        ),
    ]);
}
