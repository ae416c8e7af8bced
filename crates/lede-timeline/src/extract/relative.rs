//! Expressions relative to the publication date (`today`, `yesterday`, `this week`, `last
//! year`, `next Tuesday`, `the past two years`, `three days ago`) and to the time last named
//! (`the next day`, `the following Monday`, `the previous year`, `that year`, `the same
//! month`; see `reference`).

use chrono::{Datelike, Duration};

use crate::lexicon::{Deictic, Lex, Rel, Unit};
use crate::TimexType;

use super::calendar::{
    duration, quarter_of, season_index, season_pos, shift_months, time_value, week, ymd, Gran,
    Point,
};
use super::dates::weekday_on;
use super::reference::gran_of;
use super::{found, unresolved, Found, Scanner, M};

/// `end` -> `END`, `beginning`, `start` -> `START`, `middle` -> `MID`.
fn edge_mod(word: &str) -> &'static str {
    match word.to_ascii_lowercase().as_str() {
        "end" => "END",
        "middle" => "MID",
        _ => "START",
    }
}

impl Scanner<'_, '_> {
    pub(super) fn deictic(&self, i: usize, d: Deictic) -> M {
        let day = |n: i64| self.dct.map(|x| x + Duration::days(n));
        let date_of = |n: i64| match day(n) {
            Some(x) => found(TimexType::Date, ymd(x)),
            None => unresolved(TimexType::Date, "XXXX-XX-XX"),
        };
        Some(match d {
            Deictic::Today => (i + 1, date_of(0)),
            Deictic::Yesterday | Deictic::Tomorrow => {
                let n = if d == Deictic::Yesterday { -1 } else { 1 };
                if let Lex::DayPart(p) = self.lex(i + 1) {
                    return Some((i + 2, time_value(day(n), &format!("T{p}"))));
                }
                (i + 1, date_of(n))
            }
            Deictic::Tonight | Deictic::Overnight => (i + 1, time_value(day(0), "TNI")),
            Deictic::Present => {
                // `now` inside `right now` / `until now` is still the present.
                (i + 1, found(TimexType::Date, "PRESENT_REF"))
            }
            Deictic::PastRef => (i + 1, found(TimexType::Date, "PAST_REF")),
            Deictic::Current => match self.lex(i + 1) {
                Lex::Unit(u, false) => {
                    return self.unit_relative(i + 2, u, 0);
                }
                // `the current fiscal year`
                Lex::Fiscal if self.lex(i + 2) == Lex::Unit(Unit::Year, false) => {
                    return self.unit_relative(i + 3, Unit::Year, 0);
                }
                // `current market conditions`: the present, as an adjective (TimeML)
                _ if self.text(i + 1).starts_with(char::is_lowercase)
                    && self.text(i + 1).len() > 2 =>
                {
                    (i + 1, found(TimexType::Date, "PRESENT_REF"))
                }
                _ => return None,
            },
        })
    }

    /// `this week`, `last year`, ...: the unit that contains DCT shifted by `by`.
    pub(super) fn unit_relative(&self, end: usize, u: Unit, by: i32) -> M {
        let Some(d) = self.dct else {
            let v = match u {
                Unit::Year => "XXXX",
                Unit::Month => "XXXX-XX",
                Unit::Week => "XXXX-WXX",
                Unit::Weekend => "XXXX-WXX-WE",
                Unit::Quarter => "XXXX-QX",
                Unit::Day => "XXXX-XX-XX",
                Unit::Decade => "XXX",
                Unit::Century => "XX",
                _ => return None,
            };
            return Some((end, unresolved(TimexType::Date, v)));
        };
        let v = match u {
            Unit::Year => format!("{:04}", d.year() + by),
            Unit::Month => {
                let m = shift_months(d, by);
                format!("{:04}-{:02}", m.year(), m.month())
            }
            Unit::Week => week(d + Duration::weeks(i64::from(by))),
            Unit::Weekend => format!("{}-WE", week(d + Duration::weeks(i64::from(by)))),
            Unit::Quarter => {
                let m = shift_months(d, by * 3);
                format!("{:04}-Q{}", m.year(), quarter_of(m))
            }
            Unit::Day => ymd(d + Duration::days(i64::from(by))),
            Unit::Decade => format!("{:03}", d.year() / 10 + by),
            Unit::Century => format!("{:02}", d.year() / 100 + by),
            _ => return None,
        };
        Some((end, found(TimexType::Date, v)))
    }

    /// Expressions opened by `this`, `last`, `next`, `past`, ... at token `i` (`the`: a `the`
    /// stands before).
    pub(super) fn rel_expr(&self, i: usize, r: Rel, the: bool) -> M {
        let j = i + 1;
        // `this coming Sunday`, `this past spring`
        if let (Rel::This, Lex::Rel(r2 @ (Rel::Coming | Rel::Past))) = (r, self.lex(j)) {
            return self.rel_expr(j, r2, the);
        }
        // `the following year`, `the previous Friday`, `the next morning` count from the time
        // last named; `next year`, `last Friday` from the publication date
        let anaphoric = matches!(r, Rel::Following | Rel::Previous) || (the && r == Rel::Next);
        let sign = match r {
            Rel::Last | Rel::Previous | Rel::Past => -1,
            Rel::This => 0,
            _ => 1,
        };
        // in a history, `this year`, `this day` in a past-tense clause are the narrative's
        // present: the time last named, not the publication date (but `this century` is
        // the writer's)
        let narrated = r == Rel::This
            && self.narrative
            && matches!(
                self.lex(j),
                Lex::Unit(Unit::Day | Unit::Week | Unit::Month | Unit::Year, false)
            )
            && self.tense(i) == Some(false);
        if r == Rel::Latest {
            // `the latest quarter` / `the latest period` of an earnings report
            let next = self.text(j).to_ascii_lowercase();
            if the && matches!(next.as_str(), "quarter" | "period") {
                return match self.reporting_quarter(0) {
                    Some(v) => Some((j + 1, found(TimexType::Date, v))),
                    None => Some((j + 1, unresolved(TimexType::Date, "XXXX-QX"))),
                };
            }
            return None;
        }
        // the past two years / last three months / the next few days
        if r != Rel::This {
            if let Some((qend, n)) = self.quantity(j) {
                if let Lex::Unit(u, _) = self.lex(qend) {
                    if the || !matches!(self.lex(j), Lex::A) {
                        return Some((qend + 1, found(TimexType::Duration, duration(n, u))));
                    }
                }
            }
        }
        match self.lex(j) {
            Lex::Unit(u, true) => {
                let v = match r {
                    Rel::Past | Rel::Last if !the => {
                        return Some((j + 1, found(TimexType::Date, "PAST_REF")));
                    }
                    Rel::This if u == Unit::Day => {
                        return Some((j + 1, found(TimexType::Date, "PRESENT_REF")));
                    }
                    Rel::This => return None,
                    _ => duration(None, u),
                };
                Some((j + 1, found(TimexType::Duration, v)))
            }
            Lex::Unit(u, false)
                if (anaphoric || narrated) && gran_of(u).is_some_and(|g| self.has_reference(g)) =>
            {
                Some((j + 1, self.relative_to_reference(sign, u)))
            }
            Lex::Unit(u, false) => match r {
                Rel::This => self.unit_relative(j + 1, u, 0),
                Rel::Last | Rel::Past if the => {
                    Some((j + 1, found(TimexType::Duration, duration(Some(1), u))))
                }
                Rel::Past => Some((j + 1, found(TimexType::Duration, duration(Some(1), u)))),
                Rel::Last | Rel::Previous => self.unit_relative(j + 1, u, -1),
                Rel::Next | Rel::Coming | Rel::Following => self.unit_relative(j + 1, u, 1),
                Rel::Recent | Rel::Latest => None,
            },
            Lex::Weekday(d) => {
                let dir = match r {
                    Rel::Last | Rel::Previous | Rel::Past => -2,
                    Rel::Next | Rel::Coming | Rel::Following => 2,
                    // `this Wednesday`: the one of this week in a past-tense clause, else
                    // the coming one
                    _ => {
                        if self.tense(i) == Some(false) {
                            -1
                        } else {
                            1
                        }
                    }
                };
                let base = if anaphoric {
                    self.anchor(Gran::Day).map(|p| p.date)
                } else {
                    self.dct
                };
                Some(weekday_on(base, j + 1, d, dir))
            }
            Lex::Holiday => self.holiday(j, Some(r)),
            Lex::Month(m) if self.month_word_at(j, false) => {
                let base = if anaphoric {
                    self.anchor(Gran::Month).map(|p| p.date)
                } else {
                    self.dct
                };
                let Some(d) = base else {
                    return Some((j + 1, unresolved(TimexType::Date, format!("XXXX-{m:02}"))));
                };
                let y = match r {
                    Rel::Last | Rel::Previous | Rel::Past => {
                        if m < d.month() {
                            d.year()
                        } else {
                            d.year() - 1
                        }
                    }
                    Rel::Next | Rel::Coming | Rel::Following => {
                        if m > d.month() {
                            d.year()
                        } else {
                            d.year() + 1
                        }
                    }
                    _ => d.year(),
                };
                Some((j + 1, found(TimexType::Date, format!("{y:04}-{m:02}"))))
            }
            Lex::Season(s) => {
                let Some(d) = self.dct else {
                    return Some((j + 1, unresolved(TimexType::Date, format!("XXXX-{s}"))));
                };
                // January and February belong to the winter that began the year before
                let cur = season_index(d);
                let cur_y = if d.month() <= 2 {
                    d.year() - 1
                } else {
                    d.year()
                };
                let idx = season_pos(s);
                let y = match r {
                    Rel::Last | Rel::Previous | Rel::Past => {
                        if idx < cur {
                            cur_y
                        } else {
                            cur_y - 1
                        }
                    }
                    Rel::Next | Rel::Coming | Rel::Following => {
                        if idx > cur {
                            cur_y
                        } else {
                            cur_y + 1
                        }
                    }
                    _ => cur_y,
                };
                Some((j + 1, found(TimexType::Date, format!("{y:04}-{s}"))))
            }
            Lex::DayPart(p) => {
                let n = match r {
                    Rel::This => 0,
                    Rel::Last | Rel::Previous | Rel::Past => -1,
                    Rel::Next | Rel::Coming | Rel::Following => 1,
                    Rel::Recent | Rel::Latest => return None,
                };
                let base = if anaphoric {
                    self.anchor(Gran::Day).map(|p| p.date)
                } else {
                    self.dct
                };
                let day = base.map(|x| x + Duration::days(n));
                Some((j + 1, time_value(day, &format!("T{p}"))))
            }
            _ if the && r == Rel::Past => Some((j, found(TimexType::Date, "PAST_REF"))),
            _ => None,
        }
    }

    /// DCT shifted by `n` units, at the granularity of the unit.
    pub(super) fn shifted(&self, n: Option<u32>, u: Unit, sign: i32) -> Found {
        let (Some(d), Some(n)) = (self.dct, n) else {
            return found(
                TimexType::Date,
                if sign < 0 { "PAST_REF" } else { "FUTURE_REF" },
            );
        };
        let k = n as i32 * sign;
        let v = match u {
            Unit::Year => format!("{:04}", d.year() + k),
            Unit::Decade => format!("{:04}", d.year() + 10 * k),
            Unit::Century => format!("{:04}", d.year() + 100 * k),
            Unit::Month => {
                let m = shift_months(d, k);
                format!("{:04}-{:02}", m.year(), m.month())
            }
            Unit::Quarter => {
                let m = shift_months(d, 3 * k);
                format!("{:04}-Q{}", m.year(), quarter_of(m))
            }
            Unit::Week | Unit::Weekend => week(d + Duration::weeks(i64::from(k))),
            Unit::Fortnight => week(d + Duration::weeks(2 * i64::from(k))),
            Unit::Day => ymd(d + Duration::days(i64::from(k))),
            Unit::Hour | Unit::Minute | Unit::Second => ymd(d),
        };
        found(TimexType::Date, v)
    }

    /// `a later date`, `an earlier date`.
    pub(super) fn a_date(&self, i: usize) -> M {
        let (later, earlier) = (self.is(i + 1, "later"), self.is(i + 1, "earlier"));
        if !(later || earlier) || !matches!(self.text(i + 2), "date" | "time" | "stage") {
            return None;
        }
        let v = if later { "FUTURE_REF" } else { "PAST_REF" };
        Some((i + 3, found(TimexType::Date, v)))
    }

    pub(super) fn the_expr(&self, i: usize) -> M {
        let j = i + 1;
        match self.lex(j) {
            Lex::Rel(r) => self.rel_expr(j, r, true),
            // `the current quarter` (but `the current market`: only `current` is the time)
            Lex::Deictic(Deictic::Current)
                if matches!(self.lex(j + 1), Lex::Unit(_, false) | Lex::Fiscal) =>
            {
                self.deictic(j, Deictic::Current)
            }
            // `the week of March 6`: that day's week
            Lex::Unit(Unit::Week, false) if self.lex(j + 1) == Lex::Of => {
                let (end, f) = self.at_inner(j + 2)?;
                let p = Point::parse(&f.value).filter(|p| p.gran == Gran::Day)?;
                Some((end, found(TimexType::Date, week(p.date))))
            }
            // `the same day`, `the same year`: the time last named
            _ if self.is(j, "same") => self.that_unit(j + 1),
            // `the day after tomorrow`, `the week before Christmas`, `the year after 1998`:
            // the period of that unit next to the anchor (`the week before Christmas` is the
            // week of Christmas Eve)
            Lex::Unit(u, false)
                if matches!(
                    self.text(j + 1).to_ascii_lowercase().as_str(),
                    "after" | "before"
                ) =>
            {
                let (end, f) = self.anchored(j + 1, 1, u)?;
                let g = gran_of(u)?;
                let (_, anchor) = self.at_inner(j + 2)?;
                let p = Point::parse(&anchor.value)?;
                let finer = |a: Gran| match a {
                    Gran::Day => 0,
                    Gran::Week => 1,
                    Gran::Month => 2,
                    Gran::Quarter => 3,
                    Gran::Year => 4,
                };
                if finer(p.gran) < finer(g) {
                    // the day after the anchor's period, or the day before it
                    let date = if self.is(j + 1, "after") {
                        let unit = match p.gran {
                            Gran::Day => Unit::Day,
                            Gran::Week => Unit::Week,
                            Gran::Month => Unit::Month,
                            Gran::Quarter => Unit::Quarter,
                            Gran::Year => Unit::Year,
                        };
                        p.shift(1, unit)?.date
                    } else {
                        p.date.pred_opt()?
                    };
                    return Some((end, found(TimexType::Date, Point { date, gran: g }.value())));
                }
                Some((end, f))
            }
            // `the year two thousand`
            Lex::Unit(Unit::Year, false) if matches!(self.lex(j + 1), Lex::Num(_)) => {
                let (end, n) = self.quantity(j + 1)?;
                let y = n.filter(|y| (1000..=2100).contains(y))?;
                Some((end, found(TimexType::Date, format!("{y:04}"))))
            }
            // `the 1988 third quarter`, `the fiscal first quarter`, `the year-ago third quarter`
            Lex::Year(_) | Lex::Fiscal | Lex::Hyph
                if matches!(self.lex(j + 1), Lex::Ord(1..=4))
                    && self.lex(j + 2) == Lex::Unit(Unit::Quarter, false) =>
            {
                let Lex::Ord(n) = self.lex(j + 1) else {
                    return None;
                };
                let code = format!("Q{n}");
                match self.lex(j) {
                    Lex::Year(y) => Some((j + 3, found(TimexType::Date, format!("{y:04}-{code}")))),
                    Lex::Fiscal => self.period_of_year(j + 3, &code, n, 4),
                    _ => {
                        let lower = self.text(j).to_ascii_lowercase();
                        if !matches!(lower.as_str(), "year-ago" | "year-earlier") {
                            return None;
                        }
                        let (end, f) = self.period_of_year(j + 3, &code, n, 4)?;
                        let v = match f.value.get(..4).and_then(|y| y.parse::<i32>().ok()) {
                            Some(y) => format!("{:04}{}", y - 1, &f.value[4..]),
                            None => f.value,
                        };
                        Some((end, Found { value: v, ..f }))
                    }
                }
            }
            Lex::Ord(n) => {
                // the first nine months
                if let Some((qend, q)) = self.quantity(j + 1) {
                    if let Lex::Unit(u, true) = self.lex(qend) {
                        if n == 1 {
                            return Some((qend + 1, found(TimexType::Duration, duration(q, u))));
                        }
                    }
                }
                self.ord_expr(j, n)
            }
            Lex::Decade(v, k) => self.decade(j, v, k),
            Lex::Edge => match self.lex(j + 1) {
                Lex::Decade(v, k) => {
                    let modifier = match self.text(j).to_ascii_lowercase().as_str() {
                        "early" => "START",
                        "mid" => "MID",
                        _ => "END",
                    };
                    let (end, f) = self.decade(j + 1, v, k)?;
                    Some((end, f.with_mod(Some(modifier))))
                }
                _ => None,
            },
            Lex::Future => Some((j + 1, found(TimexType::Date, "FUTURE_REF"))),
            // `the near future`, `the foreseeable future`
            Lex::Other
                if self.lex(j + 1) == Lex::Future
                    && matches!(
                        self.text(j).to_ascii_lowercase().as_str(),
                        "near" | "foreseeable" | "immediate" | "distant"
                    ) =>
            {
                Some((j + 2, found(TimexType::Date, "FUTURE_REF")))
            }
            // `the near term`, `the short term`
            Lex::Other
                if matches!(self.text(j), "near" | "short")
                    && self.text(j + 1).eq_ignore_ascii_case("term") =>
            {
                Some((j + 2, found(TimexType::Date, "FUTURE_REF")))
            }
            // `the weeks ahead`, `the days to come`
            Lex::Unit(u, true)
                if self.is(j + 1, "ahead") || (self.is(j + 1, "to") && self.is(j + 2, "come")) =>
            {
                let end = if self.is(j + 1, "ahead") {
                    j + 2
                } else {
                    j + 3
                };
                Some((end, found(TimexType::Duration, duration(None, u))))
            }
            // `the year ended March 31`: a fiscal year, a one-year period
            Lex::Unit(Unit::Year, false)
                if matches!(self.text(j + 1), "ended" | "ending" | "ends") =>
            {
                Some((j + 1, found(TimexType::Duration, "P1Y")))
            }
            // `for the year`, `the full year`, `the fiscal year`, `for the week` (of a report):
            // the publication date's, or in a narrative the one last named
            Lex::Unit(u @ (Unit::Year | Unit::Week), false)
                if !matches!(
                    self.text(j + 1),
                    "'s" | "’s" | "of" | "in" | "when" | "that"
                ) =>
            {
                self.this_period(j + 1, u)
            }
            Lex::Other | Lex::Fiscal
                if matches!(self.text(j), "full" | "fiscal" | "entire" | "whole")
                    && self.lex(j + 1) == Lex::Unit(Unit::Year, false)
                    && !matches!(self.text(j + 2), "ended" | "ending" | "ends") =>
            {
                self.this_period(j + 2, Unit::Year)
            }
            Lex::Unit(Unit::Quarter, false) if !self.future(i) => match self.reporting_quarter(0) {
                Some(v) => Some((j + 1, found(TimexType::Date, v))),
                None => Some((j + 1, unresolved(TimexType::Date, "XXXX-QX"))),
            },
            Lex::Unit(Unit::Weekend, false) => {
                let Some(d) = self.dct else {
                    return Some((j + 1, unresolved(TimexType::Date, "XXXX-WXX-WE")));
                };
                let sat = if self.future(i) {
                    d + Duration::days(i64::from(
                        (5 - d.weekday().num_days_from_monday() as i32).rem_euclid(7),
                    ))
                } else {
                    d - Duration::days(i64::from(
                        (d.weekday().num_days_from_monday() as i32 - 5).rem_euclid(7),
                    ))
                };
                Some((j + 1, found(TimexType::Date, format!("{}-WE", week(sat)))))
            }
            Lex::Num(_) | Lex::Few => {
                let (qend, n) = self.quantity(j)?;
                match self.lex(qend) {
                    Lex::Unit(u, true) if !matches!(self.lex(qend + 1), Lex::Ago | Lex::Old) => {
                        Some((qend + 1, found(TimexType::Duration, duration(n, u))))
                    }
                    _ => None,
                }
            }
            Lex::Season(s) => self.season_tail(j + 1, s),
            Lex::End => {
                if self.lex(j + 1) != Lex::Of {
                    return None;
                }
                let modifier = Some(edge_mod(self.text(j)));
                // `the end of the year`: the DCT's year (month, week, quarter); in a
                // narrative, the year last named
                if self.lex(j + 2) == Lex::The {
                    if let Lex::Unit(u, false) = self.lex(j + 3) {
                        if matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Quarter) {
                            let narrated =
                                self.narrative && gran_of(u).is_some_and(|g| self.has_reference(g));
                            if narrated {
                                let f = self.relative_to_reference(0, u);
                                return Some((j + 4, f.with_mod(modifier)));
                            }
                            let (end, f) = self.unit_relative(j + 4, u, 0)?;
                            return Some((end, f.with_mod(modifier)));
                        }
                    }
                }
                let (end, f) = self.core(j + 2)?;
                (f.ty == TimexType::Date).then(|| (end, f.with_mod(modifier)))
            }
            Lex::Hyph => {
                // `the year-earlier quarter` is one expression, but in `the third-quarter
                // results` the article belongs to the noun outside it.
                let (end, f) = self.hyph_expr(j)?;
                (f.ty == TimexType::Date && end > j + 1).then_some((end, f))
            }
            Lex::Unit(u, false) if matches!(self.lex(j + 1), Lex::Ago | Lex::Earlier) => {
                let _ = u;
                None
            }
            _ => None,
        }
    }
}

impl Scanner<'_, '_> {
    /// The period of unit `u` that the text speaks of: the publication date's, or in a
    /// narrative the one last named (`the year` in `For the year, sales rose`).
    fn this_period(&self, end: usize, u: Unit) -> M {
        if self.narrative && gran_of(u).is_some_and(|g| self.has_reference(g)) {
            return Some((end, self.relative_to_reference(0, u)));
        }
        self.unit_relative(end, u, 0)
    }

    /// `that year`, `that same day`, `later that month`, `that night`: the time last named.
    pub(super) fn that_expr(&self, i: usize) -> M {
        let j = if self.is(i + 1, "same") { i + 2 } else { i + 1 };
        self.that_unit(j)
    }

    /// The time last named, at the unit at token `j` (`year`, `day`, `night`), when the
    /// text has named one that fine.
    fn that_unit(&self, j: usize) -> M {
        match self.lex(j) {
            Lex::Unit(u, false) => {
                let g = gran_of(u)?;
                self.has_reference(g)
                    .then(|| (j + 1, self.relative_to_reference(0, u)))
            }
            Lex::DayPart(p) if !self.text(j).ends_with('s') && self.has_reference(Gran::Day) => {
                let day = self.anchor(Gran::Day).map(|p: Point| p.date);
                Some((j + 1, time_value(day, &format!("T{p}"))))
            }
            _ => None,
        }
    }
}
