//! Calendar arithmetic and TIMEX3 value notation: ISO weeks, quarters, month shifts,
//! seasons, durations. Pure functions of dates and numbers; the rules call them.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::lexicon::Unit;
use crate::TimexType;

use super::{found, unresolved, Found};

pub(crate) fn ymd(d: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", year_value(d.year()), d.month(), d.day())
}

pub(super) fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub(super) fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

pub(super) fn shift_months(d: NaiveDate, months: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

pub(super) fn weekday_from(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

pub(super) fn decade_value(v: i32, digits: u8) -> String {
    if digits == 2 {
        format!("{v:02}")
    } else {
        format!("{v:03}")
    }
}

/// `P2Y`, `PT3H`, `PXM`.
pub(crate) fn duration(n: Option<u32>, u: Unit) -> String {
    let (code, time) = u.code();
    let n = n.map_or_else(|| "X".to_owned(), |n| n.to_string());
    let t = if time { "T" } else { "" };
    match u {
        Unit::Decade if n != "X" => format!("P{}Y", n.parse::<u32>().unwrap_or(1) * 10),
        Unit::Fortnight if n != "X" => format!("P{}W", n.parse::<u32>().unwrap_or(1) * 2),
        _ => format!("P{t}{n}{code}"),
    }
}

pub(super) fn season_index(d: NaiveDate) -> u32 {
    match d.month() {
        3..=5 => 0,
        6..=8 => 1,
        9..=11 => 2,
        _ => 3,
    }
}

pub(super) fn season_pos(s: &str) -> u32 {
    match s {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

/// A TIME value on a date (or an unresolved date).
pub(super) fn time_value(date: Option<NaiveDate>, t: &str) -> Found {
    match date {
        Some(d) => found(TimexType::Time, format!("{}{t}", ymd(d))),
        None => unresolved(TimexType::Time, format!("XXXX-XX-XX{t}")),
    }
}

/// A year in TIMEX3 notation: `2008`, or `BC0490` for a year before Christ (kept as a
/// negative number: -490 is 490 BC, with no year zero in between).
pub(super) fn year_value(y: i32) -> String {
    if y < 0 {
        format!("BC{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// The year written with two digits (`'05`, `09/18/05`), seen from `base` (the publication
/// year, or the year a narrative speaks of): the one in the ninety years up to ten years
/// after `base` (from 2023, `'05` is 2005, `'30` 2030, `'58` 1958).
pub(super) fn two_digit_year(yy: u32, base: i32) -> i32 {
    let y = base.div_euclid(100) * 100 + yy as i32;
    if y > base + 10 {
        y - 100
    } else if y <= base - 90 {
        y + 100
    } else {
        y
    }
}

/// Easter Sunday of a Gregorian year, by the computus (the anonymous Gregorian algorithm of
/// 1876, as given by Meeus).
pub(super) fn easter(y: i32) -> Option<NaiveDate> {
    if y < 1583 {
        return None;
    }
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// The same day `months` later (or earlier), on the month's last day when it is shorter.
pub(super) fn add_months(d: NaiveDate, months: i32) -> NaiveDate {
    let first = shift_months(d, months);
    (0..4)
        .find_map(|k| first.with_day(d.day().saturating_sub(k)))
        .unwrap_or(first)
}

/// The granularity of a calendar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gran {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// A calendar value read back from its TIMEX3 notation: the first day of the period it
/// names, and its granularity. Only values on the calendar (`2008`, `2008-04`,
/// `2008-04-17`, with a time or not, `2008-W16`, `2008-Q3`, `BC0490`) read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Point {
    pub date: NaiveDate,
    pub gran: Gran,
}

impl Point {
    pub(super) fn parse(v: &str) -> Option<Point> {
        if let Some(bc) = v.strip_prefix("BC") {
            let y: i32 = bc.parse().ok().filter(|_| bc.len() == 4)?;
            let date = NaiveDate::from_ymd_opt(-y, 1, 1)?;
            return Some(Point {
                date,
                gran: Gran::Year,
            });
        }
        let num = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let y = num(v.get(..4)?)? as i32;
        let rest = &v[4..];
        if rest.is_empty() {
            let date = NaiveDate::from_ymd_opt(y, 1, 1)?;
            return Some(Point {
                date,
                gran: Gran::Year,
            });
        }
        let rest = rest.strip_prefix('-')?;
        if let Some(w) = rest.strip_prefix('W') {
            let date = NaiveDate::from_isoywd_opt(y, num(w)?, Weekday::Mon)?;
            return Some(Point {
                date,
                gran: Gran::Week,
            });
        }
        if let Some(q) = rest.strip_prefix('Q') {
            let q = num(q).filter(|q| (1..=4).contains(q))?;
            let date = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1)?;
            return Some(Point {
                date,
                gran: Gran::Quarter,
            });
        }
        let m = num(rest.get(..2)?)?;
        let rest = &rest[2..];
        if rest.is_empty() {
            let date = NaiveDate::from_ymd_opt(y, m, 1)?;
            return Some(Point {
                date,
                gran: Gran::Month,
            });
        }
        let d = num(rest.strip_prefix('-')?.get(..2)?)?;
        let tail = &rest[3..];
        if !(tail.is_empty() || tail.starts_with('T')) {
            return None;
        }
        Some(Point {
            date: NaiveDate::from_ymd_opt(y, m, d)?,
            gran: Gran::Day,
        })
    }

    /// The value at the point's granularity.
    pub(super) fn value(self) -> String {
        let d = self.date;
        let y = year_value(d.year());
        match self.gran {
            Gran::Year => y,
            Gran::Quarter => format!("{y}-Q{}", quarter_of(d)),
            Gran::Month => format!("{y}-{:02}", d.month()),
            Gran::Week => week(d),
            Gran::Day => ymd(d),
        }
    }

    /// `n` units later (earlier when negative), at the same granularity; `None` when the
    /// unit is finer than the point (ten days after May) or is a time of day.
    pub(super) fn shift(self, n: i32, u: Unit) -> Option<Point> {
        let months = match u {
            Unit::Month => Some(n),
            Unit::Quarter => Some(3 * n),
            Unit::Year => Some(12 * n),
            Unit::Decade => Some(120 * n),
            Unit::Century => Some(1200 * n),
            _ => None,
        };
        let days = match u {
            Unit::Day => Some(i64::from(n)),
            Unit::Week | Unit::Weekend => Some(7 * i64::from(n)),
            Unit::Fortnight => Some(14 * i64::from(n)),
            _ => None,
        };
        let fits = match self.gran {
            Gran::Day => days.is_some() || months.is_some(),
            Gran::Week => days.is_some() && u != Unit::Day,
            Gran::Month => months.is_some(),
            Gran::Quarter => months.is_some() && u != Unit::Month,
            Gran::Year => months.is_some() && !matches!(u, Unit::Month | Unit::Quarter),
        };
        if !fits {
            return None;
        }
        let date = match (days, months) {
            (Some(k), _) => self.date.checked_add_signed(chrono::Duration::days(k))?,
            (_, Some(k)) => add_months(self.date, k),
            _ => return None,
        };
        Some(Point { date, ..self })
    }
}
