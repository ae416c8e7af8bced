//! Recurring times (TIMEX3 type SET): `every year`, `each Monday`, `every other week`,
//! `every two weeks`, `alternate Fridays`, `Mondays`, `twice a week`, `three times a day`,
//! `three days a week`, and the adverbs `daily`, `annually`, `quarterly`, `biweekly`.
//!
//! Attributes as in TimeML: `quant` is the quantifier (`EVERY`, `EACH`; `EVERY OTHER` for
//! a weekday every second week, which the value cannot say), `freq` how often in each
//! period (`2X` for twice, `3D` for three days).

use crate::lexicon::{Lex, Unit};
use crate::TimexType;

use super::calendar::duration;
use super::words::{is_in, ADVERB_FOLLOWERS};
use super::{found, Found, Scanner, M};

fn set(value: impl Into<String>) -> Found {
    found(TimexType::Set, value)
}

impl Scanner<'_, '_> {
    /// `every year`, `each Thursday`, `every two weeks`, `every other week`, `per day`.
    pub(super) fn every_expr(&self, i: usize) -> M {
        let quant = match self.text(i).to_ascii_lowercase().as_str() {
            "every" => Some("EVERY"),
            "each" => Some("EACH"),
            _ => None,
        };
        let mut j = i + 1;
        if quant.is_none() && !matches!(self.lex(j), Lex::Unit(..)) {
            return None;
        }
        let other = quant == Some("EVERY") && self.is(j, "other");
        if other {
            j += 1;
        }
        let (end, f) = match self.lex(j) {
            Lex::Unit(u, false) if other => (j + 1, set(duration(Some(2), u))),
            Lex::Unit(u, false) => (j + 1, set(duration(Some(1), u))),
            Lex::Weekday(d) => {
                let (end, v) = self.weekday_set(j, d);
                let f = if other {
                    return Some((end, set(v).with_quant("EVERY OTHER")));
                } else {
                    set(v)
                };
                (end, f)
            }
            Lex::Month(m) if self.toks[j].capitalized() && !other => {
                (j + 1, set(format!("XXXX-{m:02}")))
            }
            Lex::DayPart(p) if !other => (j + 1, set(format!("TXX{p}"))),
            Lex::Season(s) if !other => (j + 1, set(format!("XXXX-{s}"))),
            Lex::Num(_) | Lex::Few if !other => {
                let (qend, n) = self.quantity(j)?;
                match self.lex(qend) {
                    Lex::Unit(u, true) => (qend + 1, set(duration(n, u))),
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some((
            end,
            match quant {
                Some(q) => f.with_quant(q),
                None => f,
            },
        ))
    }

    /// A weekday as a set, with a part of the day after it (`Monday`, `Friday night`): the
    /// end and the value.
    fn weekday_set(&self, j: usize, d: u32) -> (usize, String) {
        match self.lex(j + 1) {
            Lex::DayPart(p) => (j + 2, format!("XXXX-WXX-{d}T{p}")),
            _ => (j + 1, format!("XXXX-WXX-{d}")),
        }
    }

    /// `Mondays`, `Friday nights`: a weekday that recurs.
    pub(super) fn weekdays(&self, i: usize, d: u32) -> M {
        if !self.weekday_word(i) {
            return None;
        }
        let (end, v) = self.weekday_set(i, d);
        Some((end, set(v)))
    }

    /// `alternate Fridays`, `alternate weeks`.
    pub(super) fn alternate(&self, i: usize) -> M {
        match self.lex(i + 1) {
            Lex::Weekdays(d) if self.weekday_word(i + 1) => {
                let (end, v) = self.weekday_set(i + 1, d);
                Some((end, set(v).with_quant("EVERY OTHER")))
            }
            Lex::Unit(u, true) => Some((i + 2, set(duration(Some(2), u)).with_quant("EVERY"))),
            _ => None,
        }
    }

    /// `quarterly`, `annually`, `biweekly` as adverbs (`dividends are paid quarterly`), not as
    /// adjectives before a noun (`the quarterly report`), as nouns (`a quarterly`) or in a
    /// rate (`20% annually`, `10,000 units annually`).
    pub(super) fn set_adverb(&self, i: usize, v: &'static str) -> M {
        if i > 0 && matches!(self.lex(i - 1), Lex::A | Lex::The) || self.rate_before(i, false) {
            return None;
        }
        let next = self.text(i + 1);
        let noun_may_follow = next.starts_with(|c: char| c.is_alphanumeric())
            && !is_in(ADVERB_FOLLOWERS, &next.to_ascii_lowercase());
        (!noun_may_follow).then(|| (i + 1, set(v)))
    }

    /// `twice a week`, `once a year`, `three times a day`, `twice weekly`, `four times every
    /// month`: a set with a frequency.
    pub(super) fn times_a(&self, i: usize) -> M {
        let (j, n) = if let Lex::Times(n) = self.lex(i) {
            (i + 1, n)
        } else {
            let (qend, n) = self.quantity(i)?;
            if !self.is(qend, "times") {
                return None;
            }
            (qend + 1, n?)
        };
        let freq = format!("{n}X");
        if let Lex::SetAdv(v) | Lex::SetAdverb(v) = self.lex(j) {
            return Some((
                j + 1,
                Found {
                    freq: Some(freq),
                    ..set(v)
                },
            ));
        }
        let (quant, k) = match self.lex(j) {
            Lex::A => (None, j + 1),
            Lex::Every if self.is(j, "per") => (None, j + 1),
            Lex::Every if self.is(j, "each") => (Some("EACH"), j + 1),
            Lex::Every => (Some("EVERY"), j + 1),
            _ => return None,
        };
        let Lex::Unit(u, false) = self.lex(k) else {
            return None;
        };
        let f = Found {
            freq: Some(freq),
            quant,
            ..set(duration(Some(1), u))
        };
        Some((k + 1, f))
    }

    /// `three days a week`, `two hours per day`: a count of units in each longer period (at
    /// token `j`, after the count and its unit).
    pub(super) fn per_period(&self, j: usize, n: Option<u32>, u: Unit) -> M {
        if !matches!(self.lex(j), Lex::A) && !self.is(j, "per") {
            return None;
        }
        let Lex::Unit(period, false) = self.lex(j + 1) else {
            return None;
        };
        let longer = matches!(
            (u, period),
            (Unit::Hour, Unit::Day | Unit::Week)
                | (Unit::Day, Unit::Week | Unit::Month | Unit::Year)
                | (Unit::Week | Unit::Weekend, Unit::Month | Unit::Year)
                | (Unit::Month, Unit::Year)
        );
        if !longer {
            return None;
        }
        let (code, time) = u.code();
        let freq = format!("{}{}{code}", if time { "T" } else { "" }, n?);
        let f = Found {
            freq: Some(freq),
            ..set(duration(Some(1), period))
        };
        Some((j + 2, f))
    }
}
