//! Named days: a table of holidays, each with the rule that places it in a given year (a
//! fixed date, the n-th or last weekday of a month, or a distance from Easter, which the
//! computus gives), and the rule that picks the year: one written after the name (`Easter
//! 2011`, `Christmas of 1914`), `last`/`next`/`this` before it, or else the clause's tense
//! (as for bare weekdays), or in a narrative the year last named.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::lexicon::{Lex, Rel};
use crate::TimexType;

use super::calendar::{easter, ymd};
use super::{found, unresolved, Scanner, M};

/// How a holiday falls in a year.
#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Month and day.
    Fixed(u32, u32),
    /// The n-th weekday of a month (`the fourth Thursday of November`).
    Nth(u32, Weekday, u8),
    /// The last weekday of a month.
    Last(u32, Weekday),
    /// Days after the n-th weekday of a month (Election Day: the Tuesday after the first
    /// Monday of November).
    After(u32, Weekday, u8, i64),
    /// Days after Easter Sunday (before it when negative).
    Easter(i64),
}

use Rule::{After, Easter, Fixed, Last, Nth};

/// Holidays by name: the words in lowercase as the tokenizer splits them (`year`, `'s`).
/// Where one name begins another, the longest that matches wins. US dates where countries
/// differ (Thanksgiving, Memorial Day, Labor Day, Mother's and Father's Day); Western
/// (Gregorian) Easter.
const HOLIDAYS: &[(&[&str], Rule)] = &[
    (&["new", "year", "'s", "day"], Fixed(1, 1)),
    (&["new", "year", "'s", "eve"], Fixed(12, 31)),
    (&["new", "year", "'s"], Fixed(1, 1)),
    (&["new", "year"], Fixed(1, 1)),
    (&["valentine", "'s", "day"], Fixed(2, 14)),
    (&["st.", "patrick", "'s", "day"], Fixed(3, 17)),
    (&["bastille", "day"], Fixed(7, 14)),
    (&["halloween"], Fixed(10, 31)),
    (&["armistice", "day"], Fixed(11, 11)),
    (&["remembrance", "day"], Fixed(11, 11)),
    (&["veterans", "day"], Fixed(11, 11)),
    (&["christmas", "eve"], Fixed(12, 24)),
    (&["christmas", "day"], Fixed(12, 25)),
    (&["christmas"], Fixed(12, 25)),
    (&["boxing", "day"], Fixed(12, 26)),
    (
        &["martin", "luther", "king", "day"],
        Nth(1, Weekday::Mon, 3),
    ),
    (
        &["martin", "luther", "king", "jr.", "day"],
        Nth(1, Weekday::Mon, 3),
    ),
    (&["mother", "'s", "day"], Nth(5, Weekday::Sun, 2)),
    (&["memorial", "day"], Last(5, Weekday::Mon)),
    (&["father", "'s", "day"], Nth(6, Weekday::Sun, 3)),
    (&["labor", "day"], Nth(9, Weekday::Mon, 1)),
    (&["election", "day"], After(11, Weekday::Mon, 1, 1)),
    (&["thanksgiving", "day"], Nth(11, Weekday::Thu, 4)),
    (&["thanksgiving"], Nth(11, Weekday::Thu, 4)),
    (&["ash", "wednesday"], Easter(-46)),
    (&["palm", "sunday"], Easter(-7)),
    (&["maundy", "thursday"], Easter(-3)),
    (&["good", "friday"], Easter(-2)),
    (&["easter", "sunday"], Easter(0)),
    (&["easter", "day"], Easter(0)),
    (&["easter", "monday"], Easter(1)),
    (&["easter"], Easter(0)),
    (&["ascension", "day"], Easter(39)),
    (&["pentecost"], Easter(49)),
    (&["whit", "sunday"], Easter(49)),
    (&["whitsunday"], Easter(49)),
];

impl Rule {
    fn on(self, y: i32) -> Option<NaiveDate> {
        match self {
            Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Nth(m, w, n) => NaiveDate::from_weekday_of_month_opt(y, m, w, n),
            After(m, w, n, k) => NaiveDate::from_weekday_of_month_opt(y, m, w, n)?
                .checked_add_signed(chrono::Duration::days(k)),
            Last(m, w) => (1..=5)
                .rev()
                .find_map(|n| NaiveDate::from_weekday_of_month_opt(y, m, w, n)),
            Easter(k) => easter(y)?.checked_add_signed(chrono::Duration::days(k)),
        }
    }

    /// The value when the year is unknown: `XXXX-12-25`, or `XXXX-XX-XX` for a movable day.
    fn unknown(self) -> String {
        match self {
            Fixed(m, d) => format!("XXXX-{m:02}-{d:02}"),
            _ => "XXXX-XX-XX".to_owned(),
        }
    }
}

impl Scanner<'_, '_> {
    /// The holiday whose name starts at token `i`: the token after the name and its rule.
    fn holiday_name(&self, i: usize) -> Option<(usize, Rule)> {
        // the token is `word`, in any case, with `’` for `'`
        let is = |k: usize, word: &str| {
            let t = self.text(k);
            t.eq_ignore_ascii_case(word)
                || (word.starts_with('\'') && t == word.replacen('\'', "’", 1))
        };
        let mut best: Option<(usize, Rule)> = None;
        for (name, rule) in HOLIDAYS {
            if !is(i, name[0]) {
                continue;
            }
            let fits = name.iter().enumerate().all(|(k, w)| {
                is(i + k, w)
                    && (w.starts_with('\'')
                        || self.toks.get(i + k).is_some_and(super::Tok::capitalized))
            });
            if fits && best.is_none_or(|(len, _)| name.len() > len) {
                best = Some((name.len(), *rule));
            }
        }
        best.map(|(len, rule)| (i + len, rule))
    }

    /// A holiday at token `i` (`rel`: the `last`, `next` or `this` before it).
    pub(super) fn holiday(&self, i: usize, rel: Option<Rel>) -> M {
        if !self.toks.get(i)?.capitalized() {
            return None;
        }
        // a capitalised word before the name makes another day (`Orthodox Easter`,
        // `Chinese New Year`)
        if rel.is_none() && i > 0 {
            let prev = self.toks[i - 1];
            if prev.capitalized() && prev.lex == Lex::Other && i > 1 {
                return None;
            }
        }
        let (end, rule) = self.holiday_name(i)?;
        let of = usize::from(self.lex(end) == Lex::Of && matches!(self.lex(end + 1), Lex::Year(_)));
        if let Some((e, y)) = self.year_after(end + of) {
            let f = rule.on(y).map_or_else(
                || unresolved(TimexType::Date, rule.unknown()),
                |d| found(TimexType::Date, ymd(d)),
            );
            return Some((e, f));
        }
        let Some(dct) = self.dct else {
            return Some((end, unresolved(TimexType::Date, rule.unknown())));
        };
        let narrative_year = self.narrative_year.get().filter(|_| self.narrative);
        let date = if let (None, Some(y)) = (rel, narrative_year) {
            rule.on(y)
        } else {
            let this = rule.on(dct.year());
            let before = rule.on(dct.year() - 1);
            let after = rule.on(dct.year() + 1);
            let past = this.filter(|d| *d < dct).or(before);
            let coming = this.filter(|d| *d > dct).or(after);
            match rel {
                Some(Rel::Last | Rel::Previous | Rel::Past) => past,
                Some(Rel::Next | Rel::Coming | Rel::Following) => coming,
                Some(_) => this,
                None => match self.tense(i) {
                    Some(true) => this.filter(|d| *d >= dct).or(after),
                    Some(false) => this.filter(|d| *d <= dct).or(before),
                    None => this,
                },
            }
        };
        let f = date.map_or_else(
            || unresolved(TimexType::Date, rule.unknown()),
            |d| found(TimexType::Date, ymd(d)),
        );
        Some((end, f))
    }
}

#[cfg(test)]
mod tests {
    use super::HOLIDAYS;
    use crate::lexicon::{lex, Lex};

    /// An expression can only start at a token the lexicon classifies: every holiday's first
    /// word must be one.
    #[test]
    fn first_words_are_in_the_lexicon() {
        for (name, _) in HOLIDAYS {
            assert_eq!(lex(name[0]), Lex::Holiday, "{name:?}");
        }
    }
}
