//! Counts and lengths of time: `18 months`, `a few days`, `twenty four hours`, `five
//! hundred and twelve days`, `two years ago`, `a week later`, and lengths counted from an
//! anchor (`two weeks from next Tuesday`, `three months after June 4, 2022`, `two days
//! before yesterday`). When the anchor is an event (`three months after the flood`), the
//! length stays a duration.

use crate::lexicon::{number_word, Lex, Unit};
use crate::TimexType;

use super::calendar::{duration, Gran, Point};
use super::reference::gran_of;
use super::words::{is_in, AMOUNT_WORDS};
use super::{found, Scanner, M};

/// `n` units and a half: `P2Y6M`, `PT1M30S`; the half of a week, a quarter or a fortnight
/// in days.
fn and_a_half(n: u32, u: Unit) -> String {
    match u {
        Unit::Year => format!("P{n}Y6M"),
        Unit::Decade => format!("P{}Y", n * 10 + 5),
        Unit::Century => format!("P{}Y", n * 100 + 50),
        Unit::Month => format!("P{n}M15D"),
        Unit::Quarter => format!("P{}M15D", n * 3 + 1),
        Unit::Week | Unit::Weekend => format!("P{}DT12H", n * 7 + 3),
        Unit::Fortnight => format!("P{}D", n * 14 + 7),
        Unit::Day => format!("P{n}DT12H"),
        Unit::Hour => format!("PT{n}H30M"),
        Unit::Minute => format!("PT{n}M30S"),
        Unit::Second => format!("PT{n}.5S"),
    }
}

/// What a number word adds to a number written in words, for the order they may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Start,
    Units,
    Teens,
    Tens,
    Hundred,
    Thousand,
}

impl Scanner<'_, '_> {
    /// A count: digits, number words (`twenty four`, `five hundred and twelve`), `a`, `a
    /// few`, `several`. `None` inside is an unspecified count (`X` in the value).
    pub(super) fn quantity(&self, i: usize) -> Option<(usize, Option<u32>)> {
        match self.lex(i) {
            Lex::Num(n) if self.text(i).starts_with(|c: char| c.is_ascii_digit()) => {
                Some((i + 1, Some(n)))
            }
            Lex::Num(_) | Lex::Hyph => {
                let (end, n) = self.number_words(i)?;
                Some((end, Some(n)))
            }
            Lex::A => match self.lex(i + 1) {
                Lex::Few => self.quantity(i + 1),
                Lex::Num(12) if self.is(i + 1, "dozen") => Some((i + 2, Some(12))),
                // `a hundred days`, `a thousand years`
                Lex::Num(100 | 1000) => {
                    let (end, n) = self.number_words(i + 1)?;
                    Some((end, Some(n)))
                }
                _ => Some((i + 1, Some(1))),
            },
            // `a couple of years` is two; `a few`, `several` are unspecified
            Lex::Few => {
                let n = self.is(i, "couple").then_some(2);
                let of = usize::from(self.lex(i + 1) == Lex::Of);
                Some((i + 1 + of, n))
            }
            _ => None,
        }
    }

    /// A number written in words from token `i`: `twelve`, `twenty four`, `twenty-one`,
    /// `five hundred and twelve`, `two thousand` (`hundred` alone counts one hundred only
    /// after `a`).
    fn number_words(&self, i: usize) -> Option<(usize, u32)> {
        let (mut total, mut cur) = (0u32, 0u32);
        let mut place = Place::Start;
        let mut j = i;
        loop {
            let value = match self.lex(j) {
                Lex::Num(v) if !self.text(j).starts_with(|c: char| c.is_ascii_digit()) => {
                    (!self.is(j, "dozen")).then_some(v)
                }
                Lex::Hyph => {
                    let lower = self.text(j).to_ascii_lowercase();
                    let (a, b) = lower.split_once('-')?;
                    let (a, b) = (number_word(a), number_word(b));
                    match (a, b) {
                        (Some(a @ 20..=90), Some(b @ 1..=9)) if a % 10 == 0 => Some(a + b),
                        _ => None,
                    }
                }
                // `five hundred and twelve`
                Lex::And if matches!(place, Place::Hundred | Place::Thousand) => {
                    let next_small = matches!(self.lex(j + 1), Lex::Num(1..=99) | Lex::Hyph)
                        && !self.text(j + 1).starts_with(|c: char| c.is_ascii_digit());
                    if next_small {
                        j += 1;
                        continue;
                    }
                    None
                }
                _ => None,
            };
            let Some(v) = value else {
                break;
            };
            let hyphenated = self.lex(j) == Lex::Hyph;
            match v {
                100 if j > i || (i > 0 && self.lex(i - 1) == Lex::A) => {
                    if matches!(place, Place::Hundred | Place::Thousand) {
                        break;
                    }
                    cur = cur.max(1) * 100;
                    place = Place::Hundred;
                }
                1000 if j > i || (i > 0 && self.lex(i - 1) == Lex::A) => {
                    if place == Place::Thousand {
                        break;
                    }
                    total += cur.max(1) * 1000;
                    cur = 0;
                    place = Place::Thousand;
                }
                100 | 1000 => return None,
                _ if hyphenated => {
                    if matches!(place, Place::Units | Place::Teens | Place::Tens) {
                        break;
                    }
                    cur += v;
                    place = Place::Units;
                }
                20..=90 => {
                    if matches!(place, Place::Units | Place::Teens | Place::Tens) {
                        break;
                    }
                    cur += v;
                    place = Place::Tens;
                }
                10..=19 => {
                    if matches!(place, Place::Units | Place::Teens | Place::Tens) {
                        break;
                    }
                    cur += v;
                    place = Place::Teens;
                }
                _ => {
                    if matches!(place, Place::Units | Place::Teens) {
                        break;
                    }
                    cur += v;
                    place = Place::Units;
                }
            }
            j += 1;
        }
        (j > i && place != Place::Start).then_some((j, total + cur))
    }

    /// `18 months`, `two years ago`, `a week later`, `two and a half years`, `5 1/2 hours`,
    /// `a week or so`, `two more weeks`, `eight trading days`.
    pub(super) fn quantity_expr(&self, i: usize) -> M {
        let (mut qend, n) = self.quantity(i)?;
        let and_a_half = |k: usize| {
            self.is(k, "and") && self.lex(k + 1) == Lex::A && self.lex(k + 2) == Lex::Half
        };
        let mut half = false;
        if and_a_half(qend) {
            (half, qend) = (true, qend + 3);
        } else if matches!(self.text(qend), "1/2" | "½") {
            (half, qend) = (true, qend + 1);
        }
        // `two more weeks`, `an additional year`, `eight trading days`
        let between = matches!(
            self.text(qend).to_ascii_lowercase().as_str(),
            "more" | "additional" | "extra" | "further" | "trading" | "business" | "working"
        );
        if between && matches!(self.lex(qend + 1), Lex::Unit(..)) {
            qend += 1;
        }
        let Lex::Unit(u, plural) = self.lex(qend) else {
            return None;
        };
        // `a second time`, `one day` (some day) are not expressions of time.
        if matches!(self.lex(i), Lex::A | Lex::Num(1)) && matches!(u, Unit::Second) {
            return None;
        }
        if n == Some(1) && plural {
            return None;
        }
        let mut uend = qend + 1;
        if !half && and_a_half(uend) {
            (half, uend) = (true, uend + 3);
        }
        // `a week or so`
        if self.is(uend, "or") && self.is(uend + 1, "so") {
            let (end, f) = self.length(i, n, u, plural, uend + 2, half)?;
            return Some((end, f.with_mod(Some("APPROX"))));
        }
        self.length(i, n, u, plural, uend, half)
    }

    /// The rest of [`Scanner::quantity_expr`]: `n` units (`u`, `plural`) from token `i`,
    /// `uend` the token after them.
    fn length(
        &self,
        i: usize,
        n: Option<u32>,
        u: Unit,
        plural: bool,
        uend: usize,
        half: bool,
    ) -> M {
        let qend = uend - 1;
        let _ = qend;
        // `a quarter point`, `a quarter of the votes`: a fraction, not a period
        if u == Unit::Quarter
            && self.lex(i) == Lex::A
            && !matches!(
                self.lex(uend),
                Lex::Ago | Lex::Earlier | Lex::Later | Lex::Other
            )
        {
            return None;
        }
        if u == Unit::Quarter && self.lex(i) == Lex::A && self.lex(uend) == Lex::Other {
            let next = self.text(uend);
            if next.chars().next().is_some_and(char::is_alphanumeric) {
                return None;
            }
        }
        // `$90 million a year`, `four flights a week`: a rate. TimeBank leaves rates
        // unmarked, so they are not reported as expressions.
        if self.lex(i) == Lex::A
            && !plural
            && self.rate_before(i, true)
            && !matches!(self.lex(uend), Lex::Ago | Lex::Earlier | Lex::Later)
        {
            return None;
        }
        // `three days a week`: a set
        if let Some(m) = self.per_period(uend, n, u) {
            return Some(m);
        }
        // `two weeks from next Tuesday`, `three months after June 4, 2022` (but `for two years
        // from 2024` is a length that starts then)
        if let (Some(k), false) = (n, self.after_for(i)) {
            if let Some(m) = self.anchored(uend, k as i32, u) {
                return Some(m);
            }
        }
        let anaphoric = |sign: i32| {
            let g = gran_of(u)?;
            let k = n? as i32;
            self.has_reference(g)
                .then(|| (uend + 1, self.relative_to_reference(sign * k, u)))
        };
        match self.lex(uend) {
            Lex::Ago | Lex::Earlier => {
                // `profit rose in the quarter from $5 million a year earlier`: in a sentence
                // about a quarter, a year back is the same quarter a year before.
                if u == Unit::Year && n == Some(1) && self.mentions_quarter() {
                    if let Some(v) = self.reporting_quarter(1) {
                        return Some((uend + 1, found(TimexType::Date, v)));
                    }
                }
                // `two years earlier` in a narrative: before the time last named; in news
                // (TimeBank's practice) before the present of the report, as `ago`
                if self.lex(uend) == Lex::Earlier && self.narrative {
                    if let Some(m) = anaphoric(-1) {
                        return Some(m);
                    }
                }
                return Some((uend + 1, self.shifted(n, u, -1)));
            }
            // `two years later`: after the time last named, unless the clause speaks of the
            // future (`will reopen two weeks later`)
            // (in a narrative, always after the time last named)
            Lex::Later => {
                if self.future(i) && !self.narrative {
                    return Some((uend + 1, self.shifted(n, u, 1)));
                }
                if let Some(m) = anaphoric(1) {
                    return Some(m);
                }
            }
            Lex::Old => return None,
            _ => {}
        }
        if self.text(i).eq_ignore_ascii_case("one") && u == Unit::Day && !plural {
            return None;
        }
        let value = match (half, n) {
            (true, Some(n)) => and_a_half(n, u),
            _ => duration(n, u),
        };
        Some((uend, found(TimexType::Duration, value)))
    }

    /// Whether `for`, `over`, `during` or `within` stands before token `i` (and any
    /// modifiers before it): then a length is a duration, whatever follows it.
    fn after_for(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0
            && matches!(
                self.lex(k - 1),
                Lex::Approx
                    | Lex::More
                    | Lex::Than
                    | Lex::Up
                    | Lex::To
                    | Lex::Over
                    | Lex::Just
                    | Lex::At
                    | Lex::Least
            )
        {
            k -= 1;
        }
        k > 0
            && matches!(
                self.text(k - 1).to_ascii_lowercase().as_str(),
                "for" | "over" | "during" | "within" | "lasting" | "spanning"
            )
    }

    /// Whether an amount stands before token `i` (`$90 million a year`, `four flights a
    /// week`, `20% annually`): then a period after it makes a rate. TimeBank leaves rates
    /// unmarked, so they are not reported as expressions. `nouns`: a plural noun counts as
    /// an amount (`flights a week`; not before an adverb, where it is more often a verb:
    /// `reports fortnightly`).
    pub(super) fn rate_before(&self, i: usize, nouns: bool) -> bool {
        if i == 0 {
            return false;
        }
        let prev = self.text(i - 1).to_ascii_lowercase();
        prev.ends_with('%')
            || prev.chars().next().is_some_and(|c| c.is_ascii_digit())
            || (nouns && prev.len() > 3 && prev.ends_with('s') && self.lex(i - 1) == Lex::Other)
            || is_in(AMOUNT_WORDS, &prev)
    }

    /// A length counted from an anchor after it: `from`, `after` or `before` and a date
    /// (`two weeks from next Tuesday`, `2 days before yesterday`, `a year from now`).
    /// `None` when no date follows (the anchor is an event) or the date is coarser than the
    /// unit (`ten days after May`).
    pub(super) fn anchored(&self, j: usize, n: i32, u: Unit) -> M {
        let sign = match self.text(j).to_ascii_lowercase().as_str() {
            "from" | "after" => 1,
            "before" => -1,
            _ => return None,
        };
        // `the five years from 2010 to 2015` is a length and a range
        let range_after = |end: usize| {
            matches!(
                self.text(end).to_ascii_lowercase().as_str(),
                "to" | "through" | "until" | "till" | "-" | "–"
            )
        };
        let (end, point) = if self.lex(j + 1) == Lex::Deictic(crate::lexicon::Deictic::Present) {
            let g = gran_of(u)?;
            let d = self.dct?;
            let p = Point::parse(&super::calendar::ymd(d))?;
            let p = if g == Gran::Day {
                p
            } else {
                Point { gran: g, ..p }
            };
            (j + 2, p)
        } else {
            let (end, f) = self.at_inner(j + 1)?;
            if !matches!(f.ty, TimexType::Date | TimexType::Time) {
                return None;
            }
            (end, Point::parse(&f.value)?)
        };
        if range_after(end) {
            return None;
        }
        let p = point.shift(sign * n, u)?;
        Some((end, found(TimexType::Date, p.value())))
    }
}
