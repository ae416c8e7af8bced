//! Times of day: `3 p.m.`, `10:35 a.m. local time`, `7:15`, and the date that may follow
//! one (`10 p.m. Wednesday`).

use chrono::{Duration, NaiveDate};

use crate::lexicon::{Deictic, Lex};

use super::calendar::time_value;
use super::{Scanner, M};

impl Scanner<'_, '_> {
    /// A date after a time of day (`10 p.m. Wednesday`, `5 p.m. EST, Nov. 9`): the end and
    /// the date (DCT when none follows).
    pub(super) fn trailing_date(&self, i: usize) -> (usize, Option<NaiveDate>) {
        let mut j = i;
        if self.lex(j) == Lex::Comma {
            j += 1;
        }
        match self.lex(j) {
            Lex::Weekday(d) if self.toks[j].capitalized() => {
                let dir = if self.future(j) { 1 } else { -1 };
                let (end, f) = self.weekday_value(j + 1, d, dir);
                (end, NaiveDate::parse_from_str(&f.value, "%Y-%m-%d").ok())
            }
            Lex::Month(m) => match self.month_expr(j, m) {
                Some((end, f)) if end > j + 1 => {
                    (end, NaiveDate::parse_from_str(&f.value, "%Y-%m-%d").ok())
                }
                _ => (i, self.dct),
            },
            Lex::Deictic(Deictic::Today) => (j + 1, self.dct),
            Lex::Deictic(Deictic::Yesterday) => (j + 1, self.dct.map(|d| d - Duration::days(1))),
            Lex::Deictic(Deictic::Tomorrow) => (j + 1, self.dct.map(|d| d + Duration::days(1))),
            _ => (i, self.dct),
        }
    }

    /// `3 p.m.`, `10:35 a.m. local time`, `7:15`.
    pub(super) fn clock(&self, i: usize) -> M {
        let Lex::Num(h) = self.lex(i) else {
            return None;
        };
        let mut j = i + 1;
        let mut min = 0;
        let mut has_min = false;
        if self.lex(j) == Lex::Colon {
            if let Lex::Num(m) = self.lex(j + 1) {
                if self.text(j + 1).len() == 2
                    && m < 60
                    && self.toks[j].span.end == self.toks[j + 1].span.start
                {
                    min = m;
                    has_min = true;
                    j += 2;
                }
            }
        }
        let mut hour = h;
        match self.lex(j) {
            Lex::AmPm(pm) if (1..=12).contains(&h) => {
                if pm && h < 12 {
                    hour += 12;
                } else if !pm && h == 12 {
                    hour = 0;
                }
                j += 1;
            }
            _ if has_min && h <= 24 => {}
            _ => return None,
        }
        // time zones and `local time` belong to the expression
        if self.lex(j) == Lex::Zone && self.toks[j].text.chars().all(|c| c.is_ascii_uppercase()) {
            j += 1;
        } else if self.lex(j) == Lex::Local && self.lex(j + 1) == Lex::TimeWord {
            j += 2;
        }
        let (end, date) = self.trailing_date(j);
        let t = format!("T{hour:02}:{min:02}");
        Some((end, time_value(date, &t)))
    }
}
