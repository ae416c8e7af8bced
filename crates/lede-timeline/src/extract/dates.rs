//! Calendar dates by name: weekdays, months with or without a day and a year, years,
//! seasons and holidays.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::lexicon::{Lex, Rel, Unit};
use crate::TimexType;

use super::calendar::{time_value, weekday_from, ymd};
use super::words::{is_in, month_context, year_context, COUNT_NOUNS};
use super::{found, unresolved, Found, Scanner, M};

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

    /// `Christmas`, `Thanksgiving (Day)`, `Christmas Eve`: the one nearest to DCT in the
    /// clause's direction (Easter is movable and left unresolved).
    // every rule returns `M`, so that rules compose with `?` and `or_else`
    #[allow(clippy::unnecessary_wraps)]
    pub(super) fn holiday(&self, i: usize) -> M {
        let name = self.text(i).to_ascii_lowercase();
        let mut end = i + 1;
        let next = self.text(end).to_ascii_lowercase();
        let eve = next == "eve";
        if next == "day" || eve {
            end += 1;
        }
        let Some(dct) = self.dct else {
            return Some((end, unresolved(TimexType::Date, "XXXX-XX-XX")));
        };
        let on = |y: i32| -> Option<NaiveDate> {
            match name.as_str() {
                "christmas" => NaiveDate::from_ymd_opt(y, 12, if eve { 24 } else { 25 }),
                "halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
                // the fourth Thursday of November
                "thanksgiving" => NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4),
                _ => None,
            }
        };
        let Some(this_year) = on(dct.year()) else {
            return Some((end, unresolved(TimexType::Date, "XXXX-XX-XX")));
        };
        let date = match self.tense(i) {
            Some(true) if this_year < dct => on(dct.year() + 1),
            Some(false) if this_year > dct => on(dct.year() - 1),
            _ => Some(this_year),
        };
        Some((
            end,
            date.map_or_else(
                || unresolved(TimexType::Date, "XXXX-XX-XX"),
                |d| found(TimexType::Date, ymd(d)),
            ),
        ))
    }

    /// A weekday, resolved: `dir` -1 / 1 for the nearest one at or before / after DCT, -2 / 2
    /// for one strictly before / after.
    pub(super) fn weekday_value(&self, end: usize, d: u32, dir: i32) -> (usize, Found) {
        let Some(dct) = self.dct else {
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

    pub(super) fn weekday_expr(&self, i: usize, d: u32) -> M {
        if !self.toks[i].capitalized() {
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
        let dir = match self.tense(i) {
            Some(true) => 1,
            Some(false) => -1,
            None => 0,
        };
        let (end, f) = self.weekday_value(i + 1, d, dir);
        // `Monday at midnight`, `Friday at 3 p.m.`
        if self.lex(end) == Lex::At && f.resolved {
            let t = match self.lex(end + 1) {
                Lex::Noon => Some((end + 2, "T12:00".to_owned())),
                Lex::Midnight => Some((end + 2, "T24:00".to_owned())),
                Lex::Num(_) => self
                    .clock(end + 1)
                    .filter(|(_, c)| c.ty == TimexType::Time)
                    .and_then(|(e, c)| Some((e, c.value.split_once('T')?.1.to_owned())))
                    .map(|(e, t)| (e, format!("T{t}"))),
                _ => None,
            };
            if let Some((e, t)) = t {
                return Some((
                    e,
                    Found {
                        ty: TimexType::Time,
                        value: format!("{}{t}", f.value),
                        resolved: true,
                    },
                ));
            }
        }
        if let Lex::DayPart(p) = self.lex(end) {
            if !self.text(end).ends_with('s') {
                let v = format!("{}T{p}", f.value);
                return Some((
                    end + 1,
                    Found {
                        ty: TimexType::Time,
                        value: v,
                        resolved: f.resolved,
                    },
                ));
            }
        }
        Some((end, f))
    }

    /// `3 March 2008`, `3 March`.
    pub(super) fn day_month(&self, i: usize) -> M {
        let Lex::Num(d) = self.lex(i) else {
            return None;
        };
        let Lex::Month(m) = self.lex(i + 1) else {
            return None;
        };
        if !(1..=31).contains(&d) || !self.toks[i + 1].capitalized() {
            return None;
        }
        if let Lex::Year(y) = self.lex(i + 2) {
            return Some((
                i + 3,
                found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}")),
            ));
        }
        Some((i + 2, self.month_day_value(i, m, d)))
    }

    pub(super) fn month_day_value(&self, i: usize, m: u32, d: u32) -> Found {
        let Some(dct) = self.dct else {
            return unresolved(TimexType::Date, format!("XXXX-{m:02}-{d:02}"));
        };
        let y = self.year_for_month(i, m, dct);
        found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}"))
    }

    pub(super) fn month_expr(&self, i: usize, m: u32) -> M {
        let t = self.toks[i];
        if !t.capitalized() {
            return None;
        }
        // March 3 (, 2008) / March 3rd
        match self.lex(i + 1) {
            Lex::Num(d) | Lex::Ord(d) if (1..=31).contains(&d) => {
                let mut j = i + 2;
                if self.lex(j) == Lex::Comma {
                    j += 1;
                }
                if let Lex::Year(y) = self.lex(j) {
                    return Some((
                        j + 1,
                        found(TimexType::Date, format!("{y:04}-{m:02}-{d:02}")),
                    ));
                }
                // `May 5` is a date; but `March 3` in a list of numbers is rare enough.
                return Some((i + 2, self.month_day_value(i, m, d)));
            }
            Lex::Year(y) => {
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
        Some((i + 1, self.month_year(i, m)))
    }

    pub(super) fn year_expr(&self, i: usize, y: i32) -> M {
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
            // `by 2000` stays a year; `at 1545` is a time
            if next_zone || !(1900..=2100).contains(&y) {
                return Some((end, time_value(date, &t)));
            }
        }
        if !(1000..=2100).contains(&y) {
            return None;
        }
        let prev = if i > 0 { self.text(i - 1) } else { "" };
        let next = self.text(i + 1);
        let glued_next = self
            .toks
            .get(i + 1)
            .is_some_and(|t| t.span.start == self.toks[i].span.end);
        if matches!(
            prev,
            "$" | "#" | "£" | "€" | "No." | "no." | "Nos." | "+" | "×"
        ) || next == "%"
            || (glued_next && matches!(next, "-" | "/" | ":" | "–"))
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

    /// `summer 2008`, `the spring of 1999`, `the summer` (start: where the extent starts).
    // every rule returns `M`, so that rules compose with `?` and `or_else`
    #[allow(clippy::unnecessary_wraps)]
    pub(super) fn season_tail(&self, start: usize, after: usize, s: &'static str) -> M {
        let _ = start;
        match (self.lex(after), self.lex(after + 1)) {
            (Lex::Year(y), _) | (Lex::Of, Lex::Year(y)) => {
                let end = if self.lex(after) == Lex::Of {
                    after + 2
                } else {
                    after + 1
                };
                Some((end, found(TimexType::Date, format!("{y:04}-{s}"))))
            }
            _ => {
                let Some(d) = self.dct else {
                    return Some((after, unresolved(TimexType::Date, format!("XXXX-{s}"))));
                };
                Some((
                    after,
                    found(TimexType::Date, format!("{:04}-{s}", d.year())),
                ))
            }
        }
    }

    pub(super) fn month_year(&self, i: usize, m: u32) -> Found {
        let Some(d) = self.dct else {
            return unresolved(TimexType::Date, format!("XXXX-{m:02}"));
        };
        let y = self.year_for_month(i, m, d);
        found(TimexType::Date, format!("{y:04}-{m:02}"))
    }
}
