//! Times of day: `3 p.m.`, `7pm`, `7:20pm`, `10:35 a.m. local time`, `7:15`, `1100 GMT`,
//! `noon`, and the day they fall on, whether it follows (`10 p.m. Wednesday`, `8:00 pm on
//! Friday`, `6 a.m. on March 3, 2022`) or comes first (`Friday at 8 p.m.`, `Friday night`).

use chrono::{Duration, NaiveDate};

use crate::lexicon::{Deictic, Lex};

use super::calendar::{time_value, Gran};
use super::{is_day, Scanner, M};

impl Scanner<'_, '_> {
    /// The date a time of day falls on, after it (`10 p.m. Wednesday`, `5 p.m. EST, Nov. 9`,
    /// `8:00 pm on Friday`): the end and the date. When none follows, the publication date
    /// (in a narrative, the day last named).
    pub(super) fn trailing_date(&self, i: usize) -> (usize, Option<NaiveDate>) {
        let mut j = i;
        if self.lex(j) == Lex::Comma || self.is(j, "on") {
            j += 1;
        }
        let date_at = |end: usize, value: &str| {
            (
                end,
                NaiveDate::parse_from_str(value.get(..10).unwrap_or(""), "%Y-%m-%d").ok(),
            )
        };
        let default = (i, self.default_day());
        match self.lex(j) {
            Lex::Weekday(d) if self.weekday_word(j) => {
                let dir = match self.tense(j) {
                    Some(true) => 1,
                    Some(false) => -1,
                    None => 0,
                };
                let (end, f) = self.weekday_value(j + 1, d, dir);
                date_at(end, &f.value)
            }
            Lex::Month(m) => match self.month_expr(j, m) {
                Some((end, f)) if end > j + 1 && is_day(&f.value) => date_at(end, &f.value),
                _ => default,
            },
            Lex::Num(_) => match self.day_month(j) {
                Some((end, f)) if is_day(&f.value) => date_at(end, &f.value),
                _ => default,
            },
            Lex::Numeric | Lex::Hyph => match self.core(j) {
                Some((end, f)) if is_day(&f.value) => date_at(end, &f.value),
                _ => default,
            },
            Lex::Deictic(Deictic::Today) => (j + 1, self.dct),
            Lex::Deictic(Deictic::Yesterday) => (j + 1, self.dct.map(|d| d - Duration::days(1))),
            Lex::Deictic(Deictic::Tomorrow) => (j + 1, self.dct.map(|d| d + Duration::days(1))),
            _ => default,
        }
    }

    /// The day a time of day with no date falls on: the publication date, or in a narrative
    /// the day last named.
    fn default_day(&self) -> Option<NaiveDate> {
        if self.narrative && self.has_reference(Gran::Day) {
            return self.anchor(Gran::Day).map(|p| p.date);
        }
        self.dct
    }

    /// `3 p.m.`, `7pm`, `7:20pm`, `10:35 a.m. local time`, `7:15`, and the date after it.
    pub(super) fn clock(&self, i: usize) -> M {
        let (j, t) = self.clock_time(i)?;
        let (end, date) = self.trailing_date(j);
        Some((end, time_value(date, &t)))
    }

    /// A time of day on the clock at token `i`: the end and the `Thh:mm` part of the value.
    fn clock_time(&self, i: usize) -> Option<(usize, String)> {
        let (h, glued_pm) = match self.lex(i) {
            Lex::Num(h) => (h, None),
            Lex::NumAmPm(h, pm) => (h, Some(pm)),
            _ => return None,
        };
        let mut j = i + 1;
        let mut min = 0;
        let mut has_min = false;
        let mut pm = glued_pm;
        if glued_pm.is_none() && self.lex(j) == Lex::Colon {
            let glued = self
                .toks
                .get(j + 1)
                .is_some_and(|t| self.toks[j].span.end == t.span.start);
            let two_digits = self
                .text(j + 1)
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count()
                == 2;
            if glued && two_digits {
                match self.lex(j + 1) {
                    Lex::Num(m) if m < 60 => {
                        (min, has_min) = (m, true);
                        j += 2;
                    }
                    // `7:20pm`
                    Lex::NumAmPm(m, p) if m < 60 => {
                        (min, has_min, pm) = (m, true, Some(p));
                        j += 2;
                    }
                    _ => {}
                }
            }
        }
        if pm.is_none() {
            if let Lex::AmPm(p) = self.lex(j) {
                pm = Some(p);
                j += 1;
            }
        }
        // `four o'clock`, `4 in the morning`, `ten at night`
        let mut spelled = false;
        if pm.is_none() && !has_min && matches!(self.text(j), "o'clock" | "o’clock") {
            (spelled, j) = (true, j + 1);
        }
        if pm.is_none() {
            let part = match (self.text(j), self.text(j + 1)) {
                ("in", "the") => match self.lex(j + 2) {
                    Lex::DayPart(p) if !self.text(j + 2).ends_with('s') => Some((j + 3, p)),
                    _ => None,
                },
                ("at", "night") => Some((j + 2, "NI")),
                _ => None,
            };
            if let Some((e, p)) = part {
                pm = Some(p != "MO");
                j = e;
            }
        }
        if spelled && pm.is_none() && (1..=12).contains(&h) {
            return Some((j, format!("T{h:02}:00")));
        }
        let mut hour = h;
        match pm {
            Some(pm) if (1..=12).contains(&h) => {
                if pm && h < 12 {
                    hour += 12;
                } else if !pm && h == 12 {
                    hour = 0;
                }
            }
            None if has_min && h <= 24 => {}
            _ => return None,
        }
        // time zones and `local time` belong to the expression
        if self.lex(j) == Lex::Zone && self.toks[j].text.chars().all(|c| c.is_ascii_uppercase()) {
            j += 1;
        } else if self.lex(j) == Lex::Local && self.lex(j + 1) == Lex::TimeWord {
            j += 2;
        }
        Some((j, format!("T{hour:02}:{min:02}")))
    }

    /// A time of day after a day (`at 8 p.m.`, `at noon`, `night`): the end and the `T...`
    /// part of the value.
    pub(super) fn time_after(&self, end: usize) -> Option<(usize, String)> {
        match self.lex(end) {
            Lex::At => match self.lex(end + 1) {
                Lex::Noon => Some((end + 2, "T12:00".to_owned())),
                Lex::Midnight => Some((end + 2, "T24:00".to_owned())),
                _ => self.clock_time(end + 1),
            },
            // `Friday night`, `Monday morning` (not `Friday nights`: a set)
            Lex::DayPart(p) if !self.text(end).ends_with('s') => Some((end + 1, format!("T{p}"))),
            _ => None,
        }
    }
}
