//! Calendar dates by name: weekdays, months with or without a day and a year, years (and
//! eras: `490 BC`, `AD 79`, `the 470s BC`), seasons.

use chrono::{Datelike, Duration, NaiveDate};

use crate::lexicon::{month_word, Lex, Rel, Unit};
use crate::TimexType;

use super::calendar::{decade_value, time_value, weekday_from, year_value, ymd};
use super::words::{is_in, month_context, year_context, COUNT_NOUNS};
use super::{found, unresolved, Found, Scanner, M};

/// `BC`, `B.C.`, `BCE`: a year before Christ follows.
fn is_bc(w: &str) -> bool {
    matches!(w, "BC" | "B.C." | "BCE" | "B.C.E." | "B.C")
}

/// `AD`, `A.D.`, `CE` after a year.
fn is_ad(w: &str) -> bool {
    matches!(w, "AD" | "A.D." | "CE" | "C.E." | "A.D")
}

impl Scanner<'_, '_> {
    pub(super) fn spoken_year(&self, i: usize) -> M {
        let Lex::Num(c @ (11..=20)) = self.lex(i) else {
            return None;
        };
        if !self.text(i).chars().all(char::is_alphabetic) {
            return None;
        }
        let (end, rest) = self.quantity(i + 1)?;
        let rest = rest?;
        if !(10..100).contains(&rest) || matches!(self.lex(end), Lex::Unit(..)) {
            return None;
        }
        let y = c * 100 + rest;
        Some((end, found(TimexType::Date, format!("{y:04}"))))
    }

    /// Whether token `i`, a weekday name, is one: capitalised, or written out in full in
    /// lowercase (informal text); `sat.` and `sun.` in lowercase are other words.
    pub(super) fn weekday_word(&self, i: usize) -> bool {
        let t = self.toks[i];
        t.capitalized() || (t.text.len() >= 6 && !t.text.ends_with('.'))
    }

    /// A weekday, resolved: `dir` -1 / 1 for the nearest one at or before / after DCT, -2 / 2
    /// for one strictly before / after.
    pub(super) fn weekday_value(&self, end: usize, d: u32, dir: i32) -> (usize, Found) {
        weekday_on(self.dct, end, d, dir)
    }

    pub(super) fn weekday_expr(&self, i: usize, d: u32) -> M {
        if !self.weekday_word(i) {
            return None;
        }
        // Wednesday, March 3 (, 2021)
        let mut j = i + 1;
        if self.lex(j) == Lex::Comma {
            j += 1;
        }
        if let Lex::Month(m) = self.lex(j) {
            if let Some(r) = self.month_expr(j, m) {
                if r.0 > j + 1 {
                    return Some(r);
                }
            }
        }
        // `Tuesday nights`: a set
        if let Lex::DayPart(p) = self.lex(i + 1) {
            if self.text(i + 1).ends_with('s') {
                let f = found(TimexType::Set, format!("XXXX-WXX-{d}T{p}"));
                return Some((i + 2, f));
            }
        }
        let dir = match self.tense(i) {
            Some(true) => 1,
            Some(false) => -1,
            None => 0,
        };
        Some(self.weekday_value(i + 1, d, dir))
    }

    /// `25` in `April 24 and 25`: a day of the month named just before.
    pub(super) fn coordinated_day(&self, i: usize) -> M {
        let Lex::Num(d @ 1..=31) = self.lex(i) else {
            return None;
        };
        if i < 3 || !self.text(i).starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let joined = matches!(self.lex(i - 1), Lex::And | Lex::Or | Lex::To)
            || matches!(self.text(i - 1), "-" | "–" | "through");
        let (Lex::Num(1..=31), Lex::Month(m)) = (self.lex(i - 2), self.lex(i - 3)) else {
            return None;
        };
        let next_is_word = self.text(i + 1).starts_with(char::is_alphanumeric)
            && !matches!(self.lex(i + 1), Lex::Year(_) | Lex::And | Lex::Comma);
        if !joined || next_is_word || !self.toks[i - 3].capitalized() {
            return None;
        }
        let mut end = i + 1;
        if self.lex(end) == Lex::Comma && matches!(self.lex(end + 1), Lex::Year(_)) {
            end += 1;
        }
        if let Some((e, y)) = self.year_after(end) {
            return Some((e, found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}"))));
        }
        Some((i + 1, self.month_day_value(i, i + 1, m, d)))
    }

    /// The year a month, day or season without one shares with the next one coordinated
    /// with it (`the spring and early summer of 1943`, `between March and April 1918`,
    /// `May 3 or June 5, 2009`): `after` is the token after the first expression.
    pub(super) fn shared_year(&self, after: usize) -> Option<i32> {
        let joined = matches!(self.lex(after), Lex::And | Lex::Or | Lex::To)
            || matches!(self.text(after), "through" | "until" | "-" | "–");
        if !joined {
            return None;
        }
        let mut named = false;
        for j in after + 1..after + 7 {
            match self.lex(j) {
                Lex::Month(_) | Lex::Season(_) => named = true,
                Lex::Edge
                | Lex::The
                | Lex::Of
                | Lex::Comma
                | Lex::Num(1..=31)
                | Lex::Ord(1..=31) => {}
                Lex::Year(_) | Lex::Apos | Lex::Num(_) if named => {
                    return self.year_after(j).map(|(_, y)| y);
                }
                _ => return None,
            }
        }
        None
    }

    /// A year after a month, a day or a season: `2008`, or `'05` (the one nearest the
    /// publication date). The end and the year.
    pub(super) fn year_after(&self, j: usize) -> Option<(usize, i32)> {
        match self.lex(j) {
            Lex::Year(y) if !is_bc(self.text(j + 1)) => Some((j + 1, y)),
            Lex::Apos => {
                let (end, f) = self.apos_year(j)?;
                Some((end, f.value.parse().ok()?))
            }
            // `January nineteen ninety-seven`
            Lex::Num(_) => {
                let (end, f) = self.spoken_year(j)?;
                Some((end, f.value.parse().ok()?))
            }
            _ => None,
        }
    }

    /// `3 March 2008`, `3 March`, `18 Sep '05`.
    pub(super) fn day_month(&self, i: usize) -> M {
        let Lex::Num(d) = self.lex(i) else {
            return None;
        };
        let Lex::Month(m) = self.lex(i + 1) else {
            return None;
        };
        if !(1..=31).contains(&d) || !self.month_word_at(i + 1, true) {
            return None;
        }
        if let Some((end, y)) = self.year_after(i + 2) {
            return Some((end, found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}"))));
        }
        Some((i + 2, self.month_day_value(i, i + 2, m, d)))
    }

    /// Whether token `i`, a month name, is one: capitalised, or (informal text) written out
    /// in lowercase beside a day or a year (`january 5`, `5 january`), or after a word of
    /// date (`in january`). `may`, `march` and `august` in lowercase need a day or a year.
    pub(super) fn month_word_at(&self, i: usize, day_before: bool) -> bool {
        let t = self.toks[i];
        if t.capitalized() {
            return true;
        }
        if t.text.len() < 3 || t.text.ends_with('.') || month_word(t.text).is_none() {
            return false;
        }
        let dated = day_before
            || matches!(
                self.lex(i + 1),
                Lex::Num(1..=31) | Lex::Ord(1..=31) | Lex::Year(_)
            );
        let plain = !matches!(t.text, "may" | "march" | "august");
        dated || (plain && i > 0 && month_context(self.text(i - 1)))
    }

    /// Month `m`, day `d` without a year, read at token `i` (the expression ends before
    /// `end`).
    pub(super) fn month_day_value(&self, i: usize, end: usize, m: u32, d: u32) -> Found {
        if let Some(y) = self.shared_year(end) {
            return found(TimexType::Date, format!("{}-{m:02}-{d:02}", year_value(y)));
        }
        let Some(dct) = self.dct else {
            return unresolved(TimexType::Date, format!("XXXX-{m:02}-{d:02}"));
        };
        let mut y = self.year_for_month(i, m, dct);
        // 29 February is in a leap year: the one before the year found, or after it when the
        // clause speaks of the future (a day no month has, `June 31`, stays as written)
        if m == 2 && d == 29 {
            let step = if self.future(i) { 1 } else { -1 };
            let leap = (0..8).map(|k| y + step * k);
            y = leap
                .into_iter()
                .find(|&x| NaiveDate::from_ymd_opt(x, 2, 29).is_some())
                .unwrap_or(y);
        }
        found(TimexType::Date, format!("{}-{m:02}-{d:02}", year_value(y)))
    }

    pub(super) fn month_expr(&self, i: usize, m: u32) -> M {
        let t = self.toks[i];
        if !self.month_word_at(i, false) {
            return None;
        }
        // `January nineteen ninety-seven`
        if let (Lex::Num(_), Some((end, y))) = (self.lex(i + 1), self.year_after(i + 1)) {
            return Some((end, found(TimexType::Date, format!("{y:04}-{m:02}"))));
        }
        // a month that is also a first name, before a surname (`Jan Kavan`, `April Smith`)
        let first_name = matches!(t.text, "Jan" | "April" | "May" | "June" | "August")
            && self
                .toks
                .get(i + 1)
                .is_some_and(|n| n.capitalized() && n.lex == Lex::Other && n.text.len() > 1)
            && !(i > 0 && month_context(self.text(i - 1)) && !self.is(i - 1, "and"));
        if first_name {
            return None;
        }
        // March 3 (, 2008) / March 3rd / March 3, '05
        match self.lex(i + 1) {
            Lex::Num(d) | Lex::Ord(d) if (1..=31).contains(&d) => {
                let mut j = i + 2;
                if self.lex(j) == Lex::Comma {
                    j += 1;
                }
                if let Some((end, y)) = self.year_after(j) {
                    return Some((end, found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}"))));
                }
                // `May 5` is a date; but `March 3` in a list of numbers is rare enough.
                return Some((i + 2, self.month_day_value(i, i + 2, m, d)));
            }
            Lex::Year(y) if !is_bc(self.text(i + 2)) => {
                return Some((i + 2, found(TimexType::Date, format!("{y:04}-{m:02}"))));
            }
            // `June last year`, `January next year`
            Lex::Rel(r @ (Rel::Last | Rel::This | Rel::Next))
                if self.lex(i + 2) == Lex::Unit(Unit::Year, false) =>
            {
                let by = match r {
                    Rel::Last => -1,
                    Rel::Next => 1,
                    _ => 0,
                };
                return Some((
                    i + 3,
                    match self.dct {
                        Some(d) => found(TimexType::Date, format!("{:04}-{m:02}", d.year() + by)),
                        None => unresolved(TimexType::Date, format!("XXXX-{m:02}")),
                    },
                ));
            }
            Lex::Of if matches!(self.lex(i + 2), Lex::Year(_)) => {
                if let Lex::Year(y) = self.lex(i + 2) {
                    return Some((i + 3, found(TimexType::Date, format!("{y:04}-{m:02}"))));
                }
            }
            _ => {}
        }
        // A month alone: ambiguous words need a temporal context before them.
        let lower = t.text.to_ascii_lowercase();
        let ambiguous = matches!(lower.as_str(), "may" | "march" | "sun." | "jan" | "dec");
        let prev = if i > 0 { self.text(i - 1) } else { "" };
        if ambiguous && !month_context(prev) {
            return None;
        }
        if ambiguous
            && lower == "march"
            && matches!(self.text(i + 1), "on" | "to" | "through" | "against" | "in")
        {
            return None;
        }
        Some((i + 1, self.month_year(i, i + 1, m)))
    }

    /// `the first of August 2010`, `the 5th of May`: a day of a month by its ordinal (`i` is
    /// the ordinal).
    pub(super) fn ordinal_of_month(&self, i: usize, d: u32) -> M {
        if !(1..=31).contains(&d) || self.lex(i + 1) != Lex::Of {
            return None;
        }
        let Lex::Month(m) = self.lex(i + 2) else {
            return None;
        };
        if !self.month_word_at(i + 2, true) {
            return None;
        }
        let mut j = i + 3;
        if self.lex(j) == Lex::Comma && matches!(self.lex(j + 1), Lex::Year(_)) {
            j += 1;
        }
        if let Some((end, y)) = self.year_after(j) {
            return Some((end, found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}"))));
        }
        Some((i + 3, self.month_day_value(i, i + 3, m, d)))
    }

    pub(super) fn year_expr(&self, i: usize, y: i32) -> M {
        if let Some(m) = self.era_year(i) {
            return Some(m);
        }
        // `1100 GMT`, `at 1545 hrs`: a time of day on the 24-hour clock, not a year
        let next_zone = (self.lex(i + 1) == Lex::Zone
            && self.text(i + 1).chars().all(|c| c.is_ascii_uppercase()))
            || matches!(self.text(i + 1), "hrs" | "hours" | "local" | "GMT");
        let prev_at = i > 0 && matches!(self.text(i - 1), "at" | "At" | "by" | "until");
        if (next_zone || prev_at) && y % 100 < 60 && y / 100 <= 24 && self.text(i).len() == 4 {
            let mut j = i + 1;
            if next_zone {
                j += 1;
                if self.text(j) == "time" || self.text(j) == "hours" {
                    j += 1;
                }
            }
            let (end, date) = self.trailing_date(j);
            let t = format!("T{:02}:{:02}", y / 100, y % 100);
            // `by 2000` stays a year; `at 1545` is a time, but in a history `until 1453` is
            // a year
            if next_zone || !(self.narrative || (1900..=2100).contains(&y)) {
                return Some((end, time_value(date, &t)));
            }
        }
        if !(1000..=2100).contains(&y) {
            return None;
        }
        let prev = if i > 0 { self.text(i - 1) } else { "" };
        let next = self.text(i + 1);
        let glued = |k: usize| {
            self.toks
                .get(k + 1)
                .is_some_and(|t| t.span.start == self.toks[k].span.end)
        };
        // `2005-06`, `2005/6`, `2005:12` are not a year alone; a heading `2005: Elections`
        // is
        let joined = glued(i) && (matches!(next, "-" | "/" | "–") || (next == ":" && glued(i + 1)));
        if matches!(
            prev,
            "$" | "#" | "£" | "€" | "No." | "no." | "Nos." | "+" | "×"
        ) || next == "%"
            || joined
        {
            return None;
        }
        let lower_next = next.to_ascii_lowercase();
        if is_in(COUNT_NOUNS, &lower_next) {
            return None;
        }
        let context = year_context(prev) || i == 0;
        if !(1500..=2099).contains(&y) && !context {
            return None;
        }
        // a year before a lowercase plural noun is a count (`2000 troops`)
        if !context
            && next.len() > 3
            && next.ends_with('s')
            && next.chars().next().is_some_and(char::is_lowercase)
            && !matches!(
                next,
                "was" | "has" | "is" | "as" | "does" | "says" | "sees" | "marks"
            )
        {
            return None;
        }
        Some((i + 1, found(TimexType::Date, format!("{y:04}"))))
    }

    /// A year of an era: `490 BC`, `1000 B.C.`, `79 AD`, `AD 79` (`AD` in capitals: `ad`
    /// is an advertisement).
    pub(super) fn era_year(&self, i: usize) -> M {
        let number = match self.lex(i) {
            Lex::Num(n) => Some(n as i32),
            Lex::Year(y) => Some(y),
            _ => None,
        };
        let digits_only = self.text(i).bytes().all(|c| c.is_ascii_digit());
        let next = self.text(i + 1);
        // `499 to 493 BC`, `between 499 and 493 BC`: the era after the second year is the
        // first's too
        let shared_era = matches!(next, "to" | "and" | "or" | "-" | "–" | "until")
            && matches!(self.lex(i + 2), Lex::Num(_) | Lex::Year(_))
            && is_bc(self.text(i + 3));
        // in a narrative of the years before Christ, a year written alone (`in 492`)
        let bc_narrative = self.narrative
            && self.narrative_year.get().is_some_and(|y| y < 0)
            && i > 0
            && year_context(self.text(i - 1))
            && (!next.starts_with(char::is_lowercase) || matches!(next, "and" | "or" | "to"));
        let (n, end, bc) = match (number, self.lex(i)) {
            (Some(n), _) if is_bc(next) => (n, i + 2, true),
            (Some(n), _) if digits_only && (shared_era || bc_narrative) && n < 1000 => {
                (n, i + 1, true)
            }
            (Some(n), _) if is_ad(self.text(i + 1)) => (n, i + 2, false),
            (None, Lex::Ad) if matches!(self.text(i), "AD" | "A.D.") => match self.lex(i + 1) {
                Lex::Num(n) => (n as i32, i + 2, false),
                Lex::Year(y) => (y, i + 2, false),
                _ => return None,
            },
            _ => return None,
        };
        if n <= 0 {
            return None;
        }
        let value = if bc {
            format!("BC{n:04}")
        } else {
            format!("{n:04}")
        };
        Some((end, found(TimexType::Date, value)))
    }

    /// `the 1990s`, `the nineties`, `the 470s BC` (three digits need an era after them).
    pub(super) fn decade(&self, i: usize, v: i32, digits: u8) -> M {
        let value = decade_value(v, digits);
        if is_bc(self.text(i + 1)) {
            return Some((i + 2, found(TimexType::Date, format!("BC{value}"))));
        }
        if digits == 3 && v < 100 {
            return is_ad(self.text(i + 1)).then(|| (i + 2, found(TimexType::Date, value)));
        }
        Some((i + 1, found(TimexType::Date, value)))
    }

    /// `summer 2008`, `the spring of 1999`, `the summer of '98`, `the summer` (`after` is the
    /// token after the season's name): a season without a year is the publication year's, or
    /// in a narrative the year last named.
    // every rule returns `M`, so that rules compose with `?` and `or_else`
    #[allow(clippy::unnecessary_wraps)]
    pub(super) fn season_tail(&self, after: usize, s: &'static str) -> M {
        let of = usize::from(self.lex(after) == Lex::Of);
        if let Some((end, y)) = self.year_after(after + of) {
            return Some((end, found(TimexType::Date, format!("{y:04}-{s}"))));
        }
        if let Some(y) = self
            .shared_year(after)
            .or_else(|| self.narrative.then(|| self.narrative_year.get()).flatten())
        {
            return Some((
                after,
                found(TimexType::Date, format!("{}-{s}", year_value(y))),
            ));
        }
        let Some(d) = self.dct else {
            return Some((after, unresolved(TimexType::Date, format!("XXXX-{s}"))));
        };
        Some((
            after,
            found(TimexType::Date, format!("{:04}-{s}", d.year())),
        ))
    }

    /// Month `m` without a year, read at token `i` (the expression ends before `end`).
    pub(super) fn month_year(&self, i: usize, end: usize, m: u32) -> Found {
        if let Some(y) = self.shared_year(end) {
            return found(TimexType::Date, format!("{}-{m:02}", year_value(y)));
        }
        let Some(d) = self.dct else {
            return unresolved(TimexType::Date, format!("XXXX-{m:02}"));
        };
        let y = self.year_for_month(i, m, d);
        found(TimexType::Date, format!("{}-{m:02}", year_value(y)))
    }
}

/// A weekday resolved against `base` (the publication date, or the day last named for
/// `the following Monday`), as `Scanner::weekday_value`.
pub(super) fn weekday_on(base: Option<NaiveDate>, end: usize, d: u32, dir: i32) -> (usize, Found) {
    let Some(dct) = base else {
        return (end, unresolved(TimexType::Date, format!("XXXX-WXX-{d}")));
    };
    let target = i64::from(weekday_from(d).num_days_from_monday());
    let cur = i64::from(dct.weekday().num_days_from_monday());
    let back = (cur - target).rem_euclid(7);
    let fwd = (target - cur).rem_euclid(7);
    let delta = match dir {
        -1 => -back,
        // nothing tells: the past (news reports more than it announces), unless the day
        // is tomorrow's
        0 => {
            if fwd <= 1 {
                fwd
            } else {
                -back
            }
        }
        1 => fwd,
        -2 => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        _ => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
    };
    (
        end,
        found(TimexType::Date, ymd(dct + Duration::days(delta))),
    )
}
