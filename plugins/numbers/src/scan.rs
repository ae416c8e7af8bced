//! Finding numeric claims in one sentence: a small tokeniser of its own (numbers like `1.2bn`
//! and `16-foot` need finer tokens than the shared layer gives) and a left-to-right parser
//! that reads, around each number, a qualifier (`more than`), a currency (`$`, `euros`), a
//! scale (`billion`), a range (`10-12`, `between 300 and 400`), a unit (`%`, `metres`, a
//! counted noun) and a rate (`a day`), and that skips what is not a claim: years, dates,
//! times, ordinals, phone numbers and labels (`number 9`, `Covid-19`).

// The parser walks token indices (`i`, `j`, `k`) and numbers (`n`, `m`) like the grammar it
// follows; longer names made the index arithmetic harder to check, not easier.
#![allow(clippy::many_single_char_names)]

use serde::{Deserialize, Serialize};

/// What a claim measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An amount of money: `$1.2bn`, `68 million euros`.
    Money,
    /// `3.5 percent`, `76%`.
    Percent,
    /// A change of a rate: `7 basis points`, `2 percentage points`.
    PercentagePoints,
    /// A measured quantity: `1.8 metres`, `160 kilometres an hour`, `30 years`.
    Quantity,
    /// A number of things: `1,500 troops`, `three ports`, `thousands of people`.
    Count,
    /// `one in five`, `two-thirds of`, `nine out of 10`.
    Ratio,
    /// Someone's age: `the 24-year-old`, `Per Holmen, 64,`.
    Age,
    /// A tally: `ruling 6-3`, `a 3-1 win`.
    Score,
    /// A number without a unit: `compared with 24,100`.
    Number,
}

/// How the claim qualifies its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// `about`, `some`, `nearly`, `an estimated`.
    Approximately,
    /// `more than`, `over`, `just over`.
    MoreThan,
    /// `at least`, `no fewer than`.
    AtLeast,
    /// `less than`, `under`, `below`.
    LessThan,
    /// `at most`, `no more than`.
    AtMost,
    /// `up to`, `as many as`.
    UpTo,
    /// `exactly`.
    Exactly,
}

/// One numeric claim, before it is tied to its sentence and entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub high: Option<f64>,
    pub against: Option<f64>,
    pub unit: Option<String>,
    pub per: Option<String>,
    pub dimension: Option<String>,
    pub of: Option<String>,
    pub qualifier: Option<Qualifier>,
    /// `dozens of`, `thousands of`: the value is a lower bound of a vague amount.
    pub vague: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Num,
    Word,
    Sym,
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
    /// Whitespace before it (tokens glued together form `1.2bn`, `16-foot`, `US$`).
    space: bool,
    lower: String,
}

fn tokenize(text: &str, base: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut space = true;
    while i < chars.len() {
        let (s, c) = chars[i];
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let kind;
        let mut j = i + 1;
        if c.is_ascii_digit() {
            kind = TokKind::Num;
            while j < chars.len() {
                let d = chars[j].1;
                let next_digit = chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                if d.is_ascii_digit() || ((d == ',' || d == '.') && next_digit) {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if c.is_alphabetic() {
            kind = TokKind::Word;
            let mut seg = 1;
            while j < chars.len() {
                let d = chars[j].1;
                let next_alpha = chars.get(j + 1).is_some_and(|n| n.1.is_alphabetic());
                if d.is_alphabetic() {
                    j += 1;
                    seg += 1;
                } else if (d == '\'' || d == '’') && next_alpha {
                    j += 1;
                } else if d == '.' && next_alpha && seg == 1 {
                    // abbreviations written with points: p.m., U.S.
                    j += 1;
                    seg = 0;
                } else {
                    break;
                }
            }
        } else {
            kind = TokKind::Sym;
        }
        let e = chars.get(j).map_or(text.len(), |x| x.0);
        toks.push(Tok {
            start: base + s,
            end: base + e,
            kind,
            space,
            lower: text[s..e].to_lowercase(),
        });
        space = false;
        i = j;
    }
    toks
}

/// An exact decimal (`mantissa × 10^exp`) so that `1.2 billion` is exactly 1200000000.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dec {
    mantissa: u128,
    exp: i32,
}

impl Dec {
    fn int(n: u128) -> Self {
        Self {
            mantissa: n,
            exp: 0,
        }
    }

    fn parse(s: &str) -> Option<Self> {
        let mut mantissa: u128 = 0;
        let mut exp = 0i32;
        let mut after_point = false;
        for c in s.chars() {
            match c {
                '0'..='9' => {
                    mantissa = mantissa
                        .checked_mul(10)?
                        .checked_add(u128::from(c as u8 - b'0'))?;
                    if after_point {
                        exp -= 1;
                    }
                }
                ',' => {}
                '.' => after_point = true,
                _ => return None,
            }
        }
        Some(Self { mantissa, exp })
    }

    fn scaled(self, pow10: i32) -> Self {
        Self {
            mantissa: self.mantissa,
            exp: self.exp + pow10,
        }
    }

    fn times(self, n: u128) -> Option<Self> {
        Some(Self {
            mantissa: self.mantissa.checked_mul(n)?,
            exp: self.exp,
        })
    }

    fn to_f64(self) -> f64 {
        // Decimal string to f64 is correctly rounded: exact and platform-independent.
        format!("{}e{}", self.mantissa, self.exp)
            .parse()
            .unwrap_or(f64::NAN)
    }
}

const UNITS_WORDS: &[(&str, u128)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];
const TENS_WORDS: &[(&str, u128)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
/// Scale words and their power of ten; `m`, `bn` and the like only right after a number.
const SCALES: &[(&str, i32)] = &[
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("trillion", 12),
    ("mn", 6),
    ("bn", 9),
    ("tn", 12),
    ("trn", 12),
];
const VAGUE: &[(&str, u128)] = &[
    ("dozens", 24),
    ("scores", 40),
    ("hundreds", 200),
    ("thousands", 2000),
    ("millions", 2_000_000),
    ("billions", 2_000_000_000),
];
const FRACTIONS: &[(&str, f64)] = &[
    ("half", 0.5),
    ("third", 1.0 / 3.0),
    ("thirds", 1.0 / 3.0),
    ("quarter", 0.25),
    ("quarters", 0.25),
    ("fifth", 0.2),
    ("fifths", 0.2),
    ("tenth", 0.1),
    ("tenths", 0.1),
];
const SYMBOL_CURRENCIES: &[(&str, &str)] = &[
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₦", "NGN"),
];
/// Prefixes glued to `$`: `US$`, `A$`, `HK$`.
const DOLLAR_PREFIXES: &[(&str, &str)] = &[
    ("us", "USD"),
    ("a", "AUD"),
    ("c", "CAD"),
    ("hk", "HKD"),
    ("nz", "NZD"),
    ("s", "SGD"),
];
const CODES: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "chf", "cny", "inr", "ngn", "cad", "aud", "rub", "uah",
];
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("pounds", "GBP"),
    ("sterling", "GBP"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("rupees", "INR"),
    ("naira", "NGN"),
    ("rand", "ZAR"),
    ("francs", "CHF"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("hryvnias", "UAH"),
    ("hryvnia", "UAH"),
    ("shekels", "ILS"),
    ("pesos", "peso"),
    ("kroner", "krone"),
    ("kronor", "krona"),
    ("crowns", "crown"),
    ("dinars", "dinar"),
    ("dirhams", "AED"),
    ("riyals", "SAR"),
    ("rupiah", "IDR"),
    ("ringgit", "MYR"),
    ("lira", "TRY"),
];
/// Measure words (singular and plural) and their canonical unit.
const MEASURES: &[(&str, &str)] = &[
    ("foot", "foot"),
    ("feet", "foot"),
    ("ft", "foot"),
    ("inch", "inch"),
    ("inches", "inch"),
    ("yard", "yard"),
    ("yards", "yard"),
    ("mile", "mile"),
    ("miles", "mile"),
    ("metre", "metre"),
    ("metres", "metre"),
    ("meter", "metre"),
    ("meters", "metre"),
    ("centimetres", "centimetre"),
    ("centimeters", "centimetre"),
    ("cm", "centimetre"),
    ("millimetres", "millimetre"),
    ("millimeters", "millimetre"),
    ("mm", "millimetre"),
    ("kilometre", "kilometre"),
    ("kilometres", "kilometre"),
    ("kilometer", "kilometre"),
    ("kilometers", "kilometre"),
    ("km", "kilometre"),
    ("kg", "kilogram"),
    ("kilogram", "kilogram"),
    ("kilograms", "kilogram"),
    ("kilos", "kilogram"),
    ("gram", "gram"),
    ("grams", "gram"),
    ("tonne", "tonne"),
    ("tonnes", "tonne"),
    ("ton", "ton"),
    ("tons", "ton"),
    ("lb", "pound"),
    ("lbs", "pound"),
    ("litre", "litre"),
    ("litres", "litre"),
    ("liter", "litre"),
    ("liters", "litre"),
    ("gallon", "gallon"),
    ("gallons", "gallon"),
    ("barrel", "barrel"),
    ("barrels", "barrel"),
    ("hectare", "hectare"),
    ("hectares", "hectare"),
    ("acre", "acre"),
    ("acres", "acre"),
    ("degree", "degree"),
    ("degrees", "degree"),
    ("m", "metre"),
    ("mph", "mile per hour"),
    ("kph", "kilometre per hour"),
    ("megawatts", "megawatt"),
    ("megawatt", "megawatt"),
    ("mw", "megawatt"),
    ("gigawatts", "gigawatt"),
    ("gw", "gigawatt"),
    ("kwh", "kilowatt hour"),
    ("second", "second"),
    ("seconds", "second"),
    ("minute", "minute"),
    ("minutes", "minute"),
    ("hour", "hour"),
    ("hours", "hour"),
    ("day", "day"),
    ("days", "day"),
    ("week", "week"),
    ("weeks", "week"),
    ("month", "month"),
    ("months", "month"),
    ("year", "year"),
    ("years", "year"),
    ("decade", "decade"),
    ("decades", "decade"),
    ("century", "century"),
    ("centuries", "century"),
];
/// Words after a unit that say what it measures: `a 16-foot deep crater`.
const DIMENSIONS: &[&str] = &[
    "deep", "high", "tall", "long", "wide", "thick", "away", "across",
];
/// Words after a glued `m` that make it metres: `the 100m sprint`, `a 50m pool`.
const METRE_CONTEXT: &[&str] = &[
    "sprint",
    "race",
    "dash",
    "freestyle",
    "backstroke",
    "breaststroke",
    "butterfly",
    "medley",
    "hurdles",
    "relay",
    "pool",
    "final",
    "heat",
    "drop",
    "fall",
    "tower",
    "wall",
    "wave",
    "waves",
    "yacht",
    "tunnel",
    "bridge",
    "dam",
];
/// Plurals without an `s`: the counted noun of `3,000 people`, `1.5m children`.
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "police",
    "staff",
    "personnel",
    "cattle",
    "sheep",
    "fish",
    "deer",
    "livestock",
    "aircraft",
    "crew",
    "faithful",
    "clergy",
    "infantry",
];
/// What a rate is per: `$12 million a day`, `$34.50 a share`.
const PER_WORDS: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "share",
    "person",
    "head",
    "capita",
    "household",
    "barrel",
    "tonne",
    "litre",
    "gallon",
    "kilometre",
    "mile",
    "unit",
    "night",
    "game",
    "season",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
/// Words after a number that make it a time of day.
const TIME_WORDS: &[&str] = &[
    "a.m", "p.m", "am", "pm", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "pst", "o'clock",
];
/// Words before a number that make it a label, not a quantity.
const LABELS: &[&str] = &[
    "number",
    "no",
    "nos",
    "article",
    "section",
    "chapter",
    "flight",
    "route",
    "page",
    "room",
    "paragraph",
    "resolution",
    "model",
    "version",
    "level",
    "grade",
    "gate",
    "platform",
    "channel",
    "bus",
    "ward",
    "district",
    "category",
    "phase",
    "stage",
    "class",
    "type",
    "size",
    "amendment",
    "rule",
    "act",
    "highway",
    "interstate",
    "line",
    "unit",
    "block",
    "floor",
    "terminal",
    "pier",
    "berth",
    "apartment",
    "suite",
    "box",
    "exit",
    "track",
    "window",
    "covid",
    "episode",
    "season",
    "week",
    "day",
    "round",
    "game",
    "match",
    "minute",
    "hole",
    "lap",
    "mile",
    "km",
    "kilometre",
    "shirt",
];
/// Words around `N-M` that make it a tally.
const SCORE_WORDS: &[&str] = &[
    "win",
    "won",
    "victory",
    "defeat",
    "defeated",
    "beat",
    "lost",
    "loss",
    "draw",
    "drew",
    "ruling",
    "ruled",
    "vote",
    "voted",
    "votes",
    "majority",
    "decision",
    "verdict",
    "lead",
    "score",
    "scoreline",
    "thrashing",
];
/// Words that end a counted noun phrase (`40 ships waiting`: the noun is `ships`).
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "than",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "this",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "can",
    "do",
    "did",
    "does",
    "not",
    "no",
    "it",
    "its",
    "their",
    "his",
    "her",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "said",
    "says",
    "say",
    "told",
    "after",
    "before",
    "since",
    "until",
    "while",
    "when",
    "where",
    "if",
    "per",
    "each",
    "every",
    "more",
    "less",
    "fewer",
    "about",
    "into",
    "over",
    "under",
    "up",
    "down",
    "out",
    "off",
    "so",
    "then",
    "there",
    "here",
    "all",
    "both",
    "also",
    "only",
    "just",
    "against",
    "between",
    "during",
    "through",
    "across",
    "among",
    "ago",
    "later",
    "earlier",
    "last",
    "next",
    "this",
    "percent",
    "pct",
    "cent",
    "times",
    "time",
    "other",
    "others",
    "own",
    "same",
    "such",
    "what",
    "how",
    "why",
    "yet",
    "still",
    "even",
    "now",
    "again",
    "ever",
    "never",
    "already",
    "too",
    "very",
    "well",
    "like",
    "onto",
    "upon",
    "within",
    "without",
    "toward",
    "towards",
    "behind",
    "beyond",
    "near",
    "including",
    "compared",
    "according",
    "people's",
    "one",
    "two",
    "three",
];
/// Verbs of saying: never the counted noun (`300 said`), and they make the entity before them
/// a speaker rather than what a number is about (in `Whitfield said the company would save
/// $90 million`, the claim is not about Whitfield).
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "noted",
    "warned",
    "argued",
    "insisted",
    "claimed",
    "announced",
    "wrote",
    "according",
];

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// A parsed number: its value and the index after its last token.
#[derive(Debug, Clone, Copy)]
struct Number {
    value: Dec,
    end: usize,
    /// Written in words (`three`, `a million`).
    words: bool,
    /// Has a scale (`billion`, `bn`).
    scaled: bool,
    /// The bare digits, without scale: a plain integer (for years, scores, phone numbers).
    plain_int: Option<u128>,
    /// The digit string length, for years (four digits) and phone parts.
    digits: usize,
    vague: bool,
    /// `one` alone: too often a pronoun to be a claim without a unit.
    lone_one: bool,
    /// Glued `m` read as a scale only because money precedes.
    glued_m: bool,
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

struct Parser<'a> {
    toks: &'a [Tok],
    text: &'a str,
}

impl Parser<'_> {
    fn lower(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_str())
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.lower(i) == w
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    fn is_hyphen(&self, i: usize) -> bool {
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
    fn number(&self, i: usize, money: bool) -> Option<Number> {
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
    fn currency_before(&self, i: usize) -> Option<(&'static str, usize)> {
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
    fn qualifier_before(&self, i: usize) -> Option<(Qualifier, usize)> {
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
    fn not_a_quantity(&self, i: usize, n: &Number) -> bool {
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

    fn unit_at(&self, j: usize) -> Option<(Unit, usize)> {
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
    fn counted_noun(&self, j: usize) -> Option<(String, usize)> {
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
    fn per_at(&self, j: usize) -> Option<(String, usize)> {
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
    fn range_end(&self, j: usize, between: bool, money: bool) -> Option<(Number, usize)> {
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
enum Unit {
    Percent,
    Points(&'static str),
    Money(&'static str),
    Measure(&'static str),
    Area(&'static str),
    Volume(&'static str),
    Speed(&'static str),
}

fn code_of(w: &str) -> &'static str {
    match w {
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "jpy" => "JPY",
        "chf" => "CHF",
        "cny" => "CNY",
        "inr" => "INR",
        "ngn" => "NGN",
        "cad" => "CAD",
        "aud" => "AUD",
        "rub" => "RUB",
        _ => "UAH",
    }
}

/// Finds the numeric claims in `text[span]` (one sentence).
pub fn scan(text: &str, start: usize, end: usize) -> Vec<Found> {
    let Some(sentence) = text.get(start..end) else {
        return Vec::new();
    };
    let toks = tokenize(sentence, start);
    let p = Parser { toks: &toks, text };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match claim_at(&p, i) {
            Some((found, next)) => {
                if let Some(f) = found {
                    out.push(f);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Fractions and ratios: `one in five`, `nine out of 10`, `two-thirds of`, `half of`.
fn ratio_at(p: &Parser, i: usize) -> Option<(Found, usize)> {
    let tok = &p.toks[i];
    // `half of`, `a third of`, `two-thirds of`, `three quarters of`
    let (frac_start, mut num, mut k) = if matches!(p.lower(i), "a" | "one") {
        (i, 1.0, i + 1)
    } else if let Some(n) = lookup(UNITS_WORDS, p.lower(i)).filter(|n| (2..10).contains(n)) {
        (i, n as f64, i + 1)
    } else {
        (i, 1.0, i)
    };
    if p.is_hyphen(k) && p.glued(k) && k > i {
        k += 1;
    }
    if let Some(f) = lookup(FRACTIONS, p.lower(k)) {
        let half = p.lower(k) == "half";
        let plural = p.lower(k).ends_with('s');
        let lone_ok = half || k > frac_start;
        // `the second half of 2027` is a period, not a share
        let ordinal_before = frac_start >= 1
            && matches!(
                p.lower(frac_start - 1),
                "first" | "second" | "last" | "latter" | "former" | "next" | "final" | "third"
            );
        // `by a quarter point`: a fraction of a percentage point
        let points = match (p.lower(k + 1), p.lower(k + 2)) {
            ("point" | "points", _) => Some(k + 2),
            ("percentage", "point" | "points") => Some(k + 3),
            // `a tenth of a point`
            ("of", "a") if matches!(p.lower(k + 3), "point" | "points") => Some(k + 4),
            ("of", "a") if p.is(k + 3, "percentage") && p.is(k + 4, "point") => Some(k + 5),
            _ => None,
        };
        let agrees = plural == (num > 1.0) || half;
        if let Some(after) = points.filter(|_| lone_ok && agrees && !ordinal_before) {
            return Some((
                Found {
                    kind: Kind::PercentagePoints,
                    start: tok.start,
                    end: p.toks[after - 1].end,
                    value: if half { 0.5 } else { num * f },
                    high: None,
                    against: None,
                    unit: Some("percentage point".to_owned()),
                    per: None,
                    dimension: None,
                    of: None,
                    qualifier: None,
                    vague: false,
                },
                after,
            ));
        }
        if lone_ok && p.is(k + 1, "of") && agrees && !ordinal_before {
            if half {
                num = 1.0;
            }
            return Some((
                Found {
                    kind: Kind::Ratio,
                    start: tok.start,
                    end: p.toks[k].end,
                    value: num * f,
                    high: None,
                    against: None,
                    unit: None,
                    per: None,
                    dimension: None,
                    of: None,
                    qualifier: None,
                    vague: false,
                },
                k + 1,
            ));
        }
    }
    // `one in five`, `1 in 4`, `one in every five`, `nine out of 10`
    let a = p.number(i, false).filter(|n| !n.scaled && !n.vague)?;
    let mut k = a.end;
    if p.is(k, "in") {
        k += 1;
    } else if p.is(k, "out") && p.is(k + 1, "of") {
        k += 2;
    } else {
        return None;
    }
    if p.is(k, "every") {
        k += 1;
    }
    let b = p
        .number(k, false)
        .filter(|n| !n.scaled && !n.vague && n.digits != 4)?;
    let (av, bv) = (a.value.to_f64(), b.value.to_f64());
    if !(bv > 0.0 && av <= bv) || b.lone_one {
        return None;
    }
    Some((
        Found {
            kind: Kind::Ratio,
            start: tok.start,
            end: p.toks[b.end - 1].end,
            value: av / bv,
            high: None,
            against: None,
            unit: None,
            per: None,
            dimension: None,
            of: None,
            qualifier: None,
            vague: false,
        },
        b.end,
    ))
}

/// The claim starting at token `i` (after any qualifier): `Some((None, next))` skips tokens
/// that are numbers but not claims.
#[allow(clippy::too_many_lines)]
fn claim_at(p: &Parser, i: usize) -> Option<(Option<Found>, usize)> {
    if let Some((f, next)) = ratio_at(p, i) {
        return Some((Some(f), next));
    }
    let (mut currency, num_at) = match p.currency_before(i) {
        Some((c, at)) => (Some(c), at),
        None => (None, i),
    };
    let n = p.number(num_at, currency.is_some())?;
    if p.not_a_quantity(num_at, &n) {
        return Some((None, n.end));
    }
    // phone numbers: 1-800-555-0142, (212) 555-0187
    if !n.words {
        let chain =
            (p.is_hyphen(n.end) && p.glued(n.end) && p.kind(n.end + 1) == Some(TokKind::Num))
                .then(|| p.number(n.end + 1, false))
                .flatten();
        if let Some(second) = chain {
            let third = p.is_hyphen(second.end) && p.kind(second.end + 1) == Some(TokKind::Num);
            if third || (n.digits == 3 && second.digits == 4) {
                let mut k = second.end;
                while p.is_hyphen(k) && p.kind(k + 1) == Some(TokKind::Num) {
                    k += 2;
                }
                return Some((None, k));
            }
        }
        if num_at >= 1
            && p.is(num_at - 1, "(")
            && p.is(n.end, ")")
            && n.digits == 3
            && p.kind(n.end + 1) == Some(TokKind::Num)
        {
            return Some((None, n.end + 1));
        }
    }
    let mut start_tok = i;
    let mut qualifier = None;
    let mut between = false;
    if let Some((q, at)) = p.qualifier_before(i) {
        qualifier = Some(q);
        start_tok = at;
    } else if i >= 1 && p.is(i - 1, "between") {
        between = true;
        start_tok = i - 1;
    }
    let mut value = n.value;
    let mut high: Option<Dec> = None;
    let mut against: Option<f64> = None;
    let mut end = n.end;
    let mut score = false;
    // a range or a tally
    if let Some((m, _)) = p.range_end(end, between, currency.is_some()) {
        let hyphen = p.is_hyphen(end);
        let ints = n.plain_int.is_some() && m.plain_int.is_some() && !n.scaled && !m.scaled;
        let near_score_word =
            (start_tok.saturating_sub(2)..m.end + 2).any(|k| SCORE_WORDS.contains(&p.lower(k)));
        if hyphen && ints && currency.is_none() && near_score_word && p.unit_at(m.end).is_none() {
            score = true;
            against = Some(m.value.to_f64());
            end = m.end;
        } else if m.digits == 4 && n.digits == 4 && !n.scaled {
            // 2019-2020: years
            return Some((None, m.end));
        } else {
            let mut low = value;
            // `10-12 million`: the scale of the end applies to the start
            if m.scaled && !n.scaled {
                let shift = m.value.exp
                    - Dec::parse(&p.text[p.toks[m.end - 2].start..p.toks[m.end - 2].end])
                        .map_or(m.value.exp, |d| d.exp);
                low = low.scaled(shift);
            }
            value = low;
            high = Some(m.value);
            end = m.end;
        }
    }
    let mut unit = None;
    let mut per = None;
    let mut dimension = None;
    let mut of = None;
    let mut kind;
    let mut age = false;
    if score {
        kind = Kind::Score;
    } else {
        // `16-foot`, `five-year`, `24-year-old`
        let hyphen_unit = p.is_hyphen(end) && p.glued(end) && p.glued(end + 1);
        let u_at = if hyphen_unit { end + 1 } else { end };
        let unit_found = p
            .unit_at(u_at)
            .filter(|(u, _)| !hyphen_unit || matches!(u, Unit::Measure(_)));
        if let Some((u, after)) = unit_found {
            end = after;
            if hyphen_unit
                && matches!(u, Unit::Measure("year"))
                && p.is_hyphen(end)
                && p.is(end + 1, "old")
            {
                age = true;
                end += 2;
            } else if !hyphen_unit && matches!(u, Unit::Measure("year")) && p.is(end, "old") {
                age = true;
                end += 1;
            }
            unit = Some(u);
        } else if hyphen_unit {
            // `a 20-strong team`: not a unit we know; leave the number alone
        }
        if age {
            kind = Kind::Age;
            unit = Some(Unit::Measure("year"));
        } else {
            kind = match unit {
                Some(Unit::Percent) => Kind::Percent,
                Some(Unit::Points(_)) => Kind::PercentagePoints,
                Some(Unit::Money(c)) => {
                    currency = Some(c);
                    Kind::Money
                }
                Some(_) => Kind::Quantity,
                None if currency.is_some() => Kind::Money,
                None => Kind::Number,
            };
        }
        if kind == Kind::Quantity {
            if let Some(Unit::Measure(_)) = unit {
                if DIMENSIONS.contains(&p.lower(end)) {
                    dimension = Some(p.lower(end).to_owned());
                    end += 1;
                }
            }
        }
        if kind == Kind::Number && !hyphen_unit {
            // `thousands of people`, `40 ships`
            let k = if n.vague { end + 1 } else { end };
            if let Some((noun, after)) = p.counted_noun(k) {
                kind = Kind::Count;
                end = after;
                return finish(
                    p,
                    Draft {
                        kind,
                        start_tok,
                        end,
                        value,
                        high,
                        against,
                        unit_name: Some(noun),
                        per: p.per_at(after).map(|x| x.0),
                        dimension,
                        of,
                        qualifier,
                        vague: n.vague,
                        n,
                    },
                );
            }
        }
        if matches!(kind, Kind::Money | Kind::Quantity | Kind::Count) {
            if let Some((w, after)) = p.per_at(end) {
                per = Some(w);
                end = after;
            }
        }
        if kind == Kind::Percent && p.is(end, "of") {
            let k = if matches!(
                p.lower(end + 1),
                "the" | "its" | "their" | "all" | "his" | "her"
            ) {
                end + 2
            } else {
                end + 1
            };
            of = p.counted_noun(k).map(|x| x.0);
        }
        // `aged 51`
        if kind == Kind::Number && num_at >= 1 && p.is(num_at - 1, "aged") {
            kind = Kind::Age;
            unit = Some(Unit::Measure("year"));
        }
        // `Per Holmen, 64,`: an age in apposition
        if kind == Kind::Number
            && n.plain_int.is_some_and(|v| (1..120).contains(&v))
            && num_at >= 2
            && p.is(num_at - 1, ",")
            && p.is(n.end, ",")
            && p.toks[num_at - 2].kind == TokKind::Word
            && p.text[p.toks[num_at - 2].start..].starts_with(char::is_uppercase)
        {
            kind = Kind::Age;
            unit = Some(Unit::Measure("year"));
        }
    }
    let unit_name = match (kind, unit, currency) {
        (Kind::Money, _, Some(c)) => Some(c.to_owned()),
        (_, Some(Unit::Percent), _) => Some("%".to_owned()),
        (_, Some(Unit::Points(u) | Unit::Measure(u)), _) => Some(u.to_owned()),
        (_, Some(Unit::Area(u)), _) => Some(format!("square {u}")),
        (_, Some(Unit::Volume(u)), _) => Some(format!("cubic {u}")),
        (_, Some(Unit::Speed(u)), _) => Some(format!("{u} per hour")),
        _ => None,
    };
    // `160 kilometres an hour`
    let (unit_name, per) = match (unit_name, per) {
        (Some(u), Some(h))
            if h == "hour" && matches!(u.as_str(), "kilometre" | "mile" | "metre") =>
        {
            (Some(format!("{u} per hour")), None)
        }
        other => other,
    };
    let _ = &mut high;
    finish(
        p,
        Draft {
            kind,
            start_tok,
            end,
            value,
            high,
            against,
            unit_name,
            per,
            dimension,
            of,
            qualifier,
            vague: n.vague,
            n,
        },
    )
}

struct Draft {
    kind: Kind,
    start_tok: usize,
    end: usize,
    value: Dec,
    high: Option<Dec>,
    against: Option<f64>,
    unit_name: Option<String>,
    per: Option<String>,
    dimension: Option<String>,
    of: Option<String>,
    qualifier: Option<Qualifier>,
    vague: bool,
    n: Number,
}

/// Drops what is not a claim (years, a lone `one`, bare word numbers) and builds the finding.
fn finish(p: &Parser, d: Draft) -> Option<(Option<Found>, usize)> {
    let end = d.end.max(d.start_tok + 1);
    let skip = Some((None, end));
    let n = d.n;
    if d.kind == Kind::Number {
        // a bare year (`in 2019`), a bare word number (`the two`), `one`
        let year =
            n.digits == 4 && !n.scaled && n.plain_int.is_some_and(|v| (1000..=2100).contains(&v));
        if year || n.words || n.glued_m || d.high.is_some_and(|_| n.digits == 4) {
            return skip;
        }
    }
    if n.lone_one && !matches!(d.kind, Kind::Percent | Kind::Money) {
        return skip;
    }
    if d.kind == Kind::Count
        && n.digits == 4
        && !n.scaled
        && n.plain_int.is_some_and(|v| (1000..=2100).contains(&v))
    {
        // `in 2008 Ukraine`: a year before a word, not 2008 Ukraines
        return skip;
    }
    let first = p.toks.get(d.start_tok)?;
    let last = p.toks.get(end - 1)?;
    Some((
        Some(Found {
            kind: d.kind,
            start: first.start,
            end: last.end,
            value: d.value.to_f64(),
            high: d.high.map(Dec::to_f64),
            against: d.against,
            unit: d.unit_name,
            per: d.per,
            dimension: d.dimension,
            of: d.of,
            qualifier: d.qualifier,
            vague: d.vague,
        }),
        end,
    ))
}

#[cfg(test)]
// Exact float equality is what these tests check: values come from decimal strings.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    /// (kind, claim text, value, unit) of each claim in `s`.
    fn claims(s: &str) -> Vec<(Kind, String, f64, Option<String>)> {
        scan(s, 0, s.len())
            .into_iter()
            .map(|f| (f.kind, s[f.start..f.end].to_owned(), f.value, f.unit))
            .collect()
    }

    fn only(s: &str) -> Found {
        let mut all = scan(s, 0, s.len());
        assert_eq!(all.len(), 1, "{s:?}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn decimal_values_are_exact() {
        assert_eq!(
            Dec::parse("1.2").unwrap().scaled(9).to_f64(),
            1_200_000_000.0
        );
        assert_eq!(Dec::parse("1,500").unwrap().to_f64(), 1500.0);
        assert_eq!(Dec::parse("34.50").unwrap().to_f64(), 34.5);
        assert_eq!(
            Dec::parse("99999999999999999999999999999999999999999"),
            None
        );
    }

    #[test]
    fn quantities_with_units() {
        let f = only("The blast left a 16-foot deep crater in the road.");
        assert_eq!((f.kind, f.value), (Kind::Quantity, 16.0));
        assert_eq!(f.unit.as_deref(), Some("foot"));
        assert_eq!(f.dimension.as_deref(), Some("deep"));
        let f = only("Winds reached 120 km/h overnight.");
        assert_eq!(f.unit.as_deref(), Some("kilometre per hour"));
        let f = only("The fire burned 4,000 hectares.");
        assert_eq!((f.value, f.unit.as_deref()), (4000.0, Some("hectare")));
    }

    #[test]
    fn money_in_its_forms() {
        let f = only("The fund will spend 1.2 billion euros on roads.");
        assert_eq!(
            (f.kind, f.value, f.unit.as_deref()),
            (Kind::Money, 1.2e9, Some("EUR"))
        );
        let f = only("It sold the unit for £300m last year.");
        assert_eq!((f.value, f.unit.as_deref()), (3e8, Some("GBP")));
        let f = only("Aid of US$ 40 million arrived.");
        assert_eq!((f.value, f.unit.as_deref()), (4e7, Some("USD")));
        let f = only("The plan costs between $10 million and $12 million.");
        assert_eq!((f.value, f.high), (1e7, Some(1.2e7)));
        let f = only("Aid of $5 m and more.");
        assert_eq!((f.kind, f.value), (Kind::Money, 5e6));
        let f = only("Losses of $10-12 million were reported.");
        assert_eq!((f.value, f.high), (1e7, Some(1.2e7)));
    }

    #[test]
    fn percentages_and_points() {
        let f = only("Turnout fell to no more than 5 per cent of voters.");
        assert_eq!(
            (f.kind, f.value, f.qualifier),
            (Kind::Percent, 5.0, Some(Qualifier::AtMost))
        );
        assert_eq!(f.of.as_deref(), Some("voters"));
        let f = only("The bank cut rates by a quarter point.");
        assert_eq!((f.kind, f.value), (Kind::PercentagePoints, 0.25));
    }

    #[test]
    fn counts_ranges_and_ratios() {
        let f = only("Police said more than 40 ships were waiting.");
        assert_eq!(
            (f.kind, f.value, f.qualifier),
            (Kind::Count, 40.0, Some(Qualifier::MoreThan))
        );
        assert_eq!(f.unit.as_deref(), Some("ships"));
        let f = only("Between 300 and 400 people marched.");
        assert_eq!((f.kind, f.value, f.high), (Kind::Count, 300.0, Some(400.0)));
        let f = only("One in five children is underweight.");
        assert_eq!((f.kind, f.value), (Kind::Ratio, 0.2));
        let f = only("Nearly two-thirds of voters backed it.");
        assert!((f.value - 2.0 / 3.0).abs() < 1e-12, "{f:?}");
        let f = only("Thousands of workers joined.");
        assert!(f.vague && f.kind == Kind::Count);
        let f = only("Over 1.5m people fled.");
        assert_eq!(
            (f.kind, f.value, f.unit.as_deref()),
            (Kind::Count, 1.5e6, Some("people"))
        );
        let f = only("She won the 100m sprint.");
        assert_eq!(
            (f.kind, f.value, f.unit.as_deref()),
            (Kind::Quantity, 100.0, Some("metre"))
        );
        let f = only("Twenty-five soldiers were hurt.");
        assert_eq!((f.value, f.unit.as_deref()), (25.0, Some("soldiers")));
    }

    #[test]
    fn ages_and_tallies() {
        assert_eq!(only("The 24-year-old signed on Friday.").kind, Kind::Age);
        assert_eq!(only("Anna Berg, 41, a teacher, said no.").kind, Kind::Age);
        assert_eq!(only("A man aged 51 was hurt.").kind, Kind::Age);
        let f = only("The court ruled 5-4 against the state.");
        assert_eq!((f.kind, f.value, f.against), (Kind::Score, 5.0, Some(4.0)));
    }

    #[test]
    fn what_is_not_a_claim() {
        for s in [
            "It happened in 2019 and again in the 1990s.",
            "The meeting starts at 3 p.m. on March 3.",
            "Call 1-800-555-0142 or (212) 555-0187 today.",
            "Covid-19 cases rose at the G7 summit.",
            "He wears the number 9 shirt and came 14th.",
            "Ukraine will join the alliance one day.",
            "The two said the deal was one of the best.",
            "The deal closes in the second half of 2027.",
        ] {
            assert_eq!(claims(s), vec![], "{s}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "$",
            "1-",
            "-1",
            "between and",
            "a",
            "one in",
            "€€€ 5",
            "9".repeat(200).as_str(),
            "½ of 3½",
        ] {
            let _ = scan(s, 0, s.len());
        }
        // a span that is not on a char boundary is ignored, not a panic
        let s = "é 5 percent";
        assert!(scan(s, 1, s.len()).is_empty());
    }
}
