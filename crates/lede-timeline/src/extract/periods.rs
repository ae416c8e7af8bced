//! Parts of a year and longer periods: quarters and halves (`the third quarter`, `Q3`,
//! `this year's first half`, `the year-ago quarter`), centuries, and the hyphenated
//! compounds that name periods and lengths (`third-quarter`, `two-year`, `mid-March`).

use chrono::Datelike;

use crate::lexicon::{lex, month_word, number_word, ordinal_word, unit_word, Lex, Unit};
use crate::TimexType;

use super::calendar::{decade_value, duration, quarter_of, shift_months, time_value};
use super::{found, unresolved, Scanner, M};

impl Scanner<'_, '_> {
    /// Whether this sentence itself speaks of a quarter of a year (not `a quarter point`,
    /// `a quarter of the votes`).
    pub(crate) fn mentions_quarter_here(&self) -> bool {
        self.toks.iter().enumerate().any(|(k, t)| {
            let period = matches!(t.lex, Lex::Unit(Unit::Quarter, _))
                && !(k > 0 && self.lex(k - 1) == Lex::A)
                && !matches!(self.text(k + 1), "point" | "points" | "of" | "percentage");
            period || (t.lex == Lex::Hyph && t.text.to_ascii_lowercase().ends_with("-quarter"))
        })
    }

    pub(crate) fn mentions_quarter(&self) -> bool {
        self.quarter_before || self.mentions_quarter_here()
    }

    /// The most recent complete quarter before DCT: what `the quarter` of an earnings report
    /// is.
    pub(super) fn reporting_quarter(&self, back_years: i32) -> Option<String> {
        let d = self.dct?;
        let m = shift_months(d, -3 - 12 * back_years);
        Some(format!("{:04}-Q{}", m.year(), quarter_of(m)))
    }

    /// `third quarter`, `first half`, `20th century`.
    pub(super) fn ord_expr(&self, i: usize, n: u32) -> M {
        let j = i + 1;
        match self.lex(j) {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&n) => {
                self.period_of_year(j + 1, &format!("Q{n}"), n, 4)
            }
            Lex::Half if (1..=2).contains(&n) => self.period_of_year(j + 1, &format!("H{n}"), n, 2),
            // `the 20th century`, `the 5th century BC`
            Lex::Unit(Unit::Century, false) if n > 0 => {
                if matches!(self.text(j + 1), "BC" | "B.C." | "BCE" | "B.C.E.") {
                    return Some((j + 2, found(TimexType::Date, format!("BC{:02}", n - 1))));
                }
                Some((j + 1, found(TimexType::Date, format!("{:02}", n - 1))))
            }
            // `the first of August 2010`
            Lex::Of => self.ordinal_of_month(i, n),
            _ => None,
        }
    }

    /// A quarter or half, with an explicit year after it or the one DCT points to.
    // every rule returns `M`, so that rules compose with `?` and `or_else`
    #[allow(clippy::unnecessary_wraps)]
    pub(super) fn period_of_year(&self, after: usize, code: &str, n: u32, per_year: u32) -> M {
        match (self.lex(after), self.lex(after + 1), self.lex(after + 2)) {
            (Lex::Of, Lex::Year(y), _) => {
                return Some((after + 2, found(TimexType::Date, format!("{y:04}-{code}"))));
            }
            (Lex::Of, Lex::Fiscal, Lex::Year(y)) => {
                return Some((after + 3, found(TimexType::Date, format!("{y:04}-{code}"))));
            }
            (Lex::Year(y), _, _) => {
                return Some((after + 1, found(TimexType::Date, format!("{y:04}-{code}"))));
            }
            _ => {}
        }
        let Some(d) = self.dct else {
            return Some((after, unresolved(TimexType::Date, format!("XXXX-{code}"))));
        };
        let cur = if per_year == 4 {
            quarter_of(d)
        } else {
            (d.month() - 1) / 6 + 1
        };
        // a period later in the year than DCT, in a past-tense report, is last year's
        let y = if n > cur && !self.future(after) {
            d.year() - 1
        } else {
            d.year()
        };
        Some((after, found(TimexType::Date, format!("{y:04}-{code}"))))
    }

    /// `year-end`, `year end`, `year's end` (`i`: the first token, `end` the token after
    /// them): the end of the year named after it, or of the publication year (of the year
    /// before when a past-tense clause is written in its first quarter).
    // every rule returns `M`, so that rules compose with `?` and `or_else`
    #[allow(clippy::unnecessary_wraps)]
    pub(super) fn year_end(&self, i: usize, end: usize) -> M {
        let of = usize::from(self.lex(end) == Lex::Of);
        if let Lex::Year(y) = self.lex(end + of) {
            let f = found(TimexType::Date, format!("{y:04}"));
            return Some((end + of + 1, f.with_mod(Some("END"))));
        }
        let Some(d) = self.dct else {
            return Some((
                end,
                unresolved(TimexType::Date, "XXXX").with_mod(Some("END")),
            ));
        };
        let y = if d.month() <= 3 && self.tense(i) == Some(false) {
            d.year() - 1
        } else {
            d.year()
        };
        let f = found(TimexType::Date, format!("{y:04}"));
        Some((end, f.with_mod(Some("END"))))
    }

    /// `two-year-long`, `decades-long`, `day-long`, `several-year`, `post-1959`: compounds
    /// of three parts or with a vague count. (An age, `6-year-old`, is not a time.)
    fn compound(i: usize, parts: &[&str]) -> M {
        let f = match parts {
            // `two-year-long`
            [n, u, "long"] => {
                let n = number_word(n).or_else(|| n.parse().ok().filter(|&n| n < 1000))?;
                let (u, _) = unit_word(u)?;
                found(TimexType::Duration, duration(Some(n), u))
            }
            // `decades-long`, `day-long`
            [u, "long"] => {
                let (u, plural) = unit_word(u)?;
                found(TimexType::Duration, duration((!plural).then_some(1), u))
            }
            // `several-year`, `few-month`
            ["several" | "few" | "multi", u] => {
                let (u, _) = unit_word(u)?;
                found(TimexType::Duration, duration(None, u))
            }
            // `post-1959`, `pre-war` (a year only)
            [edge @ ("post" | "pre"), y] => {
                let Lex::Year(y) = lex(y) else {
                    return None;
                };
                let modifier = if *edge == "post" { "AFTER" } else { "BEFORE" };
                found(TimexType::Date, format!("{y:04}")).with_mod(Some(modifier))
            }
            _ => return None,
        };
        Some((i + 1, f))
    }

    pub(super) fn hyph_expr(&self, i: usize) -> M {
        // `2008-04-17`, `3-9-58`
        if self.text(i).starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(m) = self.numeric_date(i) {
                return Some(m);
            }
        }
        let lower = self.text(i).to_ascii_lowercase();
        let parts: Vec<&str> = lower.split('-').collect();
        if let Some(m) = Self::compound(i, &parts) {
            return Some(m);
        }
        match parts.as_slice() {
            [a, b] => {
                let unit = unit_word(b).filter(|(_, plural)| !plural).map(|(u, _)| u);
                let num = number_word(a).or_else(|| a.parse::<u32>().ok().filter(|&n| n < 1000));
                if let (Some(n), Some(u)) = (num, unit) {
                    // `two-year` (a duration, as an adjective)
                    return Some((i + 1, found(TimexType::Duration, duration(Some(n), u))));
                }
                if let (Some(n), Some(Unit::Quarter)) = (ordinal_word(a), unit) {
                    if (1..=4).contains(&n) {
                        return self.period_of_year(i + 1, &format!("Q{n}"), n, 4);
                    }
                }
                if let (Some(n), true) = (ordinal_word(a), *b == "half") {
                    if (1..=2).contains(&n) {
                        return self.period_of_year(i + 1, &format!("H{n}"), n, 2);
                    }
                }
                if *a == "year" && *b == "end" {
                    return self.year_end(i, i + 1);
                }
                if matches!(*a, "mid" | "early" | "late") {
                    let modifier = Some(match *a {
                        "mid" => "MID",
                        "early" => "START",
                        _ => "END",
                    });
                    if let Lex::DayPart(p) = lex(b) {
                        let (end, date) = self.trailing_date(i + 1);
                        let f = time_value(date, &format!("T{p}"));
                        return Some((end, f.with_mod(modifier)));
                    }
                    if let Some(m) = month_word(b) {
                        let y = self.month_year(i, i + 1, m);
                        return Some((i + 1, y.with_mod(modifier)));
                    }
                    let f = match lex(b) {
                        Lex::Year(y) => found(TimexType::Date, format!("{y:04}")),
                        Lex::Decade(v, k) => found(TimexType::Date, decade_value(v, k)),
                        _ => return None,
                    };
                    return Some((i + 1, f.with_mod(modifier)));
                }
                if *a == "year" && matches!(*b, "earlier" | "ago") {
                    // the year-earlier quarter / period
                    let Some(d) = self.dct else {
                        return Some((i + 1, unresolved(TimexType::Date, "XXXX")));
                    };
                    let next = self.text(i + 1).to_ascii_lowercase();
                    if matches!(next.as_str(), "quarter" | "period") || self.mentions_quarter() {
                        let end = if matches!(next.as_str(), "quarter" | "period") {
                            i + 2
                        } else {
                            i + 1
                        };
                        let v = self.reporting_quarter(1).unwrap_or_default();
                        return Some((end, found(TimexType::Date, v)));
                    }
                    return Some((
                        i + 1,
                        found(TimexType::Date, format!("{:04}", d.year() - 1)),
                    ));
                }
                // `twenty-one days`
                self.quantity_expr(i)
            }
            _ => None,
        }
    }
}
