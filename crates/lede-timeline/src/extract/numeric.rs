//! Dates written in digits: ISO dates (`2008-04-17`, `2008-04`), numeric dates
//! (`6/12/2008`, `09/18/05`, `12.06.2008`, `3-9-58`) and abbreviated years (`'05`).
//!
//! Order of day and month: with slashes or hyphens, month first (the American order, as in
//! most English news) unless the first number cannot be a month (`25/12/2021`); with dots,
//! day first (the European order) unless the second cannot be a month. A two-digit year is
//! the one nearest the publication date (in a narrative, the year last named).

use chrono::{Datelike, NaiveDate};

use crate::lexicon::Lex;
use crate::TimexType;

use super::calendar::{two_digit_year, ymd};
use super::{found, unresolved, Found, Scanner, M};

/// A number of one to `max` digits.
fn digits(s: &str, max: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= max && s.bytes().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl Scanner<'_, '_> {
    /// The year two digits stand for.
    fn century_of(&self, yy: u32) -> Option<i32> {
        let base = self
            .narrative_year
            .get()
            .filter(|_| self.narrative)
            .or_else(|| self.dct.map(|d| d.year()))?;
        Some(two_digit_year(yy, base))
    }

    /// A date written as three numbers (`6/12/2008`, `12.06.2008`, `3-9-58`) or in ISO
    /// order (`2008-04-17`, `2008-04`), in one token.
    pub(super) fn numeric_date(&self, i: usize) -> M {
        let w = self.text(i);
        let sep = if w.contains('/') {
            '/'
        } else if w.contains('.') {
            '.'
        } else {
            '-'
        };
        let mut parts = w.split(sep);
        let (a, b, c) = (parts.next()?, parts.next()?, parts.next());
        if parts.next().is_some() {
            return None;
        }
        // ISO: `2008-04-17`, `2008-04`
        if sep == '-' && a.len() == 4 {
            let y = digits(a, 4)? as i32;
            let m = digits(b, 2).filter(|m| b.len() == 2 && (1..=12).contains(m))?;
            let Some(c) = c else {
                return Some((i + 1, found(TimexType::Date, format!("{y:04}-{m:02}"))));
            };
            let d = digits(c, 2).filter(|_| c.len() == 2)?;
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some((i + 1, found(TimexType::Date, ymd(date))));
        }
        let c = c?;
        let (x, y) = (digits(a, 2)?, digits(b, 2)?);
        let (m, d) = if sep == '.' {
            if y > 12 {
                (x, y)
            } else {
                (y, x)
            }
        } else if x > 12 {
            (y, x)
        } else {
            (x, y)
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let year = match c.len() {
            4 => digits(c, 4)? as i32,
            2 => {
                let yy = digits(c, 2)?;
                let Some(y) = self.century_of(yy) else {
                    return Some((
                        i + 1,
                        unresolved(TimexType::Date, format!("XX{yy:02}-{m:02}-{d:02}")),
                    ));
                };
                y
            }
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(year, m, d)?;
        Some((i + 1, found(TimexType::Date, ymd(date))))
    }

    /// `'05`, `’98`: an apostrophe and two digits written together; `'80s`: a decade.
    pub(super) fn apos_year(&self, i: usize) -> M {
        if self.lex(i) != Lex::Apos {
            return None;
        }
        if let Some(dd) = self.text(i + 1).strip_suffix('s') {
            let dd = digits(dd, 2).filter(|d| dd.len() == 2 && d % 10 == 0)?;
            let f = match self.century_of(dd) {
                Some(y) => found(TimexType::Date, format!("{:03}", y / 10)),
                None => unresolved(TimexType::Date, format!("XX{}", dd / 10)),
            };
            return Some((i + 2, f));
        }
        let yy = digits(self.text(i + 1), 2).filter(|_| self.text(i + 1).len() == 2)?;
        let f: Found = match self.century_of(yy) {
            Some(y) => found(TimexType::Date, format!("{y:04}")),
            None => unresolved(TimexType::Date, format!("XX{yy:02}")),
        };
        Some((i + 2, f))
    }
}
