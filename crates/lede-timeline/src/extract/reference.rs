//! The reference time: what anaphoric expressions count from. `the next day`, `two years
//! later`, `the following Monday`, `that year` and `the same month` speak of a time named
//! before them in the text, not of the publication date (`tomorrow`, `two years from now`,
//! `next Monday`, `this year` do). The reference is the last day, month and year named (a
//! day also names its month and year); when the text has named none, the publication date
//! stands in.

use chrono::{Datelike, NaiveDate};

use crate::lexicon::Unit;
use crate::TimexType;

use super::calendar::{Gran, Point};
use super::{found, unresolved, Found, Scanner};

/// The last day, month and year named in the text so far.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Reference {
    day: Option<NaiveDate>,
    month: Option<NaiveDate>,
    /// The first day of the last quarter named (`that quarter`).
    quarter: Option<NaiveDate>,
    year: Option<i32>,
}

impl Reference {
    /// Takes note of an expression's value. A coarser value keeps the finer references that
    /// lie inside it (`On May 3, ... In May, ... the next day`) and drops the others.
    pub(crate) fn note(&mut self, value: &str) {
        let Some(p) = Point::parse(value) else {
            return;
        };
        let d = p.date;
        let same_month = |x: NaiveDate| x.year() == d.year() && x.month() == d.month();
        let same_year = |x: NaiveDate| x.year() == d.year();
        match p.gran {
            Gran::Day => {
                self.day = Some(d);
                self.month = d.with_day(1);
                self.quarter = None;
            }
            Gran::Week => {
                self.day = self.day.filter(|x| x.iso_week() == d.iso_week());
                self.month = self.month.filter(|x| same_month(*x));
            }
            Gran::Month => {
                self.day = self.day.filter(|x| same_month(*x));
                self.month = Some(d);
                self.quarter = None;
            }
            Gran::Quarter => {
                let q = |x: NaiveDate| same_year(x) && x.month0() / 3 == d.month0() / 3;
                self.day = self.day.filter(|x| q(*x));
                self.month = self.month.filter(|x| q(*x));
                self.quarter = Some(d);
            }
            Gran::Year => {
                self.day = self.day.filter(|x| same_year(*x));
                self.month = self.month.filter(|x| same_year(*x));
                self.quarter = self.quarter.filter(|x| same_year(*x));
            }
        }
        self.year = Some(d.year());
    }

    /// The reference at granularity `g`, when the text has named one that fine.
    pub(super) fn at(&self, g: Gran) -> Option<Point> {
        let date = match g {
            Gran::Day | Gran::Week => self.day?,
            Gran::Month => self.month?,
            Gran::Quarter => self.quarter.or(self.month)?,
            Gran::Year => NaiveDate::from_ymd_opt(self.year?, 1, 1)?,
        };
        Some(Point { date, gran: g })
    }
}

/// The year of a calendar value (`2008-04`, `BC0490`: -490).
pub(crate) fn year_of(value: &str) -> Option<i32> {
    Point::parse(value).map(|p| p.date.year())
}

/// The granularity an anaphoric expression with unit `u` speaks at.
pub(super) fn gran_of(u: Unit) -> Option<Gran> {
    Some(match u {
        Unit::Day => Gran::Day,
        Unit::Week | Unit::Weekend | Unit::Fortnight => Gran::Week,
        Unit::Month => Gran::Month,
        Unit::Quarter => Gran::Quarter,
        Unit::Year | Unit::Decade | Unit::Century => Gran::Year,
        Unit::Second | Unit::Minute | Unit::Hour => return None,
    })
}

impl Scanner<'_, '_> {
    /// The time an anaphoric expression at granularity `g` counts from: the reference, or
    /// the publication date when the text has named no time that fine.
    pub(super) fn anchor(&self, g: Gran) -> Option<Point> {
        self.reference.get().at(g).or_else(|| {
            self.dct.map(|d| {
                let date = match g {
                    Gran::Day | Gran::Week => d,
                    _ => d.with_day(1).unwrap_or(d),
                };
                Point { date, gran: g }
            })
        })
    }

    /// Whether the text has named a time at granularity `g` (then anaphoric expressions
    /// count from it rather than from the publication date).
    pub(super) fn has_reference(&self, g: Gran) -> bool {
        self.reference.get().at(g).is_some()
    }

    /// `n` units after the reference (before it when `n` is negative): `the next day`, `two
    /// years later`, `that year` (`n` = 0).
    pub(super) fn relative_to_reference(&self, n: i32, u: Unit) -> Found {
        let p = gran_of(u)
            .and_then(|g| self.anchor(g))
            .and_then(|p| p.shift(n, u));
        match p {
            Some(p) => found(TimexType::Date, p.value()),
            None => unresolved(TimexType::Date, unknown_value(u)),
        }
    }
}

/// The value of a unit's period with nothing known: `XXXX`, `XXXX-XX-XX`.
pub(super) fn unknown_value(u: Unit) -> &'static str {
    match u {
        Unit::Year => "XXXX",
        Unit::Month => "XXXX-XX",
        Unit::Week | Unit::Fortnight => "XXXX-WXX",
        Unit::Weekend => "XXXX-WXX-WE",
        Unit::Quarter => "XXXX-QX",
        Unit::Decade => "XXX",
        Unit::Century => "XX",
        _ => "XXXX-XX-XX",
    }
}
