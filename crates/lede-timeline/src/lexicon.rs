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
fn lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
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
        "s" | "'s" | "’s" if digits == 4 && n % 10 == 0 => {
            if n % 100 == 0 {
                Lex::Decade((n / 100) as i32, 2)
            } else {
                Lex::Decade((n / 10) as i32, 3)
            }
        }
        // `the 470s` (BC, as the grammar requires)
        "s" if digits == 3 && n % 10 == 0 => Lex::Decade((n / 10) as i32, 3),
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

/// The value of a cardinal number word.
pub fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "thousand" => 1000,
        _ => return None,
    })
}

/// The value of an ordinal word.
pub fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

/// A unit word, singular or plural.
pub fn unit_word(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "fortnight" => (Unit::Fortnight, false),
        "fortnights" => (Unit::Fortnight, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

pub fn month_word(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" | "jan." => 1,
        "february" | "feb" | "feb." => 2,
        "march" | "mar." => 3,
        "april" | "apr" | "apr." => 4,
        "may" => 5,
        "june" | "jun" | "jun." => 6,
        "july" | "jul" | "jul." => 7,
        "august" | "aug" | "aug." => 8,
        "september" | "sept" | "sept." | "sep" | "sep." => 9,
        "october" | "oct" | "oct." => 10,
        "november" | "nov" | "nov." => 11,
        "december" | "dec" | "dec." => 12,
        _ => return None,
    })
}

fn lex_word(w: &str) -> Lex {
    if let Some(m) = month_word(w) {
        return Lex::Month(m);
    }
    if let Some(n) = number_word(w) {
        return Lex::Num(n);
    }
    if let Some(n) = ordinal_word(w) {
        return Lex::Ord(n);
    }
    if let Some((u, p)) = unit_word(w) {
        return Lex::Unit(u, p);
    }
    match w {
        "monday" | "mon." => Lex::Weekday(1),
        "tuesday" | "tues." | "tue." => Lex::Weekday(2),
        "wednesday" | "wed." => Lex::Weekday(3),
        "thursday" | "thurs." | "thu." => Lex::Weekday(4),
        "friday" | "fri." => Lex::Weekday(5),
        "saturday" | "sat." => Lex::Weekday(6),
        "sunday" | "sun." => Lex::Weekday(7),
        "mondays" => Lex::Weekdays(1),
        "tuesdays" => Lex::Weekdays(2),
        "wednesdays" => Lex::Weekdays(3),
        "thursdays" => Lex::Weekdays(4),
        "fridays" => Lex::Weekdays(5),
        "saturdays" => Lex::Weekdays(6),
        "sundays" => Lex::Weekdays(7),
        "an" => Lex::A,
        "few" | "several" | "couple" => Lex::Few,
        "spring" => Lex::Season("SP"),
        "summer" => Lex::Season("SU"),
        "fall" | "autumn" => Lex::Season("FA"),
        "winter" => Lex::Season("WI"),
        "morning" | "mornings" => Lex::DayPart("MO"),
        "afternoon" | "afternoons" => Lex::DayPart("AF"),
        "evening" | "evenings" => Lex::DayPart("EV"),
        "night" | "nights" => Lex::DayPart("NI"),
        "today" => Lex::Deictic(Deictic::Today),
        "yesterday" => Lex::Deictic(Deictic::Yesterday),
        "tomorrow" => Lex::Deictic(Deictic::Tomorrow),
        "tonight" => Lex::Deictic(Deictic::Tonight),
        "overnight" => Lex::Deictic(Deictic::Overnight),
        "now" | "currently" | "nowadays" | "presently" => Lex::Deictic(Deictic::Present),
        // `previously` and `soon` are left out: in news they mostly order events ("as soon
        // as", "previously announced") rather than date them.
        "recently" | "lately" => Lex::Deictic(Deictic::PastRef),
        "current" => Lex::Deictic(Deictic::Current),
        "this" | "these" => Lex::Rel(Rel::This),
        "last" => Lex::Rel(Rel::Last),
        "next" => Lex::Rel(Rel::Next),
        "past" => Lex::Rel(Rel::Past),
        "coming" | "upcoming" => Lex::Rel(Rel::Coming),
        "previous" | "prior" => Lex::Rel(Rel::Previous),
        "following" => Lex::Rel(Rel::Following),
        "recent" => Lex::Rel(Rel::Recent),
        // decades of the 20th century by name (`the nineties`)
        "twenties" => Lex::Decade(192, 3),
        "thirties" => Lex::Decade(193, 3),
        "forties" => Lex::Decade(194, 3),
        "fifties" => Lex::Decade(195, 3),
        "sixties" => Lex::Decade(196, 3),
        "seventies" => Lex::Decade(197, 3),
        "eighties" => Lex::Decade(198, 3),
        "nineties" => Lex::Decade(199, 3),
        "latest" => Lex::Rel(Rel::Latest),
        "q1" => Lex::QuarterName(1),
        "q2" => Lex::QuarterName(2),
        "q3" => Lex::QuarterName(3),
        "q4" => Lex::QuarterName(4),
        // the first word of a holiday's name (the names are in extract/holidays.rs)
        "christmas" | "thanksgiving" | "halloween" | "easter" | "new" | "good" | "boxing"
        | "valentine" | "st." | "bastille" | "armistice" | "remembrance" | "veterans"
        | "memorial" | "labor" | "mother" | "father" | "martin" | "maundy" | "palm" | "ash"
        | "pentecost" | "whit" | "whitsunday" | "ascension" | "election" => Lex::Holiday,
        "ago" => Lex::Ago,
        "earlier" => Lex::Earlier,
        "later" => Lex::Later,
        "early" | "late" | "mid" => Lex::Edge,
        "the" => Lex::The,
        "every" | "each" | "per" => Lex::Every,
        "daily" => Lex::SetAdv("P1D"),
        "weekly" => Lex::SetAdv("P1W"),
        "monthly" => Lex::SetAdv("P1M"),
        "hourly" => Lex::SetAdv("PT1H"),
        "nightly" => Lex::SetAdv("TNI"),
        // these mostly qualify reports, meetings and payments as adjectives (`the quarterly
        // report`, `annual sales`: TimeBank leaves those unmarked); as adverbs they state a
        // recurrence (`paid quarterly`). `annual` and `biannual` are only adjectives.
        "annually" | "yearly" => Lex::SetAdverb("P1Y"),
        "semiannually" | "biannually" => Lex::SetAdverb("P6M"),
        "quarterly" => Lex::SetAdverb("P3M"),
        "biweekly" | "fortnightly" => Lex::SetAdverb("P2W"),
        "once" => Lex::Times(1),
        "twice" => Lex::Times(2),
        "thrice" => Lex::Times(3),
        "alternate" => Lex::Alternate,
        "that" => Lex::That,
        "ad" | "a.d." => Lex::Ad,
        "about" | "around" | "nearly" | "almost" | "approximately" | "roughly" | "some" => {
            Lex::Approx
        }
        "more" | "less" | "fewer" => Lex::More,
        "than" => Lex::Than,
        "up" => Lex::Up,
        "to" => Lex::To,
        "over" | "under" => Lex::Over,
        "just" => Lex::Just,
        "at" => Lex::At,
        "least" => Lex::Least,
        "fiscal" => Lex::Fiscal,
        "a.m." | "am" | "a.m" => Lex::AmPm(false),
        "p.m." | "pm" | "p.m" => Lex::AmPm(true),
        "noon" | "midday" => Lex::Noon,
        "midnight" => Lex::Midnight,
        "future" => Lex::Future,
        "half" => Lex::Half,
        "of" => Lex::Of,
        "and" => Lex::And,
        "or" => Lex::Or,
        "in" => Lex::In,
        "end" | "beginning" | "start" | "middle" => Lex::End,
        "old" => Lex::Old,
        "local" => Lex::Local,
        "time" => Lex::TimeWord,
        "est" | "edt" | "gmt" | "utc" | "pst" | "pdt" | "cst" | "cdt" | "bst" | "cet" => Lex::Zone,
        _ => Lex::Other,
    }
}
