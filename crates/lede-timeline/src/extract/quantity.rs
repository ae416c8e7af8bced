//! Counts and lengths of time: `18 months`, `a few days`, `twenty four hours`, `two years
//! ago`, `a week later`, and the sets that repeat them (`every year`, `each Thursday`).

use crate::lexicon::{number_word, Lex, Unit};
use crate::TimexType;

use super::calendar::duration;
use super::words::{is_in, AMOUNT_WORDS};
use super::{found, Scanner, M};

impl Scanner<'_, '_> {
    /// A count: digits, number words (`twenty four`), `a`, `a few`, `several`. `None` inside is
    /// an unspecified count (`X` in the value).
    pub(super) fn quantity(&self, i: usize) -> Option<(usize, Option<u32>)> {
        match self.lex(i) {
            Lex::Num(n) => {
                if n % 10 == 0 && (20..100).contains(&n) {
                    if let Lex::Num(m) = self.lex(i + 1) {
                        if m < 10 {
                            return Some((i + 2, Some(n + m)));
                        }
                    }
                }
                if n == 100 {
                    return None;
                }
                Some((i + 1, Some(n)))
            }
            Lex::A => match self.lex(i + 1) {
                Lex::Few => {
                    let j = if self.lex(i + 2) == Lex::Of {
                        i + 3
                    } else {
                        i + 2
                    };
                    Some((j, None))
                }
                Lex::Num(12) if self.text(i + 1).eq_ignore_ascii_case("dozen") => {
                    Some((i + 2, Some(12)))
                }
                _ => Some((i + 1, Some(1))),
            },
            Lex::Few => Some((i + 1, None)),
            Lex::Hyph => {
                let lower = self.text(i).to_ascii_lowercase();
                let mut parts = lower.split('-');
                let (a, b) = (parts.next()?, parts.next()?);
                if parts.next().is_some() {
                    return None;
                }
                let (a, b) = (number_word(a)?, number_word(b)?);
                (a >= 20 && b < 10).then_some((i + 1, Some(a + b)))
            }
            _ => None,
        }
    }

    /// `18 months`, `two years ago`, `a week later`.
    pub(super) fn quantity_expr(&self, i: usize, _the: bool) -> M {
        let (qend, n) = self.quantity(i)?;
        let Lex::Unit(u, plural) = self.lex(qend) else {
            return None;
        };
        // `a second time`, `one day` (some day) are not expressions of time.
        if matches!(self.lex(i), Lex::A | Lex::Num(1)) && matches!(u, Unit::Second) {
            return None;
        }
        if n == Some(1) && plural {
            return None;
        }
        let uend = qend + 1;
        // `a quarter point`, `a quarter of the votes`: a fraction, not a period
        if u == Unit::Quarter
            && self.lex(i) == Lex::A
            && !matches!(
                self.lex(uend),
                Lex::Ago | Lex::Earlier | Lex::Later | Lex::Other
            )
        {
            return None;
        }
        if u == Unit::Quarter && self.lex(i) == Lex::A && self.lex(uend) == Lex::Other {
            let next = self.text(uend);
            if next.chars().next().is_some_and(char::is_alphanumeric) {
                return None;
            }
        }
        // `$90 million a year`, `four flights a week`: a rate. TimeBank leaves rates
        // unmarked, so they are not reported as expressions.
        if self.lex(i) == Lex::A && !plural && i > 0 {
            let prev = self.text(i - 1).to_ascii_lowercase();
            let amount = prev.ends_with('%')
                || prev.chars().next().is_some_and(|c| c.is_ascii_digit())
                || (prev.len() > 3 && prev.ends_with('s') && self.lex(i - 1) == Lex::Other)
                || is_in(AMOUNT_WORDS, &prev);
            if amount && !matches!(self.lex(uend), Lex::Ago | Lex::Earlier | Lex::Later) {
                return None;
            }
        }
        match self.lex(uend) {
            Lex::Ago | Lex::Earlier => {
                // `profit rose in the quarter from $5 million a year earlier`: in a sentence
                // about a quarter, a year back is the same quarter a year before.
                if u == Unit::Year && n == Some(1) && self.mentions_quarter() {
                    if let Some(v) = self.reporting_quarter(1) {
                        return Some((uend + 1, found(TimexType::Date, v)));
                    }
                }
                return Some((uend + 1, self.shifted(n, u, -1)));
            }
            Lex::Later if self.future(i) => return Some((uend + 1, self.shifted(n, u, 1))),
            Lex::Old => return None,
            _ => {}
        }
        if self.text(i).eq_ignore_ascii_case("one") && u == Unit::Day && !plural {
            return None;
        }
        Some((uend, found(TimexType::Duration, duration(n, u))))
    }

    /// `every year`, `each Thursday`, `every two weeks`.
    pub(super) fn every_expr(&self, i: usize) -> M {
        let j = i + 1;
        if self.text(i).eq_ignore_ascii_case("per") && !matches!(self.lex(j), Lex::Unit(..)) {
            return None;
        }
        match self.lex(j) {
            Lex::Unit(u, false) => Some((j + 1, found(TimexType::Set, duration(Some(1), u)))),
            Lex::Weekday(d) => Some((j + 1, found(TimexType::Set, format!("XXXX-WXX-{d}")))),
            Lex::Month(m) if self.toks[j].capitalized() => {
                Some((j + 1, found(TimexType::Set, format!("XXXX-{m:02}"))))
            }
            Lex::DayPart(p) => Some((j + 1, found(TimexType::Set, format!("TXX{p}")))),
            Lex::Season(s) => Some((j + 1, found(TimexType::Set, format!("XXXX-{s}")))),
            Lex::Num(_) | Lex::Few => {
                let (qend, n) = self.quantity(j)?;
                match self.lex(qend) {
                    Lex::Unit(u, true) => Some((qend + 1, found(TimexType::Set, duration(n, u)))),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
