//! The temporal lexicon: every token is classified once, by a match on its lowercase form, so
//! the scan over a document costs one small string comparison per token. Only tokens that are
//! not [`Lex::Other`] can start or continue an expression.

/// Calendar units, in TIMEX3 duration notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    /// Two weeks.
    Fortnight,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The letter used in `P…` values, and whether it is a time (`PT…`) unit.
    pub fn code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week | Unit::Fortnight | Unit::Weekend => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// Words that point at a time relative to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deictic {
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Overnight,
    /// `now`, `currently`, `nowadays`: PRESENT_REF.
    Present,
    /// `recently`, `lately`, `previously`: PAST_REF.
    PastRef,
    /// `current`: PRESENT_REF as an adjective.
    Current,
}

/// Relative determiners: `this week`, `last year`, `next Tuesday`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    This,
    Last,
    Next,
    Past,
    Coming,
    Previous,
    Following,
    Recent,
    /// `latest`: only with a reporting period (`the latest quarter`).
    Latest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    Other,
    Month(u32),
    /// 1 = Monday.
    Weekday(u32),
    /// `Mondays`, `Fridays`: a recurring weekday.
    Weekdays(u32),
    /// The unit and whether it is plural.
    Unit(Unit, bool),
    /// A cardinal: a number word or a small number written in digits.
    Num(u32),
    /// A four-digit number that can be a year.
    Year(i32),
    /// A number glued to `am`/`pm` (`7pm`, `20pm` after `7:`): the number and whether p.m.
    NumAmPm(u32, bool),
    /// Digits with inner `/` or `.`: `6/12/2008`, `12.06.2008` (read by the grammar).
    Numeric,
    /// An apostrophe right before two digits: the `'` of `'05`.
    Apos,
    /// `1990s` (value `199`) or `1800s` (value `18`): the digits of the value and their count.
    Decade(i32, u8),
    /// `a`, `an`.
    A,
    /// `few`, `several`, `couple`, `many`.
    Few,
    /// `first` ... `twelfth`, `1st` ...
    Ord(u32),
    Season(&'static str),
    DayPart(&'static str),
    Deictic(Deictic),
    Rel(Rel),
    Ago,
    Earlier,
    Later,
    /// `early`, `late`, `mid`.
    Edge,
    The,
    /// `every`, `each`, `per`.
    Every,
    /// `daily`, `weekly`, ...: a SET with its value.
    SetAdv(&'static str),
    /// `quarterly`, `yearly`, `biweekly`, ...: a SET only as an adverb (`paid quarterly`,
    /// not `the quarterly report`).
    SetAdverb(&'static str),
    /// `once`, `twice`, `thrice`: how many times (`twice a week`).
    Times(u32),
    /// `alternate` (`alternate Fridays`).
    Alternate,
    /// `that` (`that year`).
    That,
    /// `AD`, `A.D.` before a year.
    Ad,
    /// `about`, `around`, `nearly`, ...: kept inside the extent, as TimeML does.
    Approx,
    More,
    Than,
    Up,
    To,
    Over,
    Just,
    At,
    Least,
    Fiscal,
    AmPm(bool),
    Noon,
    Midnight,
    Future,
    Half,
    Of,
    And,
    Or,
    In,
    End,
    Old,
    /// `Q1` ... `Q4`.
    QuarterName(u32),
    /// A named day: `Christmas`, `Thanksgiving`.
    Holiday,
    /// A word with inner hyphens: `third-quarter`, `18-month`, `mid-1990s`.
    Hyph,
    /// `local` (in `local time`), `time`.
    Local,
    TimeWord,
    /// Time zones: `EST`, `GMT`.
    Zone,
    Colon,
    Comma,
}

/// Lowercases an ASCII word into `buf`; `None` for long or non-ASCII words (never temporal).
pub(crate) fn lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let b = word.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        if !s.is_ascii() {
            return None;
        }
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// Classifies one token.
pub fn lex(word: &str) -> Lex {
    let Some(&first) = word.as_bytes().first() else {
        return Lex::Other;
    };
    if first.is_ascii_digit() {
        if word.contains('-') && !word.ends_with('-') {
            return Lex::Hyph;
        }
        return lex_number(word);
    }
    if word.len() == 1 {
        return match first {
            b':' => Lex::Colon,
            b',' => Lex::Comma,
            b'a' | b'A' => Lex::A,
            _ => Lex::Other,
        };
    }
    let mut buf = [0u8; 16];
    let Some(w) = lower(word, &mut buf) else {
        return Lex::Other;
    };
    if w.contains('-') && !w.ends_with('-') {
        return Lex::Hyph;
    }
    lex_word(w)
}

fn lex_number(word: &str) -> Lex {
    let b = word.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == b.len() {
        let Ok(n) = word.parse::<u32>() else {
            return Lex::Other;
        };
        if digits == 4 {
            return Lex::Year(n as i32);
        }
        if digits <= 3 {
            return Lex::Num(n);
        }
        return Lex::Other;
    }
    let rest = &word[digits..];
    let n: u32 = word[..digits].parse().unwrap_or(0);
    match rest {
        "s" | "'s" | "’s" if digits == 4 && n.is_multiple_of(10) => {
            if n.is_multiple_of(100) {
                Lex::Decade((n / 100) as i32, 2)
            } else {
                Lex::Decade((n / 10) as i32, 3)
            }
        }
        // `the 470s` (BC, as the grammar requires)
        "s" if digits == 3 && n.is_multiple_of(10) => Lex::Decade((n / 10) as i32, 3),
        "st" | "nd" | "rd" | "th" if digits <= 2 => Lex::Ord(n),
        "am" | "pm" | "AM" | "PM" if digits <= 2 => {
            Lex::NumAmPm(n, rest.eq_ignore_ascii_case("pm"))
        }
        _ if digits <= 3 && rest.starts_with(',') => thousands(word),
        _ if digits <= 4 && rest.starts_with(['/', '.']) && rest[1..].contains(['/', '.']) => {
            Lex::Numeric
        }
        _ => Lex::Other,
    }
}

/// `1,500`, `12,000`: a count written with thousands separators.
fn thousands(word: &str) -> Lex {
    let mut n: u32 = 0;
    for (k, group) in word.split(',').enumerate() {
        let ok = if k == 0 {
            (1..=3).contains(&group.len())
        } else {
            group.len() == 3
        };
        if !ok || !group.bytes().all(|c| c.is_ascii_digit()) {
            return Lex::Other;
        }
        let Some(v) = n
            .checked_mul(1000)
            .and_then(|m| m.checked_add(group.parse().ok()?))
        else {
            return Lex::Other;
        };
        n = v;
    }
    Lex::Num(n)
}

/// Defines the lexicon from one table of `"word" => class` entries: `lookup`, and `WORDS`
/// (the table as data, for its tests).
macro_rules! lexicon {
    ($($word:literal => $lex:expr,)*) => {
        /// Every word of the lexicon with its class (see the table below).
        #[cfg(test)]
        const WORDS: &[(&str, Lex)] = &[$(($word, $lex)),*];

        /// A word of the lexicon (lowercase).
        fn lookup(w: &str) -> Option<Lex> {
            match w {
                $($word => Some($lex),)*
                _ => None,
            }
        }
    };
}

/// The value of a cardinal number word.
pub fn number_word(w: &str) -> Option<u32> {
    match lookup(w)? {
        Lex::Num(n) => Some(n),
        _ => None,
    }
}

/// The value of an ordinal word.
pub fn ordinal_word(w: &str) -> Option<u32> {
    match lookup(w)? {
        Lex::Ord(n) => Some(n),
        _ => None,
    }
}

/// A unit word, singular or plural (`second` is an ordinal in the table, and a unit here).
pub fn unit_word(w: &str) -> Option<(Unit, bool)> {
    match lookup(w)? {
        Lex::Unit(u, plural) => Some((u, plural)),
        Lex::Ord(2) if w == "second" => Some((Unit::Second, false)),
        _ => None,
    }
}

pub fn month_word(w: &str) -> Option<u32> {
    match lookup(w)? {
        Lex::Month(m) => Some(m),
        _ => None,
    }
}

fn lex_word(w: &str) -> Lex {
    lookup(w).unwrap_or(Lex::Other)
}

// Every word the lexicon knows, in lowercase, with its class: one table, from which the
// macro makes both `WORDS` (the data, for its tests) and the `match` that looks a word up (a
// `match` on strings compiles to a search by length and bytes, faster than a search in the
// table, for the one lookup made for every token). Where a word has two readings the table
// keeps one (`second` the ordinal, `may` and `march` the months; the grammar tells the
// others from the context). Left out on purpose: `previously` and `soon` (in news they
// mostly order events rather than date them); `annual`, `biannual` (only adjectives, and
// TimeBank leaves `annual sales` unmarked). `quarterly`, `annually`, `biweekly` are sets
// only as adverbs (`paid quarterly`, not `the quarterly report`). The first word of each
// holiday in `extract/holidays.rs` is here, as `Holiday`.
lexicon! {
    "a.d." => Lex::Ad,
    "a.m" => Lex::AmPm(false),
    "a.m." => Lex::AmPm(false),
    "about" => Lex::Approx,
    "ad" => Lex::Ad,
    "afternoon" => Lex::DayPart("AF"),
    "afternoons" => Lex::DayPart("AF"),
    "ago" => Lex::Ago,
    "almost" => Lex::Approx,
    "alternate" => Lex::Alternate,
    "am" => Lex::AmPm(false),
    "an" => Lex::A,
    "and" => Lex::And,
    "annually" => Lex::SetAdverb("P1Y"),
    "approximately" => Lex::Approx,
    "apr" => Lex::Month(4),
    "apr." => Lex::Month(4),
    "april" => Lex::Month(4),
    "armistice" => Lex::Holiday,
    "around" => Lex::Approx,
    "ascension" => Lex::Holiday,
    "ash" => Lex::Holiday,
    "at" => Lex::At,
    "aug" => Lex::Month(8),
    "aug." => Lex::Month(8),
    "august" => Lex::Month(8),
    "autumn" => Lex::Season("FA"),
    "bastille" => Lex::Holiday,
    "beginning" => Lex::End,
    "biannually" => Lex::SetAdverb("P6M"),
    "biweekly" => Lex::SetAdverb("P2W"),
    "boxing" => Lex::Holiday,
    "bst" => Lex::Zone,
    "cdt" => Lex::Zone,
    "centuries" => Lex::Unit(Unit::Century, true),
    "century" => Lex::Unit(Unit::Century, false),
    "cet" => Lex::Zone,
    "christmas" => Lex::Holiday,
    "coming" => Lex::Rel(Rel::Coming),
    "couple" => Lex::Few,
    "cst" => Lex::Zone,
    "current" => Lex::Deictic(Deictic::Current),
    "currently" => Lex::Deictic(Deictic::Present),
    "daily" => Lex::SetAdv("P1D"),
    "day" => Lex::Unit(Unit::Day, false),
    "days" => Lex::Unit(Unit::Day, true),
    "dec" => Lex::Month(12),
    "dec." => Lex::Month(12),
    "decade" => Lex::Unit(Unit::Decade, false),
    "decades" => Lex::Unit(Unit::Decade, true),
    "december" => Lex::Month(12),
    "dozen" => Lex::Num(12),
    "each" => Lex::Every,
    "earlier" => Lex::Earlier,
    "early" => Lex::Edge,
    "easter" => Lex::Holiday,
    "edt" => Lex::Zone,
    "eight" => Lex::Num(8),
    "eighteen" => Lex::Num(18),
    "eighteenth" => Lex::Ord(18),
    "eighth" => Lex::Ord(8),
    "eighties" => Lex::Decade(198, 3),
    "eighty" => Lex::Num(80),
    "election" => Lex::Holiday,
    "eleven" => Lex::Num(11),
    "eleventh" => Lex::Ord(11),
    "end" => Lex::End,
    "est" => Lex::Zone,
    "evening" => Lex::DayPart("EV"),
    "evenings" => Lex::DayPart("EV"),
    "every" => Lex::Every,
    "fall" => Lex::Season("FA"),
    "father" => Lex::Holiday,
    "feb" => Lex::Month(2),
    "feb." => Lex::Month(2),
    "february" => Lex::Month(2),
    "few" => Lex::Few,
    "fewer" => Lex::More,
    "fifteen" => Lex::Num(15),
    "fifteenth" => Lex::Ord(15),
    "fifth" => Lex::Ord(5),
    "fifties" => Lex::Decade(195, 3),
    "fifty" => Lex::Num(50),
    "first" => Lex::Ord(1),
    "fiscal" => Lex::Fiscal,
    "five" => Lex::Num(5),
    "following" => Lex::Rel(Rel::Following),
    "forties" => Lex::Decade(194, 3),
    "fortnight" => Lex::Unit(Unit::Fortnight, false),
    "fortnightly" => Lex::SetAdverb("P2W"),
    "fortnights" => Lex::Unit(Unit::Fortnight, true),
    "forty" => Lex::Num(40),
    "four" => Lex::Num(4),
    "fourteen" => Lex::Num(14),
    "fourteenth" => Lex::Ord(14),
    "fourth" => Lex::Ord(4),
    "fri." => Lex::Weekday(5),
    "friday" => Lex::Weekday(5),
    "fridays" => Lex::Weekdays(5),
    "future" => Lex::Future,
    "gmt" => Lex::Zone,
    "good" => Lex::Holiday,
    "half" => Lex::Half,
    "halloween" => Lex::Holiday,
    "hour" => Lex::Unit(Unit::Hour, false),
    "hourly" => Lex::SetAdv("PT1H"),
    "hours" => Lex::Unit(Unit::Hour, true),
    "hundred" => Lex::Num(100),
    "in" => Lex::In,
    "jan" => Lex::Month(1),
    "jan." => Lex::Month(1),
    "january" => Lex::Month(1),
    "jul" => Lex::Month(7),
    "jul." => Lex::Month(7),
    "july" => Lex::Month(7),
    "jun" => Lex::Month(6),
    "jun." => Lex::Month(6),
    "june" => Lex::Month(6),
    "just" => Lex::Just,
    "labor" => Lex::Holiday,
    "last" => Lex::Rel(Rel::Last),
    "late" => Lex::Edge,
    "lately" => Lex::Deictic(Deictic::PastRef),
    "later" => Lex::Later,
    "latest" => Lex::Rel(Rel::Latest),
    "least" => Lex::Least,
    "less" => Lex::More,
    "local" => Lex::Local,
    "mar." => Lex::Month(3),
    "march" => Lex::Month(3),
    "martin" => Lex::Holiday,
    "maundy" => Lex::Holiday,
    "may" => Lex::Month(5),
    "memorial" => Lex::Holiday,
    "mid" => Lex::Edge,
    "midday" => Lex::Noon,
    "middle" => Lex::End,
    "midnight" => Lex::Midnight,
    "minute" => Lex::Unit(Unit::Minute, false),
    "minutes" => Lex::Unit(Unit::Minute, true),
    "mon." => Lex::Weekday(1),
    "monday" => Lex::Weekday(1),
    "mondays" => Lex::Weekdays(1),
    "month" => Lex::Unit(Unit::Month, false),
    "monthly" => Lex::SetAdv("P1M"),
    "months" => Lex::Unit(Unit::Month, true),
    "more" => Lex::More,
    "morning" => Lex::DayPart("MO"),
    "mornings" => Lex::DayPart("MO"),
    "mother" => Lex::Holiday,
    "nearly" => Lex::Approx,
    "new" => Lex::Holiday,
    "next" => Lex::Rel(Rel::Next),
    "night" => Lex::DayPart("NI"),
    "nightly" => Lex::SetAdv("TNI"),
    "nights" => Lex::DayPart("NI"),
    "nine" => Lex::Num(9),
    "nineteen" => Lex::Num(19),
    "nineteenth" => Lex::Ord(19),
    "nineties" => Lex::Decade(199, 3),
    "ninety" => Lex::Num(90),
    "ninth" => Lex::Ord(9),
    "noon" => Lex::Noon,
    "nov" => Lex::Month(11),
    "nov." => Lex::Month(11),
    "november" => Lex::Month(11),
    "now" => Lex::Deictic(Deictic::Present),
    "nowadays" => Lex::Deictic(Deictic::Present),
    "oct" => Lex::Month(10),
    "oct." => Lex::Month(10),
    "october" => Lex::Month(10),
    "of" => Lex::Of,
    "old" => Lex::Old,
    "once" => Lex::Times(1),
    "one" => Lex::Num(1),
    "or" => Lex::Or,
    "over" => Lex::Over,
    "overnight" => Lex::Deictic(Deictic::Overnight),
    "p.m" => Lex::AmPm(true),
    "p.m." => Lex::AmPm(true),
    "palm" => Lex::Holiday,
    "past" => Lex::Rel(Rel::Past),
    "pdt" => Lex::Zone,
    "pentecost" => Lex::Holiday,
    "per" => Lex::Every,
    "pm" => Lex::AmPm(true),
    "presently" => Lex::Deictic(Deictic::Present),
    "previous" => Lex::Rel(Rel::Previous),
    "prior" => Lex::Rel(Rel::Previous),
    "pst" => Lex::Zone,
    "q1" => Lex::QuarterName(1),
    "q2" => Lex::QuarterName(2),
    "q3" => Lex::QuarterName(3),
    "q4" => Lex::QuarterName(4),
    "quarter" => Lex::Unit(Unit::Quarter, false),
    "quarterly" => Lex::SetAdverb("P3M"),
    "quarters" => Lex::Unit(Unit::Quarter, true),
    "recent" => Lex::Rel(Rel::Recent),
    "recently" => Lex::Deictic(Deictic::PastRef),
    "remembrance" => Lex::Holiday,
    "roughly" => Lex::Approx,
    "sat." => Lex::Weekday(6),
    "saturday" => Lex::Weekday(6),
    "saturdays" => Lex::Weekdays(6),
    "second" => Lex::Ord(2),
    "seconds" => Lex::Unit(Unit::Second, true),
    "semiannually" => Lex::SetAdverb("P6M"),
    "sep" => Lex::Month(9),
    "sep." => Lex::Month(9),
    "sept" => Lex::Month(9),
    "sept." => Lex::Month(9),
    "september" => Lex::Month(9),
    "seven" => Lex::Num(7),
    "seventeen" => Lex::Num(17),
    "seventeenth" => Lex::Ord(17),
    "seventh" => Lex::Ord(7),
    "seventies" => Lex::Decade(197, 3),
    "seventy" => Lex::Num(70),
    "several" => Lex::Few,
    "six" => Lex::Num(6),
    "sixteen" => Lex::Num(16),
    "sixteenth" => Lex::Ord(16),
    "sixth" => Lex::Ord(6),
    "sixties" => Lex::Decade(196, 3),
    "sixty" => Lex::Num(60),
    "some" => Lex::Approx,
    "spring" => Lex::Season("SP"),
    "st." => Lex::Holiday,
    "start" => Lex::End,
    "summer" => Lex::Season("SU"),
    "sun." => Lex::Weekday(7),
    "sunday" => Lex::Weekday(7),
    "sundays" => Lex::Weekdays(7),
    "ten" => Lex::Num(10),
    "tenth" => Lex::Ord(10),
    "than" => Lex::Than,
    "thanksgiving" => Lex::Holiday,
    "that" => Lex::That,
    "the" => Lex::The,
    "these" => Lex::Rel(Rel::This),
    "third" => Lex::Ord(3),
    "thirteen" => Lex::Num(13),
    "thirteenth" => Lex::Ord(13),
    "thirties" => Lex::Decade(193, 3),
    "thirty" => Lex::Num(30),
    "this" => Lex::Rel(Rel::This),
    "thousand" => Lex::Num(1000),
    "three" => Lex::Num(3),
    "thrice" => Lex::Times(3),
    "thu." => Lex::Weekday(4),
    "thurs." => Lex::Weekday(4),
    "thursday" => Lex::Weekday(4),
    "thursdays" => Lex::Weekdays(4),
    "time" => Lex::TimeWord,
    "to" => Lex::To,
    "today" => Lex::Deictic(Deictic::Today),
    "tomorrow" => Lex::Deictic(Deictic::Tomorrow),
    "tonight" => Lex::Deictic(Deictic::Tonight),
    "tue." => Lex::Weekday(2),
    "tues." => Lex::Weekday(2),
    "tuesday" => Lex::Weekday(2),
    "tuesdays" => Lex::Weekdays(2),
    "twelfth" => Lex::Ord(12),
    "twelve" => Lex::Num(12),
    "twenties" => Lex::Decade(192, 3),
    "twentieth" => Lex::Ord(20),
    "twenty" => Lex::Num(20),
    "twenty-first" => Lex::Ord(21),
    "twice" => Lex::Times(2),
    "two" => Lex::Num(2),
    "under" => Lex::Over,
    "up" => Lex::Up,
    "upcoming" => Lex::Rel(Rel::Coming),
    "utc" => Lex::Zone,
    "valentine" => Lex::Holiday,
    "veterans" => Lex::Holiday,
    "wed." => Lex::Weekday(3),
    "wednesday" => Lex::Weekday(3),
    "wednesdays" => Lex::Weekdays(3),
    "week" => Lex::Unit(Unit::Week, false),
    "weekend" => Lex::Unit(Unit::Weekend, false),
    "weekends" => Lex::Unit(Unit::Weekend, true),
    "weekly" => Lex::SetAdv("P1W"),
    "weeks" => Lex::Unit(Unit::Week, true),
    "whit" => Lex::Holiday,
    "whitsunday" => Lex::Holiday,
    "winter" => Lex::Season("WI"),
    "year" => Lex::Unit(Unit::Year, false),
    "yearly" => Lex::SetAdverb("P1Y"),
    "years" => Lex::Unit(Unit::Year, true),
    "yesterday" => Lex::Deictic(Deictic::Yesterday),
}

#[cfg(test)]
mod tests {
    use super::WORDS;

    /// The table is kept sorted (easier to read, and a word twice would show next to
    /// itself); each word is at most 16 bytes, as `lower` reads no longer word; and the
    /// lookup gives each word its class.
    #[test]
    fn words_are_sorted() {
        assert!(WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(WORDS.iter().all(|(w, _)| (1..=16).contains(&w.len())));
        for (w, lex) in WORDS {
            assert_eq!(super::lex_word(w), *lex, "{w}");
        }
    }
}
