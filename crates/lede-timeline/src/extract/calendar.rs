//! Calendar arithmetic and TIMEX3 value notation: ISO weeks, quarters, month shifts,
//! seasons, durations. Pure functions of dates and numbers; the rules call them.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::lexicon::Unit;
use crate::TimexType;

use super::{found, unresolved, Found};

pub(crate) fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
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
