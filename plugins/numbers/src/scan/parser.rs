//! Reading a number and what stands around it (qualifier, currency, scale, range, unit,
//! rate) at a token index.

use super::decimal::Dec;
use super::tokens::{Tok, TokKind};
use super::words::{
    code_of, lookup, CODES, CURRENCY_WORDS, DIMENSIONS, DOLLAR_PREFIXES, IRREGULAR_PLURALS, LABELS,
    MEASURES, METRE_CONTEXT, MONTHS, PER_WORDS, SCALES, SPEECH_VERBS, STOP, SYMBOL_CURRENCIES,
    TENS_WORDS, TIME_WORDS, UNITS_WORDS, VAGUE,
};
use super::Qualifier;

/// A parsed number: its value and the index after its last token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Number {
    pub(super) value: Dec,
    pub(super) end: usize,
    /// Written in words (`three`, `a million`).
    pub(super) words: bool,
    /// Has a scale (`billion`, `bn`).
    pub(super) scaled: bool,
    /// The bare digits, without scale: a plain integer (for years, scores, phone numbers).
    pub(super) plain_int: Option<u128>,
    /// The digit string length, for years (four digits) and phone parts.
    pub(super) digits: usize,
    pub(super) vague: bool,
    /// `one` alone: too often a pronoun to be a claim without a unit.
    pub(super) lone_one: bool,
    /// Glued `m` read as a scale only because money precedes.
    pub(super) glued_m: bool,
}

impl Number {
    /// A number written in words, its last token before `end`.
    fn in_words(value: Dec, end: usize) -> Self {
        Self {
            value,
            end,
            words: true,
            scaled: false,
            plain_int: None,
            digits: 0,
            vague: false,
            lone_one: false,
            glued_m: false,
        }
    }
}

pub(super) struct Parser<'a> {
    pub(super) toks: &'a [Tok],
    pub(super) text: &'a str,
}

impl Parser<'_> {
    pub(super) fn lower(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_str())
    }

    pub(super) fn is(&self, i: usize, w: &str) -> bool {
        self.lower(i) == w
    }

    pub(super) fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub(super) fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    pub(super) fn is_hyphen(&self, i: usize) -> bool {
        matches!(self.lower(i), "-" | "–" | "‑")
    }

    /// A word number at `i`: `three`, `twenty-five`, `a hundred`, `two million`, `a dozen`.
    fn word_number(&self, i: usize) -> Option<Number> {
        let w = self.lower(i);
        if let Some(v) = lookup(VAGUE, w) {
            // `dozens of`, `tens of thousands of`
            if self.is(i + 1, "of") {
                return Some(Number {
                    vague: true,
                    ..Number::in_words(Dec::int(v), i + 1)
                });
            }
            return None;
        }
        if w == "tens" && self.is(i + 1, "of") {
            if matches!(self.lower(i + 2), "thousands" | "millions") && self.is(i + 3, "of") {
                let v = if self.is(i + 2, "thousands") {
                    20_000
                } else {
                    20_000_000
                };
                return Some(Number {
                    vague: true,
                    ..Number::in_words(Dec::int(v), i + 3)
                });
            }
            return None;
        }
        let mut j = i;
        let mut value: u128;
        let article = matches!(w, "a" | "an");
        if article {
            value = 1;
            j += 1;
        } else if let Some(t) = lookup(TENS_WORDS, w) {
            value = t;
            j += 1;
            if self.is_hyphen(j) && self.glued(j) && self.glued(j + 1) {
                if let Some(u) =
                    lookup(UNITS_WORDS, self.lower(j + 1)).filter(|u| (1..10).contains(u))
                {
                    value += u;
                    j += 2;
                }
            }
        } else if let Some(u) = lookup(UNITS_WORDS, w) {
            value = u;
            j += 1;
        } else {
            return None;
        }
        let mut scaled = false;
        if self.is(j, "dozen") {
            value *= 12;
            j += 1;
        } else if self.is(j, "hundred") {
            value *= 100;
            j += 1;
        }
        let mut dec = Dec::int(value);
        if let Some(p) =
            lookup(SCALES, self.lower(j)).filter(|_| self.kind(j) == Some(TokKind::Word))
        {
            if self.lower(j).len() > 3 {
                dec = dec.scaled(p);
                scaled = true;
                j += 1;
            }
        }
        if article && j == i + 1 {
            return None;
        }
        Some(Number {
            scaled,
            lone_one: w == "one" && j == i + 1,
            ..Number::in_words(dec, j)
        })
    }

    /// A number at `i` (digits or words), with its scale. `money` tells a glued `m` means
    /// million (`£300m`) rather than metres.
    pub(super) fn number(&self, i: usize, money: bool) -> Option<Number> {
        let t = self.toks.get(i)?;
        if t.kind == TokKind::Word {
            return self.word_number(i);
        }
        if t.kind != TokKind::Num {
            return None;
        }
        let raw = &self.text[t.start..t.end];
        let mut value = Dec::parse(raw)?;
        let plain_int = (!raw.contains(['.', ',']))
            .then(|| raw.parse::<u128>().ok())
            .flatten();
        let digits = raw.chars().filter(char::is_ascii_digit).count();
        let mut j = i + 1;
        let mut scaled = false;
        let mut glued_m = false;
        if self.glued(j) && self.kind(j) == Some(TokKind::Word) {
            let w = self.lower(j);
            if let Some(p) = lookup(SCALES, w) {
                value = value.scaled(p);
                scaled = true;
                j += 1;
            } else if matches!(w, "m" | "b" | "k") && (money || w != "m" || self.million_m(j)) {
                value = value.scaled(match w {
                    "m" => 6,
                    "b" => 9,
                    _ => 3,
                });
                scaled = true;
                glued_m = true;
                j += 1;
            }
        } else if self.kind(j) == Some(TokKind::Word) {
            if money && matches!(self.lower(j), "m" | "b" | "k") {
                // `$5 m`
                value = value.scaled(match self.lower(j) {
                    "m" => 6,
                    "b" => 9,
                    _ => 3,
                });
                scaled = true;
                j += 1;
            } else if let Some(p) = lookup(SCALES, self.lower(j)) {
                value = value.scaled(p);
                scaled = true;
                j += 1;
            } else if self.is(j, "hundred") {
                value = value.times(100)?;
                scaled = true;
                j += 1;
            }
        }
        Some(Number {
            value,
            end: j,
            words: false,
            scaled,
            plain_int,
            digits,
            vague: false,
            lone_one: false,
            glued_m,
        })
    }

    /// Is the glued `m` at `j` (not after a currency) a million (`1.5m people`) rather than
    /// metres (`the 100m sprint`, `a 30m drop`, `rose 20m.`)? A million when a counted word
    /// follows.
    fn million_m(&self, j: usize) -> bool {
        let next = self.lower(j + 1);
        self.kind(j + 1) == Some(TokKind::Word)
            && !STOP.contains(&next)
            && !DIMENSIONS.contains(&next)
            && !METRE_CONTEXT.contains(&next)
    }

    /// A currency before a number at `i`: returns (code, index of the number).
    pub(super) fn currency_before(&self, i: usize) -> Option<(&'static str, usize)> {
        let w = self.lower(i);
        if self.kind(i) == Some(TokKind::Sym) {
            return lookup(SYMBOL_CURRENCIES, w).map(|c| (c, i + 1));
        }
        if self.kind(i) == Some(TokKind::Word) {
            if self.is(i + 1, "$") && self.glued(i + 1) {
                return lookup(DOLLAR_PREFIXES, w).map(|c| (c, i + 2));
            }
            if CODES.contains(&w)
                && self.kind(i + 1) == Some(TokKind::Num)
                && self.text[self.toks[i].start..self.toks[i].end]
                    .chars()
                    .all(char::is_uppercase)
            {
                return Some((code_of(w), i + 1));
            }
        }
        None
    }

    /// The qualifier ending right before token `i`: (qualifier, index of its first token).
    pub(super) fn qualifier_before(&self, i: usize) -> Option<(Qualifier, usize)> {
        let w1 = if i >= 1 { self.lower(i - 1) } else { "" };
        let w2 = if i >= 2 { self.lower(i - 2) } else { "" };
        let w3 = if i >= 3 { self.lower(i - 3) } else { "" };
        let two = match (w2, w1) {
            ("more" | "just" | "well" | "slightly", "than" | "over")
                if w2 != "more" || w1 == "than" =>
            {
                Some(Qualifier::MoreThan)
            }
            ("less" | "fewer", "than") | ("just" | "slightly", "under" | "below") => {
                Some(Qualifier::LessThan)
            }
            ("at", "least") => Some(Qualifier::AtLeast),
            ("at", "most") => Some(Qualifier::AtMost),
            ("up", "to") => Some(Qualifier::UpTo),
            ("close", "to") | ("an", "estimated") => Some(Qualifier::Approximately),
            _ => None,
        };
        if let Some(q) = two {
            // `no more than` is an upper bound, `no fewer than` a lower one.
            if w3 == "no" {
                return Some((
                    match q {
                        Qualifier::MoreThan => Qualifier::AtMost,
                        Qualifier::LessThan => Qualifier::AtLeast,
                        other => other,
                    },
                    i - 3,
                ));
            }
            return Some((q, i - 2));
        }
        if w3 == "as" && w1 == "as" && matches!(w2, "many" | "much" | "high" | "long") {
            return Some((Qualifier::UpTo, i - 3));
        }
        let one = match w1 {
            "about" | "around" | "approximately" | "roughly" | "nearly" | "almost" | "some"
            | "estimated" | "circa" => Some(Qualifier::Approximately),
            "over" | "above" => Some(Qualifier::MoreThan),
            "under" | "below" => Some(Qualifier::LessThan),
            "exactly" | "precisely" => Some(Qualifier::Exactly),
            _ => None,
        };
        one.map(|q| (q, i - 1))
    }

    /// Is the number at `i..end` a date, a time, an ordinal, a label or part of a name?
    pub(super) fn not_a_quantity(&self, i: usize, n: &Number) -> bool {
        let prev = if i >= 1 { self.lower(i - 1) } else { "" };
        let prev2 = if i >= 2 { self.lower(i - 2) } else { "" };
        let next = self.lower(n.end);
        // glued to a word before: G7, COP28; with a hyphen: Covid-19, F-16
        if i >= 1 && self.glued(i) && self.kind(i - 1) == Some(TokKind::Word) && !n.words {
            return true;
        }
        if i >= 2
            && self.is_hyphen(i - 1)
            && self.glued(i - 1)
            && self.glued(i)
            && self.kind(i - 2) == Some(TokKind::Word)
        {
            return true;
        }
        if !n.words {
            // ordinals and decades glued to the digits: 3rd, 14th, 1990s
            if self.glued(n.end) && matches!(next, "st" | "nd" | "rd" | "th" | "s" | "'s" | "’s")
            {
                return true;
            }
            if self.glued(n.end) && matches!(next, "'" | "’") && self.lower(n.end + 1) == "s" {
                return true;
            }
            // times: 3 p.m., 10:30, 0900 GMT
            if TIME_WORDS.contains(&next.trim_end_matches('.')) {
                return true;
            }
            if (next == ":" || next == ".")
                && self.glued(n.end)
                && self.kind(n.end + 1) == Some(TokKind::Num)
                && self.glued(n.end + 1)
            {
                return true;
            }
            // dates: March 3, Nov. 3, 3 March
            let month_before = MONTHS.contains(&prev) || (prev == "." && MONTHS.contains(&prev2));
            if (month_before || MONTHS.contains(&next)) && !n.scaled {
                return true;
            }
            if LABELS.contains(&prev.trim_end_matches('.'))
                || (prev == "." && LABELS.contains(&prev2))
            {
                return true;
            }
        }
        false
    }

    pub(super) fn unit_at(&self, j: usize) -> Option<(Unit, usize)> {
        let w = self.lower(j);
        if w.is_empty() {
            return None;
        }
        if w == "%" {
            return Some((Unit::Percent, j + 1));
        }
        if matches!(w, "percent" | "pct") {
            return self
                .percentage_points(j + 1)
                .or(Some((Unit::Percent, j + 1)));
        }
        if w == "per" && self.is(j + 1, "cent") {
            return Some((Unit::Percent, j + 2));
        }
        if w == "percentage" && matches!(self.lower(j + 1), "point" | "points") {
            return Some((Unit::Points("percentage point"), j + 2));
        }
        if w == "basis" && matches!(self.lower(j + 1), "point" | "points") {
            return Some((Unit::Points("basis point"), j + 2));
        }
        if self.kind(j) != Some(TokKind::Word) {
            return None;
        }
        if w == "us" && matches!(self.lower(j + 1), "dollars" | "dollar") {
            return Some((Unit::Money("USD"), j + 2));
        }
        if let Some(c) = lookup(CURRENCY_WORDS, w) {
            // `50 pounds of flour` is a weight
            if w == "pounds" && self.is(j + 1, "of") {
                return Some((Unit::Measure("pound"), j + 1));
            }
            return Some((Unit::Money(c), j + 1));
        }
        if CODES.contains(&w)
            && self.text[self.toks[j].start..self.toks[j].end]
                .chars()
                .all(char::is_uppercase)
        {
            return Some((Unit::Money(code_of(w)), j + 1));
        }
        if matches!(w, "square" | "sq") {
            if let Some(u) = lookup(MEASURES, self.lower(j + 1)) {
                return Some((Unit::Area(u), j + 2));
            }
        }
        if w == "cubic" {
            if let Some(u) = lookup(MEASURES, self.lower(j + 1)) {
                return Some((Unit::Volume(u), j + 2));
            }
        }
        if let Some(u) = lookup(MEASURES, w) {
            // km/h
            if self.is(j + 1, "/") && self.glued(j + 1) && matches!(self.lower(j + 2), "h" | "hr") {
                return Some((Unit::Speed(u), j + 3));
            }
            if matches!(w, "degree" | "degrees")
                && matches!(self.lower(j + 1), "celsius" | "fahrenheit" | "c" | "f")
            {
                return Some((
                    Unit::Measure(if self.lower(j + 1).starts_with('c') {
                        "degree Celsius"
                    } else {
                        "degree Fahrenheit"
                    }),
                    j + 2,
                ));
            }
            return Some((Unit::Measure(u), j + 1));
        }
        None
    }

    fn percentage_points(&self, j: usize) -> Option<(Unit, usize)> {
        None.or_else(|| {
            (matches!(self.lower(j), "point" | "points"))
                .then_some((Unit::Points("percentage point"), j + 1))
        })
    }

    /// The counted noun after a number: up to three words until a stop word or punctuation;
    /// the last is the noun (`two main container terminals` -> `terminals`).
    pub(super) fn counted_noun(&self, j: usize) -> Option<(String, usize)> {
        let mut k = j;
        while k < self.toks.len() && k < j + 3 {
            let t = &self.toks[k];
            if t.kind != TokKind::Word
                || STOP.contains(&t.lower.as_str())
                || SPEECH_VERBS.contains(&t.lower.as_str())
                || t.lower.ends_with("ly")
                || MONTHS.contains(&t.lower.as_str())
            {
                break;
            }
            k += 1;
        }
        if k == j {
            return None;
        }
        // Without a tagger a verb after the noun (`1.5m people fled`) cannot be told from the
        // noun: the noun is the first plural-looking word (`two main container terminals`),
        // else the first word (`one dead sheep` aside, a count's noun follows its number).
        let mut end = j + 1;
        for m in j..k {
            let w = self.toks[m].lower.as_str();
            if (w.ends_with('s') && !w.ends_with("ss")) || IRREGULAR_PLURALS.contains(&w) {
                end = m + 1;
                break;
            }
        }
        let noun = self.toks[end - 1].lower.clone();
        Some((noun, end))
    }

    /// `a day`, `per share`, `an hour`, `each year`.
    pub(super) fn per_at(&self, j: usize) -> Option<(String, usize)> {
        if matches!(self.lower(j), "a" | "an" | "per" | "each" | "every") {
            let w = self.lower(j + 1);
            let singular = lookup(MEASURES, w).unwrap_or(w);
            if PER_WORDS.contains(&singular) {
                return Some((singular.to_owned(), j + 2));
            }
        }
        if self.is(j, "/") && self.glued(j) && self.glued(j + 1) {
            let w = self.lower(j + 1);
            if let Some(u) = lookup(MEASURES, w).or(match w {
                "h" | "hr" => Some("hour"),
                "yr" => Some("year"),
                _ => None,
            }) {
                return Some((u.to_owned(), j + 2));
            }
        }
        None
    }

    /// A second number making a range with the first: `10-12`, `10 to 12`, `and 400`
    /// (after `between`). Returns the second number and its currency.
    pub(super) fn range_end(
        &self,
        j: usize,
        between: bool,
        money: bool,
    ) -> Option<(Number, usize)> {
        let sep = self.lower(j);
        let ok = (self.is_hyphen(j) && self.glued(j) && self.glued(j + 1))
            || (sep == "to" && !between)
            || (sep == "and" && between);
        if !ok {
            return None;
        }
        let mut k = j + 1;
        if let Some((_, after)) = self.currency_before(k) {
            k = after;
        }
        let n = self.number(k, money)?;
        (!n.vague && !n.lone_one).then_some((n, k))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Unit {
    Percent,
    Points(&'static str),
    Money(&'static str),
    Measure(&'static str),
    Area(&'static str),
    Volume(&'static str),
    Speed(&'static str),
}
